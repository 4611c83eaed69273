// A local stand-in for the GitHub API (GITHUB_API_URL): the few routes the Action uses (the
// contents API for a central registry, an issue's comments), with state a test can read and steer.
import { afterAll, afterEach, beforeAll } from '@jest/globals'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { LocalServer, readBody } from '../helpers/local-server.js'

export interface Comment {
  id: number
  body: string
  user: { login: string; type: 'Bot' | 'User' }
}

export const ACTIONS_BOT = { login: 'github-actions[bot]', type: 'Bot' } as const

/** The few API routes the Action uses, with state a test can read and steer. */
export class FakeGitHub extends LocalServer {
  readonly requests: { method: string; path: string; accept: string; authorization: string }[] = []
  readonly files = new Map<string, string>()
  /** Contents keys answered with an error status instead. */
  readonly refusals = new Map<string, number>()
  comments: Comment[] = []
  refuseWrites = false
  private nextId = 1000

  seedComments(
    count: number,
    body = (i: number): string => `unrelated comment ${i}`,
    user: Comment['user'] = ACTIONS_BOT
  ): void {
    for (let i = 0; i < count; i++) this.comments.push({ id: this.nextId++, body: body(i), user })
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local')
    const body = (await readBody(req)).toString('utf8')
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
    if (/^GET \/repos\/acme\/app\/issues\/\d+\/comments$/.test(route)) return this.listComments(res, url)
    if (/^POST \/repos\/acme\/app\/issues\/\d+\/comments$/.test(route))
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

/** A FakeGitHub for a test file: started before its tests, its comments cleared after each, stopped after all. */
export function fakeGitHubForTests(): { api: FakeGitHub; url: () => string } {
  const api = new FakeGitHub()
  let url = ''
  beforeAll(async () => {
    url = await api.start()
  })
  afterEach(() => {
    api.comments = []
  })
  afterAll(() => api.stop())
  return { api, url: () => url }
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value))
}
