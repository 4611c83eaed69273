// Husky 9 for real: a temp npm project with husky installed (copied from this project's
// node_modules, no registry), `husky` run as `npm install`'s prepare step would, the hook installed
// with --husky, and pushes going through husky's runner to our command on node_modules/.bin.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanup, cli, tempDir, type TestRepo } from '../helpers/repo.js'
import {
  BUILD_TIMEOUT,
  builtCli,
  gitMayFail,
  hookEnv,
  modelBytes,
  originAndClone,
  PUBLIC_MODEL,
  refId,
  RESTRICTED_MODEL
} from './helpers.js'

let root: string
let origin: TestRepo
let work: TestRepo

/** What `npm install` of husky and of this package leaves in node_modules. */
function installPackages(project: string, cliPath: string): void {
  cpSync(join(import.meta.dirname, '../../node_modules/husky'), join(project, 'node_modules/husky'), {
    recursive: true
  })
  mkdirSync(join(project, 'node_modules/.bin'), { recursive: true })
  const bin = join(project, 'node_modules/.bin/model-leak-guard')
  writeFileSync(bin, `#!/bin/sh\nexec node '${cliPath}' "$@"\n`)
  chmodSync(bin, 0o755)
}

beforeAll(async () => {
  root = tempDir('mlg-husky-')
  ;({ origin, work } = originAndClone(root))
  installPackages(work.dir, builtCli())
  writeFileSync(join(work.dir, 'package.json'), '{ "name": "p", "private": true, "scripts": { "prepare": "husky" } }\n')
  execFileSync(process.execPath, ['node_modules/husky/bin.js'], { cwd: work.dir, env: hookEnv() }) // npm's prepare step
  const installed = await cli(work.dir, ['install-hook', '--husky'], '', hookEnv())
  expect(installed.code).toBe(0)
  work.write('.gitignore', 'node_modules/\n').commit('Set up husky')
  work.git('push', '-q', '--no-verify', 'origin', 'main')
}, BUILD_TIMEOUT)

afterAll(() => cleanup(root))

describe('husky 9', () => {
  it('has set core.hooksPath and our .husky/pre-push is the one line husky expects', () => {
    expect(work.git('config', 'core.hooksPath').trim()).toBe('.husky/_')
    expect(work.read('.husky/pre-push').toString()).toBe(
      '# model-leak-guard pre-push hook\nmodel-leak-guard pre-push "$@"\n'
    )
  })

  it('stops a restricted model through husky’s runner; the remote ref is unchanged', () => {
    const before = refId(origin, 'main')
    work.write(RESTRICTED_MODEL, modelBytes()).commit('Add a restricted model')
    const push = gitMayFail(work.dir, ['push', 'origin', 'main'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(push.output).toContain('husky - pre-push script failed (code 1)')
    expect(refId(origin, 'main')).toBe(before)
  })

  it('HUSKY=0 skips the hook: the commit stopped above lands (CI still scans it)', () => {
    const push = gitMayFail(work.dir, ['push', 'origin', 'main'], { HUSKY: '0' })
    expect(push.code).toBe(0)
    expect(refId(origin, 'main')).toBe(work.head())
  })

  it('lets a public model through', () => {
    const head = work.write(PUBLIC_MODEL, modelBytes()).commit('Add a public model')
    const push = gitMayFail(work.dir, ['push', 'origin', 'main'])
    expect(push.code).toBe(0)
    expect(push.output).toContain('scanned 1 commits, 1 blobs, 1 artifacts')
    expect(refId(origin, 'main')).toBe(head)
  })
})
