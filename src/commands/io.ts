// What a command may touch of the outside world, so tests can run commands in-process.
export interface CommandIO {
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: { write(text: string): unknown; isTTY?: boolean }
  stderr: { write(text: string): unknown; isTTY?: boolean }
  /** Standard input, read whole (hooks get their ref lines there). */
  readStdin(): Promise<string>
  /** The script this CLI runs from (dist/cli.js, symlinks resolved) when it runs as a program. */
  program?: string
}

export type Command = (args: string[], io: CommandIO) => Promise<number>

export function processIO(program?: string): CommandIO {
  return {
    program,
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    async readStdin() {
      if (process.stdin.isTTY) return ''
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    }
  }
}
