// Single-stream compression (gzip, zlib, bzip2, xz, raw deflate for zip members; LZMA-alone is recognised, not read).
// Every decoder is streamed and stops at a byte cap, so a bomb costs at most `limit` bytes.
import zlib from 'node:zlib'
import type { Transform } from 'node:stream'
import type * as XzDecompress from 'xz-decompress'
import { hasBytes, looksLikeTextPrefix, u32, uint } from './bytes.js'
import { LIMITS } from './limits.js'
import { isLz4, unpackLz4 } from './lz4.js'

export type Packing = 'gzip' | 'zlib' | 'bzip2' | 'xz' | 'lzma' | 'zstd' | 'lz4' | 'deflate-raw'

export interface Unpacked {
  data: Buffer
  /** The whole stream was decoded (not cut by the cap or by the end of the input prefix). */
  complete: boolean
  error?: string
}

/** Thrown for a stream no bundled decoder reads: detection reports the blob as an unknown artifact. */
export class DecoderMissing extends Error {}

// The decoders load on first use: most scans meet no xz or bzip2 blob, and every push pays for start-up.
async function loadXzReadableStream(): Promise<typeof XzDecompress.XzReadableStream> {
  // xz-decompress is CommonJS whose exports Node's ESM loader cannot name: take them off the module object.
  const loaded = (await import('xz-decompress')) as unknown as { default: typeof XzDecompress }
  return loaded.default.XzReadableStream
}

/** Which compression wraps these bytes, from its header; null for none. */
export function packingOf(head: Buffer): Packing | null {
  if (hasBytes(head, 0, [0x1f, 0x8b, 0x08]) && (head[3] & 0xe0) === 0) return 'gzip'
  if (isBzip2(head)) return 'bzip2'
  if (u32(head, 0) === ZSTD_MAGIC) return 'zstd'
  if (isLz4(head)) return 'lz4'
  if (hasBytes(head, 0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz'
  if (isLzmaAlone(head)) return 'lzma'
  if (isZlib(head)) return 'zlib'
  return null
}

/** The zlib headers zlib itself writes (32K window, levels 1, 2-5, 6, 7-9). */
const ZLIB_WRITTEN = new Set([0x7801, 0x785e, 0x789c, 0x78da])

/**
 * Whether a header that failed to decode was surely compression (an unknown finding) rather than
 * a coincidence: every magic here is strong except zlib's two bytes, which count only in the form
 * zlib writes and not at the start of plain text (`x^2 + y^2`).
 */
export function surelyPacked(packing: Packing, head: Buffer): boolean {
  if (packing !== 'zlib') return true
  return ZLIB_WRITTEN.has(head.readUInt16BE(0)) && !looksLikeTextPrefix(head.subarray(0, 512))
}

/** `BZh1`-`BZh9`, then a block's magic (pi) or, for an empty stream, the end-of-stream magic (sqrt pi). */
function isBzip2(head: Buffer): boolean {
  if (!hasBytes(head, 0, 'BZh') || head[3] < 0x31 || head[3] > 0x39) return false
  return (
    hasBytes(head, 4, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) || hasBytes(head, 4, [0x17, 0x72, 0x45, 0x38, 0x50, 0x90])
  )
}

/** zlib: deflate method, window ≤ 32K, header checksum, no preset dictionary. */
function isZlib(head: Buffer): boolean {
  if (head.length < 3) return false
  const cmf = head[0]
  const flg = head[1]
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0 && (flg & 0x20) === 0
}

// lc=3, lp=0, pb=2: what xz/liblzma, Python's lzma FORMAT_ALONE and joblib write. LZMA-alone fails
// closed unread, so only this byte is taken: data files (MATLAB v4 .mat) start with the others.
const LZMA_ALONE_PROPS = 0x5d
const LZMA_DICT_MIN = 4096
const LZMA_DICT_MAX = 1536 * 1024 * 1024

/** .lzma (LZMA-alone): the default properties byte, a dictionary liblzma writes, size -1 or sane. */
function isLzmaAlone(head: Buffer): boolean {
  if (head.length < 13 || head[0] !== LZMA_ALONE_PROPS) return false
  if (!isLzmaDictionary(u32(head, 1) ?? 0)) return false
  const size = head.readBigUInt64LE(5)
  return size === 0xffffffffffffffffn || size < 1n << 40n
}

/** 2^n or 2^n + 2^(n-1), from 4 KiB to 1.5 GiB. */
function isLzmaDictionary(dict: number): boolean {
  if (dict < LZMA_DICT_MIN || dict > LZMA_DICT_MAX) return false
  const isPowerOfTwo = (n: number): boolean => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0
  return isPowerOfTwo(dict) || (dict % 3 === 0 && isPowerOfTwo(dict / 3))
}

// LZMA-alone (what joblib's compress='lzma' writes) is a legacy format that no well-kept decoder
// reads in a bundle without native code; such a blob fails closed as an uninspected artifact.
const LZMA_ALONE_UNREAD = new DecoderMissing(
  'no bundled decoder reads the legacy LZMA-alone format (xz, gzip, bz2 and zlib are read)'
)

export async function unpack(packing: Packing, input: Buffer, limit: number): Promise<Unpacked> {
  if (packing === 'bzip2') return unpackBzip2(input, limit)
  if (packing === 'xz') return unpackXz(input, limit)
  if (packing === 'lzma') throw LZMA_ALONE_UNREAD
  if (packing === 'zstd') return unpackZstd(input, limit)
  if (packing === 'lz4') return unpackLz4(input, limit)
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH }
  if (packing === 'gzip') return drain(zlib.createGunzip(options), input, limit)
  if (packing === 'zlib') return drain(zlib.createInflate(options), input, limit)
  return drain(zlib.createInflateRaw(options), input, limit)
}

/** Feeds `input` to a decoder and keeps at most `limit` bytes of output. */
function drain(stream: Transform, input: Buffer, limit: number): Promise<Unpacked> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let total = 0
    let done = false
    const finish = (complete: boolean, error?: string): void => {
      if (done) return
      done = true
      stream.destroy()
      const data = Buffer.concat(chunks, Math.min(total, limit))
      resolve({ data, complete: complete && total <= limit, error })
    }
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      total += chunk.length
      if (total >= limit) finish(false)
    })
    stream.on('end', () => finish(true))
    stream.on('error', (error: Error) => finish(false, error.message))
    stream.end(input)
  })
}

