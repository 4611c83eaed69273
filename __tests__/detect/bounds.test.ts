// Every reader is bounded and never throws out of detect(): truncated, garbled and oversized inputs.
import { describe, expect, it } from '@jest/globals'
import zlib from 'node:zlib'
import { bytesWanted, detect, HEAD_BYTES, LIMITS } from '../../src/detect/index.js'
import { hdf5Wants, sniffHdf5Keras } from '../../src/detect/hdf5.js'
import { detectBytes, detectFixture, fixture, makeZip } from './helpers.js'

const none = { includedByName: () => false }
const MiB = 1024 * 1024
const KINDS = ['weights', 'pickle', 'knn-index', 'data', 'unknown']

const SAMPLES = [
  'knn_p0.pkl',
  'knn_p4.pkl',
  'knn.joblib',
  'knn_zlib.joblib',
  'knn_bz2.joblib',
  'knn_xz.joblib',
  'state_dict.pt',
  'legacy_state.pt',
  'scripted_extra.pt',
  'tiny_meta.safetensors',
  'meta.onnx',
  'keras_meta.h5',
  'tiny.keras',
  'datasets.gguf',
  'hnsw.faiss',
  'hnswlib_cosine.bin',
  'tiny.usearch',
  'tiny.voy',
  'tiny.ann',
  'knn.mlmodel',
  'tiny.tflite',
  'objects.npz',
  'bundle.tar.gz',
  'bundle.zip',
  'savedmodel/saved_model.pb',
  'archives/copy.7z',
  'archives/stored.rar',
  'archives/stored_v4.rar'
]

describe('truncated files never throw', () => {
  it.each(SAMPLES)('%s: any prefix of it, handed over as a prefix, is reported (found or unknown)', async (name) => {
    const whole = fixture(name)
    const step = Math.max(1, Math.floor(whole.length / 40))
    for (let cut = 0; cut < whole.length; cut += step) {
      const part = whole.subarray(0, cut)
      const prefix = await detect({ path: 'neutral', size: whole.length, bytes: part }, none)
      expect(prefix.length).toBeGreaterThan(0)
      for (const d of prefix) expect(KINDS).toContain(d.kind)
      // The same bytes as a whole (truncated) file: any answer, but a well-formed one.
      const found = await detect({ path: name, size: part.length, bytes: part }, none)
      for (const d of found) expect(KINDS).toContain(d.kind)
    }
  })

  it.each(SAMPLES)('%s with garbled bytes gives well-formed findings', async (name) => {
    const bytes = Buffer.from(fixture(name))
    for (let i = 16; i < bytes.length; i += 7) bytes[i] ^= 0x5a
    for (const d of await detect({ path: name, size: bytes.length, bytes }, none)) {
      expect(KINDS).toContain(d.kind)
      expect(typeof d.format).toBe('string')
    }
  })

  it('the truncated fixtures are handled', async () => {
    expect(await detectFixture('truncated/knn_p4_head.pkl')).toEqual([
      expect.objectContaining({ kind: 'knn-index', detail: expect.objectContaining({ walkStopped: 'truncated' }) })
    ])
    expect(await detectFixture('truncated/datasets_head.gguf')).toEqual([expect.objectContaining({ format: 'gguf' })])
    const torch = await detectFixture('truncated/state_dict_head.pt')
    expect(torch.length).toBeGreaterThan(0)
  })
})

describe('reader errors become kind unknown', () => {
  it('a zip member whose local header is missing', async () => {
    const zip = makeZip({ 'a/model.pkl': fixture('knn_p4.pkl') }, false)
    zip.write('XX', 0, 'latin1') // break the local header signature, keep the central directory
    zip.write('PK', 0, 'latin1')
    const central = zip.indexOf('PK\x01\x02', 0, 'latin1')
    zip.writeUInt32LE(5, central + 42) // point the member at nonsense
    const found = await detectBytes(zip, 'broken.zip')
    expect(found).toEqual([
      expect.objectContaining({
        member: 'a/model.pkl',
        kind: 'unknown',
        detail: { reason: expect.stringMatching(/^reader error/) }
      })
    ])
  })

  it('fewer bytes than detection asked for: unknown, not clean', async () => {
    const pickle = fixture('knn_p4.pkl')
    const head = Buffer.concat([pickle.subarray(0, 2), Buffer.alloc(100, 0xff)])
    const found = await detect({ path: 'x.dat', size: 10 * MiB, bytes: head }, none)
    expect(found).toEqual([
      expect.objectContaining({ kind: 'unknown', detail: { reason: expect.stringMatching(/bytes detection needs/) } })
    ])
  })
})

