// The Action's renderings: size guards of the summary and the PR comment, SARIF's rules and
// fingerprints, annotation levels per mode. Pure functions over a hand-made report.
import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { annotationsFor, ANNOTATION_CAP } from '../../src/report/annotations.js'
import { COMMENT_LIMIT, COMMENT_MARKER, renderPullRequestComment } from '../../src/report/pr-comment.js'
import { FINGERPRINT_KEY, renderSarif } from '../../src/report/sarif.js'
import { renderFailureSummary, renderSummary, SUMMARY_LIMIT_BYTES } from '../../src/report/summary.js'
import type { Finding, ScanReport, Verdict } from '../../src/types.js'
import { cleanup } from '../helpers/repo.js'
import { expectValidSarif } from './sarif-schema.js'

function finding(i: number, verdict: Verdict = 'block', extra: Partial<Finding> = {}): Finding {
  return {
    path: `models/${i}/weights | odd \`name\`.safetensors`,
    member: null,
    blob: i.toString(16).padStart(40, 'a'),
    commit: 'c'.repeat(40),
    format: 'safetensors',
    kind: 'weights',
    alsoAt: [],
    datasets: [{ status: 'registered', id: 'ukbb', label: 'restricted', source: 'registry' }],
    parents: [],
    verdict,
    reasons: ['trained on ukbb (restricted)'],
    fix: ['keep it out of git'],
    detail: {},
    ...extra
  }
}

function report(findings: Finding[]): ScanReport {
  const verdict = findings.some((f) => f.verdict === 'block') ? 'block' : findings.length ? findings[0].verdict : 'pass'
  return {
    version: 1,
    verdict,
    mode: 'enforce',
    findings,
    notices: [],
    stats: {
      commits: 3,
      blobs: findings.length,
      artifacts: findings.length,
      bytesRead: 0,
      ms: 5,
      excluded: 0,
      missingBlobs: 0,
      submodules: 0
    }
  }
}

describe('job summary', () => {
  test('fits 1 MiB however many findings, most severe first, and counts what it left out', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => finding(i, i === 19_999 ? 'block' : 'pass'))
    const text = renderSummary(report(many), { mode: 'enforce', range: 'push: a..b' })
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    const rows = text
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| Verdict') && !line.startsWith('| ---'))
    expect(rows[0]).toContain('⛔ block')
    expect(text).toContain(`…and ${many.length - rows.length} more finding(s) left out`)
  })

  test('says what warn mode does with a block, and keeps table cells intact', () => {
    const text = renderSummary(report([finding(1)]), { mode: 'warn', range: 'pull_request #7: a..b' })
    expect(text).toContain('reported as a warning (mode: warn)')
    expect(text).toContain('``')
    expect(
      text
        .split('\n')
        .find((l) => l.startsWith('| ⛔'))
        ?.split(/(?<!\\)\|/).length
    ).toBe(8)
  })

  test('an error becomes a summary too', () => {
    expect(renderFailureSummary('not a git repository: /x')).toContain('not a git repository: /x')
  })
})

test('the PR comment ends with its marker and stays under 65536 characters', () => {
  const many = Array.from({ length: 5_000 }, (_, i) => finding(i))
  const body = renderPullRequestComment(report(many), { mode: 'enforce', head: 'd'.repeat(40) })
  expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
  expect(body.endsWith(COMMENT_MARKER)).toBe(true)
  expect(body).toContain('more finding(s) left out')
})

describe('SARIF', () => {
  const findings = [
    finding(1),
    finding(2, 'warn', { kind: 'pickle', format: 'pickle', member: 'bundle/inner.pkl' }),
    finding(3, 'pass', { kind: 'knn-index', format: 'faiss' }),
    finding(4, 'block', { kind: 'unknown', format: 'unknown', path: '' })
  ]
  const sarif = JSON.parse(renderSarif(report(findings)))

  test('is valid 2.1.0, with one rule per kind and a level per verdict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlg-sarif-'))
    writeFileSync(join(dir, 'out.sarif'), JSON.stringify(sarif))
    expectValidSarif(join(dir, 'out.sarif'))
    writeFileSync(
      join(dir, 'bad.sarif'),
      JSON.stringify({
        ...sarif,
        runs: [{ ...sarif.runs[0], results: [{ ...sarif.runs[0].results[0], level: 'fatal' }] }]
      })
    )
    expect(() => expectValidSarif(join(dir, 'bad.sarif'))).toThrow(/level/)
    cleanup(dir)
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'model-leak/weights',
      'model-leak/pickle',
      'model-leak/knn-index',
      'model-leak/data',
      'model-leak/unknown'
    ])
    expect(sarif.runs[0].results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'error'])
  })

  test('locates results by an encoded path and fingerprints them by blob and member', () => {
    const [first, second, pathless] = sarif.runs[0].results
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toBe(
      'models/1/weights%20%7C%20odd%20%60name%60.safetensors'
    )
    expect(first.partialFingerprints[FINGERPRINT_KEY]).toBe(findings[0].blob)
    expect(second.partialFingerprints[FINGERPRINT_KEY]).toBe(`${findings[1].blob}:bundle/inner.pkl`)
    expect(second.message.text).toContain('bundle/inner.pkl')
    expect(pathless.locations).toBeUndefined()
    expect(JSON.parse(renderSarif(report(findings))).runs[0].results[0].partialFingerprints).toEqual(
      first.partialFingerprints
    )
  })
})

describe('SARIF results', () => {
  test('leave out passing models: nothing anyone has to dismiss', () => {
    const results = JSON.parse(renderSarif(report([finding(1, 'pass'), finding(2, 'pass')]))).runs[0].results
    expect(results).toEqual([])
  })

  test('say in sentences what leaves, why and what to do, without internal ids', () => {
    const blocked = finding(1, 'block', {
      path: 'models/risk.safetensors',
      alsoAt: [{ path: 'models/copy.safetensors', commit: 'e'.repeat(40) }],
      fix: ['keep it in access-controlled storage, not in git']
    })
    const [result] = JSON.parse(renderSarif(report([blocked]))).runs[0].results
    expect(result.message.text).toBe(
      'Model weights (safetensors) at models/risk.safetensors (the same bytes are also at models/copy.safetensors) would leave the repository: it must not. Trained on ukbb (restricted). What to do: Keep it in access-controlled storage, not in git.'
    )
    expect(result.message.text).not.toContain('c'.repeat(12))
  })
})

describe('annotations', () => {
  test('carry the file, and a block is an error in enforce mode but a warning in warn mode', () => {
    const findings = [finding(1), finding(2, 'pass')]
    expect(annotationsFor(report(findings), 'enforce').map((a) => [a.level, a.file])).toEqual([
      ['error', findings[0].path],
      ['notice', findings[1].path]
    ])
    expect(annotationsFor(report(findings), 'warn')[0].level).toBe('warning')
  })

  test('are capped, and the rest counted', () => {
    const shown = annotationsFor(report(Array.from({ length: ANNOTATION_CAP + 7 }, (_, i) => finding(i))), 'enforce')
    expect(shown).toHaveLength(ANNOTATION_CAP + 1)
    expect(shown[ANNOTATION_CAP].message).toContain('7 more finding(s)')
  })
})
