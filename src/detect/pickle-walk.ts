// Our own non-executing pickle walker (protocols 0-5). It decodes opcodes and simulates the stack
// just enough to name the imported globals, the objects built and their state; nothing is ever
// instantiated. What the globals mean is pickle.ts's business.
import { LIMITS } from './limits.js'

export type Value =
  | { t: 'mark' }
  | { t: 'str'; v: string }
  | { t: 'global'; name: string }
  | PickledObject
  | { t: 'tuple'; items: Value[] }
  | { t: 'int'; v: string }
  | { t: 'other' }

/** An object the stream builds: its class (or callable), the first arguments, and the state BUILD gave it. */
export interface PickledObject {
  t: 'obj'
  cls: string | null
  args?: Value[]
  state?: Value
  /** String keys set on a dict (SETITEM/SETITEMS), the first few. */
  entries?: Map<string, Value>
}

type Arg = 'none' | 'line' | 'text' | 'line2' | 'u1' | 'u2' | 'i4' | 'f8' | 'len1' | 'len4' | 'len8' | 'frame'
type ArgValue = string | number | Buffer | null

const { maxOps: MAX_OPS, maxPickles: MAX_PICKLES, maxStack: MAX_STACK, maxMemo: MAX_MEMO } = LIMITS.pickle
const { maxGlobals: MAX_GLOBALS, maxLine: MAX_LINE } = LIMITS.pickle
/** Items kept of a tuple, keys of a dict, objects with state: enough for shapes and estimator attributes. */
const KEEP_ITEMS = 16
const KEEP_ENTRIES = 64
const KEEP_BUILT = 4096

// Opcode → how its argument is encoded (CPython Lib/pickletools.py).
const ARGS: Record<string, Arg> = {}
for (const op of '(.012NQRabde}l]o0st)u\x81\x85\x86\x87\x88\x89\x8f\x90\x91\x92\x93\x94\x97\x98') ARGS[op] = 'none'
for (const op of 'FILgpP') ARGS[op] = 'line'
// String literals of protocol 0/1: as long as the read allows (a 100 KB string is still a pickle).
for (const op of 'SV') ARGS[op] = 'text'
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
// Ops that call something on load: a REDUCE, NEWOBJ, INST, OBJ or BUILD of an imported class.
const CALLS = new Set('R\x81\x92iob')
// Ops a stream can begin with (they need nothing on the stack): what pickle.load accepts first.
const FIRST_OPS = new Set('(]})NIJKLMFGSTUVXBCcP\x80\x8a\x8b\x8c\x8d\x8e\x88\x89\x95\x96\x82\x83\x84')
// Text opcodes a text stream (protocol 0/1, no PROTO) starts with: printable, unlike binary ones.
const TEXT_FIRST_OPS = new Set('(]})NIJLFSVcP')

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
  /** Objects that were given state by BUILD, in stream order (estimators, arrays, trees). */
  built: PickledObject[]
  /** Imported callables the stream called (REDUCE, NEWOBJ, INST, OBJ, BUILD), counted. */
  calls: number
  /** Why the first pickle ended early: 'truncated' (ran out of bytes), 'joblib-array' (raw array bytes of unknown size follow). */
  stopped?: string
  /**
   * Why the walk did not see every byte to the end of the blob (a first or later pickle broke off,
   * the pickle limit, bytes that are no pickle, a prefix read); undefined only when it did.
   */
  unseen?: string
  /** Offset just past the last complete pickle. */
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
  built: PickledObject[]
  ops: number
  structural: number
  calls: number
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
  return FIRST_OPS.has(String.fromCharCode(buf[0]))
}

