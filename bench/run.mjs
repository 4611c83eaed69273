#!/usr/bin/env node
// The one benchmark (issue #13). Builds synthetic repositories once into a cache folder, then
// measures, several times each, and writes bench/RESULTS.md (machine, date, table):
//   - a full audit (`scan main --format json`) at three sizes against git's own object walk
//     (`git rev-list --objects main | git cat-file --batch-check`), timed in the same run;
//   - the pre-push hook over 10 new commits on the largest history against `node -e 0`;
//   - peak resident memory of a scan with one 1 GiB blob, and with twelve 70 MB zip-looking blobs;
//   - bytes read per blob.
// It stays out of `npm test`: timings belong here, never in jest.
//   npm run bench                        dist/cli.js, every size
//   npm run bench -- --build             a build of the current source (bench/build-cli.mjs)
//   npm run bench -- --cli PATH --sizes S,M --runs 3 --label before --no-write
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const CACHE = join(tmpdir(), 'model-leak-guard-bench-v2')
const ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' }
delete ENV.NODE_EXTRA_CA_CERTS // a build machine's CA bundle costs every node start ~40 ms; developers rarely have one

/** Blobs per commit after the first; every size has one model per 100 commits. */
const CHANGES_PER_COMMIT = 5
const SIZES = {
  S: { commits: 5_000, models: 50 },
  M: { commits: 10_000, models: 100 },
  L: { commits: 20_000, models: 200 }
}
const PUSHED = 10
const TARGETS = { auditRatio: 1.5, hookRatio: 2, hookMs: 250, hugeRssMiB: 150 }

const REGISTRY = `version: 1
datasets:
  - { id: cifar10, label: public }
models:
  - { path: "models/**", trained_on: [cifar10] }
`

function option(name, fallback) {
  const at = process.argv.indexOf(name)
  return at < 0 ? fallback : process.argv[at + 1]
}

function git(dir, args, input) {
  return execFileSync('git', args, { cwd: dir, env: ENV, input, encoding: 'utf8', maxBuffer: 1 << 30 })
}

/** A spec-exact safetensors file (same layout as src/commands/demo-repository.ts writes). */
function safetensors(seed) {
  const data = Buffer.from(new Float32Array([seed, seed / 2]).buffer)
  const header = JSON.stringify({ weight: { dtype: 'F32', shape: [2], data_offsets: [0, data.length] } })
  const length = Buffer.alloc(8)
  length.writeBigUInt64LE(BigInt(Buffer.byteLength(header)))
  return Buffer.concat([length, Buffer.from(header), data])
}

