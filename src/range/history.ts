// Whether a clone holds the whole history of base..head, and fetching it when it does not: CI
// clones are shallow, and a scan over a range cut by a shallow boundary would see fewer commits
// than the range has. Deepening stops as soon as the range is whole; a full clone is never fetched.
import { ScanError } from '../errors.js'
import type { GitRepository } from './git.js'

/** Depths tried, in turn, before the whole history. */
const DEPTHS = [50, 1000]

/** Both ends present and, in a shallow repository, no cut inside base..head. */
export async function historyIsWhole(git: GitRepository, base: string, head: string): Promise<boolean> {
  if (!(await git.hasCommit(base)) || !(await git.hasCommit(head))) return false
  const cuts = await git.shallowCommits()
  if (cuts.size === 0) return true
  if ((await git.mergeBase(base, head)) === null) return false
  return !(await git.commitsBetween(base, head)).some((commit) => cuts.has(commit))
}

/**
 * Fetches from `remote` until base..head is whole: both commits at growing depths, then the whole
 * history. A server that refuses to send a commit by id is covered by the last step.
 */
export async function deepenUntilWhole(git: GitRepository, remote: string, base: string, head: string): Promise<void> {
  if (await historyIsWhole(git, base, head)) return
  const shallow = await git.isShallow()
  for (const depth of shallow ? DEPTHS : [undefined]) {
    await git.fetch({ remote, refspecs: [base, head], depth }).catch(() => undefined)
    if (await historyIsWhole(git, base, head)) return
  }
  if (await git.isShallow()) await git.fetch({ remote, refspecs: [], unshallow: true })
  if (await historyIsWhole(git, base, head)) return
  throw new ScanError(
    `cannot get the history of ${base.slice(0, 12)}..${head.slice(0, 12)} from ${remote}: fetch it (or clone with the full history) before scanning`
  )
}