/** Walks consecutive pickles from `start`; never throws. */
export function scanPickles(buf: Buffer, start = 0, isPrefix = false): PickleScan {
  const w: Walk = newWalk(buf, start)
  const tops: Value[] = []
  let stopped: string | undefined
  let unseen: string | undefined
  let end = start
  let topClass: string | null = null
  while (w.pos < buf.length && unseen === undefined) {
    if (tops.length >= MAX_PICKLES) {
      unseen = `pickle limit (${MAX_PICKLES} pickles)`
      break
    }
    const outcome = walkOne(w)
    if (tops.length === 0) topClass = classOf(outcome.top ?? w.stack.find((v) => v.t !== 'mark'))
    if (!outcome.top) {
      if (tops.length === 0) stopped = outcome.why
      unseen = tops.length === 0 ? outcome.why : `pickle ${tops.length + 1}: ${outcome.why}`
      break
    }
    tops.push(outcome.top)
    end = w.pos
    if (w.pos < buf.length && !looksLikePickleStart(buf.subarray(w.pos, w.pos + 2)))
      unseen = `bytes after pickle ${tops.length} are no pickle`
  }
  if (unseen === undefined && isPrefix) unseen = 'the read ends before the blob does'
  const { globals, protocol, ops, needs, built, calls } = w
  return {
    valid: isValid(w, tops.length > 0, stopped, isPrefix),
    protocol,
    pickles: tops.length,
    ops,
    globals: [...globals],
    topClass,
    tops,
    built,
    calls,
    stopped,
    unseen,
    end,
    cleanPrefix: isCleanPrefix(w, stopped),
    needs
  }
}

/**
 * A pickle is judged by what loading it does: one that imports and calls something before it
 * ends or breaks off runs code on load, however short or odd it is. Otherwise it must reach STOP
 * (or a joblib array, or the end of a prefix) with enough opcodes that build something, so text
 * that happens to parse (`I1\n.`) stays quiet.
 */
function isValid(w: Walk, complete: boolean, stopped: string | undefined, isPrefix: boolean): boolean {
  if (w.calls > 0 && w.globals.size > 0) return true
  const first = complete || acceptPartial(w, stopped, isPrefix)
  const textStart = TEXT_FIRST_OPS.has(String.fromCharCode(w.buf[w.start]))
  const minOps = w.protocol >= 2 ? 3 : textStart ? 6 : 8
  return first && w.ops >= minOps && w.structural > 0
}

function newWalk(buf: Buffer, pos: number): Walk {
  return {
    buf,
    pos,
    stack: [],
    memo: new Map(),
    globals: new Set(),
    built: [],
    ops: 0,
    structural: 0,
    calls: 0,
    protocol: 0,
    start: pos
  }
}

// Halts that mean the walker gave up on a big stream, not that the bytes are no pickle.
export const WALK_LIMITS = new Set(['opcode limit', 'stack limit', 'memo limit'])
// Text opcodes a protocol 0/1 stream must parse before a cut counts: short text parses as a few ops too.
const MIN_TEXT_PREFIX_OPS = 64
// Or this many memo PUTs (`p0\n`, `p1\n`): lines prose does not have.
const MIN_TEXT_PREFIX_PUTS = 2

/**
 * A stream unfinished only for want of bytes or walker room: a PROTO 2-5 header, or text opcodes
 * that build something and are either many or memoized (`(dp0\nVkey\np1\nV<a long string…`).
 */
function isCleanPrefix(w: Walk, stopped: string | undefined): boolean {
  if (stopped !== 'truncated' && !WALK_LIMITS.has(stopped ?? '')) return false
  if (w.buf[w.start] === 0x80 && w.protocol >= 2) return true
  return w.structural > 0 && (w.ops >= MIN_TEXT_PREFIX_OPS || w.memo.size >= MIN_TEXT_PREFIX_PUTS)
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
      if (CALLS.has(op)) w.calls += 1
    }
    return { why: 'opcode limit' }
  } catch (error) {
    if (error instanceof Halt) return { why: error.why }
    throw error
  }
}

/** A whole pickle nested in the stream (joblib writes object arrays so), walked on its own stack. */
function walkNested(w: Walk): void {
  const { stack, memo } = w
  const outcome = walkOne(w)
  w.stack = stack
  w.memo = memo
  if (!outcome.top) throw new Halt(outcome.why ?? 'nested pickle')
}

