// One comment per pull request: found again by its hidden marker and updated in place, so a
// PR never collects a comment per run. A comment that cannot be written is a warning, not a failure.
// Only a bot's comment is ours to update: anyone can paste the marker into their own comment.
import * as core from '@actions/core'
import { COMMENT_MARKER } from '../report/pr-comment.js'
import { httpStatusOf, type Octokit } from './api.js'

export interface PullRequestRef {
  owner: string
  repo: string
  number: number
}

export type CommentOutcome = 'created' | 'updated' | 'failed'

export async function upsertPullRequestComment(
  octokit: Octokit,
  pr: PullRequestRef,
  body: string
): Promise<CommentOutcome> {
  try {
    const existing = await findMarkedComment(octokit, pr)
    if (existing === undefined) {
      await octokit.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body })
      return 'created'
    }
    await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: existing, body })
    return 'updated'
  } catch (error) {
    core.warning(commentFailure(pr, error))
    return 'failed'
  }
}

async function findMarkedComment(octokit: Octokit, pr: PullRequestRef): Promise<number | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    per_page: 100
  })
  for await (const { data: comments } of pages) {
    const marked = comments.find((comment) => comment.user?.type === 'Bot' && comment.body?.includes(COMMENT_MARKER))
    if (marked) return marked.id
  }
  return undefined
}

export function commentFailure(pr: PullRequestRef, error: unknown): string {
  if (httpStatusOf(error) === 403) {
    return `cannot comment on pull request #${pr.number} (403): give the workflow \`permissions: pull-requests: write\``
  }
  return `cannot comment on pull request #${pr.number}: ${(error as Error).message}`
}
