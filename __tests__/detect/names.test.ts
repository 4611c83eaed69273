// Names second: unambiguous model extensions and artifacts.include fail closed; LFS pointers.
import { describe, expect, it } from '@jest/globals'
import { detectBytes, detectFixture } from './helpers.js'

const junk = Buffer.from('this is not a model at all\n')

describe('by-name fallback', () => {
  it.each([
    '.safetensors',
    '.onnx',
    '.gguf',
    '.pkl',
    '.pickle',
    '.joblib',
    '.ckpt',
    '.pt',
    '.keras',
    '.tflite',
    '.mlmodel',
    '.faiss'
  ])('unrecognised content named *%s is kind unknown with the reason', async (ext) => {
    expect(await detectBytes(junk, `models/model${ext}`)).toEqual([
      {
        member: null,
        format: 'unknown',
        kind: 'unknown',
        detail: expect.objectContaining({ reason: 'named like a model but content not recognised' })
      }
    ])
  })

  it.each(['saved_model.pb', 'pytorch_model.bin', 'tf_model.h5'])(
    'unrecognised content in a file called %s fails closed',
    async (name) => {
      expect(await detectBytes(junk, `export/${name}`)).toEqual([
        expect.objectContaining({ kind: 'unknown', detail: expect.objectContaining({ detectedBy: 'name' }) })
      ])
    }
  )

  it.each(['.bin', '.pth', '.h5', '.index', '.pb', '.npy', '.npz', '.ann', '.txt'])(
    '*%s alone is not a model name',
    async (ext) => {
      expect(await detectBytes(junk, `x/data${ext}`)).toEqual([])
    }
  )

  it('artifacts.include makes any name count', async () => {
    const found = await detectBytes(junk, 'exports/weights.dat', { include: (p) => p.startsWith('exports/') })
    expect(found).toEqual([
      expect.objectContaining({ kind: 'unknown', detail: expect.objectContaining({ detectedBy: 'artifacts.include' }) })
    ])
  })

  it('recognised content wins over the include rule', async () => {
    expect(await detectFixture('knn_p4.pkl', { include: () => true })).toEqual([
      expect.objectContaining({ kind: 'knn-index' })
    ])
  })
})

describe('Git LFS pointers', () => {
  it('a pointer for a .safetensors path is an lfs-pointer of kind weights with oid and size', async () => {
    expect(await detectFixture('lfs/model.safetensors')).toEqual([
      {
        member: null,
        format: 'lfs-pointer',
        kind: 'weights',
        detail: {
          oid: 'sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393',
          size: 12345678,
          contentInRepo: false
        }
      }
    ])
  })

  it.each([
    ['index.faiss', 'knn-index'],
    ['model.pkl', 'pickle'],
    ['pytorch_model.bin', 'weights'],
    ['model.pth', 'weights']
  ])('kind comes from the path: %s → %s', async (path, kind) => {
    expect(await detectFixture('lfs/index.faiss', { path })).toEqual([
      expect.objectContaining({ format: 'lfs-pointer', kind })
    ])
  })

  it('a pointer for a non-model path is not a model, unless included by name', async () => {
    expect(await detectFixture('lfs/index.faiss', { path: 'data/table.csv' })).toEqual([])
    expect(await detectFixture('lfs/index.faiss', { path: 'data/table.csv', include: () => true })).toEqual([
      expect.objectContaining({ format: 'lfs-pointer', kind: 'unknown' })
    ])
  })
})
