// `inventory` over the demo repository (what `npm start` builds): a valid CycloneDX 1.6 ML-BOM with
// every model, its datasets and labels, its hashes and its verdict; and the inventory JSON contract.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { buildDemoRepository } from '../../src/commands/demo-repository.js'
import { inventoryOfReport } from '../../src/inventory.js'
import { loadRegistryFor } from '../../src/registry/index.js'
import { renderCycloneDx } from '../../src/report/cyclonedx.js'
import type { Inventory } from '../../src/report/inventory.js'
import { scan } from '../../src/scan.js'
import { cleanup, cli, TestRepo } from '../helpers/repo.js'
import { component, expectValidCycloneDx, propertyValues, type CycloneDxBom } from './cyclonedx-schema.js'

let work: string
let repo: TestRepo
let bom: CycloneDxBom
let inventory: Inventory

beforeAll(async () => {
  work = await buildDemoRepository()
  repo = new TestRepo(work)
  const cdx = await cli(work, ['inventory'])
  expect(cdx).toMatchObject({ code: 0, stderr: '' })
  bom = expectValidCycloneDx(cdx.stdout)
  const json = await cli(work, ['inventory', '--format', 'json'])
  expect(json.code).toBe(0)
  inventory = JSON.parse(json.stdout) as Inventory
})
afterAll(() => cleanup(dirname(work)))

const MODELS = ['indexes/patients.faiss', 'models/risk/model.safetensors', 'models/vision/model.safetensors']

describe('inventory of the demo repository as CycloneDX', () => {
  it('validates against the CycloneDX 1.6 schema and lists each model and each dataset once', () => {
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' })
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f-]{36}$/)
    expect(bom.metadata.tools.components).toEqual([
      expect.objectContaining({ name: 'model-leak-guard', version: expect.any(String) })
    ])
    const byType = (type: string) => (bom.components ?? []).filter((c) => c.type === type).map((c) => c.name)
    expect(byType('machine-learning-model').sort()).toEqual(MODELS)
    expect(byType('data').sort()).toEqual(['cifar10', 'ukbb'])
  })

  it('says what HEAD holds: a snapshot of its commit', () => {
    expect(propertyValues(bom.metadata, 'scope')).toEqual(['snapshot of HEAD'])
    expect(propertyValues(bom.metadata, 'git-commit')).toEqual([repo.head()])
    expect(propertyValues(bom.metadata, 'verdict')).toEqual(['block'])
  })

  it('hashes each model: SHA-256 of the content, the git blob id as a property (no hash algorithm names it)', () => {
    for (const path of MODELS) {
      const model = component(bom, path)
      const sha256 = createHash('sha256').update(repo.read(path)).digest('hex')
      expect(model.hashes).toEqual([{ alg: 'SHA-256', content: sha256 }])
      expect(propertyValues(model, 'git-blob')).toEqual([repo.git('rev-parse', `HEAD:${path}`).trim()])
      expect(propertyValues(model, 'size')).toEqual([String(repo.read(path).length)])
    }
  })

  it('names each dataset a model was trained on in its model card, and depends on it', () => {
    const risk = component(bom, 'models/risk/model.safetensors')
    const ukbb = component(bom, 'ukbb')
    expect(risk.modelCard).toEqual({ modelParameters: { datasets: [{ ref: ukbb['bom-ref'] }] } })
    const dependencies = new Map((bom.dependencies ?? []).map((d) => [d.ref, d.dependsOn ?? []]))
    expect(dependencies.get(risk['bom-ref'])).toEqual([ukbb['bom-ref']])
  })

  it('gives each dataset its sensitivity label, as a property and as the data classification', () => {
    const ukbb = component(bom, 'ukbb')
    expect(propertyValues(ukbb, 'label')).toEqual(['restricted'])
    expect(propertyValues(ukbb, 'label-blocks')).toEqual(['true'])
    expect(propertyValues(ukbb, 'alias')).toEqual(['uk-biobank'])
    expect(propertyValues(ukbb, 'path')).toEqual(['data/ukbb/**'])
    expect(ukbb.data).toEqual([{ type: 'dataset', name: 'ukbb', classification: 'restricted' }])
    const cifar = component(bom, 'cifar10')
    expect(propertyValues(cifar, 'label')).toEqual(['public'])
    expect(propertyValues(cifar, 'label-blocks')).toEqual(['false'])
  })

  it("states each model's format, kind, verdict and the reasons", () => {
    const risk = component(bom, 'models/risk/model.safetensors')
    expect(propertyValues(risk, 'format')).toEqual(['safetensors'])
    expect(propertyValues(risk, 'kind')).toEqual(['weights'])
    expect(propertyValues(risk, 'verdict')).toEqual(['block'])
    expect(propertyValues(risk, 'reason')).toEqual(['trained on ukbb (restricted)'])
    expect(propertyValues(component(bom, 'models/vision/model.safetensors'), 'verdict')).toEqual(['pass'])
  })

  it('shows the k-NN index as one, with the records it stores and their dimension', () => {
    const index = component(bom, 'indexes/patients.faiss')
    expect(propertyValues(index, 'kind')).toEqual(['knn-index'])
    expect(propertyValues(index, 'format')).toEqual(['faiss'])
    expect(propertyValues(index, 'records')).toEqual(['2'])
    expect(propertyValues(index, 'dimension')).toEqual(['4'])
    expect(inventory.models.find((m) => m.path === 'indexes/patients.faiss')).toMatchObject({
      records: 2,
      dimension: 4
    })
  })

  it('writes the ML-BOM to --output and says so in one line', async () => {
    const result = await cli(work, ['inventory', '--output', 'ml-bom.json'])
    expect(result).toEqual({
      code: 0,
      stdout: 'inventory: 3 models (2 blocked), 2 datasets: written to ml-bom.json\n',
      stderr: ''
    })
    expectValidCycloneDx(readFileSync(join(work, 'ml-bom.json'), 'utf8'))
  })
})

