// Which objects leave: exactly what `git push` would send for a revision range — the blobs
// reachable from the included commits and not from the excluded ones — each attributed to the
// first commit (parents first) in the range that introduced it.
import { ScanError } from '../errors.js'
import type { LeavingBlob } from '../types.js'
import { BlobPlaces, isSubmodule, leavingBlob, type PathEntry } from './blob-places.js'
import type { GitRepository, GitStream } from './git.js'
import { isZeroId } from './push-updates.js'
import { RawLogParser, type RawEntry, type RawLogSink } from './raw-log.js'
import { revisionInput } from './revision-input.js'

export interface LeavingSet {
  commits: string[]
  blobs: LeavingBlob[]
  /** Leaving blobs this repository lacks (a partial clone, a damaged object store): found by id, not readable. */
  missing: Set<string>
  /** Submodule commits (gitlinks) the range records: another repository's content, not scanned here. */
  submodules: number
}

/** Range options a user may write among the revisions, as `git rev-list` takes them. */
const ALLOWED_OPTIONS = /^--(not|all|branches|tags|remotes|ignore-missing)(=.+)?$/

/** `--not`, `--remotes=origin`, ...: part of a range, in place, rather than an option of a command. */
export function isRevisionOption(arg: string): boolean {
  return ALLOWED_OPTIONS.test(arg)
}

export function checkRevisions(revisions: string[]): void {
  for (const rev of revisions) {
    if (rev.startsWith('-') && !isRevisionOption(rev)) {
      throw new ScanError(`unsupported revision argument "${rev}": give revisions (A..B, ^A, --not, --all, --remotes)`)
    }
  }
}

/** Called with each blob the first time a diff names it; a returned promise holds git back until it settles. */
export type OnIntroduced = (blob: LeavingBlob) => Promise<void> | void

/**
 * What leaves for a revision range. `onIntroduced` sees each blob as soon as `git log` names it,
 * so its content can be read while history is still being walked; the set returned at the end is
 * the final word (a blob named early may turn out not to leave, or to stand at more paths).
 */
export async function listLeavingObjects(
  git: GitRepository,
  revisions: string[],
  onIntroduced?: OnIntroduced
): Promise<LeavingSet> {
  checkRevisions(revisions)
  if (revisions.length === 0) return { commits: [], blobs: [], missing: new Set(), submodules: 0 }
  // A range with nothing excluded leaves every blob its diffs name: the full object walk is needed only
  // to exclude, or in a partial clone to learn which blobs are absent before any is asked for.
  const whole = !hasNegativeSide(revisions) && !(await git.isPartialClone())
  const introductions = new Introductions(whole ? onIntroduced : undefined)
  // Both run at once; a bad revision is reported as rev-list's error, whichever fails first.
  const [reachable, introduced] = await Promise.allSettled([
    whole ? tipBlobIds(git, revisions) : reachableBlobIds(git, revisions),
    introductions.read(git, revisions)
  ])
  if (reachable.status === 'rejected') throw reachable.reason
  if (introduced.status === 'rejected') throw introduced.reason
  const { ids, missing } = reachable.value
  if (!whole && onIntroduced)
    for (const blob of introductions.blobs()) if (!missing.has(blob.id)) await onIntroduced(blob)
  const unnamed = new Set<string>()
  for (const id of ids) if (!introductions.isNamed(id)) unnamed.add(id)
  const paths = unnamed.size > 0 ? await pathsInTips(git, revisions, unnamed) : new Map<string, string>()
  return leavingSet(introductions, whole ? null : ids, unnamed, paths, missing)
}

/**
 * `^A`, `A..B`, `A...B`, `--not`, `A^!`, `A^-`: a range that excludes something. Anything that
 * might exclude counts (the cost of a wrong "yes" is one more git walk; a wrong "no" would scan
 * blobs the destination has).
 */
export function hasNegativeSide(revisions: string[]): boolean {
  return revisions.some((rev) => rev === '--not' || rev.startsWith('^') || rev.includes('..') || /\^[!-]/.test(rev))
}

/**
 * The leaving blobs in the order the diffs named them, each at its first path, the same bytes at
 * other paths in `alsoAt` (provenance is by path, and every path must be heard). `leaving` null:
 * every named blob leaves. Objects the walk found and no diff named (a tip that is a tree or a
 * blob, rare) leave too, at the path rev-list found them under, attributed to the range's last commit.
 */
function leavingSet(
  introductions: Introductions,
  leaving: Set<string> | null,
  unnamed: Set<string>,
  paths: Map<string, string>,
  missing: Set<string>
): LeavingSet {
  const blobs = introductions.blobs().filter((blob) => leaving === null || leaving.has(blob.id))
  const { commits, submodules } = introductions
  for (const id of unnamed)
    blobs.push({ id, path: paths.get(id) ?? '', commit: commits[commits.length - 1] ?? '', size: -1 })
  return { commits, blobs, missing, submodules: submodules.size }
}

/**
 * `rev-list --objects` is what push itself uses to pick objects; commits come back in it too.
 * `--missing=print` lists an object this repository lacks as `?<id>` instead of failing the walk.
 */
function reachableBlobIds(git: GitRepository, revisions: string[]): Promise<WalkedBlobs> {
  return walkedBlobs(git, ['--objects'], revisions)
}

/** Only the tips' own trees (and tips that are trees or blobs), for a range whose diffs name the rest. */
function tipBlobIds(git: GitRepository, revisions: string[]): Promise<WalkedBlobs> {
  return walkedBlobs(git, ['--objects', '--no-walk'], revisions)
}

