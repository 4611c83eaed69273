#!/usr/bin/env node
// Builds the CLI from the current source into a cache directory, without touching dist/
// (npm run package owns that), and prints the path of the built cli.js. The cache is keyed by a
// hash of everything that goes into the bundle, so tests and the benchmark share one build.
//   node bench/build-cli.mjs            → /tmp/model-leak-guard-cli-<hash>/dist/cli.js
//   node bench/build-cli.mjs --head [--overlay PATH...]
//       builds the committed HEAD (plus these working-tree files) when others' edits are in flight
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const INPUTS = ['src', 'rollup.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json']

function files(path) {
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)))
}

const args = process.argv.slice(2)
const fromHead = args.includes('--head')
const overlay = args.includes('--overlay') ? args.slice(args.indexOf('--overlay') + 1) : []

function git(...gitArgs) {
  return execFileSync('git', gitArgs, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 })
}

function sourceHash() {
  const hash = createHash('sha256')
  if (fromHead) hash.update(git('rev-parse', ...INPUTS.map((input) => `HEAD:${input}`)))
  const worktree = fromHead ? overlay : INPUTS
  for (const file of worktree.flatMap((input) => files(join(root, input)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

/** The bundle's inputs as they are in the working tree, or as committed plus the overlay files. */
function copyInputs(work) {
  if (fromHead)
    execFileSync('sh', ['-c', `git archive HEAD -- ${INPUTS.join(' ')} | tar -x -C '${work}'`], { cwd: root })
  for (const input of fromHead ? overlay : INPUTS) cpSync(join(root, input), join(work, input), { recursive: true })
}

/** Rollup with the project's own config, in a copy of the inputs (its outDir check wants dist/ inside). */
function build(into) {
  const work = mkdtempSync(`${into}.building-`)
  copyInputs(work)
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir')
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/rollup/dist/bin/rollup'),
      '--config',
      'rollup.config.ts',
      '--configPlugin',
      '@rollup/plugin-typescript',
      '--silent'
    ],
    { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] }
  )
  try {
    renameSync(work, into) // atomic: a parallel build that finished first wins, ours is dropped
  } catch {
    rmSync(work, { recursive: true, force: true })
  }
}

/** One build at a time per source state: parallel test workers wait for the first one's result. */
function buildOnce(cache) {
  const lock = `${cache}.lock`
  const deadline = Date.now() + 5 * 60_000
  for (;;) {
    if (existsSync(join(cache, 'dist/cli.js'))) return
    try {
      mkdirSync(lock)
      break
    } catch {
      if (Date.now() > deadline || Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 5 * 60_000) break // a stale lock
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200)
    }
  }
  try {
    if (!existsSync(join(cache, 'dist/cli.js'))) build(cache)
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

const cache = join(tmpdir(), `model-leak-guard-cli-${sourceHash()}`)
buildOnce(cache)
process.stdout.write(`${join(cache, 'dist/cli.js')}\n`)
