// GGUF (llama.cpp, v1-v3) with its general.* metadata, and the older GGML/GGMF/GGJT headers.
import { hasBytes, i32, u32, u64 } from './bytes.js'
import { LIMITS } from './limits.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const MAX_KVS = LIMITS.ggufKeys
const MAX_ARRAY_KEEP = 64
const SCALAR_WIDTH: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 }

interface Cursor {
  buf: Buffer
  at: number
  /** v1 wrote u32 lengths and counts, v2+ u64. */
  wide: boolean
}

export function ggufWants(head: Buffer): number | null {
  return hasBytes(head, 0, 'GGUF') ? LIMITS.reads.gguf : null
}

export function sniffGguf(blob: BlobPrefix): Sniffed | null {
  if (!hasBytes(blob.bytes, 0, 'GGUF')) return null
  const version = u32(blob.bytes, 4) ?? 0
  if (version === 0 || (version & 0xffff) === 0) return bigEndian(version)
  if (version > 3) return null
  const c: Cursor = { buf: blob.bytes, at: 8, wide: version > 1 }
  const tensorCount = count(c)
  const kvCount = count(c)
  if (tensorCount === null || kvCount === null) return null
  const { metadata, read, truncated } = readKvs(c, kvCount)
  const detail: Record<string, unknown> = { version, tensorCount, kvCount, metadata }
  if (typeof metadata['general.architecture'] === 'string') detail.architecture = metadata['general.architecture']
  if (truncated) detail.metadataTruncatedAfter = read
  return { format: 'gguf', kind: 'weights', detail }
}

function bigEndian(version: number): Sniffed | null {
  return version === 0 ? null : { format: 'gguf', kind: 'weights', detail: { endianness: 'big' } }
}

function count(c: Cursor): number | null {
  const value = c.wide ? u64(c.buf, c.at) : u32(c.buf, c.at)
  c.at += c.wide ? 8 : 4
  return value
}

function str(c: Cursor): string | null {
  const length = count(c)
  if (length === null || c.at + length > c.buf.length) return null
  const text = c.buf.toString('utf8', c.at, c.at + Math.min(length, 4096))
  c.at += length
  return text
}

/** Reads KVs until the count, the buffer, or a malformed entry; keeps general.* values as metadata. */
function readKvs(c: Cursor, kvCount: number) {
  const metadata: Record<string, string | string[]> = {}
  let read = 0
  for (; read < Math.min(kvCount, MAX_KVS); read++) {
    const key = str(c)
    const type = u32(c.buf, c.at)
    if (key === null || type === null) break
    c.at += 4
    const value = readValue(c, type)
    if (value === undefined) break
    if (key.startsWith('general.') && value !== null) metadata[key] = value
  }
  return { metadata, read, truncated: read < kvCount }
}

/** A value as text (null when skipped, e.g. numeric arrays); undefined when unreadable. */
function readValue(c: Cursor, type: number): string | string[] | null | undefined {
  if (type === 8) return str(c) ?? undefined
  if (type === 9) return readArray(c)
  const width = SCALAR_WIDTH[type]
  if (width === undefined || c.at + width > c.buf.length) return undefined
  const text = scalarText(c.buf, c.at, type)
  c.at += width
  return text
}

function scalarText(buf: Buffer, at: number, type: number): string {
  if (type === 6) return String(buf.readFloatLE(at))
  if (type === 12) return String(buf.readDoubleLE(at))
  if (type === 7) return String(buf[at] !== 0)
  if (type === 10 || type === 11) return String(type === 10 ? buf.readBigUInt64LE(at) : buf.readBigInt64LE(at))
  const width = SCALAR_WIDTH[type]
  return String(type % 2 === 1 && type < 6 ? buf.readIntLE(at, width) : buf.readUIntLE(at, width))
}

function readArray(c: Cursor): string[] | null | undefined {
  const itemType = u32(c.buf, c.at)
  c.at += 4
  const length = count(c)
  if (itemType === null || length === null || itemType === 9) return undefined
  if (itemType !== 8) {
    const width = SCALAR_WIDTH[itemType]
    if (width === undefined || c.at + width * length > c.buf.length) return undefined
    c.at += width * length
    return null
  }
  const items: string[] = []
  for (let i = 0; i < length; i++) {
    const item = str(c)
    if (item === null) return undefined
    if (items.length < MAX_ARRAY_KEEP) items.push(item)
  }
  return items
}

// Pre-GGUF llama.cpp magics are u32 constants written little-endian ('ggjt' → bytes "tjgg").
const GGML_MAGICS: Record<number, string> = {
  0x67676d6c: 'ggml',
  0x67676d66: 'ggmf',
  0x67676a74: 'ggjt',
  0x67676c61: 'ggla',
  0x67676363: 'ggcc'
}

export function sniffGgml(blob: BlobPrefix): Sniffed | null {
  const raw = u32(blob.bytes, 0)
  if (raw === null) return null
  const swapped = blob.bytes.readUInt32BE(0)
  const variant = GGML_MAGICS[raw] ?? GGML_MAGICS[swapped]
  if (!variant) return null
  const versioned = variant !== 'ggml'
  const version = versioned ? u32(blob.bytes, 4) : null
  if (versioned && (version === null || version < 1 || version > 3)) return null
  const vocab = i32(blob.bytes, versioned ? 8 : 4)
  if (vocab === null || vocab < 1 || vocab > 10_000_000) return null
  return { format: 'ggml', kind: 'weights', detail: { variant, version, vocabSize: vocab } }
}
