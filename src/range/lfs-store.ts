// The local Git LFS object store (`.git/lfs/objects/aa/bb/<oid>`, or where `lfs.storage` points):
// on the pusher's machine and in a CI checkout with `lfs: true`, a pointer's real content is here,
// and detection reads it like any blob. Reads are bounded like cat-file's: a head, then what the
// caller keeps, and the last bytes it keeps (a file can be read at its end, unlike a git object).
import { open } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import type { KeepDecision, TailDecision } from './cat-file.js'
import type { GitRepository } from './git.js'

const OID = /^[0-9a-f]{64}$/

/** The first bytes of an object (as `keep` decides) and, when `keepTail` asks for them, its last bytes. */
export interface HeldObject {
  bytes: Buffer
  tail?: Buffer
}

export interface LfsObjects {
  /** The object with this sha256, read as `keep` and `keepTail` decide; null when it is not stored locally. */
  read(
    oid: string,
    size: number,
    headBytes: number,
    keep: KeepDecision,
    keepTail?: TailDecision
  ): Promise<HeldObject | null>
}

/** The store of the repository `git` runs in; git is asked where it is only when a pointer is first met. */
export function localLfsObjects(git: GitRepository): LfsObjects {
  let root: Promise<string> | undefined
  return {
    async read(oid, size, headBytes, keep, keepTail) {
      if (!OID.test(oid)) return null
      root ??= storageDir(git)
      const path = join(await root, 'objects', oid.slice(0, 2), oid.slice(2, 4), oid)
      return readBounded(path, size, headBytes, keep, keepTail)
    }
  }
}

/** `lfs.storage` (relative to the git directory when not absolute), else `<git-common-dir>/lfs`. */
async function storageDir(git: GitRepository): Promise<string> {
  const common = resolve(git.dir, (await git.run(['rev-parse', '--git-common-dir'])).stdout.trim())
  const configured = await git.configGet('lfs.storage')
  if (!configured) return join(common, 'lfs')
  return isAbsolute(configured) ? configured : resolve(common, configured)
}

/** A stored object whose size is not the pointer's is not that object (a partial download): absent. */
async function readBounded(
  path: string,
  size: number,
  headBytes: number,
  keep: KeepDecision,
  keepTail?: TailDecision
): Promise<HeldObject | null> {
  let file
  try {
    file = await open(path, 'r')
  } catch {
    return null // not downloaded (or not readable): the pointer is judged without its content
  }
  try {
    if ((await file.stat()).size !== size) return null
    const head = await readAt(file, Math.min(size, headBytes))
    const wanted = Math.min(size, keep(head, size))
    const bytes = wanted > head.length ? await readAt(file, wanted) : head
    const tailLength = Math.max(0, Math.min(size - bytes.length, keepTail?.(head, size, bytes.length) ?? 0))
    return tailLength > 0 ? { bytes, tail: await readAt(file, tailLength, size - tailLength) } : { bytes }
  } finally {
    await file.close()
  }
}

async function readAt(file: Awaited<ReturnType<typeof open>>, length: number, position = 0): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  const { bytesRead } = await file.read(buffer, 0, length, position)
  return buffer.subarray(0, bytesRead)
}
