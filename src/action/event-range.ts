// Which commits an event puts up for scanning, decided from the event payload alone.
// The only git question (where the default branch a new branch is measured against points) is
// asked by revisionsFor(), after the history it needs has been fetched.
import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { ScanError } from '../errors.js'
import type { GitRepository } from '../range/git.js'
import { remoteDefaultBranchSource, type TrustedSource } from '../registry/trusted.js'

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

/**
 * base..head. `registryBranch`: a push to a branch other than the default one, whose registry is
 * read at the default branch's tip (fetched by ensureHistory), not at `before`, which the same
 * pusher may have relabelled in an earlier push; dropped when that tip cannot be fetched.
 */
export interface Between {
  kind: 'between'
  base: string
  head: string
  ifBaseIsGone?: ScanTarget
  registryBranch?: string
}

/** A ref pushed with no old tip; `defaultBranch` from the payload (undefined: use origin/HEAD). */
export interface NewBranch {
  kind: 'new-branch'
  head: string
  ref: string
  defaultBranch: string | undefined
}

export interface EventRange {
  target: ScanTarget
  /** For the summary: the event and the range in words. */
  description: string
  /** The pull request to comment on. */
  pullRequest?: number
}

const sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'expected a commit id')
const isZero = (id: string): boolean => /^0+$/.test(id)

const PushSchema = z.object({
  ref: z.string(),
  before: sha,
  after: sha,
  repository: z.object({ default_branch: z.string().min(1).optional() }).optional()
})
const PullRequestSchema = z.object({
  number: z.number().int(),
  pull_request: z.object({ base: z.object({ sha }), head: z.object({ sha }) })
})
const MergeGroupSchema = z.object({ merge_group: z.object({ base_sha: sha, head_sha: sha }) })

export async function readEventPayload(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new ScanError(`cannot read the event payload ${path}: ${(error as Error).message}`)
  }
}

export function rangeForEvent(eventName: string, payload: unknown): EventRange {
  switch (eventName) {
    case 'push':
      return pushRange(payloadOf(PushSchema, payload, eventName))
    case 'pull_request':
    case 'pull_request_target': {
      const { number, pull_request: pr } = payloadOf(PullRequestSchema, payload, eventName)
      return {
        target: between(pr.base.sha, pr.head.sha),
        description: `${eventName} #${number}: ${short(pr.base.sha)}..${short(pr.head.sha)}`,
        pullRequest: number
      }
    }
    case 'merge_group': {
      const { merge_group: group } = payloadOf(MergeGroupSchema, payload, eventName)
      return {
        target: between(group.base_sha, group.head_sha),
        description: `merge_group: ${short(group.base_sha)}..${short(group.head_sha)}`
      }
    }
    case 'workflow_dispatch':
    case 'schedule':
      return { target: { kind: 'all' }, description: `${eventName}: the whole history (every branch and tag)` }
    default:
      throw new ScanError(
        `model-leak-guard does not run on "${eventName}" events; supported events: ${SUPPORTED_EVENTS.join(', ')}`
      )
  }
}

function pushRange(push: z.infer<typeof PushSchema>): EventRange {
  if (isZero(push.after))
    return { target: { kind: 'nothing', reason: `${push.ref} was deleted` }, description: `push: ${push.ref} deleted` }
  const asNewBranch: ScanTarget = {
    kind: 'new-branch',
    head: push.after,
    ref: push.ref,
    defaultBranch: push.repository?.default_branch
  }
  if (isZero(push.before)) {
    return {
      target: asNewBranch,
      description: `push of new ${push.ref}: ${short(push.after)} and the commits the default branch lacks`
    }
  }
  // A force push's old tip may be gone from the server: then measure against the default branch.
  const target: ScanTarget = {
    ...between(push.before, push.after),
    ifBaseIsGone: asNewBranch,
    ...registryBranchOf(push)
  }
  return { target, description: `push to ${push.ref}: ${short(push.before)}..${short(push.after)}` }
}

/** A push to another branch than the default one is judged by the default branch's registry. */
function registryBranchOf(push: z.infer<typeof PushSchema>): Pick<Between, 'registryBranch'> {
  const defaultBranch = push.repository?.default_branch
  return defaultBranch === undefined || push.ref === `refs/heads/${defaultBranch}`
    ? {}
    : { registryBranch: defaultBranch }
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

/** The `git rev-list` arguments for a target, once its history is present. */
export async function revisionsFor(git: GitRepository, target: ScanTarget): Promise<string[]> {
  switch (target.kind) {
    case 'between':
      return [target.head, `^${target.base}`]
    case 'all':
      return ['--all']
    case 'nothing':
      return []
    case 'new-branch':
      return newBranchRevisions(git, target)
  }
}

async function newBranchRevisions(git: GitRepository, target: NewBranch): Promise<string[]> {
  const base = await newBranchBase(git, target)
  if (base.rev !== null) return [target.head, '--not', base.rev]
  core.warning(`no default branch to measure ${target.ref} against (${base.shownAs}): scanning its whole history`)
  return [target.head]
}

/**
 * What a new branch is measured against, and whose registry judges it: the default branch only.
 * Not every other remote branch: one attacker can create several at once at the same commit, and
 * each would vouch for the other. Fail closed: a branch started from another unmerged branch
 * rescans that branch's commits. rev is null when this push created the default branch itself.
 */
export async function newBranchBase(git: GitRepository, target: NewBranch): Promise<TrustedSource> {
  const source =
    target.defaultBranch === undefined
      ? await remoteDefaultBranchSource(git, REMOTE)
      : await remoteBranchSource(git, target.defaultBranch)
  const own =
    target.ref.startsWith('refs/heads/') &&
    source.shownAs === `refs/remotes/${REMOTE}/${target.ref.slice('refs/heads/'.length)}`
  return own ? { rev: null, shownAs: `${source.shownAs} is the branch this push created` } : source
}

/** `refs/remotes/origin/<branch>` as last fetched. */
export async function remoteBranchSource(git: GitRepository, branch: string): Promise<TrustedSource> {
  const ref = `refs/remotes/${REMOTE}/${branch}`
  return { rev: await git.revParse(`${ref}^{commit}`), shownAs: ref }
}
