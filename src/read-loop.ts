// The read loop: blobs are asked for as soon as they are named, many requests in flight (topped
// up in groups, so one pipe write carries many names) through the repository's shared cat-file
// process, or, for a long stream of blobs, a buffered one of its own (git answers in large
// writes), and each is judged as soon as its bytes arrive, one at a time.
// Memory stays bounded: at most IN_FLIGHT answers of at most WINDOW_KEEP bytes (and a tail of at
// most TAIL_KEEP) wait, and a blob that wants more is read again, alone, through the repository's
// shared reader; whoever names blobs is asked to wait while the backlog is long. A buffered git holds a few kilobytes of
// answers until more requests or the end of them (finish) arrive: REFILL_AT is far above what
// that holds, so the loop never waits on answers git is sitting on. Each answer also keeps the
// blob's last bytes when detection wants them (a zip's end record: a zip appended to other bytes).
import { bytesWanted, HEAD_BYTES, LIMITS, tailWanted, tailWantedAfter } from './detect/index.js'
import type { CatFileBatch, ObjectPrefix } from './range/cat-file.js'
import { Fifo } from './range/fifo.js'
import type { GitRepository } from './range/git.js'
import type { LeavingBlob } from './types.js'

/** What is done with a blob's bytes (null: git does not have the blob). */
export type BlobJudge<T> = (blob: LeavingBlob, content: ObjectPrefix | null) => Promise<T>

/** Requests in flight: enough to keep git busy while answers are judged. */
const IN_FLIGHT = 1024
/** Requests are topped up once this few are left, so each pipe write carries many names. */
const REFILL_AT = IN_FLIGHT / 2
/** What each answer in flight may keep (IN_FLIGHT × this bounds the memory); more is read again, alone. */
const WINDOW_KEEP = HEAD_BYTES
/** What each answer in flight may keep of its tail; more is read again, alone. */
const TAIL_KEEP = LIMITS.tailBytes
/** Blobs named and not yet asked for, beyond which whoever names them is asked to wait. */
const BACKLOG = 4096

interface Requested {
  blob: LeavingBlob
  read: Promise<ObjectPrefix | null>
  /** What detection asked for, known once the head has arrived. */
  wanted: number
  /** The last bytes detection asked for besides. */
  tailWanted: number
}

/**
 * The last bytes detection wants of a git object: git cannot seek into one, so a tail costs the
 * whole object streaming past, paid up to LIMITS.tailScanMax (detection fails closed above it).
 */
function gitTailWanted(head: Buffer, size: number, prefix: number): number {
  return size > LIMITS.tailScanMax ? 0 : tailWanted(head, size, prefix)
}

/** A blob read as detection wants it, alone: its prefix and tail, and once more when the tail asks for more of it. */
export async function readForDetection(reader: CatFileBatch, name: string, path: string): Promise<ObjectPrefix | null> {
  let wanted = HEAD_BYTES
  const keep = (head: Buffer, size: number): number => (wanted = bytesWanted(head, size, path))
  const first = await reader.read(name, HEAD_BYTES, keep, (head, size) => gitTailWanted(head, size, wanted))
  const more = first?.tail ? tailWantedAfter({ path, size: first.size, bytes: first.bytes, tail: first.tail }) : 0
  return first && more > (first.tail?.length ?? 0) ? reader.read(name, HEAD_BYTES, keep, () => more) : first
}

export class BlobReader<T> {
  /** The judgement of each blob added, by id, once made. */
  readonly results = new Map<string, T>()
  private reader: CatFileBatch | undefined
  private readonly waiting = new Fifo<LeavingBlob>()
  private readonly requested = new Fifo<Requested>()
  private consuming: Promise<void> | undefined
  private ended = false
  private room: { promise: Promise<void>; release: () => void } | undefined

  /** `many`: a stream of blobs worth a buffered process of its own; otherwise the shared reader saves a process. */
  constructor(
    private readonly git: GitRepository,
    private readonly judge: BlobJudge<T>,
    private readonly many = false
  ) {}

  /** Queues a blob; when the backlog is long, the promise returned settles once there is room again. */
  add(blob: LeavingBlob): Promise<void> | undefined {
    this.waiting.push(blob)
    this.pump()
    if (this.waiting.length < BACKLOG) return undefined
    if (!this.room) {
      let release = (): void => undefined
      const promise = new Promise<void>((resolve) => (release = resolve))
      this.room = { promise, release }
    }
    return this.room.promise
  }

  /** Settles once every blob added has been judged; rejects with the first failure. */
  async finish(): Promise<void> {
    this.ended = true
    this.pump()
    while (this.consuming) await this.consuming
  }

  private pump(): void {
    if (this.requested.length <= REFILL_AT) {
      for (let blob = this.nextWaiting(); blob; blob = this.nextWaiting()) this.request(blob)
    }
    if (this.ended && this.waiting.length === 0 && this.many) this.reader?.endRequests()
    if (this.room && this.waiting.length < BACKLOG / 2) this.freeRoom()
    if (this.consuming || this.requested.length === 0) return
    this.consuming = this.consume()
    this.consuming.catch(() => this.freeRoom()) // whoever waits for room must not wait forever; finish() reports it
  }

  private nextWaiting(): LeavingBlob | undefined {
    return this.requested.length < IN_FLIGHT ? this.waiting.shift() : undefined
  }

  private request(blob: LeavingBlob): void {
    this.reader ??= this.many ? this.git.bulkReader() : this.git.catFile()
    const entry: Requested = { blob, read: Promise.resolve(null), wanted: HEAD_BYTES, tailWanted: 0 }
    const keepTail = (head: Buffer, size: number): number => {
      entry.tailWanted = gitTailWanted(head, size, entry.wanted)
      // A blob read again for its prefix gets its tail then: a huge one is not streamed twice for it.
      return entry.wanted > WINDOW_KEEP ? 0 : Math.min(entry.tailWanted, TAIL_KEEP)
    }
    entry.read = this.reader.read(
      blob.id,
      HEAD_BYTES,
      (head, size) => {
        // A blob no larger than the head is kept whole: what detection wants of it is all of it.
        entry.wanted = size <= HEAD_BYTES ? size : bytesWanted(head, size, blob.path)
        return Math.min(entry.wanted, WINDOW_KEEP)
      },
      keepTail
    )
    this.requested.push(entry)
  }

  private async consume(): Promise<void> {
    for (let next = this.requested.shift(); next; next = this.requested.shift()) {
      this.pump()
      const first = await next.read
      const content = first && isShort(next, first) ? await this.readAlone(next) : first
      this.results.set(next.blob.id, await this.judge(next.blob, content))
    }
    this.consuming = undefined
  }

  private readAlone({ blob }: Requested): Promise<ObjectPrefix | null> {
    return readForDetection(this.git.catFile(), blob.id, blob.path)
  }

  private freeRoom(): void {
    this.room?.release()
    this.room = undefined
  }
}

/** An answer in flight holds less than detection wants: of its prefix, of its tail, or of the zip directory the tail points at. */
function isShort({ blob, wanted, tailWanted: tail }: Requested, first: ObjectPrefix): boolean {
  if (first.bytes.length < Math.min(wanted, first.size)) return true
  const held = first.tail?.length ?? 0
  if (held < tail) return true
  return held > 0 && tailWantedAfter({ path: blob.path, size: first.size, bytes: first.bytes, tail: first.tail }) > held
}
