// Single-stream compression (gzip, zlib, bzip2, xz, lzma-alone, raw deflate for zip members).
// Every decoder is streamed and stops at a byte cap, so a bomb costs at most `limit` bytes.
import zlib from 'node:zlib'
import type { Transform } from 'node:stream'
import createLZMA from 'node-liblzma/wasm/liblzma.js'
import { LZMA_FINISH, LZMA_OK, LZMA_RUN, LZMA_STREAM_END, WasmLzmaStream } from 'node-liblzma/wasm'
import type { LZMAModule } from 'node-liblzma/wasm'
// @ts-expect-error seek-bzip ships no type declarations: its one call is typed at the use below
import seekBzip from 'seek-bzip'
import { hasBytes, u32 } from './bytes.js'
import { LIBLZMA_WASM_BASE64 } from './liblzma-wasm.js'

export type Packing = 'gzip' | 'zlib' | 'bzip2' | 'xz' | 'lzma' | 'deflate-raw'

export interface Unpacked {
  data: Buffer
  /** The whole stream was decoded (not cut by the cap or by the end of the input prefix). */
  complete: boolean
  error?: string
}

/** Thrown when a decoder cannot be loaded (no WebAssembly in this Node): detection reports the blob as unknown. */
export class DecoderMissing extends Error {}

