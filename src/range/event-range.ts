// What a GitHub Actions event puts up for scanning, as push-updates.ts does for a git push: the
// commits, and where the registry that judges them is committed, decided from the event payload
// alone. The git questions (which branch origin/HEAD names, where the default branch points) are
// asked after the Action has fetched the history they need.
import { z } from 'zod'
import { ScanError } from '../errors.js'
import { VISIBILITIES, type Visibility } from '../types.js'
import type { GitRepository } from './git.js'
import { isZeroId } from './push-updates.js'

export const REMOTE = 'origin'

export const SUPPORTED_EVENTS = [
  'push',
  'pull_request',
  'pull_request_target',
  'merge_group',
  'workflow_dispatch',
  'schedule'
] as const

/** What to scan: the commits of head that base lacks, a new branch, every ref, or nothing. */
export type ScanTarget = Between | NewBranch | { kind: 'all' } | { kind: 'nothing'; reason: string }

/** base..head; a push's `ifBaseIsGone` says what to scan when a force push left `base` off the server. */
export interface Between {
  kind: 'between'
  base: string
  head: string
  ifBaseIsGone?: ScanTarget
}

/** A ref pushed with no old tip: measured against the default branch. */
export interface NewBranch {
  kind: 'new-branch'
  head: string
  ref: string
}

export interface EventRange {
  target: ScanTarget
  /** For the summary: the event and the range in words. */
  description: string
  /** The pull request to comment on. */
  pullRequest?: number
  /** The default branch as the event names it: `repository.default_branch`; for schedule, GITHUB_REF. */
  defaultBranch?: string
  /** The ref a push updated: a push to the default branch is judged by that branch's old tip. */
  pushedRef?: string
  /** How messages name the commits the event brings: `refs/heads/feature`, `pull request #7`. */
  headName?: string
  /** The repository's visibility (`repository.visibility`, else `private`), for labels' allowed_destinations. */
  visibility?: Visibility
}

/**
 * Where the registry that judges an event is committed: the default branch's tip on origin; for a
 * push to the default branch, its tip before the push; `unborn` when this push creates the default
 * branch (no earlier commit to trust: judged as pre-receive judges a first push); none when nothing
 * is scanned or the default branch is unknown.
 */
export type RegistrySide =
  | { kind: 'branch-tip'; branch: string }
  | { kind: 'commit'; commit: string; branch: string }
  | { kind: 'unborn'; branch: string; why: string }
  | { kind: 'none'; why: string }

const sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'expected a commit id')

