// Actions checks out one commit by default (fetch-depth: 1). Before scanning, fetch just the
// history the range needs: the base and head commits, deepened until base..head is whole;
// every branch, unshallowed, for a new branch (measured against the default branch) or an audit;
// and the default branch's tip, whose registry judges the run.
import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import { ScanError } from '../errors.js'
import type { GitRepository } from '../range/git.js'
import { REMOTE, type Between, type ScanTarget } from './event-range.js'

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
      await fetcher.everything(['--tags'])
      return target
    case 'new-branch':
      await fetcher.everything(['--no-tags'])
      if (!(await hasCommit(git, target.head))) await fetcher.fetch([target.head])
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
    await fetcher.fetch([refspec], (await isShallow(git)) ? 1 : undefined)
  } catch (error) {
    throw new ScanError(
      `cannot fetch ${branch}, the default branch whose registry judges this run, from ${REMOTE}:\n${(error as Error).message}`
    )
  }
}

async function ensureBetween(git: GitRepository, fetcher: Fetcher, target: Between): Promise<ScanTarget> {
  const { base, head } = target
  if (await isWhole(git, base, head)) return target
  const shallow = await isShallow(git)
  if (
    target.ifBaseIsGone &&
    !(await hasCommit(git, base)) &&
    !(await fetcher.tryFetch([base], shallow ? 1 : undefined))
  ) {
    core.warning(
      `${base.slice(0, 12)} (the push's old tip) is gone from ${REMOTE}: scanning the commits the default branch lacks`
    )
    return ensureHistory(git, target.ifBaseIsGone, fetcher.auth)
  }
  for (const depth of shallow ? DEPTHS : [undefined]) {
    await fetcher.fetch([base, head], depth)
    if (await isWhole(git, base, head)) return target
  }
  if (await isShallow(git)) await fetcher.fetch(['--unshallow', base, head])
  if (await isWhole(git, base, head)) return target
  throw new ScanError(
    `cannot get the history of ${base.slice(0, 12)}..${head.slice(0, 12)} from ${REMOTE}; set \`fetch-depth: 0\` on actions/checkout`
  )
}

/** Both ends present and, in a shallow repository, no cut inside base..head. */
async function isWhole(git: GitRepository, base: string, head: string): Promise<boolean> {
  if (!(await hasCommit(git, base)) || !(await hasCommit(git, head))) return false
  const cuts = await shallowCommits(git)
  if (cuts.size === 0) return true
  const { code } = await git.run(['merge-base', base, head], { okCodes: [1] })
  if (code !== 0) return false
  const { stdout } = await git.run(['rev-list', head, `^${base}`])
  return !stdout.split('\n').some((commit) => cuts.has(commit))
}

async function hasCommit(git: GitRepository, id: string): Promise<boolean> {
  return (await git.revParse(`${id}^{commit}`)) !== null
}

async function isShallow(git: GitRepository): Promise<boolean> {
  const { stdout } = await git.run(['rev-parse', '--is-shallow-repository'])
  return stdout.trim() === 'true'
}

/** The commits whose parents a shallow clone lacks (`.git/shallow`). */
async function shallowCommits(git: GitRepository): Promise<Set<string>> {
  const { stdout } = await git.run(['rev-parse', '--git-path', 'shallow'])
  const path = stdout.trim()
  try {
    const text = await readFile(isAbsolute(path) ? path : join(git.dir, path), 'utf8')
    return new Set(text.split('\n').filter(Boolean))
  } catch {
    return new Set()
  }
}

/** `git fetch` from origin, authenticated with the token when the checkout kept no credentials. */
class Fetcher {
  private credentials: string[] | undefined

  constructor(
    private readonly git: GitRepository,
    readonly auth: FetchAuth
  ) {}

  async everything(tagOption: string[]): Promise<void> {
    const unshallow = (await isShallow(this.git)) ? ['--unshallow'] : []
    await this.fetch([...unshallow, ...tagOption, REMOTE, BRANCHES], undefined, false)
  }

  async tryFetch(commits: string[], depth?: number): Promise<boolean> {
    try {
      await this.fetch(commits, depth)
      return true
    } catch {
      return false
    }
  }

  /** Fetches commits (or, with `addRemote` false, a full argument list) from origin. */
  async fetch(args: string[], depth?: number, addRemote = true): Promise<void> {
    const credentials = await this.credentialArgs()
    const depthArg = depth === undefined ? [] : [`--depth=${depth}`]
    const command = [
      ...credentials,
      'fetch',
      '--quiet',
      '--no-tags',
      ...depthArg,
      ...(addRemote ? [REMOTE] : []),
      ...args
    ]
    try {
      await this.git.run(command)
    } catch (error) {
      const reason = (error as Error).message.split(credentials.join(' ')).join('***')
      throw new ScanError(
        `${reason}\nthe checkout lacks history the scan needs and fetching it failed: set \`fetch-depth: 0\` on actions/checkout`
      )
    }
  }

  private async credentialArgs(): Promise<string[]> {
    if (this.credentials) return this.credentials
    const { stdout } = await this.git.run(['config', '--get-regexp', '^http\\..*extraheader$'], { okCodes: [1] })
    if (stdout.trim() !== '' || this.auth.token === '') return (this.credentials = [])
    const basic = Buffer.from(`x-access-token:${this.auth.token}`).toString('base64')
    core.setSecret(basic)
    return (this.credentials = ['-c', `http.${this.auth.serverUrl}/.extraheader=AUTHORIZATION: basic ${basic}`])
  }
}
