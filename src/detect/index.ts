// Detection: what is a model artifact, judged by content first and by name second.
// Contract used by the scan engine (keep these signatures stable):
//   bytesWanted(head, size, path) → how many leading bytes of the blob detection needs
//   tailWanted(head, size, prefix) → how many last bytes besides them (0: the prefix is the whole blob)
//   tailWantedAfter({ path, size, bytes, tail }) → how many last bytes in all, once the tail is in
//   detect({ path, size, bytes, tail }, options) → zero or more detections (archives yield one per member)
// A reader error never escapes: it becomes a `kind: unknown` detection with the reason.
import { MalformedInput } from '../errors.js'
import type { Detection, LfsAbsentRule } from '../types.js'
import { annoyWants, sniffAnnoy } from './annoy.js'
import { sniffCatboost, sniffLightgbm, sniffXgboost } from './boosting.js'
import { sniffByName } from './by-name.js'
import { DecoderMissing, packingOf, peekInflated, surelyPacked, unpack, unpackedPath } from './compression.js'
import type { Packing } from './compression.js'
import { sniffCoreml } from './coreml.js'
import { sniffFaiss } from './faiss.js'
import { ggufWants, sniffGgml, sniffGguf } from './gguf.js'
import { hdf5Wants, sniffHdf5Keras } from './hdf5.js'
import { sniffHnswlib } from './hnswlib.js'
import { sniffKerasArchive } from './keras.js'
import { lfsDetail, lfsPointerOf, sniffAbsentLfs } from './lfs.js'
import type { LfsPointer } from './lfs.js'
import { sniffDeclared } from './declared.js'
import { sniffExecutorch, sniffPaddle, sniffTensorrt } from './deployed.js'
import { ECOSYSTEM_SNIFFERS, ecosystemWants } from './ecosystems.js'
import { npyWants, sniffNpy } from './numpy.js'
import { onnxWants, sniffOnnx } from './onnx.js'
import { LIMITS, MiB } from './limits.js'
import { pickleWants, sniffPickle } from './pickle.js'
import { sniffPmml } from './pmml.js'
import { isRar, listRar } from './rar.js'
import { safetensorsWants, sniffSafetensors } from './safetensors.js'
import { is7z, list7z } from './seven-zip.js'
import { sniffSavedModel, sniffTensorBundle } from './savedmodel.js'
import type { Archive, ArchiveEntry, ArchiveSniffer, BlobPrefix, Sniffed, Sniffer } from './sniff.js'
import { isTar, listTar } from './tar.js'
import { sniffSkops } from './skops.js'
import { sniffTflite } from './tflite.js'
import { sniffTorchArchive, sniffTorchLegacy } from './torch.js'
import { sniffUsearch, usearchWants } from './usearch.js'
import { sniffVoyager } from './voyager.js'
import { joined, sniffUnreadEnd, tailWanted, tailWantedAfter } from './tail.js'
import { hasEmbeddedZip, isZip, listZip, zipDirectoryUnread, zipStart } from './zip.js'

export { LIMITS } from './limits.js'
export { tailWanted, tailWantedAfter } from './tail.js'
export const HEAD_BYTES = LIMITS.headBytes

export interface DetectOptions {
  /** Registry `artifacts.include` globs: paths that count as artifacts by name. */
  includedByName: (path: string) => boolean
  /** Registry `models[].path` globs: a blob there is a model artifact even when its content is no known format. */
  declaredModel?: (path: string) => boolean
  /** The locally stored Git LFS object with this sha256, read as `keep` and `keepTail` decide; null when absent. */
  lfsObject?: (
    oid: string,
    size: number,
    keep: (head: Buffer, size: number) => number,
    keepTail: (head: Buffer, size: number, kept: number) => number
  ) => Promise<HeldBytes | null>
  /** How a pointer whose object is absent is judged (default `by-name`). */
  lfsAbsent?: LfsAbsentRule
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
  sniffTensorBundle,
  sniffXgboost,
  sniffLightgbm,
  sniffCatboost,
  sniffPmml,
  sniffExecutorch,
  sniffTensorrt,
  sniffPaddle,
  ...ECOSYSTEM_SNIFFERS
]

// Formats that are whole archives; tried before an archive is opened as a container of members.
const ARCHIVE_SNIFFERS: ArchiveSniffer[] = [sniffTorchArchive, sniffKerasArchive, sniffSkops]

