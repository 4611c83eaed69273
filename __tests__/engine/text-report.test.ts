// The human report: every path of the same bytes on the finding itself, counts in words that agree
// with their numbers, notices, and what warn mode does with a block.
import { describe, expect, it } from '@jest/globals'
import { blockAdvice } from '../../src/commands/pre-push.js'
import { coverageLine, renderText } from '../../src/report/text.js'
import type { Finding, ScanReport, ScanStats } from '../../src/types.js'

const C = 'c'.repeat(40)
const E = 'e'.repeat(40)
const finding: Finding = {
  path: 'models/a.safetensors',
  member: null,
  blob: 'b'.repeat(40),
  commit: C,
  alsoAt: [{ path: 'models/b.safetensors', commit: E }],
  parents: [],
  format: 'safetensors',
  kind: 'weights',
  datasets: [{ status: 'registered', id: 'ukbb', label: 'restricted', source: 'model-card' }],
  verdict: 'block',
  reasons: ['trained on ukbb (restricted)'],
  fix: [],
  detail: {}
}
const stats = (commits: number, blobs: number, artifacts: number): ScanStats => ({
  commits,
  blobs,
  artifacts,
  bytesRead: 0,
  ms: 3,
  excluded: 0,
  missingBlobs: 0,
  submodules: 0
})
const report = (mode: 'enforce' | 'warn', notices: string[] = []): ScanReport => ({
  version: 1,
  verdict: 'block',
  mode,
  findings: [finding],
  notices,
  stats: stats(1, 2, 1)
})

describe('text report', () => {
  it('lists every path of the same bytes on the finding, not only in a fix line', () => {
    expect(renderText(report('enforce'), { colour: false }).split('\n').slice(0, 3)).toEqual([
      'BLOCK models/a.safetensors  [safetensors, weights] in cccccccccccc',
      '      same bytes also at: models/b.safetensors (in eeeeeeeeeeee)',
      '      datasets: ukbb (restricted, from model-card)'
    ])
  })

  it('counts in the singular for one and the plural otherwise', () => {
    expect(coverageLine(stats(1, 1, 1))).toBe('scanned 1 commit, 1 blob, 1 artifact in 3 ms')
    expect(coverageLine(stats(0, 2, 0))).toBe('scanned 0 commits, 2 blobs, 0 artifacts in 3 ms')
  })

  it('prints notices, and says a block in warn mode is reported, not enforced', () => {
    const text = renderText(report('warn', ['stale waiver: waivers[0] (…) matches no artifact in this scan']), {
      colour: false
    })
    expect(text).toContain('note: stale waiver: waivers[0] (…) matches no artifact in this scan\n')
    expect(text).toContain('verdict: block (policy.mode: warn: reported, not enforced; ')
  })
})

describe('pre-push block advice', () => {
  it('names every path of the blocked bytes, each with the commit that added it', () => {
    const advice = blockAdvice({ name: 'origin', url: 'git@example.com:a/b.git' }, [finding])
    expect(advice).toContain('stopped: 2 file(s) above')
    expect(advice).toContain('  models/a.safetensors (added in cccccccccccc):')
    expect(advice).toContain('  models/b.safetensors (added in eeeeeeeeeeee):')
  })
})
