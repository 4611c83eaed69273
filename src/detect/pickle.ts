// Our own non-executing pickle walker (protocols 0-5). It decodes opcodes and simulates the stack
// just enough to name the imported globals and the top-level class; nothing is ever instantiated.
import type { BlobPrefix, Sniffed } from './sniff.js'
import { extensionOf } from './sniff.js'
import { LIMITS } from './limits.js'

type Value =
  | { t: 'mark' }
  | { t: 'str'; v: string }
  | { t: 'global'; name: string }
  | { t: 'obj'; cls: string | null }
  | { t: 'tuple'; first: Value | null }
  | { t: 'int'; v: string }
  | { t: 'other' }

type Arg = 'none' | 'line' | 'line2' | 'u1' | 'u2' | 'i4' | 'f8' | 'len1' | 'len4' | 'len8' | 'frame'

const { maxOps: MAX_OPS, maxPickles: MAX_PICKLES, maxStack: MAX_STACK, maxMemo: MAX_MEMO } = LIMITS.pickle
const { maxGlobals: MAX_GLOBALS, maxLine: MAX_LINE } = LIMITS.pickle

// Opcode → how its argument is encoded (CPython Lib/pickletools.py).
const ARGS: Record<string, Arg> = {}
for (const op of '(.012NQRabde}l]o0st)u\x81\x85\x86\x87\x88\x89\x8f\x90\x91\x92\x93\x94\x97\x98') ARGS[op] = 'none'
for (const op of 'FILSVgpP') ARGS[op] = 'line'
for (const op of 'ci') ARGS[op] = 'line2'
for (const op of 'Khq\x80\x82') ARGS[op] = 'u1'
for (const op of 'M\x83') ARGS[op] = 'u2'
for (const op of 'Jjr\x84') ARGS[op] = 'i4'
ARGS.G = 'f8'
for (const op of 'UC\x8c\x8a') ARGS[op] = 'len1'
for (const op of 'TXB\x8b') ARGS[op] = 'len4'
for (const op of '\x8d\x8e\x96') ARGS[op] = 'len8'
ARGS['\x95'] = 'frame'

// Ops that show the stream builds objects, as opposed to text that happens to parse (`I1\n.`).
const STRUCTURAL = new Set('ci\x93Rb\x81\x92o(ltd}])\x85\x86\x87aesu\x8f\x90\x91')

export interface PickleScan {
  valid: boolean
  protocol: number
  /** Complete pickles (STOP reached) in a row: legacy PyTorch and joblib write several. */
  pickles: number
  ops: number
  globals: string[]
  topClass: string | null
  /** Top-level value of each complete pickle (legacy PyTorch checks the first for its magic number). */
  tops: Value[]
  /** Why the walk ended early: 'truncated' (ran out of bytes), 'joblib-array' (raw array bytes follow). */
  stopped?: string
  end: number
  /** The first pickle was well-formed up to where the walk ran out of bytes or hit a walker limit. */
  cleanPrefix: boolean
  /** With stopped 'truncated': the offset the unfinished opcode needed to reach. */
  needs?: number
}

interface Walk {
  buf: Buffer
  pos: number
  stack: Value[]
  memo: Map<number, Value>
  globals: Set<string>
  ops: number
  structural: number
  protocol: number
  start: number
  needs?: number
}

class Halt {
  constructor(readonly why: string) {}
}

export function looksLikePickleStart(buf: Buffer): boolean {
  if (buf.length < 2) return false
  if (buf[0] === 0x80) return buf[1] <= 5
  return '(]})cilp0IJSVNTF'.includes(String.fromCharCode(buf[0]))
}

/** Walks consecutive pickles from `start`; never throws. */
export function scanPickles(buf: Buffer, start = 0, isPrefix = false): PickleScan {
  const w: Walk = newWalk(buf, start)
  const tops: Value[] = []
  let stopped: string | undefined
  let end = start
  let topClass: string | null = null
  while (tops.length < MAX_PICKLES && w.pos < buf.length) {
    const outcome = walkOne(w)
    if (tops.length === 0) topClass = classOf(outcome.top ?? w.stack.find((v) => v.t !== 'mark'))
    if (outcome.top) {
      tops.push(outcome.top)
      end = w.pos
      if (!looksLikePickleStart(buf.subarray(w.pos, w.pos + 2))) break
      continue
    }
    if (tops.length === 0) stopped = outcome.why
    break
  }
  const first = tops.length > 0 || acceptPartial(w, stopped, isPrefix)
  const valid = first && w.ops >= (w.protocol >= 2 ? 3 : 6) && w.structural > 0
  const cleanPrefix = isCleanPrefix(w, stopped)
  const { globals, protocol, ops, needs } = w
  return {
    valid,
    protocol,
    pickles: tops.length,
    ops,
    globals: [...globals],
    topClass,
    tops,
    stopped,
    end,
    cleanPrefix,
    needs
  }
}