/** What was read of a blob: its prefix, and its last bytes when the middle was not read. */
export type HeldBytes = Pick<BlobPrefix, 'bytes' | 'tail'>

/** How many leading bytes detection reads, decided from the first HEAD_BYTES: what it needs, up to the read cap. */
export function bytesWanted(head: Buffer, size: number, path: string): number {
  return Math.min(size, LIMITS.readCap, Math.max(HEAD_BYTES, bytesNeeded(head, size, path)))
}

/** What judging the content needs, before the read cap: a blob read shorter than this is not judged clean. */
function bytesNeeded(head: Buffer, size: number, path: string): number {
  if (isArchive(head) || isExecutable(head) || zipStart(head) > 0) return size
  const packing = packingOf(head)
  if (packing) return packedWants(head, packing, path)
  return annoyWants(path, size) ?? formatWants(head, size)
}

/**
 * A gzip or zlib stream whose start decodes to plain content (a log, a CSV) needs only its head:
 * reading a large one whole would cost its full size for nothing. Anything else inside (an
 * archive, a pickle, a format that wants more), or a packing we cannot peek into, is read whole.
 */
function packedWants(head: Buffer, packing: Packing, path: string): number {
  const inner = peekInflated(head, packing)
  if (inner === null || inner.length === 0) return LIMITS.readCap
  const innerPath = unpackedPath(path, packing)
  const plain = !isZip(inner) && !isTar(inner) && !packingOf(inner) && formatWants(inner, MAX_SIZE) <= HEAD_BYTES
  return plain && !SNIFFERS.some((sniff) => sniff({ path: innerPath, size: MAX_SIZE, bytes: inner }))
    ? HEAD_BYTES
    : LIMITS.readCap
}

function formatWants(head: Buffer, size: number): number {
  return (
    pickleWants(head) ??
    hdf5Wants(head, size) ??
    ggufWants(head) ??
    safetensorsWants(head) ??
    onnxWants(head) ??
    npyWants(head, size) ??
    usearchWants(head, size) ??
    ecosystemWants(head) ??
    HEAD_BYTES
  )
}

/** Archives are read whole (up to the cap): their members, and a 7z's header, lie anywhere in them. */
function isArchive(head: Buffer): boolean {
  return isZip(head) || isTar(head) || is7z(head) || isRar(head)
}

/** Self-extracting archives are executables with the zip appended: read whole (up to the cap) to find it. */
function isExecutable(head: Buffer): boolean {
  return head.toString('latin1', 0, 2) === 'MZ' || head.toString('latin1', 0, 4) === '\x7fELF'
}

/** Size of a stream whose end is not known (a decompressed prefix). */
const MAX_SIZE = Number.MAX_SAFE_INTEGER

interface Budget {
  bytes: number
  members: number
}

interface Context {
  depth: number
  layers: number
  budget: Budget
}

/**
 * `input.bytes` holds at least min(size, HEAD_BYTES) bytes, up to what bytesWanted asked for;
 * `input.tail` the last bytes tailWanted asked for (none: the end was not read).
 */
export async function detect(input: BlobPrefix, options: DetectOptions): Promise<Detection[]> {
  const blob = joined(input)
  const ctx: Context = { depth: 0, layers: 0, budget: { bytes: LIMITS.decompressBudget, members: LIMITS.maxMembers } }
  try {
    const pointer = lfsPointerOf(blob)
    return pointer ? await detectLfs(blob.path, pointer, options, ctx) : await judgeNamed(blob, options, ctx)
  } catch (error) {
    if (!(error instanceof MalformedInput)) throw error
    return [unknown(`reader error: ${error.message}`)]
  }
}

/** The content judged first; when it says nothing, a model name or the registry's word still counts. */
async function judgeNamed(blob: BlobPrefix, options: DetectOptions, ctx: Context): Promise<Detection[]> {
  const found = await judge(blob, ctx)
  if (found.length > 0) return found
  const declared = { model: options.declaredModel?.(blob.path) ?? false, included: options.includedByName(blob.path) }
  const fallback = sniffByName(blob) ?? sniffDeclared(blob, declared) ?? sniffUnreadEnd(blob)
  return fallback ? [detection(fallback)] : []
}

