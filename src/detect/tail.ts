// The end of a blob: a zip's end record and directory, a 7z header. Detection reads a blob's prefix
// and, when its middle is not read, its tail: `tailWanted` says how much from the head, and
// `tailWantedAfter` how much in all once the first tail is in (a zip directory larger than it, or
// a whole zip appended after the prefix). A blob whose end was never read (above
// LIMITS.tailScanMax in git) fails closed unless it is text or media.
import { obviouslyNotAModel } from './by-name.js'
import { looksLikeTextPrefix } from './bytes.js'
import { LIMITS } from './limits.js'
import { is7z, sevenZipTailWanted } from './seven-zip.js'
import type { BlobPrefix, Sniffed } from './sniff.js'
import { zipTailWanted } from './zip.js'

/** The last bytes to read besides the prefix of `prefix` bytes: 0 when the prefix holds the whole blob. */
export function tailWanted(head: Buffer, size: number, prefix: number): number {
  const rest = size - prefix
  if (rest <= 0) return 0
  const header = is7z(head) ? sevenZipTailWanted(head, size) : 0
  return Math.min(rest, LIMITS.readCap, Math.max(LIMITS.tailBytes, header))
}

/** Once the tail is in: how many last bytes detection wants in all (more than it holds: read again). */
export function tailWantedAfter(blob: BlobPrefix): number {
  const held = blob.tail?.length ?? 0
  return Math.min(blob.size - blob.bytes.length, Math.max(held, zipTailWanted(blob, LIMITS.readCap)))
}

/** A prefix and a tail that meet are the whole blob. */
export function joined(blob: BlobPrefix): BlobPrefix {
  const { path, size, bytes, tail } = blob
  if (!tail || bytes.length >= size) return { path, size, bytes }
  if (bytes.length + tail.length < size) return { path, size, bytes, tail }
  return { path, size, bytes: Buffer.concat([bytes, tail.subarray(bytes.length + tail.length - size)]) }
}

/**
 * A blob whose end was not read and in whose prefix nothing was found: an archive appended there (a
 * zip after other bytes, which Python's zipfile, Keras and skops open) would be missed, so a binary
 * one is an unknown finding. Text (a 2 GiB CSV) and media names stay quiet: the trade-off keeps
 * large data files from burying the findings that matter, at the cost of a zip hidden behind them.
 */
export function sniffUnreadEnd(blob: BlobPrefix): Sniffed | null {
  if (blob.tail || blob.bytes.length >= blob.size) return null
  if (obviouslyNotAModel(blob.path) || looksLikeTextPrefix(blob.bytes.subarray(0, 4096))) return null
  const reason = `its last bytes were not read (${blob.size} bytes, over ${LIMITS.tailScanMax / 2 ** 20} MiB): an archive appended to it would be missed`
  return { format: 'unknown', kind: 'unknown', detail: { reason } }
}
