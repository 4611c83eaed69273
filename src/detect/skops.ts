// skops (`.skops`): a zip whose `schema.json` describes the estimator tree (`__class__`,
// `__module__`, `__loader__`) and whose arrays are `.npy` members. No pickle, but a model all the same.
import { looksLikeText } from './bytes.js'
import { LIMITS } from './limits.js'
import { neighbourClasses } from './pickle.js'
import type { Archive, Sniffed } from './sniff.js'

export async function sniffSkops(archive: Archive): Promise<Sniffed | null> {
  if (archive.type !== 'zip') return null
  const schema = archive.entries.find((e) => e.name === 'schema.json')
  if (!schema || schema.unreadable) return null
  const bytes = await archive.read(schema, LIMITS.reads.archiveMetadata)
  const parsed = looksLikeText(bytes) ? parseJson(bytes.toString('utf8')) : undefined
  if (!isSkopsSchema(parsed)) {
    if (bytes.length >= schema.size) return null // a whole schema.json that is not skops': another zip
    const reason = 'skops-like schema.json longer than the bytes read: not inspected'
    return { format: 'skops', kind: 'unknown', detail: { reason } }
  }
  const classes = classesIn(parsed)
  const neighbours = neighbourClasses(classes)
  const detail: Record<string, unknown> = { topClass: classes[0] ?? null, classes: classes.slice(0, 64) }
  if (neighbours.length > 0) detail.neighbourClasses = neighbours
  return { format: 'skops', kind: neighbours.length > 0 ? 'knn-index' : 'weights', detail }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isSkopsSchema(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false
  const node = value as Record<string, unknown>
  return typeof node.__class__ === 'string' && ('_skops_version' in node || 'protocol' in node)
}

/** `module.Class` of every node in the schema tree, in document order (bounded). */
function classesIn(root: unknown): string[] {
  const found: string[] = []
  const queue: unknown[] = [root]
  for (let seen = 0; queue.length > 0 && seen < LIMITS.skopsNodes; seen++) {
    const node = queue.shift()
    if (!node || typeof node !== 'object') continue
    const record = node as Record<string, unknown>
    if (typeof record.__class__ === 'string' && typeof record.__module__ === 'string')
      found.push(`${record.__module__}.${record.__class__}`)
    queue.push(...Object.values(record))
  }
  return [...new Set(found)]
}
