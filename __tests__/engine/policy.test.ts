// Verdicts are pure: an artifact, what provenance found, the registry and where the objects go in;
// verdict, reasons and fixes out. One block per rule of the policy.
import { describe, expect, it } from '@jest/globals'
import { allowedBy, comparableUrl, describeDestination } from '../../src/policy/destination.js'
import { staleWaivers, waiverFor } from '../../src/policy/exceptions.js'
import { judge, worst, type ArtifactEvidence, type PolicyContext } from '../../src/policy/verdict.js'
import { parseBaseline } from '../../src/registry/baseline.js'
import { parseRegistry } from '../../src/registry/load.js'
import type { Registry } from '../../src/registry/registry.js'
import type { Artifact, Destination, Finding, Kind, PrivacyClaim, ResolvedDataset, RunsIn } from '../../src/types.js'

const BLOB = 'b'.repeat(40)
const LABELS = `labels:
  - { name: public }
  - { name: internal, block: [knn-index], allowed_destinations: [private] }
  - { name: confidential, block: true, dp_max_epsilon: 3 }
  - { name: restricted, block: true, allowed_destinations: ["git@github.com:acme/*", "https://git.internal.example/**"] }
`
const registry = (extra = ''): Registry =>
  parseRegistry(
    `version: 1\n${LABELS}datasets:\n  - { id: ukbb, label: restricted, paths: ["data/ukbb/**"] }\n  - { id: cifar, label: public }\n  - { id: crm, label: confidential }\n  - { id: tickets, label: internal }\n${extra}`,
    { file: '.model-registry.yml', edit: '.model-registry.yml on main' }
  )
const artifact = (kind: Kind = 'pickle', path = 'models/m.pkl'): Artifact => ({
  member: null,
  format: kind === 'knn-index' ? 'faiss' : 'pickle',
  kind,
  detail: {},
  blob: { id: BLOB, path, commit: 'c'.repeat(40), size: 10 }
})
const registered = (id: string, label: string): ResolvedDataset => ({
  status: 'registered',
  id,
  label,
  source: 'registry'
})
const unregistered = (name: string): ResolvedDataset => ({ status: 'unregistered', name, source: 'model-card' })
const trainedOn = (...datasets: ResolvedDataset[]): ArtifactEvidence => ({ datasets, holds: [], privacy: [] })
const dp = (epsilon: number): PrivacyClaim => ({ mechanism: 'dp-sgd', epsilon, delta: 1e-5, source: 'registry' })
const context = (
  reg: Registry,
  more: { destination?: Destination; runsIn?: RunsIn; today?: string } = {}
): PolicyContext => ({
  registry: reg,
  runsIn: more.runsIn ?? 'pre-push',
  today: more.today ?? '2025-06-15',
  destination: more.destination
})

describe('labels and datasets', () => {
  it('blocks when any dataset carries a blocking label, naming each', () => {
    const j = judge(
      artifact(),
      trainedOn(registered('cifar', 'public'), registered('ukbb', 'restricted'), registered('crm', 'confidential')),
      context(registry())
    )
    expect(j.verdict).toBe('block')
    expect(j.reasons).toEqual([
      'trained on ukbb (restricted): restricted may go only to git@github.com:acme/*, https://git.internal.example/**, and where this goes is not known here',
      'trained on crm (confidential)'
    ])
    expect(j.fix.join('\n')).toMatch(/git rm --cached -- 'models\/m\.pkl'/)
  })

  it('passes public-only training data with no fixes', () => {
    expect(judge(artifact(), trainedOn(registered('cifar', 'public')), context(registry()))).toEqual({
      verdict: 'pass',
      reasons: ['trained on cifar (public)'],
      fix: []
    })
  })

  it('applies policy.unknown_provenance when no dataset is known', () => {
    expect(judge(artifact(), trainedOn(), context(registry())).verdict).toBe('block')
    expect(judge(artifact(), trainedOn(), context(registry('policy:\n  unknown_provenance: warn\n'))).verdict).toBe(
      'warn'
    )
    expect(judge(artifact(), trainedOn(), context(registry('policy:\n  unknown_provenance: allow\n'))).verdict).toBe(
      'pass'
    )
  })

  it('applies policy.unregistered_dataset to names the registry does not know, and names the file to edit with its branch', () => {
    const datasets = trainedOn(unregistered('some-hub/dataset'))
    const blocked = judge(artifact(), datasets, context(registry()))
    expect(blocked.reasons[0]).toMatch(/unregistered dataset "some-hub\/dataset"/)
    expect(blocked.fix[0]).toBe(
      'register "some-hub/dataset" in .model-registry.yml on main under datasets: with its sensitivity label'
    )
    expect(judge(artifact(), datasets, context(registry('policy:\n  unregistered_dataset: warn\n'))).verdict).toBe(
      'warn'
    )
    expect(judge(artifact(), datasets, context(registry('policy:\n  unregistered_dataset: allow\n'))).verdict).toBe(
      'pass'
    )
  })
})

