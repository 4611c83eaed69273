// Runs the Action over real git repositories with the environment a GitHub runner gives it, and
// reads back what it wrote (outputs, job summary, annotations, exit code). Two ways: in-process
// (run() from src/main.ts, stdout captured), which is what almost every test needs; and the built
// bundle (dist/index.js) in a child process, for what only the bundle shows (it loads, bundles
// Octokit, exits with the right code).
import { afterAll, beforeAll } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { safetensorsBytes } from '../../src/commands/demo-repository.js'
import { run } from '../../src/main.js'
import { builtCli } from '../hooks/helpers.js'
import { cleanup, IDENTITY, tempDir, TestRepo } from '../helpers/repo.js'
import { FakeGitHub } from './fake-github.js'

/** dist/index.js built once per source state (shared with the CLI the hook tests build). */
export function builtAction(): string {
  return join(dirname(builtCli()), 'index.js')
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

interface RunFiles {
  event: string
  output: string
  summary: string
  temp: string
}

let runs = 0

function prepareRun(call: ActionCall, summary?: string): RunFiles {
  const dir = join(call.scratch, `run-${++runs}`)
  const files = {
    event: join(dir, 'event.json'),
    output: join(dir, 'output'),
    summary: summary ?? join(dir, 'summary.md'),
    temp: join(dir, 'temp')
  }
  mkdirSync(files.temp, { recursive: true })
  writeFileSync(files.event, JSON.stringify(call.payload))
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  return files
}

function collect(files: RunFiles, result: { code: number; stdout: string; stderr: string }): ActionRun {
  return {
    ...result,
    outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    annotations: parseAnnotations(result.stdout)
  }
}

/** The variables a runner sets for a step, and the inputs as INPUT_<NAME> (hyphens kept). */
function runnerEnvironment(call: ActionCall, files: RunFiles): Record<string, string> {
  const inputs = Object.fromEntries(
    Object.entries({ token: 'test-token', ...call.inputs }).map(([name, value]) => [
      `INPUT_${name.toUpperCase()}`,
      value
    ])
  )
  return {
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
    RUNNER_TEMP: files.temp,
    ...inputs
  }
}

/** Runs the bundle asynchronously, so a test's HTTP server keeps answering meanwhile. */
export async function runBundle(bundle: string, call: ActionCall): Promise<ActionRun> {
  const files = prepareRun(call)
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...runnerEnvironment(call, files) }
  return collect(files, await spawnNode(bundle, env, call.workspace))
}

/** @actions/core keeps the first job-summary path it is given (once per test file's modules). */
let summaryFile: string | undefined

/**
 * run() in this process with the runner's variables set (a CI runner's own GITHUB_* and INPUT_*
 * taken away meanwhile), and what it writes to stdout and stderr captured. The exit code is what
 * core.setFailed left in process.exitCode, reset afterwards so the test process does not fail.
 */
export async function runInProcess(call: ActionCall): Promise<ActionRun> {
  summaryFile ??= join(call.scratch, 'summary.md')
  const files = prepareRun(call, summaryFile)
  const restoreEnvironment = replaceRunnerEnvironment(runnerEnvironment(call, files))
  const captured = { stdout: '', stderr: '' }
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write }
  process.stdout.write = ((chunk: unknown) => ((captured.stdout += String(chunk)), true)) as typeof process.stdout.write
  process.stderr.write = ((chunk: unknown) => ((captured.stderr += String(chunk)), true)) as typeof process.stderr.write
  try {
    await run()
  } finally {
    Object.assign(process.stdout, { write: writes.stdout })
    Object.assign(process.stderr, { write: writes.stderr })
    restoreEnvironment()
  }
  const code = Number(process.exitCode ?? 0)
  process.exitCode = undefined
  return collect(files, { code, ...captured })
}

const RUNNER_VARIABLE = /^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/

function replaceRunnerEnvironment(env: Record<string, string>): () => void {
  const saved = { ...process.env }
  for (const name of Object.keys(process.env)) if (RUNNER_VARIABLE.test(name)) delete process.env[name]
  Object.assign(process.env, env)
  return () => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
    Object.assign(process.env, saved)
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

/**
 * An origin whose pull request #7 (`feature`) adds one model of unknown provenance to `main`:
 * `main` and `feature` are the two commits.
 */
export function originWithPullRequest(dir: string): { origin: TestRepo; main: string; feature: string } {
  const origin = TestRepo.init(dir)
  const main = origin.write('README.md', 'app\n').commit('initial')
  origin.git('checkout', '-q', '-b', 'feature')
  const feature = origin
    .write('models/vision.safetensors', safetensorsBytes({ note: 'vision' }, [1, 2, 3]))
    .commit('add a model')
  origin.git('update-ref', 'refs/pull/7/head', feature)
  origin.git('checkout', '-q', 'main')
  return { origin, main, feature }
}

/** What an Action test file shares; `pullRequestWorld` fills it in before the file's tests run. */
export interface PullRequestWorld {
  scratch: string
  /** The origin of originWithPullRequest, and its two commits. */
  origin: TestRepo
  main: string
  feature: string
  /** A local stand-in for the GitHub API, and its URL (GITHUB_API_URL). */
  api: FakeGitHub
  apiUrl: string
  /** A fresh workspace at `ref` as actions/checkout leaves it (depth 1), kept as `keepAs` if given. */
  workspace(ref: string, keepAs?: string): string
}

/**
 * For the calling file: a scratch folder and an origin whose pull request #7 adds a model
 * (originWithPullRequest), made now; a fake GitHub API started before its tests; all removed after.
 */
export function pullRequestWorld(prefix: string): PullRequestWorld {
  const scratch = tempDir(prefix)
  const { origin, main, feature } = originWithPullRequest(join(scratch, 'origin'))
  let workspaces = 0
  const world: PullRequestWorld = {
    scratch,
    origin,
    main,
    feature,
    api: new FakeGitHub(),
    apiUrl: '',
    workspace: (ref, keepAs) =>
      checkoutLikeActions(origin, join(scratch, 'ws', String(++workspaces)), ref, { depth: 1, keepAs }).dir
  }
  beforeAll(async () => {
    world.apiUrl = await world.api.start()
  })
  afterAll(async () => {
    await world.api.stop()
    cleanup(scratch)
  })
  return world
}
