// Which blobs stand at which paths: the one rule every listing of blobs follows, whether the
// entries come from a range's diffs (scan, the hooks), a tree (inventory) or the index (scan
// --staged), so what `inventory` lists and what `scan` judges cannot drift apart.
import type { LeavingBlob } from '../types.js'

/** One file of a tree, of the index or of a diff: its mode, object id and path from the repository root. */
export interface PathEntry {
  mode: string
  id: string
  path: string
}

/** A gitlink (mode 160000): another repository's commit, not content of this one (counted, not scanned). */
export function isSubmodule(entry: PathEntry): boolean {
  return entry.mode === '160000'
}

/** A symlink's blob: judged like any blob, since git never checks it holds a path. */
const SYMLINK = '120000'

/** A blob as an entry names it at `commit`; `symlink` when that entry is a symlink. */
export function leavingBlob({ mode, id, path }: PathEntry, commit: string): LeavingBlob {
  return { id, path, commit, size: -1, ...(mode === SYMLINK ? { symlink: true } : {}) }
}

/**
 * The blobs of a listing, each once at the first path it was named at, the same bytes at other
 * paths in `alsoAt` (provenance is by path, and every path must be heard). A blob is a `symlink`
 * only while every path it stands at is one: at a file's path its name describes its bytes.
 */
export class BlobPlaces {
  /** Submodule commits (gitlinks) the entries name. */
  readonly submodules = new Set<string>()
  private readonly byId = new Map<string, LeavingBlob>()
  /** The paths of blobs seen at more than one (most blobs have one: no set for them). */
  private readonly paths = new Map<string, Set<string>>()

  /** Records an entry at `commit`; returns the blob the first time its id is named, else undefined. */
  add(entry: PathEntry, commit: string): LeavingBlob | undefined {
    if (isSubmodule(entry)) {
      this.submodules.add(entry.id)
      return undefined
    }
    const first = this.byId.get(entry.id)
    if (!first) {
      const blob = leavingBlob(entry, commit)
      this.byId.set(entry.id, blob)
      return blob
    }
    if (entry.mode !== SYMLINK) delete first.symlink
    this.addPlace(first, entry.path, commit)
    return undefined
  }

  private addPlace(first: LeavingBlob, path: string, commit: string): void {
    if (first.path === path) return
    let seen = this.paths.get(first.id)
    if (!seen) this.paths.set(first.id, (seen = new Set([first.path])))
    if (seen.has(path)) return
    seen.add(path)
    first.alsoAt = [...(first.alsoAt ?? []), { path, commit }]
  }

  blobs(): LeavingBlob[] {
    return [...this.byId.values()]
  }

  has(id: string): boolean {
    return this.byId.has(id)
  }
}

/** The blobs of a tree's or the index's entries, each path attributed by `commitOf`; and the submodule commits. */
export function blobsAtPaths(
  entries: PathEntry[],
  commitOf: (id: string, path: string) => string
): { blobs: LeavingBlob[]; submodules: number } {
  const places = new BlobPlaces()
  for (const entry of entries) places.add(entry, commitOf(entry.id, entry.path))
  return { blobs: places.blobs(), submodules: places.submodules.size }
}
