// A streaming reader over one `git cat-file --batch` process. Requests are pipelined: each
// read() writes one line and gets the matching response in order. Only a bounded prefix of each
// object is kept in memory; the rest streams past and is dropped.
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { InternalError, ScanError } from '../errors.js'
import { Fifo } from './fifo.js'
import { spawnGit } from './process.js'

export interface ObjectPrefix {
  /** The object id git resolved the name to. */
  id: string
  size: number
  type: string
  /** The first min(size, kept) bytes. */
  bytes: Buffer
  /** The last bytes, when a tail was asked for and the kept prefix does not reach the end. */
  tail?: Buffer
}

/** Decides, from the first `headBytes` of an object, how many leading bytes to keep in all. */
export type KeepDecision = (head: Buffer, size: number) => number

/** Decides, from the head and the prefix kept, how many last bytes to keep besides (the rest streams past). */
export type TailDecision = (head: Buffer, size: number, kept: number) => number

interface Pending {
  name: string
  headBytes: number
  keep: KeepDecision
  keepTail?: TailDecision
  resolve: (value: ObjectPrefix | null) => void
  reject: (error: Error) => void
}

interface Current {
  request: Pending
  id: string
  size: number
  type: string
  received: number
  /** Where the kept bytes go: the head first, then, once the caller has decided, all it keeps (one allocation). */
  store: Buffer
  filled: number
  decided: boolean
  /** The last bytes kept, once decided: filled as they stream past. */
  tail?: Buffer
}

/** `buffered` (`--buffer`): git answers in large writes, and holds the last few answers until endRequests. */
export interface CatFileFlow {
  buffered?: boolean
}

/** Objects larger than this are not streamed whole through a batch process (a 1 GiB blob, of which 64 MiB is read at most). */
const HUGE_OBJECT = 16 * 1024 * 1024

function objectReading(request: Pending, id: string, type: string, size: number): Current {
  const current = { request, id, type, size, received: 0, store: Buffer.alloc(0), filled: 0, decided: false }
  current.store = Buffer.allocUnsafe(Math.min(request.headBytes, size))
  return current
}

/** How many last bytes the caller keeps besides the `kept` first ones: never past them. */
function tailLength(request: Pending, head: Buffer, size: number, kept: number): number {
  return request.keepTail ? Math.max(0, Math.min(size - kept, request.keepTail(head, size, kept))) : 0
}

/** Copies the part of `data` (the object's bytes from `at`) that falls in the kept tail. */
function copyTail(object: Current, data: Buffer, at: number): void {
  if (!object.tail) return
  const tailStart = object.size - object.tail.length
  const from = Math.max(at, tailStart)
  if (from < at + data.length) data.copy(object.tail, from - tailStart, from - at)
}

function answer(object: Current, bytes: Buffer): ObjectPrefix {
  return { id: object.id, size: object.size, type: object.type, bytes, ...(object.tail ? { tail: object.tail } : {}) }
}

function copyInto(object: Current, data: Buffer): number {
  const copied = data.copy(object.store, object.filled, 0, Math.min(data.length, object.store.length - object.filled))
  object.filled += copied
  return copied
}

/** git's last words when it dies on an object a partial clone never fetched (lazy fetch is off). */
const PROMISOR_MISSING = /could not fetch \S+ from promisor remote/

export class CatFileBatch {
  private child!: ChildProcessWithoutNullStreams
  private readonly queue = new Fifo<Pending>()
  private current: Current | undefined
  private buffer: Buffer = Buffer.alloc(0)
  private failure: Error | undefined
  private stderr = ''
  /** Names asked since the last write: written together, one pipe write for many requests. */
  private outgoing: string[] = []
  private ended = false
  bytesKept = 0

  /** `info` runs `--batch-check`: type and size only, so asking what a path is never streams its content. */
  constructor(
    private readonly dir: string,
    private readonly mode: 'contents' | 'info' = 'contents',
    private readonly env: Record<string, string> = {},
    private readonly flow: CatFileFlow = {}
  ) {
    this.start()
  }

  private get format(): string {
    return this.mode === 'contents' ? '--batch' : '--batch-check'
  }

