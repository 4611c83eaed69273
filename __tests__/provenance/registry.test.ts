import { describe, expect, test } from '@jest/globals'
import { parseRegistry, RegistryError } from '../../src/registry/load.js'
import { cli } from '../helpers/repo.js'
import { datasetsOf, findingFor, freshRepoForEachTest, model, registryYaml, repo, scanJson } from './helpers.js'

freshRepoForEachTest(false)

describe('registry source', () => {
  test('models[].path globs name the datasets', async () => {
    repo.write(
      '.model-registry.yml',
      registryYaml('models:\n  - path: "models/**/*.safetensors"\n    trained_on: [uk-biobank]\n')
    )
    repo.write('models/risk/model.safetensors', model('risk'))
    repo.commit('add')
    const { code, report } = await scanJson(repo)
    expect(code).toBe(1)
    expect(datasetsOf(findingFor(report, 'models/risk/model.safetensors'))).toEqual(['ukbb:registry'])
  })

  test('trained_on a model path in the repository inherits everything that model has, from every source', async () => {
    // A trained_on model must itself be a models[] path (so a typo is an error, not a silent parent).
    const models =
      'models:\n  - path: models/ft.safetensors\n    trained_on: [models/base.safetensors]\n  - path: models/base.safetensors\n    trained_on: [cifar10]\n'
    repo.write('.model-registry.yml', registryYaml(models))
    repo.write('models/base.safetensors', model('base')).write('models/ft.safetensors', model('ft'))
    repo.write(
      'models/dvc.yaml',
      'stages:\n  train:\n    cmd: python train.py\n    deps: [../data/ukbb/visits.csv, train.py]\n    outs: [base.safetensors]\n'
    )
    repo.commit('add')
    const { report } = await scanJson(repo)
    expect(datasetsOf(findingFor(report, 'models/ft.safetensors'))).toEqual(['cifar10:lineage', 'ukbb:lineage'])
    expect(datasetsOf(findingFor(report, 'models/base.safetensors'))).toEqual(['cifar10:registry', 'ukbb:dvc'])
  })
})

describe('registry lineage cycles', () => {
  const cyclic = (models: string): string => registryYaml(`models:\n${models}`)

  test('a cycle is a registry error naming the key path and the cycle', () => {
    const text = cyclic(
      '  - path: models/other.pt\n    trained_on: [ukbb]\n  - path: models/a.pt\n    trained_on: [models/b.pt]\n  - path: models/b.pt\n    trained_on: [models/a.pt]\n'
    )
    expect(() => parseRegistry(text, 'reg.yml')).toThrow(RegistryError)
    expect(() => parseRegistry(text, 'reg.yml')).toThrow(
      /^reg\.yml:\d+:\d+ models\[2\]\.trained_on\[0\]: lineage cycle models\/a\.pt → models\/b\.pt → models\/a\.pt$/
    )
  })

  test('a model trained on itself is a cycle; a diamond is not', () => {
    expect(() => parseRegistry(cyclic('  - path: models/a.pt\n    trained_on: [models/a.pt]\n'), 'r.yml')).toThrow(
      /models\[0\]\.trained_on\[0\]: lineage cycle models\/a\.pt → models\/a\.pt/
    )
    const diamond = cyclic(
      '  - path: d.pt\n    trained_on: [b.pt, c.pt]\n  - path: b.pt\n    trained_on: [a.pt]\n  - path: c.pt\n    trained_on: [a.pt]\n  - path: a.pt\n    trained_on: [ukbb]\n'
    )
    // Every model kept with its two parents: the diamond is read as written, not cut to break a cycle.
    expect(parseRegistry(diamond, 'r.yml').data.models.map((m) => [m.path, m.trained_on])).toEqual([
      ['d.pt', ['b.pt', 'c.pt']],
      ['b.pt', ['a.pt']],
      ['c.pt', ['a.pt']],
      ['a.pt', ['ukbb']]
    ])
  })

  test('scan exits 2 on a registry with a cycle, with the path in the message', async () => {
    repo.write(
      '.model-registry.yml',
      cyclic(
        '  - path: models/a.pt\n    trained_on: [models/b.pt]\n  - path: models/b.pt\n    trained_on: [models/a.pt]\n'
      )
    )
    repo.write('models/a.pt', model('a'))
    repo.commit('add')
    const result = await cli(repo.dir, ['scan'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /\.model-registry\.yml:\d+:\d+ models\[1\]\.trained_on\[0\]: lineage cycle models\/a\.pt → models\/b\.pt → models\/a\.pt/
    )
  })
})
