// R serialization (`saveRDS` → `.rds`, `save` → `.RData` / `.rda`; gzip, bzip2 or xz around it are
// unwrapped first). The XDR stream is walked only as far as plain data goes (vectors, lists,
// attributes, symbols): a stream of nothing else, whose classes are all data classes, is `data`. A
// class attribute naming a model (`lm`, `randomForest`, `knn3`, ...) makes it a model; any other R
// object (closures, formulas, environments, a class we do not know) is `unknown`: never passed.
import { hasBytes } from './bytes.js'
import { LIMITS } from './limits.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const NEIGHBOURS = new Set(['knn3', 'knnreg', 'kknn', 'train.kknn', 'ipredknn', 'knn'])
const MODELS = new Set(
  (
    'lm glm mlm nls loess randomForest randomForest.formula ranger xgb.Booster lgb.Booster train train.formula ' +
    'svm svm.formula ksvm gbm GBMFit nnet nnet.formula multinom rpart glmnet cv.glmnet elnet lognet naiveBayes ' +
    'lda qda C5.0 earth gam Gam coxph survreg model_fit workflow keras.engine.training.Model lmerMod glmerMod'
  ).split(' ')
)
const DATA_CLASSES = new Set(
  (
    'data.frame tbl_df tbl data.table factor ordered Date POSIXct POSIXt POSIXlt difftime table matrix array ' +
    'integer64 noquote hms units AsIs'
  ).split(' ')
)

/** "X\n" then format version 2 or 3, the writer's R version, the oldest R that reads it. */
function xdrStart(bytes: Buffer): number | null {
  const at = hasBytes(bytes, 0, 'RDX2\n') || hasBytes(bytes, 0, 'RDX3\n') ? 5 : 0
  if (!hasBytes(bytes, at, 'X\n') || bytes.length < at + 14) return null
  const version = bytes.readInt32BE(at + 2)
  const writer = bytes.readInt32BE(at + 6) >> 16
  const reader = bytes.readInt32BE(at + 10) >> 16
  if (version < 2 || version > 3 || writer < 1 || writer > 9 || reader < 1 || reader > writer) return null
  return version === 3 ? at + 18 + Math.max(0, bytes.readInt32BE(at + 14)) : at + 14 // v3: native encoding name
}

/** The ASCII ("A\n") and native binary ("B\n") variants, alone or after save()'s "RDA3\n" / "RDB3\n". */
function otherStart(bytes: Buffer): boolean {
  const text = bytes.toString('latin1', 0, 32)
  const binary = text.startsWith('RDB2\n') || text.startsWith('RDB3\n') ? 5 : 0
  const native = hasBytes(bytes, binary, 'B\n') && (bytes[binary + 2] === 2 || bytes[binary + 2] === 3)
  return /^(RDA[23]\n)?A\n[23]\n\d{5,7}\n\d{5,7}\n/.test(text) || (native && hasBytes(bytes, binary + 3, [0, 0, 0]))
}

export function rWants(head: Buffer): number | null {
  return xdrStart(head) !== null || otherStart(head) ? LIMITS.reads.serialized : null
}

export function sniffRObject(blob: BlobPrefix): Sniffed | null {
  const start = xdrStart(blob.bytes)
  if (start === null) return otherStart(blob.bytes) ? unknownObject([], 'an ASCII or native R stream') : null
  const walk = walkData(blob.bytes, start)
  const classes = [...new Set([...walk.classes.flat(), ...(walk.stopped ? knownClasses(blob.bytes) : [])])]
  const detail = { classes: classes.slice(0, 32) }
  if (classes.some((c) => NEIGHBOURS.has(c))) return { format: 'r-object', kind: 'knn-index', detail }
  if (classes.some((c) => MODELS.has(c))) return { format: 'r-object', kind: 'pickle', detail }
  const whole = walk.stopped === undefined && walk.end === blob.size && blob.bytes.length >= blob.size
  if (whole && classes.every((c) => DATA_CLASSES.has(c))) return { format: 'r-object', kind: 'data', detail }
  return unknownObject(detail.classes, walk.stopped ?? 'bytes after it, or not read to its end')
}

