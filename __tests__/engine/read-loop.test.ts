// The streaming read loop over real repositories: blobs read while git log streams, more blobs
// than the loop keeps in flight or in its backlog, tips that are not commits, and the one range
// check that decides whether the full object walk runs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { DEMO_REGISTRY, safetensorsBytes } from '../../src/commands/demo-repository.js'
import { hasNegativeSide } from '../../src/range/leaving.js'
import type { ScanReport } from '../../src/types.js'
import { cleanup, cli, IDENTITY, tempDir, TestRepo } from '../helpers/repo.js'

let root: string
beforeAll(() => {
  root = tempDir('mlg-read-loop-')
})
afterAll(() => cleanup(root))

async function report(dir: string, ...range: string[]): Promise<{ code: number; report: ScanReport }> {
  const result = await cli(dir, ['scan', '--format', 'json', ...range])
  return { code: result.code, report: JSON.parse(result.stdout) as ScanReport }
}

describe('the read loop', () => {
  it('reads every blob of a history larger than its backlog, and finds the model among them', async () => {
    const repo = TestRepo.init(join(root, 'many'))
    const blobs = 9000 // above the backlog (4096) that holds git log back, and many times the requests in flight
    const files = Array.from(
      { length: blobs },
      (_, i) => `M 100644 inline src/d${i % 90}/f${i}.txt\ndata <<EOF\nfile ${i}\nEOF\n`
    )
    const model = safetensorsBytes({ n: '1' }, [1, 2])
    const stream = Buffer.concat([
      Buffer.from(`commit refs/heads/main\ncommitter T <t@example.invalid> 0 +0000\ndata 1\na\n`),
      Buffer.from(`M 100644 inline .model-registry.yml\ndata ${Buffer.byteLength(DEMO_REGISTRY)}\n${DEMO_REGISTRY}\n`),
      Buffer.from(files.join('')),
      Buffer.from(`M 100644 inline models/risk/weights.bin\ndata ${model.length}\n`),
      model,
      Buffer.from('\n\n')
    ])
    execFileSync('git', ['fast-import', '--quiet'], {
      cwd: repo.dir,
      input: stream,
      env: { ...process.env, ...IDENTITY }
    })
    const { code, report: scanned } = await report(repo.dir, 'main')
    expect(scanned.stats.blobs).toBe(blobs + 2)
    expect(scanned.findings.map((f) => [f.path, f.format, f.verdict])).toEqual([
      ['models/risk/weights.bin', 'safetensors', 'block']
    ])
    expect(code).toBe(1)
  })

  it('scans a tag that points at a blob (a tip that is not a commit) in a range with nothing excluded', async () => {
    const repo = TestRepo.init(join(root, 'blob-tag'))
    repo.write('.model-registry.yml', DEMO_REGISTRY).commit('registry')
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], {
      cwd: repo.dir,
      input: safetensorsBytes({ tagged: 'yes' }, [3, 4])
    })
      .toString()
      .trim()
    repo.git('tag', 'weights', blob)
    const { report: scanned } = await report(repo.dir, '--all')
    expect(scanned.findings.map((f) => [f.blob, f.format])).toEqual([[blob, 'safetensors']])
  })
})

describe('hasNegativeSide', () => {
  it('says yes to anything that may exclude, no to plain tips and ref patterns', () => {
    for (const range of [['a', '^b'], ['a..b'], ['a...b'], ['a', '--not', 'b'], ['a^!'], ['a^-'], ['a^-2']]) {
      expect([range, hasNegativeSide(range)]).toEqual([range, true])
    }
    for (const range of [['main'], ['--all'], ['HEAD', 'v1.0'], ['--branches', '--tags'], ['a^@'], ['a~3']]) {
      expect([range, hasNegativeSide(range)]).toEqual([range, false])
    }
  })
})
