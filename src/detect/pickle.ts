// What a walked pickle means: imports that run code, neighbour estimators (knn-index) and how many
// records they hold, pickles of plain data (kind data), and the pickle / joblib sniffer itself.
import { LIMITS } from './limits.js'
import type { PickledObject, PickleScan, Value } from './pickle-walk.js'
import { intsOf, looksLikePickleStart, scanPickles, WALK_LIMITS } from './pickle-walk.js'
import type { BlobPrefix, Sniffed } from './sniff.js'
import { extensionOf } from './sniff.js'

export type { PickleScan } from './pickle-walk.js'
export { classOf, looksLikePickleStart, scanPickles } from './pickle-walk.js'

const NEIGHBOURS =
  /^sklearn\.neighbors\.[\w.]*?(KNeighbors(Classifier|Regressor|Transformer)|RadiusNeighbors(Classifier|Regressor|Transformer)|NearestNeighbors|KDTree\d*|BallTree\d*|LocalOutlierFactor|NeighborhoodComponentsAnalysis|NearestCentroid|KernelDensity)$/

const UNSAFE_MODULES = new Set([
  'os',
  'posix',
  'nt',
  'subprocess',
  'sys',
  'socket',
  'shutil',
  'runpy',
  'importlib',
  'pty',
  'commands',
  'webbrowser',
  'ctypes',
  'marshal',
  'code',
  'multiprocessing',
  'pickle',
  '_pickle',
  'dill',
  'requests',
  'urllib',
  'httplib',
  'http',
  'ftplib',
  'telnetlib',
  'asyncio',
  'pdb',
  'bdb',
  'timeit',
  'platform'
])
const UNSAFE_BUILTINS = new Set([
  'eval',
  'exec',
  'execfile',
  'compile',
  'getattr',
  'setattr',
  'delattr',
  '__import__',
  'open',
  'globals',
  'locals',
  'vars',
  'input',
  'breakpoint',
  'apply',
  'file',
  'reload'
])

/** Imports that can run code or touch the system on load: reported as information. */
export function unsafeImports(globals: string[]): string[] {
  return globals.filter((g) => {
    const dot = g.lastIndexOf('.')
    const module = g.slice(0, dot)
    const root = module.split('.')[0]
    if (module === 'builtins' || module === '__builtin__') return UNSAFE_BUILTINS.has(g.slice(dot + 1))
    if (g === 'operator.attrgetter' || g === 'operator.methodcaller') return true
    return UNSAFE_MODULES.has(root)
  })
}

/** The neighbour estimators among the globals: each one keeps its training set (`_fit_X`). */
export function neighbourClasses(globals: string[]): string[] {
  return globals.filter((g) => NEIGHBOURS.test(g))
}

/** Detail shared by every pickle-carrying format (pickle, joblib, torch data.pkl, npy objects). */
export function pickleDetail(scan: PickleScan): Record<string, unknown> {
  const detail: Record<string, unknown> = {
    topClass: scan.topClass,
    protocol: scan.protocol,
    pickles: scan.pickles,
    globals: scan.globals,
    unsafeImports: unsafeImports(scan.globals)
  }
  const neighbours = neighbourClasses(scan.globals)
  if (neighbours.length > 0) Object.assign(detail, { neighbourClasses: neighbours, ...storedRecords(scan.built) })
  if (scan.unseen) detail.walkStopped = scan.unseen
  if (pickleKind(scan) === 'unknown')
    return {
      reason: `pickle stream not seen to its end (${scan.unseen}): bytes from offset ${scan.end} not inspected`,
      ...detail
    }
  return detail
}

/**
 * knn-index when any estimator in it is a neighbour model; data when it holds only containers and
 * arrays and was walked to the blob's last byte; unknown when what was walked is data but bytes
 * after it were not (another `pickle.load(f)` reads them); else pickle.
 */
export function pickleKind(scan: PickleScan): 'knn-index' | 'data' | 'pickle' | 'unknown' {
  const top = scan.topClass ?? ''
  if (NEIGHBOURS.test(top) || neighbourClasses(scan.globals).length > 0) return 'knn-index'
  if (!scan.valid || !scan.globals.every((g) => DATA_GLOBALS.test(g))) return 'pickle'
  return scan.unseen === undefined ? 'data' : 'unknown'
}

// Containers, arrays and plain values: what a pickle of data (not of a model) imports. Anything
// else, an estimator or a class we do not know, keeps the pickle a model.
const DATA_GLOBALS = new RegExp(
  [
    '^(builtins|__builtin__)\\.(dict|list|set|frozenset|tuple|bytearray|bytes|str|int|float|complex|bool|slice|range|object)$',
    '^(copy_reg|copyreg)\\.(_reconstructor|__newobj__|__newobj_ex__)$',
    '^_codecs\\.encode$',
    '^collections\\.(OrderedDict|defaultdict|deque|Counter)$',
    '^(datetime\\.(datetime|date|time|timedelta|timezone)|decimal\\.Decimal|fractions\\.Fraction|uuid\\.UUID)$',
    '^numpy\\.(ndarray|dtype|(_?core\\.)(multiarray\\.(_reconstruct|scalar)|numeric\\._frombuffer)|ma\\.core\\.(MaskedArray|_mareconstruct))$',
    '^pandas\\.(core\\.(frame\\.DataFrame|series\\.Series|indexes|internals|arrays|dtypes)|_libs\\.(internals|tslibs|arrays|interval))(\\.|$)',
    '^joblib\\.numpy_pickle\\.NumpyArrayWrapper$'
  ].join('|')
)