/** Which compression wraps these bytes, from its header; null for none. */
export function packingOf(head: Buffer): Packing | null {
  if (hasBytes(head, 0, [0x1f, 0x8b, 0x08])) return 'gzip'
  if (hasBytes(head, 0, 'BZh') && head[3] >= 0x31 && head[3] <= 0x39 && hasBytes(head, 4, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59])) return 'bzip2'
  if (hasBytes(head, 0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz'
  if (isLzmaAlone(head)) return 'lzma'
  if (isZlib(head)) return 'zlib'
  return null
}

/** zlib: deflate method, window ≤ 32K, header checksum, no preset dictionary. */
function isZlib(head: Buffer): boolean {
  if (head.length < 3) return false
  const cmf = head[0]
  const flg = head[1]
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0 && (flg & 0x20) === 0
}

/** .lzma (LZMA-alone): properties byte lc/lp/pb < 225, dictionary a power of two (or 3·2^n), size -1 or sane. */
function isLzmaAlone(head: Buffer): boolean {
  if (head.length < 13 || head[0] >= 225) return false
  const dict = u32(head, 1) ?? 0
  if (dict < 4096 || (dict & (dict - 1)) !== 0) return false
  const size = head.readBigUInt64LE(5)
  return size === 0xffffffffffffffffn || size < 1n << 40n
}

export async function unpack(packing: Packing, input: Buffer, limit: number): Promise<Unpacked> {
  if (packing === 'bzip2') return unpackBzip2(input, limit)
  if (packing === 'xz' || packing === 'lzma') return unpackLzma(input, limit)
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

// liblzma in WASM: its heap stops at 256 MiB, so a stream may ask for half (xz -9 needs 65 MiB).
const LZMA_MEMLIMIT = 128 * 1024 * 1024
const LZMA_CHUNK = 1024 * 1024

let liblzma: Promise<LZMAModule> | undefined

/** Instantiates liblzma once, from the binary embedded in the source (the Action runs without node_modules). */
async function loadLiblzma(): Promise<LZMAModule> {
  liblzma ??= createLZMA({ wasmBinary: Buffer.from(LIBLZMA_WASM_BASE64, 'base64') })
  try {
    return await liblzma
  } catch (error) {
    throw new DecoderMissing(`no xz/lzma decoder: ${(error as Error).message}`)
  }
}

/** xz or LZMA-alone through liblzma's auto decoder, 1 MiB in and out at a time, so output stops at `limit`. */
async function unpackLzma(input: Buffer, limit: number): Promise<Unpacked> {
  const lzma = await loadLiblzma()
  const stream = new WasmLzmaStream(lzma)
  const inPtr = lzma._malloc(LZMA_CHUNK)
  const outPtr = lzma._malloc(LZMA_CHUNK)
  try {
    const ret = autoDecoder(lzma, stream)
    if (ret !== LZMA_OK) return { data: Buffer.alloc(0), complete: false, error: `liblzma error ${ret}` }
    return runLzma(lzma, stream, { input, limit, inPtr, outPtr })
  } catch (error) {
    return { data: Buffer.alloc(0), complete: false, error: (error as Error).message }
  } finally {
    lzma._lzma_end(stream.ptr)
    stream.free()
    lzma._free(inPtr)
    lzma._free(outPtr)
  }
}

/**
 * lzma_auto_decoder (xz or LZMA-alone) with a memory limit. This binary passes the uint64 limit as two
 * 32-bit halves (no WASM BigInt), unlike node-liblzma's own wrapper, so the export is called directly.
 */
function autoDecoder(lzma: LZMAModule, stream: WasmLzmaStream): number {
  const init = lzma._lzma_auto_decoder as unknown as (strm: number, low: number, high: number, flags: number) => number
  return init(stream.ptr, LZMA_MEMLIMIT, 0, 0)
}

interface LzmaRun {
  input: Buffer
  limit: number
  inPtr: number
  outPtr: number
}

/** Runs lzma_code until the stream ends, fails, fills `limit`, or the input runs out (a prefix: partial output). */
function runLzma(lzma: LZMAModule, stream: WasmLzmaStream, run: LzmaRun): Unpacked {
  const chunks: Buffer[] = []
  let total = 0
  let fed = 0
  while (total < run.limit) {
    if (stream.availIn === 0 && fed < run.input.length) fed += feed(lzma, stream, run, fed)
    const room = Math.min(LZMA_CHUNK, run.limit - total)
    stream.setOutput(run.outPtr, room)
    const ret = lzma._lzma_code(stream.ptr, fed < run.input.length ? LZMA_RUN : LZMA_FINISH)
    const produced = room - stream.availOut
    chunks.push(Buffer.from(lzma.HEAPU8.subarray(run.outPtr, run.outPtr + produced)))
    total += produced
    if (ret === LZMA_STREAM_END) return { data: Buffer.concat(chunks, total), complete: true }
    if (ret !== LZMA_OK) return { data: Buffer.concat(chunks, total), complete: false, error: `liblzma error ${ret}` }
    if (produced === 0 && stream.availIn === 0 && fed >= run.input.length) {
      return { data: Buffer.concat(chunks, total), complete: false, error: 'input ends inside the stream' }
    }
  }
  return { data: Buffer.concat(chunks, total), complete: false }
}

/** Copies the next input chunk into the WASM heap; returns how many bytes it handed to the decoder. */
function feed(lzma: LZMAModule, stream: WasmLzmaStream, run: LzmaRun, from: number): number {
  const part = run.input.subarray(from, from + LZMA_CHUNK)
  lzma.HEAPU8.set(part, run.inPtr)
  stream.setInput(run.inPtr, part.length)
  return part.length
}

// seek-bzip decodes synchronously into an output object; ours refuses bytes past the cap.
const FULL = new Error('output cap reached')
const bunzip: { decode(input: Buffer, output: { writeByte(byte: number): void }, multistream: boolean): void } = seekBzip

function unpackBzip2(input: Buffer, limit: number): Unpacked {
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

const PACKED_EXTENSIONS: Record<Packing, RegExp> = {
  gzip: /\.(t?gz|gzip)$/i,
  zlib: /\.(z|zz|zlib)$/i,
  bzip2: /\.(t?bz2?)$/i,
  xz: /\.(t?xz)$/i,
  lzma: /\.(lzma)$/i,
  'deflate-raw': /$^/
}

/** The path with the compression suffix removed (`a.tar.gz` → `a.tar`, `x.tgz` → `x.tar`). */
export function unpackedPath(path: string, packing: Packing): string {
  const match = PACKED_EXTENSIONS[packing].exec(path)
  if (!match) return path
  const stripped = path.slice(0, match.index)
  return /^\.t/i.test(match[0]) && !/^\.tar/i.test(match[0]) ? `${stripped}.tar` : stripped
}
