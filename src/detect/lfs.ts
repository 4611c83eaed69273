// Git LFS pointers: the model is not in the repo but still leaves through the LFS server. When the
// object is stored locally its content is judged like a blob (index.ts); when it is not, the name
// decides how much can be said, and only an obvious non-model name is let go.
import { lfsKindOf, obviouslyNotAModel } from './by-name.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const POINTER = /^version https:\/\/(git-lfs\.github\.com|hawser\.github\.com)\/spec\/v1\n(?:[a-z0-9.-]+ [^\n]*\n)*$/
const MAX_POINTER = 1024

export interface LfsPointer {
  /** The sha256 of the content, 64 hex digits. */
  oid: string
  size: number
}

export function lfsPointerOf(blob: BlobPrefix): LfsPointer | null {
  if (blob.size > MAX_POINTER || blob.bytes.length < blob.size) return null
  const text = blob.bytes.toString('utf8')
  if (!POINTER.test(text)) return null
  const oid = /\noid sha256:([0-9a-f]{64})\n/.exec(text)?.[1]
  const size = /\nsize (\d+)\n/.exec(text)?.[1]
  return oid && size !== undefined ? { oid, size: Number(size) } : null
}

/** What is in `detail` of every finding made from a pointer. */
export function lfsDetail(pointer: LfsPointer, contentRead: boolean): Record<string, unknown> {
  return { oid: `sha256:${pointer.oid}`, size: pointer.size, contentInRepo: false, contentRead }
}

/**
 * A pointer whose object is not here: a model name gives its kind, an obvious non-model (image,
 * audio, video, PDF, text) says nothing unless the registry names the path, anything else (archives,
 * `.nemo`, `.params`, no extension) is an unknown finding.
 */
export function sniffAbsentLfs(path: string, pointer: LfsPointer, namedByRegistry: boolean): Sniffed | null {
  const detail = lfsDetail(pointer, false)
  const kind = lfsKindOf(path)
  if (kind) return { format: 'lfs-pointer', kind, detail }
  if (obviouslyNotAModel(path) && !namedByRegistry) return null
  const reason = 'Git LFS object not stored locally: its content could not be inspected'
  return { format: 'lfs-pointer', kind: 'unknown', detail: { reason, ...detail } }
}