function readArg(w: Walk, kind: Arg): ArgValue {
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
    case 'text':
      return readLine(w, Infinity)
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

function readLine(w: Walk, maxLine = MAX_LINE): string {
  const nl = w.buf.indexOf(0x0a, w.pos)
  if (nl < 0) {
    if (w.buf.length - w.pos > maxLine) throw new Halt('line too long')
    throw truncated(w, w.buf.length + 1)
  }
  if (nl - w.pos > maxLine) throw new Halt('line too long')
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

function apply(w: Walk, op: string, arg: ArgValue): void {
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

function pushLiteral(w: Walk, op: string, arg: ArgValue): boolean {
  const text = (): string => (Buffer.isBuffer(arg) ? arg.toString('utf8') : String(arg))
  if ('SVUTX\x8c\x8d'.includes(op)) push(w, { t: 'str', v: op === 'S' ? unquote(text()) : text() })
  else if (op === 'I' || op === 'L') push(w, { t: 'int', v: checkInt(text()) })
  else if ('JKM'.includes(op)) push(w, { t: 'int', v: String(arg) })
  else if (op === '\x8a' || op === '\x8b') push(w, { t: 'int', v: longOf(arg as Buffer) })
  else if (op === 'F') push(w, { t: 'other', ...checkFloat(text()) })
  else if ('GNCB\x8e\x96\x88\x89\x97\x82\x83\x84P'.includes(op)) push(w, { t: 'other' })
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

function memoOp(w: Walk, op: string, arg: ArgValue): boolean {
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

function memoKey(arg: ArgValue): number {
  if (typeof arg === 'number') return arg
  if (typeof arg !== 'string' || !/^\d+$/.test(arg)) throw new Halt('bad memo index')
  return Number(arg)
}

function buildOp(w: Walk, op: string, arg: ArgValue): boolean {
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
      push(w, reduced(pop(w), args))
      return true
    }
    case '\x81': {
      const args = pop(w)
      push(w, { t: 'obj', cls: nameOf(pop(w)), args: itemsOf(args), entries: new Map() })
      return true
    }
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

/** BUILD sets state on the object below; joblib writes an array's raw bytes right after its wrapper's BUILD. */
function build(w: Walk): void {
  const state = pop(w)
  const target = w.stack[w.stack.length - 1]
  if (!target || target.t === 'mark') throw new Halt('stack underflow')
  if (target.t !== 'obj') return
  target.state = state
  if (w.built.length < KEEP_BUILT) w.built.push(target)
  if (target.cls === 'joblib.numpy_pickle.NumpyArrayWrapper') skipJoblibArray(w, state)
}

/**
 * joblib follows a NumpyArrayWrapper with the array: a whole pickle for object arrays, else an
 * optional padding (a length byte, then that many 0xff) and shape × itemsize raw bytes. An array
 * whose size the wrapper does not tell halts the walk ('joblib-array'), keeping what was seen.
 */
function skipJoblibArray(w: Walk, state: Value): void {
  const entries = state.t === 'obj' ? state.entries : undefined
  const shape = entries ? intsOf(entries.get('shape')) : null
  const itemSize = entries ? dtypeItemSize(entries.get('dtype')) : null
  if (itemSize === 'object') return walkNested(w)
  if (!shape || itemSize === null) throw new Halt('joblib-array')
  const padding = w.buf[w.pos]
  if (padding >= 1 && padding <= 16 && w.buf.subarray(w.pos + 1, w.pos + 1 + padding).every((b) => b === 0xff))
    w.pos += 1 + padding
  const bytes = shape.reduce((a, b) => a * b, itemSize)
  if (w.pos + bytes > w.buf.length) throw truncated(w, w.pos + bytes)
  w.pos += bytes
}

/** Bytes per item of a pickled numpy.dtype ('f8', 'b1', 'V32', 'U5'); 'object' for 'O'; null when not known. */
function dtypeItemSize(dtype: Value | undefined): number | 'object' | null {
  const code = dtype?.t === 'obj' && dtype.args?.[0]?.t === 'str' ? dtype.args[0].v : ''
  const match = /^[<>|=]?([biufcmMOSVU])(\d+)$/.exec(code)
  if (!match) return null
  if (match[1] === 'O') return 'object'
  return Number(match[2]) * (match[1] === 'U' ? 4 : 1) // 'U5' is five UCS-4 characters
}

/** The integers of a tuple of ints (a shape); null when it is anything else. */
export function intsOf(v: Value | undefined): number[] | null {
  if (v?.t !== 'tuple' || !v.items.every((i) => i.t === 'int')) return null
  return v.items.map((i) => Number((i as { v: string }).v))
}

function collectionOp(w: Walk, op: string): void {
  switch (op) {
    case '(':
      push(w, { t: 'mark' })
      return
    case '}':
    case 'd':
      setItems(w, dict(), op === 'd' ? popMark(w) : [])
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
      push(w, { t: 'tuple', items: [] })
      return
    case 't':
      push(w, { t: 'tuple', items: popMark(w).slice(0, KEEP_ITEMS) })
      return
    case '\x85':
    case '\x86':
    case '\x87':
      tupleN(w, op.charCodeAt(0) - 0x84)
      return
    default:
      stackOp(w, op)
  }
}

function dict(): PickledObject {
  return { t: 'obj', cls: 'dict', entries: new Map() }
}

/** Pushes `target` after setting the key-value pairs in `items` on it. */
function setItems(w: Walk, target: PickledObject, items: Value[]): void {
  for (let i = 0; i + 1 < items.length; i += 2) setItem(target, items[i], items[i + 1])
  push(w, target)
}

function setItem(target: Value, key: Value, value: Value): void {
  if (target.t !== 'obj' || !target.entries || key.t !== 'str') return
  if (target.entries.size < KEEP_ENTRIES || target.entries.has(key.v)) target.entries.set(key.v, value)
}

function stackOp(w: Walk, op: string): void {
  switch (op) {
    case 'a':
      pop(w)
      if (!w.stack.length) fail('stack underflow')
      return
    case 's': {
      const value = pop(w)
      const key = pop(w)
      setItem(w.stack[w.stack.length - 1] ?? fail('stack underflow'), key, value)
      return
    }
    case 'u': {
      const items = popMark(w)
      const target = w.stack[w.stack.length - 1] ?? fail('stack underflow')
      for (let i = 0; i + 1 < items.length; i += 2) setItem(target, items[i], items[i + 1])
      return
    }
    case 'e':
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
  push(w, { t: 'tuple', items })
}

function fail(why: string): never {
  throw new Halt(why)
}

function itemsOf(v: Value): Value[] {
  return v.t === 'tuple' ? v.items : []
}

function nameOf(v: Value): string | null {
  if (v.t === 'global') return v.name
  if (v.t === 'obj') return v.cls
  return null
}

// Reconstructor helpers take the real class as their first argument (copyreg, sklearn trees, numpy).
const RECONSTRUCTORS = /(_reconstructor|__newobj__|__newobj_ex__|\.newObj|multiarray\._reconstruct|_unpickle)$/

/** REDUCE: an object of the callable's class (or of the class a reconstructor is given), with its arguments. */
function reduced(callable: Value, args: Value): PickledObject {
  const name = nameOf(callable)
  const items = itemsOf(args)
  const first = items[0]
  const cls = name && RECONSTRUCTORS.test(name) && first?.t === 'global' ? first.name : name
  // A dict made by a call (OrderedDict(), dict()) still takes SETITEMS.
  return { t: 'obj', cls, args: items, entries: new Map() }
}

export function classOf(v: Value | null | undefined): string | null {
  if (!v) return null
  if (v.t === 'obj') return v.cls
  if (v.t === 'global') return v.name
  if (v.t === 'tuple') return 'tuple'
  return v.t === 'str' ? 'str' : v.t === 'int' ? 'int' : null
}
