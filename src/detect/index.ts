// Detection: what is a model artifact, judged by content first and by name second.
// Contract used by the scan engine (keep these signatures stable):
//   bytesWanted(head, size, path) → how many leading bytes of the blob detection needs
//   detect({ path, size, bytes }, options) → zero or more detections (archives yield one per member)
// A reader error never escapes: it becomes a `kind: unknown` detection with the reason.
import type { Detection } from '../types.js'
import { annoyWanted, sniffAnnoy } from './annoy.js'
import { sniffByName } from './by-name.js'
import { DecoderMissing, packingOf, peekInflated, unpack, unpackedPath } from './compression.js'
import type { Packing } from './compression.js'
import { sniffCoreml } from './coreml.js'
import { sniffFaiss } from './faiss.js'
import { sniffGgml, sniffGguf } from './gguf.js'
import { isHdf5, sniffHdf5Keras } from './hdf5.js'
import { sniffHnswlib } from './hnswlib.js'
import { sniffKerasArchive } from './keras.js'
import { sniffLfsPointer } from './lfs.js'
import { npyWants, sniffNpy } from './numpy.js'
import { onnxWants, sniffOnnx } from './onnx.js'
import { looksLikePickleStart, scanPickles, sniffPickle } from './pickle.js'
import { safetensorsWants, sniffSafetensors } from './safetensors.js'
import { sniffSavedModel, sniffSavedModelVariables } from './savedmodel.js'
import type { Archive, ArchiveEntry, ArchiveSniffer, BlobPrefix, Sniffed, Sniffer } from './sniff.js'
import { MiB } from './sniff.js'
import { isTar, listTar } from './tar.js'
import { sniffTflite } from './tflite.js'
import { sniffTorchArchive, sniffTorchLegacy } from './torch.js'
import { sniffUsearch, usearchWants } from './usearch.js'
import { sniffVoyager } from './voyager.js'
import { isZip, listZip } from './zip.js'

export const HEAD_BYTES = 64 * 1024

export interface DetectOptions {
  /** Registry `artifacts.include` globs: paths that count as artifacts by name. */
  includedByName: (path: string) => boolean
}

/** Bounds on one detect() call. */
export const LIMITS = {
  /** Most bytes read of an archive, a compressed blob or a format whose metadata sits late. */
  readCap: 64 * MiB,
  /** Archives inside archives: the blob's own archive is depth 1. */
  maxDepth: 2,
  /** Compression layers unwrapped in a row (gzip of xz of ...). */
  maxLayers: 3,
  /** Archive members examined, over all nesting levels. */
  maxMembers: 4096,
  /** Bytes decompressed in total. */
  decompressBudget: 256 * MiB,
  /** A member whose declared size is this many times its packed size (and above bombMinBytes) is not opened. */
  bombRatio: 200,
  bombMinBytes: 4 * MiB
}

// Content sniffers, most specific first: fixed magics, then structural checks, then header invariants.
const SNIFFERS: Sniffer[] = [
  sniffSafetensors,
  sniffGguf,
  sniffGgml,
  sniffHdf5Keras,
  sniffTflite,
  sniffNpy,
  sniffFaiss,
  sniffVoyager,
  sniffUsearch,
  sniffTorchLegacy,
  sniffPickle,
  sniffCoreml,
  sniffSavedModel,
  sniffOnnx,
  sniffHnswlib,
  sniffAnnoy,
  sniffSavedModelVariables
]

// Formats that are whole archives; tried before an archive is opened as a container of members.
const ARCHIVE_SNIFFERS: ArchiveSniffer[] = [sniffTorchArchive, sniffKerasArchive]

/** How many leading bytes detection needs, decided from the first HEAD_BYTES. */
export function bytesWanted(head: Buffer, size: number, path: string): number {
  return Math.min(size, Math.max(HEAD_BYTES, wanted(head, size, path)))
}

function wanted(head: Buffer, size: number, path: string): number {
  if (isZip(head) || isTar(head) || annoyWanted(path)) return LIMITS.readCap
  const packing = packingOf(head)
  if (packing) return packedWanted(head, packing, path)
  return formatWanted(head, size)
}

/**
 * A gzip or zlib stream whose start decodes to plain content (a log, a CSV) needs only its head:
 * reading a large one whole would cost its full size for nothing. Anything else inside (an
 * archive, a pickle, a format that wants more), or a packing we cannot peek into, is read whole.
 */
