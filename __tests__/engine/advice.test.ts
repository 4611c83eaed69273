// `scan` words its fix for where it runs: in CI (CI set, or --gitlab) the commits are already
// pushed; on a laptop it may not be, so both cases are said.
import { afterAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { safetensorsBytes } from '../../src/commands/demo-repository.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'

const root = tempDir()
afterAll(() => cleanup(root))

describe('scan advice', () => {
  const repo = TestRepo.init(join(root, 'repo'))
  repo.write('models/m.safetensors', safetensorsBytes({ format: 'pt' }, [1, 2])).commit('add')

  it('in CI: the commits are already pushed, purge if public', async () => {
    const { code, stdout } = await cli(repo.dir, ['scan'], '', { CI: 'true' })
    expect(code).toBe(1)
    expect(stdout).toContain(
      "fix: the commits are already pushed: rewrite this branch without it (git rm --cached -- 'models/m.safetensors'"
    )
  })

  it('on a laptop: both cases', async () => {
    const { stdout } = await cli(repo.dir, ['scan'], '', { CI: '' })
    expect(stdout).toMatch(
      /fix: if [0-9a-f]{12} is not pushed yet: git rm --cached -- 'models\/m\.safetensors' .*; if it is: remove it in a new commit/
    )
  })
})
