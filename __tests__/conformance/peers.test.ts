// Other scanners' test-suite classes (docs/conformance.md), recreated by scripts/make-peer-corpus.py:
// every model-ish case is reported under its own name and under a neutral one, by detect() and by
// a real scan of a git repository; the look-alikes stay quiet.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Finding, ScanReport } from '../../src/types.js'
import { detectBytes } from '../detect/helpers.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import { judgedAs, PEERS, readManifest, type Expect } from './manifest.js'

const cases = readManifest()
const neutralName = (index: number): string => `blob${String(index).padStart(3, '0')}`

describe('peer-suite classes through detect()', () => {
  it.each(cases.map((c, index) => [c.name, c.expect, index] as const))('%s (%s)', async (name, expectation, index) => {
    const content = readFileSync(join(PEERS, name))
    const own = await detectBytes(content, name)
    const neutral = await detectBytes(content, neutralName(index))
    const want = wanted(expectation)
    expect({ own: judgedAs(own, want.own), neutral: judgedAs(neutral, want.neutral) }).toEqual(want)
  })
})

/** What each expectation requires of the own-name and neutral-name verdicts. */
function wanted(expectation: Expect): { own: Expect; neutral: Expect } {
  if (expectation === 'named') return { own: 'report', neutral: 'quiet' }
  return { own: expectation, neutral: expectation }
}

describe('peer-suite classes through a real scan', () => {
  let root: string
  const reports: Record<'own' | 'neutral', ScanReport> = {} as never

  beforeAll(async () => {
    root = tempDir('mlg-peers-')
    const repo = TestRepo.init(join(root, 'repo'))
    // Two unrelated histories: identical blobs under two names would be one blob in one range.
    for (const side of ['own', 'neutral'] as const) {
      repo.git('checkout', '-q', '--orphan', side)
      repo.git('rm', '-rq', '--cached', '--ignore-unmatch', '.')
      cases.forEach((c, index) => repo.write(`${side}/${side === 'own' ? c.name : neutralName(index)}`, c.content))
      repo.git('add', side)
      repo.git('commit', '-qm', side)
      const result = await cli(repo.dir, ['scan', side, '--format', 'json'])
      expect(result.stderr).toBe('')
      reports[side] = JSON.parse(result.stdout) as ScanReport
    }
  })
  afterAll(() => cleanup(root))

  it('every case keeps its expectation under its own name and a neutral one', () => {
    // The same bytes under two names are one blob: the JSON report names the other paths in detail.alsoAt.
    const pathsOf = (f: Finding): string[] => [f.path, ...((f.detail.alsoAt as string[] | undefined) ?? [])]
    const byPath = (side: 'own' | 'neutral', path: string): Finding[] =>
      reports[side].findings.filter((f) => pathsOf(f).includes(`${side}/${path}`))
    const seen = cases.map((c, index) => ({
      name: c.name,
      own: judgedAs(byPath('own', c.name), wanted(c.expect).own),
      neutral: judgedAs(byPath('neutral', neutralName(index)), wanted(c.expect).neutral)
    }))
    expect(seen).toEqual(cases.map((c) => ({ name: c.name, ...wanted(c.expect) })))
  })

  it('the scans read every blob', () => {
    const distinct = new Set(cases.map((c) => c.content.toString('base64'))).size
    expect(reports.own.stats.blobs).toBe(distinct)
    expect(reports.neutral.stats.blobs).toBe(distinct)
  })
})
