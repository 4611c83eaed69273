// NumPy .npy: numeric arrays are data and stay quiet; object arrays ('|O') carry a pickle after the
// header. Bytes after a numeric array (`np.save(f, a)` then `pickle.dump(model, f)`: `np.load` stops
// at the array's end) are a pickle to walk or, unseen, an unknown finding: never passed as data.
import { hasBytes, u16, u32 } from './bytes.js'
import { looksLikePickleStart, pickleDetail, pickleKind, scanPickles } from './pickle.js'
import type { BlobPrefix, Sniffed } from './sniff.js'
import { LIMITS } from './limits.js'

function headerEnd(bytes: Buffer): { end: number; header: string } | null {
  if (!hasBytes(bytes, 0, '\x93NUMPY')) return null
  const major = bytes[6]
  const length = major === 1 ? u16(bytes, 8) : u32(bytes, 8)
  const start = major === 1 ? 10 : 12
  if (length === null || major < 1 || major > 3) return null
  return { end: start + length, header: bytes.toString('latin1', start, Math.min(start + length, bytes.length)) }
}

export function npyWants(head: Buffer, size: number): number | null {
  const npy = headerEnd(head)
  if (!npy) return null
  if (holdsObjects(npy.header)) return LIMITS.reads.pickle
  // Bytes after the array are read when the size is known (a decompressed stream's is not).
  const after = size < Number.MAX_SAFE_INTEGER && size > npy.end + (arrayBytes(npy.header) ?? Infinity)
  return after ? LIMITS.reads.pickle : null
}

/** What a numeric array takes after the header: its shape × item size; null for a dtype not sized here (structured). */
function arrayBytes(header: string): number | null {
  const descr = /['"]descr['"]\s*:\s*['"][|<>=]?([biufcmMSUV])(\d+)['"]/.exec(header)
  const shape = /['"]shape['"]\s*:\s*\(([\d\s,]*)\)/.exec(header)?.[1]
  if (!descr || shape === undefined) return null
  const dims = shape.split(',').filter((d) => d.trim() !== '')
  const items = dims.reduce((n, d) => n * Number(d), 1)
  return items * Number(descr[2]) * (descr[1] === 'U' ? 4 : 1) // 'U5' is five UCS-4 characters
}

/**
 * The header is a Python dict literal (`ast.literal_eval`): keys in any order and either quote. An
 * object dtype (`'|O'`, `'O'`, `'O8'`), alone or as a field of a structured dtype, means a pickle follows.
 */
function holdsObjects(header: string): boolean {
  const descr = /['"]descr['"]\s*:\s*(\[.*\]|['"][^'"]*['"])/s.exec(header)?.[1]
  return !!descr && /['"][|<>=]?O\d*['"]/.test(descr)
}

export function sniffNpy(blob: BlobPrefix): Sniffed | null {
  const npy = headerEnd(blob.bytes)
  if (!npy) return null
  if (!holdsObjects(npy.header)) return afterTheArray(blob, npy.end + (arrayBytes(npy.header) ?? blob.size))
  const scan = scanPickles(blob.bytes, npy.end, blob.size > blob.bytes.length)
  const shape = /['"]shape['"]:\s*\(([^)]*)\)/.exec(npy.header)?.[1]
  const detail = {
    container: 'npy',
    shape: shape?.trim() ?? null,
    ...(scan.valid ? pickleDetail(scan) : { pickle: 'not walked' })
  }
  return { format: 'pickle', kind: scan.valid ? pickleKind(scan) : 'pickle', detail }
}

/** A numeric array is data and stays quiet, unless bytes follow it: a pickle is walked, anything else is not inspected. */
function afterTheArray(blob: BlobPrefix, end: number): Sniffed | null {
  const sizeUnknown = blob.size === Number.MAX_SAFE_INTEGER // a decompressed prefix: judge only what it holds
  if (end >= blob.size || (sizeUnknown && end >= blob.bytes.length)) return null
  const rest = looksLikePickleStart(blob.bytes.subarray(end, end + 2))
    ? scanPickles(blob.bytes, end, blob.size > blob.bytes.length)
    : null
  if (rest?.valid)
    return { format: 'pickle', kind: pickleKind(rest), detail: { container: 'npy', ...pickleDetail(rest) } }
  const reason = `${blob.size - end} bytes after the array (from offset ${end}) that np.load does not read: not inspected`
  return { format: 'numpy', kind: 'unknown', detail: { reason } }
}
