// "Take the file out": the one wording of how to remove a blocked file, fitted to where the scan
// runs. Before a push (pre-push, and a rejected push in pre-receive) the commits can still be
// rewritten; in CI they are already pushed, so the history keeps the file until it is purged.
import type { Place, RunsIn } from '../types.js'

/** A path as a shell argument, quoted so any name survives copy and paste. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

export function shortCommit(commit: string): string {
  return commit.slice(0, 12)
}

/** One line per place the file leaves at; `staged`: a file only in the index, one command from never being committed. */
export function removalAdvice(places: Place[], runsIn: RunsIn | 'staged' | 'unreached'): string[] {
  return places.map((place) => REMOVAL[runsIn](shellQuote(place.path), shortCommit(place.commit)))
}

/** The commands that take a file out of a commit not pushed yet, step by step (the pre-push hook's advice). */
export function rewriteSteps(place: Place): string[] {
  const commit = shortCommit(place.commit)
  return [
    `  ${place.path} (added in ${commit}):`,
    `    if ${commit} is your last commit:  git rm --cached -- ${shellQuote(place.path)} && git commit --amend --no-edit`,
    `    if it is older:  git rebase -i ${commit}~1   (mark it "edit", git rm --cached it, git commit --amend, git rebase --continue)`
  ]
}

const REWRITE = (path: string, commit: string): string =>
  `git rm --cached -- ${path} and amend, or rebase to edit ${commit} (it leaves even if a later commit deletes it)`

const REMOVAL: Record<RunsIn | 'staged' | 'unreached', (path: string, commit: string) => string> = {
  staged: (path) => `take it out of the index: git rm --cached -- ${path}`,
  unreached: () =>
    'nothing was pushed: no ref you push reaches this object, yet the pack your client sent carries it (and the server would keep it); push with git itself, which sends only what the refs reach',
  'pre-push': (path, commit) => `drop it from the unpushed commits: ${REWRITE(path, commit)}`,
  'pre-receive': (path, commit) =>
    `nothing was pushed: take it out of the commits you push (${REWRITE(path, commit)}), then push again`,
  ci: (path, commit) =>
    `the commits are already pushed: rewrite this branch without it (${REWRITE(path, commit)}) and force-push, or remove it in a new commit (git rm --cached -- ${path}); if the repository is public, ask an admin to purge it from the history`,
  cli: (path, commit) =>
    `if ${commit} is not pushed yet: ${REWRITE(path, commit)}; if it is: remove it in a new commit (git rm --cached -- ${path}) and, if the repository is public, ask an admin to purge it from the history`
}
