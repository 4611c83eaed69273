// ZIP listing as tolerant as the tools that extract zips: the central directory (walked to its
// end whatever the end record counts) plus every local header (a member the directory leaves out
// is still in the file); bytes before the zip (a self-extractor, a polyglot) are allowed. The end
// record and the directory are read from the blob's tail when its middle was not read (a large
// zip, or a zip appended after other bytes, which Python's zipfile opens): members whose bytes
// were not read are listed by name. Without a tail, the local headers found in the prefix (enough
// to name a PyTorch checkpoint).
import { MalformedInput } from '../errors.js'
import { u16, u32, u64 } from './bytes.js'
import { unpack } from './compression.js'
import { LIMITS } from './limits.js'
import type { Archive, ArchiveEntry, BlobPrefix } from './sniff.js'
import { heldBytes, readShort } from './sniff.js'

const LOCAL = 0x04034b50
const CENTRAL = 0x02014b50
const EOCD = 0x06054b50
const EOCD64_LOCATOR = 0x07064b50
const EOCD64 = 0x06064b50
const DESCRIPTOR = 0x08074b50
const METHODS = new Set([0, 8])

interface ZipEntry extends ArchiveEntry {
  method: number
  localOffset: number
  /** Known end of the packed data when listed from local headers without sizes. */
  dataEnd?: number
  /** The encryption flag is set: read anyway (it may be stored in the clear), unknown if nothing is found. */
  encrypted?: boolean
}

/** Where a zip's end record can be: the bytes read when they reach the end, else the tail; `base` is their offset. */
interface End {
  bytes: Buffer
  base: number
}

/** Where the zip starts in a head: 0, or a well-formed local header after other bytes; -1 for none. */
export function zipStart(head: Buffer): number {
  if (u32(head, 0) === LOCAL || u32(head, 0) === EOCD) return 0
  for (let at = head.indexOf('PK\x03\x04', 1, 'latin1'); at > 0; at = head.indexOf('PK\x03\x04', at + 1, 'latin1')) {
    if (isLocalHeader(head, at)) return at
  }
  return -1
}

/** A zip from its first byte. */
export function isZip(head: Buffer): boolean {
  return zipStart(head) === 0
}

/**
 * A zip after other bytes (a self-extractor stub, a polyglot): a well-formed local header in the
 * head, or an end record at the end (of the blob read whole, or of its tail) whose directory
 * parses. Tried after everything else.
 */
export function hasEmbeddedZip(blob: BlobPrefix): boolean {
  if (zipStart(blob.bytes.subarray(0, LIMITS.headBytes)) > 0) return true
  const end = endOf(blob)
  const eocd = end ? findEocd(end.bytes) : -1
  return end !== null && eocd >= 0 && directoryAt(end, eocd) !== null
}

/** A local header a zip tool writes: a sane version, a known method, a short printable name. */
function isLocalHeader(bytes: Buffer, at: number): boolean {
  const version = u16(bytes, at + 4) ?? 999
  const nameLength = u16(bytes, at + 26) ?? 0
  if (version > 63 || !METHODS.has(u16(bytes, at + 8) ?? -1) || nameLength < 1 || nameLength > 1024) return false
  const name = bytes.subarray(at + 30, at + 30 + nameLength)
  return name.length === nameLength && name.every((byte) => byte >= 0x20 && byte !== 0x7f)
}

function endOf(blob: BlobPrefix): End | null {
  if (blob.bytes.length >= blob.size) return { bytes: blob.bytes, base: 0 }
  return blob.tail ? { bytes: blob.tail, base: blob.size - blob.tail.length } : null
}

export function listZip(blob: BlobPrefix): Archive {
  const { bytes, size } = blob
  const start = Math.max(0, zipStart(bytes.subarray(0, LIMITS.headBytes)))
  const end = endOf(blob)
  const eocd = end ? findEocd(end.bytes) : -1
  if (bytes.length >= size && end && eocd >= 0) return archiveOf(blob, allEntries(blob, end, eocd, start))
  // Read whole and still no directory: not a zip we can trust, so no member names made of noise.
  if (bytes.length >= size)
    return { ...archiveOf(blob, []), unreadable: 'starts like a zip but has no central directory' }
  if (end && eocd >= 0 && directoryAt(end, eocd)) return fromTail(blob, allEntries(blob, end, eocd, start))
  const why = end && eocd >= 0 ? 'its end record was read, its directory was not' : 'listed from local headers'
  return {
    ...archiveOf(blob, localEntries(bytes, start)),
    truncated: `${readShort('zip', size, bytes.length)}: ${why}`
  }
}

