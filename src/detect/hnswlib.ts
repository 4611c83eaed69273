// hnswlib saveIndex has no magic: it is recognised by the relationships its constructor fixes
// between header fields (hnswalg.h): offsetLevel0 = 0, maxM = M, maxM0 = 2M, mult = 1/ln(M), ...
import { f64, i32, u32, u64 } from './bytes.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

export interface HnswHeader {
  maxElements: number
  records: number
  dimension: number
  M: number
  efConstruction: number
}

/** Parses and checks the 96-byte header at `at`; null when any invariant fails. */
export function hnswHeader(bytes: Buffer, at: number): HnswHeader | null {
  const field = (i: number): number | null => u64(bytes, at + i * 8)
  const [offsetLevel0, maxElements, count, perElement, labelOffset, offsetData] = [0, 1, 2, 3, 4, 5].map(field)
  const maxLevel = i32(bytes, at + 48)
  const enterPoint = u32(bytes, at + 52)
  const [maxM, maxM0, M] = [7, 8, 9].map(field)
  const mult = f64(bytes, at + 80)
  const efConstruction = u64(bytes, at + 88)
  if (offsetLevel0 !== 0 || maxElements === null || count === null || M === null || M < 2 || M > 10_000) return null
  if (maxM !== M || maxM0 !== 2 * M || offsetData !== maxM0 * 4 + 4 || count > maxElements) return null
  if (labelOffset === null || labelOffset <= offsetData || perElement !== labelOffset + 8) return null
  if (mult === null || Math.abs(mult - 1 / Math.log(M)) > 1e-9 || maxLevel === null || maxLevel < -1 || maxLevel > 64)
    return null
  if (enterPoint === null || efConstruction === null || efConstruction < 1) return null
  const dataSize = labelOffset - offsetData
  return { maxElements, records: count, dimension: dataSize % 4 === 0 ? dataSize / 4 : dataSize, M, efConstruction }
}

export function sniffHnswlib(blob: BlobPrefix): Sniffed | null {
  const header = hnswHeader(blob.bytes, 0)
  return header ? { format: 'hnswlib', kind: 'knn-index', detail: { ...header } } : null
}
