// The range a pre-push hook scans, from what the destination really has. The remote tips git
// names for updated refs are exact, and usually here: the scan runs over that exact range at once,
// with no process to ask first. When a ref is new, or a named tip turns out not to be here
// (someone else pushed), the destination is asked once (`git ls-remote`) and its refs bound the
// range. When it cannot be asked, the scan covers more, never less: only the tips git named that
// are here are excluded.
import { ScanError } from '../errors.js'
import type { GitRepository } from './git.js'
import { planPush, revisionsExcluding, type PushPlan, type PushRemote, type PushUpdate } from './push-updates.js'

/** Called when the destination could not be asked, with git's reason; the scan goes on, larger. */
export type DestinationUnreachable = (reason: string) => void

/** Runs `scanRange` over what the push sends; null when it sends nothing (deletions only). */
export async function overPushRange<T>(
  git: GitRepository,
  push: { updates: PushUpdate[]; remote: PushRemote; unreachable: DestinationUnreachable },
  scanRange: (revisions: string[]) => Promise<T>
): Promise<T | null> {
  const plan = planPush(push.updates)
  if (plan.include.length === 0) return null
  if (plan.createsRefs) return scanRange(await boundedByDestination(git, plan, push))
  try {
    return await scanRange(revisionsExcluding(plan.include, plan.remoteTips, false))
  } catch (error) {
    // git cannot exclude a tip it does not have: only then is the destination asked.
    if (!(error instanceof ScanError) || (await allPresent(git, plan.remoteTips))) throw error
    return scanRange(await boundedByDestination(git, plan, push))
  }
}

async function boundedByDestination(
  git: GitRepository,
  plan: PushPlan,
  push: { remote: PushRemote; unreachable: DestinationUnreachable }
): Promise<string[]> {
  const destinationTips = await askDestination(git, push.remote.url, push.unreachable)
  return revisionsExcluding(plan.include, [...plan.remoteTips, ...destinationTips], true)
}

/** Whether every id is an object here (asked through the repository's cat-file reader). */
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
