import { describe, expect, test } from '@jest/globals'

import { findingFor, freshRepoForEachTest, model, registryYaml, repo, scanJson } from './helpers.js'

freshRepoForEachTest(false)

async function scanWithPolicy(policy: string) {
  repo.write('.model-registry.yml', registryYaml('', policy))
  repo
    .write('models/m.safetensors', model('m'))
    .write('models/README.md', '---\ndatasets: [cifar10, acme/secret-tickets]\n---\n')
  repo.commit('add')
  return scanJson(repo)
}

describe('names that match no registered dataset', () => {
  test('are reported as unregistered and block by default', async () => {
    const { code, report } = await scanWithPolicy('')
    const finding = findingFor(report, 'models/m.safetensors')
    expect(code).toBe(1)
    expect(finding.datasets).toContainEqual({
      id: 'acme/secret-tickets',
      label: null,
      source: 'model-card',
      registered: false,
      status: 'unregistered'
    })
    expect(finding.reasons).toEqual([
      'trained on unregistered dataset "acme/secret-tickets" (policy.unregistered_dataset: block)'
    ])
  })

  test('warn by policy', async () => {
    const { code, report } = await scanWithPolicy('  unregistered_dataset: warn')
    expect(code).toBe(0)
    expect(findingFor(report, 'models/m.safetensors').verdict).toBe('warn')
  })

  test('allow by policy', async () => {
    const { code, report } = await scanWithPolicy('  unregistered_dataset: allow')
    expect(code).toBe(0)
    expect(findingFor(report, 'models/m.safetensors').verdict).toBe('pass')
  })
})

describe('a dataset name that looks like a provenance problem', () => {
  test('is a name as written, not a file that cannot be read', async () => {
    repo.write('.model-registry.yml', registryYaml())
    repo
      .write('models/m.safetensors', model('m'))
      .write('models/README.md', '---\ndatasets: ["unreadable: models/README.md"]\n---\n')
    repo.commit('add')
    const { report } = await scanJson(repo)
    const finding = findingFor(report, 'models/m.safetensors')
    expect(finding.datasets).toEqual([
      {
        id: 'unreadable: models/README.md',
        label: null,
        source: 'model-card',
        registered: false,
        status: 'unregistered'
      }
    ])
    expect(finding.reasons).toEqual([
      'trained on unregistered dataset "unreadable: models/README.md" (policy.unregistered_dataset: block)'
    ])
  })
})
