// Real hook runs: a CLI built from the current source (once, cached by a hash of src/), a bare
// "origin" and a clone pushing to it, with git and the hooks as the user would run them.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { DEMO_REGISTRY, safetensorsBytes } from '../../src/commands/demo-repository.js'
import { IDENTITY, TestRepo } from '../helpers/repo.js'

/** Rollup can take ~20 s on a busy machine; once per source state, shared by every hook test file. */
export const BUILD_TIMEOUT = 240_000

const ROOT = join(import.meta.dirname, '..', '..')

/**
 * Path of cli.js built from the working tree by bench/build-cli.mjs. MLG_BUILD_ARGS passes it
 * options, e.g. `--head --overlay src/commands/pre-push.ts` while others' edits are in flight.
 */
export function builtCli(): string {
  const extra = (process.env.MLG_BUILD_ARGS ?? '').split(' ').filter(Boolean)
  const out = execFileSync(process.execPath, [join(ROOT, 'bench/build-cli.mjs'), ...extra], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 26
  })
  return out.trim().split('\n').pop() as string
}

/** The environment git and the hooks run with: fixed identity, no user config, no husky opt-out. */
export function hookEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...IDENTITY,
    GIT_CONFIG_GLOBAL: '/dev/null',
    NO_COLOR: '1',
    ...extra
  }
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'HUSKY']) {
    if (!(name in extra)) delete env[name]
  }
  return env
}

export interface PushResult {
  code: number
  /** stdout and stderr together: what the user sees in the terminal. */
  output: string
}

/** Runs a git command that may fail (a push a hook stops), keeping both output streams. */
export function gitMayFail(dir: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): PushResult {
  const result = spawnSync('git', args, { cwd: dir, env: hookEnv(extraEnv), encoding: 'utf8' })
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` }
}

/** A model the demo registry maps to ukbb (restricted): blocks. */
export const RESTRICTED_MODEL = 'models/risk/model.safetensors'
/** A model the demo registry maps to cifar10 (public): passes. */
export const PUBLIC_MODEL = 'models/vision/model.safetensors'

/** Real safetensors bytes, distinct per call so each commit adds a new blob. */
let serial = 0
export function modelBytes(): Buffer {
  serial += 1
  return safetensorsBytes({ format: 'pt', serial: String(serial) }, [serial, 0.5])
}

/**
 * A bare origin whose HEAD is main, and a clone with the demo registry (or `registry`) pushed to
 * main. Built once per registry and test file (next to `root`) and copied: a copy costs a few
 * milliseconds, building one eight git processes. Each copy's clone names its own origin.
 */
export function originAndClone(root: string, registry = DEMO_REGISTRY): { origin: TestRepo; work: TestRepo } {
  const template = join(dirname(root), `.origin-and-clone-${createHash('sha1').update(registry).digest('hex')}`)
  if (!existsSync(template)) buildOriginAndClone(template, registry)
  cpSync(template, root, { recursive: true })
  const origin = new TestRepo(join(root, 'origin.git'))
  const work = new TestRepo(join(root, 'work'))
  // The copy's own origin by its absolute path, as a real clone names it (hooks see the URL).
  const config = join(work.dir, '.git', 'config')
  writeFileSync(config, readFileSync(config, 'utf8').replace(ORIGIN_URL_LINE, `url = ${origin.dir}`))
  return { origin, work }
}

const TEMPLATE_ORIGIN = '@template-origin@'
const ORIGIN_URL_LINE = `url = ${TEMPLATE_ORIGIN}`

function buildOriginAndClone(dir: string, registry: string): void {
  const origin = TestRepo.bare(join(dir, 'origin.git'))
  origin.git('symbolic-ref', 'HEAD', 'refs/heads/main')
  const work = TestRepo.init(join(dir, 'work'))
  work.write('.model-registry.yml', registry).write('README.md', '# project\n').commit('Add the registry')
  work.git('push', '-q', origin.dir, 'main')
  work.git('remote', 'add', 'origin', TEMPLATE_ORIGIN)
  work.git('update-ref', 'refs/remotes/origin/main', 'main') // what the push would have left behind
}

/** The id a ref has in a repository, or null when it does not exist. */
export function refId(repo: TestRepo, ref: string): string | null {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', ref], { cwd: repo.dir, encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : null
}

/**
 * `count` tags, each on an empty commit of its own on top of main: one fast-import, and the tags
 * written straight into packed-refs (a loose ref file each would cost seconds on a busy disk).
 */
export function manyTags(work: TestRepo, count: number): void {
  const base = work.git('rev-parse', 'main').trim()
  const stream: string[] = []
  for (let i = 1; i <= count; i++) {
    const message = `release ${i}\n`
    stream.push(`commit refs/heads/releases\nmark :${i}\ncommitter T <t@example.invalid> ${i} +0000\n`)
    stream.push(`data ${message.length}\n${message}${i === 1 ? `from ${base}\n` : ''}\n`)
  }
  const marks = join(work.dir, '.git', 'release-marks')
  execFileSync('git', ['fast-import', '--quiet', `--export-marks=${marks}`], { cwd: work.dir, input: stream.join('') })
  work.git('update-ref', '-d', 'refs/heads/releases')
  const tags = readFileSync(marks, 'utf8').replace(/^:(\d+) (\w+)$/gm, '$2 refs/tags/v$1')
  const packed = join(work.dir, '.git', 'packed-refs')
  const existing = existsSync(packed) ? readFileSync(packed, 'utf8').replace(/^#.*\n/, '') : ''
  writeFileSync(packed, `${existing}${tags}`) // no "sorted" header: git sorts what it reads
}

/**
 * Linux lets a command line (arguments and environment) take a quarter of the stack limit: 2 MiB
 * by default, 200 KiB under this one (macOS allows 1 MiB, Windows 32K characters). A push of
 * 5,000 refs exceeds 200 KiB as 50,000 would exceed the default, and that many refs take longer
 * to push than the whole suite may.
 */
const SMALL_STACK_KIB = 800

/** A git command with the OS's command-line limit lowered to 200 KiB for it and everything it starts. */
export function gitUnderSmallArgLimit(dir: string, args: string[]): PushResult {
  const script = `ulimit -s ${SMALL_STACK_KIB} && exec git "$@"`
  const result = spawnSync('sh', ['-c', script, 'sh', ...args], { cwd: dir, env: hookEnv(), encoding: 'utf8' })
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` }
}