/**
 * How many training records a neighbour model keeps verbatim, and their dimension: the estimator's
 * `n_samples_fit_` / `n_features_in_`, else the shape of `_fit_X`, or a bare tree's data array.
 */
export function storedRecords(built: PickledObject[]): { records?: number; dimension?: number } {
  for (const object of built) {
    if (!NEIGHBOURS.test(object.cls ?? '')) continue
    const state = object.state
    const attrs = state?.t === 'obj' ? state.entries : undefined
    const shape = attrs ? arrayShape(attrs.get('_fit_X')) : state?.t === 'tuple' ? arrayShape(state.items[0]) : null
    const records = intOf(attrs?.get('n_samples_fit_')) ?? shape?.[0]
    const dimension = intOf(attrs?.get('n_features_in_')) ?? shape?.[1]
    if (records !== undefined || dimension !== undefined) return { records, dimension }
  }
  return {}
}

function intOf(v: Value | undefined): number | undefined {
  return v?.t === 'int' ? Number(v.v) : undefined
}

/** The shape of a pickled ndarray: numpy's reduce state, protocol 5's _frombuffer, or joblib's wrapper. */
function arrayShape(v: Value | undefined): number[] | null {
  if (v?.t !== 'obj') return null
  if (v.cls?.endsWith('._frombuffer')) return intsOf(v.args?.[2])
  if (v.cls === 'joblib.numpy_pickle.NumpyArrayWrapper' && v.state?.t === 'obj')
    return intsOf(v.state.entries?.get('shape'))
  return v.state?.t === 'tuple' ? intsOf(v.state.items[1]) : null
}

const scans = new WeakMap<Buffer, PickleScan>()

/** The scan of a blob from offset 0, computed once per buffer (torch-legacy and pickle share it). */
export function scanBlob(blob: BlobPrefix): PickleScan | null {
  if (!looksLikePickleStart(blob.bytes)) return null
  let scan = scans.get(blob.bytes)
  if (!scan) {
    scan = scanPickles(blob.bytes, 0, blob.size > blob.bytes.length)
    scans.set(blob.bytes, scan)
  }
  return scan
}

/**
 * A PROTO header, or a text-protocol (0/1) head that parses cleanly to its end or holds pickles
 * (more may follow past the head): read like any pickle.
 */
export function pickleWants(head: Buffer): number | null {
  if (head[0] === 0x80 && head[1] <= 5) return LIMITS.reads.pickle
  if (!looksLikePickleStart(head) || head.length < LIMITS.headBytes) return null
  const scan = scanPickles(head.subarray(0, LIMITS.headBytes), 0, true)
  return scan.cleanPrefix || scan.valid ? LIMITS.reads.pickle : null
}

const JOBLIB_EXTENSIONS = new Set(['.joblib', '.jl', '.z'])

export function sniffPickle(blob: BlobPrefix): Sniffed | null {
  const scan = scanBlob(blob)
  if (!scan) return null
  const joblib = scan.globals.some((g) => g.startsWith('joblib.')) || JOBLIB_EXTENSIONS.has(extensionOf(blob.path))
  const format = joblib ? 'joblib' : 'pickle'
  if (scan.valid) return { format, kind: pickleKind(scan), detail: pickleDetail(scan) }
  const reason = uninspectedReason(blob, scan)
  return reason ? { format, kind: 'unknown', detail: { reason, ...pickleDetail(scan) } } : null
}

/**
 * Why a pickle that did not walk to its end fails closed: it imported something that runs code
 * before it broke off (the loader imports, and may call, before it fails), or a clean prefix was
 * cut by the read cap or a walker limit.
 */
function uninspectedReason(blob: BlobPrefix, scan: PickleScan): string | null {
  const unsafe = unsafeImports(scan.globals)
  // Cut short (or binary from its PROTO on), not text that parsed as a GLOBAL then stopped making sense.
  const brokenOff = scan.stopped === 'truncated' || scan.protocol >= 2
  if (unsafe.length > 0 && brokenOff)
    return `pickle stream imports ${unsafe.join(', ')}, then breaks off (${scan.stopped ?? 'not a complete pickle'})`
  if (scan.pickles > 0 && endsAtTheCut(blob, scan))
    return `pickle ends where the ${blob.bytes.length}-byte read stops: what follows was not inspected`
  if (!scan.cleanPrefix) return null
  if (WALK_LIMITS.has(scan.stopped ?? '')) return `pickle walk stopped at its ${scan.stopped}: not fully inspected`
  const cutByRead = blob.size > blob.bytes.length && (scan.needs ?? Infinity) <= blob.size
  return cutByRead ? `pickle longer than the ${blob.bytes.length} bytes read: not fully inspected` : null
}

/** The walk ended on the last byte read of a longer blob: another stream (a model) may follow unseen. */
function endsAtTheCut(blob: BlobPrefix, scan: PickleScan): boolean {
  return blob.bytes.length < blob.size && scan.end === blob.bytes.length
}
