// YAML as every reader here parses it: with line numbers for messages, and with alias expansion
// bounded, so a small file that expands into millions of nodes (an alias bomb) is a parse error
// at the alias, never a hang or an internal error.
import { LineCounter, parseDocument, visit, type Document } from 'yaml'

/** A key path into a YAML document: map keys and sequence indexes (`['datasets', 0, 'label']`). */
export type KeyPath = (string | number)[]

/** Aliases one document may expand; a registry or a model card needs a handful at most. */
export const MAX_ALIAS_EXPANSIONS = 100

export interface YamlProblem {
  /** Offset in the text where the problem is. */
  offset: number
  message: string
}

export interface ParsedYaml {
  doc: Document
  lines: LineCounter
  /** The document as plain data; undefined when there are problems. */
  value: unknown
  problems: YamlProblem[]
}

export function parseYaml(text: string, options: { uniqueKeys: boolean }): ParsedYaml {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: options.uniqueKeys })
  const problems = doc.errors.map((e) => ({ offset: e.pos[0], message: e.message.split('\n')[0] }))
  if (problems.length > 0) return { doc, lines, value: undefined, problems }
  try {
    return { doc, lines, value: doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS }), problems }
  } catch (error) {
    // yaml throws a ReferenceError for an alias it cannot resolve or one that expands too far.
    if (!(error instanceof ReferenceError)) throw error
    return { doc, lines, value: undefined, problems: [{ offset: firstAlias(doc), message: aliasMessage(error) }] }
  }
}

function aliasMessage(error: ReferenceError): string {
  return /excessive alias count/i.test(error.message)
    ? `aliases expand to too many nodes (over ${MAX_ALIAS_EXPANSIONS} expansions): is it an alias bomb?`
    : error.message
}

/** Where the first alias is written: the place to look at when aliases cannot be expanded. */
function firstAlias(doc: Document): number {
  let offset = 0
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0
      return visit.BREAK
    }
  })
  return offset
}