/** Known class names among the class-shaped attributes: where the exact walk stopped, they still tell a model. */
function knownClasses(bytes: Buffer): string[] {
  return classAttributes(bytes).filter((c) => NEIGHBOURS.has(c) || MODELS.has(c) || DATA_CLASSES.has(c))
}

function unknownObject(classes: string[], why: string): Sniffed {
  const reason = `R object with no model class recognised (${why}): its content was not inspected`
  return { format: 'r-object', kind: 'unknown', detail: { reason, classes } }
}

// ---------------------------------------------------------------- class attributes anywhere
const STRSXP = Buffer.from([0, 0, 0, 0x10])
const CLASS_SYMBOL = [0, 0, 0, 5, ...Buffer.from('class')]

/**
 * Class vectors found by their shape, past where the data walk stops (a model's class is its last
 * attribute, after its formulas and environments): an attribute node (LISTSXP with a tag), the tag
 * `class` or a reference to a symbol, then a short character vector.
 */
function classAttributes(bytes: Buffer): string[] {
  const found: string[] = []
  let at = bytes.indexOf(STRSXP)
  for (let n = 0; at >= 0 && n < LIMITS.rObject.classCandidates; n++, at = bytes.indexOf(STRSXP, at + 1)) {
    const byReference = bytes[at - 1] === 0xff && isTaggedNode(bytes, at - 8)
    const bySymbol = hasBytes(bytes, at - CLASS_SYMBOL.length, CLASS_SYMBOL) && isTaggedNode(bytes, at - 21)
    if (byReference || bySymbol) found.push(...(strings(bytes, at + 4) ?? []))
  }
  return found
}

function isTaggedNode(bytes: Buffer, at: number): boolean {
  return hasBytes(bytes, at, [0, 0]) && (bytes[at + 2] & 0xfd) === 0x04 && bytes[at + 3] === 0x02
}

/** A character vector's elements from its length on (CHARSXPs), up to 16; null when it is no such thing. */
function strings(bytes: Buffer, at: number): string[] | null {
  const count = at + 4 <= bytes.length ? bytes.readInt32BE(at) : -1
  if (count < 1 || count > 16) return null
  const values: string[] = []
  for (let i = 0, p = at + 4; i < count; i++) {
    const length = p + 8 <= bytes.length && (bytes[p + 3] & 0xff) === 0x09 ? bytes.readInt32BE(p + 4) : -2
    if (length < 0 || length > 256 || p + 8 + length > bytes.length) return null
    values.push(bytes.toString('utf8', p + 8, p + 8 + length))
    p += 8 + length
  }
  return values
}

// ---------------------------------------------------------------- the plain-data walk
const { maxDepth: MAX_DEPTH, maxItems: MAX_ITEMS } = LIMITS.rObject
const HAS_ATTR = 1 << 9
const HAS_TAG = 1 << 10
const NIL = 254
// Constants without a payload: NILVALUE, GLOBALENV, UNBOUNDVALUE, MISSINGARG, BASENAMESPACE, EMPTYENV, BASEENV.
const CONSTANTS = new Set([254, 253, 252, 251, 250, 242, 241])
// Atomic vectors: bytes per element (LGLSXP, INTSXP, REALSXP, CPLXSXP, RAWSXP).
const ATOMIC: Record<number, number> = { 10: 4, 13: 4, 14: 8, 15: 16, 24: 1 }

type RValue = string[] | { symbol: string } | null

interface Walk {
  bytes: Buffer
  at: number
  items: number
  symbols: string[]
  classes: string[][]
}

class Stop {
  constructor(readonly why: string) {}
}

