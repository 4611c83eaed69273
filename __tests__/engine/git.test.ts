// Git behind one door: the named operations the rest of the code asks through, over real repositories.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, realpathSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ScanError } from '../../src/errors.js'
import { GitRepository } from '../../src/range/git.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'

let root: string
let repo: TestRepo
let git: GitRepository
let first: string
let second: string

beforeAll(async () => {
  root = realpathSync(tempDir())
  repo = TestRepo.init(join(root, 'work'))
  repo.write('models/a.bin', 'one').write('docs/readme.md', 'hello\n')
  first = repo.commit('first\n\nbody line')
  repo.write('docs/readme.md', 'hello again\n')
  second = repo.commit('second')
  TestRepo.bare(join(root, 'origin.git'))
  repo.git('remote', 'add', 'origin', join(root, 'origin.git'))
  repo.git('push', '-q', 'origin', 'main')
  repo.git('config', 'http.https://example.invalid/.extraheader', 'AUTHORIZATION: basic xyz')
  git = await GitRepository.open(repo.dir)
})
afterAll(async () => {
  await git.close()
  cleanup(root)
})

describe('GitRepository named operations', () => {
  it('answers revisions, symbolic refs and paths in words', async () => {
    expect(await git.revParse('HEAD')).toBe(second)
    expect(await git.revParse('no-such-ref')).toBeNull()
    expect(await git.hasCommit(first)).toBe(true)
    expect(await git.hasCommit('0'.repeat(40))).toBe(false)
    repo.git('tag', '-a', '-m', 'annotated', 'v-annotated', first)
    expect(await git.commitOf('v-annotated')).toBe(first) // the tag object peeled to its commit
    expect(await git.commitOf('HEAD:docs')).toBeNull() // a tree names no commit
    expect(await git.commitOf('no-such-ref')).toBeNull()
    expect(await git.symbolicRef('HEAD')).toBe('refs/heads/main')
    expect(await git.symbolicRef('refs/heads/main')).toBeNull()
    expect(await git.hooksDir()).toBe(join(repo.dir, '.git', 'hooks'))
    expect(await git.topLevel()).toBe(repo.dir)
    mkdirSync(join(repo.dir, 'docs', 'deep'), { recursive: true })
    expect(await (await GitRepository.open(join(repo.dir, 'docs', 'deep'))).prefix()).toBe('docs/deep/')
  })

  it('reads config values, one or by pattern', async () => {
    expect(await git.configGet('remote.origin.url')).toBe(join(root, 'origin.git'))
    expect(await git.configGet('no.such.key')).toBeNull()
    expect(await git.configGetRegexp('^http\\..*extraheader$')).toEqual([
      { key: 'http.https://example.invalid/.extraheader', value: 'AUTHORIZATION: basic xyz' }
    ])
    expect(await git.configGetRegexp('^nothing\\.')).toEqual([])
  })

  it('reads content and history: readAt, commitMessage, lastChange, mergeBase, commitsBetween', async () => {
    const blob = await git.readAt('HEAD', 'models/a.bin', 2)
    expect(blob?.bytes.toString()).toBe('on')
    expect(blob?.size).toBe(3)
    expect(await git.readAt('HEAD', 'models', 10)).toBeNull() // a tree is not a file
    expect(await git.readAt('HEAD', 'nope', 10)).toBeNull()
    expect(await git.commitMessage(first)).toBe('first\n\nbody line\n')
    expect(await git.lastChange(second, 'models/a.bin')).toBe(first)
    expect(await git.lastChange(second, 'docs/readme.md')).toBe(second)
    expect(await git.lastChange(second, 'never/there')).toBeNull()
    const fromSubdirectory = await GitRepository.open(join(repo.dir, 'docs'))
    expect(await fromSubdirectory.lastChange(second, 'models/a.bin')).toBe(first) // paths are from the top
    expect(await git.lastChange(second, 'models/*.bin')).toBeNull() // taken literally, not as a glob
    expect(await git.mergeBase(first, second)).toBe(first)
    expect(await git.commitsBetween(first, second)).toEqual([second])
  })

  it('asks a remote which refs it has, and fails when it cannot be asked', async () => {
    expect(await git.lsRemote(join(root, 'origin.git'))).toEqual([second])
    await expect(git.lsRemote(join(root, 'no-such.git'))).rejects.toThrow(/git ls-remote .* failed/)
  })

  it('fetches with credentials that never appear in an error message, and keeps the message whole without them', async () => {
    const clone = TestRepo.init(join(root, 'clone'))
    const cloneGit = await GitRepository.open(clone.dir)
    clone.git('remote', 'add', 'origin', join(root, 'origin.git'))
    await cloneGit.fetch({ remote: 'origin', refspecs: ['+refs/heads/*:refs/remotes/origin/*'], depth: 1 })
    expect(await cloneGit.isShallow()).toBe(true)
    expect([...(await cloneGit.shallowCommits())]).toEqual([second])
    await cloneGit.fetch({ remote: 'origin', refspecs: ['main'], unshallow: true })
    expect(await cloneGit.isShallow()).toBe(false)
    expect(await cloneGit.shallowCommits()).toEqual(new Set())
    const secret = 'c2VjcmV0LXRva2Vu'
    const failing = cloneGit.fetch({
      remote: 'origin',
      refspecs: ['refs/heads/no-such-branch'],
      secretConfig: { 'http.https://example.invalid/.extraheader': `AUTHORIZATION: basic ${secret}` }
    })
    await expect(failing).rejects.toThrow(/git fetch .*origin refs\/heads\/no-such-branch failed .*no-such-branch/s)
    await expect(failing).rejects.not.toThrow(secret)
    await expect(cloneGit.fetch({ remote: 'origin', refspecs: ['refs/heads/gone'] })).rejects.toThrow(
      /couldn't find remote ref refs\/heads\/gone/
    )
  })

  it('treats only a missing shallow file as "not shallow"; another read error is an error', async () => {
    const odd = TestRepo.init(join(root, 'odd-shallow'))
    const oddGit = await GitRepository.open(odd.dir)
    mkdirSync(join(odd.dir, '.git', 'shallow')) // a directory: EISDIR, not ENOENT
    expect(odd.git('rev-parse', '--is-shallow-repository').trim()).toBe('false') // git itself fails open
    await expect(oddGit.shallowCommits()).rejects.toThrow(/cannot read .*shallow/)
    await expect(oddGit.isShallow()).rejects.toThrow(/cannot read .*\.git\/shallow, the list of shallow commits/)
    rmSync(join(odd.dir, '.git', 'shallow'), { recursive: true })
    expect(await oddGit.shallowCommits()).toEqual(new Set())
    expect(await oddGit.isShallow()).toBe(false)
  })

  it('reports a command line the OS refuses (E2BIG, thrown rather than emitted) as a scan error naming the command', async () => {
    const tooLong = 'x'.repeat(256 * 1024) // over Linux's 128 KiB for one argument
    await expect(git.revParse(tooLong)).rejects.toThrow(new ScanError('cannot run git rev-parse: spawn E2BIG'))
  })

  it('builds a repository for the demo: init, commit, remote, push', async () => {
    const bare = await GitRepository.init(join(root, 'demo', 'origin.git'), { bare: true })
    const work = await GitRepository.init(join(root, 'demo', 'work'), { branch: 'main' })
    new TestRepo(work.dir).write('a.txt', 'a')
    const identity = {
      GIT_AUTHOR_NAME: 'D',
      GIT_AUTHOR_EMAIL: 'd@example.invalid',
      GIT_COMMITTER_NAME: 'D',
      GIT_COMMITTER_EMAIL: 'd@example.invalid'
    }
    await work.commitAll('demo', identity)
    await work.addRemote('origin', bare.dir)
    await work.push('origin', 'main')
    expect(await bare.revParse('refs/heads/main')).toBe(await work.revParse('HEAD'))
  })
})

