// Which commits an event puts up for scanning, decided from the event payload alone.
// The only git question (which remote branches a new branch is measured against) is asked by
// revisionsFor(), after the history it needs has been fetched.
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { ScanError } from '../errors.js'
import type { GitRepository } from '../range/git.js'

export const REMOTE = 'origin'

export const SUPPORTED_EVENTS = ['push', 'pull_request', 'pull_request_target', 'merge_group', 'workflow_dispatch', 'schedule'] as const

/** What to scan: the commits of head that base lacks, a new branch, every ref, or nothing. */
export type ScanTarget =
  | { kind: 'between'; base: string; head: string; ifBaseIsGone?: ScanTarget }
  | { kind: 'new-branch'; head: string; branch: string | undefined }
  | { kind: 'all' }
  | { kind: 'nothing'; reason: string }

export interface EventRange {
  target: ScanTarget
  /** For the summary: the event and the range in words. */
  description: string
  /** The pull request to comment on. */
  pullRequest?: number
}

const sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'expected a commit id')
const isZero = (id: string): boolean => /^0+$/.test(id)

const PushSchema = z.object({ ref: z.string(), before: sha, after: sha })
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
      return { target: between(pr.base.sha, pr.head.sha), description: `${eventName} #${number}: ${short(pr.base.sha)}..${short(pr.head.sha)}`, pullRequest: number }
    }
    case 'merge_group': {
      const { merge_group: group } = payloadOf(MergeGroupSchema, payload, eventName)
      return { target: between(group.base_sha, group.head_sha), description: `merge_group: ${short(group.base_sha)}..${short(group.head_sha)}` }
    }
    case 'workflow_dispatch':
    case 'schedule':
      return { target: { kind: 'all' }, description: `${eventName}: the whole history (every branch and tag)` }
    default:
      throw new ScanError(`model-leak-guard does not run on "${eventName}" events; supported events: ${SUPPORTED_EVENTS.join(', ')}`)
  }
}

function pushRange(push: z.infer<typeof PushSchema>): EventRange {
  if (isZero(push.after)) return { target: { kind: 'nothing', reason: `${push.ref} was deleted` }, description: `push: ${push.ref} deleted` }
  const branch = push.ref.startsWith('refs/heads/') ? push.ref.slice('refs/heads/'.length) : undefined
  const asNewBranch: ScanTarget = { kind: 'new-branch', head: push.after, branch }
  if (isZero(push.before)) {
    return { target: asNewBranch, description: `push of new ${push.ref}: ${short(push.after)} and the commits no other branch on ${REMOTE} has` }
  }
  // A force push's old tip may be gone from the server: then measure against the other branches.
  const target: ScanTarget = { ...between(push.before, push.after), ifBaseIsGone: asNewBranch }
  return { target, description: `push to ${push.ref}: ${short(push.before)}..${short(push.after)}` }
}

function between(base: string, head: string): Extract<ScanTarget, { kind: 'between' }> {
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
      return [target.head, '--not', ...(await otherRemoteBranches(git, target.branch))]
  }
}

/** Remote-tracking refs of every branch but the pushed one (nor a symbolic ref pointing at it). */
async function otherRemoteBranches(git: GitRepository, branch: string | undefined): Promise<string[]> {
  const own = branch === undefined ? undefined : `refs/remotes/${REMOTE}/${branch}`
  const { stdout } = await git.run(['for-each-ref', '--format=%(refname) %(symref)', `refs/remotes/${REMOTE}/`])
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' '))
    .filter(([name, target]) => name !== own && target !== own)
    .map(([name]) => name)
}