/**
 * xz through xz-embedded compiled to WASM (the `xz-decompress` package, MIT; inlined, so it bundles),
 * read as a stream and cancelled at `limit`. A cut input yields what was decoded before the cut.
 */
async function unpackXz(input: Buffer, limit: number): Promise<Unpacked> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(input.buffer, input.byteOffset, input.length))
      controller.close()
    }
  })
  const chunks: Buffer[] = []
  let total = 0
  try {
    // Leaving the loop early cancels the stream, so the decoder stops at the cap.
    const XzReadableStream = await loadXzReadableStream()
    for await (const chunk of new XzReadableStream(source) as AsyncIterable<Uint8Array>) {
      chunks.push(Buffer.from(chunk))
      total += chunk.length
      if (total >= limit) return { data: Buffer.concat(chunks, limit), complete: false }
    }
    return { data: Buffer.concat(chunks, total), complete: true }
  } catch (error) {
    return { data: Buffer.concat(chunks, total), complete: false, error: `xz: ${(error as Error).message}` }
  }
}

// seek-bzip decodes synchronously into an output object; ours refuses bytes past the cap.
const FULL = new Error('output cap reached')

interface SeekBzip {
  decode(input: Buffer, output: { writeByte(byte: number): void }, multistream: boolean): void
}

async function loadSeekBzip(): Promise<SeekBzip> {
  // @ts-expect-error seek-bzip ships no type declarations: the one call used is typed above
  const loaded = (await import('seek-bzip')) as { default: SeekBzip }
  return loaded.default
}

async function unpackBzip2(input: Buffer, limit: number): Promise<Unpacked> {
  const bunzip = await loadSeekBzip()
  const out = Buffer.alloc(Math.min(limit, 64 * 1024 * 1024))
  let pos = 0
  const sink = {
    writeByte(byte: number) {
      if (pos >= out.length) throw FULL
      out[pos++] = byte
    }
  }
  try {
    bunzip.decode(input, sink, true)
    return { data: out.subarray(0, pos), complete: true }
  } catch (error) {
    const message = error === FULL ? undefined : String((error as Error).message ?? error)
    return { data: Buffer.from(out.subarray(0, pos)), complete: false, error: message }
  }
}

const ZSTD_MAGIC = 0xfd2fb528

/**
 * zstd through fzstd (MIT, pure JS, by the author of fflate), streamed and stopped at `limit`.
 * fzstd allocates each frame's window up front, so frames are first checked against the window
 * the reference decoder accepts by default (2^27): a larger one is not decoded.
 */
