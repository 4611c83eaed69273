// Red team, format side (docs/conformance.md), through `scan`: a pickle file holds several pickles
// in a row (`pickle.load(f)` once per object). A KNeighborsClassifier behind data pickles (past the
// walker's pickle limit, or cut by the pickle read) must not pass as plain data. The detect-level
// class (every walk that leaves bytes unseen) is in __tests__/detect/pickle-streams.test.ts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { LIMITS } from '../../src/detect/index.js'
import type { ScanReport } from '../../src/types.js'
import { bytesListPickle, fixture } from '../detect/helpers.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'

const KNN = fixture('knn_p4.pkl') // real sklearn KNeighborsClassifier, protocol 4
const DATA = fixture('dict_p1.pkl') // real pickle of a plain dict

let root: string
let repo: TestRepo

beforeAll(() => {
  root = tempDir('mlg-conformance-pickles-')
  repo = TestRepo.init(join(root, 'repo'))
  const full = Array.from({ length: LIMITS.pickle.maxPickles }, () => DATA)
  repo.write('exports/after-the-limit', Buffer.concat([...full, KNN]))
  // One data pickle that ends 40 bytes before the pickle read, then the model, cut by that read
  // (padding after it keeps the blob's tail, read besides the prefix, from reaching back to it).
  const padding = Buffer.alloc(LIMITS.tailBytes)
  repo.write('exports/after-big-data', Buffer.concat([bytesListPickle(LIMITS.reads.pickle - 52), KNN, padding]))
  repo.write('exports/data-only', Buffer.concat([DATA, DATA]))
  repo.commit('Add pickle streams')
})

afterAll(() => cleanup(root))

describe('a KNN pickle behind data pickles in the same file', () => {
  let report: ScanReport
  let code: number
  beforeAll(async () => {
    const result = await cli(repo.dir, ['scan', '--all', '--format', 'json'])
    report = JSON.parse(result.stdout) as ScanReport
    code = result.code
  })

  it.each(['exports/after-the-limit', 'exports/after-big-data'])('%s is not passed as plain data', (path) => {
    const finding = report.findings.find((f) => f.path === path)
    expect(finding).toMatchObject({ kind: 'unknown', verdict: 'block' })
    expect(code).toBe(1)
  })

  it('two data pickles walked to the end are still data', () => {
    expect(report.findings.find((f) => f.path === 'exports/data-only')).toMatchObject({ kind: 'data' })
  })
})
