// The end of a blob: a zip appended after more than the 64 KiB head (a polyglot, which Python's
// zipfile, and so Keras 3 and skops, open by its end record), a zip larger than the read cap, a
// 7z header, all read from the blob's tail; a blob whose end was never read fails closed unless
// it is text or media. Detection with in-memory buffers, then the read loop over real git objects.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { detect, LIMITS, tailWanted, tailWantedAfter } from '../../src/detect/index.js'
import { GitRepository } from '../../src/range/git.js'
import { readForDetection } from '../../src/read-loop.js'
import type { ScanReport } from '../../src/types.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import { detectBytes, detectFixture, fixture, makeZip, summary } from './helpers.js'

const none = { includedByName: () => false }
const KiB = 1024
const MiB = 1024 * KiB

/** Deterministic incompressible bytes (no zip or model signature in them by chance). */
function noise(length: number, seed = 'noise'): Buffer {
  const out = Buffer.alloc(length)
  for (let at = 0, n = 0; at < length; at += 64, n++) {
    createHash('sha512').update(`${seed} ${n}`).digest().copy(out, at)
  }
  return out
}

describe('a zip appended after more than the head is found by its end record', () => {
  it('a Keras v3 model after a real 77 KB PNG', async () => {
    for (const path of ['polyglot/keras_after.png', 'neutral']) {
      expect(summary(await detectFixture('polyglot/keras_after.png', { path }))).toEqual([':keras/weights'])
    }
  })

  it.each([
    ['tabular/knn.skops', ':skops/knn-index'],
    ['objects.npz', 'objs.npy:pickle/data'],
    ['bundle.zip', 'models/knn.pkl:pickle/knn-index']
  ])('%s after 100 KB of noise', async (name, first) => {
    const found = await detectBytes(Buffer.concat([noise(100 * KiB), fixture(name)]), 'neutral')
    expect(summary(found)[0]).toBe(first)
  })

  it('a zip whose directory is larger than the first tail is read again, further back', async () => {
    const members: Record<string, Buffer> = {}
    for (let i = 0; i < 1500; i++) members[`docs/page-${String(i).padStart(5, '0')}.txt`] = Buffer.from(`page ${i}\n`)
    members['models/knn.pkl'] = fixture('knn_p4.pkl')
    const blob = Buffer.concat([noise(100 * KiB), makeZip(members, false)])
    expect(summary(await detectBytes(blob, 'neutral'))).toEqual(['models/knn.pkl:pickle/knn-index'])
    // Handed only the first tail, the end record is seen and its directory is not: unknown, never quiet.
    const head = blob.subarray(0, 64 * KiB)
    const tail = blob.subarray(blob.length - tailWanted(head, blob.length, head.length))
    expect(tailWantedAfter({ path: 'neutral', size: blob.length, bytes: head, tail })).toBeGreaterThan(tail.length)
    expect(await detect({ path: 'neutral', size: blob.length, bytes: head, tail }, none)).toEqual([
      expect.objectContaining({
        kind: 'unknown',
        detail: { reason: expect.stringMatching(/its directory .* lies before/) }
      })
    ])
  })

  it('noise with no zip at its end stays quiet', async () => {
    expect(await detectBytes(noise(300 * KiB), 'data.bin')).toEqual([])
  })
})

describe('a prefix and a tail that meet', () => {
  it('are the whole blob: a 7z cut between them is listed and its member read', async () => {
    const archive = fixture('archives/copy.7z')
    const [bytes, tail] = [archive.subarray(0, 100), archive.subarray(100)]
    const size = archive.length
    expect(summary(await detect({ path: 'neutral', size, bytes, tail }, none))).toEqual([
      'models/knn.pkl:pickle/knn-index'
    ])
    expect(summary(await detect({ path: 'neutral', size, bytes }, none))).toEqual([':7z/unknown'])
  })
})

