// RAR listing (RAR5 and RAR 1.5-4.x) by walking the block headers of the bytes read: each member's
// header, with its name, sits right before its data. A member stored uncompressed and in the clear
// is its bytes, read like any archive member; a compressed or encrypted one (no RAR decoder is
// bundled or permissively licensed) is listed by name only. Encrypted headers list nothing.
import { MalformedInput } from '../errors.js'
import { crc32, hasBytes, u16, u32 } from './bytes.js'
import { LIMITS } from './limits.js'
import type { Archive, ArchiveEntry, BlobPrefix } from './sniff.js'
import { readShort } from './sniff.js'

const RAR4 = 'Rar!\x1a\x07\x00'
const RAR5 = 'Rar!\x1a\x07\x01\x00'

export function isRar(head: Buffer): boolean {
  return hasBytes(head, 0, RAR4) || hasBytes(head, 0, RAR5)
}

interface RarEntry extends ArchiveEntry {
  offset: number
}

/** What the walk found: members, and why it stopped early if it did. */
interface Walk {
  entries: RarEntry[]
  /** The headers are encrypted: nothing can be listed. */
  encrypted?: boolean
  /** The end-of-archive block was reached. */
  ended: boolean
}

const COMPRESSED = 'RAR-compressed (not decoded here)'
const ENCRYPTED = 'encrypted (RAR)'

export function listRar(blob: BlobPrefix): Archive {
  const walk = hasBytes(blob.bytes, 0, RAR5) ? walkRar5(blob.bytes) : walkRar4(blob.bytes)
  const entries = walk.entries.filter((e) => !e.unreadable)
  const unopened = walk.entries.filter((e) => e.unreadable)
  const archive: Archive = { type: 'rar', entries, unopened, read: (entry, limit) => readEntry(blob, entry, limit) }
  if (walk.encrypted) return { ...archive, unreadable: 'its headers are encrypted: members not listed' }
  if (walk.ended) return archive
  const cut = blob.bytes.length < blob.size ? readShort('rar', blob.size, blob.bytes.length) : 'it ends early'
  return { ...archive, truncated: `${cut}: members past that point not listed` }
}

/** A header whose checksum fails: not a RAR we can trust (bytes after a RAR signature by chance, or corrupt). */
function badCrc(at: number): MalformedInput {
  return new MalformedInput(`rar header at byte ${at} fails its CRC32`)
}

async function readEntry(blob: BlobPrefix, entry: ArchiveEntry, limit: number): Promise<Buffer> {
  const { offset, size } = entry as RarEntry
  return blob.bytes.subarray(offset, Math.min(offset + size, offset + limit, blob.bytes.length))
}

/** A member entry: readable when stored in the clear and its data starts within the bytes read. */
function memberEntry(
  bytes: Buffer,
  name: string,
  at: { offset: number; packed: number; size: number },
  how: { stored: boolean; encrypted: boolean }
): RarEntry {
  const entry = { name, size: at.size, packedSize: at.packed, offset: at.offset }
  if (how.encrypted) return { ...entry, unreadable: ENCRYPTED }
  if (!how.stored) return { ...entry, unreadable: COMPRESSED }
  if (at.size > 0 && at.offset >= bytes.length) return { ...entry, unreadable: 'its data lies past the bytes read' }
  return entry
}

// ------------------------------------------------------------------ RAR5 (rarlab's "RAR 5.0 archive format")

const RAR5_TYPE = { main: 1, file: 2, service: 3, encryption: 4, end: 5 }

/** RAR5's variable-length integer: 7 bits a byte, least significant first, at most 10 bytes; null past the end. */
function vintAt(bytes: Buffer, at: number): { value: number; next: number } | null {
  let value = 0
  for (let i = 0; i < 10; i++) {
    const byte = bytes[at + i]
    if (byte === undefined) return null
    value += (byte & 0x7f) * 2 ** (7 * i)
    if ((byte & 0x80) === 0) return { value, next: at + i + 1 }
  }
  throw new MalformedInput('rar number longer than 10 bytes')
}

function vint(bytes: Buffer, at: number): { value: number; next: number } {
  const read = vintAt(bytes, at)
  if (!read) throw new MalformedInput('rar header ends early')
  return read
}

/** Reads fields in order from one header. */
class Fields {
  constructor(
    private readonly bytes: Buffer,
    public at: number
  ) {}

  vint(): number {
    const { value, next } = vint(this.bytes, this.at)
    this.at = next
    return value
  }

  skip(length: number): void {
    this.at += length
  }
}

function walkRar5(bytes: Buffer): Walk {
  const entries: RarEntry[] = []
  let at = RAR5.length
  while (entries.length < LIMITS.maxListed) {
    const size = vintAt(bytes, at + 4) // after the header's CRC32
    if (!size || size.next + size.value > bytes.length) break // cut by the read
    const headerEnd = size.next + size.value
    if (crc32(bytes.subarray(at + 4, headerEnd)) !== u32(bytes, at)) throw badCrc(at)
    const f = new Fields(bytes, size.next)
    const type = f.vint()
    const flags = f.vint()
    const extraSize = flags & 1 ? f.vint() : 0
    const dataSize = flags & 2 ? f.vint() : 0
    if (type === RAR5_TYPE.encryption) return { entries, encrypted: true, ended: false }
    if (type === RAR5_TYPE.end) return { entries, ended: true }
    if (type === RAR5_TYPE.file) {
      const entry = rar5File(bytes, f, { headerEnd, extraSize, dataSize })
      if (entry) entries.push(entry)
    }
    at = headerEnd + dataSize
  }
  return { entries, ended: false }
}

