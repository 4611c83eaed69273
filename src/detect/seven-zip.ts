// 7z listing from its header, read only where it is stored plain. The 32-byte signature header
// says where the header sits (at the end); a plain header (kHeader) names every member, its size
// and its folder's coders. A member stored with the Copy coder is its bytes in the file, read like
// any archive member when those bytes were read; any other coder (LZMA, LZMA2, PPMd, AES...) is
// not decoded here, so such members are listed by name only. An encoded header (kEncodedHeader,
// 7z's default: LZMA over the header itself) names nothing: the archive is one unknown finding.
import { MalformedInput } from '../errors.js'
import { crc32, hasBytes, u32, u64 } from './bytes.js'
import { LIMITS } from './limits.js'
import type { Archive, ArchiveEntry, BlobPrefix } from './sniff.js'
import { heldBytes } from './sniff.js'

const SIGNATURE = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]
const SIGNATURE_HEADER = 32

// Property ids of the header (7zFormat.txt).
const K = {
  end: 0x00,
  header: 0x01,
  archiveProperties: 0x02,
  additionalStreams: 0x03,
  mainStreams: 0x04,
  filesInfo: 0x05,
  packInfo: 0x06,
  unpackInfo: 0x07,
  subStreamsInfo: 0x08,
  size: 0x09,
  crc: 0x0a,
  folder: 0x0b,
  codersUnpackSize: 0x0c,
  numUnpackStream: 0x0d,
  emptyStream: 0x0e,
  emptyFile: 0x0f,
  name: 0x11,
  encodedHeader: 0x17
}

const COPY = '00'
const CODERS: Record<string, string> = {
  '00': 'Copy',
  '21': 'LZMA2',
  '030101': 'LZMA',
  '030401': 'PPMd',
  '03030103': 'BCJ',
  '0303011b': 'BCJ2',
  '03': 'Delta',
  '040108': 'Deflate',
  '040109': 'Deflate64',
  '040202': 'BZip2',
  '06f10701': 'AES-256'
}
const AES = '06f10701'
/** 7-Zip's own bound on the coder streams of a folder. */
const MAX_CODER_STREAMS = 64

/** A 7z signature (its major version is 0 in every 7z written so far). */
export function is7z(head: Buffer): boolean {
  return hasBytes(head, 0, SIGNATURE) && head[6] === 0
}

/** Where the header is (from the signature header): detection wants the blob up to its end. */
export function sevenZipHeaderEnd(head: Buffer): number | null {
  const offset = u64(head, 12)
  const size = u64(head, 20)
  return offset === null || size === null ? null : SIGNATURE_HEADER + offset + size
}

/** The trailing bytes that hold the header (the end of a 7z is its header): what a 7z wants of its tail. */
export function sevenZipTailWanted(head: Buffer, size: number): number {
  const offset = u64(head, 12)
  return offset === null ? 0 : Math.max(0, size - (SIGNATURE_HEADER + offset))
}

interface Folder {
  coders: string[]
  packStreams: number
  unpackSize: number
}

interface Streams {
  packStart: number
  packSizes: number[]
  folders: Folder[]
  /** Sizes of the files in each folder, in order. */
  files: number[][]
}

interface SevenEntry extends ArchiveEntry {
  offset: number
}

export function list7z(blob: BlobPrefix): Archive {
  const end = sevenZipHeaderEnd(blob.bytes)
  if (end === null) return unlisted(blob, 'its signature header is cut short')
  if (crc32(blob.bytes.subarray(12, SIGNATURE_HEADER)) !== u32(blob.bytes, 8))
    throw new MalformedInput('7z signature header fails its CRC32')
  const at = end - (u64(blob.bytes, 20) ?? 0)
  if (end === at) return archiveOf(blob, [], []) // an empty archive has no header
  if (end > blob.size) return unlisted(blob, `its header ends at byte ${end}, past the end of the file`)
  let header = heldRange(blob, at, end - at)
  if (typeof header !== 'string' && crc32(header) !== u32(blob.bytes, 28))
    throw new MalformedInput('7z header fails its CRC32')
  // An encoded header is a folder of its own: read on only when its coder is Copy (7-Zip never writes one).
  for (let round = 0; typeof header !== 'string' && round < MAX_ENCODINGS; round++) {
    const parsed = parseHeader(new Cursor(header))
    if ('files' in parsed) return membersOf(blob, parsed.streams, parsed.files)
    const folder = parsed.encoded.folders[0]
    if (!folder) throw new MalformedInput('7z encoded header without a folder')
    if (!isCopy(folder)) return unlisted(blob, encodedReason(folder))
    header = heldRange(blob, parsed.encoded.packStart, folder.unpackSize)
  }
  return unlisted(blob, typeof header === 'string' ? header : `its header is encoded more than ${MAX_ENCODINGS} times`)
}

