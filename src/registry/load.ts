// Reads and validates a registry file. Every error names FILE:LINE:COL, the key path and what
// was expected, so a user can jump straight to the mistake.
import { readFile } from 'node:fs/promises'
import { isMap, LineCounter, parseDocument, type Document } from 'yaml'
import type { z } from 'zod/mini'
import { ScanError } from '../errors.js'
import { Registry } from './registry.js'
import { RegistrySchema, type RegistryData } from './schema.js'

type KeyPath = (string | number)[]

export interface RegistryProblem {
  line: number
  col: number
  keyPath: string
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

/** Reads a registry file; a missing file is an error here (the caller decides about defaults). */
export async function loadRegistryFile(file: string, shownAs: string = file): Promise<Registry> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new ScanError(
      `${shownAs}: cannot read the registry: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
    )
  }
  return parseRegistry(text, shownAs)
}

export function parseRegistry(text: string, file: string): Registry {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const positionOf = (offset: number): { line: number; col: number } => lines.linePos(offset)
  if (doc.errors.length > 0) {
    throw new RegistryError(
      file,
      doc.errors.map((e) => ({
        ...positionOf(e.pos[0]),
        keyPath: '',
        message: `invalid YAML: ${firstLine(e.message)}`
      }))
    )
  }
  const raw: unknown = doc.toJS() ?? {}
  const parsed = RegistrySchema.safeParse(raw)
  if (!parsed.success) {
    throw new RegistryError(
      file,
      parsed.error.issues.flatMap((issue) => schemaProblems(doc, positionOf, issue))
    )
  }
  const crossProblems = crossCheck(parsed.data).map(({ path, message }) => ({
    ...nodePosition(doc, positionOf, path),
    keyPath: formatKeyPath(path),
    message
  }))
  if (crossProblems.length > 0) throw new RegistryError(file, crossProblems)
  return new Registry(parsed.data, file, (path) => nodePosition(doc, positionOf, path).line)
}

function firstLine(message: string): string {
  return message.split('\n')[0]
}

/** One problem per issue, and one per unknown key (zod groups the unknown keys of an object). */
function schemaProblems(
  doc: Document,
  positionOf: (offset: number) => { line: number; col: number },
  issue: z.core.$ZodIssue
): RegistryProblem[] {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol')
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      ...nodePosition(doc, positionOf, [...path, key], true),
      keyPath: formatKeyPath([...path, key]),
      message: `unknown key "${key}"`
    }))
  }
  const value = doc.getIn(path)
  const got = value === undefined ? '' : `, got ${JSON.stringify(value)}`
  return [{ ...nodePosition(doc, positionOf, path), keyPath: formatKeyPath(path), message: expectation(issue) + got }]
}

/** What the schema expected, in words. */
function expectation(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
  if (issue.code === 'too_small')
    return issue.origin === 'string' ? 'expected a non-empty string' : `expected at least ${issue.minimum} item(s)`
  return issue.message
}

/** Position of the node at `path` (of its key, with atKey), or of its nearest existing ancestor. */
function nodePosition(
  doc: Document,
  positionOf: (offset: number) => { line: number; col: number },
  path: KeyPath,
  atKey = false
): { line: number; col: number } {
  if (atKey && path.length > 0) {
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents
    const pair = isMap(parent)
      ? parent.items.find((p) => (p.key as { value?: unknown })?.value === path[path.length - 1])
      : undefined
    const keyRange = (pair?.key as { range?: number[] } | undefined)?.range
    if (keyRange) return positionOf(keyRange[0])
  }
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)
    const range = (node as { range?: number[] } | null | undefined)?.range
    if (range) return positionOf(range[0])
  }
  return { line: 1, col: 1 }
}

interface CrossProblem {
  path: KeyPath
  message: string
}

/** Checks that need the whole document: declared labels, unique names, resolvable trained_on. */
export function crossCheck(data: RegistryData): CrossProblem[] {
  const problems: CrossProblem[] = []
  const labelNames = data.labels.map((l) => l.name)
  const declared = labelNames.join(', ')
  const seenLabels = new Set<string>()
  data.labels.forEach((label, i) => {
    if (seenLabels.has(label.name))
      problems.push({ path: ['labels', i, 'name'], message: `duplicate label "${label.name}"` })
    seenLabels.add(label.name)
  })
  const names = new Map<string, string>()
  data.datasets.forEach((dataset, i) => {
    if (!labelNames.includes(dataset.label)) {
      problems.push({
        path: ['datasets', i, 'label'],
        message: `"${dataset.label}" is not a declared label (${declared})`
      })
    }
    const claim = (name: string, path: KeyPath): void => {
      const owner = names.get(name)
      if (owner !== undefined) problems.push({ path, message: `"${name}" is already used by dataset "${owner}"` })
      else names.set(name, dataset.id)
    }
    claim(dataset.id, ['datasets', i, 'id'])
    dataset.aliases.forEach((alias, j) => claim(alias, ['datasets', i, 'aliases', j]))
  })
  const modelPaths = data.models.map((m) => m.path)
  data.models.forEach((model, i) => {
    model.trained_on.forEach((name, j) => {
      if (names.has(name) || Registry.matchesAnyGlob(name, modelPaths)) return
      problems.push({
        path: ['models', i, 'trained_on', j],
        message: `"${name}" is neither a dataset id or alias nor a model path in models[]`
      })
    })
  })
  return [...problems, ...lineageCycles(data, names)]
}

/** A model trained (transitively) on itself: reported once per cycle, at the trained_on entry that closes it. */
function lineageCycles(data: RegistryData, datasetNames: Map<string, string>): CrossProblem[] {
  const problems: CrossProblem[] = []
  const reported = new Set<string>()
  const done = new Set<number>() // fully explored: no cycle left through it
  const parentsOf = (i: number): { j: number; name: string; k: number }[] =>
    data.models[i].trained_on.flatMap((name, j) =>
      datasetNames.has(name)
        ? []
        : data.models.flatMap((m, k) => (Registry.matchesAnyGlob(name, [m.path]) ? [{ j, name, k }] : []))
    )
  const visit = (i: number, stack: { index: number; label: string }[]): void => {
    for (const { j, name, k } of parentsOf(i)) {
      const at = stack.findIndex((s) => s.index === k)
      if (at < 0) {
        if (!done.has(k)) visit(k, [...stack, { index: k, label: name }])
        continue
      }
      const cycle = stack.slice(at)
      const key = cycle
        .map((s) => s.index)
        .sort((a, b) => a - b)
        .join(',')
      if (reported.has(key)) continue
      reported.add(key)
      problems.push({
        path: ['models', i, 'trained_on', j],
        message: `lineage cycle ${[...cycle.map((s) => s.label), name].join(' → ')}`
      })
    }
    done.add(i)
  }
  data.models.forEach((model, i) => done.has(i) || visit(i, [{ index: i, label: model.path }]))
  return problems
}