/** A file header's fields after the common ones; null for a directory. */
function rar5File(
  bytes: Buffer,
  f: Fields,
  block: { headerEnd: number; extraSize: number; dataSize: number }
): RarEntry | null {
  const fileFlags = f.vint()
  const size = f.vint()
  f.vint() // attributes
  if (fileFlags & 2) f.skip(4) // modification time
  if (fileFlags & 4) f.skip(4) // data CRC32
  const method = (f.vint() >> 7) & 7
  f.vint() // host OS
  const nameLength = f.vint()
  const name = bytes.toString('utf8', f.at, f.at + nameLength)
  if (fileFlags & 1) return null
  const encrypted = hasRecord(bytes, block.headerEnd - block.extraSize, block.headerEnd, RAR5_FILE_ENCRYPTION)
  const at = { offset: block.headerEnd, packed: block.dataSize, size }
  return memberEntry(bytes, name, at, { stored: method === 0, encrypted })
}

const RAR5_FILE_ENCRYPTION = 1

/** Whether the extra area holds a record of this type. */
function hasRecord(bytes: Buffer, at: number, end: number, type: number): boolean {
  while (at < end) {
    const size = vint(bytes, at)
    if (vint(bytes, size.next).value === type) return true
    at = size.next + size.value
  }
  return false
}

// ------------------------------------------------------------------ RAR 1.5-4.x (rarlab's technote)

const RAR4_TYPE = { main: 0x73, file: 0x74, end: 0x7b }
const RAR4_FLAG = {
  mainEncryptedHeaders: 0x0080,
  long: 0x8000,
  encrypted: 0x0004,
  large: 0x0100,
  directory: 0x00e0
}
const RAR4_STORE = 0x30

function walkRar4(bytes: Buffer): Walk {
  const entries: RarEntry[] = []
  let at = RAR4.length
  while (at + 7 <= bytes.length && entries.length < LIMITS.maxListed) {
    const type = bytes[at + 2]
    const flags = u16(bytes, at + 3) ?? 0
    const size = u16(bytes, at + 5) ?? 0
    if (size < 7) throw new MalformedInput(`rar block at ${at} of ${size} bytes`)
    if (at + size <= bytes.length && (crc32(bytes.subarray(at + 2, at + size)) & 0xffff) !== u16(bytes, at))
      throw badCrc(at)
    if (type === RAR4_TYPE.main && flags & RAR4_FLAG.mainEncryptedHeaders)
      return { entries, encrypted: true, ended: false }
    if (type === RAR4_TYPE.end) return { entries, ended: true }
    if (at + size > bytes.length) break
    if (type === RAR4_TYPE.file) {
      const entry = rar4File(bytes, at, flags, size)
      if (entry) entries.push(entry)
      at += size + rar4Sizes(bytes, at, flags).packed
    } else at += size + (flags & RAR4_FLAG.long ? (u32(bytes, at + 7) ?? 0) : 0)
  }
  return { entries, ended: false }
}

/** Packed and unpacked sizes of a RAR4 file block: above 4 GiB, their high halves follow the attributes. */
function rar4Sizes(bytes: Buffer, at: number, flags: number): { packed: number; unpacked: number; large: boolean } {
  const large = (flags & RAR4_FLAG.large) !== 0
  const packed = (u32(bytes, at + 7) ?? 0) + (large ? (u32(bytes, at + 32) ?? 0) * 2 ** 32 : 0)
  const unpacked = (u32(bytes, at + 11) ?? 0) + (large ? (u32(bytes, at + 36) ?? 0) * 2 ** 32 : 0)
  return { packed, unpacked, large }
}

/** A RAR4 file block; null for a directory. */
function rar4File(bytes: Buffer, at: number, flags: number, size: number): RarEntry | null {
  const { packed, unpacked, large } = rar4Sizes(bytes, at, flags)
  const nameAt = at + 32 + (large ? 8 : 0)
  const raw = bytes.subarray(nameAt, nameAt + (u16(bytes, at + 26) ?? 0))
  // A Unicode name follows the plain one after a zero byte, in RAR's own packing: the plain one is kept.
  const nul = raw.indexOf(0)
  const name = raw.toString('utf8', 0, nul < 0 ? raw.length : nul)
  if ((flags & RAR4_FLAG.directory) === RAR4_FLAG.directory) return null
  const how = { stored: bytes[at + 25] === RAR4_STORE, encrypted: (flags & RAR4_FLAG.encrypted) !== 0 }
  return memberEntry(bytes, name, { offset: at + size, packed, size: unpacked }, how)
}