/** Listed from the tail's directory: a member whose local header was not read is named, not opened. */
function fromTail(blob: BlobPrefix, entries: ZipEntry[]): Archive {
  const held = (e: ZipEntry): boolean => (heldBytes(blob, e.localOffset, 30)?.length ?? 0) === 30
  const unread = entries.filter((e) => !held(e))
  const unopened = unread.map((e) => ({ ...e, unreadable: 'its data lies past the bytes read' }))
  return { ...archiveOf(blob, entries.filter(held)), unopened }
}

function archiveOf(blob: BlobPrefix, entries: ZipEntry[]): Archive {
  return { type: 'zip', entries, read: (entry, limit) => readEntry(blob, entry as ZipEntry, limit) }
}

function findEocd(bytes: Buffer): number {
  const at = bytes.lastIndexOf('PK\x05\x06', bytes.length - 22, 'latin1')
  return at >= 0 && at >= bytes.length - 22 - 65_535 ? at : -1
}

/** The central directory's entries, then members only local headers (in the prefix) know of. */
function allEntries(blob: BlobPrefix, end: End, eocd: number, start: number): ZipEntry[] {
  const central = centralEntries(end, eocd)
  const known = new Set(central.map((e) => e.localOffset))
  const hidden = localEntries(blob.bytes, central[0]?.localOffset ?? start).filter((e) => !known.has(e.localOffset))
  return [...central, ...hidden].slice(0, LIMITS.maxListed)
}

/**
 * Where the directory starts in `end.bytes`, from the end record (or the zip64 record before it).
 * Offsets in it are from the start of the zip, which bytes before it (a self-extractor stub)
 * shift: the shift is the gap between where the directory is (right before the end records) and
 * where the end record says it is.
 */
function directoryAt(end: End, eocd: number): { at: number; shift: number } | null {
  const extent = directoryExtent(end, eocd)
  if (u32(end.bytes, extent.offset - end.base) === CENTRAL) return { at: extent.offset - end.base, shift: 0 }
  const at = extent.endsAt - extent.length
  const shift = end.base + at - extent.offset
  return shift > 0 && u32(end.bytes, at) === CENTRAL ? { at, shift } : null
}

/** The directory's offset (from the zip's start) and length, and where the end records start in `end.bytes`. */
function directoryExtent(end: End, eocd: number): { offset: number; length: number; endsAt: number } {
  const record = zip64Record(end, eocd)
  if (record !== null) {
    return { offset: u64(end.bytes, record + 48) ?? 0, length: u64(end.bytes, record + 40) ?? 0, endsAt: record }
  }
  return { offset: u32(end.bytes, eocd + 16) ?? 0, length: u32(end.bytes, eocd + 12) ?? 0, endsAt: eocd }
}

/** The zip64 end record: right before its locator, or where the locator points (a zip with nothing before it). */
function zip64Record(end: End, eocd: number): number | null {
  if (u32(end.bytes, eocd - 20) !== EOCD64_LOCATOR) return null
  const pointed = (u64(end.bytes, eocd - 12) ?? -1) - end.base
  return [eocd - 20 - 56, pointed].find((at) => u32(end.bytes, at) === EOCD64) ?? null
}

/**
 * A well-formed end record ends the tail (its comment runs exactly to the end) but the directory
 * it points at was not read (larger than the read cap): why, or null.
 */
export function zipDirectoryUnread(blob: BlobPrefix): string | null {
  const end = blob.tail && blob.bytes.length < blob.size ? endOf(blob) : null
  const eocd = end ? findEocd(end.bytes) : -1
  if (!end || eocd < 0 || eocd + 22 + (u16(end.bytes, eocd + 20) ?? 0) !== end.bytes.length) return null
  if (directoryAt(end, eocd)) return null
  return `its directory (${directoryExtent(end, eocd).length} bytes) lies before the last ${end.bytes.length} bytes read`
}

/**
 * The trailing bytes a zip whose end record is in the tail wants: all of it when it starts past the
 * prefix (a zip appended to other bytes) and fits in `cap`, else its directory (members past the
 * prefix are then named only).
 */
export function zipTailWanted(blob: BlobPrefix, cap: number): number {
  const end = blob.tail ? endOf(blob) : null
  const eocd = end ? findEocd(end.bytes) : -1
  if (!end || eocd < 0) return 0
  const extent = directoryExtent(end, eocd)
  const directory = end.base + extent.endsAt - extent.length
  const zip = directory - extent.offset
  if (zip >= blob.bytes.length && blob.size - zip <= cap) return blob.size - zip
  return Math.min(Math.max(0, blob.size - directory), cap)
}