const MAX_ENCODINGS = 4

/** Header bytes [at, at + length), or why they are not at hand. */
function heldRange(blob: BlobPrefix, at: number, length: number): Buffer | string {
  if (length > LIMITS.readCap) return `its header of ${length} bytes is over the read cap`
  const bytes = heldBytes(blob, at, length)
  return bytes && bytes.length === length ? bytes : `its header (bytes ${at}-${at + length}) was not read`
}

function isCopy(folder: Folder): boolean {
  return folder.coders.length === 1 && folder.coders[0] === COPY
}

function encodedReason(folder: Folder): string {
  if (folder.coders.includes(AES)) return 'its header is encrypted (7z AES-256): members not listed'
  return `its header is compressed (${coderNames(folder)}), as 7z writes by default: members not listed`
}

function coderNames(folder: Folder): string {
  return folder.coders.map((id) => CODERS[id] ?? `coder ${id}`).join('+')
}

function unlisted(blob: BlobPrefix, why: string): Archive {
  return { ...archiveOf(blob, [], []), unreadable: why }
}

function archiveOf(blob: BlobPrefix, entries: SevenEntry[], unopened: ArchiveEntry[]): Archive {
  const read = async (entry: ArchiveEntry, limit: number): Promise<Buffer> => {
    const { offset, size, name } = entry as SevenEntry
    const bytes = heldBytes(blob, offset, Math.min(size, limit))
    if (!bytes) throw new MalformedInput(`7z member ${name}: its data was not read`)
    return bytes
  }
  return { type: '7z', entries, unopened, read }
}

interface FileInfo {
  name: string
  hasStream: boolean
  directory: boolean
}

/** Members in the order of their streams; each readable one points at its bytes (Copy folders only). */
function membersOf(blob: BlobPrefix, streams: Streams, files: FileInfo[]): Archive {
  const entries: SevenEntry[] = []
  const unopened: ArchiveEntry[] = []
  const sizes = streams.files.flatMap((list, folder) => list.map((size, i) => ({ folder, size, i })))
  let stream = 0
  for (const file of files) {
    if (file.directory) continue
    if (!file.hasStream) {
      entries.push({ name: file.name, size: 0, packedSize: 0, offset: 0 })
      continue
    }
    const place = sizes[stream++]
    if (!place) throw new MalformedInput('7z header: more files than streams')
    const entry = memberEntry(blob, streams, file.name, place)
    if (entry.unreadable) unopened.push(entry)
    else entries.push(entry)
  }
  return archiveOf(blob, entries.slice(0, LIMITS.maxListed), unopened.slice(0, LIMITS.maxListed))
}

function memberEntry(
  blob: BlobPrefix,
  streams: Streams,
  name: string,
  place: { folder: number; size: number; i: number }
): SevenEntry {
  const folder = streams.folders[place.folder]
  const entry = { name, size: place.size, packedSize: place.size, offset: 0 }
  if (!isCopy(folder)) return { ...entry, unreadable: coderReason(folder) }
  const before = streams.files[place.folder].slice(0, place.i).reduce((sum, size) => sum + size, 0)
  const offset = packOffset(streams, place.folder) + before
  const held = place.size === 0 || heldBytes(blob, offset, 1) !== null
  return held ? { ...entry, offset } : { ...entry, unreadable: 'its data lies past the bytes read' }
}

function packOffset(streams: Streams, folder: number): number {
  const first = streams.folders.slice(0, folder).reduce((sum, f) => sum + f.packStreams, 0)
  return streams.packStart + streams.packSizes.slice(0, first).reduce((sum, size) => sum + size, 0)
}

function coderReason(folder: Folder): string {
  if (folder.coders.includes(AES)) return 'encrypted (7z AES-256)'
  return `${coderNames(folder)}-compressed (not decoded here)`
}