/** A pointer's content when it is stored locally, judged like the blob it stands for; else its name. */
async function detectLfs(
  path: string,
  pointer: LfsPointer,
  options: DetectOptions,
  ctx: Context
): Promise<Detection[]> {
  const content = await readLfsObject(path, pointer, options)
  if (content) {
    const found = await judgeNamed(joined({ path, size: pointer.size, ...content }), options, ctx)
    return found.map((d) => ({ ...d, detail: { ...d.detail, lfs: lfsDetail(pointer, true) } }))
  }
  const registryNames = (options.declaredModel?.(path) ?? false) || options.includedByName(path)
  const absent = sniffAbsentLfs(path, pointer, registryNames, options.lfsAbsent)
  return absent ? [detection(absent)] : []
}

/** A locally stored LFS object as detection wants it: prefix and tail, read again when the tail asks for more. */
async function readLfsObject(path: string, pointer: LfsPointer, options: DetectOptions): Promise<HeldBytes | null> {
  if (!options.lfsObject) return null
  const { oid, size } = pointer
  const keep = (head: Buffer, headSize: number): number => bytesWanted(head, headSize, path)
  const first = await options.lfsObject(oid, size, keep, tailWanted)
  const more = first?.tail ? tailWantedAfter({ path, size, bytes: first.bytes, tail: first.tail }) : 0
  return first && more > (first.tail?.length ?? 0) ? options.lfsObject(oid, size, keep, () => more) : first
}

/** What a blob or member is; nothing only when it was read as far as its format needs. */
async function judge(blob: BlobPrefix, ctx: Context): Promise<Detection[]> {
  const found = await classify(blob, ctx)
  if (found.length > 0) return found
  const short = shortRead(blob)
  return short ? [unknown(short)] : []
}

function shortRead(blob: BlobPrefix): string | null {
  // An archive listed from its tail accounts for what was not read: members past it are findings of their own.
  if (blob.tail && isArchive(blob.bytes)) return null
  const need = Math.min(blob.size, bytesNeeded(blob.bytes.subarray(0, HEAD_BYTES), blob.size, blob.path))
  if (blob.bytes.length >= need) return null
  return `only ${blob.bytes.length} of the ${need} bytes detection needs were read`
}

/** Everything found in one blob or member: unwraps compression, opens archives, runs the sniffers. */
async function classify(blob: BlobPrefix, ctx: Context): Promise<Detection[]> {
  const packing = packingOf(blob.bytes)
  if (packing) {
    const unpacked = await unwrap(blob, packing, ctx)
    if (unpacked) return unpacked
  }
  if (isZip(blob.bytes)) return openArchive(blob, listZip(blob), ctx)
  if (isTar(blob.bytes)) return openArchive(blob, listTar(blob.bytes, blob.size), ctx)
  if (is7z(blob.bytes)) return openArchive(blob, list7z(blob), ctx)
  if (isRar(blob.bytes)) return openArchive(blob, listRar(blob), ctx)
  for (const sniff of SNIFFERS) {
    const hit = sniff(blob)
    if (hit) return [detection(hit)]
  }
  // A zip after other bytes (a self-extractor, a polyglot), found by its end record.
  if (hasEmbeddedZip(blob)) return openArchive(blob, listZip(blob), ctx)
  const unread = zipDirectoryUnread(blob)
  return unread ? [unknown(`a zip's end record closes this blob, but ${unread}: its members are not listed`)] : []
}

/**
 * Decompresses a prefix (HEAD_BYTES, then what the inner format wants) and judges it. A stream
 * that does not decode is an unknown finding, unless its header was likely a coincidence (null:
 * the raw bytes are sniffed instead).
 */
async function unwrap(blob: BlobPrefix, packing: Packing, ctx: Context): Promise<Detection[] | null> {
  if (ctx.layers >= LIMITS.maxLayers) return [unknown(`compression nested more than ${LIMITS.maxLayers} layers deep`)]
  const notDecoded = (why: string): Detection[] => [
    unknown(`${packing}-compressed content not inspected: ${why}`, { compression: [packing] })
  ]
  if (ctx.budget.bytes <= 0) return notDecoded(`decompression budget of ${LIMITS.decompressBudget / MiB} MiB used up`)
  let out
  try {
    out = await decompress(blob, packing, ctx)
  } catch (error) {
    if (error instanceof DecoderMissing) return notDecoded(error.message)
    throw error
  }
  if (out.error !== undefined && out.inner.bytes.length === 0)
    return surelyPacked(packing, blob.bytes) ? notDecoded(`the stream does not decode (${out.error})`) : null
  if (out.inner.bytes.length === 0) return null // an empty stream holds nothing
  const innerCtx = { ...ctx, layers: ctx.layers + 1 }
  const found = out.error === undefined ? await judge(out.inner, innerCtx) : await classify(out.inner, innerCtx)
  if (found.length > 0) return found.map((d) => withCompression(d, packing))
  // Nothing inside a stream that decoded: a compressed file that is no model. One that broke off is not judged.
  return out.error === undefined
    ? null
    : notDecoded(`the stream stops decoding after ${out.inner.bytes.length} bytes (${out.error})`)
}

