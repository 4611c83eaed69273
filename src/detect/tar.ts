// tar listing (ustar, GNU long names, pax paths, v7) over the bytes read; data past them is not listed.
import { LIMITS } from './limits.js'
import type { Archive, ArchiveEntry } from './sniff.js'
import { readShort } from './sniff.js'

const BLOCK = 512

interface TarEntry extends ArchiveEntry {
  offset: number
}

/** ustar magic at 257, or a v7 header whose checksum adds up. */
export function isTar(head: Buffer): boolean {
  if (head.length < BLOCK) return false
  if (head.toString('latin1', 257, 262) === 'ustar') return checksumOk(head, 0)
  return head[0] !== 0 && checksumOk(head, 0) && octal(head, 124, 12) !== null
}

function checksumOk(buf: Buffer, at: number): boolean {
  const stored = octal(buf, at + 148, 8)
  if (stored === null) return false
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : buf[at + i]
  return sum === stored
}

function octal(buf: Buffer, at: number, length: number): number | null {
  if (buf[at] & 0x80) return base256(buf, at, length)
  const text = buf
    .toString('latin1', at, at + length)
    .replace(/\0.*$/s, '')
    .trim()
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : text === '' ? 0 : null
}

function base256(buf: Buffer, at: number, length: number): number {
  let value = buf[at] & 0x7f
  for (let i = 1; i < length; i++) value = value * 256 + buf[at + i]
  return value
}

function cString(buf: Buffer, at: number, length: number): string {
  const raw = buf.subarray(at, at + length)
  const nul = raw.indexOf(0)
  return raw.toString('utf8', 0, nul < 0 ? raw.length : nul)
}

// Types whose data is not a member's content: links, devices, directories, FIFOs, pax and GNU
// metadata records, volume labels, GNU dump directories. Every other type, known or not, is read
// as a file, as GNU tar and Python's tarfile extract an unknown type.
const NOT_CONTENT = new Set('123456gxXLKVDN')

/** What pax (`x`) or GNU (`L`) records say about the next member: its name, and its real size. */
interface Override {
  name?: string
  size?: number
}

export function listTar(bytes: Buffer, size: number): Archive {
  const entries: TarEntry[] = []
  let at = 0
  let next: Override = {}
  let truncated: string | undefined
  // The end is a zero block: a header whose name is empty (a pax path names it) is still a header.
  while (at + BLOCK <= bytes.length && !isZeroBlock(bytes, at) && entries.length < LIMITS.maxListed) {
    if (!checksumOk(bytes, at)) return { ...archiveOf(bytes, entries), truncated: `bad tar header at ${at}` }
    const type = String.fromCharCode(bytes[at + 156] || 0x30)
    const length = (type === 'x' || type === 'L' ? null : next.size) ?? octal(bytes, at + 124, 12) ?? 0
    const dataAt = at + BLOCK
    if (type === 'L' || type === 'x') next = { ...next, ...override(bytes, dataAt, length, type) }
    else if (!NOT_CONTENT.has(type)) entries.push(entryAt(bytes, at, dataAt, length, next.name ?? null))
    if (type !== 'L' && type !== 'x') next = {}
    at = dataAt + Math.ceil(length / BLOCK) * BLOCK
  }
  if (entries.length >= LIMITS.maxListed) truncated = `more than ${LIMITS.maxListed} members`
  else if (at + BLOCK > bytes.length && bytes.length < size) truncated = readShort('tar', size, bytes.length)
  return { ...archiveOf(bytes, entries), truncated }
}

function entryAt(bytes: Buffer, at: number, dataAt: number, length: number, longName: string | null): TarEntry {
  const prefix = bytes.toString('latin1', at + 257, at + 262) === 'ustar' ? cString(bytes, at + 345, 155) : ''
  const short = cString(bytes, at, 100)
  const name = longName ?? (prefix ? `${prefix}/${short}` : short)
  return { name: name.replace(/^\.\//, ''), size: length, packedSize: length, offset: dataAt }
}

function isZeroBlock(bytes: Buffer, at: number): boolean {
  return bytes.subarray(at, at + BLOCK).every((byte) => byte === 0)
}

/** GNU 'L' records hold the next member's name; pax 'x' records may hold `path=` and `size=`. */
function override(bytes: Buffer, at: number, length: number, type: string): Override {
  const text = cString(bytes, at, Math.min(length, 64 * 1024))
  if (type === 'L') return { name: text }
  const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text)?.[1]
  const size = /(?:^|\n)\d+ size=(\d+)\n/.exec(text)?.[1]
  return { ...(path !== undefined ? { name: path } : {}), ...(size !== undefined ? { size: Number(size) } : {}) }
}

function archiveOf(bytes: Buffer, entries: TarEntry[]): Archive {
  return {
    type: 'tar',
    entries,
    read: async (entry, limit) => {
      const { offset } = entry as TarEntry
      return bytes.subarray(offset, Math.min(offset + entry.size, offset + limit, bytes.length))
    }
  }
}
