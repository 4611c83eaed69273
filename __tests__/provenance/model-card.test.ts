import { describe, expect, test } from '@jest/globals'

import { cli } from '../helpers/repo.js'
import {
  card,
  datasetsOf,
  findingFor,
  freshRepoForEachTest,
  model,
  registryYaml,
  repo,
  scanJson,
  withCard
} from './helpers.js'

freshRepoForEachTest()

describe('model-card source', () => {
  test('datasets in the README.md of the same folder are training data', async () => {
    withCard(repo, 'models/risk', 'license: mit\ndatasets:\n  - ukbb\n')
    repo.commit('add risk model')
    const { code, report } = await scanJson(repo)
    const finding = findingFor(report, 'models/risk/model.safetensors')
    expect(code).toBe(1)
    expect(datasetsOf(finding)).toEqual(['ukbb:model-card'])
    expect(finding.reasons).toEqual(['trained on ukbb (restricted)'])
  })

  test('a parent folder card speaks for models below it; the nearest card with front matter wins', async () => {
    repo.write('models/README.md', card('datasets: cifar10\n'))
    repo.write('models/risk/README.md', '# no front matter here\n')
    repo.write('models/risk/model.safetensors', model('models/risk/model.safetensors'))
    repo.write('models/vision/README.md', card('datasets: [uk-biobank]\n'))
    repo.write('models/vision/model.safetensors', model('models/vision/model.safetensors'))
    repo.commit('add models')
    const { report } = await scanJson(repo)
    expect(datasetsOf(findingFor(report, 'models/risk/model.safetensors'))).toEqual(['cifar10:model-card'])
    expect(findingFor(report, 'models/risk/model.safetensors').verdict).toBe('pass')
    expect(datasetsOf(findingFor(report, 'models/vision/model.safetensors'))).toEqual(['ukbb:model-card'])
  })

  test('model-index datasets are evaluation data: not claimed', async () => {
    const front =
      'datasets: [cifar10]\nmodel-index:\n  - name: risk\n    results:\n      - task: {type: classification}\n        dataset: {type: ukbb, name: UK Biobank}\n'
    withCard(repo, 'models', front)
    repo.commit('add')
    const { code, report } = await scanJson(repo)
    expect(code).toBe(0)
    expect(datasetsOf(findingFor(report, 'models/model.safetensors'))).toEqual(['cifar10:model-card'])
  })

  test('files are read as of the introducing commit, not the working tree', async () => {
    withCard(repo, 'models', 'datasets: [ukbb]\n')
    repo.commit('add')
    repo.write('models/README.md', card('datasets: [cifar10]\n'))
    const { report } = await scanJson(repo)
    expect(datasetsOf(findingFor(report, 'models/model.safetensors'))).toEqual(['ukbb:model-card'])
  })

  test('malformed front matter that names datasets is surfaced as an unreadable claim, not dropped', async () => {
    withCard(repo, 'models', 'datasets: [ukbb\nlicense: mit\n')
    repo.commit('add')
    const { code, report } = await scanJson(repo)
    const finding = findingFor(report, 'models/model.safetensors')
    expect(code).toBe(1)
    expect(finding.datasets).toEqual([
      {
        id: 'unreadable: models/README.md',
        label: null,
        source: 'model-card',
        registered: false,
        status: 'unreadable',
        file: 'models/README.md',
        line: 3
      }
    ])
    expect(finding.reasons).toEqual([
      'provenance file models/README.md:3 cannot be read, so what it says is unknown (policy.unregistered_dataset: block)'
    ])
    expect(finding.fix[0]).toBe(
      "fix models/README.md (model-leak-guard explain 'models/model.safetensors' shows the line)"
    )
  })
})