function data(content) {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content)
  return Buffer.concat([Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n')])
}

function commitChunk(n, files) {
  const head = `commit refs/heads/main\nmark :${n}\ncommitter Bench <bench@example.invalid> ${1_700_000_000 + n * 60} +0000\n`
  const parts = [Buffer.from(head), data(`commit ${n}\n`)]
  if (n > 1) parts.push(Buffer.from(`from :${n - 1}\n`))
  for (const [path, content] of files) parts.push(Buffer.from(`M 100644 inline ${path}\n`), data(content))
  return Buffer.concat(parts)
}

/** Commit n changes CHANGES_PER_COMMIT of 1,000 paths; every (commits/models)th commit also adds a model. */
function filesOf(n, size) {
  if (n === 1) return [['.model-registry.yml', REGISTRY]]
  const files = []
  for (let j = 0; j < CHANGES_PER_COMMIT; j++) {
    const i = (n * CHANGES_PER_COMMIT + j) % 1000
    files.push([`src/d${i % 50}/f${i}.txt`, `file ${i} at ${n}\n`])
  }
  const every = Math.floor(size.commits / size.models)
  if (n <= size.commits && n % every === 0) files.push([`models/m${n}.safetensors`, safetensors(n)])
  if (n > size.commits && n % 3 === 0) files.push([`models/pushed${n}.safetensors`, safetensors(n)])
  return files
}

/** Builds once (atomically: a finished cache folder is never half-written) and returns the path. */
function cached(name, build) {
  const dir = join(CACHE, name)
  if (existsSync(join(dir, '.git'))) return dir
  mkdirSync(CACHE, { recursive: true })
  const work = mkdtempSync(`${dir}.building-`)
  git(work, ['init', '-q', '-b', 'main'])
  build(work)
  try {
    renameSync(work, dir)
  } catch {
    rmSync(work, { recursive: true, force: true })
  }
  return dir
}

function fastImport(dir, chunks) {
  const child = spawnSync('git', ['fast-import', '--quiet'], {
    cwd: dir,
    env: ENV,
    input: Buffer.concat(chunks),
    maxBuffer: 1 << 30
  })
  if (child.status !== 0) throw new Error(`git fast-import failed: ${child.stderr}`)
}

/** History of `commits` commits, then PUSHED more on main; origin/main is where the push starts. */
function historyRepository(label) {
  const size = SIZES[label]
  return cached(`history-${label}-${size.commits}`, (work) => {
    const chunks = []
    for (let n = 1; n <= size.commits + PUSHED; n++) chunks.push(commitChunk(n, filesOf(n, size)))
    fastImport(work, chunks)
    git(work, ['update-ref', 'refs/remotes/origin/main', `main~${PUSHED}`])
    git(work, ['remote', 'add', 'origin', 'https://git.example.invalid/bench.git'])
  })
}

/** One commit holding `count` blobs of `bytes` each that start like a zip (detection wants the most). */
function bigBlobRepository(name, count, bytes, fill) {
  return cached(name, (work) => {
    const chunks = []
    const files = []
    for (let i = 0; i < count; i++) {
      const head = Buffer.from(`blob\nmark :${i + 1}\ndata ${bytes}\nPK\x03\x04`, 'latin1')
      chunks.push(head, fill(bytes - 4, i), Buffer.from('\n'))
      files.push(`M 100644 :${i + 1} archives/a${i}.zip\n`)
    }
    chunks.push(
      Buffer.from(
        `commit refs/heads/main\ncommitter Bench <b@example.invalid> 0 +0000\ndata 5\nbench\n${files.join('')}\n`
      )
    )
    fastImport(work, chunks)
  })
}

function noisyBytes(length, seed) {
  // Cheap, incompressible enough for zlib to work, and deterministic (a cache keyed by name stays valid).
  const block = createHash('sha512').update(`seed ${seed}`).digest()
  const out = Buffer.allocUnsafe(length)
  for (let at = 0; at < length; at += block.length) block.copy(out, at, 0, Math.min(block.length, length - at))
  for (let at = 0; at < length; at += 4096) out[at] = (at / 4096) & 0xff
  return out
}

function timed(command, args, options = {}) {
  const started = process.hrtime.bigint()
  const result = spawnSync(command, args, { env: ENV, encoding: 'utf8', maxBuffer: 1 << 30, ...options })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  }
  return { ms, stdout: result.stdout, stderr: result.stderr }
}

/** Peak RSS (MiB) and wall seconds of one process, by GNU time. */
function peak(command, args, options = {}) {
  const result = spawnSync('/usr/bin/time', ['-f', '%M %e', command, ...args], {
    env: ENV,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    ...options
  })
  const [kb, seconds] = result.stderr.trim().split('\n').pop().split(' ').map(Number)
  return { mib: kb / 1024, seconds, stdout: result.stdout }
}

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    median: sorted[Math.floor((sorted.length - 1) / 2)],
    min: sorted[0],
    max: sorted[sorted.length - 1],
    n: sorted.length
  }
}

/** Runs each measure in turn, `runs` rounds, so load from other work falls on all of them alike. */
function interleaved(runs, measures) {
  for (const run of Object.values(measures)) run() // warm the page cache; not counted
  const samples = Object.fromEntries(Object.keys(measures).map((name) => [name, []]))
  for (let round = 0; round < runs; round++) {
    for (const [name, run] of Object.entries(measures)) samples[name].push(run())
  }
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, summary(list)]))
}

