// Property tests (fast-check) for every parser: random and mutated real inputs never throw, the
// work is bounded, and a real model with junk appended or its data changed is still reported.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { unpack } from '../../src/detect/compression.js'
import type { Packing } from '../../src/detect/compression.js'
import { sniffFaiss } from '../../src/detect/faiss.js'
import { sniffGguf } from '../../src/detect/gguf.js'
import { sniffHdf5Keras } from '../../src/detect/hdf5.js'
import { sniffHnswlib } from '../../src/detect/hnswlib.js'
import { detect, LIMITS } from '../../src/detect/index.js'
import { sniffOnnx } from '../../src/detect/onnx.js'
import { scanPickles } from '../../src/detect/pickle-walk.js'
import { sniffSafetensors } from '../../src/detect/safetensors.js'
import { listTar } from '../../src/detect/tar.js'
import { listZip } from '../../src/detect/zip.js'
import type { Detection } from '../../src/types.js'
import { fixture } from './helpers.js'

const RUNS = { numRuns: 60 }
const KINDS = ['weights', 'pickle', 'knn-index', 'data', 'unknown']
const none = { includedByName: () => false }
const bytes = (max = 2048) => fc.uint8Array({ maxLength: max }).map((a) => Buffer.from(a))

function wellFormed(found: Detection[]): void {
  for (const d of found) {
    expect(KINDS).toContain(d.kind)
    expect(typeof d.format).toBe('string')
  }
}

/** `head` followed by random bytes: every parser behind a magic gets exercised. */
const behind = (head: Buffer | string) =>
  bytes().map((tail) => Buffer.concat([Buffer.from(head as string, 'latin1'), tail]))

describe('the pickle walker', () => {
  it('never throws on random bytes, walks at most one opcode per byte and never past the end', () => {
    fc.assert(
      fc.property(fc.oneof(bytes(), behind('\x80\x04'), behind('(dp0\n'), behind('ccollections\n')), (input) => {
        const scan = scanPickles(input)
        expect(scan.ops).toBeLessThanOrEqual(input.length)
        expect(scan.end).toBeLessThanOrEqual(input.length)
      }),
      RUNS
    )
  })

  it('never throws on real pickles with bytes changed', () => {
    const real = [fixture('knn_p0.pkl'), fixture('knn_p4.pkl'), fixture('knn.joblib'), fixture('data/frame_p4.pkl')]
    fc.assert(
      fc.property(
        fc.constantFrom(...real),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.nat(255),
        (pkl, at, byte) => {
          const mutated = Buffer.from(pkl)
          for (const i of at) mutated[i % mutated.length] = byte
          expect(scanPickles(mutated).ops).toBeLessThanOrEqual(mutated.length)
        }
      ),
      RUNS
    )
  })
})

describe('header readers never throw on what follows their magic', () => {
  const readers: Array<[string, string | Buffer, (b: Buffer) => unknown]> = [
    [
      'safetensors',
      Buffer.from([0x40, 0, 0, 0, 0, 0, 0, 0, 0x7b]),
      (b) => sniffSafetensors({ path: 'x', size: b.length, bytes: b })
    ],
    ['gguf', 'GGUF\x03\x00\x00\x00', (b) => sniffGguf({ path: 'x', size: b.length, bytes: b })],
    ['onnx', '\x08\x08\x3a', (b) => sniffOnnx({ path: 'x', size: b.length, bytes: b })],
    ['hdf5', '\x89HDF\r\n\x1a\n', (b) => sniffHdf5Keras({ path: 'x', size: b.length, bytes: b })],
    ['faiss', 'IxF2', (b) => sniffFaiss({ path: 'x', size: b.length, bytes: b })],
    ['hnswlib', Buffer.alloc(8), (b) => sniffHnswlib({ path: 'x', size: b.length, bytes: b })],
    ['zip', 'PK\x03\x04', (b) => listZip({ path: 'x', size: b.length, bytes: b })],
    ['tar', fixture('bundle.tar').subarray(0, 512), (b) => listTar(b, b.length)]
  ]
  it.each(readers)('%s', (_name, head, read) => {
    fc.assert(
      fc.property(behind(head), (input) => void read(input)),
      RUNS
    )
  })

  it('zip and tar listings stay within their entry bound', () => {
    fc.assert(
      fc.property(behind('PK\x03\x04'), (input) => {
        expect(listZip({ path: 'x', size: input.length, bytes: input }).entries.length).toBeLessThanOrEqual(
          LIMITS.maxListed
        )
      }),
      RUNS
    )
  })
})

