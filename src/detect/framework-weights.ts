// Weights of frameworks with no loader here, each told by its header: MXNet / Gluon `.params`
// (an NDArray list), Caffe `.caffemodel` (a NetParameter protobuf), Darknet `.weights` (a version
// header, by name), OpenVINO IR (the `.xml` graph whose `.bin` beside it holds the weights).
import { u32, u64 } from './bytes.js'
import { pbFields, pbString } from './protobuf.js'
import type { PbField } from './protobuf.js'
import type { BlobPrefix, Sniffed } from './sniff.js'
import { extensionOf } from './sniff.js'
import { xmlAttribute, xmlRoot } from './xml.js'

const MXNET_LIST_MAGIC = 0x112
// NDArray V1, V2 (storage types) and V3 (NumPy shape semantics) magics.
const NDARRAY_MAGICS = new Set([0xf993fac8, 0xf993fac9, 0xf993faca])

/** NDArray::Save of a list: u64 0x112, u64 reserved 0, u64 array count, then each array (its magic first). */
export function sniffMxnet(blob: BlobPrefix): Sniffed | null {
  const { bytes } = blob
  const arrays = u64(bytes, 16)
  if (u64(bytes, 0) !== MXNET_LIST_MAGIC || u64(bytes, 8) !== 0 || arrays === null || arrays > 1_000_000) return null
  const first = u32(bytes, 24)
  if (arrays > 0 && !(first !== null && (NDARRAY_MAGICS.has(first) || first <= 32))) return null // legacy: ndim first
  return { format: 'mxnet', kind: 'weights', detail: { arrays } }
}

// NetParameter fields and their wire types: name, layers (V1), input, input_dim, force_backward,
// state, debug_info, input_shape, layer.
const NET_FIELDS: Record<number, number[]> = {
  1: [2],
  2: [2],
  3: [2],
  4: [0, 2],
  5: [0],
  6: [2],
  7: [0],
  8: [2],
  100: [2]
}
const LAYER_TYPE = /^[A-Z][A-Za-z0-9]{1,40}$/

/** A NetParameter whose layers have a name and a type (LayerParameter 1 and 2; V1LayerParameter 4 and 5). */
export function sniffCaffe(blob: BlobPrefix): Sniffed | null {
  const { bytes } = blob
  if (bytes[0] !== 0x0a && bytes[0] !== 0x12 && !(bytes[0] === 0xa2 && bytes[1] === 0x06)) return null
  const top = pbFields(bytes, 0, blob.size, 256)
  if (top.error || !top.fields.every((f) => NET_FIELDS[f.num]?.includes(f.wire))) return null
  const layers = top.fields.filter((f) => f.num === 100 || f.num === 2)
  const named = (f: PbField): boolean => (f.num === 100 ? isLayer(bytes, f) : isV1Layer(bytes, f))
  if (!layers.some(named) || !layers.filter((f) => f.end <= bytes.length).every(named)) return null
  const name = top.fields.find((f) => f.num === 1)
  return { format: 'caffe', kind: 'weights', detail: { net: name ? pbString(bytes, name, 128) : null } }
}

function isLayer(bytes: Buffer, layer: PbField): boolean {
  const { fields } = pbFields(bytes, layer.start, layer.end, 16)
  const type = fields.find((f) => f.num === 2 && f.wire === 2)
  return fields.some((f) => f.num === 1 && f.wire === 2) && !!type && LAYER_TYPE.test(pbString(bytes, type, 64))
}

function isV1Layer(bytes: Buffer, layer: PbField): boolean {
  const { fields } = pbFields(bytes, layer.start, layer.end, 16)
  return fields.some((f) => f.num === 4 && f.wire === 2) && fields.some((f) => f.num === 5 && f.wire === 0)
}

/**
 * darknet's save_weights: i32 major, minor, revision, then the images seen (u64 from version 0.2, u32
 * before), then float32 weights. Only for `.weights` files: the header is three small integers.
 */
export function sniffDarknet(blob: BlobPrefix): Sniffed | null {
  if (extensionOf(blob.path) !== '.weights' || blob.bytes.length < 16) return null
  const [major, minor, revision] = [0, 4, 8].map((at) => blob.bytes.readInt32LE(at))
  if (major < 0 || major > 9 || minor < 0 || minor > 99 || revision < 0 || revision > 9999) return null
  const header = major * 10 + minor >= 2 ? 20 : 16
  if (blob.size <= header || (blob.size - header) % 4 !== 0) return null
  return { format: 'darknet', kind: 'weights', detail: { version: `${major}.${minor}.${revision}` } }
}

/** OpenVINO IR: an XML document whose root is `<net>` with a version and a `<layers>` element. */
export function sniffOpenvino(blob: BlobPrefix): Sniffed | null {
  const root = xmlRoot(blob.bytes)
  if (root?.name !== 'net' || !/<layers[\s>]/.test(root.head)) return null
  const version = xmlAttribute(root.tag, 'version')
  if (version === null) return null
  return { format: 'openvino', kind: 'weights', detail: { net: xmlAttribute(root.tag, 'name'), irVersion: version } }
}
