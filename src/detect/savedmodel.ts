// TensorFlow SavedModel and checkpoints. The engine judges each blob alone (no directory view), so
// the parts are recognised one by one: `saved_model.pb` by its protobuf content (any name), and the
// TensorBundle that holds the variables of a SavedModel (`variables/variables.*`) and of every
// checkpoint (`tf.train.Checkpoint`, Keras ModelCheckpoint, TF1 Saver: `ckpt-N.index` beside
// `ckpt-N.data-00000-of-00001`): the `.index` by content under any name and path (a LevelDB-format
// table whose first entry, key "", is the bundle header), the data shards by name (raw tensor bytes).
import { hasBytes } from './bytes.js'
import { pbFields, pbString, readVarint } from './protobuf.js'
import type { PbField } from './protobuf.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const TABLE_MAGIC = [0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb] // 0xdb4775248b80fb57 LE
const DATA_SHARD = /\.data-\d{5}-of-\d{5}$/
const IN_SAVEDMODEL = /(^|\/)variables\/variables\.(index|data-\d{5}-of-\d{5})$/
/** Tensor names listed in the detail, from the first block of the index. */
const LISTED_TENSORS = 16

export function sniffSavedModel(blob: BlobPrefix): Sniffed | null {
  const { bytes } = blob
  if (bytes[0] !== 0x08 || bytes[1] > 2 || bytes[2] !== 0x12) return null
  const top = pbFields(bytes, 0, blob.size, 64)
  if (top.error || !top.fields.every((f) => (f.num === 1 && f.wire === 0) || (f.num === 2 && f.wire === 2))) return null
  const metaGraphs = top.fields.filter((f) => f.num === 2)
  const first = metaGraphs[0] ? metaGraphInfo(bytes, metaGraphs[0]) : null
  if (!first) return null
  return {
    format: 'savedmodel',
    kind: 'weights',
    detail: { part: 'saved_model.pb', metaGraphs: metaGraphs.length, ...first }
  }
}

/** MetaGraphDef: meta_info_def (1) with tags (4) / tensorflow_version (5), graph_def (2) with nodes. */
function metaGraphInfo(bytes: Buffer, metaGraph: PbField): Record<string, unknown> | null {
  const inner = pbFields(bytes, metaGraph.start, metaGraph.end, 1000)
  if (inner.error || !inner.fields.every((f) => f.num >= 1 && f.num <= 9 && f.wire === 2)) return null
  const info = inner.fields.find((f) => f.num === 1)
  const graph = inner.fields.find((f) => f.num === 2)
  const infoFields = info ? pbFields(bytes, info.start, info.end, 1000).fields : []
  const tags = infoFields.filter((f) => f.num === 4 && f.wire === 2).map((f) => pbString(bytes, f, 64))
  const version = infoFields.find((f) => f.num === 5 && f.wire === 2)
  if (tags.length === 0 && !version && !(graph && hasNode(bytes, graph))) return null
  const detail: Record<string, unknown> = { tags }
  if (version) detail.tensorflowVersion = pbString(bytes, version, 64)
  return detail
}

/** GraphDef's first node (field 1) is a NodeDef with a name (1) and an op (2). */
function hasNode(bytes: Buffer, graph: PbField): boolean {
  const node = pbFields(bytes, graph.start, graph.end, 1).fields[0]
  if (!node || node.num !== 1 || node.wire !== 2) return false
  const fields = pbFields(bytes, node.start, node.end, 16).fields
  return fields.some((f) => f.num === 1 && f.wire === 2) && fields.some((f) => f.num === 2 && f.wire === 2)
}

/** A TensorBundle `.index` under any name: the bundle header first, the table magic last (when read whole). */
export function sniffTensorBundle(blob: BlobPrefix): Sniffed | null {
  const header = bundleHeader(blob.bytes)
  if (!header) return null
  if (blob.bytes.length >= blob.size && !hasBytes(blob.bytes, blob.bytes.length - 8, TABLE_MAGIC)) return null
  const { format, detail } = bundlePart(blob.path, 'index')
  const tensors = entryNames(blob.bytes, header.end)
  return { format, kind: 'weights', detail: { ...detail, numShards: header.numShards, tensors } }
}

/** A data shard (`*.data-NNNNN-of-NNNNN`) is raw tensor bytes: known by its name only. */
export function sniffTensorBundleShard(blob: BlobPrefix): Sniffed | null {
  if (!DATA_SHARD.test(blob.path)) return null
  const { format, detail } = bundlePart(blob.path, 'data')
  return { format, kind: 'weights', detail: { ...detail, detectedBy: 'name' } }
}

/** A SavedModel's own variables keep the format `savedmodel`; any other bundle is a checkpoint. */
function bundlePart(path: string, part: 'index' | 'data'): { format: string; detail: { part: string } } {
  if (IN_SAVEDMODEL.test(path)) return { format: 'savedmodel', detail: { part: `variables-${part}` } }
  return { format: 'tf-checkpoint', detail: { part } }
}

/**
 * The first entry of the first block: no shared key bytes, a key of length 0 (""), and a value
 * that is a BundleHeaderProto: num_shards (1) ≥ 1, endianness (2), version (3, a VersionDef).
 */
function bundleHeader(bytes: Buffer): { numShards: number; end: number } | null {
  if (bytes[0] !== 0 || bytes[1] !== 0) return null
  const length = readVarint(bytes, 2)
  if (!length || length.value < 4 || length.value > 64) return null
  const end = length.next + length.value
  const { fields, error, truncated } = pbFields(bytes, length.next, end, 8)
  if (error || truncated || !fields.every((f) => f.wire === (f.num === 3 ? 2 : 0) && f.num <= 3)) return null
  const shards = fields.find((f) => f.num === 1)
  if (!shards || shards.value < 1 || !fields.some((f) => f.num === 3)) return null
  return { numShards: shards.value, end }
}

/** The tensor names that follow the header in the first block (prefix-compressed keys), a few. */
function entryNames(bytes: Buffer, at: number): string[] {
  const names: string[] = []
  let key = ''
  while (names.length < LISTED_TENSORS) {
    const shared = readVarint(bytes, at)
    const unshared = shared && readVarint(bytes, shared.next)
    const valueLength = unshared && readVarint(bytes, unshared.next)
    if (!valueLength || shared.value > key.length || unshared.value === 0) break
    const end = valueLength.next + unshared.value
    if (end + valueLength.value > bytes.length) break
    key = key.slice(0, shared.value) + bytes.toString('latin1', valueLength.next, end)
    if (!/^[\x20-\x7e]+$/.test(key)) break
    names.push(key)
    at = end + valueLength.value
  }
  return names
}
