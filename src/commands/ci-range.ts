// The range a GitLab CI pipeline scans, from the variables GitLab sets: a merge request brings in
// what its source has beyond the diff base (and beyond the target's tip, when GitLab names it); a
// branch pipeline, what the push added. Pure: variables in, revisions out.
import { ScanError } from '../errors.js'
import { isZeroId } from '../range/push-updates.js'
import { excluding } from '../range/revisions.js'

export interface CiRange {
  /** The commit whose history is scanned. */
  head: string
  /** The commit the range is measured from; its history must be whole in the clone. */
  base: string
  /** Everything excluded, base first. */
  exclude: string[]
}

export function gitlabRange(env: NodeJS.ProcessEnv): CiRange {
  const mergeBase = env.CI_MERGE_REQUEST_DIFF_BASE_SHA
  if (mergeBase) {
    // A merged results pipeline runs on a merge commit of the target: the source's own tip is what is new.
    const head = env.CI_MERGE_REQUEST_SOURCE_BRANCH_SHA || required(env, 'CI_COMMIT_SHA')
    const target = env.CI_MERGE_REQUEST_TARGET_BRANCH_SHA
    return { head, base: mergeBase, exclude: target && target !== mergeBase ? [mergeBase, target] : [mergeBase] }
  }
  const before = env.CI_COMMIT_BEFORE_SHA
  const head = required(env, 'CI_COMMIT_SHA')
  if (before && !isZeroId(before)) return { head, base: before, exclude: [before] }
  throw new ScanError(
    'scan --gitlab scans merge request pipelines (CI_MERGE_REQUEST_DIFF_BASE_SHA) and pushes to an existing branch ' +
      '(CI_COMMIT_BEFORE_SHA); this pipeline has neither: run it on merge requests, or give the range (scan BASE..HEAD)'
  )
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]
  if (!value) throw new ScanError(`scan --gitlab: ${name} is not set (is this a GitLab CI job?)`)
  return value
}

/** The revisions `scan` takes for a range. */
export function rangeRevisions(range: CiRange): string[] {
  return excluding(range.head, range.exclude)
}