describe('inventory --format json (a stable contract, version 1)', () => {
  it('has the documented keys, in order', () => {
    expect(Object.keys(inventory)).toEqual([
      'version',
      'scope',
      'verdict',
      'models',
      'datasets',
      'otherModels',
      'stats'
    ])
    expect(inventory.version).toBe(1)
    expect(inventory.scope).toEqual({ type: 'snapshot', revision: 'HEAD', commit: repo.head() })
    for (const model of inventory.models)
      expect(Object.keys(model)).toEqual([
        'ref',
        'path',
        'member',
        'blob',
        'commit',
        'alsoAt',
        'format',
        'kind',
        'size',
        'sha256',
        'lfs',
        'records',
        'dimension',
        'verdict',
        'reasons',
        'datasets',
        'unreadable',
        'parents'
      ])
    for (const dataset of inventory.datasets)
      expect(Object.keys(dataset)).toEqual([
        'ref',
        'id',
        'registered',
        'label',
        'blocks',
        'aliases',
        'paths',
        'uris',
        'description'
      ])
  })

  it('says the same as the ML-BOM: models, blobs, hashes, datasets', () => {
    expect(inventory.models.map((m) => m.path)).toEqual(MODELS)
    for (const model of inventory.models) {
      const cdx = component(bom, model.path)
      expect(cdx['bom-ref']).toBe(model.ref)
      expect(propertyValues(cdx, 'git-blob')).toEqual([model.blob])
      expect(cdx.hashes?.[0].content).toBe(model.sha256)
    }
    const risk = inventory.models.find((m) => m.path === 'models/risk/model.safetensors')
    expect(risk).toMatchObject({ verdict: 'block', datasets: ['dataset:ukbb'], parents: [], lfs: false })
    expect(inventory.datasets.find((d) => d.id === 'ukbb')).toMatchObject({
      ref: 'dataset:ukbb',
      registered: true,
      label: 'restricted',
      blocks: true
    })
  })
})

describe('the ML-BOM of a scan report (what the Action writes for a push)', () => {
  it('covers what the push sends, and is the same bytes twice when reproducible', async () => {
    const registry = await loadRegistryFor(work)
    const revisions = ['HEAD', '--not', '--remotes']
    const report = await scan({ repoDir: work, revisions, registry })
    const pushed = await inventoryOfReport(report, { registry, scope: { type: 'history', revisions }, repoDir: work })
    const text = renderCycloneDx(pushed, { reproducible: true })
    expect(renderCycloneDx(pushed, { reproducible: true })).toBe(text)
    const pushBom = expectValidCycloneDx(text)
    expect(pushBom.serialNumber).toBeUndefined()
    expect(pushBom.metadata.timestamp).toBeUndefined()
    expect(propertyValues(pushBom.metadata, 'scope')).toEqual(['history of HEAD --not --remotes'])
    const models = (pushBom.components ?? []).filter((c) => c.type === 'machine-learning-model')
    expect(models.map((c) => c.name).sort()).toEqual(MODELS)
    expect(models.map((c) => c.hashes)).toEqual(MODELS.map((path) => component(bom, path).hashes))
  })
})