function floorCommand(repo) {
  return ['sh', ['-c', 'git rev-list --objects main | git cat-file --batch-check >/dev/null'], { cwd: repo }]
}

function measureAudit(cli, label, runs) {
  const repo = historyRepository(label)
  const [floorCmd, floorArgs, floorOptions] = floorCommand(repo)
  const audit = () => timed(process.execPath, [cli, 'scan', 'main', '--format', 'json'], { cwd: repo })
  const report = JSON.parse(audit().stdout)
  const times = interleaved(runs, {
    audit: () => audit().ms,
    floor: () => timed(floorCmd, floorArgs, floorOptions).ms
  })
  const memory = peak(process.execPath, [cli, 'scan', 'main', '--format', 'json'], { cwd: repo })
  return { label, repo, stats: report.stats, times, rssMiB: memory.mib }
}

function measureHook(cli, runs) {
  const repo = historyRepository('L')
  const [local, remote] = git(repo, ['rev-parse', 'main', 'origin/main']).trim().split('\n')
  const input = `refs/heads/main ${local} refs/heads/main ${remote}\n`
  const hook = () =>
    timed(process.execPath, [cli, 'pre-push', 'origin', 'https://git.example.invalid/bench.git'], { cwd: repo, input })
  const sample = hook().stderr
  if (!/scanned 10 commits/.test(sample))
    throw new Error(`the hook did not scan the 10 commits (stale build?):\n${sample}`)
  return interleaved(runs, {
    hook: () => hook().ms,
    'node -e 0': () => timed(process.execPath, ['-e', '0']).ms,
    'node cli.js --version': () => timed(process.execPath, [cli, '--version']).ms
  })
}

function measureMemory(cli) {
  const huge = bigBlobRepository('huge-1gib', 1, 1 << 30, (length) => Buffer.alloc(length))
  const twelve = bigBlobRepository('twelve-70mb', 12, 70 << 20, (length, i) => noisyBytes(length, i))
  return {
    huge: peak(process.execPath, [cli, 'scan', '--all', '--quiet'], { cwd: huge }),
    twelve: peak(process.execPath, [cli, 'scan', '--all', '--quiet'], { cwd: twelve })
  }
}

function cliPath() {
  if (process.argv.includes('--build')) {
    const out = execFileSync(process.execPath, [join(ROOT, 'bench/build-cli.mjs')], { encoding: 'utf8' })
    return out.trim().split('\n').pop()
  }
  return option('--cli', join(ROOT, 'dist/cli.js'))
}

const fmt = (ms) => `${Math.round(ms)}`
const spread = (s) => `${fmt(s.min)}–${fmt(s.max)}`
const verdict = (ok) => (ok ? 'met' : '**not met**')

