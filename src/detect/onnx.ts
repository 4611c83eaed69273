// ONNX ModelProto (protobuf, no magic): ir_version first, a graph, and only ModelProto field numbers.
import { pbFields, pbKeyValue, pbString } from './protobuf.js'
import type { PbField } from './protobuf.js'
import type { BlobPrefix, Sniffed } from './sniff.js'
import { LIMITS } from './limits.js'

// ModelProto fields read: the strings that say who made it. Fields may come in any order and
// unknown ones are allowed (protobuf semantics): what makes a model is its graph.
const STRING_FIELDS: Record<number, string> = {
  2: 'producer_name',
  3: 'producer_version',
  4: 'domain',
  6: 'doc_string'
}
const GRAPH = 7
const IDENTIFIER = /^[A-Za-z_][\w.]{0,127}$/

export function onnxWants(head: Buffer): number | null {
  return looksLikeOnnxStart(head) ? LIMITS.reads.onnx : null
}

/** Top-level fields that parse, with an ir_version or a graph among the first ones (junk after them is allowed). */
function looksLikeOnnxStart(bytes: Buffer): boolean {
  const walk = pbFields(bytes, 0, Number.MAX_SAFE_INTEGER, 32)
  if (walk.error && walk.fields.length < 2) return false
  return walk.fields.some((f) => isIrVersion(f) || (f.num === GRAPH && f.wire === 2))
}

function isIrVersion(f: PbField): boolean {
  return f.num === 1 && f.wire === 0 && f.value >= 1 && f.value <= 20
}

export function sniffOnnx(blob: BlobPrefix): Sniffed | null {
  const { bytes } = blob
  if (!looksLikeOnnxStart(bytes)) return null
  const walk = pbFields(bytes, 0, blob.size)
  if (walk.error && !walk.fields.some((f) => f.num === GRAPH)) return null
  const ir = walk.fields.find((f) => f.num === 1)
  if (ir && !isIrVersion(ir)) return null
  const graph = walk.fields.find((f) => f.num === GRAPH && f.wire === 2)
  if (!graph || !graphLooksValid(bytes, graph)) return null
  const detail: Record<string, unknown> = { irVersion: ir?.value ?? null, ...graphCounts(bytes, graph) }
  detail.metadata = metadataOf(bytes, walk.fields)
  detail.opsetCount = walk.fields.filter((f) => f.num === 8).length
  if (walk.truncated) detail.truncated = true
  if (walk.error) detail.trailingBytes = true
  return { format: 'onnx', kind: 'weights', detail }
}

/**
 * GraphProto fields parse (any numbers: unknown fields are legal), and it holds a node with an
 * operator name (NodeProto.op_type, field 4) or an initializer tensor with a data type (field 2).
 */
function graphLooksValid(bytes: Buffer, graph: PbField): boolean {
  const inner = pbFields(bytes, graph.start, graph.end, 2000)
  if (inner.error || inner.fields.length === 0) return false
  return inner.fields.some(
    (f) =>
      (f.num === 1 && f.wire === 2 && hasOpType(bytes, f)) || (f.num === 5 && f.wire === 2 && hasDataType(bytes, f))
  )
}

function hasOpType(bytes: Buffer, node: PbField): boolean {
  const { fields, error } = pbFields(bytes, node.start, node.end, 64)
  const op = fields.find((f) => f.num === 4 && f.wire === 2)
  return !error && !!op && IDENTIFIER.test(pbString(bytes, op, 128))
}

function hasDataType(bytes: Buffer, tensor: PbField): boolean {
  const { fields } = pbFields(bytes, tensor.start, tensor.end, 64)
  return fields.some((f) => f.num === 2 && f.wire === 0 && f.value >= 1 && f.value <= 30)
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
