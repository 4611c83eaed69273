// ensureHistory in-process, over a real git server on HTTP (git http-backend) that demands
// credentials as GitHub does: the fetch authenticates with what actions/checkout left behind or
// with the token, a failure reads as git's own message (no credential in it), and a shallow list
// that cannot be read is an error.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type ScanTarget } from '../../src/range/event-range.js'
import { ensureHistory, Fetcher, type FetchAuth } from '../../src/action/shallow.js'
import { ScanError } from '../../src/errors.js'
import { GitRepository } from '../../src/range/git.js'
import { GitHttpServer } from '../helpers/git-http.js'
import { cleanup, tempDir, TestRepo } from '../helpers/repo.js'
import { checkoutLikeActions, isShallow } from './harness.js'

/** The Authorization value GitHub's git server accepts for a token, as checkout and we send it. */
const basic = (token: string): string => `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`
const CHECKOUT_AUTH = basic('checkout-token')
/** What actions/checkout writes: `http.<server>/.extraheader = AUTHORIZATION: basic …`. */
const CHECKOUT_HEADER = `AUTHORIZATION: ${CHECKOUT_AUTH}`

let scratch: string
let server: GitHttpServer
let url: string
let bare: TestRepo
const at: Record<string, string> = {}
let workspaces = 0

beforeAll(async () => {
  scratch = tempDir('mlg-action-fetch-')
  const source = TestRepo.init(join(scratch, 'source'))
  for (let i = 0; i < 6; i++) at[`c${i}`] = source.write('notes.txt', `note ${i}\n`).commit(`note ${i}`)
  mkdirSync(join(scratch, 'served/acme'), { recursive: true })
  source.git('clone', '-q', '--bare', source.dir, join(scratch, 'served/acme/app.git'))
  bare = new TestRepo(join(scratch, 'served/acme/app.git'))
  server = new GitHttpServer(join(scratch, 'served'))
  url = await server.start()
})

afterAll(async () => {
  await server.stop()
  cleanup(scratch)
})

/** A shallow checkout of c5 whose origin is the HTTP server, as actions/checkout leaves it. */
function shallowCheckout(): TestRepo {
  const repo = checkoutLikeActions(bare, join(scratch, 'ws', String(++workspaces)), at.c5, { depth: 1 })
  repo.git('remote', 'set-url', 'origin', `${url}/acme/app.git`)
  expect(isShallow(repo)).toBe(true)
  return repo
}

/** Runs ensureHistory for c1..c5 with the runner's stdout (where @actions/core writes) captured. */
async function fetchRange(repo: TestRepo, auth: FetchAuth): Promise<{ stdout: string; git: GitRepository }> {
  let stdout = ''
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true))
  const git = await GitRepository.open(repo.dir)
  try {
    const range: ScanTarget = { kind: 'between', base: at.c1, head: at.c5 }
    await ensureHistory(git, range, auth)
    return { stdout, git }
  } finally {
    write.mockRestore()
    await git.close()
  }
}

function fetchFailure(repo: TestRepo, auth: FetchAuth): Promise<ScanError> {
  return fetchRange(repo, auth).then(
    () => {
      throw new Error('the fetch succeeded')
    },
    (error: unknown) => error as ScanError
  )
}

