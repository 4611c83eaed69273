// install-hook: where the hook goes, which command it runs (found, then checked by running it),
// idempotence, and chaining an existing hook (with a real push). The routes through a real install
// (a clone's dist/cli.js, a global npm install) are in __tests__/adoption/install.test.ts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
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
let cliPath: string
let count = 0

beforeAll(() => {
  root = tempDir('mlg-install-hook-')
  cliPath = builtCli()
}, BUILD_TIMEOUT)

afterAll(() => cleanup(root))

/** What `npm install` of this package leaves in a project: node_modules/.bin/model-leak-guard. */
function linkLocalBin(dir: string, program: string): void {
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true })
  const bin = join(dir, 'node_modules/.bin/model-leak-guard')
  writeFileSync(bin, `#!/bin/sh\nexec node '${program}' "$@"\n`)
  chmodSync(bin, 0o755)
}

/** A repository with this package installed in it. */
function repo(): TestRepo {
  const work = TestRepo.init(join(root, `r${++count}`))
  linkLocalBin(work.dir, cliPath)
  return work
}

function firstLine(text: string): string {
  return text.split('\n')[0]
}

/** PATH with node, git and sh but no model-leak-guard. */
const BARE_PATH = { PATH: '/usr/bin:/bin' }

describe('install-hook', () => {
  it('writes an executable pre-push into .git/hooks, and says so when run again', async () => {
    const work = repo()
    const first = await cli(work.dir, ['install-hook'])
    const hook = join(work.dir, '.git/hooks/pre-push')
    expect(first.code).toBe(0)
    expect(firstLine(first.stdout)).toBe(`installed ${hook}`)
    expect(first.stdout).toContain('the hook runs: PATH="node_modules/.bin:$PATH" model-leak-guard  (this project\'s')
    expect(first.stdout).toMatch(/checked: --version printed \d+\.\d+\.\d+/)
    expect(statSync(hook).mode & 0o111).toBe(0o111)
    expect(readFileSync(hook, 'utf8')).toContain('PATH="node_modules/.bin:$PATH" model-leak-guard pre-push "$@"')
    expect(firstLine((await cli(work.dir, ['install-hook'])).stdout)).toBe(`already installed: ${hook}`)
    const updated = await cli(work.dir, ['install-hook', '--command', 'npx --no -- model-leak-guard'])
    expect(firstLine(updated.stdout)).toBe(`updated ${hook}`)
  })

  it('finds the tool on PATH when the project has no install of its own', async () => {
    const work = TestRepo.init(join(root, `r${++count}`))
    linkLocalBin(join(root, 'global'), cliPath)
    const result = await cli(work.dir, ['install-hook'], '', {
      PATH: `${join(root, 'global/node_modules/.bin')}:/usr/bin:/bin`
    })
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('the hook runs: model-leak-guard  (') })
    expect(work.read('.git/hooks/pre-push').toString()).toContain('\nmodel-leak-guard pre-push "$@"\n')
  })

  it('writes no hook it cannot run: nothing found, or a --command that does not start', async () => {
    const work = TestRepo.init(join(root, `r${++count}`))
    const nothing = await cli(work.dir, ['install-hook'], '', BARE_PATH)
    expect(nothing).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot find model-leak-guard') })
    expect(nothing.stderr).toContain('docs/install.md')
    const broken = await cli(work.dir, ['install-hook', '--command', 'no-such-tool'], '', BARE_PATH)
    expect(broken).toMatchObject({ code: 2, stderr: expect.stringContaining('no-such-tool: not found') })
    expect(broken.stderr).toContain('no hook was written')
    expect(existsSync(join(work.dir, '.git/hooks/pre-push'))).toBe(false)
  })

  it('respects core.hooksPath', async () => {
    const work = repo()
    work.git('config', 'core.hooksPath', 'tools/hooks')
    expect((await cli(work.dir, ['install-hook'])).code).toBe(0)
    expect(existsSync(join(work.dir, 'tools/hooks/pre-push'))).toBe(true)
    expect(existsSync(join(work.dir, '.git/hooks/pre-push'))).toBe(false)
  })

  it('refuses a plain install where husky runs the hooks, and writes .husky/pre-push with --husky', async () => {
    const work = repo()
    work.write('.husky/_/h', '#!/usr/bin/env sh\n')
    work.git('config', 'core.hooksPath', '.husky/_')
    const plain = await cli(work.dir, ['install-hook'])
    expect(plain.code).toBe(2)
    expect(plain.stderr).toContain('run install-hook --husky')
    const husky = await cli(work.dir, ['install-hook', '--husky'])
    expect(firstLine(husky.stdout)).toBe(`installed ${join(work.dir, '.husky/pre-push')}`)
    expect(work.read('.husky/pre-push').toString()).toBe(
      '# model-leak-guard pre-push hook\nmodel-leak-guard pre-push "$@"\n'
    )
  })

  it('says how to set husky up when --husky finds it is not', async () => {
    const result = await cli(repo().dir, ['install-hook', '--husky'])
    expect(result.stdout).toContain('npx husky init')
  })

  it('refuses when both a different hook and pre-push.local exist, saying what to do', async () => {
    const work = repo()
    work.write('.git/hooks/pre-push', '#!/bin/sh\nexit 0\n').write('.git/hooks/pre-push.local', '#!/bin/sh\n')
    const result = await cli(work.dir, ['install-hook'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('merge them by hand')
    expect(work.read('.git/hooks/pre-push').toString()).toBe('#!/bin/sh\nexit 0\n')
  })
})

describe('install-hook over an existing hook, with a real push', () => {
  it('moves it to pre-push.local and runs it after a passing scan, with the same arguments and ref lines', async () => {
    const { origin, work } = originAndClone(join(root, 'chained'))
    const seen = join(root, 'chained-saw.txt')
    const old = join(work.dir, '.git/hooks/pre-push')
    writeFileSync(old, `#!/bin/sh\n{ echo "args: $1 $2"; cat; } > '${seen}'\n`)
    chmodSync(old, 0o755)
    const command = `node ${cliPath}`
    const installed = await cli(work.dir, ['install-hook', '--command', command])
    expect(installed.stdout).toContain(`moved to ${old}.local and runs after the scan passes`)
    expect((await cli(work.dir, ['install-hook', '--command', command])).stdout).toContain('already installed')
    const before = refId(origin, 'main')
    const head = work.write(PUBLIC_MODEL, modelBytes()).commit('Add a public model')
    expect(gitMayFail(work.dir, ['push', 'origin', 'main']).code).toBe(0)
    expect(readFileSync(seen, 'utf8')).toBe(
      `args: origin ${origin.dir}\nrefs/heads/main ${head} refs/heads/main ${before}\n`
    )
    rmSync(seen)
    work.write(RESTRICTED_MODEL, modelBytes()).commit('Add a restricted model')
    const push = gitMayFail(work.dir, ['push', 'origin', 'main'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(existsSync(seen)).toBe(false) // a blocked push never reaches the chained hook
    expect(refId(origin, 'main')).toBe(head)
  })
})
