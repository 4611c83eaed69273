// 7z and RAR: listed where the header allows (a plain 7z header; RAR headers walked), members
// stored uncompressed read like any archive member, everything else one unknown finding that says
// why and names what it can. Fixtures: the 7z CLI and py7zr; RAR from its spec (no writer here).
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { MalformedInput } from '../../src/errors.js'
import { crc32 } from '../../src/detect/bytes.js'
import { detect, LIMITS } from '../../src/detect/index.js'
import { listRar } from '../../src/detect/rar.js'
import { list7z } from '../../src/detect/seven-zip.js'
import { detectBytes, detectFixture, fixture, summary } from './helpers.js'

const none = { includedByName: () => false }
const KNN = 'models/knn.pkl:pickle/knn-index'

describe('a model inside a listable 7z or rar is found, under any name', () => {
  it.each(['archives/copy.7z', 'archives/py7zr_copy.7z', 'archives/stored.rar', 'archives/stored_v4.rar'])(
    '%s',
    async (name) => {
      for (const path of [name, 'neutral']) expect(summary(await detectFixture(name, { path }))).toEqual([KNN])
    }
  )

  it('a model-named member the archive cannot decode is reported by its name, the rest in one finding', async () => {
    for (const [name, type, why] of [
      ['archives/lzma_names.7z', '7z', /LZMA2-compressed/],
      ['archives/compressed_names.rar', 'rar', /RAR-compressed/]
    ] as const) {
      const found = await detectFixture(name, { path: 'neutral' })
      expect(found).toEqual([
        expect.objectContaining({
          member: 'weights/net.pt',
          kind: 'unknown',
          detail: expect.objectContaining({ namedLike: 'pytorch', reason: expect.stringMatching(why) })
        }),
        {
          member: null,
          format: type,
          kind: 'unknown',
          detail: { reason: expect.stringMatching(why), members: ['README.md'] }
        }
      ])
    }
  })

  it('encrypted 7z members under a plain header: named, never passed', async () => {
    expect(await detectFixture('archives/aes_members.7z', { path: 'neutral' })).toEqual([
      expect.objectContaining({ member: 'models/knn.pkl', detail: expect.objectContaining({ namedLike: 'pickle' }) }),
      expect.objectContaining({
        format: '7z',
        detail: { reason: '1 7z member not inspected: encrypted (7z AES-256)', members: ['README.md'] }
      })
    ])
  })
})

describe('look-alikes stay quiet when listable and readable', () => {
  it.each(['archives/docs_copy.7z', 'archives/docs_stored.rar'])('%s', async (name) => {
    for (const path of [name, 'neutral']) expect(await detectFixture(name, { path })).toEqual([])
  })

  it('the same docs with members 7z cannot decode are one unknown finding naming them', async () => {
    expect(await detectFixture('archives/docs_lzma.7z', { path: 'neutral' })).toEqual([
      {
        member: null,
        format: '7z',
        kind: 'unknown',
        detail: {
          reason: '2 7z members not inspected: LZMA2-compressed (not decoded here)',
          members: ['README.md', 'conf/train.json']
        }
      }
    ])
  })
})

