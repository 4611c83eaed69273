// A ScanError is the user's mistake (bad registry, bad revision, not a git repo): exit code 2
// with a message that names the file and line or the git command. Anything else is a bug.
export class ScanError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ScanError'
  }
}

export const EXIT = { pass: 0, blocked: 1, error: 2 } as const

/**
 * Bytes that do not parse as the format a reader expected. Readers throw it; detection and
 * provenance turn it into a finding (`kind: unknown`, an unreadable source). Any other error
 * escaping a reader is a bug and propagates.
 */
export class MalformedInput extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MalformedInput'
  }
}
