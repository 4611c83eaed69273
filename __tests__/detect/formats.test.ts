// Each format: the real (or spec-exact) file, a renamed copy, a gzip copy, and copies inside a zip and a tar.gz.
import { describe, expect, it } from '@jest/globals'
import zlib from 'node:zlib'
import { detectBytes, detectFixture, fixture, makeTar, makeZip } from './helpers.js'

const FORMATS: Array<[string, string, string]> = [
  ['corpus/classifier.pt', 'pytorch', 'weights'],
  ['state_dict.pt', 'pytorch', 'weights'],
  ['corpus/legacy.pth', 'pytorch-legacy', 'weights'],
  ['legacy_state.pt', 'pytorch-legacy', 'weights'],
  ['legacy_tar.pt', 'pytorch-legacy', 'weights'],
  ['corpus/scripted.pt', 'torchscript', 'weights'],
  ['scripted_extra.pt', 'torchscript', 'weights'],
  ['lr_p0.pkl', 'pickle', 'pickle'],
  ['lr_p5.pkl', 'pickle', 'pickle'],
  ['knn_p0.pkl', 'pickle', 'knn-index'],
  ['knn_p4.pkl', 'pickle', 'knn-index'],
  ['knn.joblib', 'joblib', 'knn-index'],
  ['objects.npy', 'pickle', 'data'],
  ['tiny_meta.safetensors', 'safetensors', 'weights'],
  ['meta.onnx', 'onnx', 'weights'],
  ['keras_meta.h5', 'keras-h5', 'weights'],
  ['keras_weights_only.h5', 'keras-h5', 'weights'],
  ['tiny.keras', 'keras', 'weights'],
  ['savedmodel/saved_model.pb', 'savedmodel', 'weights'],
  ['tf/ckpt-1.index', 'tf-checkpoint', 'weights'],
  ['tiny.tflite', 'tflite', 'weights'],
  ['datasets.gguf', 'gguf', 'weights'],
  ['legacy_ggjt.bin', 'ggml', 'weights'],
  ['legacy_ggml.bin', 'ggml', 'weights'],
  ['nn.mlmodel', 'coreml', 'weights'],
  ['knn.mlmodel', 'coreml', 'knn-index'],
  ['corpus/vectors.faiss', 'faiss', 'knn-index'],
  ['corpus/ivf.index', 'faiss', 'knn-index'],
  ['flat_ip.faiss', 'faiss', 'knn-index'],
  ['hnsw.faiss', 'faiss', 'knn-index'],
  ['ivfpq.index', 'faiss', 'knn-index'],
  ['idmap_sq.faiss', 'faiss', 'knn-index'],
  ['binary_flat.faiss', 'faiss', 'knn-index'],
  ['corpus/patients_hnsw.bin', 'hnswlib', 'knn-index'],
  ['hnswlib_cosine.bin', 'hnswlib', 'knn-index'],
  ['tiny.usearch', 'usearch', 'knn-index'],
  ['tiny.voy', 'voyager', 'knn-index'],
  ['flax/checkpoint_100', 'flax-msgpack', 'weights'],
  ['java/ibk.model', 'java-serialized', 'knn-index'],
  ['mxnet/model-0000.params', 'mxnet', 'weights'],
  ['caffe/risk.caffemodel', 'caffe', 'weights'],
  ['openvino/model.xml', 'openvino', 'weights']
]

const base = (name: string): string => name.slice(name.lastIndexOf('/') + 1)

describe.each(FORMATS)('%s → %s / %s', (name, format, kind) => {
  it('is recognised under its own name', async () => {
    expect(await detectFixture(name)).toEqual([expect.objectContaining({ member: null, format, kind })])
  })

  it('is recognised under a misleading name', async () => {
    expect(await detectFixture(name, { path: 'docs/notes.txt' })).toEqual([
      expect.objectContaining({ member: null, format, kind })
    ])
  })

  it('is recognised gzip-compressed', async () => {
    const found = await detectBytes(zlib.gzipSync(fixture(name)), `${name}.gz`)
    expect(found).toEqual([expect.objectContaining({ member: null, format, kind })])
    expect(found[0].detail.compression).toEqual(['gzip'])
  })

  it('is found inside a zip, with its member path', async () => {
    const zip = makeZip({ 'README.md': Buffer.from('# release\n'), [`models/${base(name)}`]: fixture(name) })
    expect(await detectBytes(zip, 'release.zip')).toEqual([
      expect.objectContaining({ member: `models/${base(name)}`, format, kind })
    ])
  })

  it('is found inside a tar.gz, with its member path', async () => {
    const tgz = zlib.gzipSync(makeTar({ [`models/${base(name)}`]: fixture(name) }))
    expect(await detectBytes(tgz, 'release.tgz')).toEqual([
      expect.objectContaining({ member: `models/${base(name)}`, format, kind })
    ])
  })
})

