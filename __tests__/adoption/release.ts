// A release of this package as users get it, built from the current source: a git checkout tagged
// vX.Y.Z with dist/ committed (what `npm i github:…#vX.Y.Z`, pre-commit and a clone see) and the
// tarball `npm pack` makes from it (what a release attaches). npm runs offline with an empty cache,
// so every install proves that nothing is fetched.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { basename, dirname, join } from 'node:path'
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
  return listed.split('\0').filter((path) => path && !/^(dist|node_modules)(\/|$)/.test(path))
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

/** This project's release as npm would publish it: checked out under `root`/release, packed into `root`/packs. */
export function releaseTarball(root: string): string {
  return packRelease(releaseCheckout(join(root, 'release')), join(root, 'packs')).tarball
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

export interface LocalRegistry {
  url: string
  close(): Promise<void>
}

/** An npm registry on 127.0.0.1 serving these tarballs, one version per package: real npm, no network. */
export async function localRegistry(tarballs: string[]): Promise<LocalRegistry> {
  const packages = new Map(tarballs.map((tarball) => [manifestOf(tarball).name as string, tarball]))
  const server = createServer((request, response) => {
    const [, name, dash, file] = (request.url ?? '').split('/')
    const tarball = packages.get(decodeURIComponent(name))
    if (!tarball) return void response.writeHead(404).end('{}')
    if (dash === '-' && file === basename(tarball)) return void response.writeHead(200).end(readFileSync(tarball))
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument(tarball, url)))
  })
  await new Promise<void>((settle) => server.listen(0, '127.0.0.1', settle))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return { url, close: () => new Promise((settle) => server.close(() => settle())) }
}

function manifestOf(tarball: string): Record<string, unknown> {
  return JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }))
}

/** What the registry answers for a package name: its one version, with where and how to check its tarball. */
function packument(tarball: string, registry: string): Record<string, unknown> {
  const manifest = manifestOf(tarball)
  const bytes = readFileSync(tarball)
  const dist = {
    tarball: `${registry}${manifest.name}/-/${basename(tarball)}`,
    integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
    shasum: createHash('sha1').update(bytes).digest('hex')
  }
  const version = manifest.version as string
  return { name: manifest.name, 'dist-tags': { latest: version }, versions: { [version]: { ...manifest, dist } } }
}