describe('decompressors', () => {
  const MAGICS: Array<[Packing, string]> = [
    ['gzip', '\x1f\x8b\x08\x00'],
    ['zlib', '\x78\x9c'],
    ['bzip2', 'BZh91AY&SY'],
    ['xz', '\xfd7zXZ\x00\x00\x04'],
    ['zstd', '\x28\xb5\x2f\xfd'],
    ['lz4', '\x04\x22\x4d\x18\x64\x40\xa7']
  ]
  it.each(MAGICS)('%s: random streams resolve (never throw) with at most the cap', async (packing, magic) => {
    await fc.assert(
      fc.asyncProperty(behind(magic), fc.integer({ min: 1, max: 4096 }), async (input, limit) => {
        const out = await unpack(packing, input, limit)
        expect(out.data.length).toBeLessThanOrEqual(limit)
      }),
      { numRuns: 40 }
    )
  })
})

describe('detect() as a whole', () => {
  it('random blobs, named anything, give well-formed findings and never throw', async () => {
    const heads = [
      '',
      '\x80\x04',
      'PK\x03\x04',
      '\x1f\x8b\x08\x00',
      'GGUF',
      '\x89HDF\r\n\x1a\n',
      '7z\xbc\xaf\x27\x1c',
      'Rar!\x1a\x07\x01\x00',
      'Rar!\x1a\x07\x00',
      'ftrt',
      'CBM1'
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...heads),
        bytes(),
        fc.constantFrom('x', 'm.pkl', 'a.zip', 'i.ann'),
        async (h, tail, path) => {
          const input = Buffer.concat([Buffer.from(h, 'latin1'), tail])
          wellFormed(await detect({ path, size: input.length, bytes: input }, none))
        }
      ),
      RUNS
    )
  })

  const MODELS = [
    'knn_p4.pkl',
    'knn_p0.pkl',
    'knn.joblib',
    'state_dict.pt',
    'legacy_state.pt',
    'tiny_meta.safetensors',
    'datasets.gguf',
    'meta.onnx',
    'keras_meta.h5',
    'hnsw.faiss',
    'hnswlib_cosine.bin',
    'tiny.usearch',
    'tiny.voy',
    'tiny.tflite',
    'bundle.zip',
    'bundle.tar',
    'bundle.tar.gz',
    'tabular/xgboost.json',
    'tabular/lightgbm.txt',
    'packed/knn.pkl.zst',
    'archives/copy.7z',
    'archives/stored.rar',
    'java/ibk.model',
    'flax/checkpoint_100',
    'mxnet/model-0000.params'
  ]

  it('a real model with junk appended is still reported (found or unknown, never nothing)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MODELS), bytes(512), async (name, junk) => {
        const input = Buffer.concat([fixture(name), junk])
        const found = await detect({ path: 'neutral', size: input.length, bytes: input }, none)
        expect(found.length).toBeGreaterThan(0)
        wellFormed(found)
      }),
      RUNS
    )
  })

  it('a real model whose stored data (its last bytes: tensors, vectors, graph links) is changed is still reported', async () => {
    const opaque = [
      'tiny_meta.safetensors',
      'datasets.gguf',
      'hnsw.faiss',
      'flat_ip.faiss',
      'hnswlib_cosine.bin',
      'tiny.usearch'
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...opaque),
        fc.integer({ min: 1, max: 8 }),
        fc.nat(255),
        async (name, back, byte) => {
          const input = Buffer.from(fixture(name))
          input[input.length - back] = byte
          const found = await detect({ path: 'neutral', size: input.length, bytes: input }, none)
          expect(found.length).toBeGreaterThan(0)
        }
      ),
      RUNS
    )
  })
})
