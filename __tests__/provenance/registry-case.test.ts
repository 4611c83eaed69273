// A checkout on macOS or Windows puts `Models/Risk/` in the same folder as `models/risk/`: globs
// that attach data to a path (models[].path, dataset paths, artifacts.include) match whatever the
// case, so a case variant cannot escape its mapping; globs that let something through
// (artifacts.exclude, a waiver's path) still match exactly.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { DEMO_REGISTRY } from '../../src/commands/demo-repository.js'
import { parseRegistry } from '../../src/registry/load.js'
import { modelBytes } from '../hooks/helpers.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'

let root: string
let repo: TestRepo
let base: string

beforeAll(() => {
  root = tempDir('mlg-registry-case-')
  repo = TestRepo.init(join(root, 'repo'))
  base = repo.write('.model-registry.yml', DEMO_REGISTRY).commit('Add the registry')
  repo.write('Models/Risk/model.safetensors', modelBytes())
  repo.git('add', '-A')
  repo.git('commit', '-q', '-m', 'Add the risk model', '-m', 'Trained-on: cifar10') // a claim the push brings
})

afterAll(() => cleanup(root))

describe('a model under a case variant of a mapped folder', () => {
  it('is judged by its folder’s mapping (models/risk/** → ukbb, restricted) and blocks', async () => {
    const result = await cli(repo.dir, ['scan', `${base}..HEAD`, '--format', 'json'])
    const report = JSON.parse(result.stdout) as {
      verdict: string
      findings: { path: string; datasets: { id: string }[] }[]
    }
    expect(report.findings.map((f) => f.path)).toEqual(['Models/Risk/model.safetensors'])
    expect(report.findings[0]!.datasets.map((d) => d.id)).toContain('ukbb')
    expect(report.verdict).toBe('block')
    expect(result.code).toBe(1)
  })
})

describe('which globs ignore case', () => {
  const registry = parseRegistry(
    [
      'version: 1',
      'datasets:',
      '  - { id: ukbb, label: restricted, paths: ["data/ukbb/**"] }',
      'models:',
      '  - { path: "models/risk/**", trained_on: [ukbb] }',
      'artifacts:',
      '  include: ["weights/**"]',
      '  exclude: ["vendor/**"]',
      ''
    ].join('\n'),
    '.model-registry.yml'
  )

  it('those that attach data: dataset paths, models[].path, artifacts.include', () => {
    expect(registry.datasetsByPath('Data/UKBB/records.csv').map((d) => d.id)).toEqual(['ukbb'])
    expect(registry.modelsFor('MODELS/risk/m.pt').map(({ entry }) => entry.path)).toEqual(['models/risk/**'])
    expect(registry.isIncluded('Weights/x.bin')).toBe(true)
  })

  it('not those that let something through: artifacts.exclude', () => {
    expect(registry.isExcluded('vendor/x.pt')).toBe(true)
    expect(registry.isExcluded('Vendor/x.pt')).toBe(false)
  })
})
