// The pre-receive command in-process (pre-receive.test.ts runs it as a real server hook through
// the built CLI): the objects a push brings are put in the server's object store under no ref, as
// a quarantine holds them, and the command is given git's stdin lines. What it decides and says.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { cleanup, cli, tempDir, TestRepo, type CliResult } from '../helpers/repo.js'
import { modelBytes, originAndClone, PUBLIC_MODEL, RESTRICTED_MODEL } from './helpers.js'

const ZERO = '0'.repeat(40)
let root: string
let count = 0

beforeAll(() => {
  root = tempDir('mlg-pre-receive-unit-')
})
afterAll(() => cleanup(root))

/** A server with the demo registry on main, and a pushed commit whose objects it holds under no ref. */
function serverWith(paths: string[]): { origin: TestRepo; main: string; pushed: string } {
  const { origin, work } = originAndClone(join(root, `s${++count}`))
  const main = work.head()
  for (const path of paths) work.write(path, modelBytes())
  const pushed = work.commit('bring models')
  work.git('push', '-q', 'origin', 'HEAD:refs/incoming/tmp')
  origin.git('update-ref', '-d', 'refs/incoming/tmp')
  return { origin, main, pushed }
}

describe('pre-receive, in-process', () => {
  it("rejects a restricted model, judged by the default branch's registry, with advice", async () => {
    const { origin, main, pushed } = serverWith([RESTRICTED_MODEL])
    const result = await cli(origin.dir, ['pre-receive'], `${main} ${pushed} refs/heads/main\n`)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('model-leak-guard: refs/heads/main judged by refs/heads/main:.model-registry.yml')
    expect(result.stderr).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(result.stderr).toContain('push rejected: it would bring a model trained on sensitive or unknown data')
    // Not run by receive-pack: no quarantine to list, and the report says what that leaves out.
    expect(result.stderr).toContain(
      'model-leak-guard: no quarantine (neither GIT_QUARANTINE_PATH nor GIT_OBJECT_DIRECTORY is set: git older than 2.11, or not run by receive-pack): only objects the pushed refs reach were scanned'
    )
  })

  it('accepts a public model; --quiet then prints nothing', async () => {
    const { origin, main, pushed } = serverWith([PUBLIC_MODEL])
    const stdin = `${main} ${pushed} refs/heads/main\n`
    expect(await cli(origin.dir, ['pre-receive'], stdin)).toMatchObject({
      code: 0,
      stderr: expect.stringContaining('PASS')
    })
    expect(await cli(origin.dir, ['pre-receive', '--quiet'], stdin)).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('a push of deletions only brings nothing and passes without a word', async () => {
    const { origin, main } = serverWith([RESTRICTED_MODEL])
    expect(await cli(origin.dir, ['pre-receive'], `${main} ${ZERO} refs/heads/old\n`)).toEqual({
      code: 0,
      stdout: '',
      stderr: ''
    })
  })

  it('a server whose default branch is unborn judges by the built-in defaults and says so', async () => {
    const origin = TestRepo.bare(join(root, `empty${++count}`))
    origin.git('symbolic-ref', 'HEAD', 'refs/heads/main')
    const work = TestRepo.init(join(root, `empty-work${count}`))
    const pushed = work.write(PUBLIC_MODEL, modelBytes()).commit('first push')
    work.git('push', '-q', origin.dir, 'HEAD:refs/incoming/tmp')
    origin.git('update-ref', '-d', 'refs/incoming/tmp')
    const result = await cli(origin.dir, ['pre-receive'], `${ZERO} ${pushed} refs/heads/main\n`)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'judged by the built-in defaults (unknown provenance blocks), as neither main nor this push has a .model-registry.yml'
    )
  })

  it("--registry FILE: the server's own file decides", async () => {
    const { origin, main, pushed } = serverWith([RESTRICTED_MODEL])
    new TestRepo(origin.dir).write('policy.yml', 'version: 1\nartifacts:\n  exclude: ["models/**"]\n')
    const result = await cli(
      origin.dir,
      ['pre-receive', '--registry', 'policy.yml'],
      `${main} ${pushed} refs/heads/x\n`
    )
    expect(result.stderr).toContain("judged by the server's policy.yml")
    expect(result.code).toBe(0)
  })

  it("a line that is not git's hook protocol is an error (exit 2) that quotes it", async () => {
    const { origin } = serverWith([])
    const result = await cli(origin.dir, ['pre-receive'], 'not a ref update\n')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      'pre-receive: unexpected line on stdin (expected git\'s hook protocol): "not a ref update"'
    )
  })
})

