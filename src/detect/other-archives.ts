// 7z and RAR: recognised by their signatures. No bundled reader decodes their members (7z's
// headers are usually LZMA-compressed too), so such an archive is one unknown finding: it may
// hold a model, and the scan cannot say it does not.
import { hasBytes } from './bytes.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const SEVEN_ZIP = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]

export function sniffOtherArchive(blob: BlobPrefix): Sniffed | null {
  const format = hasBytes(blob.bytes, 0, SEVEN_ZIP)
    ? '7z'
    : hasBytes(blob.bytes, 0, 'Rar!\x1a\x07\x00') || hasBytes(blob.bytes, 0, 'Rar!\x1a\x07\x01\x00')
      ? 'rar'
      : null
  if (!format) return null
  const reason = `${format} archive: its members are not decoded here, so it cannot be shown to hold no model`
  return { format, kind: 'unknown', detail: { reason } }
}
