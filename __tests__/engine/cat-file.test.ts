// The one cat-file process: bounded prefixes, pipelined requests, missing objects.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { GitRepository } from '../../src/range/git.js'
import { cleanup, tempDir, TestRepo } from '../helpers/repo.js'

let root: string
let repo: TestRepo
let git: GitRepository
const BIG = Buffer.alloc(5 * 1024 * 1024, 7)
/** Above the size a batch process streams whole: its prefix comes from a process of its own. */
const HUGE = Buffer.alloc(20 * 1024 * 1024, Buffer.from(Array.from({ length: 251 }, (_, i) => i)))

beforeAll(async () => {
  root = tempDir()
  repo = TestRepo.init(join(root, 'r'))
  repo.write('big.bin', BIG).write('huge.bin', HUGE)
  for (let i = 0; i < 200; i++) repo.write(`small/${i}.txt`, `file ${i}\n`)
  repo.write('empty', '')
  repo.commit('content')
  git = await GitRepository.open(repo.dir)
})
afterAll(async () => {
  await git.close()
  cleanup(root)
})

describe('CatFileBatch', () => {
  it('keeps only the head of a large blob and reports its full size', async () => {
    const object = await git.catFile().read('HEAD:big.bin', 64 * 1024)
    expect(object?.size).toBe(BIG.length)
    expect(object?.bytes.length).toBe(64 * 1024)
  })

  it('keeps more when the caller asks after seeing the head', async () => {
    const seen: number[] = []
    const object = await git.catFile().read('HEAD:big.bin', 1024, (head, size) => {
      seen.push(head.length, size)
      return 300 * 1024
    })
    expect(seen).toEqual([1024, BIG.length])
    expect(object?.bytes.length).toBe(300 * 1024)
  })

  it('answers pipelined requests in order through one process', async () => {
    const batch = git.catFile()
    const reads = Array.from({ length: 200 }, (_, i) => batch.read(`HEAD:small/${i}.txt`, 1024))
    const texts = (await Promise.all(reads)).map((o) => o?.bytes.toString())
    expect(texts).toEqual(Array.from({ length: 200 }, (_, i) => `file ${i}\n`))
    expect(git.catFile()).toBe(batch)
  })

  it('returns null for missing objects and reads empty blobs', async () => {
    const batch = git.catFile()
    expect(await batch.read('HEAD:no/such/file', 1024)).toBeNull()
    expect(await batch.read('HEAD:name with spaces', 1024)).toBeNull()
    expect((await batch.read('HEAD:empty', 1024))?.size).toBe(0) // the stream is still in step
    expect(await batch.read('0'.repeat(40), 1024)).toBeNull()
    expect((await batch.read('HEAD:empty', 1024))?.bytes.length).toBe(0)
    expect((await batch.read('HEAD', 1024))?.type).toBe('commit')
  })
})

describe('huge objects', () => {
  it.each([
    ['the shared reader', false],
    ['a buffered bulk reader', true]
  ])('%s reads only the prefix of a huge blob and keeps the requests around it in step', async (_name, bulk) => {
    const batch = bulk ? git.bulkReader() : git.catFile()
    const reads = ['HEAD:small/1.txt', 'HEAD:huge.bin', 'HEAD:small/2.txt', 'HEAD:huge.bin', 'HEAD:small/3.txt'].map(
      (name, i) => batch.read(name, 1024, () => (i === 3 ? 3 * 1024 * 1024 : 1024))
    )
    if (bulk) batch.endRequests() // a buffered git writes out its last answers at the end of the requests
    const [one, huge, two, kept, three] = await Promise.all(reads)
    expect([one, two, three].map((o) => o?.bytes.toString())).toEqual(['file 1\n', 'file 2\n', 'file 3\n'])
    expect(huge?.size).toBe(HUGE.length)
    expect(huge?.bytes.equals(HUGE.subarray(0, 1024))).toBe(true)
    expect(kept?.bytes.equals(HUGE.subarray(0, 3 * 1024 * 1024))).toBe(true)
  })
})

describe('GitRepository.objectInfo', () => {
  it('answers type, size and id from --batch-check, without streaming the content', async () => {
    const info = await git.objectInfo('HEAD:big.bin')
    expect(info).toMatchObject({ type: 'blob', size: BIG.length, bytes: Buffer.alloc(0) })
    expect(info?.id).toBe(repo.git('rev-parse', 'HEAD:big.bin').trim())
    expect((await git.objectInfo('HEAD:small'))?.type).toBe('tree')
    expect(await git.objectInfo('HEAD:no such file')).toBeNull()
  })
})