function centralEntries(end: End, eocd: number): ZipEntry[] {
  const directory = directoryAt(end, eocd)
  if (!directory) return []
  const { bytes } = end
  const entries: ZipEntry[] = []
  let at = directory.at
  // Walked to the last directory header: an end record that counts fewer hides nothing.
  while (entries.length < LIMITS.maxListed && u32(bytes, at) === CENTRAL) {
    const nameLength = u16(bytes, at + 28) ?? 0
    const extraLength = u16(bytes, at + 30) ?? 0
    const entry = entryOf(bytes, at, at + 46, nameLength, extraLength, true)
    entry.localOffset += directory.shift
    entries.push(entry)
    at += 46 + nameLength + extraLength + (u16(bytes, at + 32) ?? 0)
  }
  return entries
}

/** Reads name, sizes and method from a central (46-byte) or local (30-byte) header. */
function entryOf(
  bytes: Buffer,
  at: number,
  nameAt: number,
  nameLength: number,
  extraLength: number,
  central: boolean
): ZipEntry {
  const shift = central ? 2 : 0
  const flags = u16(bytes, at + 6 + shift) ?? 0
  const method = u16(bytes, at + 8 + shift) ?? 0
  let packedSize = u32(bytes, at + 18 + shift) ?? 0
  let size = u32(bytes, at + 22 + shift) ?? 0
  let localOffset = central ? (u32(bytes, at + 42) ?? 0) : at
  const name = bytes.toString('utf8', nameAt, nameAt + nameLength)
  const z64 = zip64Extra(bytes, nameAt + nameLength, extraLength)
  if (z64.length > 0) {
    if (size === 0xffffffff) size = z64.shift() ?? size
    if (packedSize === 0xffffffff) packedSize = z64.shift() ?? packedSize
    if (central && localOffset === 0xffffffff) localOffset = z64.shift() ?? localOffset
  }
  const unreadable = METHODS.has(method) ? undefined : `compression method ${method}`
  return { name, size, packedSize, method, localOffset, unreadable, encrypted: (flags & 1) === 1 }
}

/** The zip64 extended-information extra field (0x0001): its 8-byte values in order. */
function zip64Extra(bytes: Buffer, at: number, length: number): number[] {
  const end = Math.min(at + length, bytes.length)
  while (at + 4 <= end) {
    const id = u16(bytes, at) ?? 0
    const size = u16(bytes, at + 2) ?? 0
    if (id === 1) {
      const values: number[] = []
      for (let v = at + 4; v + 8 <= at + 4 + size; v += 8) values.push(u64(bytes, v) ?? 0)
      return values
    }
    at += 4 + size
  }
  return []
}

/** Walks local headers from `at`; entries with a data descriptor end at the next header found. */
function localEntries(bytes: Buffer, at: number): ZipEntry[] {
  const entries: ZipEntry[] = []
  while (entries.length < LIMITS.maxListed && u32(bytes, at) === LOCAL) {
    const nameLength = u16(bytes, at + 26) ?? 0
    const extraLength = u16(bytes, at + 28) ?? 0
    const entry = entryOf(bytes, at, at + 30, nameLength, extraLength, false)
    const dataStart = at + 30 + nameLength + extraLength
    let next = entry.packedSize > 0 ? dataStart + entry.packedSize : nextHeader(bytes, dataStart)
    if (next < 0) next = bytes.length
    entry.dataEnd = Math.min(next, bytes.length)
    // Sizes sit in a trailing data descriptor: use the packed span as a stand-in.
    if (entry.packedSize === 0) entry.packedSize = entry.size = Math.max(0, entry.dataEnd - dataStart)
    entries.push(entry)
    if (next >= bytes.length) break
    at = u32(bytes, next) === DESCRIPTOR ? nextHeader(bytes, next + 4) : next
    if (at < 0) break
  }
  return entries
}

function nextHeader(bytes: Buffer, from: number): number {
  return bytes.indexOf('PK\x03\x04', from, 'latin1')
}

async function readEntry(blob: BlobPrefix, entry: ZipEntry, limit: number): Promise<Buffer> {
  if (entry.unreadable) throw new MalformedInput(`zip member ${entry.name}: ${entry.unreadable}`)
  const at = entry.localOffset
  const header = heldBytes(blob, at, 30)
  if (!header || u32(header, 0) !== LOCAL)
    throw new MalformedInput(`zip member ${entry.name}: no local header at ${at}`)
  const start = at + 30 + (u16(header, 26) ?? 0) + (u16(header, 28) ?? 0)
  const end = entry.dataEnd ?? start + entry.packedSize
  const packed = heldBytes(blob, start, Math.max(0, end - start)) ?? Buffer.alloc(0)
  if (entry.method === 0) return packed.subarray(0, limit)
  return (await unpack('deflate-raw', packed, limit)).data
}
