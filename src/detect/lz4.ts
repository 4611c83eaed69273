// LZ4 frames (`.lz4`, joblib's compress='lz4') and the legacy LZ4 format, decoded here. The npm
// decoders do not stop at a cap (lz4js decodes a bomb's whole output into a fixed buffer, loops
// on a cut frame) or need native code; the format is small, so this bounded reader is ours.
import { u32 } from './bytes.js'
import type { Unpacked } from './compression.js'

const FRAME = 0x184d2204
const LEGACY = 0x184c2102
const LEGACY_BLOCK = 8 * 1024 * 1024

class Cut extends Error {}
class Full extends Error {}

/** Output that grows as needed and refuses bytes past `limit`. */
class Output {
  buf = Buffer.alloc(64 * 1024)
  length = 0
  constructor(readonly limit: number) {}

  /** Grows the buffer for `n` more bytes, up to the limit; how many fit. */
  private room(n: number): number {
    const fit = Math.min(n, this.limit - this.length)
    if (this.length + fit > this.buf.length) {
      const grown = Buffer.alloc(Math.min(this.limit, Math.max(this.buf.length * 2, this.length + fit)))
      this.buf.copy(grown, 0, 0, this.length)
      this.buf = grown
    }
    return fit
  }

  literals(src: Buffer, at: number, n: number): void {
    if (at + n > src.length) throw new Cut()
    const fit = this.room(n)
    src.copy(this.buf, this.length, at, at + fit)
    this.length += fit
    if (fit < n) throw new Full()
  }

  match(offset: number, n: number): void {
    if (offset === 0 || offset > this.length) throw new Error(`lz4: match offset ${offset} out of range`)
    const fit = this.room(n)
    for (let i = 0; i < fit; i++, this.length++) this.buf[this.length] = this.buf[this.length - offset]
    if (fit < n) throw new Full()
  }
}

export function isLz4(head: Buffer): boolean {
  const magic = u32(head, 0)
  return (magic === FRAME && (head[4] & 0xc0) === 0x40) || magic === LEGACY
}

export function unpackLz4(input: Buffer, limit: number): Unpacked {
  const out = new Output(limit)
  try {
    let at = 0
    while (at < input.length) at = u32(input, at) === LEGACY ? legacy(input, at + 4, out) : frame(input, at, out)
    return { data: out.buf.subarray(0, out.length), complete: true }
  } catch (error) {
    const data = out.buf.subarray(0, out.length)
    if (error instanceof Full || error instanceof Cut) return { data, complete: false }
    return { data, complete: false, error: (error as Error).message }
  }
}

/** One frame: descriptor, blocks until the end mark, optional checksums; returns where the next frame starts. */
function frame(src: Buffer, at: number, out: Output): number {
  if (u32(src, at) !== FRAME) throw new Error(`lz4: not a frame at ${at}`)
  const flags = src[at + 4]
  if ((flags & 0xc0) !== 0x40) throw new Error('lz4: unknown frame version')
  let pos = at + 7 + (flags & 0x08 ? 8 : 0) + (flags & 0x01 ? 4 : 0)
  for (;;) {
    const size = u32(src, pos)
    if (size === null) throw new Cut()
    pos += 4
    if (size === 0) break
    const length = size & 0x7fffffff
    if (pos + length > src.length) throw new Cut()
    if (size & 0x80000000) out.literals(src, pos, length)
    else block(src, pos, pos + length, out)
    pos += length + (flags & 0x10 ? 4 : 0)
  }
  return pos + (flags & 0x04 ? 4 : 0)
}

function legacy(src: Buffer, at: number, out: Output): number {
  let pos = at
  while (pos < src.length && u32(src, pos) !== LEGACY && u32(src, pos) !== FRAME) {
    const length = u32(src, pos)
    if (length === null || length > LEGACY_BLOCK * 2) throw length === null ? new Cut() : new Error('lz4: bad block')
    if (pos + 4 + length > src.length) throw new Cut()
    block(src, pos + 4, pos + 4 + length, out)
    pos += 4 + length
  }
  return pos
}

/** A block of sequences: literals, then a match (offset, length) copied from what was written. */
function block(src: Buffer, start: number, end: number, out: Output): void {
  let pos = start
  while (pos < end) {
    const token = src[pos++]
    let literals = token >> 4
    if (literals === 15) ({ value: literals, pos } = extend(src, pos, end, literals))
    if (pos + literals > end) throw new Error('lz4: literals run past the block')
    out.literals(src, pos, literals)
    pos += literals
    if (pos >= end) return
    const offset = src[pos] | (src[pos + 1] << 8)
    pos += 2
    let length = token & 15
    if (length === 15) ({ value: length, pos } = extend(src, pos, end, length))
    out.match(offset, length + 4)
  }
}

function extend(src: Buffer, pos: number, end: number, value: number): { value: number; pos: number } {
  for (;;) {
    if (pos >= end) throw new Error('lz4: length runs past the block')
    const byte = src[pos++]
    value += byte
    if (byte !== 255) return { value, pos }
  }
}
