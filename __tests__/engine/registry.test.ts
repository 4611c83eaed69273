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
    expect(registry.policy).toEqual({
      unknown_provenance: 'warn',
      unregistered_dataset: 'block',
      data_pickles: 'warn',
      dataset_files: 'block',
      mode: 'enforce',
      trusted_sources: ['registry', 'model-card', 'dvc', 'metadata', 'trailer', 'lineage'], // every source vouches by default
      lfs_absent: 'unknown' // in pre-receive and CI, an absent LFS object is a finding whatever its name
    })
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

  it('policy.lfs_absent takes unknown or by-name, and says so at the line of anything else', () => {
    expect(parseRegistry('version: 1\npolicy:\n  lfs_absent: by-name\n', FILE).policy.lfs_absent).toBe('by-name')
    expect(problems('version: 1\npolicy:\n  lfs_absent: by-nmae\n')).toEqual([
      `${FILE}:3:15 policy.lfs_absent: expected one of "unknown", "by-name", got "by-nmae" (did you mean "by-name"?)`
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

  it('lists every problem at once: schema errors and cross-checks together, in file order', () => {
    const lines = problems(
      'version: 1\nextra: true\ndatasets:\n  - { id: a, label: nope }\n  - { id: a, label: public, paths: 5 }\n'
    )
    expect(lines).toEqual([
      `${FILE}:2:1 extra: unknown key "extra"`,
      `${FILE}:4:21 datasets[0].label: "nope" is not a declared label (public, internal, confidential, restricted)`,
      `${FILE}:5:11 datasets[1].id: "a" is already used by dataset "a"`,
      `${FILE}:5:36 datasets[1].paths: expected array, got 5`
    ])
  })
})

describe('the nearest known key or name', () => {
  it('suggests it for an unknown key, an undeclared label, a trained_on name and an enum value', () => {
    const lines = problems(
      [
        'version: 1',
        'datasets:',
        '  - { id: ukbb, lable: restricted }',
        '  - { id: cifar, label: restriced }',
        'models:',
        '  - { path: "m/**", trained_on: [ukb] }',
        'policy:',
        '  unknown_provenance: warm',
        ''
      ].join('\n')
    )
    expect(lines).toEqual([
      `${FILE}:3:5 datasets[0].label: expected string`,
      `${FILE}:3:17 datasets[0].lable: unknown key "lable" (did you mean "label"?)`,
      `${FILE}:4:25 datasets[1].label: "restriced" is not a declared label (public, internal, confidential, restricted) (did you mean "restricted"?)`,
      `${FILE}:6:34 models[0].trained_on[0]: "ukb" is neither a dataset id or alias nor a model path in models[] (did you mean "ukbb"?)`,
      `${FILE}:8:23 policy.unknown_provenance: expected one of "block", "warn", "allow", got "warm" (did you mean "warn"?)`
    ])
  })

  it('suggests nothing when no known name is close', () => {
    expect(problems('version: 1\nzzzzzzzz: 1\n')).toEqual([`${FILE}:2:1 zzzzzzzz: unknown key "zzzzzzzz"`])
  })
})

describe('the policy keys', () => {
  it('reads kinds, DP bounds, destinations, privacy, the policy actions and waivers', () => {
    const registry = parseRegistry(
      [
        'version: 1',
        'labels:',
        '  - { name: internal, block: [knn-index], allowed_destinations: [private, "git@github.com:acme/*"] }',
        '  - { name: restricted, block: true, dp_max_epsilon: 2.5 }',
        'models:',
        '  - { path: "m/**", privacy: { mechanism: dp-sgd, epsilon: 1, delta: 1e-5 } }',
        'policy: { data_pickles: block, dataset_files: warn, mode: warn }',
        'waivers:',
        '  - { blob: 0123456789abcccccccccccccccccccccccccccc, path: "m/x.pt", reason: audit, approved_by: alice, expires: 2030-01-31 }',
        ''
      ].join('\n'),
      FILE
    )
    expect(registry.blocksKind('internal', 'knn-index')).toBe(true)
    expect(registry.blocksKind('internal', 'weights')).toBe(false)
    expect(registry.blocksKind('internal', 'data')).toBe(true)
    expect(registry.label('restricted')?.dp_max_epsilon).toBe(2.5)
    expect(registry.data.models[0]).toEqual({
      path: 'm/**',
      trained_on: [],
      privacy: { mechanism: 'dp-sgd', epsilon: 1, delta: 1e-5 }
    })
    expect(registry.policy).toMatchObject({ data_pickles: 'block', dataset_files: 'warn', mode: 'warn' })
    expect(registry.waivers).toEqual([
      {
        blob: '0123456789abcccccccccccccccccccccccccccc',
        path: 'm/x.pt',
        reason: 'audit',
        approved_by: 'alice',
        expires: '2030-01-31'
      }
    ])
  })

  it('validates each of them at FILE:LINE:COL, unknown keys included', () => {
    const lines = problems(
      [
        'version: 1',
        'labels:',
        '  - { name: a, block: [knn_index], dp_max_epsilon: 0, allowed_destinations: [everywhere] }',
        'models:',
        '  - { path: "m/**", privacy: { mechanism: dp, epsilon: -1, delta: 1 } }',
        '  - { path: "n/**" }',
        'policy: { mode: loud }',
        'waivers:',
        '  - { blob: abc, reason: r, approved_by: b, expires: 2030-02-30, until: x }',
        ''
      ].join('\n')
    )
    expect(lines).toEqual([
      `${FILE}:3:24 labels[0].block[0]: expected one of "weights", "pickle", "knn-index", "data", "unknown", got "knn_index" (did you mean "knn-index"?)`,
      `${FILE}:3:52 labels[0].dp_max_epsilon: expected a number above 0, got 0`,
      `${FILE}:3:78 labels[0].allowed_destinations[0]: expected a visibility (public, private, internal) or a remote URL glob (git@github.com:acme/*, https://git.example/**), got "everywhere"`,
      `${FILE}:5:56 models[0].privacy.epsilon: expected a number of at least 0, got -1`,
      `${FILE}:5:67 models[0].privacy.delta: expected a number below 1, got 1`,
      `${FILE}:6:5 models[1]: give trained_on (datasets or parent models), privacy, or both`,
      `${FILE}:7:17 policy.mode: expected one of "enforce", "warn", got "loud"`,
      `${FILE}:9:13 waivers[0].blob: expected a whole blob id (40 hex digits, or 64 in a SHA-256 repository; \`git rev-parse HEAD:PATH\` prints it), got "abc"`,
      `${FILE}:9:54 waivers[0].expires: expected a date as YYYY-MM-DD, got "2030-02-30"`,
      `${FILE}:9:66 waivers[0].until: unknown key "until"`
    ])
  })
})

describe('YAML that expands without bound', () => {
  it('an alias bomb is a registry error at the first alias, not an internal error', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (const name of ['b', 'c', 'd', 'e', 'f', 'g']) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1)
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`)
    }
    const lines = problems(['version: 1', ...levels, ''].join('\n'))
    expect(lines).toEqual([
      `${FILE}:3:8 invalid YAML: aliases expand to too many nodes (over 100 expansions): is it an alias bomb?`
    ])
  })
})

describe('Registry.matchesOrHoldsAnyGlob (a DVC dep folder that holds a dataset)', () => {
  it.each([
    ['data/ukbb/visits.csv', 'data/ukbb/**', true],
    ['data/ukbb', 'data/ukbb/**', true],
    ['data', 'data/ukbb/**', true],
    ['data/cifar', 'data/*/labels/**', true],
    ['data/other.csv', 'data/ukbb/**', false],
    ['datasets', 'data/ukbb/**', false]
  ])('%s against %s: %s', (path, glob, expected) => {
    expect(Registry.matchesOrHoldsAnyGlob(path, [glob])).toBe(expected)
  })
})
