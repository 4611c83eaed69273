// The known name closest to a misspelt one, for "did you mean ...?" hints.
// fastest-levenshtein (MIT, no dependencies, bundled into dist like every dependency): edit distance is
// not ours to hand-write.
import { distance } from 'fastest-levenshtein'

/** The closest known name within a third of the written one's length (at least 2 edits); null when none is. */
export function nearest(written: string, known: string[]): string | null {
  const budget = Math.max(2, Math.floor(written.length / 3))
  let best: { name: string; edits: number } | null = null
  for (const name of new Set(known)) {
    if (name === written) continue
    const edits = distance(written.toLowerCase(), name.toLowerCase())
    if (edits <= budget && (best === null || edits < best.edits)) best = { name, edits }
  }
  return best?.name ?? null
}
