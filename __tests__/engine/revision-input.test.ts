// Revisions on stdin mean what they mean on git's command line: every form a user or a push can
// give, checked against git itself in a real repository.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { revisionInput } from '../../src/range/revision-input.js'
import { cleanup, tempDir, TestRepo } from '../helpers/repo.js'

let root: string
let repo: TestRepo
const MISSING = '1234567890123456789012345678901234567890'

beforeAll(() => {
  root = tempDir()
  repo = TestRepo.init(join(root, 'work'))
  for (const name of ['one', 'two', 'three']) repo.write(`${name}.txt`, name).commit(name)
  repo.git('checkout', '-q', '-b', 'feature', 'main~1')
  for (const name of ['four', 'five']) repo.write(`${name}.txt`, name).commit(name)
  repo.git('tag', '-a', '-m', 'release', 'v1', 'main~2')
  repo.git('update-ref', 'refs/remotes/origin/main', 'main~1')
  repo.git('checkout', '-q', 'main')
})
afterAll(() => cleanup(root))

function revList(args: string[], input = ''): string {
  return execFileSync('git', ['rev-list', '--objects', ...args, '--'], { cwd: repo.dir, input, encoding: 'utf8' })
}

const FORMS: string[][] = [
  ['main'],
  ['main', 'feature'],
  ['^main~1', 'feature'],
  ['main..feature'],
  ['main...feature'],
  ['feature', '--not', 'main'],
  ['feature', '--not', '^main~1', 'main~2'],
  ['--not', 'main..feature', '--not', 'main'],
  ['main', '--not', 'feature^!'],
  ['feature^!'],
  ['feature^-'],
  ['main^@'],
  ['--all', '--not', 'v1'],
  ['feature', '--not', '--remotes'],
  ['HEAD@{0}', '--not', 'main~1'],
  ['--ignore-missing', 'feature', '--not', MISSING, 'main'],
  ['feature', '--not', '--not', 'main']
]

describe('revisionInput', () => {
  it.each(FORMS.map((form): [string, string[]] => [form.join(' '), form]))(
    '%s: the same objects as on the command line',
    (_, form) => {
      const { args, stdin } = revisionInput(form)
      expect(stdin).not.toBe('')
      expect(revList(form)).not.toBe('')
      expect(revList(args, stdin)).toBe(revList(form))
    }
  )

  it('puts every commit id of a large push on stdin: the command line stays the same size', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => i.toString(16).padStart(40, '0'))
    const { args, stdin } = revisionInput(['--ignore-missing', ...ids.slice(0, 5000), '--not', ...ids.slice(5000)])
    expect(args).toEqual(['--ignore-missing', '--not', '--stdin'])
    expect(stdin.split('\n')).toHaveLength(10_001)
    expect(stdin).toContain(`\n^${ids[5000]}\n`)
  })

  it('keeps on the command line what a line cannot carry: an empty name, a line break, an option', () => {
    expect(revisionInput(['', 'a\nb', '--tags', 'main']).args).toEqual(['', 'a\nb', '--tags', '--stdin'])
    expect(revisionInput(['--not', '^']).args).toEqual(['--not', '^', '--stdin'])
  })

  it('fails as the command line does on a missing tip, unless told to ignore it', () => {
    const { args, stdin } = revisionInput(['main', '--not', MISSING])
    expect(() => revList(args, stdin)).toThrow(/bad object/)
  })
})
