// The xz (xz-embedded in WASM) and bzip2 decoders: bounded output, bombs, truncated input; LZMA-alone fails closed.
import { describe, expect, it } from '@jest/globals'
import { DecoderMissing, packingOf, unpack } from '../../src/detect/compression.js'
import type { Packing } from '../../src/detect/compression.js'
import { detectBytes, detectFixture, fixture } from './helpers.js'

const MiB = 1024 * 1024
const JOBLIBS: [string, Packing][] = [
  ['knn_xz.joblib', 'xz'],
  ['knn_bz2.joblib', 'bzip2']
]
const BOMBS: [string, Packing][] = [
  ['bomb_200m.xz', 'xz'],
  ['bomb_200m.bz2', 'bzip2']
]

describe('whole streams decode completely', () => {
  it.each(JOBLIBS)('%s (%s)', async (name, packing) => {
    const out = await unpack(packing, fixture(name), 64 * MiB)
    expect([out.complete, out.error]).toEqual([true, undefined])
    expect(out.data[0]).toBe(0x80) // a pickle
  })
})

// How long a bomb takes is measured by `npm run bench:bombs` (time and RSS bounds), never in jest.
describe('bombs stop at the cap', () => {
  it.each(BOMBS)('%s (%s) yields exactly the cap', async (name, packing) => {
    for (const cap of [MiB, 64 * MiB]) {
      const out = await unpack(packing, fixture(name), cap)
      expect(out.complete).toBe(false)
      expect(out.data.length).toBe(cap)
    }
  })

  it.each(BOMBS)('%s is a bounded detection: zeros are no model, so nothing is reported', async (name) => {
    expect(await detectFixture(name)).toEqual([])
  })
})

describe('truncated input gives what was decoded so far', () => {
  it.each(JOBLIBS)('%s (%s) cut anywhere: a prefix of the output, complete only if whole', async (name, packing) => {
    const whole = fixture(name)
    const full = (await unpack(packing, whole, MiB)).data
    for (let cut = 0; cut < whole.length; cut += 37) {
      const out = await unpack(packing, whole.subarray(0, cut), MiB)
      expect(full.subarray(0, out.data.length).equals(out.data)).toBe(true)
      if (out.complete) expect(out.data.length).toBe(full.length) // bzip2 may end before its trailer
    }
  })

  it.each(BOMBS)('%s cut in half still streams out its first megabytes', async (name, packing) => {
    const bomb = fixture(name)
    const out = await unpack(packing, bomb.subarray(0, bomb.length >> 1), 256 * MiB)
    expect(out.complete).toBe(false)
    expect(out.data.length).toBeGreaterThan(MiB)
    expect(out.data.length).toBeLessThan(200 * MiB)
  })
})

describe('LZMA-alone (joblib compress="lzma")', () => {
  it('is recognised but not decoded: no bundled decoder reads it', async () => {
    await expect(unpack('lzma', fixture('knn_lzma.joblib'), MiB)).rejects.toBeInstanceOf(DecoderMissing)
  })

  it.each(['knn_lzma.joblib', 'bomb_200m.lzma'])('%s fails closed as an uninspected artifact', async (name) => {
    const [found] = await detectFixture(name)
    expect(found).toMatchObject({
      kind: 'unknown',
      detail: { reason: expect.stringMatching(/lzma-compressed content not inspected/) }
    })
  })
})

describe('the LZMA-alone header check is strict (such blobs fail closed unread)', () => {
  /** A 13-byte LZMA-alone header: properties, dictionary size, uncompressed size. */
  function lzmaHeader(props: number, dict: number, size = -1n): Buffer {
    const head = Buffer.alloc(13)
    head[0] = props
    head.writeUInt32LE(dict, 1)
    head.writeBigInt64LE(size, 5)
    return head
  }

  it.each(['knn_lzma.joblib', 'bomb_200m.lzma'])('%s (written by Python lzma) has properties 0x5D', (name) => {
    expect(fixture(name)[0]).toBe(0x5d)
    expect(packingOf(fixture(name))).toBe('lzma')
  })

  it.each([
    ['4 KiB', 4096],
    ['3 MiB (2^21 + 2^20)', 3 * MiB],
    ['1.5 GiB', 1536 * MiB]
  ])('dictionary %s is accepted', (_label, dict) => {
    expect(packingOf(lzmaHeader(0x5d, dict))).toBe('lzma')
    expect(packingOf(lzmaHeader(0x5d, dict, 12345n))).toBe('lzma')
  })

  it.each([
    ['other lc/lp/pb (0x00)', lzmaHeader(0x00, 16 * MiB)],
    ['other lc/lp/pb (0x5E)', lzmaHeader(0x5e, 16 * MiB)],
    ['dictionary 2 KiB', lzmaHeader(0x5d, 2048)],
    ['dictionary 5 MiB', lzmaHeader(0x5d, 5 * MiB)],
    ['dictionary 2 GiB', lzmaHeader(0x5d, 2048 * MiB)],
    ['size 2^40', lzmaHeader(0x5d, 16 * MiB, 1n << 40n)],
    ['a MATLAB v4 row vector', fixture('clean/row.mat')],
    ['a MATLAB v4 matrix', fixture('clean/matrix.mat')]
  ])('%s is not LZMA-alone', (_label, head) => {
    expect(packingOf(head)).toBeNull()
  })
})

