// What a commit would add before it exists (`scan --staged`, the pre-commit framework's commit
// stage): the index, snapshotted as a commit in a scratch view (working-tree.ts), and either the
// blobs it has that HEAD does not, or, for the paths given (what pre-commit checks, every file
// with --all-files), the index's blobs at those paths.
import { ScanError } from '../errors.js'
import type { LeavingBlob } from '../types.js'
import type { GitRepository } from './git.js'
import { listLeavingObjects, type LeavingSet } from './leaving.js'

/** Symlinks (a target path) and submodule commits are index entries, not content. */
const NOT_CONTENT = new Set(['120000', '160000'])

/** Blobs of the snapshot `commit` (whose tree is the index), marked staged; none committed in the set. */
export async function listStagedObjects(git: GitRepository, commit: string, paths: string[]): Promise<LeavingSet> {
  const blobs = paths.length > 0 ? await blobsAtPaths(git, commit, paths) : await addedOverHead(git, commit)
  return { commits: [], blobs: blobs.map((blob) => ({ ...blob, staged: true })) }
}

/** What the snapshot adds over its parent (HEAD); everything on an unborn branch (`C^@` names no parent then). */
async function addedOverHead(git: GitRepository, commit: string): Promise<LeavingBlob[]> {
  return (await listLeavingObjects(git, [commit, '--not', `${commit}^@`])).blobs
}

/** The index's blobs at these paths, however long they have been committed; the same bytes twice go to alsoAt. */
async function blobsAtPaths(git: GitRepository, commit: string, paths: string[]): Promise<LeavingBlob[]> {
  const entries = await git.indexEntries(paths)
  const byId = new Map<string, LeavingBlob>()
  for (const { mode, id, path } of entries) {
    if (!mode || !id) throw new ScanError(`unexpected output from git ls-files --stage for ${JSON.stringify(path)}`)
    if (NOT_CONTENT.has(mode)) continue
    const first = byId.get(id)
    if (!first) byId.set(id, { id, path, commit, size: -1 })
    else if (first.path !== path) first.alsoAt = [...(first.alsoAt ?? []), { path, commit }]
  }
  return [...byId.values()]
}