describe('kinds that memorize: labels[].block as a list of kinds', () => {
  it('blocks a k-NN index of internal data, naming the kind and why; a classifier of the same data passes', () => {
    const index = judge(artifact('knn-index'), trainedOn(registered('tickets', 'internal')), context(registry()))
    expect(index.verdict).toBe('block')
    expect(index.reasons[0]).toBe(
      'trained on tickets (internal): internal blocks knn-index, and a k-NN or vector index stores its training records verbatim; internal may go only to private, and where this goes is not known here'
    )
    const weights = judge(artifact('weights'), trainedOn(registered('tickets', 'internal')), context(registry()))
    expect(weights).toEqual({
      verdict: 'pass',
      reasons: ['trained on tickets (internal); internal blocks only knn-index'],
      fix: []
    })
  })

  it('a label that blocks any kind blocks data and unknown artifacts too', () => {
    for (const kind of ['data', 'unknown'] as Kind[]) {
      const j = judge(artifact(kind), trainedOn(registered('tickets', 'internal')), context(registry()))
      expect(j.verdict).toBe('block')
      expect(j.reasons[0]).toContain(`internal blocks knn-index (and so ${kind} artifacts)`)
    }
  })
})

describe('data, not a model', () => {
  it('a data pickle with no provenance is judged by policy.data_pickles (default warn)', () => {
    const j = judge(artifact('data', 'features/x.pkl'), trainedOn(), context(registry()))
    expect(j.verdict).toBe('warn')
    expect(j.reasons[0]).toMatch(/^data, not a model: .*\(policy\.data_pickles: warn\)$/)
    expect(judge(artifact('data'), trainedOn(), context(registry('policy:\n  data_pickles: block\n'))).verdict).toBe(
      'block'
    )
  })

  it('a file under a blocking dataset path is judged by policy.dataset_files (default block)', () => {
    const evidence: ArtifactEvidence = {
      datasets: [],
      holds: [{ status: 'registered', id: 'ukbb', label: 'restricted', source: 'registry' }],
      privacy: []
    }
    const j = judge(artifact('data', 'data/ukbb/records.csv'), evidence, context(registry()))
    expect(j.verdict).toBe('block')
    expect(j.reasons[0]).toMatch(
      /^a file of ukbb \(restricted\) itself, under its paths \(data\/ukbb\/\*\*\): .*\(policy\.dataset_files: block\)$/
    )
    const warned = judge(artifact('data'), evidence, context(registry('policy:\n  dataset_files: warn\n')))
    expect(warned.verdict).toBe('warn')
  })
})

describe('differential privacy', () => {
  const withDp = (epsilon: number, kind: Kind = 'weights'): ReturnType<typeof judge> =>
    judge(
      artifact(kind),
      { datasets: [registered('crm', 'confidential')], holds: [], privacy: [dp(epsilon)] },
      context(registry())
    )

  it('passes at or under the label dp_max_epsilon, saying so', () => {
    expect(withDp(3)).toEqual({
      verdict: 'pass',
      reasons: [
        "trained on crm (confidential), trained with differential privacy (dp-sgd, ε=3, δ=0.00001, from registry), within confidential's dp_max_epsilon 3"
      ],
      fix: []
    })
  })

  it('blocks over the bound, and for a k-NN index or data whatever the epsilon', () => {
    expect(withDp(3.5).verdict).toBe('block')
    expect(withDp(3.5).reasons[0]).toContain("is above confidential's dp_max_epsilon 3")
    const index = withDp(0.1, 'knn-index')
    expect(index.verdict).toBe('block')
    expect(index.reasons[0]).toContain('does not count for knn-index')
    expect(withDp(0.1, 'data').verdict).toBe('block')
  })

  it('a label without dp_max_epsilon is not lifted by any claim', () => {
    const j = judge(
      artifact('weights'),
      { datasets: [registered('ukbb', 'restricted')], holds: [], privacy: [dp(0.1)] },
      context(registry())
    )
    expect(j.verdict).toBe('block')
    expect(j.reasons[0]).toContain('restricted sets no dp_max_epsilon')
  })

  it('the weakest of several declared guarantees counts', () => {
    const privacy = [dp(1), dp(9)]
    const j = judge(
      artifact('weights'),
      { datasets: [registered('crm', 'confidential')], holds: [], privacy },
      context(registry())
    )
    expect(j.verdict).toBe('block')
  })
})

