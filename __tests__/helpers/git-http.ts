// A real git server over HTTP for tests: `git http-backend` (git's own smart-HTTP CGI program)
// behind a local node server that, like GitHub, answers 401 unless the request carries the one
// Authorization header it expects, and records the headers each request carried.
import { spawn } from 'node:child_process'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { LocalServer, readBody } from './local-server.js'

export class GitHttpServer extends LocalServer {
  /** The Authorization header every request must carry; undefined: none needed. */
  expectedAuthorization: string | undefined
  readonly authorizations: (string | undefined)[] = []

  /** Serves every repository under `root` (`<url>/acme/app.git` is `<root>/acme/app.git`). */
  constructor(private readonly root: string) {
    super()
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req)
    this.authorizations.push(req.headers.authorization)
    if (this.expectedAuthorization !== undefined && req.headers.authorization !== this.expectedAuthorization) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end('Bad credentials\n')
      return
    }
    const { status, headers, content } = await this.backend(req, body)
    res.writeHead(status, headers).end(content)
  }

  private backend(
    req: IncomingMessage,
    body: Buffer
  ): Promise<{ status: number; headers: Record<string, string>; content: Buffer }> {
    const url = new URL(req.url ?? '/', 'http://local')
    const env = {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: this.root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      CONTENT_LENGTH: String(body.length),
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? '')
    }
    return new Promise((done, reject) => {
      const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] })
      const chunks: Buffer[] = []
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
      child.on('error', reject)
      child.on('close', () => done(parseCgi(Buffer.concat(chunks))))
      // http-backend may answer and exit before it reads the whole request (a client that already
      // has everything): its response is on stdout, and the broken pipe is not the test's failure.
      child.stdin.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') reject(error)
      })
      child.stdin.end(body)
    })
  }
}

/** A CGI response: header lines, a blank line, the body; `Status: 404 Not Found` sets the status. */
function parseCgi(output: Buffer): { status: number; headers: Record<string, string>; content: Buffer } {
  const end = output.indexOf('\r\n\r\n')
  const headers: Record<string, string> = {}
  let status = 200
  for (const line of output.subarray(0, end).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':')
    const [name, value] = [line.slice(0, colon).trim(), line.slice(colon + 1).trim()]
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10)
    else headers[name] = value
  }
  return { status, headers, content: output.subarray(end + 4) }
}
