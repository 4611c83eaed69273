// Actions checks out one commit by default (fetch-depth: 1). Before scanning, fetch just the
// history the range needs: the base and head commits, deepened until base..head is whole;
// every branch, unshallowed, for a new branch (measured against the default branch) or an audit;
// and the default branch's tip, whose registry judges the run.
import * as core from '@actions/core'
import { ScanError } from '../errors.js'
import type { GitRepository } from '../range/git.js'
import { REMOTE, type Between, type ScanTarget } from '../range/event-range.js'
import { historyIsWhole } from '../range/history.js'

export interface FetchAuth {
  /** Used only when the checkout left no credentials behind (persist-credentials: false). */
  token: string
  serverUrl: string
}

/** Depths tried, in turn, before fetching the whole history. */
const DEPTHS = [50, 1000]
const BRANCHES = `+refs/heads/*:refs/remotes/${REMOTE}/*`

/**
 * Fetches what `target` needs, and the tip of `registryBranch` (the default branch, whose registry
 * judges the run); returns the target to scan (a force push whose old tip is gone falls back).
 */
export async function ensureHistory(
  git: GitRepository,
  target: ScanTarget,
  auth: FetchAuth,
  registryBranch?: string
): Promise<ScanTarget> {
  const fetcher = new Fetcher(git, auth)
  switch (target.kind) {
    case 'nothing':
      return target
    case 'all':
      await fetcher.everything(true)
      return target
    case 'new-branch':
      await fetcher.everything(false)
      if (!(await git.hasCommit(target.head))) await fetcher.fetch([target.head])
      return target
    case 'between':
      if (registryBranch !== undefined) await fetchBranchTip(git, fetcher, registryBranch)
      return ensureBetween(git, fetcher, target)
  }
}

/**
 * Fetches a branch's tip (the default branch, for its registry) before the range's history:
 * `--depth=1` makes that tip a shallow boundary, and a cut it puts inside base..head is then
 * deepened away by ensureBetween. A full clone fetches it without a depth, so that it stays whole.
 * A failure is an error: judging without the trusted registry could pass what it blocks.
 */
async function fetchBranchTip(git: GitRepository, fetcher: Fetcher, branch: string): Promise<void> {
  const refspec = `+refs/heads/${branch}:refs/remotes/${REMOTE}/${branch}`
  try {
    await fetcher.fetch([refspec], { depth: (await git.isShallow()) ? 1 : undefined })
  } catch (error) {
    throw new ScanError(
      `cannot fetch ${branch}, the default branch whose registry judges this run, from ${REMOTE}:\n${(error as Error).message}`
    )
  }
}

async function ensureBetween(git: GitRepository, fetcher: Fetcher, target: Between): Promise<ScanTarget> {
  const { base, head } = target
  if (await historyIsWhole(git, base, head)) return target
  const shallow = await git.isShallow()
  if (
    target.ifBaseIsGone &&
    !(await git.hasCommit(base)) &&
    !(await fetcher.tryFetch([base], shallow ? 1 : undefined))
  ) {
    core.warning(
      `${base.slice(0, 12)} (the push's old tip) is gone from ${REMOTE}: scanning the commits the default branch lacks`
    )
    return ensureHistory(git, target.ifBaseIsGone, fetcher.auth)
  }
  for (const depth of shallow ? DEPTHS : [undefined]) {
    await fetcher.fetch([base, head], { depth })
    if (await historyIsWhole(git, base, head)) return target
  }
  if (await git.isShallow()) await fetcher.fetch([base, head], { unshallow: true })
  if (await historyIsWhole(git, base, head)) return target
  throw new ScanError(
    `cannot get the history of ${base.slice(0, 12)}..${head.slice(0, 12)} from ${REMOTE}; set \`fetch-depth: 0\` on actions/checkout`
  )
}

/**
 * `git fetch` from origin. It authenticates with what actions/checkout left behind (an
 * `http.<url>.extraheader`, in .git/config or a file it includes), or else with the token, given
 * to git through the environment: never in argv, so no error message or process list shows it.
 */
export class Fetcher {
  private credentials: Promise<Record<string, string> | undefined> | undefined

  constructor(
    private readonly git: GitRepository,
    readonly auth: FetchAuth
  ) {}

  /** Every branch (and, for an audit, every tag), unshallowed. */
  async everything(tags: boolean): Promise<void> {
    await this.fetch([BRANCHES], { tags, unshallow: await this.git.isShallow() })
  }

  async tryFetch(refspecs: string[], depth?: number): Promise<boolean> {
    try {
      await this.fetch(refspecs, { depth })
      return true
    } catch (error) {
      if (error instanceof ScanError) return false // git could not fetch it; anything else is a bug
      throw error
    }
  }

  async fetch(
    refspecs: string[],
    options: { depth?: number; unshallow?: boolean; tags?: boolean } = {}
  ): Promise<void> {
    const secretConfig = await this.credentialConfig()
    try {
      await this.git.fetch({ remote: REMOTE, refspecs, secretConfig, ...options })
    } catch (error) {
      if (!(error instanceof ScanError)) throw error
      throw new ScanError(
        `${error.message}\nthe checkout lacks history the scan needs and fetching it failed: set \`fetch-depth: 0\` on actions/checkout`
      )
    }
  }

  /** The token as checkout would give it, unless checkout left credentials (or there is no token). */
  credentialConfig(): Promise<Record<string, string> | undefined> {
    this.credentials ??= this.git.configGetRegexp('^http\\..*extraheader$').then((found) => {
      if (found.length > 0 || this.auth.token === '') return undefined
      const basic = Buffer.from(`x-access-token:${this.auth.token}`).toString('base64')
      core.setSecret(basic)
      return { [`http.${this.auth.serverUrl}/.extraheader`]: `AUTHORIZATION: basic ${basic}` }
    })
    return this.credentials
  }
}