function packedWanted(head: Buffer, packing: Packing, path: string): number {
  const inner = peekInflated(head, packing)
  if (inner === null || inner.length === 0) return LIMITS.readCap
  const innerPath = unpackedPath(path, packing)
  const plain =
    !isZip(inner) && !isTar(inner) && !packingOf(inner) && formatWanted(inner, Number.MAX_SAFE_INTEGER) <= HEAD_BYTES
  return plain && !SNIFFERS.some((sniff) => sniff({ path: innerPath, size: Number.MAX_SAFE_INTEGER, bytes: inner }))
    ? HEAD_BYTES
    : LIMITS.readCap
}

function formatWanted(head: Buffer, size: number): number {
  if (pickleWants(head)) return PICKLE_READ // pickles: globals can sit past the first 64 KiB
  if (isHdf5(head)) return 4 * MiB
  if (head.toString('latin1', 0, 4) === 'GGUF') return 8 * MiB // general.* keys come first, the vocabulary later
  return safetensorsWants(head) ?? onnxWants(head) ?? npyWants(head) ?? usearchWants(head, size) ?? HEAD_BYTES
}

const PICKLE_READ = 4 * MiB

/** A PROTO header, or a text-protocol (0/1) head that parses cleanly to its end: read like any pickle. */
function pickleWants(head: Buffer): boolean {
  if (head[0] === 0x80 && head[1] <= 5) return true
  if (!looksLikePickleStart(head) || head.length < HEAD_BYTES) return false
  return scanPickles(head.subarray(0, HEAD_BYTES), 0, true).cleanPrefix
}

interface Budget {
  bytes: number
  members: number
}

interface Context {
  depth: number
  layers: number
  budget: Budget
}

/** `input.bytes` holds at least min(size, HEAD_BYTES) bytes, up to what bytesWanted asked for. */
export async function detect(input: BlobPrefix, options: DetectOptions): Promise<Detection[]> {
  const blob: BlobPrefix = { path: input.path, size: input.size, bytes: input.bytes }
  const ctx: Context = { depth: 0, layers: 0, budget: { bytes: LIMITS.decompressBudget, members: LIMITS.maxMembers } }
  let found: Detection[]
  try {
    const lfs = sniffLfsPointer(blob, options.includedByName(blob.path))
    found = lfs ? [detection(lfs)] : await classify(blob, ctx)
  } catch (error) {
    return [unknown(`reader error: ${messageOf(error)}`)]
  }
  if (found.length > 0) return found
  if (input.size > input.bytes.length && input.bytes.length < bytesWanted(input.bytes, input.size, input.path)) {
    return [unknown(`only ${input.bytes.length} of the ${input.size} bytes detection needs were read`)]
  }
  const byName = sniffByName(blob, options.includedByName(blob.path))
  return byName ? [detection(byName)] : []
}

/** Everything found in one blob or member: unwraps compression, opens archives, runs the sniffers. */
async function classify(blob: BlobPrefix, ctx: Context): Promise<Detection[]> {
  const packing = packingOf(blob.bytes)
  if (packing) {
    const unpacked = await unwrap(blob, packing, ctx)
    if (unpacked) return unpacked
  }
  if (isZip(blob.bytes)) return openArchive(blob, listZip(blob.bytes, blob.size), ctx)
  if (isTar(blob.bytes)) return openArchive(blob, listTar(blob.bytes, blob.size), ctx)
  for (const sniff of SNIFFERS) {
    const hit = sniff(blob)
    if (hit) return [detection(hit)]
  }
  return []
}

/** Decompresses a prefix (HEAD_BYTES, then what the inner format wants) and classifies it. */
async function unwrap(blob: BlobPrefix, packing: Packing, ctx: Context): Promise<Detection[] | null> {
  if (ctx.layers >= LIMITS.maxLayers) return [unknown(`compression nested more than ${LIMITS.maxLayers} layers deep`)]
  let inner
  try {
    inner = await decompress(blob, packing, ctx)
  } catch (error) {
    if (error instanceof DecoderMissing)
      return [unknown(`${packing}-compressed content not inspected: ${error.message}`, { compression: [packing] })]
    throw error
  }
  if (!inner) return null // not really compressed: let the other readers look
  const found = await classify(inner, { ...ctx, layers: ctx.layers + 1 })
  // Nothing inside: the header may have been a coincidence, so the raw bytes are sniffed too.
  return found.length > 0 ? found.map((d) => withCompression(d, packing)) : null
}

