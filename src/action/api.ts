// The one place an Octokit is made: the token and the API URL (GitHub Enterprise Server too).
import { getOctokit } from '@actions/github'
import { RequestError } from '@octokit/request-error'
import { ScanError } from '../errors.js'

export interface ApiAccess {
  token: string
  /** `GITHUB_API_URL`, e.g. https://api.github.com or https://ghes.example/api/v3. */
  apiUrl: string
}

export type Octokit = ReturnType<typeof getOctokit>

/** Callers say which input is empty first; this is the net under them (Octokit's own error reads as a bug). */
export function octokitFor(access: ApiAccess): Octokit {
  if (access.token === '') throw new ScanError('the GitHub API needs a token, and the token input is empty')
  return getOctokit(access.token, { baseUrl: access.apiUrl })
}

/**
 * The HTTP status of a failed API request; undefined for anything else (no answer at all, a bug).
 * @actions/github's Octokit throws @octokit/request-error's RequestError: one copy in the bundle.
 */
export function httpStatusOf(error: unknown): number | undefined {
  return error instanceof RequestError ? error.status : undefined
}
