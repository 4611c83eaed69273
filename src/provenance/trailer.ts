// Source `trailer`: `Trained-on: <name>[, <name>]` lines in the message of the commit that
// introduced the artifact (key case-insensitive, any number of lines, folded continuations joined).
import type { Artifact, DatasetClaim } from '../types.js'
import { defineSource, type ProvenanceContext } from './source.js'

const TRAILER = /^trained-on\s*:(.*)$/i

export interface TrailerLine {
  line: number
  names: string[]
}

/** Every Trained-on trailer in a commit message, with its 1-based line. Pure. */
export function trainedOnTrailers(message: string): TrailerLine[] {
  const lines = message.split(/\r?\n/)
  const found: TrailerLine[] = []
  lines.forEach((text, i) => {
    const match = TRAILER.exec(text)
    if (!match) return
    let value = match[1]
    for (let next = i + 1; next < lines.length && /^[ \t]+\S/.test(lines[next]); next++)
      value += ` ${lines[next].trim()}`
    found.push({ line: i + 1, names: splitNames(value) })
  })
  return found
}

function splitNames(value: string): string[] {
  return value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0)
}

export function commitLabel(commit: string): string {
  return `commit ${commit.slice(0, 12)}`
}

export const trailerSource = defineSource('trailer', async (artifact: Artifact, context: ProvenanceContext) => {
  const file = commitLabel(artifact.blob.commit)
  const trailers = trainedOnTrailers(await context.commitMessage(artifact.blob.commit))
  const claims: DatasetClaim[] = trailers.flatMap(({ line, names }) =>
    names.map((name) => ({
      type: 'dataset' as const,
      name,
      source: 'trailer' as const,
      evidence: { file, line, note: 'Trained-on trailer' }
    }))
  )
  const notes = trailers.length
    ? trailers.map(({ line, names }) => ({ file, line, text: `Trained-on: ${names.join(', ')}` }))
    : [{ text: `${file} has no Trained-on trailer` }]
  return { claims, parents: [], notes }
})