async function decompress(blob: BlobPrefix, packing: Packing, ctx: Context): Promise<BlobPrefix | null> {
  const path = unpackedPath(blob.path, packing)
  let out = await unpack(packing, blob.bytes, Math.min(HEAD_BYTES, ctx.budget.bytes))
  if (out.data.length === 0) return null
  const want = bytesWanted(out.data, out.complete ? out.data.length : Number.MAX_SAFE_INTEGER, path)
  if (!out.complete && want > out.data.length) out = await unpack(packing, blob.bytes, Math.min(want, ctx.budget.bytes))
  ctx.budget.bytes -= out.data.length
  const complete = out.complete && blob.bytes.length >= blob.size
  return { path, size: complete ? out.data.length : Number.MAX_SAFE_INTEGER, bytes: out.data }
}

/** Compression of a single stream is recorded on the finding; a compressed pickle from zlib/lzma is joblib's. */
function withCompression(d: Detection, packing: Packing): Detection {
  if (d.member !== null || (d.kind === 'unknown' && d.detail.compression)) return d
  const compression = [packing, ...((d.detail.compression as string[] | undefined) ?? [])]
  const format = d.format === 'pickle' && (packing === 'zlib' || packing === 'lzma') ? 'joblib' : d.format
  return { ...d, format, detail: { ...d.detail, compression } }
}

async function openArchive(blob: BlobPrefix, archive: Archive, ctx: Context): Promise<Detection[]> {
  for (const sniff of ARCHIVE_SNIFFERS) {
    const hit = await sniff(archive)
    if (hit) return [detection(hit)]
  }
  if (ctx.depth >= LIMITS.maxDepth) {
    return [unknown(`${archive.type} nested deeper than ${LIMITS.maxDepth} archive levels: not opened`)]
  }
  const found: Detection[] = []
  for (const entry of archive.entries) {
    if (ctx.budget.members <= 0) {
      found.push(unknown(`archive member limit (${LIMITS.maxMembers}) reached: remaining members not examined`))
      break
    }
    ctx.budget.members -= 1
    found.push(...(await member(archive, entry, ctx)))
  }
  if (archive.unreadable) found.push(unknown(`${archive.type} not readable: ${archive.unreadable}`))
  if (archive.truncated)
    found.push(unknown(`${archive.type} not fully read (${archive.truncated}): members past that point not examined`))
  return found
}

/** One archive member: bounds first, then its prefix classified like a blob of its own. */
async function member(archive: Archive, entry: ArchiveEntry, ctx: Context): Promise<Detection[]> {
  const refusal = refuseMember(entry, ctx)
  if (refusal) return [inMember(unknown(refusal), entry.name)]
  try {
    const head = await archive.read(entry, HEAD_BYTES)
    const want = bytesWanted(head, entry.size, entry.name)
    const bytes = want > head.length ? await archive.read(entry, Math.min(want, ctx.budget.bytes)) : head
    if (archive.type === 'zip') ctx.budget.bytes -= bytes.length
    const child: BlobPrefix = { path: entry.name, size: entry.size, bytes }
    let found = await classify(child, { ...ctx, depth: ctx.depth + 1 })
    if (found.length === 0) found = [sniffByName(child, false)].filter((s): s is Sniffed => s !== null).map(detection)
    return found.map((d) => inMember(d, entry.name))
  } catch (error) {
    return [inMember(unknown(`reader error: ${messageOf(error)}`), entry.name)]
  }
}

function refuseMember(entry: ArchiveEntry, ctx: Context): string | null {
  if (entry.unreadable) return `member not readable: ${entry.unreadable}`
  const ratio = entry.packedSize > 0 ? entry.size / entry.packedSize : 0
  if (entry.size > LIMITS.bombMinBytes && ratio > LIMITS.bombRatio) {
    return `compression ratio ${Math.round(ratio)}:1 exceeds ${LIMITS.bombRatio}:1 (zip-bomb guard): not opened`
  }
  if (ctx.budget.bytes <= 0) return `decompression budget of ${LIMITS.decompressBudget / MiB} MiB used up: not opened`
  return null
}

function inMember(d: Detection, name: string): Detection {
  return { ...d, member: d.member === null ? name : `${name}/${d.member}` }
}

function detection(s: Sniffed): Detection {
  return { member: null, format: s.format, kind: s.kind, detail: s.detail }
}

function unknown(reason: string, extra: Record<string, unknown> = {}): Detection {
  return { member: null, format: 'unknown', kind: 'unknown', detail: { reason, ...extra } }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