describe('a recognised compression whose stream does not decode is an unknown finding (#9)', () => {
  it.each([
    ['broken/sha256.xz', 'xz'],
    ['broken/bcj_x86.xz', 'xz'],
    ['broken/delta.xz', 'xz'],
    ['broken/corrupt.bz2', 'bzip2'],
    ['broken/corrupt.gz', 'gzip'],
    ['broken/corrupt.z', 'zlib']
  ])('%s (%s)', async (name, packing) => {
    for (const path of [name, 'neutral']) {
      expect(await detectFixture(name, { path })).toEqual([
        expect.objectContaining({
          member: null,
          kind: 'unknown',
          detail: expect.objectContaining({
            reason: expect.stringMatching(new RegExp(`^${packing}-compressed content not inspected: the stream`)),
            compression: [packing]
          })
        })
      ])
    }
  })

  it('a bzip2 file whose first stream is empty is read on into the next stream', async () => {
    expect(await detectFixture('broken/empty_first.bz2', { path: 'neutral' })).toEqual([
      expect.objectContaining({
        format: 'pickle',
        kind: 'knn-index',
        detail: expect.objectContaining({ compression: ['bzip2'] })
      })
    ])
  })

  it('a cut stream that decoded a model before the cut still reports it', async () => {
    const whole = fixture('knn_xz.joblib')
    const found = await detectBytes(whole.subarray(0, whole.length - 40), 'cut.xz')
    expect(found).toEqual([expect.objectContaining({ kind: 'knn-index' })])
  })

  it('text that happens to start with a zlib header stays quiet; the same header on binary does not', async () => {
    expect(await detectBytes(Buffer.from('x^2 + y^2 = r^2\n'), 'math.txt')).toEqual([])
    const binary = Buffer.concat([Buffer.from([0x78, 0x9c]), Buffer.alloc(300, 0xff)])
    expect(await detectBytes(binary, 'blob')).toEqual([expect.objectContaining({ kind: 'unknown' })])
  })
})

describe('zstd and lz4 are decoded like gzip and xz (#10)', () => {
  it.each([
    ['packed/knn.pkl.zst', 'zstd', 'pickle'],
    ['packed/knn.pkl.lz4', 'lz4', 'pickle'],
    ['packed/knn_legacy.lz4', 'lz4', 'pickle'],
    ['packed/knn_lz4.joblib', 'lz4', 'joblib']
  ])('%s (%s)', async (name, packing, format) => {
    for (const path of [name, 'neutral']) {
      expect(await detectFixture(name, { path })).toEqual([
        expect.objectContaining({
          format,
          kind: 'knn-index',
          detail: expect.objectContaining({ compression: [packing] })
        })
      ])
    }
  })

  it.each(['packed/bundle.tar.zst', 'packed/bundle.tar.lz4'])('%s is opened as a tar', async (name) => {
    for (const path of [name, 'neutral']) {
      const found = await detectFixture(name, { path })
      expect(found.map((d) => `${d.member}:${d.format}/${d.kind}`)).toEqual([
        'models/knn.pkl:pickle/knn-index',
        'models/net.pt:pytorch/weights',
        'models/meta.onnx:onnx/weights'
      ])
    }
  })

  it.each([
    ['broken/corrupt.zst', 'zstd'],
    ['broken/corrupt.lz4', 'lz4']
  ])('%s that breaks off is still reported: what decoded before the break, or unknown', async (name, packing) => {
    const found = await detectFixture(name, { path: 'neutral' })
    expect(found).toEqual([expect.objectContaining({ detail: expect.objectContaining({ compression: [packing] }) })])
    expect(['knn-index', 'unknown']).toContain(found[0].kind)
  })

  it('a zstd frame declaring a window over 128 MiB is not decoded: unknown', async () => {
    const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x98, 0x01, 0x00, 0x00]) // window 2^29, one empty raw block
    expect(await detectBytes(frame, 'neutral')).toEqual([
      expect.objectContaining({
        kind: 'unknown',
        detail: expect.objectContaining({ reason: expect.stringMatching(/window/) })
      })
    ])
  })

  it('lz4 and zstd output stops at the cap', async () => {
    for (const [name, packing] of [
      ['packed/knn.pkl.lz4', 'lz4'],
      ['packed/knn.pkl.zst', 'zstd']
    ] as const) {
      const out = await unpack(packing, fixture(name), 100)
      expect([out.data.length, out.complete]).toEqual([100, false])
      expect(out.data.equals(fixture('knn_p4.pkl').subarray(0, 100))).toBe(true)
    }
  })
})
