// `inventory` lists what `scan` judges: the same model blobs at the same paths, over the same
// repository, whichever way the blobs are listed (a range's diffs, a tree, the index). The
// repository holds every shape that was ever listed differently: a model's bytes committed as a
// symlink, a real symlink named like a model, the same bytes as a link at one path and a file at
// another, a Git LFS pointer, a submodule, and a model deleted from HEAD.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { GitRepository } from '../../src/range/git.js'
import { loadRegistryFor } from '../../src/registry/index.js'
import type { Inventory } from '../../src/report/inventory.js'
import type { JsonReport } from '../../src/report/json.js'
import { judgeBlobs, judgingFor } from '../../src/scan.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import { modelFixture } from './fixtures.js'

let root: string
let repo: TestRepo
let ids: Record<'knnInLink' | 'target' | 'knn', string>

/** Writes bytes as a blob and stages it at `path` with `mode`, where the working tree has no such file. */
function stageBlob(mode: string, path: string, content: Buffer | string): string {
  const file = join(root, 'blob')
  writeFileSync(file, content)
  const id = repo.git('hash-object', '-w', '--', file).trim()
  repo.git('update-index', '--add', '--cacheinfo', `${mode},${id},${path}`)
  return id
}

beforeAll(() => {
  root = tempDir()
  const sub = TestRepo.init(join(root, 'sub'))
  sub.write('x.txt', 'x')
  const subCommit = sub.commit('a submodule commit')
  repo = TestRepo.init(join(root, 'work'))
  repo.write('.model-registry.yml', 'version: 1\npolicy: { unknown_provenance: warn }\n')
  repo.write('models/net.pt', modelFixture('state_dict.pt'))
  symlinkSync('net.pt', join(repo.dir, 'models/latest.pt')) // a real link: its name names the target
  repo.write('models/knn.joblib', modelFixture('knn.joblib'))
  repo.write('models/big.safetensors', modelFixture('lfs/model.safetensors')) // a Git LFS pointer
  repo.write('notes/weights.pt', 'epoch7.pt') // a file whose bytes are the link's below
  repo.git('add', '-A')
  // Only in the index (git add -A would drop what the working tree lacks).
  ids = {
    knnInLink: stageBlob('120000', 'hidden/knn.pkl', modelFixture('knn_p4.pkl')),
    target: stageBlob('120000', 'links/weights.pt', 'epoch7.pt'),
    knn: repo.git('rev-parse', ':models/knn.joblib').trim()
  }
  repo.git('update-index', '--add', '--cacheinfo', `160000,${subCommit},vendored`)
  repo.git('commit', '-qm', 'models of every shape')
  repo.git('rm', '-q', '--cached', 'models/knn.joblib')
  repo.git('commit', '-qm', 'delete the k-NN model')
})
afterAll(() => cleanup(root))

/** What one listing found: each model blob (archive members apart) at every path it stands at. */
interface Listed {
  models: string[]
  submodules: number
}

function modelsOf(items: { path: string; member: string | null; blob: string; kind: string; alsoAt: string[] }[]) {
  return items
    .map((m) => `${m.blob} ${m.kind} ${[m.path, ...m.alsoAt].join(' ')}${m.member ? `!${m.member}` : ''}`)
    .sort()
}

async function inventoryOf(...args: string[]): Promise<Listed> {
  const result = await cli(repo.dir, ['inventory', '--format', 'json', ...args])
  expect(result).toMatchObject({ code: 0, stderr: '' })
  const inventory = JSON.parse(result.stdout) as Inventory
  return { models: modelsOf(inventory.models), submodules: inventory.stats.submodules }
}

async function scanOf(...args: string[]): Promise<Listed> {
  const result = await cli(repo.dir, ['scan', '--format', 'json', ...args])
  expect(result.stderr).toBe('')
  const report = JSON.parse(result.stdout) as JsonReport
  const models = report.findings.map((f) => ({ ...f, alsoAt: (f.detail.alsoAt as string[] | undefined) ?? [] }))
  return { models: modelsOf(models), submodules: report.stats.submodules }
}

