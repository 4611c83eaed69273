import { describe, expect, test } from '@jest/globals'
import { metadataSource } from '../../src/provenance/metadata.js'
import { claimName } from '../../src/provenance/source.js'
import { namesParentModel, namesTrainingData } from '../../src/provenance/metadata-keys.js'
import type { ProvenanceContext } from '../../src/provenance/index.js'
import { parseRegistry } from '../../src/registry/load.js'
import type { Artifact } from '../../src/types.js'

import { datasetsOf, findingFor, fixture, freshRepoForEachTest, registryYaml, repo, scanJson } from './helpers.js'

const registry = parseRegistry(registryYaml(), '.model-registry.yml')
const context = { registry } as ProvenanceContext

function artifact(format: string, metadata: Record<string, string | string[]>): Artifact {
  return {
    member: null,
    format,
    kind: 'weights',
    detail: { metadata },
    blob: { id: 'b', path: `models/m.${format}`, commit: 'c'.repeat(40), size: 1 }
  }
}

describe('which metadata keys name training data', () => {
  test.each([
    'training_dataset',
    'training_datasets',
    'general.datasets',
    'train_data',
    'ss_dataset_dirs',
    'trainedOn',
    'data_source',
    'extra/training.json.datasets'
  ])('%s does', (key) => expect(namesTrainingData(key)).toBe(true))
  test.each([
    'format',
    'training_config',
    'keras_version',
    'dataset_version',
    'data_format',
    'producer_name',
    'general.base_model.0.name',
    'general.source.url',
    'author'
  ])('%s does not', (key) => expect(namesTrainingData(key)).toBe(false))
  test('base model keys are parents', () => {
    expect(
      ['base_model', 'general.base_model.0.name', 'general.source.repo_url', 'baseModel'].every(namesParentModel)
    ).toBe(true)
    expect(namesParentModel('general.base_model.count')).toBe(false)
  })
})

describe('metadata source (hand-built detections)', () => {
  test('safetensors __metadata__: `format: pt` is not a dataset; a training uri matches the dataset uris', async () => {
    const report = await metadataSource.consult(
      artifact('safetensors', { format: 'pt', training_data: 's3://lab-bucket/ukbb/2023/visits.parquet' }),
      context
    )
    expect(report.claims.map(claimName)).toEqual(['s3://lab-bucket/ukbb/2023/visits.parquet'])
    expect(report.claims[0].evidence).toEqual({ file: 'models/m.safetensors', note: 'metadata training_data' })
  })

  test('GGUF general.datasets are claims, general.base_model.N.* one parent with its alternatives', async () => {
    const report = await metadataSource.consult(
      artifact('gguf', {
        'general.architecture': 'llama',
        'general.datasets': ['ukbb', 'wikitext-103'],
        'general.base_model.count': '1',
        'general.base_model.0.name': 'Base 7B',
        'general.base_model.0.organization': 'Acme',
        'general.base_model.0.repo_url': 'https://huggingface.co/acme/base-7b'
      }),
      context
    )
    expect(report.claims.map(claimName)).toEqual(['ukbb', 'wikitext-103'])
    expect(report.parents.map((p) => p.names)).toEqual([
      ['Base 7B', 'acme/base-7b', 'https://huggingface.co/acme/base-7b']
    ])
  })

  test('ONNX metadata_props and free text: other keys count only when they name a registered dataset', async () => {
    const report = await metadataSource.consult(
      artifact('onnx', {
        producer_name: 'pytorch',
        doc_string: 'Fine-tuned on uk-biobank visits (2023).',
        author: 'ml-team',
        notes: 'unrelated words'
      }),
      context
    )
    expect(report.claims.map(claimName)).toEqual(['uk-biobank'])
  })

  test('Keras HDF5 attributes: training_config is not data, training_datasets is; JSON values are opened', async () => {
    const report = await metadataSource.consult(
      artifact('keras-h5', {
        keras_version: '2.13.1',
        training_config: '{"loss": "mse", "optimizer_config": {"class_name": "Adam"}}',
        training_datasets: 'ukbb',
        'extra/training.json': '{"datasets": ["cifar10"]}'
      }),
      context
    )
    expect(report.claims.map(claimName)).toEqual(['ukbb', 'cifar10'])
  })

  test('no metadata: no claims, and a note saying so', async () => {
    const report = await metadataSource.consult(artifact('pickle', {}), context)
    expect(report.claims).toEqual([])
    expect(report.notes[0].text).toMatch(/carries no embedded metadata/)
  })
})

// End to end with real files: needs src/detect's content detection, which puts each format's
// own metadata in detail.metadata.
describe('metadata source, end to end (needs src/detect to extract detail.metadata)', () => {
  freshRepoForEachTest()

  test('safetensors, GGUF, ONNX and Keras HDF5 files that name ukbb are blocked by their own metadata', async () => {
    for (const name of ['trained.safetensors', 'trained.gguf', 'trained.onnx', 'trained.h5'])
      repo.write(`models/${name}`, fixture(name))
    repo.commit('add models')
    const { code, report } = await scanJson(repo)
    expect(code).toBe(1)
    expect(datasetsOf(findingFor(report, 'models/trained.safetensors'))).toEqual(['ukbb:metadata'])
    expect(datasetsOf(findingFor(report, 'models/trained.gguf'))).toEqual(['ukbb:metadata', 'wikitext-103:metadata'])
    expect(datasetsOf(findingFor(report, 'models/trained.onnx'))).toEqual(['ukbb:metadata'])
    expect(datasetsOf(findingFor(report, 'models/trained.h5'))).toEqual(['ukbb:metadata'])
  })

  test("a GGUF's base model in the registry's models[] passes its datasets down", async () => {
    repo.write('.model-registry.yml', registryYaml('models:\n  - path: acme/base-7b\n    trained_on: [cifar10]\n'))
    repo.write('models/trained.gguf', fixture('trained.gguf'))
    repo.commit('add')
    const { report } = await scanJson(repo)
    expect(datasetsOf(findingFor(report, 'models/trained.gguf'))).toEqual([
      'cifar10:lineage',
      'ukbb:metadata',
      'wikitext-103:metadata'
    ])
  })
})
