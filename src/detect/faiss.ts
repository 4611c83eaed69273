// FAISS write_index: a fourcc (ASCII in file order) from index_read.cpp, then the generic header
// (i32 d, i64 ntotal, two i64 dummies = 1<<20, u8 is_trained, i32 metric) or the binary-index header.
import { i32, u64, u8 } from './bytes.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const NAMED: Record<string, string> = {
  IxFI: 'IndexFlatIP',
  IxF2: 'IndexFlatL2',
  IxFl: 'IndexFlat',
  IxHE: 'IndexLSH',
  IxHe: 'IndexLSH',
  IxPQ: 'IndexPQ',
  IxPo: 'IndexPQ',
  IxPq: 'IndexPQ',
  IxSQ: 'IndexScalarQuantizer',
  IxPT: 'IndexPreTransform',
  IxMp: 'IndexIDMap',
  IxM2: 'IndexIDMap2',
  IxRF: 'IndexRefine',
  IHNf: 'IndexHNSWFlat',
  IHNp: 'IndexHNSWPQ',
  IHNs: 'IndexHNSWSQ',
  IHN2: 'IndexHNSW2Level',
  IHNc: 'IndexHNSWCagra',
  IHc2: 'IndexHNSWCagra',
  IH00: 'IndexHNSW',
  IHfP: 'IndexHNSWFlatPanorama',
  INSf: 'IndexNSGFlat',
  INSp: 'IndexNSGPQ',
  INSs: 'IndexNSGSQ',
  INNf: 'IndexNNDescentFlat',
  IPfs: 'IndexPQFastScan',
  IvFl: 'IndexIVFFlat',
  IvFL: 'IndexIVFFlat',
  IwFl: 'IndexIVFFlat',
  IwFd: 'IndexIVFFlatDedup',
  IvSQ: 'IndexIVFScalarQuantizer',
  IwSQ: 'IndexIVFScalarQuantizer',
  IwSq: 'IndexIVFScalarQuantizer',
  IvPQ: 'IndexIVFPQ',
  IwPQ: 'IndexIVFPQ',
  IvQR: 'IndexIVFPQR',
  IwQR: 'IndexIVFPQR',
  IwPf: 'IndexIVFPQFastScan',
  IwSh: 'IndexIVFSpectralHash',
  IBxF: 'IndexBinaryFlat',
  IBwF: 'IndexBinaryIVF',
  IBFf: 'IndexBinaryFromFloat',
  IBHf: 'IndexBinaryHNSW',
  IBHc: 'IndexBinaryHNSWCagra',
  IBMp: 'IndexBinaryIDMap',
  IBM2: 'IndexBinaryIDMap2',
  IBHh: 'IndexBinaryHash',
  IBHm: 'IndexBinaryMultiHash'
}
// Other top-level codes read_index accepts; named by their fourcc.
const OTHER_CODES =
  'IxFP IxFp IxRQ IxRq IxLS IxPR IxPL ImRQ Ix2L IxLa Imiq IxRP IRMf IRMh IxEe IxEd Irfn Irfs Ixrq Ixrr ' +
  'ILVQ ISVL ISV2 ISVD ISVF ISIQ ISIL ISID IwIQ IwP2 IwPn IwLS IwRQ IwPL IwPR IwEe IwEd Iwrq Iwrr Iwrn Iwrf'
const CODES = new Set([...Object.keys(NAMED), ...OTHER_CODES.split(' ')])
const DUMMY = 1 << 20
const METRICS: Record<number, string> = { 0: 'inner_product', 1: 'L2', 2: 'L1', 3: 'Linf', 4: 'Lp' }

export function sniffFaiss(blob: BlobPrefix): Sniffed | null {
  const { bytes } = blob
  if (bytes.length < 24) return null
  const code = bytes.toString('latin1', 0, 4)
  if (!CODES.has(code)) return null
  const header = code.startsWith('IB') ? binaryHeader(bytes) : floatHeader(bytes)
  if (!header) return null
  return { format: 'faiss', kind: 'knn-index', detail: { indexType: NAMED[code] ?? code, fourcc: code, ...header } }
}

function floatHeader(bytes: Buffer): Record<string, unknown> | null {
  const d = i32(bytes, 4)
  const ntotal = u64(bytes, 8)
  if (d === null || d < 1 || d > 1 << 20 || ntotal === null) return null
  if (u64(bytes, 16) !== DUMMY || u64(bytes, 24) !== DUMMY || (u8(bytes, 32) ?? 2) > 1) return null
  const metric = i32(bytes, 33)
  return { dimension: d, records: ntotal, metric: metric === null ? null : (METRICS[metric] ?? metric) }
}

/** Binary indexes: i32 d (bits), i32 code_size = d/8, i64 ntotal, u8 is_trained, i32 metric. */
function binaryHeader(bytes: Buffer): Record<string, unknown> | null {
  const d = i32(bytes, 4)
  const ntotal = u64(bytes, 12)
  if (d === null || d < 8 || d % 8 !== 0 || d > 1 << 20 || i32(bytes, 8) !== d / 8) return null
  if (ntotal === null || (u8(bytes, 20) ?? 2) > 1) return null
  return { dimension: d, records: ntotal, binary: true }
}
