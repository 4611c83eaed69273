// Issue #9: the built CLI runs under any name it is started by. It used to run only when argv[1]
// looked like cli.js or model-leak-guard, so a symlink or a copy under another name exited 0 doing
// nothing: a hook that always passes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, cpSync, renameSync, symlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { VERSION } from '../../src/version.js'
import { cleanup, tempDir } from '../helpers/repo.js'
import { BUILD_TIMEOUT, builtCli, hookEnv } from '../hooks/helpers.js'
import { run } from './release.js'

let root: string
let cliPath: string

beforeAll(() => {
  root = tempDir('mlg-bin-')
  cliPath = builtCli()
}, BUILD_TIMEOUT)

afterAll(() => cleanup(root))

describe('the CLI started under another name', () => {
  it('runs through a symlink with an unrelated name (as a package manager links a bin)', () => {
    const dist = join(root, 'dist')
    cpSync(dirname(cliPath), dist, { recursive: true })
    chmodSync(join(dist, 'cli.js'), 0o755) // as npm leaves a bin
    const link = join(root, 'scan-models')
    symlinkSync(join(dist, 'cli.js'), link)
    expect(run(root, link, ['--version'], hookEnv())).toEqual({ code: 0, output: `${VERSION}\n` })
    expect(run(root, link, ['no-such-command'], hookEnv())).toMatchObject({ code: 2 })
  })

  it('runs as a renamed copy', () => {
    const copy = join(root, 'copy')
    cpSync(dirname(cliPath), copy, { recursive: true })
    renameSync(join(copy, 'cli.js'), join(copy, 'guard.mjs'))
    expect(run(root, process.execPath, [join(copy, 'guard.mjs'), '--version'], hookEnv())).toEqual({
      code: 0,
      output: `${VERSION}\n`
    })
    const scan = run(root, process.execPath, [join(copy, 'guard.mjs'), 'scan', '-C', join(root, 'missing')], hookEnv())
    expect(scan).toMatchObject({ code: 2, output: expect.stringContaining('not a git repository') })
  })
})
