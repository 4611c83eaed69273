// The registry (and the baseline beside it) as committed at a revision the pusher does not
// control: the server's default branch (pre-receive), the destination's default branch as last
// fetched (pre-push), the base of a pull request (the Action). Never the one a push brings: a push
// must not be able to relabel its own datasets, waive itself or baseline itself to get through.
// A registry the push brings is still validated (an error fails the push) and reported as taking
// effect once it lands; only a repository with no trusted registry yet is judged by it.
import { posix } from 'node:path'
import { ScanError } from '../errors.js'
import type { GitRepository } from '../range/git.js'
import { BASELINE_FILE, parseBaseline, type Baseline } from './baseline.js'
import { DEFAULT_REGISTRY_FILE } from './index.js'
import { bothOrEveryProblem, parseRegistry } from './load.js'
import { Registry } from './registry.js'

/** Where a trusted registry lives: a revision, and names for messages. */
export interface TrustedSource {
  /** A commit (or a ref or tag naming one); null when there is none yet (an empty repository). */
  rev: string | null
  /** The revision as messages name it: `refs/heads/main`, `refs/remotes/origin/main`, a commit id. */
  shownAs: string
  /** The branch a user gets an edit onto, for advice (`main`, `origin/main`); absent when only a commit is known. */
  branch?: string
  /**
   * Why a registry the destination may hold cannot be read here (its default branch's commit was
   * never fetched, or the destination did not answer): then the built-in defaults judge, never the
   * registry the push brings.
   */
  unreadable?: string
}

/** A registry or baseline file larger than this is a mistake, not a registry. */
const MAX_REGISTRY_BYTES = 4 * 1024 * 1024

/** The registry committed at `source`, with its baseline; null when the revision or the file is absent. */
export async function readTrustedRegistry(
  git: GitRepository,
  source: TrustedSource,
  file = DEFAULT_REGISTRY_FILE
): Promise<Registry | null> {
  if (source.rev === null) return null
  return (await registryAt(git, source.rev, file, source))?.registry ?? null
}

/** The registry and baseline at `rev`, with the blob ids that say whether another revision changed them. */
async function registryAt(
  git: GitRepository,
  rev: string,
  file: string,
  names: { shownAs: string; branch?: string }
): Promise<{ registry: Registry; blobs: string } | null> {
  const text = await readSmallFile(git, rev, file, `${names.shownAs}:${file}`)
  if (text === null) return null
  const edit = names.branch ? `${file} on ${names.branch}` : file
  const [registry, baseline] = await bothOrEveryProblem(
    (async () => parseRegistry(text.content, { file: `${names.shownAs}:${file}`, edit }))(),
    baselineAt(git, rev, baselineBeside(file), names.shownAs)
  )
  return { registry: registry.withBaseline(baseline.parsed), blobs: `${text.blob} ${baseline.blob}` }
}

/** The baseline file at `rev`, parsed, and its blob id ('' when there is none). */
async function baselineAt(
  git: GitRepository,
  rev: string,
  file: string,
  shownAs: string
): Promise<{ parsed: Baseline | null; blob: string }> {
  const baseline = await readSmallFile(git, rev, file, `${shownAs}:${file}`)
  if (baseline === null) return { parsed: null, blob: '' }
  return { parsed: parseBaseline(baseline.content, `${shownAs}:${file}`), blob: baseline.blob }
}

async function readSmallFile(
  git: GitRepository,
  rev: string,
  file: string,
  shownAs: string
): Promise<{ content: string; blob: string } | null> {
  const object = await git.readAt(rev, file, MAX_REGISTRY_BYTES)
  if (!object) return null
  if (object.size > object.bytes.length)
    throw new ScanError(`${shownAs}: larger than ${MAX_REGISTRY_BYTES} bytes; is it a registry?`)
  return { content: object.bytes.toString('utf8'), blob: object.id }
}

/** The baseline file lives beside the registry file. */
export function baselineBeside(registryFile: string): string {
  const folder = posix.dirname(registryFile)
  return folder === '.' ? BASELINE_FILE : posix.join(folder, BASELINE_FILE)
}

