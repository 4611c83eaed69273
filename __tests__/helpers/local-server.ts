// A real HTTP server on a free local port, for tests whose code talks to a network peer (the
// GitHub API, a git server over HTTP): a subclass answers the requests; start() gives its URL.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export abstract class LocalServer {
  private server: Server | undefined

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    await new Promise((done) => this.server?.close(done))
  }

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((done) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => done(Buffer.concat(chunks)))
  })
}
