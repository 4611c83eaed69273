// Real pushes through the installed pre-push hook to a local bare repository.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import {
  BUILD_TIMEOUT,
  builtCli,
  gitMayFail,
  gitUnderSmallArgLimit,
  manyTags,
  modelBytes,
  NODE_FOR_SMALL_STACK,
  originAndClone,
  PUBLIC_MODEL,
  refId,
  RESTRICTED_MODEL
} from './helpers.js'

let root: string
let cliPath: string
let count = 0

beforeAll(() => {
  root = tempDir('mlg-pre-push-')
  cliPath = builtCli()
}, BUILD_TIMEOUT)

afterAll(() => cleanup(root))

/** A fresh origin and clone with the hook installed, so tests do not depend on each other. */
async function project(node = 'node'): Promise<{ origin: TestRepo; work: TestRepo }> {
  const repos = originAndClone(join(root, `p${++count}`))
  const installed = await cli(repos.work.dir, ['install-hook', '--command', `${node} ${cliPath}`])
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
    expect(push.output).toContain('scanned 1 commit, 1 blob, 1 artifact')
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
    expect(allowed.output).toContain('scanned 1 commit')
    work.git('checkout', '-q', '-b', 'risky')
    commitModel(work, RESTRICTED_MODEL)
    const blocked = gitMayFail(work.dir, ['push', 'origin', 'risky'])
    expect(blocked.code).not.toBe(0)
    expect(blocked.output).toContain('scanned 1 commit')
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
    // The destination's only tip is not here, so nothing bounds the push: like git, it sends (and scans) everything.
    expect(blocked.output).toContain('scanned 2 commits')
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

  it('blocks a new branch whose model a stale remote-tracking ref would hide (the branch was deleted on the server)', async () => {
    const { origin, work } = await project()
    work.git('checkout', '-q', '-b', 'old')
    commitModel(work, RESTRICTED_MODEL)
    work.git('push', '-q', '--no-verify', 'origin', 'old')
    origin.git('update-ref', '-d', 'refs/heads/old') // someone deletes it on the server; this clone never prunes
    expect(refId(work, 'refs/remotes/origin/old')).not.toBeNull()
    work.git('checkout', '-q', '-b', 'new')
    const push = gitMayFail(work.dir, ['push', 'origin', 'new'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(refId(origin, 'new')).toBeNull()
  })

  it('blocks a push to a new empty repository after git remote set-url, whatever the old remote had', async () => {
    const { work } = await project()
    work.git('checkout', '-q', '-b', 'internal')
    commitModel(work, RESTRICTED_MODEL)
    work.git('push', '-q', '--no-verify', 'origin', 'internal') // fine on the internal server
    const publicRepo = TestRepo.bare(join(root, `public${count}.git`))
    work.git('remote', 'set-url', 'origin', publicRepo.dir)
    const push = gitMayFail(work.dir, ['push', 'origin', 'internal'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(refId(publicRepo, 'internal')).toBeNull()
    const main = gitMayFail(work.dir, ['push', 'origin', 'main']) // no model on main: scanned whole, and passes
    expect(main.code).toBe(0)
    expect(main.output).toContain('scanned 1 commit')
  })

  it('scans more, never less, when the destination cannot be asked which commits it has', async () => {
    const { origin, work } = await project()
    work.git('checkout', '-q', '-b', 'old')
    const head = commitModel(work, RESTRICTED_MODEL)
    work.git('push', '-q', '--no-verify', 'origin', 'old') // the real destination has it; the one asked is gone
    const refLine = `refs/heads/new ${head} refs/heads/new ${'0'.repeat(40)}\n`
    const gone = join(root, 'no-such-server.git')
    const result = await cli(work.dir, ['pre-push', 'origin', gone], refLine)
    expect(result.stderr).toContain(`cannot ask ${gone} which commits it already has`)
    expect(result.stderr).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(result.stderr).toContain('scanned 2 commits')
    expect(result.code).toBe(1)
    expect(refId(origin, 'old')).toBe(head)
  })

  it('asks the destination for a force push over a tip this clone lacks, and excludes what it has', async () => {
    const { origin, work } = await project()
    work.git('push', '-q', 'origin', 'main:release') // the destination keeps a tip this clone has
    const other = new TestRepo(join(root, `other-force${count}`))
    TestRepo.init(other.dir).git('pull', '-q', origin.dir, 'main')
    other.write('docs/notes.md', 'notes\n').commit('Someone else pushes')
    other.git('push', '-q', '--no-verify', origin.dir, 'HEAD:main')
    commitModel(work, PUBLIC_MODEL)
    const allowed = gitMayFail(work.dir, ['push', '--force', 'origin', 'main'])
    expect(allowed.code).toBe(0)
    expect(allowed.output).toContain('scanned 1 commit') // not the registry commit: release has it
  })

  it('scans a mirror push of 5,000 tags, more ids than the command line may hold: every commit, once', async () => {
    const { origin, work } = await project(NODE_FOR_SMALL_STACK)
    manyTags(work, TAGS)
    work.git('checkout', '-q', '-b', 'side')
    commitModel(work, RESTRICTED_MODEL)
    work.git('checkout', '-q', 'main')
    // Blocked, so the server writes no refs (5,000 loose ref files would take seconds): the scan is what is tested.
    const blocked = gitUnderSmallArgLimit(work.dir, ['push', '--mirror', 'origin'])
    expect(blocked.output).toContain(`scanned ${TAGS + 1} commits, 1 blob, 1 artifact`)
    expect(blocked.output).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(blocked.code).not.toBe(0)
    expect(refId(origin, 'refs/tags/v1')).toBeNull()
  })

  it.each([
    ['a blob replaced with harmless text', 'blob'],
    ['a commit replaced to skip the one that added the model', 'commit'],
    ['a graft in info/grafts', 'graft']
  ])('stops a model hidden by %s: git push sends the real objects', async (_name, how) => {
    const { origin, work } = await project()
    const before = refId(origin, 'main')
    const added = commitModel(work, HIDDEN_PATH)
    const blob = work.git('rev-parse', `${added}:${HIDDEN_PATH}`).trim()
    work.git('rm', '-q', HIDDEN_PATH)
    const removed = work.commit('remove it again')
    hide(work, how, { blob, removed, base: before as string })
    const push = gitMayFail(work.dir, ['push', 'origin', 'main'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain(`BLOCK ${HIDDEN_PATH}`)
    expect(refId(origin, 'main')).toBe(before)
  })
})

/** A release history's worth of tags: each id 41 bytes of a command line, 205 KB in all. */
const TAGS = 5000

/** A path the demo registry maps to a restricted dataset, whose name alone says nothing about a model. */
const HIDDEN_PATH = 'models/risk/weights.bin'

/** Hides the model from git's own view with a replace ref or a graft; push still sends it. */
function hide(work: TestRepo, how: string, ids: { blob: string; removed: string; base: string }): void {
  if (how === 'blob') {
    const harmless = work.write('harmless.txt', 'just text\n').git('hash-object', '-w', 'harmless.txt').trim()
    work.git('replace', ids.blob, harmless)
  } else if (how === 'commit') work.git('replace', '--graft', ids.removed, ids.base)
  else writeFileSync(join(work.dir, '.git', 'info', 'grafts'), `${ids.removed} ${ids.base}\n`)
}