describe('a zip larger than the prefix read', () => {
  // As when a zip is over the read cap: its prefix ends where the big member starts; the tail holds the rest.
  const readme = Buffer.from('# release\n')
  const zip = makeZip(
    { 'README.md': readme, 'data/big.bin': noise(200 * KiB), 'models/knn.pkl': fixture('knn_p4.pkl') },
    false
  )
  const prefix = 30 + 'README.md'.length + readme.length
  const tailStart = zip.indexOf('PK\x03\x04', 200 * KiB, 'latin1') // models/knn.pkl's local header

  it('is listed from the directory in its tail: a member in the tail is read, one in the middle is named', async () => {
    const found = await detect(
      { path: 'neutral', size: zip.length, bytes: zip.subarray(0, prefix), tail: zip.subarray(tailStart) },
      none
    )
    expect(found).toEqual([
      expect.objectContaining({ member: 'models/knn.pkl', kind: 'knn-index' }),
      {
        member: null,
        format: 'unknown',
        kind: 'unknown',
        detail: { reason: '1 zip member not inspected: its data lies past the bytes read', members: ['data/big.bin'] }
      }
    ])
  })

  it('asks for its directory, not the whole zip, when the zip starts in the prefix', () => {
    const blob = {
      path: 'neutral',
      size: zip.length,
      bytes: zip.subarray(0, prefix),
      tail: zip.subarray(zip.length - 100)
    }
    const directory = zip.length - zip.indexOf('PK\x01\x02', tailStart, 'latin1')
    expect(tailWantedAfter(blob)).toBe(directory)
  })
})

describe('a blob whose end was not read', () => {
  const size = 200 * MiB
  it('binary, nothing found in its prefix: unknown, saying why', async () => {
    expect(await detect({ path: 'weights.dat', size, bytes: noise(64 * KiB) }, none)).toEqual([
      {
        member: null,
        format: 'unknown',
        kind: 'unknown',
        detail: {
          reason: expect.stringMatching(/its last bytes were not read .* an archive appended to it would be missed/)
        }
      }
    ])
  })

  it('text (a large CSV) or a media name stays quiet', async () => {
    const csv = Buffer.from('id,age,diagnosis\n'.repeat(4000))
    expect(await detect({ path: 'data/visits.csv', size, bytes: csv }, none)).toEqual([])
    expect(await detect({ path: 'neutral', size, bytes: csv }, none)).toEqual([])
    expect(await detect({ path: 'talk.mp4', size, bytes: noise(64 * KiB) }, none)).toEqual([])
  })

  it('a git object over the bound is not read to its end; a smaller one is', () => {
    expect(LIMITS.tailScanMax).toBeGreaterThanOrEqual(100 * MiB) // GitHub's file limit
    expect(tailWanted(noise(64 * KiB), 2 * MiB, 64 * KiB)).toBe(LIMITS.tailBytes)
  })
})

describe('over real git objects', () => {
  let root: string
  let repo: TestRepo
  let git: GitRepository
  const polyglot = fixture('polyglot/keras_after.png')
  /** Above the 16 MiB a batch cat-file streams: read by a process of its own, to its end for the tail. */
  const huge = Buffer.concat([noise(17 * MiB, 'huge'), fixture('tabular/knn.skops')])

  beforeAll(async () => {
    root = tempDir('mlg-tail-')
    repo = TestRepo.init(join(root, 'r'))
    repo
      .write('docs/figure.png', polyglot)
      .write('assets/blob', huge)
      .write('data/noise.bin', noise(3 * MiB, 'plain'))
      .commit('polyglots')
    git = await GitRepository.open(repo.dir)
  })
  afterAll(async () => {
    await git.close()
    cleanup(root)
  })

  it.each([
    ['HEAD:docs/figure.png', 'docs/figure.png'],
    ['HEAD:assets/blob', 'assets/blob'],
    ['HEAD:data/noise.bin', 'data/noise.bin']
  ])('cat-file hands over the exact tail of %s', async (name, path) => {
    const content = repo.read(path)
    const object = await readForDetection(git.catFile(), name, path)
    expect(object?.tail?.length).toBeGreaterThan(0)
    expect(object?.tail?.equals(content.subarray(content.length - (object?.tail?.length ?? 0)))).toBe(true)
    expect(object?.bytes.equals(content.subarray(0, object.bytes.length))).toBe(true)
  })

  it('a scan finds the zip appended to a PNG and to a 17 MiB blob, and nothing in plain noise', async () => {
    const result = await cli(repo.dir, ['scan', '--all', '--format', 'json'])
    const report = JSON.parse(result.stdout) as ScanReport
    expect(report.findings.map((f) => [f.path, f.format, f.kind])).toEqual([
      ['assets/blob', 'skops', 'knn-index'],
      ['docs/figure.png', 'keras', 'weights']
    ])
  })
})