  private start(): void {
    const buffer = this.flow.buffered ? ['--buffer'] : []
    const child = spawnGit(this.dir, ['cat-file', this.format, ...buffer], {
      stdin: 'pipe',
      env: this.env
    }) as ChildProcessWithoutNullStreams
    this.child = child
    this.stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      if (child === this.child) this.consume(chunk) // a process given up on (a huge object) may still be writing
    })
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')))
    child.on('error', (error) => this.fail(new ScanError(`cannot run git cat-file ${this.format}: ${error.message}`)))
    child.on('close', (code) => this.closed(child, code))
    child.stdin.on('error', () => undefined)
  }

  /** Reads an object (`<sha>` or `<rev>:<path>`); null when git says it is missing. */
  read(
    name: string,
    headBytes: number,
    keep: KeepDecision = () => headBytes,
    keepTail?: TailDecision
  ): Promise<ObjectPrefix | null> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.ended) return Promise.reject(new InternalError(`cat-file: ${name} asked for after the last request`))
    if (/[\n\r]/.test(name)) return Promise.resolve(null)
    return new Promise((resolve, reject) => {
      this.queue.push({ name, headBytes, keep, keepTail, resolve, reject })
      if (this.outgoing.push(name) === 1) process.nextTick(() => this.flush())
    })
  }

  private flush(): void {
    if (this.outgoing.length > 0) this.child.stdin.write(`${this.outgoing.join('\n')}\n`)
    this.outgoing = []
    if (this.ended) this.child.stdin.end()
  }

  /** No more requests: a buffered git writes out what it holds and exits once it has answered them all. */
  endRequests(): void {
    this.ended = true
    this.flush()
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const closed = new Promise((resolve) => this.child.once('close', resolve))
    this.child.stdin.end()
    await closed
  }

  /**
   * git died with requests unanswered. When it died on an object a partial clone lacks, that one
   * request is answered "missing" and a new process takes the rest; anything else fails them all.
   */
  private closed(child: ChildProcessWithoutNullStreams, code: number | null): void {
    if (child !== this.child || (this.queue.length === 0 && !this.current)) return
    if (!PROMISOR_MISSING.test(this.stderr)) {
      this.fail(new ScanError(`git cat-file ${this.format} exited (${code}) early: ${this.stderr.trim()}`))
      return
    }
    const request = this.current?.request ?? (this.queue.shift() as Pending)
    request.resolve(null)
    this.restart()
  }

  /** A new process for the requests still unanswered (the old one died, or is given up on and killed). */
  private restart(): void {
    const old = this.child
    this.current = undefined
    this.buffer = Buffer.alloc(0)
    this.start()
    const unanswered = this.queue.drain()
    for (const pending of unanswered) this.queue.push(pending)
    this.outgoing = unanswered.map((pending) => pending.name)
    this.flush()
    if (old.exitCode === null && old.signalCode === null) old.kill()
  }

  private fail(error: Error): void {
    this.failure = error
    const waiting = this.current ? [this.current.request, ...this.queue.drain()] : this.queue.drain()
    this.current = undefined
    for (const request of waiting) request.reject(error)
  }

  private consume(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk])
    while (this.buffer.length > 0) {
      if (!this.current && !this.startObject()) return
      if (this.current && !this.continueObject()) return
    }
  }

  /** Parses a response header line; false when it has not fully arrived yet. */
  private startObject(): boolean {
    const newline = this.buffer.indexOf(10)
    if (newline < 0) return false
    const header = this.buffer.subarray(0, newline).toString('utf8')
    this.buffer = this.buffer.subarray(newline + 1)
    const request = this.queue.shift()
    if (!request) {
      this.fail(new InternalError(`git cat-file --batch sent an unexpected line: ${header}`))
      return false
    }
    // `<name> missing` echoes the name asked for, which may hold spaces; found objects are `<oid> <type> <size>`.
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      request.resolve(null)
      return true
    }
    const [id, type, sizeText] = header.split(' ')
    const size = Number(sizeText)
    if (!Number.isSafeInteger(size)) {
      this.fail(new InternalError(`git cat-file --batch sent an unreadable header: ${header}`))
      return false
    }
    if (this.mode === 'info') {
      request.resolve({ id, type, size, bytes: Buffer.alloc(0) })
      return true
    }
    if (this.buffer.length > size) return this.takeWhole(request, id, type, size)
    if (size > HUGE_OBJECT) {
      // Never the whole of it through the pipe: its prefix comes from a process of its own, stopped once read.
      this.restart()
      this.readPrefix(objectReading(request, id, type, size))
      return false
    }
    this.current = objectReading(request, id, type, size)
    return true
  }

  /** An object that has arrived whole with its LF (most blobs are small): one copy of what is kept, no bookkeeping. */
  private takeWhole(request: Pending, id: string, type: string, size: number): boolean {
    const head = this.buffer.subarray(0, Math.min(request.headBytes, size))
    const kept = Math.min(size, Math.max(request.headBytes, request.keep(head, size)))
    const bytes = Buffer.from(this.buffer.subarray(0, kept)) // a copy, so the big stdout chunk can be freed
    const tailKept = tailLength(request, head, size, kept)
    const tail = tailKept > 0 ? Buffer.from(this.buffer.subarray(size - tailKept, size)) : undefined
    this.buffer = this.buffer.subarray(size + 1)
    this.bytesKept += bytes.length + tailKept
    request.resolve({ id, type, size, bytes, ...(tail ? { tail } : {}) })
    return true
  }

  /** Takes content bytes for the current object; false when more input is needed. */
  private continueObject(): boolean {
    const object = this.current as Current
    const take = Math.min(object.size - object.received, this.buffer.length)
    this.keepBytes(object, this.buffer.subarray(0, take))
    copyTail(object, this.buffer.subarray(0, take), object.received)
    object.received += take
    this.buffer = this.buffer.subarray(take)
    if (object.received < object.size) return false
    if (this.buffer.length === 0) return false // the trailing LF has not arrived
    this.buffer = this.buffer.subarray(1)
    this.current = undefined
    const bytes = object.store.subarray(0, object.filled)
    this.bytesKept += bytes.length + (object.tail?.length ?? 0)
    object.request.resolve(answer(object, bytes))
    return true
  }

  /** Copies what is kept of `data` (the rest streams past); once the head is in, asks the caller how much to keep. */
  private keepBytes(object: Current, data: Buffer): void {
    const taken = copyInto(object, data)
    if (object.decided || object.filled < object.store.length) return
    object.decided = true
    const { request, size, store } = object
    const keep = Math.min(size, Math.max(request.headBytes, request.keep(store, size)))
    const tailKept = tailLength(request, store, size, keep)
    if (tailKept > 0) object.tail = Buffer.allocUnsafe(tailKept)
    if (keep > store.length) {
      object.store = Buffer.allocUnsafe(keep)
      store.copy(object.store)
      copyInto(object, data.subarray(taken))
    }
  }

  /**
   * `git cat-file <type> <id>` read until what is kept is in, then stopped: a huge object is streamed
   * whole only when the caller keeps its tail.
   */
  private readPrefix(object: Current): void {
    const child = spawnGit(this.dir, ['cat-file', object.type, object.id], { env: this.env })
    let done = false
    const finish = (): void => {
      done = true
      this.bytesKept += object.filled + (object.tail?.length ?? 0)
      object.request.resolve(answer(object, object.store))
      child.kill()
    }
    child.stdout?.on('data', (chunk: Buffer) => {
      if (done) return
      this.keepBytes(object, chunk)
      copyTail(object, chunk, object.received)
      object.received += chunk.length
      const tailIn = !object.tail || object.received >= object.size
      if (object.decided && object.filled === object.store.length && tailIn) finish()
    })
    const failed = (why: string): void => {
      if (!done) object.request.reject(new ScanError(`git cat-file ${object.type} ${object.id} ${why}`))
      done = true
    }
    child.on('error', (error) => failed(`could not run: ${error.message}`))
    child.on('close', (code) => failed(`ended (${code}) before ${object.store.length} bytes were read`))
  }
}