/** A server's default branch: what its HEAD names (unborn in an empty repository). */
export async function defaultBranchSource(git: GitRepository): Promise<TrustedSource> {
  const source = await symbolicRefSource(git, 'HEAD')
  return { ...source, branch: source.shownAs.replace(/^refs\/heads\//, '') }
}

/**
 * A remote's default branch as last fetched: `refs/remotes/<remote>/HEAD` (which `git clone` sets),
 * else its `main` or `master` as fetched; `rev` is null when none is known.
 */
export async function remoteDefaultBranchSource(git: GitRepository, remote: string): Promise<TrustedSource> {
  const head = await symbolicRefSource(git, `refs/remotes/${remote}/HEAD`)
  if (head.rev !== null) return { ...head, branch: head.shownAs.replace(/^refs\/remotes\//, '') }
  for (const branch of ['main', 'master']) {
    const ref = `refs/remotes/${remote}/${branch}`
    const rev = await git.commitOf(ref)
    if (rev !== null) return { rev, shownAs: ref, branch: `${remote}/${branch}` }
  }
  return { rev: null, shownAs: `refs/remotes/${remote}/HEAD` }
}

/**
 * The destination's default branch as it says now (one `ls-remote`): for a push to a URL, or to a
 * remote never fetched, which have no remote-tracking refs. An empty destination has no trusted
 * registry yet (`rev` null); one whose default branch is not here is `unreadable`.
 */
export async function destinationDefaultBranchSource(
  git: GitRepository,
  url: string,
  shownUrl: string
): Promise<TrustedSource> {
  let head: Awaited<ReturnType<GitRepository['remoteHead']>>
  try {
    head = await git.remoteHead(url)
  } catch (error) {
    if (!(error instanceof ScanError)) throw error
    return { rev: null, shownAs: shownUrl, unreadable: `${shownUrl} cannot be asked for its default branch` }
  }
  if (head === null) return { rev: null, shownAs: shownUrl } // an empty repository: no trusted registry yet
  const branch = head.ref?.replace(/^refs\/heads\//, '')
  const shownAs = `${shownUrl} ${head.ref ?? 'HEAD'}`
  if (!(await git.hasCommit(head.commit)))
    return {
      rev: null,
      shownAs,
      ...(branch ? { branch } : {}),
      unreadable: `${shownAs} is at ${head.commit.slice(0, 12)}, which is not in this repository (git fetch it)`
    }
  return { rev: head.commit, shownAs, ...(branch ? { branch } : {}) }
}

async function symbolicRefSource(git: GitRepository, symref: string): Promise<TrustedSource> {
  const [target, rev] = await Promise.all([git.symbolicRef(symref), git.commitOf(symref)])
  return { rev, shownAs: target ?? symref }
}

/** A tip a push brings: the commit and how to name it (`refs/heads/feature`). */
export interface PushedTip {
  commit: string
  ref: string
}

/** The registry a push is judged by, what to call it, and what the push's own registry edits mean. */
export interface JudgingRegistry {
  registry: Registry
  /** `refs/heads/main:.model-registry.yml`, `the .model-registry.yml this push brings (…)`, `the built-in defaults (…)`. */
  origin: string
  notes: string[]
}

/**
 * The trusted registry when there is one; every registry the push brings is validated and, when
 * it differs, reported as taking effect once it lands. With no trusted registry yet, the first
 * one the push brings judges, and the notes say so; with none at all, the built-in defaults.
 */
export async function registryForPush(
  git: GitRepository,
  trusted: TrustedSource,
  tips: PushedTip[],
  file = DEFAULT_REGISTRY_FILE
): Promise<JudgingRegistry> {
  const current = trusted.rev === null ? null : await registryAt(git, trusted.rev, file, trusted)
  const where = trusted.branch ?? trusted.shownAs
  const notes: string[] = []
  let brought: Registry | null = null
  for (const tip of uniqueTips(tips)) {
    const pushed = await registryAt(git, tip.commit, file, { shownAs: tip.ref })
    if (pushed === null || pushed.blobs === current?.blobs) continue
    brought ??= pushed.registry
    if (current !== null || trusted.unreadable)
      notes.push(
        `${tip.ref} changes ${file} or its baseline: that takes effect once it is on ${where}, not for this push`
      )
  }
  if (current !== null) return { registry: current.registry, origin: current.registry.file, notes }
  if (trusted.unreadable)
    return {
      registry: Registry.defaults(),
      origin: `the built-in defaults (unknown provenance blocks), as ${trusted.unreadable}: a registry this push brings never judges it`,
      notes
    }
  if (brought !== null) return { registry: brought, origin: `${brought.file}, as ${where} has no ${file} yet`, notes }
  return {
    registry: Registry.defaults(),
    origin: `the built-in defaults (unknown provenance blocks), as neither ${where} nor this push has a ${file}`,
    notes
  }
}

function uniqueTips(tips: PushedTip[]): PushedTip[] {
  return [...new Map(tips.map((tip) => [tip.commit, tip])).values()]
}
