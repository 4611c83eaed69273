// NumPy .npy: numeric arrays are data and stay quiet; object arrays ('|O') carry a pickle after the header.
import { hasBytes, u16, u32 } from './bytes.js'
import { pickleDetail, pickleKind, scanPickles } from './pickle.js'
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

export function npyWants(head: Buffer): number | null {
  const npy = headerEnd(head)
  return npy && holdsObjects(npy.header) ? LIMITS.reads.pickle : null
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
  if (!npy || !holdsObjects(npy.header)) return null
  const scan = scanPickles(blob.bytes, npy.end, blob.size > blob.bytes.length)
  const shape = /['"]shape['"]:\s*\(([^)]*)\)/.exec(npy.header)?.[1]
  const detail = {
    container: 'npy',
    shape: shape?.trim() ?? null,
    ...(scan.valid ? pickleDetail(scan) : { pickle: 'not walked' })
  }
  return { format: 'pickle', kind: scan.valid ? pickleKind(scan) : 'pickle', detail }
}
