// Registry v1: every error names FILE:LINE:COL, the key path and what was expected.
import { describe, expect, it } from '@jest/globals'
import { parseRegistry, RegistryError } from '../../src/registry/load.js'
import { Registry } from '../../src/registry/registry.js'

const FILE = '.model-registry.yml'

function problems(text: string): string[] {
  try {
    parseRegistry(text, FILE)
  } catch (error) {
    if (error instanceof RegistryError) return error.message.split('\n')
    throw error
  }
  throw new Error('expected the registry to be rejected')
}

const VALID = `version: 1
labels:
  - { name: public }
  - { name: restricted, block: true }
datasets:
  - { id: ukbb, label: restricted, aliases: [uk-biobank], paths: ["data/ukbb/**"], uris: ["s3://lab/ukbb/*"] }
  - { id: cifar, label: public }
models:
  - { path: "models/risk/**", trained_on: [uk-biobank] }
  - { path: "models/tuned.pt", trained_on: ["models/risk/base.pt"] }
policy:
  unknown_provenance: warn
`

describe('parseRegistry', () => {
  it('reads a valid registry and resolves ids, aliases, uris and paths', () => {
    const registry = parseRegistry(VALID, FILE)
    expect(registry.dataset('uk-biobank')?.id).toBe('ukbb')
    expect(registry.datasetByUri('s3://lab/ukbb/part-1.parquet')?.id).toBe('ukbb')
    expect(registry.datasetByPath('data/ukbb/x.csv')?.id).toBe('ukbb')
    expect(registry.blocks('restricted')).toBe(true)
    expect(registry.blocks('public')).toBe(false)
    expect(registry.policy).toEqual({ unknown_provenance: 'warn', unregistered_dataset: 'block' })
    expect(registry.modelsFor('models/risk/v2/model.pt').map((m) => m.index)).toEqual([0])
  })

  it('uses the four default labels when none are declared', () => {
    const registry = parseRegistry('version: 1\ndatasets:\n  - { id: x, label: confidential }\n', FILE)
    expect(registry.data.labels.map((l) => [l.name, l.block])).toEqual([
      ['public', false],
      ['internal', false],
      ['confidential', true],
      ['restricted', true]
    ])
  })

  it('gives the built-in defaults when there is no file: no datasets, unknown provenance blocks', () => {
    const registry = Registry.defaults()
    expect(registry.data.datasets).toEqual([])
    expect(registry.policy.unknown_provenance).toBe('block')
  })

  it('reports an undeclared label at its line and column', () => {
    const text = VALID.replace('{ id: cifar, label: public }', '{ id: cifar, label: secret }')
    expect(problems(text)).toEqual([
      `${FILE}:7:25 datasets[1].label: "secret" is not a declared label (public, restricted)`
    ])
  })

  it('reports YAML syntax errors with FILE:LINE:COL', () => {
    const [message] = problems('version: 1\ndatasets:\n  - { id: x, label: public\n')
    expect(message).toMatch(/^\.model-registry\.yml:\d+:\d+ invalid YAML: /)
  })

  it('reports unknown keys where the key is written', () => {
    expect(problems('version: 1\npolicy:\n  unknown_provenance: block\n  unknwn: 1\n')).toEqual([
      `${FILE}:4:3 policy.unknwn: unknown key "unknwn"`
    ])
  })

  it('reports wrong types and enum values with what was expected', () => {
    const lines = problems(
      'version: 1\npolicy:\n  unknown_provenance: maybe\ndatasets:\n  - { id: 5, label: public }\n'
    )
    expect(lines).toContain(
      `${FILE}:3:23 policy.unknown_provenance: expected one of "block", "warn", "allow", got "maybe"`
    )
    expect(lines).toContain(`${FILE}:5:11 datasets[0].id: expected string, got 5`)
  })

  it('reports every unknown key, and says what a too-short value needed', () => {
    const lines = problems('version: 1\nfoo: 1\nbar: 2\nlabels: []\ndatasets:\n  - { id: "", label: public }\n')
    expect(lines).toContain(`${FILE}:2:1 foo: unknown key "foo"`)
    expect(lines).toContain(`${FILE}:3:1 bar: unknown key "bar"`)
    expect(lines).toContain(`${FILE}:4:9 labels: expected at least 1 item(s), got []`)
    expect(lines).toContain(`${FILE}:6:11 datasets[0].id: expected a non-empty string, got ""`)
  })

  it('requires version 1', () => {
    expect(problems('version: 2\n')[0]).toMatch(/^\.model-registry\.yml:1:10 version: /)
  })

  it('rejects duplicate dataset ids and aliases', () => {
    const lines = problems(
      'version: 1\ndatasets:\n  - { id: a, label: public, aliases: [b] }\n  - { id: b, label: public }\n'
    )
    expect(lines).toEqual([`${FILE}:4:11 datasets[1].id: "b" is already used by dataset "a"`])
  })

  it('rejects trained_on names that are neither datasets nor model paths', () => {
    const lines = problems('version: 1\nmodels:\n  - { path: "m/**", trained_on: [nothing] }\n')
    expect(lines).toEqual([
      `${FILE}:3:34 models[0].trained_on[0]: "nothing" is neither a dataset id or alias nor a model path in models[]`
    ])
  })

  it('lists every problem at once', () => {
    const lines = problems('version: 1\nextra: true\ndatasets:\n  - { id: a, label: nope }\n')
    expect(lines).toHaveLength(1) // schema errors are reported before cross-checks
    expect(lines[0]).toMatch(/2:1 extra: unknown key "extra"/)
  })
})
