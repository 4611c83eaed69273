// Real pushes through the installed pre-push hook to a local bare repository.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import {
  BUILD_TIMEOUT,
  builtCli,
  gitMayFail,
  modelBytes,
  originAndClone,
  PUBLIC_MODEL,
  refId,
  RESTRICTED_MODEL
} from './helpers.js'

let root: string
let command: string
let count = 0

beforeAll(() => {
  root = tempDir('mlg-pre-push-')
  command = `node ${builtCli()}`
}, BUILD_TIMEOUT)

afterAll(() => cleanup(root))

/** A fresh origin and clone with the hook installed, so tests do not depend on each other. */
async function project(): Promise<{ origin: TestRepo; work: TestRepo }> {
  const repos = originAndClone(join(root, `p${++count}`))
  const installed = await cli(repos.work.dir, ['install-hook', '--command', command])
  expect(installed.code).toBe(0)
  return repos
}

function commitModel(work: TestRepo, path: string, message = `Add ${path}`): string {
  return work.write(path, modelBytes()).commit(message)
}

describe('pre-push hook, real pushes', () => {
  it('lets a public model through: the remote ref moves', async () => {
    const { origin, work } = await project()
    const head = commitModel(work, PUBLIC_MODEL)
    const push = gitMayFail(work.dir, ['push', 'origin', 'main'])
    expect(push.code).toBe(0)
    expect(push.output).toContain('scanned 1 commits, 1 blobs, 1 artifacts')
    expect(refId(origin, 'main')).toBe(head)
  })

  it('stops a restricted model: the remote ref is unchanged and the message says what, why and how', async () => {
    const { origin, work } = await project()
    const before = refId(origin, 'main')
    const head = commitModel(work, RESTRICTED_MODEL)
    const push = gitMayFail(work.dir, ['push', 'origin', 'main'])
    expect(push.code).not.toBe(0)
    expect(refId(origin, 'main')).toBe(before)
    expect(push.output).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(push.output).toContain('trained on ukbb (restricted)')
    expect(push.output).toContain(`git rm --cached -- '${RESTRICTED_MODEL}' && git commit --amend --no-edit`)
    expect(push.output).toContain(`git rebase -i ${head.slice(0, 12)}~1`)
    expect(push.output).toContain('git push --no-verify skips only this local hook')
  })

  it('scans a new branch as the commits not on any origin ref', async () => {
    const { origin, work } = await project()
    work.git('checkout', '-q', '-b', 'feature')
    commitModel(work, PUBLIC_MODEL)
    const allowed = gitMayFail(work.dir, ['push', 'origin', 'feature'])
    expect(allowed.code).toBe(0)
    expect(allowed.output).toContain('scanned 1 commits')
    work.git('checkout', '-q', '-b', 'risky')
    commitModel(work, RESTRICTED_MODEL)
    const blocked = gitMayFail(work.dir, ['push', 'origin', 'risky'])
    expect(blocked.code).not.toBe(0)
    expect(blocked.output).toContain('scanned 1 commits')
    expect(refId(origin, 'risky')).toBeNull()
  })

  it('lets a deletion through without scanning', async () => {
    const { origin, work } = await project()
    work.git('checkout', '-q', '-b', 'old')
    commitModel(work, RESTRICTED_MODEL)
    work.git('push', '-q', '--no-verify', 'origin', 'old')
    const deletion = gitMayFail(work.dir, ['push', 'origin', '--delete', 'old'])
    expect(deletion.code).toBe(0)
    expect(deletion.output).not.toContain('scanned')
    expect(refId(origin, 'old')).toBeNull()
  })

  it('scans two refs in one push once, each blob once, and stops both when one holds a restricted model', async () => {
    const { origin, work } = await project()
    work.git('checkout', '-q', '-b', 'a')
    commitModel(work, PUBLIC_MODEL)
    work.git('checkout', '-q', '-b', 'b')
    commitModel(work, 'models/vision/second.safetensors')
    const both = gitMayFail(work.dir, ['push', 'origin', 'a', 'b'])
    expect(both.code).toBe(0)
    expect(both.output.match(/scanned/g)).toHaveLength(1)
    expect(both.output).toContain('scanned 2 commits, 2 blobs, 2 artifacts')
    work.git('checkout', '-q', '-b', 'c', 'main')
    commitModel(work, RESTRICTED_MODEL)
    work.git('checkout', '-q', 'a')
    commitModel(work, 'models/vision/third.safetensors')
    const mixed = gitMayFail(work.dir, ['push', 'origin', 'a', 'c'])
    expect(mixed.code).not.toBe(0)
    expect(refId(origin, 'c')).toBeNull()
    expect(refId(origin, 'a')).toBe(refId(work, 'refs/remotes/origin/a'))
  })

  it('scans a force push, also when the remote tip is not in the local repository', async () => {
    const { origin, work } = await project()
    const other = new TestRepo(join(root, `other${count}`))
    TestRepo.init(other.dir).git('pull', '-q', origin.dir, 'main')
    const theirs = other.write('docs/notes.md', 'notes\n').commit('Someone else pushes')
    other.git('push', '-q', '--no-verify', origin.dir, 'HEAD:main')
    commitModel(work, RESTRICTED_MODEL)
    const blocked = gitMayFail(work.dir, ['push', '--force', 'origin', 'main'])
    expect(blocked.code).not.toBe(0)
    expect(blocked.output).toContain('scanned 1 commits')
    expect(refId(origin, 'main')).toBe(theirs)
    work.git('reset', '-q', '--hard', 'HEAD~1')
    const mine = commitModel(work, PUBLIC_MODEL)
    const allowed = gitMayFail(work.dir, ['push', '--force', 'origin', 'main'])
    expect(allowed.code).toBe(0)
    expect(refId(origin, 'main')).toBe(mine)
  })

  it('scans a tag: an annotated tag on an unpushed commit is stopped, a tag on a pushed one passes', async () => {
    const { origin, work } = await project()
    work.git('tag', 'v0', 'main')
    expect(gitMayFail(work.dir, ['push', 'origin', 'v0']).code).toBe(0)
    expect(refId(origin, 'refs/tags/v0')).not.toBeNull()
    commitModel(work, RESTRICTED_MODEL)
    work.git('tag', '-a', '-m', 'release', 'v1')
    const blocked = gitMayFail(work.dir, ['push', 'origin', 'v1'])
    expect(blocked.code).not.toBe(0)
    expect(blocked.output).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(refId(origin, 'refs/tags/v1')).toBeNull()
  })

  it('lands with --no-verify: only the local hook is skipped (CI is the gate that still runs)', async () => {
    const { origin, work } = await project()
    const head = commitModel(work, RESTRICTED_MODEL)
    const push = gitMayFail(work.dir, ['push', '--no-verify', 'origin', 'main'])
    expect(push.code).toBe(0)
    expect(refId(origin, 'main')).toBe(head)
  })

  it('never prints the credentials in a remote URL (unnamed remote: git passes the URL as the name too)', async () => {
    const { origin, work } = await project()
    const head = commitModel(work, RESTRICTED_MODEL)
    const url = 'https://alice:s3cr3t-token@git.example.invalid/org/repo.git'
    const refLine = `refs/heads/main ${head} refs/heads/main ${refId(origin, 'main')}\n`
    for (const [name, remoteUrl] of [
      [url, url],
      ['origin', url]
    ]) {
      const result = await cli(work.dir, ['pre-push', name, remoteUrl], refLine)
      expect(result.code).toBe(1)
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/alice|s3cr3t/)
      expect(result.stderr).toContain('https://***@git.example.invalid/org/repo.git')
    }
  })
})
