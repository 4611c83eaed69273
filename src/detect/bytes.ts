// Bounds-checked little-endian reads: every reader returns null past the end instead of throwing.

export function u8(buf: Buffer, at: number): number | null {
  return at >= 0 && at < buf.length ? buf[at] : null
}

export function u16(buf: Buffer, at: number): number | null {
  return at >= 0 && at + 2 <= buf.length ? buf.readUInt16LE(at) : null
}

export function u32(buf: Buffer, at: number): number | null {
  return at >= 0 && at + 4 <= buf.length ? buf.readUInt32LE(at) : null
}

export function i32(buf: Buffer, at: number): number | null {
  return at >= 0 && at + 4 <= buf.length ? buf.readInt32LE(at) : null
}

/** u64 as a number; null past the end or above 2^53 (no real size or count is that big). */
export function u64(buf: Buffer, at: number): number | null {
  if (at < 0 || at + 8 > buf.length) return null
  const value = buf.readBigUInt64LE(at)
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(value)
}

export function f64(buf: Buffer, at: number): number | null {
  return at >= 0 && at + 8 <= buf.length ? buf.readDoubleLE(at) : null
}

/** Unsigned little-endian integer of 1, 2, 4 or 8 bytes. */
export function uint(buf: Buffer, at: number, width: number): number | null {
  if (width === 1) return u8(buf, at)
  if (width === 2) return u16(buf, at)
  if (width === 4) return u32(buf, at)
  return u64(buf, at)
}

/** The bytes at `at` are `magic` (a latin1 string or byte values). No allocation: it runs for every blob. */
export function hasBytes(buf: Buffer, at: number, magic: string | number[]): boolean {
  if (at < 0 || at + magic.length > buf.length) return false
  for (let i = 0; i < magic.length; i++) {
    const want = typeof magic === 'string' ? magic.charCodeAt(i) : magic[i]
    if (buf[at + i] !== (want & 0xff)) return false
  }
  return true
}

/** True when the bytes are UTF-8 text without NULs or control characters other than whitespace. */
export function looksLikeText(buf: Buffer): boolean {
  for (const byte of buf) {
    if (byte === 0 || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d)) return false
  }
  return !buf.toString('utf8').includes('\ufffd')
}

/** looksLikeText for the start of something longer: a UTF-8 sequence cut at the end is forgiven. */
export function looksLikeTextPrefix(buf: Buffer): boolean {
  let end = buf.length
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = buf[end - back]
    if (byte < 0x80) break
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
      if (back < length) end -= back
      break
    }
  }
  return looksLikeText(buf.subarray(0, end))
}

let crcTable: Uint32Array | undefined

/** CRC-32 (the zip/7z/RAR polynomial), for archive headers that carry one. Node's zlib.crc32 needs Node 20.15. */
export function crc32(buf: Buffer): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  let c = 0xffffffff
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
