// HDF5: a model only when the root group carries Keras attributes (model_config, keras_version,
// layer_names). Plain HDF5 data (AnnData .h5ad, measurements) stays quiet. We read the superblock,
// the root object header and its attribute messages, following vlen strings into the global heap.
import { hasBytes, u16, u32, u8, uint } from './bytes.js'
import { LIMITS } from './limits.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]
const KERAS_ATTRS = ['model_config', 'keras_version', 'layer_names']
const { maxMessages: MAX_MESSAGES, maxContinuations: MAX_CONTINUATIONS } = LIMITS.hdf5

interface File {
  buf: Buffer
  base: number
  offsetSize: number
  lengthSize: number
  /** The furthest offset a read wanted past the buffer (0 when everything lay inside it). */
  needs: number
}

interface RootAttributes {
  attrs: Attrs
  needs: number
}

type Attrs = Map<string, string | string[] | null>

/** The superblock may sit at 0, 512, 1024, ... when a user block precedes it. */
function superblockAt(buf: Buffer): number {
  for (let at = 0; at + 8 <= buf.length && at <= 1 << 20; at = at === 0 ? 512 : at * 2) {
    if (hasBytes(buf, at, SIGNATURE)) return at
  }
  return -1
}

/** At least the usual read; further when the head's root header points past it (within the blob). */
export function hdf5Wants(head: Buffer, size: number): number | null {
  const at = superblockAt(head)
  if (at < 0) return null
  const needs = rootAttributes(head, at)?.needs ?? 0
  return Math.max(LIMITS.reads.hdf5, needs <= size ? needs + LIMITS.reads.hdf5Margin : 0)
}

export function sniffHdf5Keras(blob: BlobPrefix): Sniffed | null {
  const at = superblockAt(blob.bytes)
  if (at < 0) return null
  const root = rootAttributes(blob.bytes, at)
  const attrs = root?.attrs ?? new Map()
  if (KERAS_ATTRS.some((name) => attrs.has(name)))
    return { format: 'keras-h5', kind: 'weights', detail: kerasDetail(attrs) }
  if (root && root.needs > blob.bytes.length && root.needs <= blob.size) {
    const reason = `HDF5 root attributes lie past the ${blob.bytes.length} bytes read: not inspected`
    return { format: 'hdf5', kind: 'unknown', detail: { reason } }
  }
  return attrs.size === 0 ? byteSearch(blob.bytes) : null
}

/** Fallback when the header layout is one we do not parse (dense attribute storage): names in the bytes. */
function byteSearch(buf: Buffer): Sniffed | null {
  const found = KERAS_ATTRS.filter((name) => buf.includes(`${name}\0`))
  if (found.length < 2) return null
  return { format: 'keras-h5', kind: 'weights', detail: { attributes: found, parsed: false } }
}

function kerasDetail(attrs: Attrs): Record<string, unknown> {
  const metadata: Record<string, string | string[]> = {}
  for (const [name, value] of attrs) if (value !== null && name !== 'model_config') metadata[name] = value
  const detail: Record<string, unknown> = { attributes: [...attrs.keys()], metadata }
  const config = attrs.get('model_config')
  const modelClass = typeof config === 'string' ? /"class_name"\s*:\s*"([^"]+)"/.exec(config)?.[1] : undefined
  if (modelClass) detail.modelClass = modelClass
  return detail
}

/** The root group's attributes, and how far the reads wanted to go; null for a layout we do not parse. */
function rootAttributes(buf: Buffer, at: number): RootAttributes | null {
  const version = u8(buf, at + 8) ?? 99
  if (version > 3) return null
  const v01 = version <= 1
  const baseAt = v01 ? at + 24 + (version === 1 ? 4 : 0) : at + 12
  const f = fileAt(buf, baseAt, u8(buf, at + (v01 ? 13 : 9)), u8(buf, at + (v01 ? 14 : 10)))
  if (!f) return null
  const rootAt = v01 ? baseAt + 5 * f.offsetSize : baseAt + 3 * f.offsetSize
  const root = address(f, rootAt)
  const attrs = root === null ? new Map() : objectAttributes(f, root)
  return attrs ? { attrs, needs: f.needs } : null
}

/** Addresses in the file are relative to the base address stored in the superblock. */
function fileAt(buf: Buffer, baseAt: number, offsetSize: number | null, lengthSize: number | null): File | null {
  if (![2, 4, 8].includes(offsetSize ?? 0) || ![2, 4, 8].includes(lengthSize ?? 0)) return null
  const f: File = { buf, base: 0, offsetSize: offsetSize as number, lengthSize: lengthSize as number, needs: 0 }
  f.base = uint(buf, baseAt, f.offsetSize) ?? 0
  return f
}

/** An address stored at `at`; null (noting how far the read wanted) when it lies past the buffer. */
function address(f: File, at: number): number | null {
  const value = uint(f.buf, at, f.offsetSize)
  if (value === null) {
    f.needs = Math.max(f.needs, at + f.offsetSize)
    return null
  }
  return f.base + value
}

/** Notes a region the reader wanted that lies past the buffer. */
function wants(f: File, at: number, length: number): void {
  if (at + length > f.buf.length) f.needs = Math.max(f.needs, at + length)
}

/** Collects attribute messages (type 0x0C) of an object header, v1 or v2 ("OHDR"). */
function objectAttributes(f: File, at: number): Attrs | null {
  const attrs: Attrs = new Map()
  wants(f, at, 16)
  const blocks = hasBytes(f.buf, at, 'OHDR') ? v2Blocks(f, at) : v1Blocks(f, at)
  if (!blocks) return null
  for (let i = 0; i < blocks.length && i < MAX_CONTINUATIONS; i++) {
    for (const message of blocks[i].read(f)) {
      if (message.type === 0x0c) readAttribute(f, message.at, attrs)
      if (message.type !== 0x10) continue
      const next = address(f, message.at)
      const length = uint(f.buf, message.at + f.offsetSize, f.lengthSize) ?? 0
      if (next === null) continue
      wants(f, next, length)
      blocks.push(blocks[i].continuation(next, length))
    }
  }
  return attrs
}

