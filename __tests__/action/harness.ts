// Runs the bundled Action (dist/index.js built into a temp dir) as a child process with the
// environment a GitHub runner gives it, over real git repositories, and reads back what it wrote.
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { IDENTITY, TestRepo } from '../helpers/repo.js'

const ROOT = resolve(import.meta.dirname, '../..')

/** Bundles the Action like `npm run package`, into `dir` (a copy of the sources, since the
 * TypeScript plugin insists that tsconfig's outDir lies inside rollup's output dir). */
export function buildAction(dir: string): string {
  for (const file of ['src', 'tsconfig.json', 'rollup.config.ts', 'package.json'])
    cpSync(join(ROOT, file), join(dir, file), { recursive: true })
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  execFileSync(
    join(ROOT, 'node_modules/.bin/rollup'),
    ['--config', 'rollup.config.ts', '--configPlugin', '@rollup/plugin-typescript', '--silent'],
    { cwd: dir, stdio: 'pipe' }
  )
  return join(dir, 'dist/index.js')
}

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** `::error file=...::message` workflow commands, in order. */
  annotations: { level: string; properties: Record<string, string>; message: string }[]
}

export interface ActionCall {
  workspace: string
  eventName: string
  payload: unknown
  inputs?: Record<string, string>
  apiUrl?: string
  /** GITHUB_REF: for schedule, the default branch. */
  githubRef?: string
  /** Scratch dir for the payload, outputs and RUNNER_TEMP. */
  scratch: string
}

let runs = 0

/** Runs the bundle asynchronously, so a test's HTTP server keeps answering meanwhile. */
export async function runAction(bundle: string, call: ActionCall): Promise<ActionRun> {
  const dir = join(call.scratch, `run-${++runs}`)
  mkdirSync(join(dir, 'temp'), { recursive: true })
  const files = { event: join(dir, 'event.json'), output: join(dir, 'output'), summary: join(dir, 'summary.md') }
  writeFileSync(files.event, JSON.stringify(call.payload))
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  const env = runnerEnvironment(call, files, join(dir, 'temp'))
  const { code, stdout, stderr } = await spawnNode(bundle, env, call.workspace)
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    annotations: parseAnnotations(stdout)
  }
}

function runnerEnvironment(
  call: ActionCall,
  files: { event: string; output: string; summary: string },
  temp: string
): NodeJS.ProcessEnv {
  const inputs = Object.fromEntries(
    Object.entries({ token: 'test-token', ...call.inputs }).map(([name, value]) => [
      `INPUT_${name.toUpperCase()}`,
      value
    ])
  )
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...IDENTITY,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: call.eventName,
    GITHUB_EVENT_PATH: files.event,
    ...(call.githubRef === undefined ? {} : { GITHUB_REF: call.githubRef }),
    GITHUB_WORKSPACE: call.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: call.apiUrl ?? 'http://127.0.0.1:9',
    RUNNER_TEMP: temp,
    ...inputs
  }
}

function spawnNode(
  bundle: string,
  env: NodeJS.ProcessEnv,
  cwd: string
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [bundle], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }))
  })
}

/** The file-command format @actions/core writes: `name<<DELIMITER\nvalue\nDELIMITER`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1]] = match[3]
  return outputs
}

function unescapeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')
}

export function parseAnnotations(stdout: string): ActionRun['annotations'] {
  const found: ActionRun['annotations'] = []
  for (const match of stdout.matchAll(/^::(error|warning|notice)( [^:]*)?::(.*)$/gm)) {
    const properties = Object.fromEntries(
      (match[2] ?? '')
        .trim()
        .split(',')
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), unescapeCommand(pair.slice(pair.indexOf('=') + 1))])
    )
    found.push({ level: match[1], properties, message: unescapeCommand(match[3]) })
  }
  return found
}

/**
 * A workspace laid out as actions/checkout makes it: an `origin` remote, `ref` fetched at `depth`
 * (every branch too when the depth is full) and checked out detached; kept as `keepAs` if given.
 */
export function checkoutLikeActions(
  origin: TestRepo,
  workspace: string,
  ref: string,
  options: { depth?: number; keepAs?: string } = {}
): TestRepo {
  const repo = TestRepo.init(workspace)
  const into = options.keepAs ?? 'refs/remotes/checkout'
  repo.git('remote', 'add', 'origin', `file://${origin.dir}`)
  const depthArgs = options.depth === undefined ? [] : [`--depth=${options.depth}`]
  if (options.depth === undefined) repo.git('fetch', '-q', '--no-tags', 'origin', '+refs/heads/*:refs/remotes/origin/*')
  repo.git('fetch', '-q', '--no-tags', ...depthArgs, 'origin', `+${ref}:${into}`)
  repo.git('checkout', '-q', '--detach', into)
  if (!options.keepAs) repo.git('update-ref', '-d', into)
  return repo
}

export function isShallow(repo: TestRepo): boolean {
  return existsSync(join(repo.dir, '.git/shallow'))
}
