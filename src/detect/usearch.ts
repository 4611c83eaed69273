// USearch dense index: a 64-byte head starting "usearch"; unless saved without vectors, a
// [rows][bytes per row] matrix comes first (u32 pair or u64 pair), so the head sits after it.
import { hasBytes, u16, u32, u64 } from './bytes.js'
import type { BlobPrefix, Sniffed } from './sniff.js'
import { LIMITS } from './limits.js'

const MAGIC = 'usearch'
const HEAD = 64

/** Where the head would be: offset 0, after a u32-sized matrix, or after a u64-sized matrix. */
function candidates(head: Buffer): number[] {
  const offsets = [0]
  const [r32, c32] = [u32(head, 0), u32(head, 4)]
  if (r32 !== null && c32 !== null) offsets.push(8 + r32 * c32)
  const [r64, c64] = [u64(head, 0), u64(head, 8)]
  if (r64 !== null && c64 !== null && r64 * c64 < Number.MAX_SAFE_INTEGER) offsets.push(16 + r64 * c64)
  return offsets
}

/** Asks for the bytes up to a head that lies past the first 64 KiB (up to the read cap). */
export function usearchWants(head: Buffer, size: number): number | null {
  const far = candidates(head).filter(
    (at) => at + HEAD <= size && at + HEAD <= LIMITS.readCap && at + HEAD > head.length
  )
  return far.length > 0 ? Math.max(...far) + HEAD : null
}

export function sniffUsearch(blob: BlobPrefix): Sniffed | null {
  const at = candidates(blob.bytes).find((offset) => hasBytes(blob.bytes, offset, MAGIC))
  if (at === undefined) return null
  const { bytes } = blob
  const version = [u16(bytes, at + 7), u16(bytes, at + 9), u16(bytes, at + 11)].join('.')
  const detail = { version, records: u64(bytes, at + 17), dimension: u64(bytes, at + 33), vectorsIncluded: at > 0 }
  return { format: 'usearch', kind: 'knn-index', detail }
}
