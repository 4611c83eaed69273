// What a commit would add before it exists (`scan --staged`, the pre-commit framework's commit
// stage): the index, snapshotted as a commit in a scratch view (working-tree.ts), and either the
// blobs it has that HEAD does not, or, for the paths given (what pre-commit checks, every file
// with --all-files), the index's blobs at those paths.
import type { GitRepository } from './git.js'
import { listLeavingObjects, type LeavingSet } from './leaving.js'
import { blobsAtPaths } from './blob-places.js'

/** Blobs of the snapshot `commit` (whose tree is the index), marked staged; no commit of the history in the set. */
export async function listStagedObjects(git: GitRepository, commit: string, paths: string[]): Promise<LeavingSet> {
  const set = paths.length > 0 ? await atPaths(git, commit, paths) : await addedOverHead(git, commit)
  return { ...set, commits: [], blobs: set.blobs.map((blob) => ({ ...blob, staged: true })) }
}

/** What the snapshot adds over its parent (HEAD); everything on an unborn branch (`C^@` names no parent then). */
function addedOverHead(git: GitRepository, commit: string): Promise<LeavingSet> {
  return listLeavingObjects(git, [commit, '--not', `${commit}^@`])
}

/** The index's blobs at these paths; a blob the repository lacks is left to the reader, which reports it unknown. */
async function atPaths(git: GitRepository, commit: string, paths: string[]): Promise<LeavingSet> {
  const { blobs, submodules } = blobsAtPaths(await git.indexEntries(paths), () => commit)
  return { commits: [commit], blobs, missing: new Set(), submodules }
}
