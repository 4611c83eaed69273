// Revision ranges named for what they select, so code outside src/range asks in words instead of
// writing `git rev-list` syntax (which scan() and `scan REV...` take, checked by leaving.ts).

/** What a push of HEAD would send: the commits no remote-tracking branch has. */
export function unpushed(): string[] {
  return ['HEAD', '--not', '--remotes']
}

/** Every ref's history, and any further revisions. */
export function everyRef(...more: string[]): string[] {
  return ['--all', ...more]
}

/** What `head` has that none of `excluded` has (`head --not A B`). */
export function excluding(head: string, excluded: string[]): string[] {
  return [head, '--not', ...excluded]
}
