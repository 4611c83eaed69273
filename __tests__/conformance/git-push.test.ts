// Red team, git side, through real pushes (docs/conformance.md): refs that are not branches
// (tags of trees and blobs, notes, stash, replace refs, a mirror push) must not carry a model past
// the pre-push hook or the server's pre-receive hook, and must be judged at the paths they hold.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_REGISTRY } from '../../src/commands/demo-repository.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import {
  BUILD_TIMEOUT,
  builtCli,
  gitMayFail,
  hookEnv,
  modelBytes,
  RESTRICTED_MODEL,
  type PushResult
} from '../hooks/helpers.js'

let root: string
let command: string
let count = 0

beforeAll(() => {
  root = tempDir('mlg-conformance-push-')
  command = `node ${builtCli()}`
}, BUILD_TIMEOUT)
afterAll(() => cleanup(root))

/** A lenient registry: a model nobody declared only warns, so a lost path would let a restricted one pass. */
const WARN_REGISTRY = DEMO_REGISTRY.replace('unknown_provenance: block', 'unknown_provenance: warn')

/** A bare origin with the pre-receive hook and a clone with the pre-push hook, both running the built CLI. */
async function project(registry = DEMO_REGISTRY): Promise<{ origin: TestRepo; work: TestRepo }> {
  const dir = join(root, `p${++count}`)
  const origin = TestRepo.bare(join(dir, 'origin.git'))
  origin.git('symbolic-ref', 'HEAD', 'refs/heads/main')
  const hook = join(origin.dir, 'hooks', 'pre-receive')
  writeFileSync(hook, `#!/bin/sh\n${command} pre-receive\n`)
  chmodSync(hook, 0o755)
  const work = TestRepo.init(join(dir, 'work'))
  work.write('.model-registry.yml', registry).write('README.md', '# p\n').commit('registry')
  work.git('remote', 'add', 'origin', origin.dir)
  work.git('push', '-q', 'origin', 'main')
  expect((await cli(work.dir, ['install-hook', '--command', command])).code).toBe(0)
  return { origin, work }
}

/** The same push twice: through the local hook, then past it (--no-verify) to the server's hook. */
function pushBothWays(work: TestRepo, args: string[]): { prePush: PushResult; preReceive: PushResult } {
  return {
    prePush: gitMayFail(work.dir, ['push', ...args]),
    preReceive: gitMayFail(work.dir, ['push', '--no-verify', ...args])
  }
}

function expectBlockedBoth(result: { prePush: PushResult; preReceive: PushResult }, shown: string): void {
  expect(result.prePush.code).not.toBe(0)
  expect(result.prePush.output).toContain(`BLOCK ${shown}`)
  expect(result.preReceive.code).not.toBe(0)
  expect(result.preReceive.output).toContain('pre-receive hook declined')
  expect(result.preReceive.output).toContain(`BLOCK ${shown}`)
}

/** Runs git with `input` on stdin (mktree, hash-object): the plumbing a test builds objects with. */
function gitInput(work: TestRepo, args: string[], input: string | Buffer): string {
  return execFileSync('git', args, { cwd: work.dir, env: hookEnv(), input, encoding: 'utf8' }).trim()
}

/** A tree holding `path` → blob, built bottom-up with mktree; returns the root tree id. */
function treeWith(work: TestRepo, path: string, blob: string): string {
  const parts = path.split('/')
  let id = blob
  let mode = '100644 blob'
  for (const name of parts.reverse()) {
    id = gitInput(work, ['mktree'], `${mode} ${id}\t${name}\n`)
    mode = '040000 tree'
  }
  return id
}

describe('refs that are not branches', () => {
  it('a tag of a tree is judged at the paths inside it: a restricted model blocks even where undeclared ones only warn', async () => {
    const { work } = await project(WARN_REGISTRY)
    const blob = gitInput(work, ['hash-object', '-w', '--stdin'], modelBytes())
    work.git('tag', 'snapshot', treeWith(work, RESTRICTED_MODEL, blob))
    expectBlockedBoth(pushBothWays(work, ['origin', 'snapshot']), RESTRICTED_MODEL)
  })
})

describe('pushes of refs that are not branches are scanned by both hooks', () => {
  const setups: [string, (work: TestRepo, file: string) => string[]][] = [
    ['a lightweight tag of a blob', (work, file) => (work.git('tag', 'tb', hashFile(work, file)), ['origin', 'tb'])],
    [
      'an annotated tag of a blob',
      (work, file) => (work.git('tag', '-a', '-m', 'x', 'tab', hashFile(work, file)), ['origin', 'tab'])
    ],
    ['a blob pushed by id to a tag', (work, file) => ['origin', `${hashFile(work, file)}:refs/tags/by-id`]],
    [
      'a notes ref whose note is the model',
      (work, file) => (work.git('notes', 'add', '-F', file, 'HEAD'), ['origin', 'refs/notes/commits'])
    ],
    [
      'the stash ref',
      (work, file) => {
        work.write(RESTRICTED_MODEL, readFileSync(file)).git('add', '-A')
        work.git('stash', '-q')
        return ['origin', 'refs/stash']
      }
    ],
    ['a mirror push', (work, file) => (work.git('tag', 'tb', hashFile(work, file)), ['--mirror', 'origin'])],
    [
      'a branch whose model is committed as a symlink (mode 120000) holding the model bytes',
      (work, file) => {
        work.git('update-index', '--add', '--cacheinfo', `120000,${hashFile(work, file)},${RESTRICTED_MODEL}`)
        work.git('commit', '-qm', 'a model hidden as a symlink')
        return ['origin', 'main']
      }
    ]
  ]

  it.each(setups)('%s', async (_what, setup) => {
    const { work } = await project()
    const file = join(work.dir, '..', 'model.bin')
    writeFileSync(file, modelBytes())
    const result = pushBothWays(work, setup(work, file))
    expectBlockedBoth(result, '')
  })
})

function hashFile(work: TestRepo, file: string): string {
  return work.git('hash-object', '-w', '--', file).trim()
}

describe('a hook chained by install-hook', () => {
  it("git-lfs's pre-push hook never uploads a model the scan blocks", async () => {
    const { origin, work } = await project()
    const lfsHook = join(work.dir, '.git', 'hooks', 'pre-push')
    rmSync(lfsHook)
    work.git('lfs', 'install', '--local')
    expect((await cli(work.dir, ['install-hook', '--command', command])).stdout).toContain('runs after the scan passes')
    work.git('lfs', 'track', '*.safetensors')
    work.write(RESTRICTED_MODEL, modelBytes()).commit('a restricted model in LFS')
    const oid = /oid sha256:([0-9a-f]{64})/.exec(work.git('show', `HEAD:${RESTRICTED_MODEL}`))?.[1] ?? ''
    expect(oid).toMatch(/^[0-9a-f]{64}$/)
    const push = gitMayFail(work.dir, ['push', 'origin', 'main'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(existsSync(join(origin.dir, 'lfs', 'objects', oid.slice(0, 2), oid.slice(2, 4), oid))).toBe(false)
  })
})
