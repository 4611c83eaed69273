// The one place an Octokit is made: the token and the API URL (GitHub Enterprise Server too).
import { getOctokit } from '@actions/github'

export interface ApiAccess {
  token: string
  /** `GITHUB_API_URL`, e.g. https://api.github.com or https://ghes.example/api/v3. */
  apiUrl: string
}

export type Octokit = ReturnType<typeof getOctokit>

export function octokitFor(access: ApiAccess): Octokit {
  return getOctokit(access.token, { baseUrl: access.apiUrl })
}
