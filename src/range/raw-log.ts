// A streaming reader of `git log -z --raw --no-abbrev --format=\x01%H`: NUL-separated tokens,
// `\x01<commit>` then, after a newline, `:<old mode> <new mode> <old id> <new id> <status>` and
// the path (any bytes but NUL) per changed file. Chunks are parsed as they arrive, so blobs can be
// read while git is still walking history; nothing but the current partial token is kept.
import { InternalError } from '../errors.js'

export interface RawEntry {
  newMode: string
  newId: string
  status: string
  path: string
}

export interface RawLogSink {
  commit(id: string): void
  entry(entry: RawEntry): void
}

const NUL = 0
const NEWLINE = 10
const COMMIT_MARK = 1
const COLON = 58
const SPACE = 32
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/
const MODE = /^[0-7]{6}$/

export class RawLogParser {
  /** The bytes of a token whose NUL has not arrived yet. */
  private rest: Buffer | null = null
  /** The header of an entry whose path token comes next. */
  private header: Header | null = null

  constructor(private readonly sink: RawLogSink) {}

  write(chunk: Buffer): void {
    const data = this.rest ? Buffer.concat([this.rest, chunk]) : chunk
    let start = 0
    for (let nul = data.indexOf(NUL, start); nul >= 0; nul = data.indexOf(NUL, start)) {
      this.token(data, start, nul)
      start = nul + 1
    }
    // A copy: the rest of a large chunk must not keep the whole chunk alive.
    this.rest = start < data.length ? Buffer.from(data.subarray(start)) : null
  }

  end(): void {
    if (this.rest) this.token(this.rest, 0, this.rest.length)
    this.rest = null
    if (this.header !== null) throw unexpected(`:… ${this.header.newId}`, 'a changed file without its path')
  }

  private token(data: Buffer, start: number, end: number): void {
    if (this.header !== null) {
      this.sink.entry(entryOf(this.header, data.toString('utf8', start, end)))
      this.header = null
      return
    }
    while (start < end && data[start] === NEWLINE) start++
    if (start === end) return
    if (data[start] === COMMIT_MARK) this.sink.commit(commitOf(data.toString('latin1', start + 1, end).trim()))
    else if (data[start] === COLON) this.header = headerOf(data, start, end)
    else if (data.toString('utf8', start, end).trim() !== '') throw unexpected(data.toString('utf8', start, end))
  }
}

function commitOf(id: string): string {
  if (!OBJECT_ID.test(id)) throw unexpected(`\x01${id}`, 'not a commit id')
  return id
}

/**
 * The fields of `:<old mode> <new mode> <old id> <new id> <status>` read at their offsets (this
 * runs once per changed file of the whole history): `<new mode> <new id> <status>`, checked.
 */
function headerOf(data: Buffer, start: number, end: number): Header {
  const oldIdEnd = data.indexOf(SPACE, start + 15)
  const idLength = oldIdEnd - start - 15
  const newId = oldIdEnd > 0 ? data.toString('latin1', oldIdEnd + 1, oldIdEnd + 1 + idLength) : ''
  const newMode = data.toString('latin1', start + 8, start + 14)
  const status = data.toString('latin1', oldIdEnd + 2 + idLength, end)
  const wellFormed =
    data[start + 7] === SPACE && data[start + 14] === SPACE && data[oldIdEnd + 1 + idLength] === SPACE && status !== ''
  if (!wellFormed || !MODE.test(newMode) || !isObjectId(data, oldIdEnd + 1, idLength)) {
    throw unexpected(data.toString('latin1', start, end))
  }
  return { newMode, newId, status }
}

/** 40 or 64 lowercase hex digits at `at`, checked on the bytes (no string, no regex: once per changed file). */
function isObjectId(data: Buffer, at: number, length: number): boolean {
  if (length !== 40 && length !== 64) return false
  for (let i = at; i < at + length; i++) {
    const byte = data[i]
    if (!((byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66))) return false
  }
  return true
}

interface Header {
  newMode: string
  newId: string
  status: string
}

function entryOf(header: Header, path: string): RawEntry {
  return { newMode: header.newMode, newId: header.newId, status: header.status, path }
}

function unexpected(token: string, why = 'not what it writes'): InternalError {
  return new InternalError(`unexpected output from git log (${why}): ${JSON.stringify(token.slice(0, 80))}`)
}
