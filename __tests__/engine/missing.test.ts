// Nothing fails open on git's side: a blob the repository lacks (blobless clone, damaged store) is a
// `kind: unknown` finding with its path and a count on the coverage line, never an aborted audit;
// submodule commits are counted, never silently skipped.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_REGISTRY, safetensorsBytes } from '../../src/commands/demo-repository.js'
import { GitRepository } from '../../src/range/git.js'
import type { ScanReport } from '../../src/types.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'

const RESTRICTED = 'models/risk/model.safetensors'
const PUBLIC = 'models/vision/model.safetensors'

let root: string
let origin: TestRepo
let deletedModel: string

beforeAll(() => {
  root = tempDir('mlg-missing-')
  const work = TestRepo.init(join(root, 'work'))
  work.write('.model-registry.yml', DEMO_REGISTRY).write('notes/readme.txt', 'notes\n').commit('registry')
  work.write(RESTRICTED, safetensorsBytes({ a: '1' }, [1, 2])).write(PUBLIC, safetensorsBytes({ b: '2' }, [3, 4]))
  work.commit('models')
  deletedModel = work.git('rev-parse', `HEAD:${RESTRICTED}`).trim()
  work.git('rm', '-q', RESTRICTED)
  work.commit('the restricted model goes again')
  origin = TestRepo.bare(join(root, 'origin.git'))
  origin.git('config', 'uploadpack.allowFilter', 'true')
  origin.git('symbolic-ref', 'HEAD', 'refs/heads/main')
  work.git('push', '-q', origin.dir, 'main')
})
afterAll(() => cleanup(root))

async function audit(dir: string): Promise<{ code: number; report: ScanReport; text: string }> {
  const json = await cli(dir, ['scan', '--all', '--format', 'json'])
  const text = await cli(dir, ['scan', '--all'])
  return { code: json.code, report: JSON.parse(json.stdout) as ScanReport, text: text.stdout }
}

function missingObjects(repo: TestRepo): string[] {
  return repo
    .git('rev-list', '--objects', '--missing=print', '--all')
    .split('\n')
    .filter((line) => line.startsWith('?'))
}

describe('missing blobs do not abort an audit', () => {
  it('a blobless clone: the blob it never fetched is an unknown finding at its path, and is not fetched', async () => {
    const clone = new TestRepo(join(root, 'blobless'))
    origin.git('clone', '-q', '--filter=blob:none', `file://${origin.dir}`, clone.dir)
    expect(missingObjects(clone)).toEqual([`?${deletedModel}`])
    const { code, report, text } = await audit(clone.dir)
    expect(code).toBe(1)
    const missing = report.findings.filter((f) => f.blob === deletedModel)
    expect(missing.map((f) => [f.path, f.kind, f.verdict])).toEqual([[RESTRICTED, 'unknown', 'block']])
    expect(String(missing[0].detail.reason)).toMatch(/missing from this repository/)
    expect(report.findings.find((f) => f.path === PUBLIC)?.format).toBe('safetensors') // the rest is still read
    expect(report.stats.missingBlobs).toBe(1)
    expect(text).toMatch(/scanned 3 commits, 4 blobs, 2 artifacts in \d+ ms, 1 blob missing from this repository/)
    expect(missingObjects(clone)).toEqual([`?${deletedModel}`]) // no lazy fetch behind the scan's back
  })

  it('a read by path of a blob a partial clone lacks answers "missing" and the reads queued behind it go on', async () => {
    const clone = new TestRepo(join(root, 'blobless'))
    const git = await GitRepository.open(clone.dir)
    try {
      const reads = [`HEAD~1:${RESTRICTED}`, 'HEAD:.model-registry.yml', deletedModel, `HEAD:${PUBLIC}`].map((name) =>
        git.catFile().read(name, 16)
      )
      const answers = await Promise.all(reads)
      expect(answers.map((a) => a?.type ?? null)).toEqual([null, 'blob', null, 'blob'])
      expect(answers[1]?.bytes.toString()).toBe(DEMO_REGISTRY.slice(0, 16))
    } finally {
      await git.close()
    }
  })

  it('a damaged repository (a loose object deleted): the audit reports that blob as unknown and everything else', async () => {
    const damaged = TestRepo.init(join(root, 'damaged'))
    damaged.write('.model-registry.yml', DEMO_REGISTRY).write('notes/readme.txt', 'damaged notes\n').commit('registry')
    damaged.write(RESTRICTED, safetensorsBytes({ c: '3' }, [5, 6])).commit('model')
    const notes = damaged.git('rev-parse', 'HEAD:notes/readme.txt').trim()
    rmSync(join(damaged.dir, '.git', 'objects', notes.slice(0, 2), notes.slice(2))) // git add wrote it loose
    const { code, report } = await audit(damaged.dir)
    expect(code).toBe(1)
    expect(report.findings.filter((f) => f.blob === notes).map((f) => [f.path, f.kind])).toEqual([
      ['notes/readme.txt', 'unknown']
    ])
    expect(report.findings.find((f) => f.path === RESTRICTED)?.format).toBe('safetensors')
    expect(report.stats.missingBlobs).toBe(1)
  })
})

describe('submodules are counted, never silently skipped', () => {
  it('says how many submodule commits the range records and were not scanned', async () => {
    const repo = TestRepo.init(join(root, 'with-submodule'))
    repo.write('README.md', 'x\n').commit('first')
    repo.git('update-index', '--add', '--cacheinfo', `160000,${'a'.repeat(40)},vendor/lib`)
    repo.git('commit', '-q', '-m', 'add a submodule')
    const { code, report, text } = await audit(repo.dir)
    expect(code).toBe(0)
    expect(report.stats.submodules).toBe(1)
    expect(text).toMatch(/scanned 2 commits, 1 blob, 0 artifacts in \d+ ms, 1 submodule commit not scanned/)
  })
})