describe('credentials', () => {
  test('the default actions/checkout setup: the extraheader checkout wrote, and no token', async () => {
    server.expectedAuthorization = CHECKOUT_AUTH
    server.authorizations.length = 0
    const repo = shallowCheckout()
    repo.git('config', `http.${url}/.extraheader`, CHECKOUT_HEADER)
    const { git } = await fetchRange(repo, { token: '', serverUrl: url })
    expect(await git.hasCommit(at.c1)).toBe(true)
    expect(server.authorizations.length).toBeGreaterThan(0)
    expect(new Set(server.authorizations)).toEqual(new Set([CHECKOUT_AUTH]))
  })

  test('checkout v6: the extraheader in a file .git/config includes; the token is not used', async () => {
    server.expectedAuthorization = CHECKOUT_AUTH
    server.authorizations.length = 0
    const repo = shallowCheckout()
    const credentials = join(scratch, `git-credentials-${workspaces}.config`)
    writeFileSync(credentials, `[http "${url}/"]\n\textraheader = ${CHECKOUT_HEADER}\n`)
    repo.git('config', `includeIf.gitdir:${repo.dir}/.git.path`, credentials)
    const { git } = await fetchRange(repo, { token: 'job-token', serverUrl: url })
    expect(await git.hasCommit(at.c1)).toBe(true)
    expect(new Set(server.authorizations)).toEqual(new Set([CHECKOUT_AUTH]))
  })

  test('persist-credentials: false: the token, given to git through the environment and masked', async () => {
    server.expectedAuthorization = basic('job-token')
    const repo = shallowCheckout()
    const { git, stdout } = await fetchRange(repo, { token: 'job-token', serverUrl: url })
    expect(await git.hasCommit(at.c1)).toBe(true)
    expect(stdout).toContain(`::add-mask::${Buffer.from('x-access-token:job-token').toString('base64')}`)
  })

  test('a refused fetch reads as git said it, and never holds the token', async () => {
    server.expectedAuthorization = 'basic something-else'
    const error = await fetchFailure(shallowCheckout(), { token: 'job-token', serverUrl: url })
    expect(error).toBeInstanceOf(ScanError)
    expect(error.message).toMatch(/^git fetch --quiet .* failed \(exit 128\): fatal: /)
    expect(error.message).toContain('set `fetch-depth: 0` on actions/checkout')
    expect(error.message).not.toContain('job-token')
    expect(error.message).not.toContain(Buffer.from('x-access-token:job-token').toString('base64'))
  })

  test("a refused fetch with checkout's extraheader and no token reads as git said it", async () => {
    server.expectedAuthorization = 'basic something-else'
    const repo = shallowCheckout()
    repo.git('config', `http.${url}/.extraheader`, CHECKOUT_HEADER)
    const error = await fetchFailure(repo, { token: '', serverUrl: url })
    expect(error.message).toMatch(/^git fetch --quiet .* failed \(exit 128\): fatal: /)
    expect(error.message).not.toContain('***')
  })
})

/** Targets made once `at` holds the commits (test.each's table is read before beforeAll runs). */
const UNREADABLE_SHALLOW_CASES: [string, () => ScanTarget, string | undefined][] = [
  ['a range', () => ({ kind: 'between', base: at.c1, head: at.c5 }), undefined],
  ['a range judged by the default branch', () => ({ kind: 'between', base: at.c1, head: at.c5 }), 'main'],
  ['a new branch', () => ({ kind: 'new-branch', head: at.c5, ref: 'refs/heads/feature' }), undefined],
  ['an audit of every branch', () => ({ kind: 'all' }), undefined]
]

test.each(UNREADABLE_SHALLOW_CASES)(
  '%s: a list of shallow commits that cannot be read is an error, not "not shallow"',
  async (_, target, registryBranch) => {
    server.expectedAuthorization = undefined
    const repo = checkoutLikeActions(bare, join(scratch, 'ws', `unreadable-${++workspaces}`), at.c5, { depth: 1 })
    repo.git('remote', 'set-url', 'origin', `${url}/acme/app.git`)
    rmSync(join(repo.dir, '.git/shallow'))
    mkdirSync(join(repo.dir, '.git/shallow')) // git itself reads this as "not shallow"
    const git = await GitRepository.open(repo.dir)
    try {
      const fetching = ensureHistory(git, target(), { token: '', serverUrl: url }, registryBranch)
      await expect(fetching).rejects.toThrow(ScanError)
      await expect(fetching).rejects.toThrow(/cannot read .*\.git\/shallow, the list of shallow commits: EISDIR/)
    } finally {
      await git.close()
    }
  }
)

describe('errors by kind', () => {
  test('a fetch git refuses is one the caller may try around; any other error is a bug and propagates', async () => {
    server.expectedAuthorization = 'basic something-else'
    const git = await GitRepository.open(shallowCheckout().dir)
    try {
      const fetcher = new Fetcher(git, { token: '', serverUrl: url })
      expect(await fetcher.tryFetch([at.c1])).toBe(false)
      // No bug can be made to happen for real: the repository's fetch stands in for one that has one.
      jest.spyOn(git, 'fetch').mockRejectedValue(new TypeError('a bug'))
      await expect(fetcher.tryFetch([at.c1])).rejects.toThrow(TypeError)
      await expect(fetcher.fetch([at.c1])).rejects.toThrow(TypeError)
    } finally {
      await git.close()
    }
  })
})