/**
 * What receive-pack does before it runs pre-receive: the pack indexed into a quarantine directory
 * inside the server's object store (`git index-pack --fix-thin`), and the variables it sets.
 */
function quarantine(origin: TestRepo, pack: Buffer): Record<string, string> {
  const store = join(origin.dir, 'objects')
  const dir = mkdtempSync(join(store, 'tmp_objdir-incoming-'))
  const env = { GIT_QUARANTINE_PATH: dir, GIT_OBJECT_DIRECTORY: dir, GIT_ALTERNATE_OBJECT_DIRECTORIES: store }
  execFileSync('git', ['index-pack', '--stdin', '--fix-thin'], {
    cwd: origin.dir,
    env: { ...process.env, ...env },
    input: pack
  })
  return env
}

/** The hook run in-process with the environment receive-pack gives it (git processes read process.env). */
async function preReceiveIn(env: Record<string, string>, dir: string, stdin: string): Promise<CliResult> {
  Object.assign(process.env, env)
  try {
    return await cli(dir, ['pre-receive'], stdin, env)
  } finally {
    for (const name of Object.keys(env)) delete process.env[name]
  }
}

describe('pre-receive, in-process, with a quarantine', () => {
  /** A clean commit pushed as a pack that also carries blobs of `extra` no ref reaches. */
  function push(extra: Buffer[]): { origin: TestRepo; env: Record<string, string>; stdin: string; ids: string[] } {
    const { origin, work } = originAndClone(join(root, `q${++count}`))
    const main = work.head()
    const ids = extra.map((bytes) => hashObject(work, bytes))
    const pushed = work.write('notes.txt', 'clean change\n').commit('A clean commit')
    const objects = work.git('rev-list', '--objects', pushed, '--not', main).split('\n').filter(Boolean)
    const list = [...objects.map((line) => line.split(' ')[0]), ...ids].join('\n') + '\n'
    const pack = execFileSync('git', ['pack-objects', '-q', '--stdout'], { cwd: work.dir, input: list })
    return { origin, env: quarantine(origin, pack), stdin: `${main} ${pushed} refs/heads/main\n`, ids }
  }

  const hashObject = (repo: TestRepo, bytes: Buffer): string =>
    execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: bytes }).toString().trim()

  it('judges a blob of the pack no pushed ref reaches, by its bytes alone', async () => {
    const { origin, env, stdin, ids } = push([modelBytes()])
    const result = await preReceiveIn(env, origin.dir, stdin)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `BLOCK blob ${ids[0]}, which no pushed ref reaches  [safetensors, weights] in the pushed pack`
    )
    expect(result.stderr).toContain('fix: nothing was pushed: no ref you push reaches this object')
    expect(result.stderr).not.toContain('no quarantine')
    expect(result.stderr).not.toContain('declare its training data') // no path for a models[] entry to name
  })

  it('does not judge again a blob the server already holds, and passes one that is no model', async () => {
    const model = modelBytes()
    const { origin, env, stdin, ids } = push([model, Buffer.from('a note no ref reaches\n')])
    expect(hashObject(origin, model)).toBe(ids[0]) // the server held it before the push
    const result = await preReceiveIn(env, origin.dir, stdin)
    expect(result.stderr).toContain('scanned 1 commit, 2 blobs, 0 artifacts')
    expect(result.code).toBe(0)
  })
})
