// install-hook: where the hook goes, idempotence, and chaining an existing hook (with a real push).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import { BUILD_TIMEOUT, builtCli, gitMayFail, modelBytes, originAndClone, refId, RESTRICTED_MODEL } from './helpers.js'

let root: string
let count = 0

beforeAll(() => {
  root = tempDir('mlg-install-hook-')
})

afterAll(() => cleanup(root))

function repo(): TestRepo {
  return TestRepo.init(join(root, `r${++count}`))
}

describe('install-hook', () => {
  it('writes an executable pre-push into .git/hooks, and says so when run again', async () => {
    const work = repo()
    const first = await cli(work.dir, ['install-hook'])
    const hook = join(work.dir, '.git/hooks/pre-push')
    expect(first).toMatchObject({ code: 0, stdout: `installed ${hook}\n` })
    expect(statSync(hook).mode & 0o111).toBe(0o111)
    expect(readFileSync(hook, 'utf8')).toContain('model-leak-guard pre-push "$@"')
    expect((await cli(work.dir, ['install-hook'])).stdout).toBe(`already installed: ${hook}\n`)
    expect((await cli(work.dir, ['install-hook', '--command', 'npx --no -- model-leak-guard'])).stdout).toBe(
      `updated ${hook}\n`
    )
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
    expect(husky.stdout).toBe(`installed ${join(work.dir, '.husky/pre-push')}\n`)
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
  let command: string

  beforeAll(() => {
    command = `node ${builtCli()}`
  }, BUILD_TIMEOUT)

  it('moves it to pre-push.local and runs it first with the same arguments and ref lines', async () => {
    const { origin, work } = originAndClone(join(root, 'chained'))
    const seen = join(root, 'chained-saw.txt')
    const old = join(work.dir, '.git/hooks/pre-push')
    writeFileSync(old, `#!/bin/sh\n{ echo "args: $1 $2"; cat; } > '${seen}'\n`)
    chmodSync(old, 0o755)
    const installed = await cli(work.dir, ['install-hook', '--command', command])
    expect(installed.stdout).toContain(`moved to ${old}.local and runs first`)
    expect((await cli(work.dir, ['install-hook', '--command', command])).stdout).toContain('already installed')
    const before = refId(origin, 'main')
    const head = work.write(RESTRICTED_MODEL, modelBytes()).commit('Add a restricted model')
    const push = gitMayFail(work.dir, ['push', 'origin', 'main'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(readFileSync(seen, 'utf8')).toBe(
      `args: origin ${origin.dir}\nrefs/heads/main ${head} refs/heads/main ${before}\n`
    )
    expect(refId(origin, 'main')).toBe(before)
  })
})
