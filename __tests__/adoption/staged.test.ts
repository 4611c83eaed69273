// `scan --staged`: what the next commit would add, caught before it is committed, when undoing it
// is one `git rm --cached`. Real repositories; the index is read through a scratch copy, so the
// repository (its index, its objects) is left exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_REGISTRY } from '../../src/commands/demo-repository.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import { modelBytes, PUBLIC_MODEL, RESTRICTED_MODEL } from '../hooks/helpers.js'

let root: string
let count = 0

beforeAll(() => {
  root = tempDir('mlg-staged-')
})

afterAll(() => cleanup(root))

/** A repository with the demo registry committed. */
function project(): TestRepo {
  const repo = TestRepo.init(join(root, `p${++count}`))
  repo.write('.model-registry.yml', DEMO_REGISTRY).write('README.md', '# project\n').commit('Add the registry')
  return repo
}

/** Every file under .git/objects and the index's bytes: what a scan must not change. */
function repositoryState(repo: TestRepo): string {
  const objects = readdirSync(join(repo.dir, '.git/objects'), { recursive: true }).sort().join(',')
  return `${objects}\n${repo.read('.git/index').toString('base64')}`
}

describe('scan --staged', () => {
  it('blocks a staged restricted model, says "staged" and how to unstage it; writes nothing', async () => {
    const repo = project()
    repo.write(RESTRICTED_MODEL, modelBytes()).git('add', RESTRICTED_MODEL)
    const before = repositoryState(repo)
    const result = await cli(repo.dir, ['scan', '--staged'])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      new RegExp(`^BLOCK\\s+${RESTRICTED_MODEL}\\s+\\[safetensors, weights\\] staged$`, 'm')
    )
    expect(result.stdout).toContain(`fix: take it out of the index: git rm --cached -- '${RESTRICTED_MODEL}'`)
    expect(result.stdout).not.toMatch(/rebase|amend/)
    expect(repositoryState(repo)).toBe(before)
    repo.git('rm', '-q', '--cached', RESTRICTED_MODEL)
    expect((await cli(repo.dir, ['scan', '--staged'])).code).toBe(0)
  })

  it('reports staged findings in JSON with staged: true and no commit', async () => {
    const repo = project()
    repo.write(PUBLIC_MODEL, modelBytes()).git('add', PUBLIC_MODEL)
    const result = await cli(repo.dir, ['scan', '--staged', '--format', 'json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).findings).toEqual([
      expect.objectContaining({ path: PUBLIC_MODEL, staged: true, commit: '', verdict: 'pass' })
    ])
  })

  it('sees the index, not the working tree or HEAD: unstaged and committed models are not "staged"', async () => {
    const repo = project()
    repo.write(RESTRICTED_MODEL, modelBytes()).commit('Commit a model')
    repo.write('models/risk/other.safetensors', modelBytes()) // on disk only
    const result = await cli(repo.dir, ['scan', '--staged'])
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('0 blobs, 0 artifacts') })
  })

  it('with paths, judges the index’s files at those paths, committed or not (pre-commit run --all-files)', async () => {
    const repo = project()
    repo.write(RESTRICTED_MODEL, modelBytes()).commit('Commit a model')
    repo.write(PUBLIC_MODEL, modelBytes()).git('add', PUBLIC_MODEL)
    const result = await cli(join(repo.dir, 'models'), [
      'scan',
      '--staged',
      '--format',
      'json',
      '--',
      'risk/model.safetensors'
    ])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout).findings.map((f: { path: string }) => f.path)).toEqual([RESTRICTED_MODEL])
  })

  it('works before the first commit (no HEAD yet)', async () => {
    const repo = TestRepo.init(join(root, `p${++count}`))
    repo.write('.model-registry.yml', DEMO_REGISTRY).write(RESTRICTED_MODEL, modelBytes()).git('add', '-A')
    const result = await cli(repo.dir, ['scan', '--staged'])
    expect(result).toMatchObject({ code: 1, stdout: expect.stringContaining(`BLOCK ${RESTRICTED_MODEL}`) })
  })
})
