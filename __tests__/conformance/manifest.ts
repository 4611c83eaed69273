// The peer corpus's manifest (scripts/make-peer-corpus.py) and how a set of findings is judged
// against an expectation.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Detection } from '../../src/types.js'

export const PEERS = join(import.meta.dirname, '..', 'fixtures', 'peers')

/** report: found or unknown; any: any finding; data: only kind data; quiet: nothing; named: reported by its name only. */
export type Expect = 'report' | 'any' | 'data' | 'quiet' | 'named'

export interface PeerCase {
  name: string
  expect: Expect
  what: string
  content: Buffer
}

export function readManifest(): PeerCase[] {
  return readFileSync(join(PEERS, 'manifest.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name, expect, what] = line.split('\t')
      return { name, expect: expect as Expect, what, content: readFileSync(join(PEERS, name)) }
    })
}

/**
 * The strongest thing the findings say, in the manifest's words: `report` when any is a model or
 * unknown, `data` when all are data, `quiet` when there are none; `any` for any finding where that is enough.
 */
export function judgedAs(found: Pick<Detection, 'kind'>[], expectation: Expect): string {
  if (found.length === 0) return 'quiet'
  if (expectation === 'any') return 'any'
  return found.some((d) => d.kind !== 'data') ? 'report' : 'data'
}