interface Message {
  type: number
  at: number
}

interface Block {
  read: (f: File) => Message[]
  continuation: (at: number, length: number) => Block
}

function v1Blocks(f: File, at: number): Block[] | null {
  if (u8(f.buf, at) !== 1) return null
  const size = u32(f.buf, at + 8) ?? 0
  return [v1Block(at + 16, size)]
}

function v1Block(start: number, length: number): Block {
  return {
    read: (f) => {
      const messages: Message[] = []
      for (let at = start; at + 8 <= start + length && messages.length < MAX_MESSAGES;) {
        const type = u16(f.buf, at)
        const size = u16(f.buf, at + 2)
        if (type === null || size === null) break
        messages.push({ type, at: at + 8 })
        at += 8 + size
      }
      return messages
    },
    continuation: (at, len) => v1Block(at, len)
  }
}

function v2Blocks(f: File, at: number): Block[] {
  const flags = u8(f.buf, at + 5) ?? 0
  let pos = at + 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0)
  const width = 1 << (flags & 3)
  const size = uint(f.buf, pos, width) ?? 0
  pos += width
  return [v2Block(pos, size, flags)]
}

function v2Block(start: number, length: number, flags: number): Block {
  const header = flags & 0x04 ? 6 : 4
  return {
    read: (f) => {
      const messages: Message[] = []
      for (let at = start; at + header <= start + length && messages.length < MAX_MESSAGES;) {
        const type = u8(f.buf, at)
        const size = u16(f.buf, at + 1)
        if (type === null || size === null) break
        messages.push({ type, at: at + header })
        at += header + size
      }
      return messages
    },
    // An OCHK block: signature, messages, checksum.
    continuation: (at, len) => v2Block(at + 4, len - 8, flags)
  }
}

/** Attribute message v1-v3: name, datatype, dataspace, then the value. */
function readAttribute(f: File, at: number, attrs: Attrs): void {
  const version = u8(f.buf, at) ?? 0
  const nameSize = u16(f.buf, at + 2) ?? 0
  const typeSize = u16(f.buf, at + 4) ?? 0
  const spaceSize = u16(f.buf, at + 6) ?? 0
  const pad = (n: number): number => (version === 1 ? Math.ceil(n / 8) * 8 : n)
  const nameAt = at + 8 + (version === 3 ? 1 : 0)
  const name = f.buf.toString('utf8', nameAt, nameAt + Math.max(0, nameSize - 1))
  const typeAt = nameAt + pad(nameSize)
  const spaceAt = typeAt + pad(typeSize)
  const dataAt = spaceAt + pad(spaceSize)
  attrs.set(name, attributeValue(f, typeAt, spaceAt, dataAt))
}

function attributeValue(f: File, typeAt: number, spaceAt: number, dataAt: number): string | string[] | null {
  const cls = (u8(f.buf, typeAt) ?? 0) & 0x0f
  const elementSize = u32(f.buf, typeAt + 4) ?? 0
  const count = Math.min(elementCount(f, spaceAt), 256)
  const values: string[] = []
  for (let i = 0; i < count; i++) {
    const value =
      cls === 3
        ? fixedString(f, dataAt + i * elementSize, elementSize)
        : cls === 9
          ? heapString(f, dataAt + i * (4 + f.offsetSize + 4), typeAt)
          : null
    if (value === null) return null
    values.push(value)
  }
  return elementCount(f, spaceAt) === 1 && isScalar(f, spaceAt) ? (values[0] ?? null) : values
}

function isScalar(f: File, spaceAt: number): boolean {
  return (u8(f.buf, spaceAt + 1) ?? 0) === 0
}

function elementCount(f: File, spaceAt: number): number {
  const version = u8(f.buf, spaceAt) ?? 1
  const rank = u8(f.buf, spaceAt + 1) ?? 0
  const dimsAt = spaceAt + (version === 1 ? 8 : 4)
  let count = 1
  for (let d = 0; d < rank; d++) count *= uint(f.buf, dimsAt + d * f.lengthSize, f.lengthSize) ?? 0
  return count
}

function fixedString(f: File, at: number, size: number): string | null {
  if (at + size > f.buf.length) return null
  return f.buf.toString('utf8', at, at + Math.min(size, 64 * 1024)).replace(/\0+$/, '')
}

/** A variable-length string: (length, global heap collection address, object index). */
function heapString(f: File, at: number, typeAt: number): string | null {
  if (((u8(f.buf, typeAt + 1) ?? 0) & 0x0f) !== 1) return null // vlen sequence, not string
  const collection = address(f, at + 4)
  const index = u32(f.buf, at + 4 + f.offsetSize)
  if (collection === null) return null
  wants(f, collection, 4096)
  if (!hasBytes(f.buf, collection, 'GCOL') || index === null) return null
  const end = collection + (uint(f.buf, collection + 8, f.lengthSize) ?? 0)
  for (let pos = collection + 8 + f.lengthSize; pos + 8 + f.lengthSize <= Math.min(end, f.buf.length);) {
    const id = u16(f.buf, pos) ?? 0
    const size = uint(f.buf, pos + 8, f.lengthSize) ?? 0
    const dataAt = pos + 8 + f.lengthSize
    if (id === index) return fixedString(f, dataAt, size)
    if (id === 0) return null
    pos = dataAt + Math.ceil(size / 8) * 8
  }
  return null
}
