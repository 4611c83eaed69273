// Keras v3 `.keras`: a zip with config.json, metadata.json and model.weights.h5 (or .npz).
import { looksLikeText } from './bytes.js'
import type { Archive, Sniffed } from './sniff.js'
import { LIMITS } from './limits.js'

export async function sniffKerasArchive(archive: Archive): Promise<Sniffed | null> {
  if (archive.type !== 'zip') return null
  const byName = new Map(archive.entries.map((e) => [e.name, e]))
  const weights = ['model.weights.h5', 'model.weights.npz'].find((n) => byName.has(n))
  if (!byName.has('config.json') || !weights) return null
  const metadata = await jsonStrings(archive, byName.get('metadata.json'))
  const config = await jsonStrings(archive, byName.get('config.json'))
  const detail: Record<string, unknown> = { weights, metadata }
  if (config.class_name) detail.modelClass = config.class_name
  return { format: 'keras', kind: 'weights', detail }
}

/** Top-level string fields of a small JSON member. */
async function jsonStrings(
  archive: Archive,
  entry: Archive['entries'][number] | undefined
): Promise<Record<string, string>> {
  if (!entry || entry.unreadable) return {}
  const bytes = await archive.read(entry, LIMITS.reads.archiveMetadata)
  if (!looksLikeText(bytes)) return {}
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'string')) as Record<string, string>
  } catch {
    return {}
  }
}
