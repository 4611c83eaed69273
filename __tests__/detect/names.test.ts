// Names second: unambiguous model extensions and artifacts.include fail closed; LFS pointers.
import { describe, expect, it } from '@jest/globals'
import { detect } from '../../src/detect/index.js'
import { lfsAbsentRule } from '../../src/detect/lfs.js'
import { detectBytes, detectFixture, fixture } from './helpers.js'

const junk = Buffer.from('this is not a model at all\n')
const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff))

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

  it('artifacts.include makes any name count, unless the content is plain text', async () => {
    const include = (p: string): boolean => p.startsWith('exports/')
    expect(await detectBytes(binary, 'exports/weights.dat', { include })).toEqual([
      expect.objectContaining({
        format: 'declared',
        kind: 'unknown',
        detail: expect.objectContaining({ detectedBy: 'artifacts.include' })
      })
    ])
    expect(await detectBytes(junk, 'exports/README', { include })).toEqual([])
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
          contentInRepo: false,
          contentRead: false
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

  it.each(['models/release.tar.gz', 'models/asr.nemo', 'models/resnet.params', 'tokenizer.model', 'weights', 'x.zip'])(
    'a pointer whose object is absent and whose name is no obvious non-model is unknown: %s',
    async (path) => {
      expect(await detectFixture('lfs/index.faiss', { path })).toEqual([
        expect.objectContaining({ format: 'lfs-pointer', kind: 'unknown' })
      ])
    }
  )

  it.each(['docs/photo.png', 'talk.mp4', 'voice.wav', 'paper.pdf', 'notes.txt', 'data/table.csv'])(
    'an obvious non-model behind a pointer stays quiet: %s',
    async (path) => {
      expect(await detectFixture('lfs/index.faiss', { path })).toEqual([])
    }
  )

  it.each(['docs/photo.png', 'assets/figure.png', 'talk.mp4', 'voice.wav', 'paper.pdf', 'notes.txt', 'data/table.csv'])(
    'where LFS objects are never here (pre-receive, CI), a pointer is unknown whatever its name, with its oid and size: %s',
    async (path) => {
      expect(await detectFixture('lfs/index.faiss', { path, lfsAbsent: 'unknown' })).toEqual([
        {
          member: null,
          format: 'lfs-pointer',
          kind: 'unknown',
          detail: expect.objectContaining({
            oid: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
            size: expect.any(Number),
            contentRead: false,
            reason: expect.stringContaining('its name decides nothing (policy.lfs_absent: unknown)')
          })
        }
      ])
    }
  )

  it('where LFS objects are never here, a model name still gives the kind', async () => {
    expect(await detectFixture('lfs/index.faiss', { path: 'index.faiss', lfsAbsent: 'unknown' })).toEqual([
      expect.objectContaining({ format: 'lfs-pointer', kind: 'knn-index' })
    ])
  })

  it.each([
    ['pre-receive', 'unknown', 'unknown'],
    ['ci', 'unknown', 'unknown'],
    ['pre-receive', 'by-name', 'by-name'],
    ['ci', 'by-name', 'by-name'],
    ['pre-push', 'unknown', 'by-name'],
    ['cli', 'unknown', 'by-name']
  ] as const)('in %s with policy.lfs_absent %s, an absent object is judged %s', (runsIn, configured, rule) => {
    expect(lfsAbsentRule(runsIn, configured)).toBe(rule)
  })

  it('a pointer for a non-model path is not a model, unless included by name', async () => {
    expect(await detectFixture('lfs/index.faiss', { path: 'data/table.csv' })).toEqual([])
    expect(await detectFixture('lfs/index.faiss', { path: 'data/table.csv', include: () => true })).toEqual([
      expect.objectContaining({ format: 'lfs-pointer', kind: 'unknown' })
    ])
  })
})

describe('what the registry declares a model (models[].path) is one', () => {
  const declared = (bytes: Buffer, path: string) =>
    detect(
      { path, size: bytes.length, bytes },
      { includedByName: () => false, declaredModel: (p) => p.startsWith('models/') }
    )

  it.each([
    ['a numeric .npz of weights', fixture('clean/numbers.npz'), 'models/weights.npz'],
    ['a numeric .npy of embeddings', fixture('clean/numbers.npy'), 'models/embeddings.npy'],
    ['a raw .bin', fixture('clean/random.bin'), 'models/raw.bin']
  ])('%s is reported as format declared', async (_label, bytes, path) => {
    expect(await declared(bytes, path)).toEqual([
      expect.objectContaining({
        format: 'declared',
        kind: 'unknown',
        detail: expect.objectContaining({ detectedBy: 'models[].path' })
      })
    ])
  })

  it('a known format there keeps its own format', async () => {
    expect(await declared(fixture('knn_p4.pkl'), 'models/knn.pkl')).toEqual([
      expect.objectContaining({ format: 'pickle' })
    ])
  })

  it.each([
    ['a README', Buffer.from('# The model\nTrained on clinic notes.\n'), 'models/README.md'],
    ['a config', Buffer.from('{"hidden": 128, "layers": 4}\n'), 'models/config.json'],
    ['an empty file', Buffer.alloc(0), 'models/.keep']
  ])('%s there stays quiet', async (_label, bytes, path) => {
    expect(await declared(bytes, path)).toEqual([])
  })

  it('the same bytes outside the declared paths stay quiet', async () => {
    expect(await declared(fixture('clean/numbers.npz'), 'data/weights.npz')).toEqual([])
  })
})
