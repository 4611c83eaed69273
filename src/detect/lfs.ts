// Git LFS pointers: the model is not in the repo but still leaves through the LFS server.
import { lfsKindOf } from './by-name.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const POINTER = /^version https:\/\/(git-lfs\.github\.com|hawser\.github\.com)\/spec\/v1\n(?:[a-z0-9.-]+ [^\n]*\n)*$/
const MAX_POINTER = 1024

export function sniffLfsPointer(blob: BlobPrefix, includedByName: boolean): Sniffed | null {
  if (blob.size > MAX_POINTER || blob.bytes.length < blob.size) return null
  const text = blob.bytes.toString('utf8')
  if (!POINTER.test(text)) return null
  const oid = /\noid sha256:([0-9a-f]{64})\n/.exec(text)?.[1]
  const size = /\nsize (\d+)\n/.exec(text)?.[1]
  if (!oid || size === undefined) return null
  const kind = lfsKindOf(blob.path) ?? (includedByName ? 'unknown' : null)
  if (!kind) return null
  return { format: 'lfs-pointer', kind, detail: { oid: `sha256:${oid}`, size: Number(size), contentInRepo: false } }
}