/** A plain header's streams and files, or an encoded header's streams (where the real header is packed). */
function parseHeader(c: Cursor): { streams: Streams; files: FileInfo[] } | { encoded: Streams } {
  const id = c.byte()
  if (id === K.encodedHeader) return { encoded: readStreams(c) }
  if (id !== K.header) throw new MalformedInput(`7z header starts with property ${id}`)
  let streams: Streams = { packStart: SIGNATURE_HEADER, packSizes: [], folders: [], files: [] }
  let files: FileInfo[] = []
  for (let type = c.byte(); type !== K.end; type = c.byte()) {
    if (type === K.archiveProperties) skipArchiveProperties(c)
    else if (type === K.additionalStreams) readStreams(c)
    else if (type === K.mainStreams) streams = readStreams(c)
    else if (type === K.filesInfo) files = readFiles(c)
    else throw new MalformedInput(`7z header: unexpected property ${type}`)
  }
  return { streams, files }
}

function skipArchiveProperties(c: Cursor): void {
  for (let type = c.byte(); type !== K.end; type = c.byte()) c.skip(c.number())
}

function readStreams(c: Cursor): Streams {
  const streams: Streams = { packStart: SIGNATURE_HEADER, packSizes: [], folders: [], files: [] }
  let folderCrcs: boolean[] = []
  for (let type = c.byte(); type !== K.end; type = c.byte()) {
    if (type === K.packInfo) {
      streams.packStart = SIGNATURE_HEADER + c.number()
      streams.packSizes = readPackSizes(c)
    } else if (type === K.unpackInfo) {
      ;({ folders: streams.folders, crcs: folderCrcs } = readFolders(c))
    } else if (type === K.subStreamsInfo) {
      streams.files = readSubStreams(c, streams.folders, folderCrcs)
    } else throw new MalformedInput(`7z streams info: unexpected property ${type}`)
  }
  if (streams.files.length === 0) streams.files = streams.folders.map((f) => [f.unpackSize])
  return streams
}

function readPackSizes(c: Cursor): number[] {
  const count = c.count()
  let sizes: number[] = []
  for (let type = c.byte(); type !== K.end; type = c.byte()) {
    if (type === K.size) sizes = Array.from({ length: count }, () => c.number())
    else if (type === K.crc) readDigests(c, count)
    else c.skip(c.number())
  }
  return sizes
}

function readFolders(c: Cursor): { folders: Folder[]; crcs: boolean[] } {
  if (c.byte() !== K.folder) throw new MalformedInput('7z unpack info without folders')
  const count = c.count()
  if (c.byte() !== 0) throw new MalformedInput('7z folders stored outside the header')
  const shapes = Array.from({ length: count }, () => readFolder(c))
  if (c.byte() !== K.codersUnpackSize) throw new MalformedInput('7z folders without unpack sizes')
  const folders = shapes.map((shape) => {
    const sizes = Array.from({ length: shape.outStreams }, () => c.number())
    return { coders: shape.coders, packStreams: shape.packStreams, unpackSize: sizes[shape.mainOut] ?? 0 }
  })
  let crcs: boolean[] = folders.map(() => false)
  for (let type = c.byte(); type !== K.end; type = c.byte()) {
    if (type === K.crc) crcs = readDigests(c, count)
    else c.skip(c.number())
  }
  return { folders, crcs }
}

/** One folder's coders and streams; `mainOut` is the output no bind pair consumes (the folder's content). */
function readFolder(c: Cursor): { coders: string[]; packStreams: number; outStreams: number; mainOut: number } {
  const coders: string[] = []
  let inStreams = 0
  let outStreams = 0
  const coderCount = c.count()
  for (let i = 0; i < coderCount; i++) {
    const flags = c.byte()
    coders.push(c.bytes(flags & 0x0f).toString('hex'))
    const complex = (flags & 0x10) !== 0
    inStreams += complex ? c.number() : 1
    outStreams += complex ? c.number() : 1
    if (inStreams > MAX_CODER_STREAMS || outStreams > MAX_CODER_STREAMS)
      throw new MalformedInput(`7z folder with more than ${MAX_CODER_STREAMS} coder streams`)
    if (flags & 0x20) c.skip(c.number())
    if (flags & 0x80) throw new MalformedInput('7z coder with alternative methods')
  }
  const bound = new Set<number>()
  for (let i = 0; i < outStreams - 1; i++) {
    c.number()
    bound.add(c.number())
  }
  const packStreams = inStreams - (outStreams - 1)
  if (packStreams > 1) for (let i = 0; i < packStreams; i++) c.number()
  const mainOut = Array.from({ length: outStreams }, (_, i) => i).find((i) => !bound.has(i)) ?? 0
  return { coders, packStreams, outStreams, mainOut }
}

