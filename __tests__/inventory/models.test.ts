// How each kind of blob becomes a component: a Git LFS pointer (the model's SHA-256 is the oid),
// archive members, the same bytes at two paths, a real symlink (listed, quiet) and a submodule (not content), and the
// bound on hashing (a blob over the cap gets its size, never a hash of part of it).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { blobDigests } from '../../src/range/digest.js'
import { GitRepository } from '../../src/range/git.js'
import { listTreeBlobs, parseLsTree } from '../../src/range/tree.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import { modelFixture } from './fixtures.js'
import { component, expectValidCycloneDx, propertyValues, type CycloneDxBom } from './cyclonedx-schema.js'

const LFS_OID = '4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393'

let root: string
let repo: TestRepo
let bom: CycloneDxBom

beforeAll(async () => {
  root = tempDir()
  const sub = TestRepo.init(join(root, 'sub'))
  sub.write('x.txt', 'x')
  sub.commit('sub')
  repo = TestRepo.init(join(root, 'work'))
  repo.write('.model-registry.yml', 'version: 1\npolicy: { unknown_provenance: warn }\n')
  repo.write('models/big model.safetensors', modelFixture('lfs/model.safetensors'))
  repo.write('release/bundle.zip', modelFixture('bundle.zip'))
  repo.write('models/net.pt', modelFixture('state_dict.pt'))
  repo.write('backup/net-copy.pt', modelFixture('state_dict.pt'))
  symlinkSync('net.pt', join(repo.dir, 'models/link.pt'))
  repo.write('carded/model.pkl', modelFixture('lr_p4.pkl'))
  repo.git('lfs', 'install', '--local')
  repo.git('lfs', 'track', 'stored/*.pt')
  repo.write('stored/net.pt', modelFixture('legacy_state.pt')) // in LFS, the object stored locally
  repo.write('carded/README.md', '---\ndatasets: [unclosed\n---\n# a model card whose front matter does not parse\n')
  repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'vendored')
  repo.commit('models of every shape')
  const result = await cli(join(repo.dir, 'models'), ['inventory']) // from a subfolder: the whole tree still
  expect(result).toMatchObject({ code: 0, stderr: '' })
  bom = expectValidCycloneDx(result.stdout)
})
afterAll(() => cleanup(root))

