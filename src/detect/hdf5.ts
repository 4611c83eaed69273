// HDF5: a model only when the root group carries Keras attributes (model_config, keras_version,
// layer_names). Plain HDF5 data (AnnData .h5ad, measurements) stays quiet. We read the superblock,
// the root object header and its attribute messages, following vlen strings into the global heap.
import { hasBytes, u16, u32, u8, uint } from './bytes.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]
const KERAS_ATTRS = ['model_config', 'keras_version', 'layer_names']
const MAX_MESSAGES = 4096
const MAX_CONTINUATIONS = 64

interface File {
  buf: Buffer
  base: number
  offsetSize: number
  lengthSize: number
}

type Attrs = Map<string, string | string[] | null>

/** The superblock may sit at 0, 512, 1024, ... when a user block precedes it. */
function superblockAt(buf: Buffer): number {
  for (let at = 0; at + 8 <= buf.length && at <= 1 << 20; at = at === 0 ? 512 : at * 2) {
    if (hasBytes(buf, at, SIGNATURE)) return at
  }
  return -1
}

export function isHdf5(head: Buffer): boolean {
  return superblockAt(head) >= 0
}

export function sniffHdf5Keras(blob: BlobPrefix): Sniffed | null {
  const at = superblockAt(blob.bytes)
  if (at < 0) return null
  let attrs: Attrs
  try {
    attrs = rootAttributes(blob.bytes, at)
  } catch {
    attrs = new Map()
  }
  if (attrs.size === 0) return byteSearch(blob.bytes)
  if (!KERAS_ATTRS.some((name) => attrs.has(name))) return null
  return { format: 'keras-h5', kind: 'weights', detail: kerasDetail(attrs) }
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

function rootAttributes(buf: Buffer, at: number): Attrs {
  const version = u8(buf, at + 8) ?? 99
  if (version <= 1) {
    const f = fileAt(buf, at + 24 + (version === 1 ? 4 : 0), u8(buf, at + 13), u8(buf, at + 14))
    const rootEntry = at + 24 + (version === 1 ? 4 : 0) + 4 * f.offsetSize
    return objectAttributes(f, address(f, rootEntry + f.offsetSize))
  }
  if (version > 3) return new Map()
  const f = fileAt(buf, at + 12, u8(buf, at + 9), u8(buf, at + 10))
  return objectAttributes(f, address(f, at + 12 + 3 * f.offsetSize))
}

/** Addresses in the file are relative to the base address stored in the superblock. */
function fileAt(buf: Buffer, baseAt: number, offsetSize: number | null, lengthSize: number | null): File {
  if (![2, 4, 8].includes(offsetSize ?? 0) || ![2, 4, 8].includes(lengthSize ?? 0)) throw new Error('bad sizes')
  const f: File = { buf, base: 0, offsetSize: offsetSize as number, lengthSize: lengthSize as number }
  f.base = uint(buf, baseAt, f.offsetSize) ?? 0
  return f
}

function address(f: File, at: number): number {
  const value = uint(f.buf, at, f.offsetSize)
  if (value === null) throw new Error('address past buffer')
  return f.base + value
}

/** Collects attribute messages (type 0x0C) of an object header, v1 or v2 ("OHDR"). */
function objectAttributes(f: File, at: number): Attrs {
  const attrs: Attrs = new Map()
  const blocks = hasBytes(f.buf, at, 'OHDR') ? v2Blocks(f, at) : v1Blocks(f, at)
  for (let i = 0; i < blocks.length && i < MAX_CONTINUATIONS; i++) {
    for (const message of blocks[i].read(f)) {
      if (message.type === 0x0c) readAttribute(f, message.at, attrs)
      if (message.type === 0x10)
        blocks.push(
          blocks[i].continuation(address(f, message.at), uint(f.buf, message.at + f.offsetSize, f.lengthSize) ?? 0)
        )
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

function v1Blocks(f: File, at: number): Block[] {
  if (u8(f.buf, at) !== 1) throw new Error('not a v1 object header')
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