/**
 * A `rev-list` or `log` over `revisions`, which travel on stdin (revision-input.ts); after `--`
 * nothing, so a branch named like a file in the working tree is not ambiguous.
 */
function overRevisions(command: string[], revisions: string[]): { args: string[]; input: string } {
  const { args, stdin } = revisionInput(revisions)
  return { args: [...command, ...args, '--'], input: stdin }
}

interface WalkedBlobs {
  ids: Set<string>
  missing: Set<string>
}

/** A walk of the blobs push would send, whatever the walk's own options; commits and trees are left out. */
const BLOB_WALK = ['rev-list', '--filter=object:type=blob', '--filter-provided-objects', '--missing=print']

async function walkedBlobs(git: GitRepository, options: string[], revisions: string[]): Promise<WalkedBlobs> {
  // Without names: most ranges name every blob in a diff, and paths would cost output and parsing per blob.
  const { args, input } = overRevisions([...BLOB_WALK, '--no-object-names', ...options], revisions)
  const { stdout } = await git.run(args, { input })
  const ids = new Set<string>()
  const missing = new Set<string>()
  for (const line of stdout.split('\n')) {
    if (line.startsWith('?')) missing.add(line.slice(1))
    if (line !== '') ids.add(line.replace(/^\?/, ''))
  }
  return { ids, missing }
}

/**
 * The path each of `ids` stands at under a tip, so a path-based registry entry still judges a blob
 * no diff names. Every blob of a commit in the range is named by a diff, so such blobs hang from
 * tips that are trees or blobs (a tag or ref of a tree): the tips' own trees suffice, no history
 * walk. Lines are `<id> <path>` (git cuts a path at a newline; a blob given as a tip has none).
 */
async function pathsInTips(git: GitRepository, revisions: string[], ids: Set<string>): Promise<Map<string, string>> {
  const { args, input } = overRevisions([...BLOB_WALK, '--objects', '--no-walk'], revisions)
  const { stdout } = await git.run(args, { input })
  const paths = new Map<string, string>()
  for (const line of stdout.split('\n')) {
    const space = line.indexOf(' ')
    const id = line.slice(0, space)
    if (space > 0 && ids.has(id) && !paths.has(id)) paths.set(id, line.slice(space + 1))
  }
  return paths
}

/** What the diffs of a range name, attributed as they stream in: each blob once, with every path. */
class Introductions implements RawLogSink {
  readonly commits: string[] = []
  private readonly places = new BlobPlaces()
  private current = ''
  private waiting: Promise<void> | undefined

  constructor(private readonly onIntroduced?: OnIntroduced) {}

  /** One `git log --raw -z` over the range: every blob each commit adds or changes, parents first. */
  async read(git: GitRepository, revisions: string[]): Promise<void> {
    const parser = new RawLogParser(this)
    const { args, input } = overRevisions(LOG, revisions)
    const log: GitStream = git.stream(args, (chunk) => this.take(chunk, parser, log), { input })
    await log.done
    parser.end()
  }

  /** Parses what git wrote; while a blob just named is being taken in, git is held back. */
  private take(chunk: Buffer, parser: RawLogParser, log: GitStream): void {
    parser.write(chunk)
    const waiting = this.waiting
    if (!waiting) return
    this.waiting = undefined
    log.pause()
    void waiting.then(
      () => log.resume(),
      () => log.resume()
    )
  }

  commit(id: string): void {
    this.current = id
    this.commits.push(id)
  }

  entry(entry: RawEntry): void {
    if (isDeletion(entry)) return
    const blob = this.places.add(pathEntry(entry), this.current)
    if (blob) this.waiting = this.onIntroduced?.(blob) ?? this.waiting
  }

  /** Submodule commits (gitlinks, mode 160000) the range adds or changes. */
  get submodules(): Set<string> {
    return this.places.submodules
  }

  blobs(): LeavingBlob[] {
    return this.places.blobs()
  }

  isNamed(id: string): boolean {
    return this.places.has(id)
  }
}

/** A deletion brings nothing; anything else brings a blob, a symlink's blob or a submodule commit (blob-places.ts says which). */
function isDeletion({ newId, status }: RawEntry): boolean {
  return status === 'D' || isZeroId(newId)
}

function pathEntry({ newMode, newId, path }: RawEntry): PathEntry {
  return { mode: newMode, id: newId, path }
}

const LOG = [
  'log',
  '-z',
  '--raw',
  '--no-abbrev',
  '--no-renames',
  '--no-relative',
  '--no-ext-diff',
  '--no-textconv',
  '--no-show-signature',
  '--diff-merges=first-parent',
  '--root',
  '--topo-order',
  '--reverse',
  `--format=\x01%H`
]

/** Parses a whole `git log -z --raw --format=\x01%H` output: every entry that adds or changes a blob, in order. */
export function parseRawLog(output: string): {
  commits: string[]
  blobs: LeavingBlob[]
  submodules: Set<string>
} {
  const commits: string[] = []
  const blobs: LeavingBlob[] = []
  const submodules = new Set<string>()
  const parser = new RawLogParser({
    commit: (id) => commits.push(id),
    entry(raw) {
      if (isDeletion(raw)) return
      const entry = pathEntry(raw)
      if (isSubmodule(entry)) submodules.add(entry.id)
      else blobs.push(leavingBlob(entry, commits.at(-1) ?? ''))
    }
  })
  parser.write(Buffer.from(output, 'utf8'))
  parser.end()
  return { commits, blobs, submodules }
}
