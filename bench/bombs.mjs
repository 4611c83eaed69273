#!/usr/bin/env node
// Decompression bombs against the real CLI (`npm run bench:bombs`): each bomb is committed to a
// temp repository and scanned by a fresh `node dist/cli.js scan` process, timed, with its peak RSS
// (GNU time). Every scan must end within TIME_MS and MAX_RSS_MB and report (a finding or a clean
// scan), never crash. Bombs: zip (one member, 512 MiB of zeros), gzip, xz, bzip2, zstd, lz4 of the same
// of zeros, a gzip of a tar of the zip bomb (nested), a zip of 4096 zip bombs (member count).
//   npm run bench:bombs                  uses dist/cli.js (after npm run package)
//   npm run bench:bombs -- --cli PATH
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const TIME_MS = 20_000
const MAX_RSS_MB = 700
const ZEROS = 512 * 1024 * 1024
const ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' }

function option(name, fallback) {
  const at = process.argv.indexOf(name)
  return at < 0 ? fallback : process.argv[at + 1]
}

/** `command` reading `bytes` zeros on stdin, its output written to `file`. */
function compressZeros(dir, file, command, args) {
  execFileSync('sh', ['-c', `head -c ${ZEROS} /dev/zero | ${command} ${args.join(' ')} > '${file}'`], { cwd: dir })
}

function makeBombs(dir) {
  compressZeros(dir, 'zeros.gz', 'gzip', ['-9'])
  compressZeros(dir, 'zeros.xz', 'xz', ['-9', '-T1'])
  compressZeros(dir, 'zeros.bz2', 'bzip2', ['-9'])
  compressZeros(dir, 'zeros.zst', 'zstd', ['-19', '-q'])
  compressZeros(dir, 'zeros.lz4', 'lz4', ['-9', '-q'])
  execFileSync('sh', ['-c', `head -c ${ZEROS} /dev/zero > zeros.bin && zip -q -9 bomb.zip zeros.bin && rm zeros.bin`], {
    cwd: dir
  })
  execFileSync('sh', ['-c', 'tar cf - bomb.zip | gzip -9 > nested.tar.gz'], { cwd: dir })
  execFileSync(
    'sh',
    [
      '-c',
      `mkdir many && for i in $(seq 1 64); do cp bomb.zip many/b$i.zip; done && zip -q -0 -r many.zip many && rm -r many`
    ],
    { cwd: dir }
  )
  return ['zeros.gz', 'zeros.xz', 'zeros.bz2', 'zeros.zst', 'zeros.lz4', 'bomb.zip', 'nested.tar.gz', 'many.zip']
}

function scanOne(cli, dir, file) {
  const repo = mkdtempSync(join(tmpdir(), 'mlg-bomb-repo-'))
  try {
    const git = (...args) => execFileSync('git', args, { cwd: repo, env: ENV, stdio: 'pipe' })
    git('init', '-q', '-b', 'main')
    writeFileSync(join(repo, file), readFileSync(join(dir, file)))
    git('add', '-A')
    git('-c', 'user.name=b', '-c', 'user.email=b@example.invalid', 'commit', '-q', '-m', 'bomb')
    const started = process.hrtime.bigint()
    const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'scan', '--format', 'json'], {
      cwd: repo,
      env: ENV,
      encoding: 'utf8',
      maxBuffer: 1 << 26
    })
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    const rssMb = Number(run.stderr.trim().split('\n').pop()) / 1024
    const report = run.status === 0 || run.status === 1 ? JSON.parse(run.stdout) : null
    return {
      file,
      ms,
      rssMb,
      status: run.status,
      findings: report?.findings.map((f) => `${f.kind}: ${f.detail.reason ?? f.format}`)
    }
  } finally {
    rmSync(repo, { recursive: true, force: true })
  }
}

const cli = option('--cli', join(ROOT, 'dist', 'cli.js'))
const dir = mkdtempSync(join(tmpdir(), 'mlg-bombs-'))
let failed = false
try {
  for (const file of makeBombs(dir)) {
    const result = scanOne(cli, dir, file)
    const ok = result.status !== null && result.status <= 1 && result.ms <= TIME_MS && result.rssMb <= MAX_RSS_MB
    failed ||= !ok
    const size = readFileSync(join(dir, file)).length
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${file.padEnd(14)} ${String(size).padStart(9)} B  ${result.ms.toFixed(0).padStart(6)} ms  ${result.rssMb.toFixed(0).padStart(4)} MB RSS  exit ${result.status}  ${JSON.stringify(result.findings ?? [])}`
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
console.log(`bounds: ${TIME_MS} ms and ${MAX_RSS_MB} MB RSS per scan`)
process.exit(failed ? 1 : 0)
