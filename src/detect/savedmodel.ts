// TensorFlow SavedModel. The engine judges each blob alone (no directory view), so the parts are
// recognised one by one: `saved_model.pb` by its protobuf content (any name), and the weights under
// `variables/` by path: `variables.index` (plus the LevelDB table magic at its end when read whole)
// and `variables.data-NNNNN-of-NNNNN` shards.
import { hasBytes } from './bytes.js'
import { pbFields, pbString } from './protobuf.js'
import type { PbField } from './protobuf.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const TABLE_MAGIC = [0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb] // 0xdb4775248b80fb57 LE
const DATA_SHARD = /(^|\/)variables\/variables\.data-\d{5}-of-\d{5}$/
const INDEX = /(^|\/)variables\/variables\.index$/

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

export function sniffSavedModelVariables(blob: BlobPrefix): Sniffed | null {
  if (DATA_SHARD.test(blob.path))
    return { format: 'savedmodel', kind: 'weights', detail: { part: 'variables-data', detectedBy: 'path' } }
  if (!INDEX.test(blob.path)) return null
  const whole = blob.bytes.length >= blob.size
  if (whole && !hasBytes(blob.bytes, blob.bytes.length - 8, TABLE_MAGIC)) return null
  return { format: 'savedmodel', kind: 'weights', detail: { part: 'variables-index', detectedBy: 'path' } }
}
