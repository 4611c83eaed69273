// Annoy has no header: the file is an array of equal nodes, roots copied at the end. Without a magic
// it is only tried for `.ann` files, checking that some node size divides the file, that the leading
// item nodes have n_descendants = 1, and that the trailing root has n_descendants = the item count.
import { i32 } from './bytes.js'
import { LIMITS } from './limits.js'
import type { BlobPrefix, Sniffed } from './sniff.js'
import { extensionOf } from './sniff.js'

const LAYOUTS: Array<[string, number]> = [
  ['angular', 12],
  ['euclidean/dot/manhattan', 16]
] // bytes before v[f]

/** Annoy is judged from the whole file (its roots sit at the end): a `.ann` wants all of it. */
export function annoyWants(path: string, size: number): number | null {
  return isAnnoyName(path) ? size : null
}

function isAnnoyName(path: string): boolean {
  return extensionOf(path) === '.ann'
}

export function sniffAnnoy(blob: BlobPrefix): Sniffed | null {
  if (!isAnnoyName(blob.path) || blob.bytes.length < blob.size || blob.size === 0) return null
  for (const [metric, fixed] of LAYOUTS) {
    for (let f = 1; f <= LIMITS.annoyMaxDimension; f++) {
      const items = itemsIfNodeSize(blob.bytes, fixed + 4 * f)
      if (items !== null)
        return { format: 'annoy', kind: 'knn-index', detail: { dimension: f, records: items, metric } }
    }
  }
  return null
}

function itemsIfNodeSize(bytes: Buffer, node: number): number | null {
  if (bytes.length % node !== 0 || bytes.length / node < 2) return null
  const nodes = bytes.length / node
  const items = i32(bytes, bytes.length - node)
  if (items === null || items < 1 || items >= nodes) return null
  for (let i = 0; i < Math.min(items, 1000); i++) if (i32(bytes, i * node) !== 1) return null
  return i32(bytes, items * node) === 1 ? null : items
}
