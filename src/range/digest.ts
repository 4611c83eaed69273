// The size and SHA-256 of blobs' content, for the inventory. Each blob is read whole through the
// one cat-file reader, but only when it fits the read cap: memory stays bounded, and a larger
// blob gets its size and no hash rather than a hash of part of it.
import { createHash } from 'node:crypto'
import type { GitRepository } from './git.js'

export interface BlobDigest {
  size: number
  /** SHA-256 of the whole content; null when the blob is over the cap. */
  sha256: string | null
}

/** One at a time, so at most one blob of up to `cap` bytes is held; missing blobs are left out. */
export async function blobDigests(git: GitRepository, ids: string[], cap: number): Promise<Map<string, BlobDigest>> {
  const batch = git.catFile()
  const digests = new Map<string, BlobDigest>()
  for (const id of new Set(ids)) {
    // Keep one byte until the size is known, then all of it when it fits.
    const object = await batch.read(id, 1, (_head, size) => (size <= cap ? size : 1))
    if (!object || object.type !== 'blob') continue
    const whole = object.bytes.length === object.size
    digests.set(id, {
      size: object.size,
      sha256: whole ? createHash('sha256').update(object.bytes).digest('hex') : null
    })
  }
  return digests
}
