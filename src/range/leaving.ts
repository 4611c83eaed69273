// Which objects leave: exactly what `git push` would send for a revision range — the blobs
// reachable from the included commits and not from the excluded ones — each attributed to the
// first commit (parents first) in the range that introduced it.
import { ScanError } from '../errors.js'
import type { LeavingBlob } from '../types.js'
import type { GitRepository } from './git.js'
import { isZeroId } from './push-updates.js'

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

export async function listLeavingObjects(git: GitRepository, revisions: string[]): Promise<LeavingSet> {
  checkRevisions(revisions)
  if (revisions.length === 0) return { commits: [], blobs: [], missing: new Set(), submodules: 0 }
  // Both run at once; a bad revision is reported as rev-list's error, whichever fails first.
  const [reachable, introduced] = await Promise.allSettled([
    reachableBlobIds(git, revisions),
    blobIntroductions(git, revisions)
  ])
  if (reachable.status === 'rejected') throw reachable.reason
  if (introduced.status === 'rejected') throw introduced.reason
  const { ids: leavingIds, missing } = reachable.value
  const introductions = introduced.value
  const blobs = attribute(introductions.blobs, leavingIds)
  // Objects the diffs did not name (rare: a tree reused under another path) still leave.
  const commitIds = new Set(introductions.commits)
  const attributed = new Set(blobs.map((b) => b.id))
  for (const id of leavingIds) {
    if (commitIds.has(id) || attributed.has(id) || introductions.links.has(id)) continue
    blobs.push({ id, path: '', commit: introductions.commits[introductions.commits.length - 1] ?? '', size: -1 })
  }
  return { commits: introductions.commits, blobs, missing, submodules: introductions.submodules.size }
}

/**
 * One LeavingBlob per leaving blob id, at the first path that introduced it; the same bytes at
 * other paths go to `alsoAt`, because provenance is by path and every path must be heard.
 */
function attribute(introduced: LeavingBlob[], leavingIds: Set<string>): LeavingBlob[] {
  const byId = new Map<string, LeavingBlob>()
  for (const blob of introduced) {
    if (!leavingIds.has(blob.id)) continue
    const first = byId.get(blob.id)
    if (!first) byId.set(blob.id, { ...blob })
    else if (first.path !== blob.path && !first.alsoAt?.some((p) => p.path === blob.path)) {
      first.alsoAt = [...(first.alsoAt ?? []), { path: blob.path, commit: blob.commit }]
    }
  }
  return [...byId.values()]
}

/**
 * `rev-list --objects` is what push itself uses to pick objects; commits come back in it too.
 * `--missing=print` lists an object this repository lacks as `?<id>` instead of failing the walk.
 */
async function reachableBlobIds(
  git: GitRepository,
  revisions: string[]
): Promise<{ ids: Set<string>; missing: Set<string> }> {
  const { stdout } = await git.run([
    'rev-list',
    '--objects',
    '--no-object-names',
    '--filter=object:type=blob',
    '--filter-provided-objects',
    '--missing=print',
    ...revisions,
    '--' // revisions only: a branch named like a file in the working tree is not ambiguous
  ])
  const ids = new Set<string>()
  const missing = new Set<string>()
  for (const line of stdout.split('\n')) {
    if (line.startsWith('?')) missing.add(line.slice(1))
    if (line !== '') ids.add(line.replace(/^\?/, ''))
  }
  return { ids, missing }
}

interface Introductions {
  commits: string[]
  blobs: LeavingBlob[]
  /** Blobs that are symlink targets: they leave, but hold a path, not content to inspect. */
  links: Set<string>
  /** Submodule commits (gitlinks, mode 160000) the range adds or changes. */
  submodules: Set<string>
}

const COMMIT_MARK = '\x01'

/** One `git log --raw -z` over the range: every blob each commit adds or changes, parents first. */
async function blobIntroductions(git: GitRepository, revisions: string[]): Promise<Introductions> {
  const { stdout } = await git.run([
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
    `--format=${COMMIT_MARK}%H`,
    ...revisions,
    '--'
  ])
  return parseRawLog(stdout)
}

/** Parses `git log -z --raw --format=\x01%H`: NUL-separated tokens, a header then a path per entry. */
export function parseRawLog(output: string): Introductions {
  const commits: string[] = []
  const blobs: LeavingBlob[] = []
  const links = new Set<string>()
  const submodules = new Set<string>()
  const tokens = output.split('\0')
  let commit = ''
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].replace(/^\n+/, '')
    if (token.startsWith(COMMIT_MARK)) {
      commit = token.slice(1).trim()
      commits.push(commit)
    } else if (token.startsWith(':')) {
      const [, newMode, , newId, status] = token.slice(1).split(' ')
      const path = tokens[++i] ?? ''
      // Submodule commits (160000) are another repository's; symlink targets (120000) are short paths, not content.
      if (status === 'D' || isZeroId(newId)) continue
      if (newMode === '160000') submodules.add(newId)
      else if (newMode === '120000') links.add(newId)
      else blobs.push({ id: newId, path, commit, size: -1 })
    } else if (token.trim() !== '') {
      throw new ScanError(`unexpected output from git log: ${JSON.stringify(token.slice(0, 80))}`)
    }
  }
  return { commits, blobs, links, submodules }
}
