// What a commit would add before it exists (`scan --staged`, the pre-commit framework's commit
// stage): the index, snapshotted as a commit in a scratch view (working-tree.ts), and either the
// blobs it has that HEAD does not, or, for the paths given (what pre-commit checks, every file
// with --all-files), the index's blobs at those paths.
import type { GitRepository } from './git.js'
import { listLeavingObjects, type LeavingSet } from './leaving.js'
import { blobsAtPaths } from './tree.js'

/** Blobs of the snapshot `commit` (whose tree is the index), marked staged; no commit of the history in the set. */
export async function listStagedObjects(git: GitRepository, commit: string, paths: string[]): Promise<LeavingSet> {
  const blobs =
    paths.length > 0
      ? blobsAtPaths(await git.indexEntries(paths), () => commit)
      : // What the snapshot adds over its parent (HEAD); everything on an unborn branch (`C^@` names no parent then).
        (await listLeavingObjects(git, [commit, '--not', `${commit}^@`])).blobs
  return { commits: [], blobs: blobs.map((blob) => ({ ...blob, staged: true })) }
}
