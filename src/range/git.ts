// Git behind one interface: every git process the engine starts goes through here, inherits the
// caller's environment (a pre-receive hook's quarantine variables must reach git), and fails
// with a ScanError that names the command and its stderr.
import { spawn } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { ScanError } from '../errors.js'
import { CatFileBatch } from './cat-file.js'

export interface GitRunOptions {
  /** Exit codes that are answers rather than failures (e.g. 1 from `merge-base --is-ancestor`). */
  okCodes?: number[]
  input?: string
}

export interface GitResult {
  stdout: string
  code: number
}

export class GitRepository {
  private batch: CatFileBatch | undefined
  private info: CatFileBatch | undefined

  private constructor(readonly dir: string) {}

  /**
   * The repository that contains `dir`. Nothing is started here: every process costs start-up time
   * on the pre-push path, so "not a git repository" is reported by the first command that runs.
   */
  static async open(dir: string): Promise<GitRepository> {
    try {
      if ((await stat(dir)).isDirectory()) return new GitRepository(dir)
    } catch {
      // reported below
    }
    throw new ScanError(`not a git repository: ${dir} (no such directory)`)
  }

  async run(args: string[], options: GitRunOptions = {}): Promise<GitResult> {
    const stdin = options.input === undefined ? 'ignore' : 'pipe'
    const child = spawn('git', args, { cwd: this.dir, stdio: [stdin, 'pipe', 'pipe'] })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.stdin?.on('error', () => undefined) // git may exit before reading all of it
    child.stdin?.end(options.input)
    const code = await new Promise<number>((resolve, reject) => {
      child.on('error', (error) => reject(new ScanError(`cannot run git: ${error.message}`)))
      child.on('close', (status) => resolve(status ?? 128))
    })
    if (code === 0) return { stdout: Buffer.concat(stdout).toString('utf8'), code }
    const message = Buffer.concat(stderr).toString('utf8').trim()
    if (/not a git repository/i.test(message)) throw new ScanError(`not a git repository: ${this.dir}`)
    if (!(options.okCodes ?? []).includes(code)) {
      throw new ScanError(`git ${args.join(' ')} failed (exit ${code}): ${message}`)
    }
    return { stdout: Buffer.concat(stdout).toString('utf8'), code }
  }

  /** The one long-lived `git cat-file --batch` process that every stage reads content through. */
  catFile(): CatFileBatch {
    this.batch ??= new CatFileBatch(this.dir)
    return this.batch
  }

  /** Type and size of objects (`git cat-file --batch-check`), started only when first asked. */
  objectInfo(name: string): Promise<{ id: string; type: string; size: number } | null> {
    this.info ??= new CatFileBatch(this.dir, 'info')
    return this.info.read(name, 0)
  }

  async close(): Promise<void> {
    await Promise.all([this.batch?.close(), this.info?.close()])
    this.batch = undefined
    this.info = undefined
  }

  async revParse(rev: string): Promise<string | null> {
    const { stdout, code } = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', rev], {
      okCodes: [1, 128]
    })
    return code === 0 ? stdout.trim() : null
  }
}
