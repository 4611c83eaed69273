// ONNX ModelProto (protobuf, no magic): ir_version first, a graph, and only ModelProto field numbers.
import { pbFields, pbKeyValue, pbString, readVarint } from './protobuf.js'
import type { PbField } from './protobuf.js'
import type { BlobPrefix, Sniffed } from './sniff.js'
import { LIMITS } from './limits.js'

// ir_version, opset_import, producer_name/version, domain, model_version, doc_string, graph,
// metadata_props, training_info, functions, configuration.
const MODEL_FIELDS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 14, 20, 25, 26])
const STRING_FIELDS: Record<number, string> = {
  2: 'producer_name',
  3: 'producer_version',
  4: 'domain',
  6: 'doc_string'
}

export function onnxWants(head: Buffer): number | null {
  return looksLikeOnnxStart(head) ? LIMITS.reads.onnx : null
}

function looksLikeOnnxStart(bytes: Buffer): boolean {
  if (bytes[0] !== 0x08) return false
  const ir = readVarint(bytes, 1)
  return !!ir && ir.value >= 1 && ir.value <= 15 && [0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42].includes(bytes[ir.next])
}

export function sniffOnnx(blob: BlobPrefix): Sniffed | null {
  const { bytes } = blob
  if (!looksLikeOnnxStart(bytes)) return null
  const walk = pbFields(bytes, 0, blob.size)
  if (walk.error && !walk.fields.some((f) => f.num === 7)) return null
  if (!walk.fields.every((f) => MODEL_FIELDS.has(f.num))) return null
  const graph = walk.fields.find((f) => f.num === 7 && f.wire === 2)
  if (!graph || !graphLooksValid(bytes, graph)) return null
  const detail: Record<string, unknown> = { irVersion: walk.fields[0].value, ...graphCounts(bytes, graph) }
  detail.metadata = metadataOf(bytes, walk.fields)
  detail.opsetCount = walk.fields.filter((f) => f.num === 8).length
  if (walk.truncated) detail.truncated = true
  return { format: 'onnx', kind: 'weights', detail }
}

/** GraphProto fields: node 1, name 2, initializer 5, doc 10, input 11, output 12, value_info 13, ... */
function graphLooksValid(bytes: Buffer, graph: PbField): boolean {
  const inner = pbFields(bytes, graph.start, graph.end, 2000)
  if (inner.error) return false
  return inner.fields.length > 0 && inner.fields.every((f) => f.num >= 1 && f.num <= 16 && f.wire === 2)
}

function graphCounts(bytes: Buffer, graph: PbField): Record<string, number> {
  const { fields } = pbFields(bytes, graph.start, graph.end, 100_000)
  return { nodeCount: fields.filter((f) => f.num === 1).length, tensorCount: fields.filter((f) => f.num === 5).length }
}

/** metadata_props plus producer, domain and doc strings: what the file says about itself. */
function metadataOf(bytes: Buffer, fields: PbField[]): Record<string, string> {
  const metadata: Record<string, string> = {}
  for (const field of fields) {
    if (STRING_FIELDS[field.num] && field.wire === 2) metadata[STRING_FIELDS[field.num]] = pbString(bytes, field)
    if (field.num === 14 && field.wire === 2) {
      const entry = pbKeyValue(bytes, field)
      if (entry) metadata[entry[0]] = entry[1]
    }
  }
  return metadata
}