function newWalk(buf: Buffer, pos: number): Walk {
  return { buf, pos, stack: [], memo: new Map(), globals: new Set(), ops: 0, structural: 0, protocol: 0, start: pos }
}

// Halts that mean the walker gave up on a big stream, not that the bytes are no pickle.
const WALK_LIMITS = new Set(['opcode limit', 'stack limit', 'memo limit'])
// Text opcodes a protocol 0/1 stream must parse before a cut counts: short text parses as a few ops too.
const MIN_TEXT_PREFIX_OPS = 64

/** A stream unfinished only for want of bytes or walker room: a PROTO 2-5 header, or many clean text opcodes. */
function isCleanPrefix(w: Walk, stopped: string | undefined): boolean {
  if (stopped !== 'truncated' && !WALK_LIMITS.has(stopped ?? '')) return false
  if (w.buf[w.start] === 0x80 && w.protocol >= 2) return true
  return w.ops >= MIN_TEXT_PREFIX_OPS && w.structural > 0
}

/** Records how far an opcode needed to read, then halts: a cut pickle declares no length past its blob. */
function truncated(w: Walk, needs: number): Halt {
  w.needs = needs
  return new Halt('truncated')
}

/** An unfinished stream still counts when the bytes ran out (a prefix) or raw joblib arrays follow. */
function acceptPartial(w: Walk, stopped: string | undefined, isPrefix: boolean): boolean {
  if (stopped === 'joblib-array') return true
  if (stopped !== 'truncated') return false
  return (isPrefix || w.protocol >= 2) && w.ops >= 8 && w.globals.size > 0
}

function walkOne(w: Walk): { top?: Value; why?: string } {
  w.stack = []
  w.memo = new Map()
  try {
    while (w.ops < MAX_OPS) {
      if (w.pos >= w.buf.length) throw truncated(w, w.pos + 1)
      const op = String.fromCharCode(w.buf[w.pos])
      const kind = ARGS[op]
      if (kind === undefined) return { why: `unknown opcode 0x${w.buf[w.pos].toString(16)} at ${w.pos}` }
      w.pos += 1
      const arg = readArg(w, kind)
      w.ops += 1
      if (STRUCTURAL.has(op)) w.structural += 1
      if (op === '.') return { top: pop(w) }
      apply(w, op, arg)
    }
    return { why: 'opcode limit' }
  } catch (error) {
    if (error instanceof Halt) return { why: error.why }
    throw error
  }
}

function readArg(w: Walk, kind: Arg): string | number | Buffer | null {
  const { buf } = w
  const need = (n: number): number => {
    if (w.pos + n > buf.length) throw truncated(w, w.pos + n)
    const at = w.pos
    w.pos += n
    return at
  }
  switch (kind) {
    case 'none':
      return null
    case 'line':
      return readLine(w)
    case 'line2':
      return `${readLine(w)}\n${readLine(w)}`
    case 'u1':
      return buf[need(1)]
    case 'u2':
      return buf.readUInt16LE(need(2))
    case 'i4':
      return buf.readInt32LE(need(4))
    case 'f8':
    case 'frame':
      need(8)
      return null
    case 'len1':
      return sliceOf(w, buf[need(1)])
    case 'len4':
      return sliceOf(w, buf.readUInt32LE(need(4)))
    case 'len8':
      return sliceOf(w, Number(buf.readBigUInt64LE(need(8))))
  }
}

function readLine(w: Walk): string {
  const nl = w.buf.indexOf(0x0a, w.pos)
  if (nl < 0) {
    if (w.buf.length - w.pos > MAX_LINE) throw new Halt('line too long')
    throw truncated(w, w.buf.length + 1)
  }
  if (nl - w.pos > MAX_LINE) throw new Halt('line too long')
  const line = w.buf.toString('latin1', w.pos, nl)
  w.pos = nl + 1
  return line
}

/** Skips a length-prefixed payload, keeping only a short head (enough for module and class names). */
function sliceOf(w: Walk, length: number): Buffer {
  if (w.pos + length > w.buf.length) throw truncated(w, w.pos + length)
  const head = w.buf.subarray(w.pos, w.pos + Math.min(length, 512))
  w.pos += length
  return head
}

function apply(w: Walk, op: string, arg: string | number | Buffer | null): void {
  if (pushLiteral(w, op, arg)) return
  if (memoOp(w, op, arg)) return
  if (buildOp(w, op, arg)) return
  collectionOp(w, op)
}

function push(w: Walk, v: Value): void {
  if (w.stack.length >= MAX_STACK) throw new Halt('stack limit')
  w.stack.push(v)
}

function pop(w: Walk): Value {
  const v = w.stack.pop()
  if (!v || v.t === 'mark') throw new Halt('stack underflow')
  return v
}

