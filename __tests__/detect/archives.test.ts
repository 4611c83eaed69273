// Archives and compression: one finding per inner artifact, and every bound turns into a kind: unknown finding.
import { describe, expect, it } from '@jest/globals'
import zlib from 'node:zlib'
import { detect, LIMITS } from '../../src/detect/index.js'
import { detectBytes, detectFixture, fixture, makeTar, makeZip, summary } from './helpers.js'

const BUNDLE = ['models/knn.pkl:pickle/knn-index', 'models/net.pt:pytorch/weights', 'models/meta.onnx:onnx/weights']

describe('archives list every inner artifact', () => {
  it.each(['bundle.zip', 'bundle_stored.zip', 'bundle.tar', 'bundle.tar.gz', 'bundle.tar.bz2', 'bundle.tar.xz'])(
    '%s',
    async (name) => {
      expect(summary(await detectFixture(name))).toEqual(BUNDLE)
    }
  )

  it('a zip inside a zip (depth 2) is opened, members joined with /', async () => {
    expect(summary(await detectFixture('nested.zip'))).toEqual(BUNDLE.map((s) => `inner/models.zip/${s}`))
  })

  it('a third archive level is not opened: kind unknown with a reason', async () => {
    const found = await detectFixture('deep2.zip')
    expect(found).toEqual([expect.objectContaining({ member: 'level1.zip/inner/models.zip', kind: 'unknown' })])
    expect(found[0].detail.reason).toMatch(/nested deeper than 2/)
  })

  it('single-stream bz2 and xz of a model are unwrapped', async () => {
    expect(await detectFixture('faiss.bz2')).toEqual([
      expect.objectContaining({ format: 'faiss', detail: expect.objectContaining({ compression: ['bzip2'] }) })
    ])
    expect(await detectFixture('onnx.xz')).toEqual([
      expect.objectContaining({ format: 'onnx', detail: expect.objectContaining({ compression: ['xz'] }) })
    ])
  })

  it('a gzip inside a gzip is unwrapped twice', async () => {
    const found = await detectBytes(zlib.gzipSync(zlib.gzipSync(fixture('knn_p4.pkl'))), 'x.gz.gz')
    expect(found).toEqual([
      expect.objectContaining({ kind: 'knn-index', detail: expect.objectContaining({ compression: ['gzip', 'gzip'] }) })
    ])
  })

  it('compression layers past the limit are not unwrapped: unknown', async () => {
    let bytes = fixture('knn_p4.pkl')
    for (let i = 0; i <= LIMITS.maxLayers; i++) bytes = zlib.gzipSync(bytes)
    const found = await detectBytes(bytes, 'x.gz')
    expect(found).toEqual([expect.objectContaining({ kind: 'unknown' })])
    expect(found[0].detail.reason).toMatch(/layers deep/)
  })

  it('a member named like a model whose content is not recognised fails closed', async () => {
    const zip = makeZip({ 'weights/model.safetensors': Buffer.from('not really'), 'notes.txt': Buffer.from('hello') })
    expect(await detectBytes(zip, 'a.zip')).toEqual([
      expect.objectContaining({ member: 'weights/model.safetensors', kind: 'unknown' })
    ])
  })
})

