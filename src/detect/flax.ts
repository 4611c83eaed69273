// Flax / JAX checkpoints: `flax.serialization.to_bytes` (transformers' `flax_model.msgpack`,
// flax.training checkpoints) writes the state dict as msgpack, a map of string keys whose leaves are
// arrays as ext values of type 1 (ndarray) or 3 (numpy scalar), each a msgpack [shape, dtype, bytes].
// Recognised by walking the token stream to its arrays; a msgpack map of plain values stays quiet.
import { LIMITS } from './limits.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const NDARRAY = 1
const NPSCALAR = 3
const LISTED_KEYS = 16

interface Token {
  /** Items that follow as children: 2 per map entry, 1 per array element. */
  children: number
  isMap: boolean
  isString: boolean
  /** Offset of the token's payload and of the next token. */
  payload: number
  next: number
  extType?: number
}

export function sniffFlax(blob: BlobPrefix): Sniffed | null {
  const first = token(blob.bytes, 0)
  if (!first?.isMap || first.children === 0) return null
  const walk = walkTree(blob.bytes, first)
  if (!walk || walk.arrays === 0) return null
  return { format: 'flax-msgpack', kind: 'weights', detail: { arrays: walk.arrays, keys: walk.keys } }
}

/** Counts the array leaves of a map tree (every map key a string), in the bytes read; null if it is no such tree. */
function walkTree(bytes: Buffer, root: Token): { arrays: number; keys: string[] } | null {
  const pending: { left: number; isMap: boolean }[] = [{ left: root.children, isMap: true }]
  const keys: string[] = []
  let arrays = 0
  let at = root.next
  while (pending.length > 0 && at < bytes.length) {
    const parent = pending[pending.length - 1]
    const t = token(bytes, at)
    const isKey = parent.isMap && parent.left % 2 === 0
    if (!t || (isKey && !t.isString) || pending.length > LIMITS.flaxDepth) return null
    if (isKey && pending.length === 1 && keys.length < LISTED_KEYS) keys.push(bytes.toString('utf8', t.payload, t.next))
    if (t.extType === NDARRAY || t.extType === NPSCALAR) arrays += isArrayPayload(bytes, t) ? 1 : 0
    parent.left -= 1
    at = t.next
    if (t.children > 0) pending.push({ left: t.children, isMap: t.isMap })
    while (pending.length > 0 && pending[pending.length - 1].left === 0) pending.pop()
  }
  return { arrays, keys }
}

/** Flax's array payload is a msgpack array of three: the shape (an array), the dtype name, the bytes. */
function isArrayPayload(bytes: Buffer, ext: Token): boolean {
  const shape = bytes[ext.payload + 1]
  return bytes[ext.payload] === 0x93 && ((shape >= 0x90 && shape <= 0x9f) || shape === 0xdc)
}

/** One msgpack token at `at` (the msgpack spec's formats); null for the never-used 0xc1 or a length past 2^32. */
function token(bytes: Buffer, at: number): Token | null {
  const b = bytes[at]
  if (b === undefined) return null
  const plain = (size: number): Token => span(at + 1, size)
  if (b <= 0x7f || b >= 0xe0 || b === 0xc0 || b === 0xc2 || b === 0xc3) return plain(0)
  if (b <= 0x8f) return { ...plain(0), children: 2 * (b & 0x0f), isMap: true }
  if (b <= 0x9f) return { ...plain(0), children: b & 0x0f }
  if (b <= 0xbf) return { ...plain(b & 0x1f), isString: true }
  return sized(bytes, at, b)
}

function span(payload: number, size: number): Token {
  return { children: 0, isMap: false, isString: false, payload, next: payload + size }
}

const FIXED: Record<number, number> = { 0xca: 4, 0xcb: 8, 0xcc: 1, 0xcd: 2, 0xce: 4, 0xcf: 8 }
for (const [b, size] of [
  [0xd0, 1],
  [0xd1, 2],
  [0xd2, 4],
  [0xd3, 8]
])
  FIXED[b] = size

/** Tokens whose header carries a width or a length (numbers, str/bin/ext 8-32, array/map 16-32). */
function sized(bytes: Buffer, at: number, b: number): Token | null {
  if (FIXED[b] !== undefined) return span(at + 1, FIXED[b])
  if (b >= 0xd4 && b <= 0xd8) return { ...span(at + 2, 1 << (b - 0xd4)), extType: bytes[at + 1] }
  const width = [0xc4, 0xc7, 0xd9].includes(b) ? 1 : [0xc5, 0xc8, 0xda, 0xdc, 0xde].includes(b) ? 2 : 4
  if (at + 1 + width > bytes.length || b === 0xc1) return null
  const n = width === 1 ? bytes[at + 1] : width === 2 ? bytes.readUInt16BE(at + 1) : bytes.readUInt32BE(at + 1)
  const after = at + 1 + width
  if (b >= 0xdc) return { ...span(after, 0), children: b >= 0xde ? 2 * n : n, isMap: b >= 0xde }
  if (b >= 0xc7 && b <= 0xc9) return { ...span(after + 1, n), extType: bytes[after] }
  return { ...span(after, n), isString: b >= 0xd9 }
}
