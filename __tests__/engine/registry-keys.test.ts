// Every key the registry and the baseline accept, taken from their schemas (so a key added later is
// held to the same): documented in docs/policy.md, used in its full examples (which validate), and,
// misspelt wherever it stands, an error at FILE:LINE:COL naming the key path and the key that was
// meant. (adoption/doc-snippets.test.ts validates every other registry snippet in the docs.)
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml'
import type { z } from 'zod/mini'
import { BaselineSchema, parseBaseline } from '../../src/registry/baseline.js'
import { parseRegistry, RegistryError } from '../../src/registry/load.js'
import { RegistrySchema } from '../../src/registry/schema.js'

const ROOT = join(import.meta.dirname, '../..')
const POLICY_DOC = readFileSync(join(ROOT, 'docs/policy.md'), 'utf8')

/** Where a map stands, as `labels[]` or `models[].privacy` ('' for the top), and the keys it may have. */
type KeysByPlace = Map<string, Set<string>>

interface ZodDef {
  type: string
  shape?: Record<string, z.ZodMiniType>
  innerType?: z.ZodMiniType
  element?: z.ZodMiniType
  options?: z.ZodMiniType[]
}

function schemaKeys(schema: z.ZodMiniType, place = '', out: KeysByPlace = new Map()): KeysByPlace {
  const def = (schema as unknown as { _zod: { def: ZodDef } })._zod.def
  if (def.type === 'object' && def.shape) {
    out.set(place, new Set(Object.keys(def.shape)))
    for (const [key, value] of Object.entries(def.shape)) schemaKeys(value, place ? `${place}.${key}` : key, out)
  }
  if (def.innerType) schemaKeys(def.innerType, place, out)
  if (def.element) schemaKeys(def.element, `${place}[]`, out)
  for (const option of def.options ?? []) schemaKeys(option, place, out)
  return out
}

/** Each key written in a YAML text: where it stands, its key path, and its line and column. */
interface WrittenKey {
  place: string
  key: string
  path: string
  offset: number
  line: number
  col: number
}

function writtenKeys(text: string): WrittenKey[] {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines })
  const found: WrittenKey[] = []
  const walk = (node: unknown, place: string, path: string): void => {
    if (isSeq(node)) node.items.forEach((item, i) => walk(item, `${place}[]`, `${path}[${i}]`))
    if (!isMap(node)) return
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue
      const key = String(pair.key.value)
      const offset = (pair.key as Node).range?.[0] ?? 0
      found.push({ place, key, path: path ? `${path}.${key}` : key, offset, ...lines.linePos(offset) })
      walk(pair.value, place ? `${place}.${key}` : key, path ? `${path}.${key}` : key)
    }
  }
  walk(doc.contents, '', '')
  return found
}

/** The fenced ```yaml blocks of a markdown text. */
function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((match) => match[1])
}

/** The text of a markdown section: from its heading to the next heading (outside code) of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n')
  const start = lines.indexOf(heading)
  expect(start).toBeGreaterThanOrEqual(0)
  const level = heading.indexOf(' ')
  let fenced = false
  const end = lines.findIndex((line, i) => {
    if (line.startsWith('```')) fenced = !fenced
    return i > start && !fenced && /^#+ /.test(line) && line.indexOf(' ') <= level
  })
  return lines.slice(start, end < 0 ? undefined : end).join('\n')
}

/** The words inside inline code spans and code blocks: what the docs name as keys. */
function codeWords(markdown: string): Set<string> {
  const code = [...markdown.matchAll(/```[\s\S]*?```|`[^`\n]+`/g)].map((m) => m[0]).join(' ')
  return new Set(code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])
}

function problemsOf(parse: () => unknown): string[] {
  try {
    parse()
  } catch (error) {
    if (error instanceof RegistryError) return error.message.split('\n')
    throw error
  }
  return []
}

const FILE = '.model-registry.yml'
const FILES = {
  registry: { schema: RegistrySchema, parse: (text: string) => parseRegistry(text, FILE) },
  baseline: { schema: BaselineSchema, parse: (text: string) => parseBaseline(text, FILE) }
}

/** The full example of each file in docs/policy.md: the registry's under "A full registry", the baseline's in its section. */
const EXAMPLES = {
  registry: yamlBlocks(section(POLICY_DOC, '## A full registry'))[0],
  baseline: yamlBlocks(section(POLICY_DOC, '## The baseline: turning the gate on in a repository with history'))[0]
}

/** The docs section that must name each key: a top-level key's own `### \`key\`` section; the baseline's section. */
function sectionFor(file: keyof typeof FILES, place: string): string {
  if (file === 'baseline')
    return section(POLICY_DOC, '## The baseline: turning the gate on in a repository with history')
  if (place === '') return section(POLICY_DOC, '## Keys')
  const top = place.split('.')[0]
  return section(POLICY_DOC, `### \`${top}\``)
}

describe.each(Object.keys(FILES) as (keyof typeof FILES)[])('every key of the %s', (file) => {
  const keys = [...schemaKeys(FILES[file].schema)].flatMap(([place, names]) =>
    [...names].map((key) => ({ place, key }))
  )
  const written = writtenKeys(EXAMPLES[file])

  it('comes from the schema (the walk is not true of nothing)', () => {
    expect(keys.length).toBeGreaterThan(file === 'registry' ? 30 : 7)
  })

  it('is named in code in its docs/policy.md section', () => {
    const missing = keys.filter(({ place, key }) => !codeWords(sectionFor(file, place)).has(key))
    expect(missing).toEqual([])
  })

  it('is used in the full example in docs/policy.md, which validates', () => {
    expect(problemsOf(() => FILES[file].parse(EXAMPLES[file]))).toEqual([])
    const used = new Set(written.map((w) => `${w.place} ${w.key}`))
    expect(keys.filter(({ place, key }) => !used.has(`${place} ${key}`))).toEqual([])
  })

  it('misspelt where it stands is an error at FILE:LINE:COL with its key path and the key meant', () => {
    const firsts = [...new Map(written.map((w) => [`${w.place} ${w.key}`, w])).values()]
    for (const { key, path, offset, line, col } of firsts) {
      const typo = `${key}${key.slice(-1)}`
      const text = `${EXAMPLES[file].slice(0, offset)}${typo}${EXAMPLES[file].slice(offset + key.length)}`
      const typoPath = `${path.slice(0, path.length - key.length)}${typo}`
      expect(problemsOf(() => FILES[file].parse(text))).toContain(
        `${FILE}:${line}:${col} ${typoPath}: unknown key "${typo}" (did you mean "${key}"?)`
      )
    }
  })
})