describe('a reader that needs more than it got says so', () => {
  it('an Annoy index larger than the read cap is unknown, not clean', async () => {
    const ann = fixture('tiny.ann')
    const found = await detect({ path: 'vectors/big.ann', size: LIMITS.readCap + ann.length, bytes: ann }, none)
    expect(found).toEqual([
      expect.objectContaining({ kind: 'unknown', detail: { reason: expect.stringMatching(/bytes detection needs/) } })
    ])
  })

  it('an Annoy index inside a zip that was cut is unknown too', async () => {
    const zip = makeZip({ 'index/big.ann': Buffer.concat([fixture('tiny.ann'), Buffer.alloc(200_000)]) }, false)
    const found = await detect({ path: 'a.zip', size: zip.length + 10 * MiB, bytes: zip.subarray(0, 4096) }, none)
    expect(found).toEqual(
      expect.arrayContaining([expect.objectContaining({ member: 'index/big.ann', kind: 'unknown' })])
    )
  })

  it('an HDF5 file whose root attributes lie past the bytes read says so, and asks for them', () => {
    const h5 = fixture('keras_meta.h5')
    const attrsAt = h5.indexOf('keras_version')
    const head = h5.subarray(0, attrsAt - 64)
    expect(sniffHdf5Keras({ path: 'x.h5', size: h5.length, bytes: head })).toMatchObject({
      kind: 'unknown',
      detail: { reason: expect.stringMatching(/HDF5 root attributes lie past the \d+ bytes read/) }
    })
    expect(hdf5Wants(head, h5.length)).toBeGreaterThanOrEqual(4 * MiB)
    expect(sniffHdf5Keras({ path: 'x.h5', size: h5.length, bytes: h5 })).toMatchObject({ format: 'keras-h5' })
  })
})

describe('bytesWanted', () => {
  const wants = (name: string, size?: number): number => {
    const bytes = fixture(name)
    return bytesWanted(bytes.subarray(0, HEAD_BYTES), size ?? bytes.length, name)
  }

  it('never asks for more than the blob', () => {
    for (const name of SAMPLES) expect(wants(name)).toBeLessThanOrEqual(fixture(name).length)
  })

  it('asks for whole archives and compressed streams up to the read cap', () => {
    expect(wants('bundle.zip', 1000 * MiB)).toBe(LIMITS.readCap)
    expect(wants('bundle.tar.gz', 1000 * MiB)).toBe(LIMITS.readCap)
    expect(wants('knn_xz.joblib', 10 * MiB)).toBe(10 * MiB)
  })

  it('asks for a pickle up to 4 MiB and for the safetensors header', () => {
    expect(wants('knn_p4.pkl', 100 * MiB)).toBe(4 * MiB)
    const header = Buffer.alloc(HEAD_BYTES, 0x20)
    header.writeBigUInt64LE(BigInt(MiB), 0)
    header.write('{"w":', 8)
    expect(bytesWanted(header, 100 * MiB, 'x.safetensors')).toBe(8 + MiB)
  })

  it('looks inside a gzip or zlib stream: plain text needs its head only, a model inside is read whole', () => {
    const log = Buffer.from(
      Array.from({ length: 40_000 }, (_, i) => `2026-11-29 12:00:${i % 60} INFO request ${i * 7919} served\n`).join('')
    )
    expect(bytesWanted(zlib.gzipSync(log).subarray(0, HEAD_BYTES), 100 * MiB, 'logs/app.log.gz')).toBe(HEAD_BYTES)
    expect(bytesWanted(zlib.deflateSync(log).subarray(0, HEAD_BYTES), 100 * MiB, 'logs/app.z')).toBe(HEAD_BYTES)
    expect(bytesWanted(zlib.gzipSync(fixture('knn_p4.pkl')), 100 * MiB, 'notes.gz')).toBe(LIMITS.readCap)
    expect(wants('knn_gzip.joblib', 100 * MiB)).toBe(LIMITS.readCap)
    expect(wants('knn_zlib.joblib', 100 * MiB)).toBe(LIMITS.readCap)
  })

  it('asks for the first 64 KiB of anything else', () => {
    expect(wants('clean/random.bin', 100 * MiB)).toBe(HEAD_BYTES)
    expect(wants('corpus/results.csv', 100 * MiB)).toBe(HEAD_BYTES)
  })
})
