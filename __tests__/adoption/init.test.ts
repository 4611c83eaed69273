// `init`: a registry that writes itself, from what the history says (model cards, DVC, embedded
// metadata, commit trailers) and the data folders in the working tree. Real repositories; the
// proposal must load with validate-registry.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { buildDemoRepository, safetensorsBytes } from '../../src/commands/demo-repository.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import { modelBytes } from '../hooks/helpers.js'

let root: string
let demo: string

beforeAll(async () => {
  root = tempDir('mlg-init-')
  demo = await buildDemoRepository()
})

afterAll(() => {
  cleanup(root)
  cleanup(join(demo, '..'))
})

function registryAt(dir: string): { text: string; data: Record<string, unknown[]> } {
  const text = readFileSync(join(dir, '.model-registry.yml'), 'utf8')
  return { text, data: parse(text) }
}

describe('init on the demo repository', () => {
  it('never overwrites the registry it has without --force', async () => {
    const before = readFileSync(join(demo, '.model-registry.yml'), 'utf8')
    const refused = await cli(demo, ['init'])
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('init never overwrites a registry') })
    expect(readFileSync(join(demo, '.model-registry.yml'), 'utf8')).toBe(before)
  })

  it('with --force proposes datasets from the model card and DVC, models: entries, and a registry that validates', async () => {
    const result = await cli(demo, ['init', '--force'])
    expect(result.code).toBe(0)
    const { data } = registryAt(demo)
    expect(data.datasets).toEqual([
      { id: 'cifar10', label: 'restricted' },
      { id: 'ukbb', label: 'restricted', paths: ['data/ukbb', 'data/ukbb/**'] }
    ])
    expect(data.models).toEqual([
      { path: 'models/risk/model.safetensors', trained_on: ['ukbb'] },
      { path: 'models/vision/model.safetensors', trained_on: ['cifar10'] }
    ])
    expect(await cli(demo, ['validate-registry'])).toEqual({ code: 0, stdout: 'ok\n', stderr: '' })
    expect(result.stdout).toContain('datasets named: cifar10 (model-card), ukbb (dvc)')
    expect(result.stdout).toMatch(/still unknown:\n {2}- the real label of each dataset/)
    expect(result.stdout).toContain('what indexes/patients.faiss [faiss, knn-index] was trained on')
  })

  it('the proposal judges as the old registry did once the labels are set', async () => {
    const { text } = registryAt(demo)
    const labelled = text.replace(/id: "cifar10"\n {4}label: restricted/, 'id: "cifar10"\n    label: public')
    new TestRepo(demo).write('.model-registry.yml', labelled)
    const report = JSON.parse((await cli(demo, ['scan', '--format', 'json'])).stdout)
    const verdicts = Object.fromEntries(
      report.findings.map((f: { path: string; verdict: string }) => [f.path, f.verdict])
    )
    expect(verdicts).toEqual({
      'models/risk/model.safetensors': 'block',
      'models/vision/model.safetensors': 'pass',
      'indexes/patients.faiss': 'block'
    })
  })
})

describe('init in a repository without a registry', () => {
  let repo: TestRepo

  beforeAll(() => {
    repo = TestRepo.init(join(root, 'project'))
    repo.write('README.md', '# project\n').commit('Start')
    repo.write('models/icu/model.safetensors', safetensorsBytes({ training_dataset: 'mimic-iv' }, [1, 2]))
    repo.commit('Add the ICU model')
    repo.write('models/logs/model.safetensors', modelBytes())
    repo.git('add', '-A')
    repo.git('commit', '-q', '-m', 'Add the log model\n\nTrained-on: support-tickets')
    repo.write('unknown/model.safetensors', modelBytes()).commit('Add a model nobody explains')
    repo.write('data/raw/readme.txt', 'raw exports\n').write('datasets/mimic_iv/.keep', '')
  })

  it('writes the registry at the top from a subfolder, naming metadata and trailer datasets, and validates', async () => {
    const result = await cli(join(repo.dir, 'models'), ['init'])
    expect(result.code).toBe(0)
    const { data } = registryAt(repo.dir)
    expect(data.datasets).toEqual([
      { id: 'mimic-iv', label: 'restricted', paths: ['datasets/mimic_iv', 'datasets/mimic_iv/**'] },
      { id: 'support-tickets', label: 'restricted' }
    ])
    expect(data.models).toEqual([
      { path: 'models/icu/model.safetensors', trained_on: ['mimic-iv'] },
      { path: 'models/logs/model.safetensors', trained_on: ['support-tickets'] }
    ])
    expect(result.stdout).toContain('which dataset data/raw/ holds')
    expect(result.stdout).toContain('what unknown/model.safetensors [safetensors, weights] was trained on')
    expect(await cli(repo.dir, ['validate-registry'])).toMatchObject({ code: 0 })
    expect((await cli(repo.dir, ['init'])).code).toBe(2)
  })
})
