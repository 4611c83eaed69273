// YAML read for provenance: the parsed value, every parse error with its line, and the line of any
// key path, so each claim can say where it was read.
import { parseYaml, type KeyPath } from '../registry/yaml-document.js'

export interface YamlFile {
  value: unknown
  errors: { line: number; message: string }[]
  /** 1-based line of the node at a key path in the original file, or undefined when absent. */
  lineOf(path: KeyPath): number | undefined
}

/** Parses YAML that starts at `firstLine` of its file (front matter starts on line 2). */
export function parseYamlFile(text: string, firstLine = 1): YamlFile {
  const { doc, lines, value, problems } = parseYaml(text, { uniqueKeys: false })
  const toFileLine = (offset: number): number => lines.linePos(offset).line + firstLine - 1
  return {
    value,
    errors: problems.map((p) => ({ line: toFileLine(p.offset), message: p.message })),
    lineOf(path) {
      const node = path.length ? doc.getIn(path, true) : doc.contents
      const range = (node as { range?: number[] } | null | undefined)?.range
      return range ? toFileLine(range[0]) : undefined
    }
  }
}

/** A YAML value as a list of names: a string is one name, a list keeps its scalar items. */
export function namesIn(value: unknown): { name: string; index: number | null }[] {
  if (typeof value === 'string' || typeof value === 'number') return [{ name: String(value), index: null }]
  if (!Array.isArray(value)) return []
  return value.flatMap((item, index) =>
    typeof item === 'string' || typeof item === 'number' ? [{ name: String(item), index }] : []
  )
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
