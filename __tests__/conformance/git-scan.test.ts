// Red team, git side, through `scan` (docs/conformance.md): names and refs that make git read a
// revision differently from what a push sends must not hide a model or stop the scan.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import type { ScanReport } from '../../src/types.js'
import { fixture } from '../detect/helpers.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'

let root: string
let repo: TestRepo

beforeAll(() => {
  root = tempDir('mlg-conformance-git-')
  repo = TestRepo.init(join(root, 'repo'))
  repo.write('README.md', '# r\n').commit('start')
})
afterAll(() => cleanup(root))

async function scanJson(args: string[]): Promise<ScanReport> {
  const result = await cli(repo.dir, ['scan', ...args, '--format', 'json'])
  expect(result.stderr).toBe('')
  return JSON.parse(result.stdout) as ScanReport
}

describe('revisions that are also paths', () => {
  it('a branch named like a directory in the working tree is scanned, not refused as ambiguous', async () => {
    repo.git('checkout', '-q', '-b', 'models')
    repo.write('models/knn.pkl', fixture('knn_p4.pkl')).commit('add a model under models/')
    const report = await scanJson(['models', '--not', 'main'])
    expect(report.findings.map((f) => [f.path, f.kind])).toEqual([['models/knn.pkl', 'knn-index']])
    repo.git('checkout', '-q', 'main')
  })
})