describe('policy.trusted_sources: which sources may let a model through', () => {
  const fromCard = (id: string, label: string): ResolvedDataset => ({ ...registered(id, label), source: 'model-card' })
  const strict = () => registry('policy:\n  trusted_sources: [registry]\n')

  it('by default every source vouches: a model card naming public data passes', () => {
    expect(judge(artifact(), trainedOn(fromCard('cifar', 'public')), context(registry())).verdict).toBe('pass')
  })

  it('[registry]: a card in the push cannot clear its own model; it is of unknown provenance and says why', () => {
    const j = judge(artifact(), trainedOn(fromCard('cifar', 'public')), context(strict()))
    expect(j.verdict).toBe('block')
    expect(j.reasons).toEqual([
      'unknown provenance: only model-card says what it was trained on, and policy.trusted_sources does not list it (policy.unknown_provenance: block)'
    ])
  })

  it('[registry]: an untrusted source still makes a verdict stricter, and the registry still clears', () => {
    const j = judge(
      artifact(),
      trainedOn(registered('cifar', 'public'), fromCard('ukbb', 'restricted')),
      context(strict())
    )
    expect(j.verdict).toBe('block')
    expect(j.reasons[0]).toMatch(/^trained on ukbb \(restricted\)/)
    expect(judge(artifact(), trainedOn(registered('cifar', 'public')), context(strict())).verdict).toBe('pass')
  })

  it('[registry]: a privacy guarantee a card declares lifts nothing; the registry’s does', () => {
    const card: PrivacyClaim = { ...dp(1), source: 'model-card' }
    const evidence = (claim: PrivacyClaim): ArtifactEvidence => ({
      ...trainedOn(registered('crm', 'confidential')),
      privacy: [claim]
    })
    expect(judge(artifact('weights'), evidence(card), context(strict())).verdict).toBe('block')
    expect(judge(artifact('weights'), evidence(dp(1)), context(strict())).verdict).toBe('pass')
  })

  it('is validated like every key: an unknown source is an error at FILE:LINE:COL', () => {
    expect(() => registry('policy:\n  trusted_sources: [registry, readme]\n')).toThrow(
      /\.model-registry\.yml:\d+:\d+ policy\.trusted_sources\[1\]: expected one of/
    )
  })
})

describe('waivers and the baseline, by blob id', () => {
  const waiver = (expires: string, blob = BLOB, path = '') =>
    registry(
      `waivers:\n  - { blob: ${blob}, ${path}reason: "shared with the auditors", approved_by: alice, expires: ${expires} }\n`
    )
  const restricted = trainedOn(registered('crm', 'confidential'))

  it('a valid waiver passes, keeping the rule it overrides', () => {
    const j = judge(artifact(), restricted, context(waiver('2025-07-01')))
    expect(j).toEqual({
      verdict: 'pass',
      reasons: [
        'waived until 2025-07-01 (approved by alice: shared with the auditors)',
        'without it: trained on crm (confidential)'
      ],
      fix: []
    })
  })

  it('blocks from the day it expires, saying so', () => {
    const j = judge(
      artifact(),
      trainedOn(unregistered('x')),
      context(waiver('2025-06-15', BLOB), { today: '2025-06-15' })
    )
    expect(j.verdict).toBe('block')
    expect(j.reasons[0]).toBe('waiver expired on 2025-06-15 (approved by alice: shared with the auditors)')
  })

  it('is bound to the whole blob id and, when it names one, to the path', () => {
    expect(judge(artifact(), restricted, context(waiver('2025-07-01', BLOB))).verdict).toBe('pass')
    expect(judge(artifact(), restricted, context(waiver('2025-07-01', 'a'.repeat(40)))).verdict).toBe('block')
    expect(judge(artifact(), restricted, context(waiver('2025-07-01', BLOB, 'path: "other/**", '))).verdict).toBe(
      'block'
    )
    expect(judge(artifact(), restricted, context(waiver('2025-07-01', BLOB, 'path: "models/**", '))).verdict).toBe(
      'pass'
    )
  })

  it('reports a waiver whose blob is in no finding as stale', () => {
    const reg = waiver('2025-07-01', 'a'.repeat(40))
    expect(staleWaivers(reg.waivers, [{ blob: 'a'.repeat(12) + 'b'.repeat(28) } as Finding])).toHaveLength(1) // a shared prefix is other bytes
    expect(staleWaivers(reg.waivers, [{ blob: BLOB } as Finding])).toEqual([
      'stale waiver: waivers[0] (blob aaaaaaaaaaaa, expires 2025-07-01) matches no artifact in this scan'
    ])
    expect(staleWaivers(reg.waivers, [{ blob: 'a'.repeat(40) } as Finding])).toEqual([])
  })

  it('a prefix is refused at FILE:LINE:COL, and an id ground to share one is other bytes (red team)', () => {
    expect(() => waiver('2025-07-01', BLOB.slice(0, 12))).toThrow(/waivers\[0\]\.blob: expected a whole blob id/)
    const places = [{ path: 'models/risk/model.safetensors', commit: 'c'.repeat(40) }]
    expect(waiverFor(waiver('2025-07-01', BLOB).waivers, BLOB.slice(0, 12) + 'f'.repeat(28), places)).toBeUndefined()
  })

  it('an artifact in the baseline passes; other bytes are judged', () => {
    const baseline = parseBaseline(
      `version: 1\nrecorded: 2025-01-01\nartifacts:\n  - { blob: ${BLOB}, path: models/m.pkl }\n`,
      '.model-baseline.yml'
    )
    const reg = registry().withBaseline(baseline)
    const j = judge(artifact(), restricted, context(reg))
    expect(j.verdict).toBe('pass')
    expect(j.reasons[0]).toBe(
      'in the baseline .model-baseline.yml (recorded 2025-01-01): already in the repository when the gate was turned on'
    )
    const other = { ...artifact(), blob: { ...artifact().blob, id: 'c'.repeat(40) } }
    expect(judge(other, restricted, context(reg)).verdict).toBe('block')
  })
})

