// Shared shapes for the format sniffers: each one looks at a blob prefix and says what it is, or null.
import type { Kind } from '../types.js'

/** A blob (or an archive member) as detection sees it: a prefix of the content plus the full size. */
export interface BlobPrefix {
  path: string
  size: number
  bytes: Buffer
  /** The last `tail.length` bytes, when the middle was not read: where a zip's directory or a 7z header sits. */
  tail?: Buffer
}

/**
 * Up to `length` bytes of the blob from `start`, from its prefix or its tail (cut where what was read
 * ends); null when the byte at `start` was not read.
 */
export function heldBytes(blob: BlobPrefix, start: number, length: number): Buffer | null {
  if (length === 0) return Buffer.alloc(0)
  if (start >= 0 && start < blob.bytes.length) return blob.bytes.subarray(start, start + length)
  const tailStart = blob.size - (blob.tail?.length ?? 0)
  if (!blob.tail || start < tailStart || start >= blob.size) return null
  return blob.tail.subarray(start - tailStart, start - tailStart + length)
}

/** What a sniffer recognised. */
export interface Sniffed {
  format: string
  kind: Kind
  detail: Record<string, unknown>
}

export type Sniffer = (blob: BlobPrefix) => Sniffed | null

/** One file inside a zip or tar. */
export interface ArchiveEntry {
  name: string
  /** Uncompressed size as the archive declares it. */
  size: number
  /** Compressed size (zip) or the same as size (tar). */
  packedSize: number
  /** Why the entry cannot be read (an unsupported method), if so. */
  unreadable?: string
  /** Marked encrypted: read anyway (it may be stored in the clear); unknown when nothing is found in it. */
  encrypted?: boolean
}

/** A listed archive: its entries and a bounded way to read the start of one. */
export interface Archive {
  type: 'zip' | 'tar' | '7z' | 'rar'
  entries: ArchiveEntry[]
  /** Members listed whose content cannot be read (each says why): judged by name, one finding per reason. */
  unopened?: ArchiveEntry[]
  /** Set when the listing stopped before the end (blob prefix, caps); says why. */
  truncated?: string
  /** Set when the container is not one we can list at all: the whole blob is one unknown finding. */
  unreadable?: string
  read: (entry: ArchiveEntry, limit: number) => Promise<Buffer>
}

/** Recognises a format that is a whole archive (PyTorch zip, Keras v3, legacy torch tar). */
export type ArchiveSniffer = (archive: Archive) => Promise<Sniffed | null>

export { KiB, MiB } from './limits.js'

/** Lower-cased extension of the last path segment, with the dot ('' if none). */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot).toLowerCase() : ''
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** How a cut-short read is described: decompressed streams have no known size. */
export function readShort(type: string, size: number, read: number): string {
  const known = size < Number.MAX_SAFE_INTEGER ? `of ${size} bytes ` : ''
  return `${type} ${known}read only to ${read} bytes`
}
