// A file of several pickles in a row (`pickle.dump` once per object, read back by one `pickle.load(f)`
// each): a data verdict needs every byte of the blob walked. Whatever stops the walk first (the
// pickle limit, the read cap, a later pickle that breaks off, bytes that are no pickle) leaves the
// rest unseen, and the file is then a pickle of unknown content, never `data`.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import zlib from 'node:zlib'
import { detect, LIMITS } from '../../src/detect/index.js'
import type { Detection } from '../../src/types.js'
import { bytesListPickle, detectBytes, fixture } from './helpers.js'

const DATA = ['dict_p0.pkl', 'dict_p1.pkl', 'data/frame_p4.pkl', 'data/series_p2.pkl', 'data/array_p5.pkl']
const MODELS = ['knn_p0.pkl', 'knn_p4.pkl', 'knn_p5.pkl', 'lr_p2.pkl', 'lr_p4.pkl', 'unsafe_p2.pkl']
const dict = fixture('dict_p1.pkl')
const knn = fixture('knn_p4.pkl')
const kinds = (found: Detection[]): string[] => found.map((d) => d.kind)

describe('data pickles in a row are data only when every byte was walked', () => {
  it('as many data pickles as the walker takes are still data', async () => {
    const stream = Buffer.concat(Array.from({ length: LIMITS.pickle.maxPickles }, () => dict))
    expect(await detectBytes(stream, 'neutral')).toEqual([
      expect.objectContaining({ format: 'pickle', kind: 'data', detail: expect.objectContaining({ topClass: 'dict' }) })
    ])
  })

  it('one more than the pickle limit is unknown: the last one was not walked', async () => {
    const stream = Buffer.concat(Array.from({ length: LIMITS.pickle.maxPickles + 1 }, () => dict))
    const [found] = await detectBytes(stream, 'neutral')
    expect(found).toMatchObject({ format: 'pickle', kind: 'unknown' })
    expect(found.detail.reason).toMatch(/pickle limit .* bytes from offset \d+ not inspected/)
  })

  it('a model after the pickle limit is not passed as data', async () => {
    const stream = Buffer.concat([...Array.from({ length: LIMITS.pickle.maxPickles }, () => dict), knn])
    expect(kinds(await detectBytes(stream, 'neutral'))).toEqual(['unknown'])
  })

  it('a model cut by the pickle read after a data pickle that fills it is not passed as data', async () => {
    // Padding after the model keeps the blob's tail (read besides the prefix) from reaching back to it.
    const stream = Buffer.concat([bytesListPickle(LIMITS.reads.pickle - 52), knn, Buffer.alloc(LIMITS.tailBytes)])
    const [found] = await detectBytes(stream, 'neutral')
    expect(found).toMatchObject({ format: 'pickle', kind: 'unknown' })
    expect(found.detail.reason).toMatch(/pickle 2: truncated/)
  })

  it('a data pickle whose read ends before the blob does is unknown', async () => {
    const whole = Buffer.concat([dict, dict])
    const found = await detect({ path: 'x', size: whole.length + 100, bytes: whole }, { includedByName: () => false })
    expect(kinds(found)).toEqual(['unknown'])
  })

  it.each([
    ['a numpy array', Buffer.from('\x93NUMPY\x01\x00', 'latin1')],
    ['junk', Buffer.from('\x00\x01\x02\x03junk')],
    ['one byte', Buffer.from('\n')]
  ])('a data pickle followed by %s is unknown, not data', async (_what, tail) => {
    const [found] = await detectBytes(Buffer.concat([dict, tail]), 'neutral')
    expect(found).toMatchObject({ format: 'pickle', kind: 'unknown' })
    expect(found.detail.reason).toMatch(/bytes after pickle 1 are no pickle/)
  })

  it('a data pickle followed by a model is the model', async () => {
    expect(kinds(await detectBytes(Buffer.concat([dict, knn]), 'neutral'))).toEqual(['knn-index'])
  })

  it('an object .npy followed by a model pickle is the model, followed by junk is unknown', async () => {
    const npy = fixture('objects.npy')
    expect(kinds(await detectBytes(Buffer.concat([npy, knn]), 'neutral'))).toEqual(['knn-index'])
    expect(kinds(await detectBytes(Buffer.concat([npy, Buffer.from('junk')]), 'neutral'))).toEqual(['unknown'])
  })
})

describe('a numeric .npy is data only up to its array: np.load stops there, pickle.load(f) reads on', () => {
  const numbers = fixture('clean/numbers.npy')

  /** A version 1.0 header for a float32 vector of `n` values, as np.save pads it (to 64 bytes). */
  function npyHeader(n: number): Buffer {
    const fields = `{'descr': '<f4', 'fortran_order': False, 'shape': (${n},), }`
    const text = fields.padEnd(64 - 10 - 1) + '\n'
    const length = Buffer.alloc(2)
    length.writeUInt16LE(text.length)
    return Buffer.concat([Buffer.from('\x93NUMPY\x01\x00', 'latin1'), length, Buffer.from(text)])
  }

  it('a model pickle after the array is found, also gzip-compressed', async () => {
    expect(kinds(await detectBytes(Buffer.concat([numbers, knn]), 'embeddings.npy'))).toEqual(['knn-index'])
    const packed = zlib.gzipSync(Buffer.concat([numbers, knn]))
    expect(kinds(await detectBytes(packed, 'embeddings.npy.gz'))).toEqual(['knn-index'])
  })

  it('other bytes after the array are unknown', async () => {
    const [found] = await detectBytes(Buffer.concat([numbers, Buffer.from('\x00\x01more')]), 'neutral')
    expect(found).toMatchObject({ format: 'numpy', kind: 'unknown' })
    expect(found.detail.reason).toMatch(/6 bytes after the array .* not inspected/)
  })

  it('a model after an array larger than the read is unknown, not quiet', async () => {
    const n = 5 * 1024 * 1024
    const big = Buffer.concat([npyHeader(n / 4), Buffer.alloc(n), knn])
    expect(kinds(await detectBytes(big, 'neutral'))).toEqual(['unknown'])
    expect(await detectBytes(Buffer.concat([npyHeader(n / 4), Buffer.alloc(n)]), 'neutral')).toEqual([])
  })
})

describe('property: data pickles and a model pickle, in any order and count, are never data', () => {
  const arbitrary = fc.record({
    data: fc.array(fc.constantFrom(...DATA), { maxLength: 40 }),
    model: fc.constantFrom(...MODELS),
    at: fc.nat(),
    cut: fc.option(fc.nat(), { nil: undefined })
  })

  it('walked whole or read as a prefix', async () => {
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ data, model, at, cut }) => {
        const parts = data.map(fixture)
        parts.splice(at % (parts.length + 1), 0, fixture(model))
        const stream = Buffer.concat(parts)
        const bytes = cut === undefined ? stream : stream.subarray(0, Math.max(2, cut % stream.length))
        const found = await detect({ path: 'neutral', size: stream.length, bytes }, { includedByName: () => false })
        // Never nothing and never data: the model, or (when the read stops short of it) unknown.
        expect(found.length).toBeGreaterThan(0)
        expect(kinds(found)).not.toContain('data')
        if (cut === undefined) expect(found).toHaveLength(1)
      }),
      { numRuns: 80 }
    )
  })
})