function table(results) {
  const rows = ['| figure | median | spread (min–max) | target | |', '| --- | ---: | ---: | --- | --- |']
  for (const audit of results.audits) {
    const { stats, times } = audit
    const ratio = times.audit.median / times.floor.median
    const what = `${stats.commits} commits, ${stats.blobs} blobs, ${stats.artifacts} models`
    rows.push(
      `| audit ${audit.label} (${what}): \`scan main\` | ${fmt(times.audit.median)} ms | ${spread(times.audit)} ms | | |`
    )
    rows.push(
      `| audit ${audit.label}: floor \`rev-list --objects \\| cat-file --batch-check\` | ${fmt(times.floor.median)} ms | ${spread(times.floor)} ms | | |`
    )
    rows.push(
      `| audit ${audit.label}: ratio to the floor | **${ratio.toFixed(2)}x** | | ≤ ${TARGETS.auditRatio}x | ${verdict(ratio <= TARGETS.auditRatio)} |`
    )
    rows.push(
      `| audit ${audit.label}: per 1,000 blobs / peak RSS / bytes read per blob | ${(times.audit.median / (stats.blobs / 1000)).toFixed(1)} ms / ${Math.round(audit.rssMiB)} MiB / ${Math.round(stats.bytesRead / Math.max(1, stats.blobs))} B | | linear | |`
    )
  }
  if (results.hook) {
    const { hook } = results
    const ratio = hook.hook.median / hook['node -e 0'].median
    rows.push(
      `| pre-push, 10 new commits on ${SIZES.L.commits} | ${fmt(hook.hook.median)} ms | ${spread(hook.hook)} ms | ≤ ${TARGETS.hookMs} ms | ${verdict(hook.hook.median <= TARGETS.hookMs)} |`
    )
    rows.push(
      `| \`node -e 0\` (process start) | ${fmt(hook['node -e 0'].median)} ms | ${spread(hook['node -e 0'])} ms | | |`
    )
    rows.push(
      `| \`node cli.js --version\` (start + load) | ${fmt(hook['node cli.js --version'].median)} ms | ${spread(hook['node cli.js --version'])} ms | | |`
    )
    rows.push(
      `| pre-push ratio to \`node -e 0\` | **${ratio.toFixed(2)}x** | | ≤ ${TARGETS.hookRatio}x | ${verdict(ratio <= TARGETS.hookRatio)} |`
    )
  }
  if (results.memory) {
    const { huge, twelve } = results.memory
    rows.push(
      `| peak RSS, one 1 GiB blob (\`scan --all\`) | ${Math.round(huge.mib)} MiB | ${huge.seconds} s | ≤ ${TARGETS.hugeRssMiB} MiB | ${verdict(huge.mib <= TARGETS.hugeRssMiB)} |`
    )
    rows.push(`| peak RSS, twelve 70 MB zip-looking blobs | ${Math.round(twelve.mib)} MiB | ${twelve.seconds} s | | |`)
  }
  return rows.join('\n')
}

function machine() {
  const version = (command) => execFileSync(command, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0]
  return `${cpus().length} × ${cpus()[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${version('git')}, node ${process.version}`
}

function main() {
  const runs = Number(option('--runs', '5'))
  const sizes = option('--sizes', 'S,M,L').split(',')
  const only = option('--only', 'audit,hook,memory').split(',')
  const cli = cliPath()
  const started = new Date()
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  const results = {
    audits: only.includes('audit') ? sizes.map((label) => measureAudit(cli, label, runs)) : [],
    hook: only.includes('hook') ? measureHook(cli, Math.max(runs, 21)) : undefined,
    memory: only.includes('memory') ? measureMemory(cli) : undefined
  }
  const label = option('--label', 'latest')
  const section = [
    `## ${label}: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${machine()}; load average at start ${load}. CLI: \`${cli.replace(ROOT, '.')}\`. ` +
      `Audits: ${runs} runs each, interleaved with the floor, after one warm-up; hook: ${Math.max(runs, 21)} runs.`,
    '',
    table(results),
    ''
  ].join('\n')
  process.stdout.write(`${section}\n`)
  if (!process.argv.includes('--no-write')) writeSection(label, section)
}

/** Keeps one section per label in bench/RESULTS.md (e.g. `before` and `latest`), replacing its own. */
function writeSection(label, section) {
  const file = join(ROOT, 'bench/RESULTS.md')
  const header =
    '# Benchmark results\n\nWritten by `npm run bench` (bench/run.mjs); see docs/hooks.md#speed for what is measured and why.\n\n'
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : header
  const sections = existing.split(/(?=^## )/m)
  const kept = sections.filter((part, i) => i === 0 || !part.startsWith(`## ${label}:`))
  writeFileSync(file, [...kept.map((part) => part.trimEnd() + '\n\n'), section].join('').replace(/\n{3,}/g, '\n\n'))
}

main()
