// A bounded protobuf wire-format walker (ONNX, Core ML, SavedModel): fields only, no schema.

export interface PbField {
  num: number
  wire: number
  /** Varint / fixed value (wire 0, 1, 5). */
  value: number
  /** Payload range for length-delimited fields (wire 2); `end` may lie past the buffer when it is a prefix. */
  start: number
  end: number
}

export function readVarint(buf: Buffer, at: number): { value: number; next: number } | null {
  let value = 0
  let scale = 1
  for (let i = 0; i < 10; i++) {
    if (at + i >= buf.length) return null
    const byte = buf[at + i]
    value += (byte & 0x7f) * scale
    scale *= 128
    if (byte < 0x80) return { value, next: at + i + 1 }
  }
  return null
}

/**
 * Walks the fields in [start, end). Stops (returns what it has plus `error`) at a malformed field;
 * a length-delimited field running past the buffer ends the walk with `truncated`.
 */
export function pbFields(buf: Buffer, start: number, end: number, maxFields = 10_000) {
  const fields: PbField[] = []
  let at = start
  const limit = Math.min(end, buf.length)
  while (at < limit && fields.length < maxFields) {
    const field = readField(buf, at, end)
    if (!field) return { fields, error: `bad field at ${at}` }
    fields.push(field)
    if (field.end > buf.length) return { fields, truncated: true }
    at = field.end
  }
  return { fields, truncated: end > buf.length }
}

function readField(buf: Buffer, at: number, end: number): PbField | null {
  const tag = readVarint(buf, at)
  if (!tag || tag.value < 8) return null
  const num = Math.floor(tag.value / 8)
  const wire = tag.value % 8
  if (wire === 0) {
    const v = readVarint(buf, tag.next)
    return v && v.next <= end ? { num, wire, value: v.value, start: tag.next, end: v.next } : null
  }
  if (wire === 1 || wire === 5) {
    const width = wire === 1 ? 8 : 4
    return tag.next + width <= end ? { num, wire, value: 0, start: tag.next, end: tag.next + width } : null
  }
  if (wire !== 2) return null
  const len = readVarint(buf, tag.next)
  if (!len || len.next + len.value > end) return null
  return { num, wire, value: len.value, start: len.next, end: len.next + len.value }
}

/** The UTF-8 text of a length-delimited field, capped; '' when it lies past the buffer. */
export function pbString(buf: Buffer, field: PbField, max = 4096): string {
  if (field.wire !== 2 || field.end > buf.length) return ''
  return buf.subarray(field.start, Math.min(field.end, field.start + max)).toString('utf8')
}

/** Decodes a map entry / key-value message {1: key, 2: value} of strings. */
export function pbKeyValue(buf: Buffer, field: PbField): [string, string] | null {
  const { fields } = pbFields(buf, field.start, field.end, 8)
  const key = fields.find((f) => f.num === 1 && f.wire === 2)
  const value = fields.find((f) => f.num === 2 && f.wire === 2)
  return key ? [pbString(buf, key, 256), value ? pbString(buf, value) : ''] : null
}