describe('components for each kind of blob', () => {
  it('takes a Git LFS pointer’s oid as the model’s SHA-256 and its size, and says the model is in LFS', () => {
    const model = component(bom, 'models/big model.safetensors')
    expect(model.hashes).toEqual([{ alg: 'SHA-256', content: LFS_OID }])
    expect(propertyValues(model, 'size')).toEqual(['12345678'])
    expect(propertyValues(model, 'lfs')).toEqual(['true'])
    expect(propertyValues(model, 'git-blob')).toEqual([
      repo.git('rev-parse', 'HEAD:models/big model.safetensors').trim()
    ])
  })

  it('takes a locally stored LFS object’s model: its format, the oid as SHA-256, the git blob of the pointer', () => {
    const model = component(bom, 'stored/net.pt')
    const content = modelFixture('legacy_state.pt')
    expect(model.hashes).toEqual([{ alg: 'SHA-256', content: createHash('sha256').update(content).digest('hex') }])
    expect(propertyValues(model, 'size')).toEqual([String(content.length)])
    expect(propertyValues(model, 'lfs')).toEqual(['true'])
    expect(propertyValues(model, 'format')).not.toEqual(['lfs-pointer'])
    const pointer = repo.git('cat-file', 'blob', 'HEAD:stored/net.pt')
    expect(pointer).toMatch(/^version https:\/\/git-lfs/)
    expect(propertyValues(model, 'git-blob')).toEqual([repo.git('rev-parse', 'HEAD:stored/net.pt').trim()])
  })

  it('names archive members archive!member, without a hash of the archive passed off as theirs', () => {
    const names = (bom.components ?? []).map((c) => c.name).filter((name) => name.startsWith('release/'))
    expect(names.sort()).toEqual([
      'release/bundle.zip!models/knn.pkl',
      'release/bundle.zip!models/meta.onnx',
      'release/bundle.zip!models/net.pt'
    ])
    const member = component(bom, 'release/bundle.zip!models/net.pt')
    expect(member.hashes).toBeUndefined()
    expect(propertyValues(member, 'member')).toEqual(['models/net.pt'])
  })

  it('lists the same bytes at two paths once, the other path as also-at; a real symlink and a submodule are not models', () => {
    const net = (bom.components ?? []).filter((c) => /^(backup|models)\//.test(c.name) && c.name.endsWith('.pt'))
    expect(net.map((c) => c.name)).toEqual(['backup/net-copy.pt'])
    expect(propertyValues(net[0], 'also-at')).toEqual(['models/net.pt'])
    expect((bom.components ?? []).some((c) => c.name.includes('vendored') || c.name === 'models/link.pt')).toBe(false)
  })

  it('lists a tree’s blobs with their modes: a symlink’s blob (judged like any blob, as scan does), not a submodule', async () => {
    const entries = parseLsTree(repo.git('ls-tree', '-r', '-z', '--full-tree', 'HEAD'))
    expect(entries.find((e) => e.path === 'vendored')?.mode).toBe('160000')
    expect(entries.find((e) => e.path === 'models/link.pt')?.mode).toBe('120000')
    const git = await GitRepository.open(repo.dir)
    const { blobs, commits, submodules } = await listTreeBlobs(git, 'HEAD').finally(() => git.close())
    expect(commits).toEqual([repo.head()])
    expect(submodules).toBe(1)
    expect(blobs.find((b) => b.path === 'models/link.pt')?.symlink).toBe(true)
    const listed = blobs.flatMap((b) => [b.path, ...(b.alsoAt ?? []).map((p) => p.path)]).sort()
    expect(listed).toEqual([
      '.gitattributes',
      '.gitmodules',
      '.model-registry.yml',
      'backup/net-copy.pt',
      'carded/README.md',
      'carded/model.pkl',
      'models/big model.safetensors',
      'models/link.pt',
      'models/net.pt',
      'release/bundle.zip',
      'stored/net.pt'
    ])
    expect(() => parseLsTree('100644 blob')).toThrow(/unexpected output from git ls-tree/)
  })

  it('names a provenance file that cannot be read on the model, not as a dataset', () => {
    const model = component(bom, 'carded/model.pkl')
    expect(propertyValues(model, 'unreadable-provenance')).toEqual([
      expect.stringMatching(/^carded\/README\.md(:\d+)?: /)
    ])
    expect(propertyValues(model, 'verdict')).toEqual(['block'])
    // The one data component is a dataset the ONNX member's metadata names, unregistered: no label, no classification.
    const data = (bom.components ?? []).filter((c) => c.type === 'data')
    expect(data.map((c) => c.name)).toEqual(['s3://bucket/pii.parquet'])
    expect(propertyValues(data[0], 'registered')).toEqual(['false'])
    expect(propertyValues(data[0], 'label')).toEqual([])
    expect(data[0].data).toEqual([{ type: 'dataset', name: 's3://bucket/pii.parquet' }])
  })

  it('hashes a blob only when it is read whole: over the cap, the size and no hash', async () => {
    const git = await GitRepository.open(repo.dir)
    try {
      const id = repo.git('rev-parse', 'HEAD:models/net.pt').trim()
      const content = repo.read('models/net.pt')
      const sha256 = createHash('sha256').update(content).digest('hex')
      expect((await blobDigests(git, [id], content.length)).get(id)).toEqual({ size: content.length, sha256 })
      expect((await blobDigests(git, [id], content.length - 1)).get(id)).toEqual({ size: content.length, sha256: null })
      expect((await blobDigests(git, ['0'.repeat(40)], 1024)).size).toBe(0)
    } finally {
      await git.close()
    }
  })
})