async function unpackZstd(input: Buffer, limit: number): Promise<Unpacked> {
  const refused = oversizedZstdWindow(input)
  if (refused) return { data: Buffer.alloc(0), complete: false, error: refused }
  const { Decompress } = await import('fzstd')
  const chunks: Buffer[] = []
  let total = 0
  const decoder = new Decompress((chunk) => {
    chunks.push(Buffer.from(chunk))
    total += chunk.length
    if (total >= limit) throw FULL
  })
  try {
    decoder.push(new Uint8Array(input.buffer, input.byteOffset, input.length), true)
    return { data: Buffer.concat(chunks, total), complete: true }
  } catch (error) {
    const data = Buffer.concat(chunks, Math.min(total, limit))
    return error === FULL
      ? { data, complete: false }
      : { data, complete: false, error: `zstd: ${(error as Error).message}` }
  }
}

/** Walks frame and block headers (no decoding) for a window larger than LIMITS.zstdWindow. */
function oversizedZstdWindow(input: Buffer): string | null {
  let at = 0
  for (let frames = 0; at + 4 <= input.length && frames < 10_000; frames++) {
    const magic = u32(input, at) ?? 0
    if (magic >>> 4 === 0x184d2a5)
      at += 8 + (u32(input, at + 4) ?? 0) // a skippable frame
    else if (magic !== ZSTD_MAGIC)
      return null // the decoder will say what is wrong
    else {
      const frame = zstdFrame(input, at)
      if (frame.window > LIMITS.zstdWindow)
        return `zstd frame window of ${frame.window} bytes is over the ${LIMITS.zstdWindow} this decoder allows`
      at = frame.end
    }
  }
  return null
}

function zstdFrame(input: Buffer, at: number): { window: number; end: number } {
  const descriptor = input[at + 4] ?? 0
  const single = (descriptor & 0x20) !== 0
  let pos = at + 5
  let window = 0
  if (!single) {
    const exponent = input[pos++] ?? 0
    const base = 2 ** (10 + (exponent >> 3))
    window = base + (base / 8) * (exponent & 7)
  }
  pos += [0, 1, 2, 4][descriptor & 3]
  const sizeBytes = [single ? 1 : 0, 2, 4, 8][descriptor >> 6]
  // A single-segment frame's window is its content size (a cut header: unknown, left to the decoder).
  if (single) window = (uint(input, pos, sizeBytes) ?? 0) + (sizeBytes === 2 ? 256 : 0)
  pos += sizeBytes
  for (let last = false; !last && pos + 3 <= input.length;) {
    const header = input.readUIntLE(pos, 3)
    last = (header & 1) === 1
    pos += 3 + (((header >> 1) & 3) === 1 ? 1 : header >>> 3)
  }
  return { window, end: pos + (descriptor & 0x04 ? 4 : 0) }
}

const PACKED_EXTENSIONS: Record<Packing, RegExp> = {
  gzip: /\.(t?gz|gzip)$/i,
  zlib: /\.(z|zz|zlib)$/i,
  bzip2: /\.(t?bz2?)$/i,
  xz: /\.(t?xz)$/i,
  lzma: /\.(lzma)$/i,
  zstd: /\.(t?zst|tzst|zstd)$/i,
  lz4: /\.(t?lz4)$/i,
  'deflate-raw': /$^/
}

/** The path with the compression suffix removed (`a.tar.gz` → `a.tar`, `x.tgz` → `x.tar`). */
export function unpackedPath(path: string, packing: Packing): string {
  const match = PACKED_EXTENSIONS[packing].exec(path)
  if (!match) return path
  const stripped = path.slice(0, match.index)
  return /^\.t/i.test(match[0]) && !/^\.tar/i.test(match[0]) ? `${stripped}.tar` : stripped
}

/**
 * The start of a gzip or zlib stream, decoded synchronously from its first 4 KiB (so a read
 * decision can look inside); null for other packings, or when the start does not decode.
 */
export function peekInflated(head: Buffer, packing: Packing): Buffer | null {
  if (packing !== 'gzip' && packing !== 'zlib') return null
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: LIMITS.peek.output }
  try {
    const input = head.subarray(0, LIMITS.peek.input)
    return packing === 'gzip' ? zlib.gunzipSync(input, options) : zlib.inflateSync(input, options)
  } catch {
    return null
  }
}
