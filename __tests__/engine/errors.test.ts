// Errors by kind: a ScanError is the user's input or environment (exit 2, the message alone); git
// writing what it never writes breaks an invariant of ours, so it is a bug to report (InternalError,
// exit 2 with "please report it"), never dressed up as a usage error.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { InternalError, ScanError } from '../../src/errors.js'
import { parseRawLog } from '../../src/range/leaving.js'
import { parseLsTree } from '../../src/range/tree.js'
import { cli, repoForFile } from '../helpers/repo.js'

const { root, repo } = repoForFile('mlg-errors-', (work) => work.write('README.md', '# p\n').commit('readme'))

/**
 * Runs the CLI with a `git` first on PATH that answers `git log` with bytes real git never writes
 * (no real git can be made to) and passes every other command to the real one. The git processes
 * inherit this process's PATH, so it is swapped for the call only.
 */
async function cliWithGarbledGitLog(args: string[]): Promise<Awaited<ReturnType<typeof cli>>> {
  const bin = join(root, 'bin')
  mkdirSync(bin, { recursive: true })
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()
  const wrapper = join(bin, 'git')
  writeFileSync(
    wrapper,
    `#!/bin/sh\nfor a; do [ "$a" = log ] && { printf 'not git log output\\000'; exit 0; }; done\nexec ${realGit} "$@"\n`
  )
  chmodSync(wrapper, 0o755)
  const path = process.env.PATH
  process.env.PATH = `${bin}:${path}`
  try {
    return await cli(repo.dir, args)
  } finally {
    process.env.PATH = path
  }
}

describe('errors by kind', () => {
  it('git output the parsers do not know is an InternalError, not a ScanError', () => {
    for (const garbled of [() => parseRawLog('not git log output\0'), () => parseLsTree('100644 blob')]) {
      expect(garbled).toThrow(InternalError)
      expect(garbled).not.toThrow(ScanError)
    }
  })

  it('the CLI reports a broken invariant as a bug to report, with exit 2', async () => {
    const result = await cliWithGarbledGitLog(['scan', '--all'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /^model-leak-guard: internal error \(please report it\): InternalError: unexpected output from git log/
    )
  })

  it('a usage error stays a plain message: no "please report it"', async () => {
    const result = await cli(repo.dir, ['scan', 'no-such-revision'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^model-leak-guard: .*no-such-revision/)
    expect(result.stderr).not.toMatch(/please report it/)
  })
})
