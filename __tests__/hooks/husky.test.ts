// Husky 9 for real, with the steps docs/hooks.md gives for a Python project: npm installs husky
// (from a local registry: real npm, no network) and a release tarball of this package, `husky init`,
// its sample pre-commit removed, install-hook --husky, package.json and package-lock.json
// committed. Pushes then go through husky's runner to our command; a teammate's clone gets the
// same hook from `npm ci`.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import {
  freshProject,
  localRegistry,
  npmEnv,
  packRelease,
  releaseTarball,
  run,
  runAsync,
  type LocalRegistry,
  type Run
} from '../adoption/release.js'
import { cleanup, tempDir, TestRepo } from '../helpers/repo.js'
import {
  BUILD_TIMEOUT,
  gitMayFail,
  hookEnv,
  modelBytes,
  originAndClone,
  PUBLIC_MODEL,
  refId,
  RESTRICTED_MODEL,
  type PushResult
} from './helpers.js'

const HUSKY = join(import.meta.dirname, '../../node_modules/husky')

let root: string
let registry: LocalRegistry
let tarball: string
let origin: TestRepo
let work: TestRepo
let commitWithSample: PushResult
let installed: Run

/** npm against the local registry, with an empty cache of the project's own. */
function npm(dir: string, ...args: string[]): Promise<Run> {
  return runAsync(dir, 'npm', args, npmEnv(dir, { npm_config_offline: 'false', npm_config_registry: registry.url }))
}

function npx(dir: string, ...args: string[]): Run {
  return run(dir, 'npx', args, npmEnv(dir))
}

beforeAll(async () => {
  root = tempDir('mlg-husky-')
  tarball = releaseTarball(root)
  const husky = packRelease(HUSKY, join(root, 'packs')).tarball
  registry = await localRegistry([husky])
  ;({ origin, work } = originAndClone(join(root, 'project')))
  // docs/hooks.md, "Install: husky 9", step by step.
  expect(await npm(work.dir, 'install', '--save-dev', 'husky', tarball)).toMatchObject({ code: 0 })
  expect(npx(work.dir, 'husky', 'init')).toMatchObject({ code: 0 })
  work.write('.gitignore', 'node_modules/\n').git('add', '-A')
  commitWithSample = gitMayFail(work.dir, ['commit', '-m', 'Set up husky'])
  rmSync(join(work.dir, '.husky/pre-commit'))
  installed = npx(work.dir, 'model-leak-guard', 'install-hook', '--husky')
  work.git('add', 'package.json', 'package-lock.json', '.husky/pre-push', '.gitignore')
  work.git('commit', '-q', '-m', 'Scan pushes for models trained on sensitive data')
  expect(gitMayFail(work.dir, ['push', 'origin', 'main'])).toMatchObject({ code: 0 })
}, BUILD_TIMEOUT)

afterAll(async () => {
  await registry?.close()
  cleanup(root)
})

describe('husky 9 in a Python project', () => {
  it('husky init’s sample pre-commit runs `npm test`, which the project lacks: every commit fails until it is removed', () => {
    expect(commitWithSample.code).not.toBe(0)
    expect(commitWithSample.output).toMatch(/Missing script: "test"/)
    expect(commitWithSample.output).toContain('husky - pre-commit script failed')
  })

  it('has set core.hooksPath; our .husky/pre-push is the one line husky expects; the lock file is committed', () => {
    expect(installed).toMatchObject({ code: 0, output: expect.stringContaining("this project's node_modules/.bin") })
    expect(work.git('config', 'core.hooksPath').trim()).toBe('.husky/_')
    expect(work.read('.husky/pre-push').toString()).toBe(
      '# model-leak-guard pre-push hook\nmodel-leak-guard pre-push "$@"\n'
    )
    expect(work.git('ls-files').split('\n')).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']))
    expect(JSON.parse(work.read('package.json').toString())).toMatchObject({ scripts: { prepare: 'husky' } })
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
    expect(push.output).toContain('scanned 1 commit, 1 blob, 1 artifact')
    expect(refId(origin, 'main')).toBe(head)
  })

  it('a teammate’s clone gets the hook from `npm ci` (package-lock.json says what to install)', async () => {
    const teammate = join(root, 'teammate') // next to the project: the lock file's file:../packs path resolves
    expect(run(root, 'git', ['clone', '-q', origin.dir, teammate], hookEnv()).code).toBe(0)
    expect(await npm(teammate, 'ci')).toMatchObject({ code: 0 })
    expect(existsSync(join(teammate, '.husky/_/pre-push'))).toBe(true)
    const clone = new TestRepo(teammate)
    const before = refId(origin, 'main')
    clone.write(RESTRICTED_MODEL, modelBytes()).commit('Add a restricted model')
    const push = gitMayFail(teammate, ['push', 'origin', 'main'])
    expect(push).toMatchObject({ code: 1, output: expect.stringContaining(`BLOCK ${RESTRICTED_MODEL}`) })
    expect(refId(origin, 'main')).toBe(before)
  })
})

// A project with husky but without this package: install-hook --husky from elsewhere writes a command that works.
describe('install-hook --husky with model-leak-guard installed elsewhere', () => {
  it('writes the command it was run from, not a name husky would not find', () => {
    const project = freshProject(join(root, 'elsewhere'))
    const hooked = run(
      project,
      process.execPath,
      [join(root, 'release/dist/cli.js'), 'install-hook', '--husky'],
      hookEnv({ PATH: '/usr/bin:/bin' })
    )
    expect(hooked).toMatchObject({ code: 0, output: expect.stringContaining('the CLI running now') })
    expect(new TestRepo(project).read('.husky/pre-push').toString()).toContain(
      `${join(root, 'release/dist/cli.js')} pre-push "$@"`
    )
  })
})
