// Which blobs leave: real repositories, real remotes, checked against what git push sends.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { GitRepository } from '../../src/range/git.js'
import { listLeavingObjects, parseRawLog } from '../../src/range/leaving.js'
import { cleanup, tempDir, TestRepo } from '../helpers/repo.js'

let root: string
let repo: TestRepo

beforeEach(() => {
  root = tempDir()
  repo = TestRepo.init(join(root, 'work'))
  TestRepo.bare(join(root, 'origin.git'))
  repo.git('remote', 'add', 'origin', join(root, 'origin.git'))
})
afterEach(() => cleanup(root))

async function leaving(...revisions: string[]) {
  const git = await GitRepository.open(repo.dir)
  try {
    return await listLeavingObjects(git, revisions)
  } finally {
    await git.close()
  }
}

const hash = (content: string): string =>
  execFileSync('git', ['hash-object', '--stdin'], { input: content, encoding: 'utf8' }).trim()

describe('listLeavingObjects', () => {
  it('attributes each new blob to the commit that introduced it, once, with the other paths of the same bytes', async () => {
    repo.write('a.txt', 'alpha')
    const first = repo.commit('first')
    repo.write('b.txt', 'beta').write('copy-of-a.txt', 'alpha')
    const second = repo.commit('second')
    const set = await leaving('HEAD')
    expect(set.commits).toEqual([first, second])
    expect(set.blobs.map((b) => [b.path, b.commit, b.alsoAt])).toEqual([
      ['a.txt', first, [{ path: 'copy-of-a.txt', commit: second }]],
      ['b.txt', second, undefined]
    ])
  })

  it('keeps a blob added in one commit and deleted in a later one', async () => {
    repo.write('keep.txt', 'k')
    repo.commit('base')
    repo.git('push', '-q', 'origin', 'main')
    repo.write('model.bin', 'secret weights')
    const added = repo.commit('add model')
    repo.git('rm', '-q', 'model.bin')
    repo.commit('remove model')
    const set = await leaving('HEAD', '--not', '--remotes')
    expect(set.commits).toHaveLength(2)
    expect(set.blobs).toEqual([{ id: hash('secret weights'), path: 'model.bin', commit: added, size: -1 }])
  })

  it('skips blobs the remote already has, even under a new name', async () => {
    repo.write('models/a.pt', 'weights')
    repo.commit('add')
    repo.git('push', '-q', 'origin', 'main')
    repo.git('mv', 'models/a.pt', 'models/renamed.pt')
    repo.commit('rename')
    const set = await leaving('HEAD', '--not', '--remotes')
    expect(set.commits).toHaveLength(1)
    expect(set.blobs).toEqual([])
  })

  it('counts what a merge brings from a side branch, attributed to the side commit', async () => {
    repo.write('readme', 'r')
    repo.commit('base')
    repo.git('push', '-q', 'origin', 'main')
    repo.git('checkout', '-q', '-b', 'side')
    repo.write('side/model.pkl', 'side model')
    const side = repo.commit('side model')
    repo.git('checkout', '-q', 'main')
    repo.write('main.txt', 'm')
    repo.commit('main work')
    repo.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side')
    const set = await leaving('HEAD', '--not', '--remotes')
    expect(set.commits).toHaveLength(3)
    expect(set.blobs.find((b) => b.path === 'side/model.pkl')?.commit).toBe(side)
  })

  it('does not count what a merge brings from a branch the remote already has', async () => {
    repo.write('readme', 'r')
    repo.commit('base')
    repo.git('checkout', '-q', '-b', 'side')
    repo.write('side/model.pkl', 'pushed side model')
    repo.commit('side model')
    repo.git('push', '-q', 'origin', 'main', 'side')
    repo.git('checkout', '-q', 'main')
    repo.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side')
    const set = await leaving('HEAD', '--not', '--remotes')
    expect(set.commits).toHaveLength(1)
    expect(set.blobs).toEqual([])
  })

  it('reads file names with spaces, newlines, unicode and a leading dash exactly', async () => {
    const names = ['with space.pkl', 'new\nline.pkl', 'ünï cødé/模型.pkl', '-rf.pkl']
    names.forEach((name, i) => repo.write(name, `content ${i}`))
    repo.commit('odd names')
    const set = await leaving('HEAD')
    expect(set.blobs.map((b) => b.path).sort()).toEqual([...names].sort())
  })

  it.each([
    ['nothing excluded (tips only)', []],
    ['something excluded (the full walk)', ['--not', '--remotes']]
  ])('a tag of a tree leaves its blobs at their paths inside it, %s', async (_how, exclude) => {
    repo.write('README.md', 'r').commit('base')
    repo.git('push', '-q', 'origin', 'main')
    repo.write('models/secret.pt', 'weights').write('notes/a.txt', 'a').git('add', '-A')
    const tree = repo.git('write-tree').trim()
    repo.git('reset', '-q', '--hard')
    repo.git('tag', 'snapshot', tree)
    const set = await leaving('snapshot', ...exclude)
    // A tree tip is walked whole by rev-list, even the blobs the remote's commits hold (README.md).
    expect(set.blobs.map((b) => [b.path, b.id]).sort()).toEqual([
      ['README.md', hash('r')],
      ['models/secret.pt', hash('weights')],
      ['notes/a.txt', hash('a')]
    ])
  })

  it('keeps a blob committed as a symlink (mode 120000) as a blob, marked as one', async () => {
    const id = execFileSync('git', ['hash-object', '-w', '--stdin'], {
      cwd: repo.dir,
      input: 'weights',
      encoding: 'utf8'
    })
    repo.git('update-index', '--add', '--cacheinfo', `120000,${id.trim()},link.pt`)
    repo.git('commit', '-qm', 'a symlink') // not repo.commit: its `add -A` would drop a link the working tree lacks
    const added = repo.git('rev-parse', 'HEAD').trim()
    expect((await leaving('HEAD')).blobs).toEqual([
      { id: id.trim(), path: 'link.pt', commit: added, size: -1, symlink: true }
    ])
  })

  it('returns nothing for an empty range', async () => {
    repo.write('a', 'a')
    repo.commit('a')
    const set = await leaving('HEAD..HEAD')
    expect(set).toEqual({ commits: [], blobs: [], missing: new Set(), submodules: 0 })
  })

  it('rejects option-like revisions that could change what git does', async () => {
    repo.write('a', 'a')
    repo.commit('a')
    await expect(leaving('--output=/tmp/x')).rejects.toThrow(/unsupported revision argument "--output=\/tmp\/x"/)
  })

  it('names the git command and its error for a bad revision', async () => {
    repo.write('a', 'a')
    repo.commit('a')
    await expect(leaving('no-such-branch')).rejects.toThrow(
      /git rev-list .*no-such-branch.* failed.*(bad revision|unknown revision|ambiguous argument)/s
    )
    const many = [...Array.from({ length: 9 }, () => 'HEAD'), 'no-such-branch'] // counted, not listed
    await expect(leaving(...many)).rejects.toThrow(/--stdin -- \(stdin: 10 lines\) failed .*'no-such-branch'/s)
  })
})

describe('parseRawLog', () => {
  it("ignores deletions and submodule entries; a symlink's blob is content like any other", () => {
    const zero = '0'.repeat(40)
    const sub = 'a'.repeat(40)
    const blob = 'b'.repeat(40)
    const output = [
      `\x01${'c'.repeat(40)}`,
      `\n:000000 160000 ${zero} ${sub} A`,
      'vendor/lib',
      `:100644 000000 ${blob} ${zero} D`,
      'gone.txt',
      `:000000 120000 ${zero} ${'d'.repeat(40)} A`,
      'link.pkl',
      `:000000 100644 ${zero} ${blob} A`,
      'kept.txt',
      ''
    ].join('\0')
    expect(parseRawLog(output).blobs.map((b) => b.path)).toEqual(['link.pkl', 'kept.txt'])
  })
})