describe('formats recognised only with their name or path', () => {
  it('Annoy needs the .ann extension (it has no header) and is a knn-index with it', async () => {
    expect(await detectFixture('tiny.ann')).toEqual([
      expect.objectContaining({
        format: 'annoy',
        kind: 'knn-index',
        detail: { dimension: 4, records: 10, metric: 'angular' }
      })
    ])
    expect(await detectFixture('tiny.ann', { path: 'vectors.bin' })).toEqual([])
  })

  it('Annoy inside a zip keeps its name and is found', async () => {
    const zip = makeZip({ 'index/tiny.ann': fixture('tiny.ann') })
    expect(await detectBytes(zip, 'a.zip')).toEqual([
      expect.objectContaining({ member: 'index/tiny.ann', format: 'annoy' })
    ])
  })

  it('SavedModel variables: the index by content, the data shards by name; both keep the format savedmodel there', async () => {
    expect(await detectFixture('savedmodel/variables/variables.index')).toEqual([
      expect.objectContaining({
        format: 'savedmodel',
        kind: 'weights',
        detail: expect.objectContaining({ part: 'variables-index' })
      })
    ])
    const shard = await detectBytes(Buffer.alloc(64, 7), 'export/variables/variables.data-00000-of-00001')
    expect(shard).toEqual([
      expect.objectContaining({ format: 'savedmodel', detail: expect.objectContaining({ part: 'variables-data' }) })
    ])
  })

  it('a SavedModel whose meta graph has neither tags nor a TF version is known by its graph (a node with a name and an op)', async () => {
    const node = Buffer.concat([
      Buffer.from([0x0a, 1]),
      Buffer.from('x'),
      Buffer.from([0x12, 11]),
      Buffer.from('Placeholder')
    ])
    const graph = Buffer.concat([Buffer.from([0x0a, node.length]), node])
    const metaGraph = Buffer.concat([Buffer.from([0x12, graph.length]), graph])
    const savedModel = Buffer.concat([Buffer.from([0x08, 1, 0x12, metaGraph.length]), metaGraph])
    expect(await detectBytes(savedModel, 'neutral')).toEqual([
      expect.objectContaining({ format: 'savedmodel', kind: 'weights', detail: expect.objectContaining({ tags: [] }) })
    ])
  })

  it('a TensorFlow checkpoint anywhere: the index by content under any name, the data shards by name', async () => {
    const tensors = [
      '_CHECKPOINTABLE_OBJECT_GRAPH',
      'model/dense/bias/.ATTRIBUTES/VARIABLE_VALUE',
      'model/dense/kernel/.ATTRIBUTES/VARIABLE_VALUE',
      'save_counter/.ATTRIBUTES/VARIABLE_VALUE'
    ]
    for (const path of ['training/ckpt-1.index', 'neutral', 'variables/variables.bak']) {
      expect(await detectFixture('tf/ckpt-1.index', { path })).toEqual([
        { member: null, format: 'tf-checkpoint', kind: 'weights', detail: { part: 'index', numShards: 1, tensors } }
      ])
    }
    for (const path of ['training/ckpt-1.data-00000-of-00001', 'tf_ckpts/model.ckpt-1000.data-00001-of-00002']) {
      expect(await detectFixture('tf/ckpt-1.data-00000-of-00001', { path })).toEqual([
        expect.objectContaining({
          format: 'tf-checkpoint',
          kind: 'weights',
          detail: { part: 'data', detectedBy: 'name' }
        })
      ])
    }
    expect(await detectFixture('tf/ckpt-1.data-00000-of-00001', { path: 'neutral' })).toEqual([])
  })

  it.each([
    ['without the LevelDB table magic', Buffer.from('not a table'), 'variables/variables.index'],
    ['whose first key is not empty (a LevelDB table of something else)', tableWithKey('k'), 'data/000005.ldb'],
    ['with the header entry but no table magic at its end', fixture('tf/ckpt-1.index').subarray(0, 200), 'ckpt-1.index']
  ])('a table %s stays quiet', async (_what, bytes, path) => {
    expect(await detectBytes(bytes, path)).toEqual([])
  })
})

/** The checkpoint index with its first entry's key made non-empty (same length: the magic stays last). */
function tableWithKey(key: string): Buffer {
  const table = Buffer.from(fixture('tf/ckpt-1.index'))
  table[1] = key.length
  table.write(key, 3, 'latin1')
  return table
}

describe('renamed fixtures from the generator', () => {
  it.each([
    ['renamed/notes.dat', 'pickle', 'knn-index'],
    ['renamed/readme.txt', 'pickle', 'pickle'],
    ['renamed/knn_xz.log', 'joblib', 'knn-index'],
    ['renamed/weights.txt', 'pytorch', 'weights'],
    ['renamed/legacy.csv', 'pytorch-legacy', 'weights'],
    ['renamed/hnsw.png', 'faiss', 'knn-index'],
    ['renamed/hnswlib.dat', 'hnswlib', 'knn-index'],
    ['renamed/usearch.bin', 'usearch', 'knn-index'],
    ['renamed/voyager.txt', 'voyager', 'knn-index'],
    ['renamed/safetensors.json', 'safetensors', 'weights'],
    ['renamed/gguf.dat', 'gguf', 'weights'],
    ['renamed/tflite.bin', 'tflite', 'weights'],
    ['renamed/coreml.dat', 'coreml', 'weights'],
    ['renamed/graph.bin', 'savedmodel', 'weights'],
    ['renamed/model.txt', 'onnx', 'weights'],
    ['renamed/keras.dat', 'keras-h5', 'weights'],
    ['renamed/keras3.zip', 'keras', 'weights']
  ])('%s is %s / %s', async (name, format, kind) => {
    expect(await detectFixture(name)).toEqual([expect.objectContaining({ member: null, format, kind })])
  })

  it('renamed/bundle_tgz.txt is opened as a tar.gz', async () => {
    const found = await detectFixture('renamed/bundle_tgz.txt')
    expect(found.map((d) => d.member)).toEqual(['models/knn.pkl', 'models/net.pt', 'models/meta.onnx'])
  })
})
