// End to end against a local stand-in for the GitHub API (GITHUB_API_URL): the central registry
// read through the contents API, and the one PR comment created once and then updated in place.
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { safetensorsBytes } from '../../src/commands/demo-repository.js'
import { cleanup, tempDir, TestRepo } from '../helpers/repo.js'
import { buildAction, checkoutLikeActions, runAction } from './harness.js'
import { expectValidSarif } from './sarif-schema.js'

const PUBLIC_REGISTRY = `version: 1
datasets:
  - { id: cifar10, label: public }
models:
  - { path: "models/**", trained_on: [cifar10] }
`

interface Comment {
  id: number
  body: string
  user: { login: string; type: 'Bot' | 'User' }
}

const ACTIONS_BOT = { login: 'github-actions[bot]', type: 'Bot' } as const

/** The few API routes the Action uses, with state a test can read and steer. */
class FakeGitHub {
  readonly requests: { method: string; path: string; accept: string; authorization: string }[] = []
  readonly files = new Map<string, string>()
  /** Contents keys answered with an error status instead. */
  readonly refusals = new Map<string, number>()
  comments: Comment[] = []
  refuseWrites = false
  private server: Server | undefined
  private nextId = 1000

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    await new Promise((done) => this.server?.close(done))
  }

  seedComments(
    count: number,
    body = (i: number): string => `unrelated comment ${i}`,
    user: Comment['user'] = ACTIONS_BOT
  ): void {
    for (let i = 0; i < count; i++) this.comments.push({ id: this.nextId++, body: body(i), user })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local')
    const body = await readBody(req)
    this.requests.push({
      method: req.method ?? '',
      path: decodeURIComponent(url.pathname),
      accept: String(req.headers.accept),
      authorization: String(req.headers.authorization)
    })
    const route = `${req.method} ${url.pathname}`
    let match: RegExpMatchArray | null
    if ((match = route.match(/^GET \/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/)))
      return this.content(res, `${match[1]}/${match[2]}/${decodeURIComponent(match[3])}@${url.searchParams.get('ref')}`)
    if (/^GET \/repos\/acme\/app\/issues\/7\/comments$/.test(route)) return this.listComments(res, url)
    if (/^POST \/repos\/acme\/app\/issues\/7\/comments$/.test(route))
      return this.write(res, 201, () => this.create(JSON.parse(body).body))
    if ((match = route.match(/^PATCH \/repos\/acme\/app\/issues\/comments\/(\d+)$/)))
      return this.write(res, 200, () => this.update(Number(match?.[1]), JSON.parse(body).body))
    json(res, 404, { message: 'Not Found' })
  }

  private content(res: ServerResponse, key: string): void {
    const refusal = this.refusals.get(key)
    if (refusal !== undefined) return json(res, refusal, { message: 'Bad credentials' })
    const text = this.files.get(key)
    if (text === undefined) return json(res, 404, { message: 'Not Found' })
    res.writeHead(200, { 'content-type': 'application/vnd.github.raw; charset=utf-8' }).end(text)
  }

  private listComments(res: ServerResponse, url: URL): void {
    const perPage = Number(url.searchParams.get('per_page') ?? 30)
    const page = Number(url.searchParams.get('page') ?? 1)
    const slice = this.comments.slice((page - 1) * perPage, page * perPage)
    const more = page * perPage < this.comments.length
    const next = new URL(url.toString().replace('http://local', `http://${res.req.headers.host}`))
    next.searchParams.set('page', String(page + 1))
    json(res, 200, slice, more ? { link: `<${next.toString()}>; rel="next"` } : {})
  }

  private write(res: ServerResponse, status: number, change: () => Comment): void {
    if (this.refuseWrites) return json(res, 403, { message: 'Resource not accessible by integration' })
    json(res, status, change())
  }

  private create(body: string): Comment {
    const comment = { id: this.nextId++, body, user: ACTIONS_BOT }
    this.comments.push(comment)
    return comment
  }

  private update(id: number, body: string): Comment {
    const comment = this.comments.find((c) => c.id === id)
    if (!comment) throw new Error(`no comment ${id}`)
    comment.body = body
    return comment
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done) => {
    let text = ''
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
    req.on('end', () => done(text))
  })
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value))
}

let scratch: string
let bundle: string
let api: FakeGitHub
let apiUrl: string
let origin: TestRepo
let base: string
let head: string

beforeAll(async () => {
  scratch = tempDir('mlg-action-api-')
  bundle = buildAction(join(scratch, 'build'))
  origin = TestRepo.init(join(scratch, 'origin'))
  base = origin.write('README.md', 'app\n').commit('initial')
  origin.git('checkout', '-q', '-b', 'feature')
  head = origin
    .write('models/vision.safetensors', safetensorsBytes({ note: 'vision' }, [1, 2, 3]))
    .commit('add a model')
  origin.git('update-ref', 'refs/pull/7/head', head)
  api = new FakeGitHub()
  apiUrl = await api.start()
}, 240_000)