const blobsOf = (listed: Listed): string[] => listed.models.map((model) => model.split(' ')[0])

describe('inventory and scan list the same model blobs', () => {
  it("what HEAD holds: the inventory is the scan of a commit of HEAD's tree alone", async () => {
    const treeOnly = repo.git('commit-tree', '-m', "HEAD's tree, no history", 'HEAD^{tree}').trim()
    const inventory = await inventoryOf()
    expect(inventory).toEqual(await scanOf(treeOnly))
    expect(inventory.submodules).toBe(1)
    const net = repo.git('rev-parse', 'HEAD:models/net.pt').trim()
    const pointer = repo.git('rev-parse', 'HEAD:models/big.safetensors').trim()
    expect(blobsOf(inventory)).toEqual(expect.arrayContaining([ids.knnInLink, ids.target, net, pointer]))
    expect(inventory.models).toContain(`${ids.knnInLink} knn-index hidden/knn.pkl`)
    expect(blobsOf(inventory)).not.toContain(ids.knn) // deleted from HEAD
    expect(inventory.models.join('\n')).not.toContain('models/latest.pt') // a real link stays quiet
  })

  it('the index: scan --staged of every path is the inventory of HEAD (the index is HEAD’s tree)', async () => {
    const paths = repo.git('ls-files', '-z').split('\0').filter(Boolean)
    expect(paths).toContain('hidden/knn.pkl')
    const staged = await scanOf('--staged', ...paths)
    expect(staged).toEqual(await inventoryOf())
    expect(staged.models).toContain(`${ids.knnInLink} knn-index hidden/knn.pkl`)
  })

  it('every history (--all): the model deleted from HEAD too, the same in both', async () => {
    const inventory = await inventoryOf('--all')
    expect(inventory).toEqual(await scanOf('--all'))
    expect(blobsOf(inventory)).toEqual(expect.arrayContaining([ids.knn, ids.knnInLink, ids.target]))
  })

  it('a symlink made a file with the same bytes: judged as the file, in the history as in the tree', async () => {
    repo.git('checkout', '-q', '-b', 'unlinked', 'main')
    const target = stageBlob('120000', 'links/latest.pt', 'epoch9.pt')
    repo.git('commit', '-qm', 'a link')
    repo.git('update-index', '--cacheinfo', `100644,${target},links/latest.pt`)
    repo.git('commit', '-qm', 'the link is a file now, the same bytes')
    expect(blobsOf(await scanOf('HEAD'))).toContain(target)
    expect(blobsOf(await scanOf('HEAD', '--not', 'main'))).toEqual([target])
    expect(blobsOf(await inventoryOf('HEAD', '--not', 'main'))).toEqual([target])
    expect(blobsOf(await inventoryOf())).toContain(target)
    repo.git('checkout', '-q', 'main')
  })
})

describe('a first look taken while the range streams', () => {
  it('does not settle a blob looked at as a symlink that later stands at a file path', async () => {
    const id = repo.git('rev-parse', 'HEAD:links/weights.pt').trim()
    const git = await GitRepository.open(repo.dir)
    try {
      const registry = await loadRegistryFor(repo.dir)
      const blob = { id, path: 'links/weights.pt', commit: repo.head(), size: -1 } // no longer only a symlink
      // What the look said while the blob was still a symlink: its model name named the link's target.
      const looks = new Map([[id, { path: blob.path, size: 9, detections: [], symlink: true }]])
      const { judged } = await judgeBlobs(git, [blob], judgingFor(git, { registry }), new Set(), looks)
      expect(judged.map((j) => [j.finding.path, j.finding.kind])).toEqual([['links/weights.pt', 'unknown']])
    } finally {
      await git.close()
    }
  })
})