function popMark(w: Walk): Value[] {
  for (let i = w.stack.length - 1; i >= 0; i--) {
    if (w.stack[i].t === 'mark') return w.stack.splice(i).slice(1)
  }
  throw new Halt('no mark')
}

function pushLiteral(w: Walk, op: string, arg: string | number | Buffer | null): boolean {
  const text = (): string => (Buffer.isBuffer(arg) ? arg.toString('utf8') : String(arg))
  if ('SVUTX\x8c\x8d'.includes(op)) push(w, { t: 'str', v: op === 'S' ? unquote(text()) : text() })
  else if (op === 'I' || op === 'L') push(w, { t: 'int', v: checkInt(text()) })
  else if ('JKM'.includes(op)) push(w, { t: 'int', v: String(arg) })
  else if (op === '\x8a' || op === '\x8b') push(w, { t: 'int', v: longOf(arg as Buffer) })
  else if (op === 'F') push(w, { t: 'other', ...checkFloat(text()) })
  else if ('GNCB\x8e\x96\x88\x89\x97\x82\x83\x84'.includes(op)) push(w, { t: 'other' })
  else if (op === 'P') push(w, { t: 'other' })
  else if (op === 'c') push(w, { t: 'global', name: globalName(w, String(arg)) })
  else if (op === '\x80') w.protocol = protocolOf(arg as number)
  else return op === '\x95' || op === '\x98'
  return true
}

function unquote(s: string): string {
  const q = s[0]
  if ((q !== "'" && q !== '"') || s[s.length - 1] !== q || s.length < 2) throw new Halt('bad STRING')
  return s.slice(1, -1)
}

function checkInt(s: string): string {
  if (!/^[-+]?\d+L?$/.test(s)) throw new Halt('bad INT')
  return s.replace(/L$/, '')
}

function checkFloat(s: string): object {
  if (!/^([-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|[-+]?inf|nan)$/i.test(s)) throw new Halt('bad FLOAT')
  return {}
}

function longOf(bytes: Buffer): string {
  let value = 0n
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i])
  if (bytes.length > 0 && bytes[bytes.length - 1] & 0x80) value -= 1n << BigInt(8 * bytes.length)
  return value.toString()
}

function protocolOf(p: number): number {
  if (p > 5) throw new Halt(`protocol ${p}`)
  return p
}

function globalName(w: Walk, moduleAndName: string): string {
  const [module, name] = moduleAndName.split('\n')
  if (!/^[\x21-\x7e]{1,256}$/.test(module) || !/^[\x21-\x7e]{1,256}$/.test(name)) throw new Halt('bad GLOBAL')
  const full = `${module}.${name}`
  if (w.globals.size < MAX_GLOBALS) w.globals.add(full)
  return full
}

function memoOp(w: Walk, op: string, arg: string | number | Buffer | null): boolean {
  if ('pqr\x94'.includes(op)) {
    const top = w.stack[w.stack.length - 1]
    if (!top) throw new Halt('memo of empty stack')
    if (w.memo.size >= MAX_MEMO) throw new Halt('memo limit')
    const key = op === '\x94' ? w.memo.size : memoKey(arg)
    w.memo.set(key, top)
    return true
  }
  if (!'ghj'.includes(op)) return false
  const value = w.memo.get(memoKey(arg))
  if (!value) throw new Halt('memo miss')
  push(w, value)
  return true
}

function memoKey(arg: string | number | Buffer | null): number {
  if (typeof arg === 'number') return arg
  if (typeof arg !== 'string' || !/^\d+$/.test(arg)) throw new Halt('bad memo index')
  return Number(arg)
}

function buildOp(w: Walk, op: string, arg: string | number | Buffer | null): boolean {
  switch (op) {
    case '\x93': {
      const name = pop(w)
      const module = pop(w)
      const dotted = `${module.t === 'str' ? module.v : '?'}\n${name.t === 'str' ? name.v : '?'}`
      push(w, { t: 'global', name: globalName(w, dotted) })
      return true
    }
    case 'R': {
      const args = pop(w)
      push(w, { t: 'obj', cls: reducedClass(pop(w), args) })
      return true
    }
    case '\x81':
      pop(w)
      push(w, { t: 'obj', cls: nameOf(pop(w)) })
      return true
    case '\x92':
      pop(w)
      pop(w)
      push(w, { t: 'obj', cls: nameOf(pop(w)) })
      return true
    case 'b':
      build(w)
      return true
    case 'i':
      popMark(w)
      push(w, { t: 'obj', cls: globalName(w, String(arg)) })
      return true
    case 'o': {
      const items = popMark(w)
      push(w, { t: 'obj', cls: items[0] ? nameOf(items[0]) : null })
      return true
    }
    case 'Q':
      pop(w)
      push(w, { t: 'other' })
      return true
  }
  return false
}

