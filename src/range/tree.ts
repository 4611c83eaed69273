// The blobs of a tree: what a checkout of a commit holds (a snapshot, not a push range). `inventory`
// asks "which models are here now"; each blob is attributed, as a push of that history would
// attribute it, to the commit that introduced it at its path, so provenance reads what it reads for `scan`.
// Which blobs stand at which paths is blob-places.ts's rule, the one a push range follows.
import { InternalError, ScanError } from '../errors.js'
import { blobsAtPaths, type PathEntry } from './blob-places.js'
import type { GitRepository } from './git.js'
import { listLeavingObjects, type LeavingSet } from './leaving.js'

/** Parses `git ls-tree -r -z`: `<mode> SP <type> SP <object> TAB <path>` per entry, NUL-terminated. */
export function parseLsTree(output: string): PathEntry[] {
  const entries: PathEntry[] = []
  for (const record of output.split('\0')) {
    if (record === '') continue
    const tab = record.indexOf('\t')
    const [mode, type, id] = record.slice(0, tab).split(' ')
    if (tab < 0 || !mode || !type || !id)
      throw new InternalError(`unexpected output from git ls-tree: ${JSON.stringify(record.slice(0, 80))}`)
    entries.push({ mode, id, path: record.slice(tab + 1) })
  }
  return entries
}

/** The blobs `rev`'s tree holds, each at the commit of its history that introduced it at its path. */
export async function listTreeBlobs(git: GitRepository, rev: string): Promise<LeavingSet> {
  const commit = await git.revParse(`${rev}^{commit}`)
  if (!commit) throw new ScanError(`unknown revision "${rev}": no commit to take an inventory of`)
  const [listing, history] = await Promise.all([
    git.run(['ls-tree', '-r', '-z', '--full-tree', commit]),
    listLeavingObjects(git, [commit])
  ])
  const introducedAt = new Map<string, string>()
  for (const blob of history.blobs)
    for (const place of [blob, ...(blob.alsoAt ?? [])]) introducedAt.set(`${blob.id}\0${place.path}`, place.commit)
  const { blobs, submodules } = blobsAtPaths(parseLsTree(listing.stdout), (id, path) => {
    return introducedAt.get(`${id}\0${path}`) ?? commit
  })
  const here = new Set(blobs.map((blob) => blob.id))
  return { commits: [commit], blobs, missing: new Set([...history.missing].filter((id) => here.has(id))), submodules }
}
