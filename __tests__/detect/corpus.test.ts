// Every sample of the shared corpus (copied into fixtures/models/corpus) is classified as its manifest says.
import { describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { detectFixture, fixture } from './helpers.js'

const rows = fixture('corpus/manifest.tsv')
  .toString('utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))

// The format each model's manifest note implies (the copied manifest itself stays as shared); for an
// archive, the format of the model member inside it.
const FORMATS: Record<string, string> = {
  'classifier.pt': 'pytorch', // torch zip state_dict
  'legacy.pth': 'pytorch-legacy', // torch legacy pickle format
  'scripted.pt': 'torchscript',
  'lr_p2.pickle': 'pickle',
  'knn_p5.pkl': 'pickle',
  'knn.joblib': 'joblib',
  'knn_z.joblib': 'joblib', // zlib compressed joblib
  'vectors.faiss': 'faiss',
  'ivf.index': 'faiss',
  'patients_hnsw.bin': 'hnswlib',
  'keras_model.h5': 'keras-h5',
  'risk.onnx': 'onnx',
  'model.safetensors': 'safetensors',
  'tiny.gguf': 'gguf',
  'release.zip': 'pickle' // zip containing a pickle
}

describe('corpus manifest', () => {
  it('lists exactly the samples copied here, each once, as model or clean', () => {
    const files = readdirSync(new URL('../fixtures/models/corpus/', import.meta.url)).filter(
      (f) => f !== 'manifest.tsv'
    )
    expect(rows.map(([name]) => name).sort()).toEqual(files.sort())
    expect(rows).toHaveLength(23)
    for (const [, expected] of rows) expect(['model', 'clean']).toContain(expected)
  })

  it('every model sample has an expected format here', () => {
    const models = rows.filter(([, expected]) => expected === 'model').map(([name]) => name)
    expect(Object.keys(FORMATS).sort()).toEqual(models.sort())
  })

  it.each(rows.filter(([, expected]) => expected === 'model'))('%s is a model (%s, %s: %s)', async (name, _e, kind) => {
    const found = await detectFixture(`corpus/${name}`)
    const format = FORMATS[name]
    if (kind === 'archive') {
      expect(found.some((d) => d.member !== null && d.kind !== 'unknown' && d.format === format)).toBe(true)
    } else {
      expect(found).toHaveLength(1)
      expect(found[0]).toMatchObject({ member: null, kind, format })
    }
  })

  it.each(rows.filter(([, expected]) => expected === 'clean'))('%s stays quiet (%s: %s)', async (name) => {
    expect(await detectFixture(`corpus/${name}`)).toEqual([])
  })
})
