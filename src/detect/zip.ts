// ZIP listing from the central directory (whole blob read), or, when only a prefix of a large zip
// was read, from the local headers found in that prefix (enough to name a PyTorch checkpoint).
import { MalformedInput } from '../errors.js'
import { hasBytes, u16, u32, u64 } from './bytes.js'
import { unpack } from './compression.js'
import { LIMITS } from './limits.js'
import type { Archive, ArchiveEntry } from './sniff.js'
import { readShort } from './sniff.js'

const LOCAL = 0x04034b50
const CENTRAL = 0x02014b50
const EOCD = 0x06054b50
const EOCD64_LOCATOR = 0x07064b50

interface ZipEntry extends ArchiveEntry {
  method: number
  localOffset: number
  /** Known end of the packed data when listed from local headers without sizes. */
  dataEnd?: number
}

export function isZip(head: Buffer): boolean {
  return hasBytes(head, 0, 'PK\x03\x04') || hasBytes(head, 0, 'PK\x05\x06')
}

export function listZip(bytes: Buffer, size: number): Archive {
  const eocd = findEocd(bytes)
  if (bytes.length >= size && eocd >= 0) return archiveOf(bytes, centralEntries(bytes, eocd))
  // Read whole and still no directory: not a zip we can trust, so no member names made of noise.
  if (bytes.length >= size)
    return { ...archiveOf(bytes, []), unreadable: 'starts like a zip but has no central directory' }
  const partial = localEntries(bytes)
  const truncated = `${readShort('zip', size, bytes.length)}: listed from local headers`
  return { ...archiveOf(bytes, partial), truncated }
}

function archiveOf(bytes: Buffer, entries: ZipEntry[]): Archive {
  return { type: 'zip', entries, read: (entry, limit) => readEntry(bytes, entry as ZipEntry, limit) }
}

function findEocd(bytes: Buffer): number {
  const floor = Math.max(0, bytes.length - 22 - 65_535)
  for (let at = bytes.length - 22; at >= floor; at--) {
    if (u32(bytes, at) === EOCD) return at
  }
  return -1
}

function centralEntries(bytes: Buffer, eocd: number): ZipEntry[] {
  let count = u16(bytes, eocd + 10) ?? 0
  let at = u32(bytes, eocd + 16) ?? 0
  const zip64 = u32(bytes, eocd - 20) === EOCD64_LOCATOR ? u64(bytes, eocd - 12) : null
  if (zip64 !== null && u32(bytes, zip64) === 0x06064b50) {
    count = u64(bytes, zip64 + 32) ?? count
    at = u64(bytes, zip64 + 48) ?? at
  }
  const entries: ZipEntry[] = []
  while (entries.length < Math.min(count, LIMITS.maxListed) && u32(bytes, at) === CENTRAL) {
    const nameLength = u16(bytes, at + 28) ?? 0
    const extraLength = u16(bytes, at + 30) ?? 0
    const entry = entryOf(bytes, at, at + 46, nameLength, extraLength, true)
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
  const unreadable = flags & 1 ? 'encrypted' : [0, 8].includes(method) ? undefined : `compression method ${method}`
  return { name, size, packedSize, method, localOffset, unreadable }
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

/** Walks local headers in a prefix; entries with a data descriptor end at the next header found. */
function localEntries(bytes: Buffer): ZipEntry[] {
  const entries: ZipEntry[] = []
  let at = 0
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
    at = u32(bytes, next) === 0x08074b50 ? nextHeader(bytes, next + 4) : next
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
