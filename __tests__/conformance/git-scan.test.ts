// Red team, git side, through `scan` (docs/conformance.md): names and refs that make git read a
// revision differently from what a push sends must not hide a model or stop the scan.
import { describe, expect, it } from '@jest/globals'
import { symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ScanReport } from '../../src/types.js'
import { fixture } from '../detect/helpers.js'
import { cli, repoForFile } from '../helpers/repo.js'

const { root, repo } = repoForFile('mlg-conformance-git-', (work) => work.write('README.md', '# r\n').commit('start'))

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

describe('symlinks', () => {
  it('a blob committed as a symlink is judged by its content: model bytes are reported, a link target is not', async () => {
    repo.git('checkout', '-q', '-b', 'links', 'main')
    const model = join(root, 'model.bin')
    writeFileSync(model, fixture('knn_p4.pkl'))
    const blob = repo.git('hash-object', '-w', '--', model).trim()
    repo.write('models/epoch1.pt', fixture('state_dict.pt'))
    symlinkSync('epoch1.pt', join(repo.dir, 'models/latest.pt'))
    repo.git('add', 'models')
    // Only in the index: the working tree has no such symlink, so git add -A would drop it.
    repo.git('update-index', '--add', '--cacheinfo', `120000,${blob},hidden/knn.pkl`)
    repo.git('commit', '-qm', 'a model as a symlink, and a real symlink to a model')
    const report = await scanJson(['links', '--not', 'main'])
    expect(report.findings.map((f) => [f.path, f.kind]).sort()).toEqual([
      ['hidden/knn.pkl', 'knn-index'],
      ['models/epoch1.pt', 'weights']
    ])
    expect(report.stats.blobs).toBe(3)
    repo.git('checkout', '-q', 'main')
  })
})