describe('model card lineage', () => {
  test('a fine-tune of a base model trained on a restricted dataset is blocked', async () => {
    withCard(repo, 'models/base', 'datasets:\n  - ukbb\n')
    withCard(repo, 'models/ft', 'base_model: models/base\ndatasets: [cifar10]\n')
    repo.commit('add base and fine-tune')
    const { code, report } = await scanJson(repo)
    const ft = findingFor(report, 'models/ft/model.safetensors')
    expect(code).toBe(1)
    expect(ft.verdict).toBe('block')
    expect(datasetsOf(ft)).toEqual(['cifar10:model-card', 'ukbb:lineage'])
    expect(ft.reasons).toEqual(['trained on ukbb (restricted)'])
  })

  test('lineage is transitive, and a base_model relative to the card folder resolves', async () => {
    withCard(repo, 'models/a', 'datasets: [ukbb]\n')
    withCard(repo, 'models/b', 'base_model: ../a\n')
    repo.commit('add a and b')
    withCard(repo, 'models/c', 'base_model: [models/b]\n')
    repo.commit('add c')
    const { report } = await scanJson(repo)
    expect(datasetsOf(findingFor(report, 'models/c/model.safetensors'))).toEqual(['ukbb:lineage'])
  })

  test('a card cycle terminates; the models have only their own datasets', async () => {
    withCard(repo, 'models/a', 'base_model: models/b\ndatasets: [cifar10]\n')
    withCard(repo, 'models/b', 'base_model: models/a\n')
    repo.commit('a cycle')
    const { code, report } = await scanJson(repo)
    expect(code).toBe(0)
    expect(datasetsOf(findingFor(report, 'models/b/model.safetensors'))).toEqual(['cifar10:lineage'])
    expect(datasetsOf(findingFor(report, 'models/a/model.safetensors'))).toEqual(['cifar10:model-card'])
  })

  test('a base model that cannot be resolved is not a block by itself', async () => {
    withCard(repo, 'models', 'base_model: acme/unknown-7b\ndatasets: [cifar10]\n')
    repo.commit('add')
    const { code, report } = await scanJson(repo)
    expect(code).toBe(0)
    expect(datasetsOf(findingFor(report, 'models/model.safetensors'))).toEqual(['cifar10:model-card'])
  })

  test('a Hub id the registry knows as a model path inherits its trained_on', async () => {
    repo.write('.model-registry.yml', registryYaml('models:\n  - path: acme/base-7b\n    trained_on: [ukbb]\n'))
    withCard(repo, 'models', 'base_model: acme/base-7b\n')
    repo.commit('add')
    const { report } = await scanJson(repo)
    expect(datasetsOf(findingFor(report, 'models/model.safetensors'))).toEqual(['ukbb:lineage'])
  })
})

describe('privacy: in a model card', () => {
  const DP_LABELS = 'labels:\n  - { name: public }\n  - { name: restricted, block: true, dp_max_epsilon: 2 }\n'

  test('a declared guarantee within the label bound lets the model pass; explain shows where it was read', async () => {
    repo.write('.model-registry.yml', registryYaml(DP_LABELS))
    withCard(repo, 'models', 'datasets: [ukbb]\nprivacy: { mechanism: dp-sgd, epsilon: 1.5, delta: 1e-6 }\n')
    repo.commit('add')
    const { code, report } = await scanJson(repo)
    expect(code).toBe(0)
    expect(findingFor(report, 'models/model.safetensors').reasons).toEqual([
      "trained on ukbb (restricted), trained with differential privacy (dp-sgd, ε=1.5, δ=0.000001, from model-card), within restricted's dp_max_epsilon 2"
    ])
    const explained = await cli(repo.dir, ['explain', 'models/model.safetensors', 'HEAD'])
    expect(explained.stdout).toMatch(/^ {4}models\/README\.md:3: privacy: dp-sgd, ε=1\.5, δ=0\.000001$/m)
  })

  test('a malformed one is ignored (the model is judged without it) and explain says so', async () => {
    repo.write('.model-registry.yml', registryYaml(DP_LABELS))
    withCard(repo, 'models', 'datasets: [ukbb]\nprivacy: { mechanism: dp-sgd, epsilon: low }\n')
    repo.commit('add')
    const { code } = await scanJson(repo)
    expect(code).toBe(1)
    const explained = await cli(repo.dir, ['explain', 'models/model.safetensors', 'HEAD'])
    expect(explained.stdout).toContain('privacy: ignored: expected { mechanism: NAME, epsilon: NUMBER >= 0')
  })
})
