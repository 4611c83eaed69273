// Spotify Voyager: 'VOYA', i32 version, i32 dimensions, u8 space, u8 storage, f32 max norm, bool,
// then an hnswlib index body (Metadata.h).
import { hasBytes, i32, u8 } from './bytes.js'
import { hnswHeader } from './hnswlib.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const SPACES: Record<number, string> = { 0: 'euclidean', 1: 'inner_product', 2: 'cosine' }

export function sniffVoyager(blob: BlobPrefix): Sniffed | null {
  const { bytes } = blob
  if (!hasBytes(bytes, 0, 'VOYA')) return null
  const version = i32(bytes, 4)
  const dimension = i32(bytes, 8)
  if (version === null || version < 1 || version > 100 || dimension === null || dimension < 1) return null
  const space = u8(bytes, 12)
  const inner = hnswHeader(bytes, 19)
  const detail: Record<string, unknown> = {
    version,
    dimension,
    space: space === null ? null : (SPACES[space] ?? space)
  }
  if (inner) detail.records = inner.records
  return { format: 'voyager', kind: 'knn-index', detail }
}
