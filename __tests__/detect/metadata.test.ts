// detail: what each reader saw, and detail.metadata (a flat string map) for the provenance stage.
import { describe, expect, it } from '@jest/globals'
import { detectFixture } from './helpers.js'

async function detailOf(name: string): Promise<Record<string, unknown>> {
  const found = await detectFixture(name)
  expect(found).toHaveLength(1)
  return found[0].detail
}

describe('embedded training-data metadata', () => {
  it('safetensors __metadata__', async () => {
    expect(await detailOf('tiny_meta.safetensors')).toEqual({
      tensorCount: 1,
      metadata: { format: 'pt', training_datasets: 'clinic/visits-2024' }
    })
    expect((await detailOf('corpus/model.safetensors')).metadata).toEqual({ format: 'pt', datasets: 'ehr-notes' })
  })

  it('ONNX metadata_props, producer and doc_string', async () => {
    const detail = await detailOf('meta.onnx')
    expect(detail.metadata).toEqual({
      producer_name: 'skl2onnx',
      producer_version: '1.14',
      doc_string: 'risk model',
      training_dataset: 's3://bucket/pii.parquet',
      owner: 'ml-team'
    })
    expect(detail).toMatchObject({ irVersion: 8, nodeCount: 1, tensorCount: 1 })
    expect((await detailOf('corpus/risk.onnx')).metadata).toMatchObject({ training_datasets: 'ukbb-genotypes' })
  })

  it('GGUF general.datasets, base_model.N.* and source.*', async () => {
    const detail = await detailOf('datasets.gguf')
    expect(detail).toMatchObject({ version: 3, tensorCount: 1, kvCount: 8, architecture: 'llama' })
    expect(detail.metadata).toEqual({
      'general.architecture': 'llama',
      'general.name': 'tiny-clinic',
      'general.datasets': ['hospital/notes', 'wiki'],
      'general.base_model.count': '1',
      'general.base_model.0.name': 'Llama 2 7B',
      'general.base_model.0.repo_url': 'https://huggingface.co/meta-llama/Llama-2-7b',
      'general.source.url': 'https://example.org/clinic-model'
    })
  })

  it('Keras HDF5 root string attributes other than model_config', async () => {
    const detail = await detailOf('keras_meta.h5')
    expect(detail.metadata).toEqual({
      keras_version: '2.11.0',
      backend: 'tensorflow',
      training_config: '{"loss": "binary_crossentropy"}',
      training_data: 'warehouse.patients_2024'
    })
    expect(detail.modelClass).toBe('Sequential')
    expect((await detailOf('keras_weights_only.h5')).metadata).toMatchObject({ layer_names: ['dense'] })
  })

  it('TorchScript extra/* text files', async () => {
    const detail = await detailOf('scripted_extra.pt')
    expect(detail.metadata).toEqual({
      'extra/training.json': '{"datasets": ["hospital-admissions-2023"]}',
      'extra/notes.txt': 'trained on ward data'
    })
  })

  it('Core ML description metadata and userDefined', async () => {
    expect((await detailOf('knn.mlmodel')).metadata).toEqual({
      shortDescription: 'kNN over patient vectors',
      author: 'ml-team',
      training_data: 'clinic/visits'
    })
  })

  it('Keras v3 metadata.json', async () => {
    expect(await detailOf('tiny.keras')).toMatchObject({
      weights: 'model.weights.h5',
      modelClass: 'Sequential',
      metadata: { keras_version: '3.3.3', date_saved: '2024-05-01@10:00:00' }
    })
  })
})

describe('what the readers saw', () => {
  it.each([
    ['corpus/vectors.faiss', { indexType: 'IndexFlatL2', dimension: 8, metric: 'L2' }],
    ['corpus/ivf.index', { indexType: 'IndexIVFFlat', dimension: 8, records: 60 }],
    ['hnsw.faiss', { indexType: 'IndexHNSWFlat', dimension: 8, records: 16 }],
    ['ivfpq.index', { indexType: 'IndexIVFPQ', dimension: 8, records: 8 }],
    ['idmap_sq.faiss', { indexType: 'IndexIDMap', dimension: 8, records: 4 }],
    ['binary_flat.faiss', { indexType: 'IndexBinaryFlat', dimension: 16, records: 4 }],
    ['corpus/patients_hnsw.bin', { dimension: 8, records: 60, M: 8 }],
    ['hnswlib_cosine.bin', { dimension: 4, records: 10, maxElements: 16 }],
    ['tiny.usearch', { dimension: 4, records: 4, vectorsIncluded: true }],
    ['tiny.voy', { dimension: 4, records: 10 }],
    ['state_dict.pt', { storageCount: 2, topClass: 'collections.OrderedDict' }],
    ['legacy_state.pt', { topClass: 'collections.OrderedDict', protocolVersion: 1001 }],
    ['savedmodel/saved_model.pb', { tags: ['serve'], tensorflowVersion: '2.11.0' }],
    ['legacy_ggjt.bin', { variant: 'ggjt', version: 3 }]
  ])('%s', async (name, expected) => {
    expect(await detailOf(name)).toMatchObject(expected)
  })
})