describe('archive bounds', () => {
  it('a zip bomb member (ratio > 200:1) is not inflated: unknown with the ratio', async () => {
    const found = await detectFixture('bomb.zip')
    expect(found).toEqual([expect.objectContaining({ member: 'zeros.bin', kind: 'unknown' })])
    expect(found[0].detail.reason).toMatch(/compression ratio \d+:1/)
  })

  it('more members than the limit: the rest is reported as not examined', async () => {
    const members: Record<string, Buffer> = {}
    for (let i = 0; i < LIMITS.maxMembers + 5; i++) members[`f${i}.txt`] = Buffer.from('x')
    const found = await detectBytes(makeZip(members, false), 'many.zip')
    expect(found).toEqual([
      expect.objectContaining({ kind: 'unknown', detail: { reason: expect.stringMatching(/member limit/) } })
    ])
  })

  it('a member whose encryption flag is set but that is stored in the clear is read: its model is found', async () => {
    const zip = makeZip({ 'model.pkl': fixture('knn_p4.pkl') }, false)
    zip.writeUInt16LE(1, 6) // general-purpose flag bit 0 in the local header
    zip.writeUInt16LE(1, zip.indexOf('PK\x01\x02', 0, 'latin1') + 8)
    expect(await detectBytes(zip, 'secret.zip')).toEqual([
      expect.objectContaining({
        member: 'model.pkl',
        kind: 'knn-index',
        detail: expect.objectContaining({ encryptedFlag: true })
      })
    ])
  })

  it('a member really encrypted (7z ZipCrypto) cannot be read: unknown', async () => {
    expect(await detectFixture('tolerant/encrypted.zip', { path: 'neutral' })).toEqual([
      expect.objectContaining({
        member: 'model.pkl',
        kind: 'unknown',
        detail: { reason: 'member not readable: encrypted' }
      })
    ])
  })

  it('a zip larger than the read cap is listed from its local headers and reported as not fully read', async () => {
    const zip = makeZip({ 'model.pkl': fixture('knn_p4.pkl'), 'data.bin': Buffer.alloc(4096, 1) }, false)
    // Only the first 3000 bytes were read of a longer blob, as when a zip is over the read cap.
    const found = await detect(
      { path: 'big.zip', size: zip.length, bytes: zip.subarray(0, 3000) },
      { includedByName: () => false }
    )
    expect(found[0]).toMatchObject({ member: 'model.pkl', kind: 'knn-index' })
    expect(found[found.length - 1]).toMatchObject({ member: null, kind: 'unknown' })
  })

  it('a blob read whole that starts like a zip but has no central directory is one unknown finding, not noise members', async () => {
    const noise = Buffer.concat([
      Buffer.from('PK\x03\x04', 'latin1'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251))
    ])
    expect(await detectBytes(noise, 'data.zip')).toEqual([
      expect.objectContaining({
        member: null,
        kind: 'unknown',
        detail: expect.objectContaining({ reason: expect.stringMatching(/no central directory/) })
      })
    ])
  })

  it('a PyTorch zip past the read cap is still named from the local headers of its prefix', async () => {
    const prefix = fixture('state_dict.pt').subarray(0, 700)
    const found = await detect(
      { path: 'huge.pt', size: 500 * 1024 * 1024, bytes: prefix },
      { includedByName: () => false }
    )
    expect(found).toEqual([
      expect.objectContaining({
        format: 'pytorch',
        kind: 'weights',
        detail: expect.objectContaining({ partialListing: expect.any(String) })
      })
    ])
  })

  it('a truncated tar reports the members it saw and the unread rest', async () => {
    const tar = makeTar({ 'a/model.pkl': fixture('knn_p4.pkl'), 'b/other.bin': Buffer.alloc(4000, 2) })
    const found = await detect3k(tar)
    expect(summary(found)).toEqual(['a/model.pkl:pickle/knn-index', 'b/other.bin:unknown/unknown', ':unknown/unknown'])
  })

  it('PyTorch and Keras v3 zips are formats, not containers', async () => {
    expect(summary(await detectFixture('state_dict.pt'))).toEqual([':pytorch/weights'])
    expect(summary(await detectFixture('tiny.keras'))).toEqual([':keras/weights'])
  })
})

async function detect3k(tar: Buffer) {
  return detect({ path: 'cut.tar', size: tar.length, bytes: tar.subarray(0, 3072) }, { includedByName: () => false })
}

describe('archives as tolerant as the tools that extract them (#10)', () => {
  const RELEASE = ['models/knn.pkl:pickle/knn-index', 'models/meta.onnx:onnx/weights']

  it.each(['tolerant/sfx.exe', 'tolerant/app.pyz', 'tolerant/polyglot.jpg'])(
    '%s: a zip after other bytes (self-extractor, zipapp, polyglot) is opened',
    async (name) => {
      for (const path of [name, 'neutral']) expect(summary(await detectFixture(name, { path }))).toEqual(RELEASE)
    }
  )

  it('a zip whose end record counts one member still shows every member', async () => {
    expect(summary(await detectFixture('tolerant/miscounted.zip', { path: 'neutral' }))).toEqual(RELEASE)
  })

  it('a member only its local header knows (left out of the directory) is examined', async () => {
    expect(summary(await detectFixture('tolerant/local_only.zip', { path: 'neutral' }))).toEqual([
      'models/knn.pkl:pickle/knn-index'
    ])
  })

  it('a tar member with a type letter tar does not know is read as a file', async () => {
    expect(summary(await detectFixture('tolerant/unknown_type.tar', { path: 'neutral' }))).toEqual([
      'models/knn.pkl:pickle/knn-index'
    ])
  })

  it('a tar header with an empty name is named by its pax path, and the walk goes on past it', async () => {
    const found = await detectFixture('tolerant/pax_empty_name.tar', { path: 'neutral' })
    expect(found).toEqual([
      expect.objectContaining({ kind: 'knn-index', member: expect.stringMatching(/\/knn\.pkl$/) })
    ])
  })
})
