// Lineage in the ML-BOM: a fine-tuning chain as dependencies, inherited datasets in the model card,
// a parent that is not in the repository (a registry model) named so the chain has both ends.
import { beforeAll, describe, expect, it } from '@jest/globals'
import type { Inventory } from '../../src/report/inventory.js'
import { cli, repoForFile } from '../helpers/repo.js'
import { writeModels } from './fixtures.js'
import { component, dependsOn, expectValidCycloneDx, propertyValues, type CycloneDxBom } from './cyclonedx-schema.js'

const REGISTRY = `version: 1
datasets:
  - { id: cifar10, label: public }
  - { id: bookcorpus, label: internal }
  - { id: ukbb, label: restricted }
models:
  - { path: models/grand.pt, trained_on: [cifar10] }
  - { path: models/parent.pt, trained_on: [models/grand.pt] }
  - { path: models/child.pt, trained_on: [models/parent.pt, hub/bert-base] }
  - { path: hub/bert-base, trained_on: [bookcorpus] }
  - { path: models/tuned.pt, trained_on: [models/parent.pt] }
`

const { repo } = repoForFile('mlg-inventory-lineage-', (work) => work.write('.model-registry.yml', REGISTRY))
let parentV1: string
let parentV2: string
let bom: CycloneDxBom

beforeAll(async () => {
  // Real model files with distinct bytes, so distinct blobs (detection goes by content, not name).
  writeModels(repo, {
    'models/grand.pt': 'state_dict.pt',
    'models/parent.pt': 'legacy_state.pt',
    'models/child.pt': 'lr_p4.pkl'
  })
  repo.commit('grand, parent and a child fine-tuned from the parent')
  parentV1 = repo.git('rev-parse', 'HEAD:models/parent.pt').trim()
  // The parent is retrained later; a new model is tuned from the new parent.
  writeModels(repo, {
    'models/parent.pt': 'legacy_tar.pt',
    'models/tuned.pt': 'knn.joblib'
  })
  repo.commit('retrain the parent; tune another model from it')
  parentV2 = repo.git('rev-parse', 'HEAD:models/parent.pt').trim()
  const result = await cli(repo.dir, ['inventory', '--registry', '.model-registry.yml'])
  expect(result).toMatchObject({ code: 0, stderr: '' })
  bom = expectValidCycloneDx(result.stdout)
})

describe('lineage in the ML-BOM', () => {
  it('shows a fine-tuning chain as dependencies: tuned → parent → grand → its dataset', () => {
    expect(dependsOn(bom, 'models/tuned.pt')).toEqual(['cifar10', 'models/parent.pt'])
    const tunedRef = component(bom, 'models/tuned.pt')['bom-ref']
    const parentRef = `models/parent.pt@${parentV2}`
    expect((bom.dependencies ?? []).find((d) => d.ref === tunedRef)?.dependsOn).toContain(parentRef)
    expect(dependsOn(bom, parentRef)).toEqual(['cifar10', 'models/grand.pt'])
    expect(dependsOn(bom, 'models/grand.pt')).toEqual(['cifar10'])
  })

  it('lists the datasets a model inherits from its parents in its model card', () => {
    const tuned = component(bom, 'models/tuned.pt')
    expect(tuned.modelCard?.modelParameters?.datasets).toEqual([{ ref: component(bom, 'cifar10')['bom-ref'] }])
  })

  it('names a parent the repository does not hold (a registry model) as a model component', () => {
    const hub = component(bom, 'hub/bert-base')
    expect(hub.type).toBe('machine-learning-model')
    expect(propertyValues(hub, 'inventoried')).toEqual(['false'])
    expect(propertyValues(hub, 'git-blob')).toEqual([])
  })

  it('links a child to the version of its parent it was trained from, not to a later one', () => {
    const child = dependsOn(bom, 'models/child.pt')
    expect(child).toEqual(['bookcorpus', 'cifar10', 'hub/bert-base', 'models/parent.pt'])
    const childRef = component(bom, 'models/child.pt')['bom-ref']
    const parentRefs = (bom.dependencies ?? []).find((d) => d.ref === childRef)?.dependsOn ?? []
    const parents = (bom.components ?? []).filter((c) => c.name === 'models/parent.pt')
    expect(parents).toHaveLength(2)
    const older = parents.find((c) => parentRefs.includes(c['bom-ref']))
    expect(older && propertyValues(older, 'git-blob')).toEqual([parentV1])
    expect(older && propertyValues(older, 'inventoried')).toEqual(['false'])
  })

  it('gives the same parents in the inventory JSON and in the scan report', async () => {
    const json = JSON.parse((await cli(repo.dir, ['inventory', '--format', 'json'])).stdout) as Inventory
    const child = json.models.find((m) => m.path === 'models/child.pt')
    expect(child?.parents).toEqual([`models/parent.pt@${parentV1}`, 'hub/bert-base'])
    expect(json.otherModels).toEqual([
      { ref: 'hub/bert-base', path: 'hub/bert-base', blob: null },
      { ref: `models/parent.pt@${parentV1}`, path: 'models/parent.pt', blob: parentV1 }
    ])
    const scan = JSON.parse((await cli(repo.dir, ['scan', 'HEAD', '--format', 'json'])).stdout) as {
      findings: { path: string; parents: unknown }[]
    }
    expect(scan.findings.find((f) => f.path === 'models/child.pt')?.parents).toEqual([
      { path: 'models/parent.pt', blob: parentV1 },
      { path: 'hub/bert-base', blob: null }
    ])
  })
})
