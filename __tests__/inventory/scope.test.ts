// What `inventory` takes stock of: what HEAD (or --at REV) holds, a history (REV..., --all), and
// the errors a user can make. One repository: a model deleted from HEAD, a tag, a branch.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import type { Inventory } from '../../src/report/inventory.js'
import { cli, repoForFile, TestRepo } from '../helpers/repo.js'
import { modelFixture, writeModels } from './fixtures.js'
import { expectValidCycloneDx, propertyValues } from './cyclonedx-schema.js'

const REGISTRY = `version: 1
datasets:
  - { id: ukbb, label: restricted }
models:
  - { path: "models/**", trained_on: [ukbb] }
  - { path: "vendor/**", trained_on: [ukbb] }
artifacts:
  exclude: ["vendor/**"]
`

const { root, repo } = repoForFile('mlg-inventory-scope-', (work) => work.write('.model-registry.yml', REGISTRY))
let added: string

async function inventoryOf(...args: string[]): Promise<Inventory> {
  const result = await cli(repo.dir, ['inventory', '--format', 'json', ...args])
  expect(result).toMatchObject({ code: 0, stderr: '' })
  return JSON.parse(result.stdout) as Inventory
}

const paths = (inventory: Inventory): string[] => inventory.models.map((model) => model.path)

beforeAll(() => {
  writeModels(repo, {
    'models/kept.pt': 'state_dict.pt',
    'models/knn.joblib': 'knn.joblib',
    'vendor/excluded.pkl': 'lr_p4.pkl'
  })
  added = repo.commit('add models')
  repo.git('tag', 'v1')
  repo.git('rm', '-q', 'models/knn.joblib')
  repo.commit('delete the k-NN model')
  repo.git('checkout', '-q', '-b', 'feature')
  repo.write('models/index.faiss', modelFixture('hnsw.faiss'))
  repo.commit('add an index on a branch')
  repo.git('checkout', '-q', 'main')
})

describe('inventory scope', () => {
  it('takes what HEAD holds by default: not a model deleted before, not another branch, not excluded paths', async () => {
    const inventory = await inventoryOf()
    expect(paths(inventory)).toEqual(['models/kept.pt'])
    expect(inventory.models[0].commit).toBe(added) // attributed to the commit that introduced it, as scan does
    expect(inventory.stats.excluded).toBe(1)
  })

  it('--all takes every ref’s history: the deleted model and the branch’s index too', async () => {
    const inventory = await inventoryOf('--all')
    expect(paths(inventory).sort()).toEqual(['models/index.faiss', 'models/kept.pt', 'models/knn.joblib'])
    expect(inventory.scope).toEqual({ type: 'history', revisions: ['--all'] })
    const bom = expectValidCycloneDx((await cli(repo.dir, ['inventory', '--all'])).stdout)
    expect(propertyValues(bom.metadata, 'scope')).toEqual(['history of --all'])
  })

  it('--at REV takes what REV holds; REV... takes what that history introduced', async () => {
    expect(paths(await inventoryOf('--at', 'v1')).sort()).toEqual(['models/kept.pt', 'models/knn.joblib'])
    expect(paths(await inventoryOf('--at', 'feature')).sort()).toEqual(['models/index.faiss', 'models/kept.pt'])
    const branch = await inventoryOf('main..feature')
    expect(paths(branch)).toEqual(['models/index.faiss'])
    expect(await inventoryOf('feature', '--not', 'main')).toMatchObject({ models: branch.models }) // as scan takes it
    expect(branch.models[0]).toMatchObject({ kind: 'knn-index', records: 16, dimension: 8 }) // a real IndexHNSWFlat(8) of 16
  })

  it('rejects what it cannot take stock of, with exit code 2 and the reason', async () => {
    const cases: [string[], RegExp][] = [
      [['--format', 'xml'], /--format must be cyclonedx or json, not "xml"/],
      [['--at', 'no-such-tag'], /--at: unknown revision "no-such-tag"/],
      [['--at', 'v1', '--all'], /--at takes the place of REV\.\.\. and --all/],
      [['no-such-branch'], /git .* failed/],
      [['--output', join(root, 'missing', 'bom.json')], /cannot write the inventory: ENOENT/]
    ]
    for (const [args, message] of cases) {
      const result = await cli(repo.dir, ['inventory', ...args])
      expect({ args, code: result.code }).toEqual({ args, code: 2 })
      expect(result.stderr).toMatch(message)
    }
  })

  it('takes an empty inventory of a repository without commits, still a valid ML-BOM', async () => {
    const empty = TestRepo.init(join(root, 'empty'))
    const result = await cli(empty.dir, ['inventory'])
    expect(result.code).toBe(0)
    const bom = expectValidCycloneDx(result.stdout)
    expect(bom.components ?? []).toEqual([])
    expect(propertyValues(bom.metadata, 'verdict')).toEqual(['pass'])
  })
})