/** Node under that stack limit: V8 must know its stack is smaller than its default (984 KiB). */
export const NODE_FOR_SMALL_STACK = 'node --stack-size=500'

function pktLine(line: string): Buffer {
  const body = Buffer.from(line, 'utf8')
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, '0')), body])
}

/**
 * A push as any client may send it, in git's receive-pack protocol: one ref update to `work`'s
 * HEAD, and a pack (`git pack-objects`) holding the objects the server lacks for it plus `extra`
 * objects, which no ref need reach. What receive-pack and its hooks print comes back.
 */
export async function pushPackWith(work: TestRepo, bare: string, ref: string, extra: string[]): Promise<string> {
  const tip = work.head()
  const objects = work
    .git('rev-list', '--objects', tip, '--not', '--remotes')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ')[0])
  const pack = execFileSync('git', ['pack-objects', '--stdout'], {
    cwd: work.dir,
    input: [...objects, ...extra].join('\n') + '\n',
    maxBuffer: 1 << 26
  })
  const receive = spawn('git', ['receive-pack', bare], { env: hookEnv(), stdio: ['pipe', 'pipe', 'pipe'] })
  let output = ''
  let advertised = false
  receive.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  receive.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    if (advertised || !output.includes('0000')) return
    advertised = true // the ref advertisement ends with a flush packet: send the command and the pack
    receive.stdin.write(pktLine(`${'0'.repeat(40)} ${tip} ${ref}\0report-status\n`))
    receive.stdin.write('0000')
    receive.stdin.end(pack)
  })
  await new Promise((done) => receive.on('close', done))
  return output
}
