// The range a pre-push hook scans, from what the destination really has. The remote tips git
// names for updated refs are exact; when a ref is new, or a named tip is not here (someone else
// pushed), the destination is asked once (`git ls-remote`). When it cannot be asked, the scan
// covers more, never less: only the tips git named are excluded.
import { ScanError } from '../errors.js'
import type { GitRepository } from './git.js'
import { planPush, revisionsExcluding, type PushRemote, type PushUpdate } from './push-updates.js'

/** Called when the destination could not be asked, with git's reason; the scan goes on, larger. */
export type DestinationUnreachable = (reason: string) => void

export async function pushRevisions(
  git: GitRepository,
  updates: PushUpdate[],
  remote: PushRemote,
  unreachable: DestinationUnreachable
): Promise<string[]> {
  const plan = planPush(updates)
  if (plan.include.length === 0) return []
  if (!plan.createsRefs && (await allPresent(git, plan.remoteTips))) {
    return revisionsExcluding(plan.include, plan.remoteTips, false)
  }
  const destinationTips = await askDestination(git, remote.url, unreachable)
  return revisionsExcluding(plan.include, [...plan.remoteTips, ...destinationTips], true)
}

/** Whether every id is an object here, asked through the cat-file process the scan reads with anyway. */
async function allPresent(git: GitRepository, ids: string[]): Promise<boolean> {
  const found = await Promise.all(ids.map((id) => git.catFile().read(id, 0)))
  return found.every((object) => object !== null)
}

async function askDestination(git: GitRepository, url: string, unreachable: DestinationUnreachable): Promise<string[]> {
  try {
    return await git.lsRemote(url)
  } catch (error) {
    if (!(error instanceof ScanError)) throw error
    unreachable(error.message)
    return []
  }
}