describe('an archive whose header lists nothing is one unknown finding that says why', () => {
  it.each([
    ['archives/default.7z', '7z', /header is compressed \(LZMA\), as 7z writes by default/],
    ['archives/py7zr_default.7z', '7z', /header is compressed \(LZMA2\)/],
    ['archives/aes_header.7z', '7z', /header is encrypted/],
    ['archives/encrypted_headers.rar', 'rar', /headers are encrypted/]
  ])('%s', async (name, format, why) => {
    for (const path of [name, 'neutral']) {
      expect(await detectFixture(name, { path })).toEqual([
        { member: null, format, kind: 'unknown', detail: { reason: expect.stringMatching(why) } }
      ])
    }
  })

  it('a header that fails its checksum is a reader error, not an empty archive', async () => {
    expect(await detectFixture('archives/corrupt_header.rar', { path: 'neutral' })).toEqual([
      expect.objectContaining({ kind: 'unknown', detail: { reason: expect.stringMatching(/fails its CRC32/) } })
    ])
    const sevenZip = Buffer.from(fixture('archives/copy.7z'))
    sevenZip[sevenZip.length - 20] ^= 0xff
    expect(await detectBytes(sevenZip, 'neutral')).toEqual([
      expect.objectContaining({ kind: 'unknown', detail: { reason: expect.stringMatching(/header fails its CRC32/) } })
    ])
  })

  it('cut short: what was read is judged and the rest is an unknown finding', async () => {
    const rar = fixture('archives/stored_v4.rar')
    const rarFound = await detectBytes(rar.subarray(0, 200), 'neutral')
    expect(rarFound.at(-1)).toEqual(
      expect.objectContaining({
        format: 'rar',
        kind: 'unknown',
        detail: { reason: expect.stringMatching(/not fully read/) }
      })
    )
    const sevenZip = fixture('archives/copy.7z')
    expect(await detectBytes(sevenZip.subarray(0, 200), 'neutral')).toEqual([
      expect.objectContaining({ format: '7z', detail: { reason: expect.stringMatching(/past the end of the file/) } })
    ])
  })
})

describe('reading from a prefix and a tail', () => {
  const sevenZip = fixture('archives/copy.7z')
  const at = (head: number, tail: number) => ({
    path: 'neutral',
    size: sevenZip.length,
    bytes: sevenZip.subarray(0, head),
    tail: sevenZip.subarray(sevenZip.length - tail)
  })

  it('a 7z header in the tail lists members; one whose data was read is judged, the others are named', async () => {
    // The prefix ends where the knn pickle starts (README.md before it is read whole); the tail starts after it.
    const knn = fixture('knn_p4.pkl')
    const knnAt = sevenZip.indexOf(knn.subarray(0, 32))
    const found = await detect(at(knnAt, sevenZip.length - knnAt - knn.length), none)
    expect(found).toEqual([
      expect.objectContaining({
        member: 'models/knn.pkl',
        detail: expect.objectContaining({ namedLike: 'pickle', reason: expect.stringMatching(/past the bytes read/) })
      })
    ])
  })

  it('without the tail the header is not read: unknown, never quiet', async () => {
    const found = await detect({ ...at(1024, 0), tail: undefined }, none)
    expect(found).toEqual([
      expect.objectContaining({
        format: '7z',
        detail: { reason: expect.stringMatching(/its header \(bytes \d+-\d+\) was not read/) }
      })
    ])
  })
})

describe('bounded and total on damaged input', () => {
  /** The 7z with its header's bytes changed and both CRCs recomputed, so the parser itself is exercised. */
  function mutated7z(at: number[], byte: number): Buffer {
    const out = Buffer.from(fixture('archives/copy.7z'))
    const start = 32 + Number(out.readBigUInt64LE(12))
    for (const i of at) out[start + (i % (out.length - start))] = byte
    out.writeUInt32LE(crc32(out.subarray(start)), 28)
    out.writeUInt32LE(crc32(out.subarray(12, 32)), 8)
    return out
  }

  it('a 7z header with bytes changed lists at most the bound or fails as malformed input', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.nat(255), (at, byte) => {
        const input = mutated7z(at, byte)
        try {
          const archive = list7z({ path: 'x', size: input.length, bytes: input })
          expect(archive.entries.length + (archive.unopened?.length ?? 0)).toBeLessThanOrEqual(2 * LIMITS.maxListed)
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedInput)
        }
      }),
      { numRuns: 200 }
    )
  })

  it('rar headers with bytes changed fail their checksum or list within the bound', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(fixture('archives/stored.rar'), fixture('archives/stored_v4.rar')),
        fc.nat(),
        fc.nat(255),
        (real, at, byte) => {
          const input = Buffer.from(real)
          input[at % input.length] = byte
          try {
            expect(listRar({ path: 'x', size: input.length, bytes: input }).entries.length).toBeLessThanOrEqual(2)
          } catch (error) {
            expect(error).toBeInstanceOf(MalformedInput)
          }
        }
      ),
      { numRuns: 100 }
    )
  })
})