/** BUILD sets state on the object below; joblib writes raw array bytes right after a wrapper's BUILD. */
function build(w: Walk): void {
  pop(w)
  const target = w.stack[w.stack.length - 1]
  if (!target || target.t === 'mark') throw new Halt('stack underflow')
  if (target.t === 'obj' && target.cls === 'joblib.numpy_pickle.NumpyArrayWrapper') throw new Halt('joblib-array')
}

function collectionOp(w: Walk, op: string): void {
  switch (op) {
    case '(':
      push(w, { t: 'mark' })
      return
    case '}':
    case 'd':
      if (op === 'd') popMark(w)
      push(w, { t: 'obj', cls: 'dict' })
      return
    case ']':
    case 'l':
      if (op === 'l') popMark(w)
      push(w, { t: 'obj', cls: 'list' })
      return
    case '\x8f':
    case '\x91':
      if (op === '\x91') popMark(w)
      push(w, { t: 'obj', cls: 'set' })
      return
    case ')':
      push(w, { t: 'tuple', first: null })
      return
    case 't': {
      const items = popMark(w)
      push(w, { t: 'tuple', first: items[0] ?? null })
      return
    }
    case '\x85':
    case '\x86':
    case '\x87':
      tupleN(w, op.charCodeAt(0) - 0x84)
      return
    case 'a':
      pop(w)
      if (!w.stack.length) fail('stack underflow')
      return
    case 's':
      pop(w)
      pop(w)
      return
    case 'e':
    case 'u':
    case '\x90':
      popMark(w)
      return
    case '0':
      if (w.stack.pop() === undefined) fail('stack underflow')
      return
    case '1':
      popMark(w)
      return
    case '2':
      push(w, w.stack[w.stack.length - 1] ?? fail('stack underflow'))
      return
    default:
      throw new Halt(`unhandled opcode ${op}`)
  }
}

function tupleN(w: Walk, n: number): void {
  const items: Value[] = []
  for (let i = 0; i < n; i++) items.unshift(pop(w))
  push(w, { t: 'tuple', first: items[0] })
}

function fail(why: string): never {
  throw new Halt(why)
}

function nameOf(v: Value): string | null {
  if (v.t === 'global') return v.name
  if (v.t === 'obj') return v.cls
  return null
}

// Reconstructor helpers take the real class as their first argument (copyreg, sklearn trees, numpy).
const RECONSTRUCTORS = /(_reconstructor|__newobj__|__newobj_ex__|\.newObj|multiarray\._reconstruct|_unpickle)$/

function reducedClass(callable: Value, args: Value): string | null {
  const name = nameOf(callable)
  const first = args.t === 'tuple' ? args.first : null
  if (name && RECONSTRUCTORS.test(name) && first?.t === 'global') return first.name
  return name
}

export function classOf(v: Value | null | undefined): string | null {
  if (!v) return null
  if (v.t === 'obj') return v.cls
  if (v.t === 'global') return v.name
  if (v.t === 'tuple') return 'tuple'
  return v.t === 'str' ? 'str' : v.t === 'int' ? 'int' : null
}

// ---------------------------------------------------------------- what the globals mean

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
  if (neighbours.length > 0) detail.neighbourClasses = neighbours
  if (scan.stopped) detail.walkStopped = scan.stopped
  return detail
}

/** knn-index when the top-level object, or any estimator inside it, is a neighbour model. */
export function pickleKind(scan: PickleScan): 'knn-index' | 'pickle' {
  const top = scan.topClass ?? ''
  return NEIGHBOURS.test(top) || neighbourClasses(scan.globals).length > 0 ? 'knn-index' : 'pickle'
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

/** A PROTO header, or a text-protocol (0/1) head that parses cleanly to its end: read like any pickle. */
export function pickleWants(head: Buffer): number | null {
  if (head[0] === 0x80 && head[1] <= 5) return LIMITS.reads.pickle
  if (!looksLikePickleStart(head) || head.length < LIMITS.headBytes) return null
  return scanPickles(head.subarray(0, LIMITS.headBytes), 0, true).cleanPrefix ? LIMITS.reads.pickle : null
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

/** Why a well-formed pickle prefix that showed nothing yet fails closed: the read cap or a walker limit cut it. */
function uninspectedReason(blob: BlobPrefix, scan: PickleScan): string | null {
  if (!scan.cleanPrefix) return null
  if (WALK_LIMITS.has(scan.stopped ?? '')) return `pickle walk stopped at its ${scan.stopped}: not fully inspected`
  const cutByRead = blob.size > blob.bytes.length && (scan.needs ?? Infinity) <= blob.size
  return cutByRead ? `pickle longer than the ${blob.bytes.length} bytes read: not fully inspected` : null
}
