// Verdicts are pure: findings + registry in, verdict, reasons and fixes out.
import { describe, expect, it } from '@jest/globals'
import { judge, worst } from '../../src/policy/verdict.js'
import { parseRegistry } from '../../src/registry/load.js'
import type { Artifact, ResolvedDataset } from '../../src/types.js'

const registry = (policy = '') =>
  parseRegistry(
    `version: 1\ndatasets:\n  - { id: ukbb, label: restricted }\n  - { id: cifar, label: public }\n  - { id: crm, label: confidential }\n${policy}`,
    'reg.yml'
  )
const artifact: Artifact = {
  member: null,
  format: 'pickle',
  kind: 'pickle',
  detail: {},
  blob: { id: 'b'.repeat(40), path: 'models/m.pkl', commit: 'c'.repeat(40), size: 10 }
}
const registered = (id: string, label: string): ResolvedDataset => ({
  status: 'registered',
  id,
  label,
  source: 'registry'
})
const unregistered = (name: string): ResolvedDataset => ({ status: 'unregistered', name, source: 'model-card' })

describe('judge', () => {
  it('blocks when any dataset carries a blocking label, naming each', () => {
    const j = judge(
      artifact,
      [registered('cifar', 'public'), registered('ukbb', 'restricted'), registered('crm', 'confidential')],
      registry()
    )
    expect(j.verdict).toBe('block')
    expect(j.reasons).toEqual(['trained on ukbb (restricted)', 'trained on crm (confidential)'])
    expect(j.fix.join('\n')).toMatch(/git rm --cached -- 'models\/m\.pkl'/)
  })

  it('passes public-only training data with no fixes', () => {
    expect(judge(artifact, [registered('cifar', 'public')], registry())).toEqual({
      verdict: 'pass',
      reasons: ['trained on cifar (public)'],
      fix: []
    })
  })

  it('applies policy.unknown_provenance when no dataset is known', () => {
    expect(judge(artifact, [], registry()).verdict).toBe('block')
    expect(judge(artifact, [], registry('policy:\n  unknown_provenance: warn\n')).verdict).toBe('warn')
    expect(judge(artifact, [], registry('policy:\n  unknown_provenance: allow\n')).verdict).toBe('pass')
  })

  it('applies policy.unregistered_dataset to names the registry does not know', () => {
    const datasets = [unregistered('some-hub/dataset')]
    expect(judge(artifact, datasets, registry()).reasons[0]).toMatch(/unregistered dataset "some-hub\/dataset"/)
    expect(judge(artifact, datasets, registry('policy:\n  unregistered_dataset: warn\n')).verdict).toBe('warn')
    expect(judge(artifact, datasets, registry('policy:\n  unregistered_dataset: allow\n')).verdict).toBe('pass')
  })
})

describe('worst', () => {
  it('orders pass < warn < block and is pass for nothing', () => {
    expect(worst([])).toBe('pass')
    expect(worst(['pass', 'warn'])).toBe('warn')
    expect(worst(['warn', 'block', 'pass'])).toBe('block')
  })
})