async function decompress(
  blob: BlobPrefix,
  packing: Packing,
  ctx: Context
): Promise<{ inner: BlobPrefix; error?: string }> {
  const path = unpackedPath(blob.path, packing)
  let limit = Math.min(HEAD_BYTES, ctx.budget.bytes)
  let out = await unpack(packing, blob.bytes, limit)
  if (!out.complete && out.error === undefined) {
    const want = bytesWanted(out.data, MAX_SIZE, path)
    if (want > out.data.length) out = await unpack(packing, blob.bytes, (limit = Math.min(want, ctx.budget.bytes)))
  }
  ctx.budget.bytes -= out.data.length
  const cutByRead = blob.bytes.length < blob.size
  const complete = out.complete && !cutByRead
  // A stream we cut ourselves (the read cap) ends early by our doing; a whole one that ends early is broken.
  const endedEarly = !out.complete && out.data.length < limit ? 'the stream ends before its end' : undefined
  const error = cutByRead ? undefined : (out.error ?? endedEarly)
  return { inner: { path, size: complete ? out.data.length : MAX_SIZE, bytes: out.data }, error }
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
    return [archiveUnknown(archive, `${archive.type} nested deeper than ${LIMITS.maxDepth} archive levels: not opened`)]
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
  found.push(...unopened(archive))
  if (archive.unreadable) found.push(archiveUnknown(archive, `${archive.type} not readable: ${archive.unreadable}`))
  if (archive.truncated) {
    const reason = `${archive.type} not fully read (${archive.truncated}): members past that point not examined`
    found.push(archiveUnknown(archive, reason))
  }
  return found
}

/**
 * Members listed but not readable (a 7z member compressed with LZMA, an encrypted RAR member): one
 * named like a model is reported by its name; the rest, one finding per reason listing their names.
 */
function unopened(archive: Archive): Detection[] {
  const named: Detection[] = []
  const byReason = new Map<string, string[]>()
  for (const entry of archive.unopened ?? []) {
    const why = entry.unreadable ?? 'not readable'
    const byName = sniffByName({ path: entry.name, size: entry.size, bytes: Buffer.alloc(0) })
    if (byName) {
      const reason = `named like a model; content not inspected: ${why}`
      named.push(inMember(detection({ ...byName, detail: { ...byName.detail, reason } }), entry.name))
    } else byReason.set(why, [...(byReason.get(why) ?? []), entry.name])
  }
  const grouped = [...byReason].map(([why, names]) => {
    const listed = names.slice(0, LIMITS.namesReported)
    const more = names.length > listed.length ? { moreMembers: names.length - listed.length } : {}
    const reason = `${names.length} ${archive.type} member${names.length === 1 ? '' : 's'} not inspected: ${why}`
    return archiveUnknown(archive, reason, { members: listed, ...more })
  })
  return [...named, ...grouped]
}

/** A finding about the archive as a whole: a 7z or rar keeps its name as the format (nothing else says what it is). */
function archiveUnknown(archive: Archive, reason: string, extra: Record<string, unknown> = {}): Detection {
  const found = unknown(reason, extra)
  return archive.type === '7z' || archive.type === 'rar' ? { ...found, format: archive.type } : found
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
    let found = await judge(child, { ...ctx, depth: ctx.depth + 1 })
    if (found.length === 0) found = [sniffByName(child)].filter((s): s is Sniffed => s !== null).map(detection)
    if (entry.encrypted) found = encryptedMember(found)
    return found.map((d) => inMember(d, entry.name))
  } catch (error) {
    if (!(error instanceof MalformedInput)) throw error
    return [inMember(unknown(`reader error: ${error.message}`), entry.name)]
  }
}

/** A member marked encrypted is what was found in its bytes (stored in the clear), else unknown. */
function encryptedMember(found: Detection[]): Detection[] {
  if (!found.some((d) => d.kind !== 'unknown')) return [unknown('member not readable: encrypted')]
  return found.map((d) => ({ ...d, detail: { ...d.detail, encryptedFlag: true } }))
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