afterAll(async () => {
  await api.stop()
  cleanup(scratch)
})

afterEach(() => {
  api.requests.length = 0
  api.comments = []
  api.refuseWrites = false
  api.refusals.clear()
})

let workspaces = 0

async function pullRequestRun(inputs: Record<string, string> = {}): ReturnType<typeof runAction> {
  const repo = checkoutLikeActions(origin, join(scratch, 'ws', String(++workspaces)), 'refs/pull/7/head', { depth: 1 })
  const payload = {
    action: 'synchronize',
    number: 7,
    pull_request: { number: 7, base: { sha: base }, head: { sha: head } }
  }
  return runAction(bundle, { workspace: repo.dir, scratch, eventName: 'pull_request', payload, apiUrl, inputs })
}

const marked = (): Comment[] => api.comments.filter((c) => c.body.includes('<!-- model-leak-guard -->'))

test('the PR comment is created once, then found by its marker past the first page and updated', async () => {
  api.seedComments(120)
  const first = await pullRequestRun()
  expect(first.stdout).toContain('pull request comment: created')
  expect(marked()).toHaveLength(1)
  const id = marked()[0].id
  expect(marked()[0].body).toContain('models/vision.safetensors')

  api.requests.length = 0
  const second = await pullRequestRun()
  expect(second.stdout).toContain('pull request comment: updated')
  expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
  expect(api.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([
    `/repos/acme/app/issues/comments/${id}`
  ])
  expect(api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/comments')).length).toBeGreaterThan(1)
  expect(marked()).toHaveLength(1)
  expect(api.requests.every((r) => r.authorization === 'token test-token')).toBe(true)
})

test("a person's comment quoting the marker is left alone, and the Action writes its own", async () => {
  const quoted = 'I copied the report <!-- model-leak-guard --> and edited it: all clear'
  api.seedComments(1, () => quoted, { login: 'mallory', type: 'User' })
  const run = await pullRequestRun()
  expect(run.stdout).toContain('pull request comment: created')
  expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0)
  expect(api.comments[0].body).toBe(quoted)
  expect(marked().filter((c) => c.user.type === 'Bot')).toHaveLength(1)
})

test('comment: false posts nothing', async () => {
  await pullRequestRun({ comment: 'false' })
  expect(api.requests).toHaveLength(0)
})

test('a token without pull-requests: write gets a warning, and the verdict still decides', async () => {
  api.refuseWrites = true
  const run = await pullRequestRun()
  expect(run.code).toBe(1)
  expect(run.outputs.verdict).toBe('block')
  expect(run.stdout).toMatch(
    /::warning::cannot comment on pull request #7 \(403\): give the workflow `permissions: pull-requests: write`/
  )
})

test('a central registry is read raw with registry-token, and decides the verdict', async () => {
  api.files.set('acme/policies/registries/ml.yml@main', PUBLIC_REGISTRY)
  const run = await pullRequestRun({
    registry: 'acme/policies/registries/ml.yml@main',
    'registry-token': 'registry-secret',
    comment: 'false'
  })
  expect(run.stdout).not.toContain('::error')
  expect(run.code).toBe(0)
  expect(run.outputs.verdict).toBe('pass')
  const read = api.requests.find((r) => r.path === '/repos/acme/policies/contents/registries/ml.yml')
  expect(read?.accept).toMatch(/application\/vnd\.github(\.v3)?\.raw/)
  expect(read?.authorization).toBe('token registry-secret')
  const sarif = expectValidSarif(run.outputs['sarif-file']) as { runs: { results: { level: string }[] }[] }
  expect(sarif.runs[0].results.map((r) => r.level)).toEqual(['note'])
})

test('a missing central registry fails with a message naming the repository and path', async () => {
  const run = await pullRequestRun({ registry: 'acme/policies/registries/missing.yml@main', comment: 'false' })
  expect(run.code).toBe(1)
  expect(run.stdout).toContain(
    'cannot read the central registry registries/missing.yml in acme/policies at main: not found (404)'
  )
  expect(run.summary).toContain('registries/missing.yml')
})

test('a central registry refused with 401 says the token was refused and what token to give', async () => {
  api.refusals.set('acme/policies/registries/ml.yml@main', 401)
  const run = await pullRequestRun({
    registry: 'acme/policies/registries/ml.yml@main',
    'registry-token': 'expired',
    comment: 'false'
  })
  expect(run.code).toBe(1)
  const message =
    'cannot read the central registry registries/ml.yml in acme/policies at main: the token was refused (401); give registry-token a token that can read it'
  expect(run.stdout).toContain(message)
  expect(run.summary).toContain('the token was refused (401)')
})