/** The size of every file stream, per folder; a folder's last file is what its other files leave. */
function readSubStreams(c: Cursor, folders: Folder[], folderCrcs: boolean[]): number[][] {
  const counts = folders.map(() => 1)
  let type = c.byte()
  if (type === K.numUnpackStream) {
    for (let i = 0; i < folders.length; i++) counts[i] = c.count()
    type = c.byte()
  }
  const withSizes = type === K.size
  const files = folders.map((folder, i) => {
    if (counts[i] === 0) return []
    const sizes = withSizes ? Array.from({ length: counts[i] - 1 }, () => c.number()) : []
    const rest = folder.unpackSize - sizes.reduce((sum, size) => sum + size, 0)
    if (rest < 0) throw new MalformedInput('7z file sizes exceed their folder')
    return [...sizes, rest]
  })
  if (withSizes) type = c.byte()
  for (; type !== K.end; type = c.byte()) {
    const unknownCrcs = folders.reduce((sum, _, i) => sum + (counts[i] !== 1 || !folderCrcs[i] ? counts[i] : 0), 0)
    if (type === K.crc) readDigests(c, unknownCrcs)
    else c.skip(c.number())
  }
  return files
}

/** CRCs: which are defined (all, or a bit vector), then four bytes each. */
function readDigests(c: Cursor, count: number): boolean[] {
  if (count > LIMITS.maxListed)
    throw new MalformedInput(`7z header: ${count} checksums (more than ${LIMITS.maxListed})`)
  const defined =
    c.byte() !== 0 ? Array.from({ length: count }, () => true) : bitVector(c.bytes(Math.ceil(count / 8)), count)
  c.skip(4 * defined.filter(Boolean).length)
  return defined
}

function bitVector(bytes: Buffer, count: number): boolean[] {
  return Array.from({ length: count }, (_, i) => ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0)
}

function readFiles(c: Cursor): FileInfo[] {
  const count = c.count()
  let emptyStream: boolean[] = []
  let emptyFile: boolean[] = []
  let names: string[] = []
  for (let type = c.byte(); type !== K.end; type = c.byte()) {
    const data = c.bytes(c.number())
    if (type === K.emptyStream) emptyStream = bitVector(data, count)
    else if (type === K.emptyFile) emptyFile = bitVector(data, emptyStream.filter(Boolean).length)
    else if (type === K.name) names = readNames(data, count)
  }
  let empties = 0
  return Array.from({ length: count }, (_, i) => {
    const hasStream = !emptyStream[i]
    const directory = !hasStream && !emptyFile[empties++]
    return { name: names[i] ?? `(file ${i + 1})`, hasStream, directory }
  })
}

/** UTF-16LE names, each ended by a zero code unit. */
function readNames(data: Buffer, count: number): string[] {
  if (data[0] !== 0) throw new MalformedInput('7z file names stored outside the header')
  const names: string[] = []
  let start = 1
  for (let at = 1; at + 1 < data.length && names.length < count; at += 2) {
    if (data[at] !== 0 || data[at + 1] !== 0) continue
    names.push(data.toString('utf16le', start, at))
    start = at + 2
  }
  return names
}

/** A bounded reader over the header: every read past its end throws. */
class Cursor {
  private at = 0
  constructor(private readonly buf: Buffer) {}

  byte(): number {
    if (this.at >= this.buf.length) throw new MalformedInput('7z header ends early')
    return this.buf[this.at++]
  }

  bytes(length: number): Buffer {
    if (this.at + length > this.buf.length) throw new MalformedInput('7z header ends early')
    this.at += length
    return this.buf.subarray(this.at - length, this.at)
  }

  skip(length: number): void {
    this.bytes(length)
  }

  /** 7z's NUMBER: the first byte's leading one bits say how many little-endian bytes follow. */
  number(): number {
    const first = this.byte()
    let value = 0
    for (let i = 0, mask = 0x80; i < 8; i++, mask >>= 1) {
      if ((first & mask) === 0) return value + (first & (mask - 1)) * 2 ** (8 * i)
      value += this.byte() * 2 ** (8 * i)
    }
    if (!Number.isSafeInteger(value)) throw new MalformedInput('7z header: a number above 2^53')
    return value
  }

  /** A count of things the header then lists: bounded, so a corrupt count cannot make us loop long. */
  count(): number {
    const value = this.number()
    if (value > LIMITS.maxListed)
      throw new MalformedInput(`7z header: ${value} entries (more than ${LIMITS.maxListed})`)
    return value
  }
}
