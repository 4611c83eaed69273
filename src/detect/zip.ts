// ZIP listing as tolerant as the tools that extract zips: the central directory (walked to its
// end whatever the end record counts) plus every local header (a member the directory leaves out
// is still in the file); bytes before the zip (a self-extractor, a polyglot) are allowed. When only
// a prefix of a large zip was read, the local headers found in it (enough to name a PyTorch
// checkpoint).
import { MalformedInput } from '../errors.js'
import { u16, u32, u64 } from './bytes.js'
import { unpack } from './compression.js'
import { LIMITS } from './limits.js'
import type { Archive, ArchiveEntry } from './sniff.js'
import { readShort } from './sniff.js'

const LOCAL = 0x04034b50
const CENTRAL = 0x02014b50
const EOCD = 0x06054b50
const EOCD64_LOCATOR = 0x07064b50
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
 * head, or, in a blob read whole, an end record whose directory parses. Tried after everything else.
 */
export function hasEmbeddedZip(bytes: Buffer, size: number): boolean {
  return zipStart(bytes.subarray(0, LIMITS.headBytes)) > 0 || hasTrailingZip(bytes, size)
}

/** A local header a zip tool writes: a sane version, a known method, a short printable name. */
function isLocalHeader(bytes: Buffer, at: number): boolean {
  const version = u16(bytes, at + 4) ?? 999
  const nameLength = u16(bytes, at + 26) ?? 0
  if (version > 63 || !METHODS.has(u16(bytes, at + 8) ?? -1) || nameLength < 1 || nameLength > 1024) return false
  const name = bytes.subarray(at + 30, at + 30 + nameLength)
  return name.length === nameLength && name.every((byte) => byte >= 0x20 && byte !== 0x7f)
}

function hasTrailingZip(bytes: Buffer, size: number): boolean {
  if (bytes.length < size) return false
  const eocd = findEocd(bytes)
  return eocd >= 0 && directoryAt(bytes, eocd) !== null
}

export function listZip(bytes: Buffer, size: number): Archive {
  const eocd = findEocd(bytes)
  const start = Math.max(0, zipStart(bytes.subarray(0, LIMITS.headBytes)))
  if (bytes.length >= size && eocd >= 0) return archiveOf(bytes, allEntries(bytes, eocd, start))
  // Read whole and still no directory: not a zip we can trust, so no member names made of noise.
  if (bytes.length >= size)
    return { ...archiveOf(bytes, []), unreadable: 'starts like a zip but has no central directory' }
  const partial = localEntries(bytes, start)
  const truncated = `${readShort('zip', size, bytes.length)}: listed from local headers`
  return { ...archiveOf(bytes, partial), truncated }
}

function archiveOf(bytes: Buffer, entries: ZipEntry[]): Archive {
  return { type: 'zip', entries, read: (entry, limit) => readEntry(bytes, entry as ZipEntry, limit) }
}

function findEocd(bytes: Buffer): number {
  const at = bytes.lastIndexOf('PK\x05\x06', bytes.length - 22, 'latin1')
  return at >= 0 && at >= bytes.length - 22 - 65_535 ? at : -1
}

/** The central directory's entries, then members only local headers know of. */
function allEntries(bytes: Buffer, eocd: number, start: number): ZipEntry[] {
  const central = centralEntries(bytes, eocd)
  const known = new Set(central.map((e) => e.localOffset))
  const hidden = localEntries(bytes, central[0]?.localOffset ?? start).filter((e) => !known.has(e.localOffset))
  return [...central, ...hidden].slice(0, LIMITS.maxListed)
}

/**
 * Where the directory starts, from the end record (or its zip64 locator). Offsets in it are from
 * the start of the zip, which bytes before it (a self-extractor stub) shift: the shift is the gap
 * between where the directory should end and where the end record is.
 */
function directoryAt(bytes: Buffer, eocd: number): { at: number; shift: number } | null {
  let at = u32(bytes, eocd + 16) ?? 0
  let length = u32(bytes, eocd + 12) ?? 0
  const zip64 = u32(bytes, eocd - 20) === EOCD64_LOCATOR ? u64(bytes, eocd - 12) : null
  if (zip64 !== null && u32(bytes, zip64) === 0x06064b50) {
    at = u64(bytes, zip64 + 48) ?? at
    length = u64(bytes, zip64 + 40) ?? length
  }
  if (u32(bytes, at) === CENTRAL) return { at, shift: 0 }
  const shift = (zip64 ?? eocd) - (at + length)
  return shift > 0 && u32(bytes, at + shift) === CENTRAL ? { at: at + shift, shift } : null
}

function centralEntries(bytes: Buffer, eocd: number): ZipEntry[] {
  const directory = directoryAt(bytes, eocd)
  if (!directory) return []
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

async function readEntry(bytes: Buffer, entry: ZipEntry, limit: number): Promise<Buffer> {
  if (entry.unreadable) throw new MalformedInput(`zip member ${entry.name}: ${entry.unreadable}`)
  const at = entry.localOffset
  if (u32(bytes, at) !== LOCAL) throw new MalformedInput(`zip member ${entry.name}: no local header at ${at}`)
  const start = at + 30 + (u16(bytes, at + 26) ?? 0) + (u16(bytes, at + 28) ?? 0)
  const end = Math.min(entry.dataEnd ?? start + entry.packedSize, bytes.length)
  const packed = bytes.subarray(start, end)
  if (entry.method === 0) return packed.subarray(0, limit)
  return (await unpack('deflate-raw', packed, limit)).data
}
