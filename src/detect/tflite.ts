// TFLite / LiteRT: a FlatBuffer with the file identifier TFL3 at bytes 4..7 and a sane root table.
import { hasBytes, i32, u16, u32 } from './bytes.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

export function sniffTflite(blob: BlobPrefix): Sniffed | null {
  const { bytes } = blob
  if (!hasBytes(bytes, 4, 'TFL3')) return null
  const root = u32(bytes, 0)
  if (root === null || root < 8 || root % 4 !== 0 || root >= blob.size) return null
  const toVtable = i32(bytes, root)
  const vtableSize = toVtable === null ? null : u16(bytes, root - toVtable)
  if (vtableSize !== null && (vtableSize < 4 || vtableSize % 2 !== 0)) return null
  const detail: Record<string, unknown> = {}
  if (bytes.includes('TFLITE_METADATA')) detail.hasMetadata = true
  return { format: 'tflite', kind: 'weights', detail }
}
