#!/usr/bin/env node
// The memory benchmark: a scan holds a bounded prefix of each blob, never whole large blobs.
// A repository with 12 blobs of 70 MB that all look like zip archives (so detection asks for the
// most it may read: 64 MiB each) is scanned with `--all`; the peak resident memory of the node
// process is measured by GNU time. Before the bound, 12 such blobs peaked near 1 GB.
//   npm run bench:memory                 times dist/cli.js
//   npm run bench:memory -- --cli PATH
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const BLOBS = 12
const BLOB_BYTES = 70 * 1024 * 1024
const REPO = join(tmpdir(), `model-leak-guard-bench-memory-${BLOBS}x${BLOB_BYTES}`)
const cli = process.argv.includes('--cli')
  ? process.argv[process.argv.indexOf('--cli') + 1]
  : join(ROOT, 'dist', 'cli.js')

function buildRepository() {
  if (existsSync(join(REPO, '.git'))) return
  rmSync(REPO, { recursive: true, force: true })
  mkdirSync(REPO, { recursive: true })
  execFileSync('git', ['init', '-q', REPO])
  const chunks = []
  for (let i = 0; i < BLOBS; i++) {
    const bytes = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(BLOB_BYTES - 4)])
    chunks.push(Buffer.from(`blob\nmark :${i + 1}\ndata ${bytes.length}\n`), bytes, Buffer.from('\n'))
  }
  const files = Array.from({ length: BLOBS }, (_, i) => `M 100644 :${i + 1} archives/a${i}.zip\n`).join('')
  const commit = `commit refs/heads/main\ncommitter Bench <b@example.invalid> 0 +0000\ndata 5\nbench\n${files}\n`
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: REPO,
    input: Buffer.concat([...chunks, Buffer.from(commit)]),
    maxBuffer: 1 << 30
  })
}

buildRepository()
const run = spawnSync('/usr/bin/time', ['-f', '%M %e', 'node', cli, 'scan', '--all', '-C', REPO, '--quiet'], {
  encoding: 'utf8'
})
const [peakKb, seconds] = run.stderr.trim().split('\n').pop().split(' ')
console.log(`repository: ${REPO} (${BLOBS} blobs of ${BLOB_BYTES / 2 ** 20} MiB, each looks like a zip)`)
console.log(run.stdout.trim())
console.log(`peak resident memory of the scan: ${Math.round(Number(peakKb) / 1024)} MiB in ${seconds} s`)