describe('a repository git refuses is an error, never "absent"', () => {
  it('reports dubious ownership with git message instead of answering null', async () => {
    const previous = process.env.GIT_TEST_ASSUME_DIFFERENT_OWNER
    process.env.GIT_TEST_ASSUME_DIFFERENT_OWNER = '1'
    try {
      await expect(git.revParse('HEAD')).rejects.toThrow(/dubious ownership/)
      await expect(git.symbolicRef('HEAD')).rejects.toThrow(/dubious ownership/)
      const scanned = await cli(repo.dir, ['scan'])
      expect(scanned.code).toBe(2)
      expect(scanned.stderr).toMatch(/git rev-parse .* failed \(exit 128\): fatal: detected dubious ownership/)
      expect(scanned.stdout).not.toContain('nothing to scan')
    } finally {
      if (previous === undefined) delete process.env.GIT_TEST_ASSUME_DIFFERENT_OWNER
      else process.env.GIT_TEST_ASSUME_DIFFERENT_OWNER = previous
    }
  })

  it('says "not a git repository" for a directory outside any repository', async () => {
    const outside = tempDir()
    try {
      await expect((await GitRepository.open(outside)).revParse('HEAD')).rejects.toThrow(/not a git repository/)
    } finally {
      cleanup(outside)
    }
  })
})
