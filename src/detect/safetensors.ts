// safetensors: u64 LE header length N, then N bytes of JSON starting with '{' (tensor table + __metadata__).
import { u64 } from './bytes.js'
import type { BlobPrefix, Sniffed } from './sniff.js'
import { LIMITS } from './limits.js'

const MAX_HEADER = 100_000_000 // the reference implementation's MAX_HEADER_SIZE

export function safetensorsWants(head: Buffer): number | null {
  const n = headerLength(head, Number.MAX_SAFE_INTEGER)
  return n === null ? null : Math.min(8 + n, LIMITS.reads.safetensorsHeader)
}

function headerLength(bytes: Buffer, size: number): number | null {
  const n = u64(bytes, 0)
  if (n === null || n < 2 || n > MAX_HEADER || 8 + n > size || bytes[8] !== 0x7b) return null
  // After the brace: a key, the closing brace, or any whitespace the JSON grammar allows.
  return [0x22, 0x7d, 0x20, 0x09, 0x0a, 0x0d].includes(bytes[9]) ? n : null
}

export function sniffSafetensors(blob: BlobPrefix): Sniffed | null {
  const n = headerLength(blob.bytes, blob.size)
  if (n === null) return lyingHeader(blob)
  if (8 + n > blob.bytes.length) {
    return { format: 'safetensors', kind: 'weights', detail: { headerBytes: n, headerTruncated: true } }
  }
  let header: unknown
  try {
    header = JSON.parse(blob.bytes.toString('utf8', 8, 8 + n))
  } catch {
    return null
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) return null
  const { __metadata__: meta, ...tensors } = header as Record<string, unknown>
  const entries = Object.values(tensors)
  if (!entries.every(isTensorInfo)) return null
  return { format: 'safetensors', kind: 'weights', detail: { tensorCount: entries.length, metadata: stringMap(meta) } }
}

function isTensorInfo(value: unknown): boolean {
  const info = value as Record<string, unknown> | null
  return !!info && typeof info.dtype === 'string' && Array.isArray(info.shape) && Array.isArray(info.data_offsets)
}

/** `__metadata__` is a string→string map by spec; anything else is stringified. */
function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!value || typeof value !== 'object') return out
  for (const [key, v] of Object.entries(value as Record<string, unknown>))
    out[key] = typeof v === 'string' ? v : JSON.stringify(v)
  return out
}

/**
 * A tensor table whose declared length the file cannot hold (or the loader's maximum): not loadable
 * as it stands, but unmistakably safetensors, so it is reported as uninspected rather than passed.
 */
function lyingHeader(blob: BlobPrefix): Sniffed | null {
  const n = u64(blob.bytes, 0) ?? Number.MAX_SAFE_INTEGER
  if (blob.bytes[8] !== 0x7b) return null
  const start = blob.bytes.toString('latin1', 8, 8 + 4096)
  if (!/^\{\s*"/.test(start) || !start.includes('"dtype"') || !start.includes('"data_offsets"')) return null
  const reason = `safetensors header declares ${n < Number.MAX_SAFE_INTEGER ? n : 'over 2^53'} bytes, more than the file's ${blob.size}`
  return { format: 'safetensors', kind: 'unknown', detail: { reason } }
}
