// Revisions reach `git rev-list` and `git log` on stdin (`--stdin`, which both read), not on the
// command line: a push of thousands of refs names thousands of tips, more than the OS lets one
// command line carry (ARG_MAX: 2 MiB on Linux, 1 MiB on macOS, 32K characters on Windows). Pure.
//
// Git reads stdin where it meets `--stdin` on the command line (so `--ignore-missing` goes first),
// and stdin knows no `--not` (git < 2.42 takes no options there) nor the command line's: each
// revision is written with its own `^`. Pseudo-options (`--all`, `--remotes=origin`) and ranges
// under `--not` stay on the command line, in order: they come from a user's few words, never
// from push data.

export interface RevisionInput {
  /** For the command line, in the revisions' place; ends with `--stdin`. */
  args: string[]
  /** One revision a line. */
  stdin: string
}

export function revisionInput(revisions: string[]): RevisionInput {
  const args: string[] = []
  const lines: string[] = []
  let excluding = false
  for (const rev of revisions) {
    if (rev === '--not') excluding = !excluding
    const line = excluding ? inverted(rev) : rev
    if (fitsALine(rev) && fitsALine(line) && (!excluding || isPlainName(rev))) lines.push(line)
    else args.push(rev)
  }
  return { args: [...args, '--stdin'], stdin: lines.map((line) => `${line}\n`).join('') }
}

/** What `--not` makes of a revision: its `^` taken away, or given. */
function inverted(rev: string): string {
  return rev.startsWith('^') ? rev.slice(1) : `^${rev}`
}

/**
 * Not an option (stdin takes none), not empty (git < 2.42 stops reading at an empty line), no
 * line break (it would split the name; git also drops a trailing carriage return).
 */
function fitsALine(line: string): boolean {
  return line !== '' && !line.startsWith('-') && !/[\r\n]/.test(line)
}

/** A name a `^` simply inverts: not a range (`A..B`, `A...B`) nor a parent shorthand (`A^!`, `A^@`, `A^-`). */
function isPlainName(rev: string): boolean {
  return !rev.includes('..') && !/\^[!@-]/.test(rev)
}