/** Walks one item from `start`: where it ended, the class attributes met, or why it stopped (not plain data). */
function walkData(bytes: Buffer, start: number): { end: number; classes: string[][]; stopped?: string } {
  const w: Walk = { bytes, at: start, items: 0, symbols: [], classes: [] }
  try {
    readItem(w, 0)
    return { end: w.at, classes: w.classes }
  } catch (error) {
    if (!(error instanceof Stop)) throw error
    return { end: w.at, classes: w.classes, stopped: error.why }
  }
}

function int(w: Walk): number {
  if (w.at + 4 > w.bytes.length) throw new Stop('the bytes read end inside it')
  w.at += 4
  return w.bytes.readInt32BE(w.at - 4)
}

function readItem(w: Walk, depth: number): RValue {
  if (++w.items > MAX_ITEMS || depth > MAX_DEPTH) throw new Stop('walk limit')
  const flags = int(w)
  const type = flags & 0xff
  if (CONSTANTS.has(type)) return null
  if (type === 2) return readPairlist(w, flags, depth)
  const value = readBody(w, type, flags, depth)
  if (type !== 255 && flags & HAS_ATTR) readItem(w, depth) // a reference's flags carry its index instead
  return value
}

function readBody(w: Walk, type: number, flags: number, depth: number): RValue {
  if (ATOMIC[type]) return skip(w, vectorLength(w) * ATOMIC[type])
  switch (type) {
    case 255: // REFSXP: to an earlier symbol (the only references plain data makes)
      return { symbol: w.symbols[(flags >>> 8 || int(w)) - 1] ?? '' }
    case 1: {
      const name = readItem(w, depth + 1)
      w.symbols.push(Array.isArray(name) ? name[0] : '')
      return { symbol: w.symbols[w.symbols.length - 1] }
    }
    case 9:
      return readChars(w)
    case 16:
    case 19:
    case 20:
      return readVector(w, type, depth)
    case 238: // ALTREP (compact sequences, deferred strings): class info, state, attributes
      for (let i = 0; i < 3; i++) readItem(w, depth + 1)
      return null
    default:
      throw new Stop(`R type ${type} is not plain data`)
  }
}

function vectorLength(w: Walk): number {
  const n = int(w)
  return n === -1 ? int(w) * 2 ** 32 + (int(w) >>> 0) : n
}

function skip(w: Walk, bytes: number): null {
  if (!(bytes >= 0)) throw new Stop(`a length of ${bytes}`) // R writes none below -1 (NA), which callers take first
  if (w.at + bytes > w.bytes.length) throw new Stop('the bytes read end inside it')
  w.at += bytes
  return null
}

function readChars(w: Walk): string[] {
  const n = int(w)
  if (n === -1) return ['NA']
  const start = w.at
  skip(w, n)
  return [w.bytes.toString('utf8', start, Math.min(w.at, start + 256))]
}

/** STRSXP (its first strings), VECSXP and EXPRSXP (their elements walked). */
function readVector(w: Walk, type: number, depth: number): RValue {
  const n = vectorLength(w)
  const values: string[] = []
  for (let i = 0; i < n; i++) {
    const item = readItem(w, depth + 1)
    if (type === 16 && Array.isArray(item) && values.length < 16) values.push(item[0])
  }
  return type === 16 ? values : null
}

/** A pairlist (attributes, save()'s list of objects): attribute, tag, value per node; `class` tags recorded. */
function readPairlist(w: Walk, flags: number, depth: number): null {
  for (let node = flags; ; node = int(w)) {
    if ((node & 0xff) === NIL) return null
    if ((node & 0xff) !== 2) throw new Stop(`a pairlist ends in R type ${node & 0xff}`)
    if (++w.items > MAX_ITEMS) throw new Stop('walk limit')
    if (node & HAS_ATTR) readItem(w, depth + 1)
    const tag = node & HAS_TAG ? readItem(w, depth + 1) : null
    const value = readItem(w, depth + 1)
    if (tag && !Array.isArray(tag) && tag.symbol === 'class' && Array.isArray(value)) w.classes.push(value)
  }
}
