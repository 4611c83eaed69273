// A release of this package as users get it, built from the current source: a git checkout tagged
// vX.Y.Z with dist/ committed (what `npm i github:…#vX.Y.Z`, pre-commit and a clone see) and the
// tarball `npm pack` makes from it (what a release attaches). npm runs offline with an empty cache,
// so every install proves that nothing is fetched.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { VERSION } from '../../src/version.js'
import { IDENTITY } from '../helpers/repo.js'
import { builtCli, hookEnv } from '../hooks/helpers.js'

const ROOT = join(import.meta.dirname, '..', '..')
export const TAG = `v${VERSION}`

/** The files a commit of this repository holds (tracked, or new and not ignored), except dist/. */
function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8'
  })
  return listed.split('\0').filter((path) => path && !path.startsWith('dist/'))
}

/** A git repository at `dir` holding this project with dist/ built from the current source, tagged TAG. */
export function releaseCheckout(dir: string): string {
  for (const path of sourceFiles()) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    try {
      copyFileSync(join(ROOT, path), join(dir, path))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error // deleted in the working tree
    }
  }
  cpSync(dirname(builtCli()), join(dir, 'dist'), { recursive: true })
  chmodSync(join(dir, 'dist/cli.js'), 0o755) // as `npm run package` leaves it
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, env: hookEnv(), encoding: 'utf8', stdio: 'pipe' })
  git('init', '-q', '-b', 'main')
  git('add', '-A')
  git('commit', '-q', '-m', `Release ${TAG}`)
  git('tag', TAG)
  return dir
}

/** `npm pack` of a release checkout into `outDir`; returns the tarball's path and what npm listed. */
export function packRelease(checkout: string, outDir: string): { tarball: string; files: string[] } {
  mkdirSync(outDir, { recursive: true })
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
    cwd: checkout,
    env: npmEnv(outDir),
    encoding: 'utf8'
  })
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[]
  return { tarball: join(outDir, packed.filename), files: packed.files.map((file) => file.path) }
}

/** npm offline, with an empty cache of its own and no user config: an install that needs the network fails. */
export function npmEnv(root: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const userconfig = join(root, '.npmrc-empty')
  writeFileSync(userconfig, '')
  return hookEnv({
    npm_config_cache: join(root, '.npm-cache'),
    npm_config_userconfig: userconfig,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra
  })
}

export interface Run {
  code: number
  output: string
}

/** Runs a program that may fail, keeping stdout and stderr together as a terminal shows them. */
export function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv): Run {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' })
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}${result.error ?? ''}` }
}

/** As run, without blocking the event loop (a server in this process must answer). */
export function runAsync(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(command, args, { cwd, env })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ code: -1, output: `${output}${error}` }))
    child.on('close', (code) => resolve({ code: code ?? -1, output }))
  })
}

/** A fresh project (a Python ML project: a package.json only for the tooling), a git repository. */
export function freshProject(dir: string): string {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), '{ "name": "ml-project", "private": true }\n')
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env: { ...process.env, ...IDENTITY } })
  return dir
}