describe('destinations', () => {
  const ukbb = trainedOn(registered('ukbb', 'restricted'))

  it('a label may go where allowed_destinations says: an internal mirror yes, a public repository no', () => {
    const mirror = judge(
      artifact(),
      ukbb,
      context(registry(), { destination: { url: 'https://git.internal.example/lab/models.git' } })
    )
    expect(mirror.verdict).toBe('pass')
    expect(mirror.reasons[0]).toBe(
      'trained on ukbb (restricted), which may go to https://git.internal.example/lab/models.git (allowed_destinations: https://git.internal.example/**)'
    )
    const elsewhere = judge(
      artifact(),
      ukbb,
      context(registry(), { destination: { url: 'https://github.com/someone/public.git', visibility: 'public' } })
    )
    expect(elsewhere.verdict).toBe('block')
    expect(elsewhere.reasons[0]).toContain('not to https://github.com/someone/public.git (public)')
  })

  it('matches visibility by name and never prints credentials', () => {
    const index = artifact('knn-index')
    const tickets = trainedOn(registered('tickets', 'internal'))
    expect(judge(index, tickets, context(registry(), { destination: { visibility: 'private' } })).verdict).toBe('pass')
    const leaked = judge(
      index,
      tickets,
      context(registry(), { destination: { url: 'https://bob:hunter2@github.com/acme/x.git', visibility: 'public' } })
    )
    expect(leaked.verdict).toBe('block')
    expect(leaked.reasons.join(' ')).not.toMatch(/bob|hunter2/)
    expect(leaked.reasons[0]).toContain('https://***@github.com/acme/x.git (public)')
  })

  it('compares URLs without credentials, with or without .git, scp-like and ssh forms as written', () => {
    expect(comparableUrl('https://x-access-token:abc@github.com/acme/x.git?y=1')).toBe('https://github.com/acme/x.git')
    expect(comparableUrl('ssh://git@github.com/acme/x')).toBe('ssh://git@github.com/acme/x')
    expect(allowedBy(['git@github.com:acme/*'], { url: 'git@github.com:acme/models.git' })).toBe(
      'git@github.com:acme/*'
    )
    expect(allowedBy(['https://github.com/acme/*'], { url: 'https://token@github.com/acme/models.git' })).toBe(
      'https://github.com/acme/*'
    )
    expect(allowedBy(['git@github.com:acme/*'], { url: 'git@github.com:other/models.git' })).toBeNull()
    expect(allowedBy(['private'], undefined)).toBeNull()
    expect(describeDestination(undefined)).toBe('an unknown destination')
  })
})

describe('advice fits where the scan runs', () => {
  const blocked = (runsIn: RunsIn): string[] =>
    judge(artifact(), trainedOn(registered('crm', 'confidential')), context(registry(), { runsIn })).fix
  it('pre-push: rewrite the unpushed commits; CI: already pushed, purge if public; pre-receive: nothing landed', () => {
    expect(blocked('pre-push').at(-1)).toMatch(
      /^drop it from the unpushed commits: git rm --cached -- 'models\/m\.pkl' and amend/
    )
    expect(blocked('ci').at(-1)).toMatch(
      /^the commits are already pushed: .*ask an admin to purge it from the history$/
    )
    expect(blocked('pre-receive').at(-1)).toMatch(/^nothing was pushed: take it out of the commits you push/)
    expect(blocked('cli').at(-1)).toMatch(/^if cccccccccccc is not pushed yet: /)
  })
})

describe('worst', () => {
  it('orders pass < warn < block and is pass for nothing', () => {
    expect(worst([])).toBe('pass')
    expect(worst(['pass', 'warn'])).toBe('warn')
    expect(worst(['warn', 'block', 'pass'])).toBe('block')
  })
})
