// The pre-commit framework for real: the `pre-commit` tool on PATH (.ci/run installs it) uses this
// repository's .pre-commit-hooks.yaml from a release checkout (a local path: no network), installs
// its git hooks in a project, and commits and pushes go through them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { preCommitPush } from '../../src/commands/pre-commit.js'
import { cleanup, tempDir, type TestRepo } from '../helpers/repo.js'
import {
  BUILD_TIMEOUT,
  gitMayFail,
  hookEnv,
  modelBytes,
  originAndClone,
  PUBLIC_MODEL,
  refId,
  RESTRICTED_MODEL
} from '../hooks/helpers.js'
import { releaseCheckout, run, TAG } from './release.js'

let root: string
let origin: TestRepo
let work: TestRepo
let env: NodeJS.ProcessEnv

function preCommit(...args: string[]) {
  return run(work.dir, 'pre-commit', args, env)
}

beforeAll(() => {
  root = tempDir('mlg-pre-commit-')
  const hooks = releaseCheckout(join(root, 'model-leak-guard'))
  env = hookEnv({ PRE_COMMIT_HOME: join(root, 'pre-commit-home') })
  ;({ origin, work } = originAndClone(join(root, 'project')))
  work.write(
    '.pre-commit-config.yaml',
    [
      'repos:',
      `  - repo: ${hooks}`,
      `    rev: ${TAG}`,
      '    hooks:',
      '      - id: model-leak-guard',
      '      - id: model-leak-guard-staged',
      ''
    ].join('\n')
  )
  expect(preCommit('install', '--hook-type', 'pre-commit', '--hook-type', 'pre-push')).toMatchObject({ code: 0 })
  work.commit('Check commits and pushes with pre-commit')
}, BUILD_TIMEOUT)

afterAll(() => cleanup(root))

describe('the pre-commit framework with .pre-commit-hooks.yaml', () => {
  it('stops a commit that adds a restricted model, saying to unstage it; HEAD does not move', () => {
    const head = work.head()
    work.write(RESTRICTED_MODEL, modelBytes()).git('add', RESTRICTED_MODEL)
    const commit = gitMayFail(work.dir, ['commit', '-m', 'Add a restricted model'], env)
    expect(commit.code).not.toBe(0)
    expect(commit.output).toMatch(/model-leak-guard \(staged models\)\.+Failed/)
    expect(commit.output).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(commit.output).toContain(`git rm --cached -- '${RESTRICTED_MODEL}'`)
    expect(work.head()).toBe(head)
    work.git('rm', '-q', '--cached', RESTRICTED_MODEL)
  })

  it('lets a commit of a public model through', () => {
    work.write(PUBLIC_MODEL, modelBytes()).git('add', PUBLIC_MODEL)
    const commit = gitMayFail(work.dir, ['commit', '-m', 'Add a public model'], env)
    expect(commit).toMatchObject({
      code: 0,
      output: expect.stringMatching(/model-leak-guard \(staged models\)\.+Passed/)
    })
    expect(gitMayFail(work.dir, ['push', 'origin', 'main'], env)).toMatchObject({ code: 0 })
    expect(refId(origin, 'main')).toBe(work.head())
  })

  it('stops the push of a restricted model committed past the commit hook (--no-verify)', () => {
    const before = refId(origin, 'main')
    work.write(RESTRICTED_MODEL, modelBytes()).git('add', RESTRICTED_MODEL)
    work.git('commit', '-q', '--no-verify', '-m', 'Add a restricted model')
    const push = gitMayFail(work.dir, ['push', 'origin', 'main'], env)
    expect(push.code).not.toBe(0)
    expect(push.output).toMatch(/model-leak-guard \(models this push would send\)\.+Failed/)
    expect(push.output).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(refId(origin, 'main')).toBe(before)
  })

  it('pre-commit run --all-files judges every file the index holds, committed ones included', () => {
    const all = preCommit('run', '--all-files', 'model-leak-guard-staged')
    expect(all).toMatchObject({ code: 1, output: expect.stringContaining(`BLOCK ${RESTRICTED_MODEL}`) })
  })
})

describe('preCommitPush: the variables pre-commit sets for its pre-push stage', () => {
  const push = {
    PRE_COMMIT_REMOTE_NAME: 'origin',
    PRE_COMMIT_REMOTE_URL: 'https://git.example.com/org/repo.git',
    PRE_COMMIT_LOCAL_BRANCH: 'refs/heads/feature',
    PRE_COMMIT_REMOTE_BRANCH: 'refs/heads/feature'
  }

  it('a push of one ref: the ref and its tip, the remote tip left for the destination to say', () => {
    const sha = 'a'.repeat(40)
    expect(preCommitPush({ ...push, PRE_COMMIT_FROM_REF: 'b'.repeat(40), PRE_COMMIT_TO_REF: sha })).toEqual({
      kind: 'push',
      remoteName: 'origin',
      remoteUrl: push.PRE_COMMIT_REMOTE_URL,
      localRef: 'refs/heads/feature',
      localSha: sha,
      remoteRef: 'refs/heads/feature'
    })
  })

  it('a branch whose whole history is new (no from/to refs): the local ref names the tip', () => {
    expect(preCommitPush(push)).toMatchObject({ kind: 'push', localRef: 'refs/heads/feature', localSha: undefined })
  })

  it('pre-commit run --from-ref A --to-ref B by hand: that range; nothing set: the default scan', () => {
    expect(preCommitPush({ PRE_COMMIT_FROM_REF: 'A', PRE_COMMIT_TO_REF: 'B' })).toEqual({
      kind: 'range',
      from: 'A',
      to: 'B'
    })
    expect(preCommitPush({})).toEqual({ kind: 'none' })
  })
})
