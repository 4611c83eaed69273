// Models compiled or exported for a runtime: ExecuTorch `.pte` (a FlatBuffer `ET` + two digits),
// TensorRT engines (`ptrt` / `ftrt`, optionally after Ultralytics' length-prefixed JSON metadata),
// and PaddlePaddle inference models (`.pdmodel` ProgramDesc protobuf, `.pdiparams` tensors).
import { hasBytes, u32 } from './bytes.js'
import { pbFields, readVarint } from './protobuf.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

export function sniffExecutorch(blob: BlobPrefix): Sniffed | null {
  const identifier = blob.bytes.toString('latin1', 4, 8)
  const root = u32(blob.bytes, 0)
  if (!/^ET\d\d$/.test(identifier) || root === null || root < 8 || root >= blob.size) return null
  return { format: 'executorch', kind: 'weights', detail: { identifier } }
}

const TENSORRT_MAGICS = ['ptrt', 'ftrt']

export function sniffTensorrt(blob: BlobPrefix): Sniffed | null {
  const { bytes } = blob
  let at = 0
  if (bytes[3] === 0 && bytes[4] === 0x7b) at = 4 + (u32(bytes, 0) ?? 0) // Ultralytics: u32 length + JSON first
  const magic = bytes.toString('latin1', at, at + 4)
  if (!TENSORRT_MAGICS.includes(magic) || at + 8 > bytes.length) return null
  return { format: 'tensorrt', kind: 'weights', detail: { magic, ...(at > 0 ? { metadataBytes: at - 4 } : {}) } }
}

// A BlockDesc starts with idx 0 and parent_idx -1 (a 10-byte varint): the first block of a program.
const FIRST_BLOCK = Buffer.from([0x08, 0x00, 0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])

export function sniffPaddle(blob: BlobPrefix): Sniffed | null {
  const { bytes } = blob
  if (bytes[0] === 0x0a) {
    const length = readVarint(bytes, 1)
    if (length && hasBytes(bytes, length.next, [...FIRST_BLOCK]))
      return { format: 'paddle', kind: 'weights', detail: { part: 'pdmodel' } }
  }
  return pdiparams(bytes)
}

/**
 * `.pdiparams` is the tensors one after another, each a LoDTensor: u32 version 0, u64 LoD level 0,
 * u32 tensor version 0, i32 size of a TensorDesc protobuf (data_type, dims), then the data.
 */
function pdiparams(bytes: Buffer): Sniffed | null {
  if (bytes.length < 24 || !bytes.subarray(0, 16).every((b) => b === 0)) return null
  const size = u32(bytes, 16) ?? 0
  if (size < 2 || size > 4096 || bytes.length < 20 + size) return null
  const { fields, error } = pbFields(bytes, 20, 20 + size, 64)
  const dataType = fields.find((f) => f.num === 1 && f.wire === 0)
  if (error || !dataType || dataType.value > 40 || !fields.some((f) => f.num === 2)) return null
  if (!fields.every((f) => f.num === 1 || f.num === 2)) return null
  return { format: 'paddle', kind: 'weights', detail: { part: 'pdiparams' } }
}
