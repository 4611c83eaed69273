// Git behind one door: code outside src/range asks in words (isShallow, fetch, lastChange,
// readAt, hooksDir, ...) and never builds a git argument list. Every process starts through
// spawnGit (process.ts) with one environment policy, and fails with a ScanError that names the
// command and git's stderr; output git never writes is an InternalError (a bug, not the user's).
import type { ChildProcess } from 'node:child_process'
import { mkdir, readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { InternalError, ScanError } from '../errors.js'
import { exists } from '../files.js'
import { CatFileBatch, type ObjectPrefix } from './cat-file.js'
import { spawnGit, type SpawnOptions } from './process.js'
import type { PathEntry } from './blob-places.js'

export interface GitRunOptions extends SpawnOptions {
  /** Exit codes that are answers rather than failures (e.g. 1 from `merge-base` when there is none). */
  okCodes?: number[]
  input?: string
  /** Values removed from an error message (a token given through secretConfig), should git ever echo one. */
  redact?: string[]
}

/** A git process whose output is handed over as it arrives. */
export interface GitStream {
  done: Promise<number>
  pause(): void
  resume(): void
}

export interface GitResult {
  stdout: string
  code: number
}

/** What `fetch` asks for; `secretConfig` carries credentials (never in argv, never in a message). */
export interface FetchRequest {
  remote: string
  refspecs: string[]
  depth?: number
  unshallow?: boolean
  tags?: boolean
  secretConfig?: Record<string, string>
}

/** A commit's identity for a repository this code creates (the demo). */
export type Identity = Record<
  'GIT_AUTHOR_NAME' | 'GIT_AUTHOR_EMAIL' | 'GIT_COMMITTER_NAME' | 'GIT_COMMITTER_EMAIL',
  string
>

/** What a failed command read on stdin, for its message: a few lines in full, many counted. */
function stdinShown(input: string | undefined): string {
  const lines = (input ?? '').split('\n').filter(Boolean)
  if (lines.length === 0) return ''
  return lines.length <= 8 ? ` (stdin: ${lines.join(' ')})` : ` (stdin: ${lines.length} lines)`
}

/** How long asking a remote which refs it has may take before the caller scans more instead. */
const LS_REMOTE_TIMEOUT_MS = 30_000

export class GitRepository {
  private batch: CatFileBatch | undefined
  private info: CatFileBatch | undefined
  private bulk: CatFileBatch[] = []
  private closedBytes = 0
  private readonly lastChanges = new Map<string, Promise<string | null>>()

  private constructor(
    readonly dir: string,
    /** Index and object directories other than the repository's own (a working-tree snapshot); empty normally. */
    private readonly view: Record<string, string> = {},
    private readonly onClose?: () => Promise<void>
  ) {}

  /**
   * The repository at `dir` read through another index and an extra object directory (its own
   * objects stay visible as an alternate): how `explain` reads a working tree without writing to
   * the repository. `onClose` removes them.
   */
  static viewedThrough(dir: string, view: Record<string, string>, onClose: () => Promise<void>): GitRepository {
    return new GitRepository(dir, view, onClose)
  }

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

  /** Runs git in this repository. For src/range only: elsewhere, ask through a named operation. */
  async run(args: string[], options: GitRunOptions = {}): Promise<GitResult> {
    const stdout: Buffer[] = []
    const { done } = this.stream(args, (chunk) => stdout.push(chunk), options)
    const code = await done
    return { stdout: Buffer.concat(stdout).toString('utf8'), code }
  }

  /**
   * Runs git and hands its output over as it arrives (`run` collects it). `pause`/`resume` hold git
   * back while the caller catches up; `done` settles with the exit code once git has exited.
   * For src/range only.
   */
  stream(args: string[], onData: (chunk: Buffer) => void, options: GitRunOptions = {}): GitStream {
    let child: ChildProcess
    try {
      child = spawnGit(this.dir, args, {
        ...options,
        env: { ...this.view, ...options.env },
        stdin: options.input === undefined ? 'ignore' : 'pipe'
      })
    } catch (error) {
      // A command line longer than the OS allows (E2BIG) is thrown here rather than emitted.
      const done = Promise.reject(new ScanError(`cannot run git ${args[0]}: ${(error as Error).message}`))
      return { done, pause: () => undefined, resume: () => undefined }
    }
    const stderr: Buffer[] = []
    // A reader that throws (output it cannot parse) stops git and fails `done`: never an uncaught error.
    let thrown: { error: unknown } | undefined
    child.stdout?.on('data', (chunk: Buffer) => {
      if (thrown) return
      try {
        onData(chunk)
      } catch (error) {
        thrown = { error }
        child.kill()
      }
    })
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.stdin?.on('error', () => undefined) // git may exit before reading all of it
    child.stdin?.end(options.input)
    const done = new Promise<number>((settle, reject) => {
      child.on('error', (error) => reject(new ScanError(`cannot run git: ${error.message}`)))
      child.on('close', (status) => {
        if (thrown) return reject(thrown.error)
        const code = status ?? 128
        if (code === 0 || (options.okCodes ?? []).includes(code)) settle(code)
        else reject(this.failure(args, code, Buffer.concat(stderr).toString('utf8').trim(), options))
      })
    })
    return { done, pause: () => child.stdout?.pause(), resume: () => child.stdout?.resume() }
  }

  private failure(args: string[], code: number, stderr: string, options: GitRunOptions): ScanError {
    const secrets = (options.redact ?? []).filter((secret) => secret !== '')
    const redacted = secrets.reduce((text, s) => text.split(s).join('***'), stderr)
    if (/not a git repository/i.test(redacted)) return new ScanError(`not a git repository: ${this.dir}`)
    return new ScanError(`git ${args.join(' ')}${stdinShown(options.input)} failed (exit ${code}): ${redacted}`)
  }

  /** The one long-lived `git cat-file --batch` process that every stage reads content through. */
  catFile(): CatFileBatch {
    this.batch ??= new CatFileBatch(this.dir, 'contents', this.view)
    return this.batch
  }

  /** A `git cat-file --batch --buffer` of its own for a stream of reads that ends (endRequests); closed with the repository. */
  bulkReader(): CatFileBatch {
    const reader = new CatFileBatch(this.dir, 'contents', this.view, { buffered: true })
    this.bulk.push(reader)
    return reader
  }

  /** Bytes kept from every object read so far, by every reader. */
  bytesRead(): number {
    return [this.batch, this.info, ...this.bulk].reduce(
      (sum, reader) => sum + (reader?.bytesKept ?? 0),
      this.closedBytes
    )
  }

  /** Type and size of objects (`git cat-file --batch-check`), started only when first asked. */
  objectInfo(name: string): Promise<{ id: string; type: string; size: number } | null> {
    this.info ??= new CatFileBatch(this.dir, 'info', this.view)
    return this.info.read(name, 0)
  }

  async close(): Promise<void> {
    this.closedBytes = this.bytesRead()
    await Promise.all([this.batch?.close(), this.info?.close(), ...this.bulk.map((reader) => reader.close())])
    this.batch = undefined
    this.info = undefined
    this.bulk = []
    await this.onClose?.()
  }

  /** The object a revision names; null when there is none (exit 1). A repository git refuses is an error. */
  async revParse(rev: string): Promise<string | null> {
    const { stdout, code } = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', rev], {
      okCodes: [1]
    })
    return code === 0 ? stdout.trim() : null
  }

  /** The commit a revision names (a tag is peeled to it); null when it names none. */
  commitOf(rev: string): Promise<string | null> {
    return this.revParse(`${rev}^{commit}`)
  }

  async hasCommit(id: string): Promise<boolean> {
    return (await this.commitOf(id)) !== null
  }

  /** The ref a symbolic ref names (`HEAD` → `refs/heads/main`); null when it is not a symbolic ref. */
  async symbolicRef(name: string): Promise<string | null> {
    const { stdout, code } = await this.run(['symbolic-ref', '--quiet', '--end-of-options', name], { okCodes: [1] })
    return code === 0 ? stdout.trim() : null
  }

  /** An absolute path inside the git directory as git resolves it (`hooks` follows core.hooksPath). */
  async gitPath(name: string): Promise<string> {
    const { stdout } = await this.run(['rev-parse', '--git-path', name])
    return resolve(this.dir, stdout.trim())
  }

  hooksDir(): Promise<string> {
    return this.gitPath('hooks')
  }

  /** The top of the working tree. */
  async topLevel(): Promise<string> {
    return (await this.run(['rev-parse', '--show-toplevel'])).stdout.trim()
  }

  /** Where `dir` is inside the working tree (`sub/dir/`, or '' at the top). */
  async prefix(): Promise<string> {
    return (await this.run(['rev-parse', '--show-prefix'])).stdout.trim()
  }

  /** One config value; null when unset. */
  async configGet(key: string): Promise<string | null> {
    const { stdout, code } = await this.run(['config', '--get', '--end-of-options', key], { okCodes: [1] })
    return code === 0 ? stdout.replace(/\n$/, '') : null
  }

  /** Every config entry whose key matches a regular expression (`^http\..*extraheader$`). */
  async configGetRegexp(pattern: string): Promise<{ key: string; value: string }[]> {
    const { stdout } = await this.run(['config', '--null', '--get-regexp', '--end-of-options', pattern], {
      okCodes: [1]
    })
    return stdout
      .split('\0')
      .filter(Boolean)
      .map((entry) => {
        const newline = entry.indexOf('\n')
        return newline < 0
          ? { key: entry, value: '' }
          : { key: entry.slice(0, newline), value: entry.slice(newline + 1) }
      })
  }

  /** A partial clone (`--filter`): objects may be absent by design, and asking for one would try to fetch it. */
  async isPartialClone(): Promise<boolean> {
    const promisors = await this.configGetRegexp('^(extensions\\.partialclone|remote\\..*\\.promisor)$')
    return promisors.some(({ key, value }) => key === 'extensions.partialclone' || value === 'true')
  }

  /**
   * Does this repository lack some commits' parents? git answers "false" for a shallow list it
   * cannot read (a directory, no permission), so the list is read too: an error, never "not shallow".
   */
  async isShallow(): Promise<boolean> {
    const [answer, cuts] = await Promise.all([
      this.run(['rev-parse', '--is-shallow-repository']),
      this.shallowCommits()
    ])
    return answer.stdout.trim() === 'true' || cuts.size > 0
  }

  /** The commits whose parents a shallow clone lacks (`.git/shallow`); empty when the file does not exist. */
  async shallowCommits(): Promise<Set<string>> {
    const path = await this.gitPath('shallow')
    try {
      return new Set((await readFile(path, 'utf8')).split('\n').filter(Boolean))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set()
      throw new ScanError(`cannot read ${path}, the list of shallow commits: ${(error as Error).message}`)
    }
  }

  /** A best common ancestor of two commits; null when they share no history (here). */
  async mergeBase(a: string, b: string): Promise<string | null> {
    const { stdout, code } = await this.run(['merge-base', '--end-of-options', a, b], { okCodes: [1] })
    return code === 0 ? stdout.trim() : null
  }

  /** The commits reachable from `head` and not from `base` (`git rev-list head ^base`). */
  async commitsBetween(base: string, head: string): Promise<string[]> {
    const { stdout } = await this.run(['rev-list', head, `^${base}`, '--'])
    return stdout.split('\n').filter(Boolean)
  }

  /**
   * The last commit up to `commit` that changed `path` (from the top, taken literally; cached: lineage
   * asks about the same parent often).
   */
  lastChange(commit: string, path: string): Promise<string | null> {
    const key = `${commit}\0${path}`
    let answer = this.lastChanges.get(key)
    if (!answer) {
      answer = this.run([
        'log',
        '-1',
        '--format=%H',
        '--no-follow',
        '--end-of-options',
        commit,
        '--',
        `:(top,literal)${path}`
      ]).then(({ stdout }) => stdout.trim() || null)
      this.lastChanges.set(key, answer)
    }
    return answer
  }

  /** The blob at `rev:path`, up to maxBytes of it (with its full size); null when absent or not a file. */
  async readAt(rev: string, path: string, maxBytes: number): Promise<ObjectPrefix | null> {
    const object = await this.catFile().read(`${rev}:${path}`, maxBytes)
    return object && object.type === 'blob' ? object : null
  }

  /** Every path in `commit`'s tree whose blob is `blobId` (the same bytes under several names). */
  async pathsOfBlob(commit: string, blobId: string): Promise<string[]> {
    const { stdout } = await this.run(['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', commit])
    return stdout
      .split('\0')
      .filter(Boolean)
      .flatMap((entry) => {
        const tab = entry.indexOf('\t')
        const [, type, id] = entry.slice(0, tab).split(' ')
        return type === 'blob' && id === blobId ? [entry.slice(tab + 1)] : []
      })
  }

  /** A commit's message (what follows its header); '' when the object is not a commit. */
  async commitMessage(commit: string): Promise<string> {
    const object = await this.catFile().read(commit, 1024 * 1024)
    if (!object || object.type !== 'commit') return ''
    const text = object.bytes.toString('utf8')
    const blank = text.indexOf('\n\n')
    return blank < 0 ? '' : text.slice(blank + 2)
  }

  /** `git fetch`; credentials travel in secretConfig, so a failure's message never holds them. */
  async fetch(request: FetchRequest): Promise<void> {
    const args = [
      'fetch',
      '--quiet',
      request.tags ? '--tags' : '--no-tags',
      ...(request.depth === undefined ? [] : [`--depth=${request.depth}`]),
      ...(request.unshallow ? ['--unshallow'] : []),
      '--end-of-options',
      request.remote,
      ...request.refspecs
    ]
    const secrets = Object.values(request.secretConfig ?? {})
    await this.run(args, { secretConfig: request.secretConfig, redact: secrets })
  }

  /** The object ids of every ref a remote has (peeled tag lines left out); throws when it cannot be asked. */
  async lsRemote(url: string): Promise<string[]> {
    const { stdout } = await this.run(['ls-remote', '--end-of-options', url], { timeout: LS_REMOTE_TIMEOUT_MS })
    return stdout
      .split('\n')
      .map((line) => line.split('\t'))
      .filter(([id, ref]) => id && ref && !ref.endsWith('^{}'))
      .map(([id]) => id)
  }

  /**
   * What a remote's HEAD is now: the branch it names and its commit (one `ls-remote --symref`);
   * null for an empty repository. Throws (a ScanError) when the remote cannot be asked.
   */
  async remoteHead(url: string): Promise<{ ref: string | null; commit: string } | null> {
    const { stdout } = await this.run(['ls-remote', '--symref', '--end-of-options', url, 'HEAD'], {
      timeout: LS_REMOTE_TIMEOUT_MS
    })
    const lines = stdout.split('\n').map((line) => line.split('\t'))
    const commit = lines.find(([id, name]) => name === 'HEAD' && /^[0-9a-f]{40,64}$/.test(id ?? ''))?.[0]
    if (commit === undefined) return null
    const symref = lines.find(([id, name]) => name === 'HEAD' && id?.startsWith('ref: '))?.[0]
    return { ref: symref ? symref.slice('ref: '.length) : null, commit }
  }

  /** A new repository at `dir`, created if need be (for the demo). */
  static async init(dir: string, options: { bare?: boolean; branch?: string } = {}): Promise<GitRepository> {
    await mkdir(dir, { recursive: true })
    const git = new GitRepository(dir)
    await git.run([
      'init',
      '-q',
      ...(options.bare ? ['--bare'] : []),
      ...(options.branch ? ['-b', options.branch] : [])
    ])
    return git
  }

  /** Stages every change in the working tree and commits it. */
  async commitAll(message: string, identity: Identity): Promise<void> {
    await this.run(['add', '-A'])
    await this.run(['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', message], { env: identity })
  }

  /**
   * Stages every tracked change and `paths` (from the top, taken literally; forced past .gitignore;
   * absent ones skipped) in this repository's index, and commits the result on top of HEAD without
   * moving any ref. Meant for a repository viewed through a scratch index (snapshotWorkingTree).
   */
  async commitWorkingTree(paths: string[], identity: Identity): Promise<string> {
    await this.run(['add', '-u'])
    const present = await Promise.all(
      paths.map(async (path) => ((await exists(resolve(this.dir, path))) ? path : null))
    )
    const adding = present.filter((path): path is string => path !== null).map((path) => `:(top,literal)${path}`)
    if (adding.length > 0) await this.run(['add', '-f', '--', ...adding])
    return this.commitIndex('the working tree, as model-leak-guard explain reads it', identity)
  }

  /** Commits the index as it is on top of HEAD (no parent on an unborn branch), moving no ref. For a scratch view. */
  async commitIndex(message: string, identity: Identity): Promise<string> {
    const tree = (await this.run(['write-tree'])).stdout.trim()
    const head = await this.revParse('HEAD^{commit}')
    const parent = head ? ['-p', head] : []
    return (await this.run(['commit-tree', ...parent, '-m', message, tree], { env: identity })).stdout.trim()
  }

  /** The index's entries at these paths (from the top, taken literally), every stage of a conflict included. */
  async indexEntries(paths: string[]): Promise<PathEntry[]> {
    const pathspecs = paths.map((path) => `:(top,literal)${path}`)
    const { stdout } = await this.run(['ls-files', '--stage', '-z', '--', ...pathspecs])
    return stdout
      .split('\0')
      .filter(Boolean)
      .map((record) => {
        // `<mode> SP <object> SP <stage> TAB <path>`
        const tab = record.indexOf('\t')
        const [mode, id] = record.slice(0, tab).split(' ')
        if (tab < 0 || !mode || !id)
          throw new InternalError(`unexpected output from git ls-files --stage: ${JSON.stringify(record.slice(0, 80))}`)
        return { mode, id, path: record.slice(tab + 1) }
      })
  }

  async addRemote(name: string, url: string): Promise<void> {
    await this.run(['remote', 'add', '--', name, url])
  }

  async push(remote: string, refspec: string): Promise<void> {
    await this.run(['push', '-q', '--end-of-options', remote, refspec])
  }
}
