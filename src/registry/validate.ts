// A YAML file checked against a zod schema, with every problem as FILE:LINE:COL key.path: message.
// Shared by the registry and the baseline file. Problems come all at once: the schema's, then the
// cross-checks that need the whole document, sorted by where they are.
import { isMap, type Document, type LineCounter } from 'yaml'
import type { z } from 'zod/mini'
import { ScanError } from '../errors.js'
import { nearest } from './nearest.js'
import { parseYaml, type KeyPath } from './yaml-document.js'

export interface RegistryProblem {
  line: number
  col: number
  keyPath: string
  message: string
}

/** A problem found by looking at the whole document (undeclared names, duplicates, cycles). */
export interface CrossProblem {
  path: KeyPath
  message: string
}

export class RegistryError extends ScanError {
  constructor(
    readonly file: string,
    readonly problems: RegistryProblem[]
  ) {
    super(problems.map((p) => formatProblem(file, p)).join('\n'))
    this.name = 'RegistryError'
  }
}

export function formatProblem(file: string, p: RegistryProblem): string {
  const where = p.keyPath ? ` ${p.keyPath}:` : ''
  return `${file}:${p.line}:${p.col}${where} ${p.message}`
}

export function formatKeyPath(path: KeyPath): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
    ''
  )
}

type Position = { line: number; col: number }

/** The validated data and the line of any key path in it; throws a RegistryError listing every problem. */
export function validateYaml<S extends z.ZodMiniType>(
  text: string,
  file: string,
  schema: S,
  crossCheck: (raw: unknown) => CrossProblem[] = () => []
): { data: z.infer<S>; lineOf: (path: KeyPath) => number } {
  const { doc, lines, value, problems: yamlProblems } = parseYaml(text, { uniqueKeys: true })
  const positionOf = (offset: number): Position => lines.linePos(offset)
  if (yamlProblems.length > 0) {
    const problems = yamlProblems.map((p) => ({
      ...positionOf(p.offset),
      keyPath: '',
      message: `invalid YAML: ${p.message}`
    }))
    throw new RegistryError(file, problems)
  }
  const raw: unknown = value ?? {}
  const parsed = schema.safeParse(raw)
  const schemaProblems = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) => issueProblems(doc, lines, schema, issue))
  const crossProblems = crossCheck(raw).map(({ path, message }) => ({
    ...nodePosition(doc, lines, path),
    keyPath: formatKeyPath(path),
    message
  }))
  const problems = [...schemaProblems, ...crossProblems].sort((a, b) => a.line - b.line || a.col - b.col)
  if (problems.length > 0 || !parsed.success) throw new RegistryError(file, problems)
  return { data: parsed.data, lineOf: (path) => nodePosition(doc, lines, path).line }
}

/** One problem per issue, one per unknown key (zod groups them), and a union's deepest alternative. */
function issueProblems(
  doc: Document,
  lines: LineCounter,
  schema: z.ZodMiniType,
  issue: z.core.$ZodIssue
): RegistryProblem[] {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol')
  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(schema, path)
    return issue.keys.map((key) => ({
      ...nodePosition(doc, lines, [...path, key], true),
      keyPath: formatKeyPath([...path, key]),
      message: `unknown key "${key}"${didYouMean(key, known)}`
    }))
  }
  const inner = issue.code === 'invalid_union' ? deepestAlternative(issue.errors) : []
  if (inner.length > 0)
    return inner.flatMap((i) => issueProblems(doc, lines, schema, { ...i, path: [...path, ...i.path] }))
  const value = doc.getIn(path)
  const got = value === undefined ? '' : `, got ${JSON.stringify(value)}`
  const suggestion =
    issue.code === 'invalid_value' && typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : ''
  return [
    { ...nodePosition(doc, lines, path), keyPath: formatKeyPath(path), message: expectation(issue) + got + suggestion }
  ]
}

/** A union whose one alternative went deeper than the value's type (a bad list item) speaks through it. */
function deepestAlternative(alternatives: z.core.$ZodIssue[][]): z.core.$ZodIssue[] {
  const deep = alternatives.filter((issues) => issues.some((i) => i.path.length > 0))
  return deep.length === 1 ? deep[0] : []
}

/** What the schema expected, in words. */
function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
    case 'too_small':
      if (issue.origin === 'string') return 'expected a non-empty string'
      if (issue.origin === 'number')
        return `expected a number ${issue.inclusive ? 'of at least' : 'above'} ${issue.minimum}`
      return `expected at least ${issue.minimum} item(s)`
    case 'too_big':
      return `expected a number ${issue.inclusive ? 'of at most' : 'below'} ${issue.maximum}`
    default:
      return issue.message
  }
}

/** ` (did you mean "label"?)` when a known name is close to what was written; '' otherwise. */
export function didYouMean(written: string, known: string[]): string {
  const match = nearest(written, known)
  return match === null ? '' : ` (did you mean "${match}"?)`
}

/** The keys an object schema at a key path allows (through defaults, optionals and arrays). */
function keysAt(schema: z.ZodMiniType, path: KeyPath): string[] {
  let node: unknown = schema
  for (const key of [...path, null]) {
    node = unwrap(node)
    const def = (node as { _zod: { def: Record<string, unknown> } })._zod.def
    if (key === null) return def.type === 'object' ? Object.keys(def.shape as object) : []
    if (def.type === 'array' && typeof key === 'number') node = def.element
    else if (def.type === 'object' && typeof key === 'string') node = (def.shape as Record<string, unknown>)[key]
    else return []
    if (node === undefined) return []
  }
  return []
}

function unwrap(node: unknown): unknown {
  let current = node as { _zod: { def: { type: string; innerType?: unknown } } }
  while (['default', 'optional', 'nullable', 'prefault'].includes(current._zod.def.type) && current._zod.def.innerType)
    current = current._zod.def.innerType as typeof current
  return current
}

/** Position of the node at `path` (of its key, with atKey), or of its nearest existing ancestor. */
function nodePosition(doc: Document, lines: LineCounter, path: KeyPath, atKey = false): Position {
  if (atKey && path.length > 0) {
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents
    const pair = isMap(parent)
      ? parent.items.find((p) => (p.key as { value?: unknown })?.value === path[path.length - 1])
      : undefined
    const keyRange = (pair?.key as { range?: number[] } | undefined)?.range
    if (keyRange) return lines.linePos(keyRange[0])
  }
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)
    const range = (node as { range?: number[] } | null | undefined)?.range
    if (range) return lines.linePos(range[0])
  }
  return { line: 1, col: 1 }
}