/** A branch name git accepts in a refspec (the gist of `git check-ref-format`): no spaces, `:`, `..`, `@{`. */
const branchName = z
  .string()
  .regex(
    /^(?!-)(?!.*\.\.)(?!.*@\{)(?!.*\/\/)(?!\/)[^\s\p{Cc}~^:?*[\\]+(?<![/.])(?<!\.lock)$/u,
    'expected a branch name'
  )
/** Every payload but schedule's names the repository: its default branch and visibility (read leniently). */
const RepositorySchema = z.object({
  repository: z
    .object({
      default_branch: branchName.optional(),
      visibility: z.string().optional().catch(undefined),
      private: z.boolean().optional().catch(undefined)
    })
    .nullish()
})

const PushSchema = RepositorySchema.extend({ ref: z.string().min(1), before: sha, after: sha })
const PullRequestSchema = RepositorySchema.extend({
  number: z.number().int(),
  pull_request: z.object({ base: z.object({ sha }), head: z.object({ sha }) })
})
const MergeGroupSchema = RepositorySchema.extend({ merge_group: z.object({ base_sha: sha, head_sha: sha }) })

/**
 * The range and the registry side of an event. `githubRef` (GITHUB_REF) names the default branch
 * for schedule, whose payload names no repository: GitHub runs scheduled workflows on it.
 */
export function rangeForEvent(eventName: string, payload: unknown, githubRef?: string): EventRange {
  switch (eventName) {
    case 'push':
      return pushRange(payloadOf(PushSchema, payload, eventName))
    case 'pull_request':
    case 'pull_request_target': {
      const { number, pull_request: pr, repository } = payloadOf(PullRequestSchema, payload, eventName)
      return {
        target: between(pr.base.sha, pr.head.sha),
        description: `${eventName} #${number}: ${short(pr.base.sha)}..${short(pr.head.sha)}`,
        pullRequest: number,
        headName: `pull request #${number}`,
        ...repositoryFacts(repository)
      }
    }
    case 'merge_group': {
      const { merge_group: group, repository } = payloadOf(MergeGroupSchema, payload, eventName)
      return {
        target: between(group.base_sha, group.head_sha),
        description: `merge_group: ${short(group.base_sha)}..${short(group.head_sha)}`,
        headName: 'the merge group',
        ...repositoryFacts(repository)
      }
    }
    case 'workflow_dispatch':
    case 'schedule':
      return auditRange(eventName, payloadOf(RepositorySchema, payload, eventName), githubRef)
    default:
      throw new ScanError(
        `model-leak-guard does not run on "${eventName}" events; supported events: ${SUPPORTED_EVENTS.join(', ')}`
      )
  }
}

function pushRange(push: z.infer<typeof PushSchema>): EventRange {
  const named = { ...repositoryFacts(push.repository), pushedRef: push.ref, headName: push.ref }
  if (isZeroId(push.after)) {
    const target: ScanTarget = { kind: 'nothing', reason: `${push.ref} was deleted` }
    return { target, description: `push: ${push.ref} deleted`, ...named }
  }
  const asNewBranch: ScanTarget = { kind: 'new-branch', head: push.after, ref: push.ref }
  if (isZeroId(push.before)) {
    const description = `push of new ${push.ref}: ${short(push.after)} and the commits the default branch lacks`
    return { target: asNewBranch, description, ...named }
  }
  // A force push's old tip may be gone from the server: then measure against the default branch.
  const target: ScanTarget = { ...between(push.before, push.after), ifBaseIsGone: asNewBranch }
  return { target, description: `push to ${push.ref}: ${short(push.before)}..${short(push.after)}`, ...named }
}

function auditRange(
  eventName: string,
  { repository }: z.infer<typeof RepositorySchema>,
  githubRef: string | undefined
): EventRange {
  const facts = repositoryFacts(repository)
  return {
    target: { kind: 'all' },
    description: `${eventName}: the whole history (every branch and tag)`,
    ...facts,
    defaultBranch: facts.defaultBranch ?? (eventName === 'schedule' ? branchOfRef(githubRef) : undefined)
  }
}

function repositoryFacts(
  repository: z.infer<typeof RepositorySchema>['repository']
): Pick<EventRange, 'defaultBranch' | 'visibility'> {
  const named = VISIBILITIES.find((visibility) => visibility === repository?.visibility)
  const byFlag = repository?.private === undefined ? undefined : repository.private ? 'private' : 'public'
  return { defaultBranch: repository?.default_branch ?? undefined, visibility: named ?? byFlag }
}

function branchOfRef(ref: string | undefined): string | undefined {
  return ref?.startsWith('refs/heads/') ? branchName.safeParse(ref.slice('refs/heads/'.length)).data : undefined
}

/**
 * Every event is judged by the registry on the default branch, as pre-receive judges a push: not by
 * a pull request's base or a pushed branch's old tip, which whoever pushes to that branch may have
 * relabelled earlier. A push to the default branch itself is judged by its tip before the push.
 */
export function registrySideFor(event: EventRange, target: ScanTarget, defaultBranch?: string): RegistrySide {
  if (target.kind === 'nothing') return { kind: 'none', why: target.reason }
  if (defaultBranch === undefined) {
    return {
      kind: 'none',
      why: 'the default branch is unknown (no repository.default_branch in the payload, no origin/HEAD)'
    }
  }
  if (event.pushedRef !== `refs/heads/${defaultBranch}`) return { kind: 'branch-tip', branch: defaultBranch }
  if (target.kind === 'between') return { kind: 'commit', commit: target.base, branch: defaultBranch }
  return {
    kind: 'unborn',
    branch: defaultBranch,
    why: `${event.pushedRef} has no earlier tip on ${REMOTE} (this push created it, or replaced a tip that is gone)`
  }
}

function between(base: string, head: string): Between {
  return { kind: 'between', base, head }
}

function short(id: string): string {
  return id.slice(0, 12)
}

function payloadOf<T extends z.ZodType>(schema: T, payload: unknown, eventName: string): z.infer<T> {
  const parsed = schema.safeParse(payload)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
  throw new ScanError(`the ${eventName} event payload lacks what the range needs: ${problems}`)
}

/** The default branch: as the event names it, else as origin/HEAD names it (a clone's, not checkout's). */
export async function defaultBranchOf(git: GitRepository, event: EventRange): Promise<string | undefined> {
  if (event.defaultBranch !== undefined) return event.defaultBranch
  const prefix = `refs/remotes/${REMOTE}/`
  const ref = await git.symbolicRef(`${prefix}HEAD`)
  return ref?.startsWith(prefix) ? ref.slice(prefix.length) : undefined
}

/** The `git rev-list` arguments for a target once its history is present, and what to warn of. */
export async function revisionsFor(
  git: GitRepository,
  target: ScanTarget,
  defaultBranch?: string
): Promise<{ revisions: string[]; warning?: string }> {
  switch (target.kind) {
    case 'between':
      return { revisions: [target.head, `^${target.base}`] }
    case 'all':
      return { revisions: ['--all'] }
    case 'nothing':
      return { revisions: [] }
    case 'new-branch':
      return newBranchRevisions(git, target, defaultBranch)
  }
}

/**
 * A new branch is measured against the default branch only. Not every other remote branch: one
 * attacker can create several at once at the same commit, and each would vouch for the other. Fail
 * closed: a branch started from another unmerged branch rescans that branch's commits; the push that
 * creates the default branch itself, or one whose default branch is unknown, scans its whole history.
 */
async function newBranchRevisions(
  git: GitRepository,
  target: NewBranch,
  defaultBranch?: string
): Promise<{ revisions: string[]; warning?: string }> {
  if (defaultBranch !== undefined && target.ref === `refs/heads/${defaultBranch}`) return { revisions: [target.head] }
  const base = defaultBranch === undefined ? null : await git.revParse(`${remoteBranch(defaultBranch)}^{commit}`)
  if (base) return { revisions: [target.head, '--not', base] }
  const why = defaultBranch === undefined ? 'it is unknown' : `${remoteBranch(defaultBranch)} is not there`
  return {
    revisions: [target.head],
    warning: `no default branch to measure ${target.ref} against (${why}): scanning its whole history`
  }
}

/** `refs/remotes/origin/<branch>`: a branch of origin as last fetched. */
export function remoteBranch(branch: string): string {
  return `refs/remotes/${REMOTE}/${branch}`
}
