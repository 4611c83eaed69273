// Each policy rule of #11 through `model-leak-guard scan` on a real repository, one branch per rule
// (the Action's tests scan the same branches as pull requests). `scan` judges by the working tree's
// registry and knows no destination; hooks/policy-rules.test.ts runs the rules through real pushes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanup, cli, tempDir } from '../helpers/repo.js'
import { findingAt, policyCasesRepo, policyRegistry, verdictsByPath, type PolicyCases } from '../helpers/policy.js'

let root: string
let cases: PolicyCases

beforeAll(async () => {
  root = tempDir('mlg-policy-cli-')
  cases = await policyCasesRepo(join(root, 'repo'))
})
afterAll(() => cleanup(root))

/** `scan main..BRANCH --format json` in the cases repository, plus any options. */
async function scanCase(branch: string, ...options: string[]): Promise<{ code: number; json: string }> {
  const result = await cli(cases.repo.dir, ['scan', `main..${branch}`, '--format', 'json', ...options])
  expect(result.stderr).toBe('')
  return { code: result.code, json: result.stdout }
}

describe('scan: kinds, data, differential privacy', () => {
  it('a label that blocks only memorizing kinds stops the k-NN index and passes a classifier of the same data', async () => {
    const { code, json } = await scanCase('kinds')
    expect(code).toBe(1)
    expect(verdictsByPath(json)).toEqual({
      'indexes/support/tickets.faiss': 'block',
      'models/support/classifier.safetensors': 'pass',
      'models/vision/ok.safetensors': 'pass'
    })
    expect(findingAt(json, 'indexes/support/tickets.faiss').reasons[0]).toContain(
      'trained on tickets (internal): internal blocks knn-index, and a k-NN or vector index stores its training records verbatim'
    )
    expect(findingAt(json, 'models/support/classifier.safetensors').reasons).toEqual([
      'trained on tickets (internal); internal blocks only knn-index'
    ])
  })

  it('a data pickle warns (policy.data_pickles) and exits 0', async () => {
    const { code, json } = await scanCase('data-pickle')
    expect(code).toBe(0)
    expect(verdictsByPath(json)).toEqual({ 'features/frame.pkl': 'warn' })
    expect(findingAt(json, 'features/frame.pkl')).toMatchObject({ kind: 'data', format: 'pickle' })
    expect(findingAt(json, 'features/frame.pkl').reasons[0]).toContain('(policy.data_pickles: warn)')
  })

  it('a file under a restricted dataset path blocks (policy.dataset_files)', async () => {
    const { code, json } = await scanCase('dataset-file')
    expect(code).toBe(1)
    expect(verdictsByPath(json)).toEqual({ 'data/ukbb/records.csv': 'block' })
    expect(findingAt(json, 'data/ukbb/records.csv').reasons[0]).toMatch(
      /^a file of ukbb \(restricted\) itself, under its paths \(data\/ukbb\/\*\*\).*\(policy\.dataset_files: block\)$/
    )
  })

  it('DP under the bound passes, over it blocks, and on a k-NN index blocks whatever epsilon', async () => {
    const { code, json } = await scanCase('dp')
    expect(code).toBe(1)
    expect(verdictsByPath(json)).toEqual({
      'models/dp-low/m.safetensors': 'pass',
      'models/dp-high/m.safetensors': 'block',
      'indexes/dp/crm.faiss': 'block'
    })
    expect(findingAt(json, 'models/dp-low/m.safetensors').reasons[0]).toContain(
      "within confidential's dp_max_epsilon 3"
    )
    expect(findingAt(json, 'models/dp-high/m.safetensors').reasons[0]).toContain(
      "is above confidential's dp_max_epsilon 3"
    )
    expect(findingAt(json, 'indexes/dp/crm.faiss').reasons[0]).toContain('ε=0.5')
    expect(findingAt(json, 'indexes/dp/crm.faiss').reasons[0]).toContain('does not count for knn-index')
  })
})

describe('scan: waivers, destinations, warn mode, baseline', () => {
  it('a valid waiver passes, an expired one blocks with the date, other bytes block; a waiver matching nothing is stale', async () => {
    const { code, json } = await scanCase('waivers')
    expect(code).toBe(1)
    expect(verdictsByPath(json)).toEqual({
      'models/risk/valid.safetensors': 'pass',
      'models/risk/expired.safetensors': 'block',
      'models/risk/other.safetensors': 'block'
    })
    expect(findingAt(json, 'models/risk/valid.safetensors').reasons[0]).toBe(
      'waived until 2999-01-01 (approved by alice: shared with the auditors)'
    )
    expect(findingAt(json, 'models/risk/expired.safetensors').reasons[0]).toBe(
      'waiver expired on 2020-01-01 (approved by alice: shared with the auditors)'
    )
    expect(findingAt(json, 'models/risk/other.safetensors').reasons[0]).toMatch(/^trained on ukbb \(restricted\)/)
    expect(JSON.parse(json).notices).toEqual([
      expect.stringMatching(/^stale waiver: waivers\[2\] \(blob [0-9a-f]{12}, expires 2999-01-01\) matches no artifact/)
    ])
  })

  it('knows no destination: a label that may go to an internal mirror still blocks, and says where is not known', async () => {
    const { code, json } = await scanCase('restricted')
    expect(code).toBe(1)
    expect(findingAt(json, 'models/risk/model.safetensors').reasons).toEqual([
      'trained on ukbb (restricted): restricted may go only to /**/internal-mirror.git, and where this goes is not known here'
    ])
  })

  it('policy.mode: warn reports the block and exits 0', async () => {
    const warn = join(root, 'warn.yml')
    writeFileSync(warn, policyRegistry('policy: { mode: warn }\n'))
    const { code, json } = await scanCase('restricted', '--registry', warn)
    expect(code).toBe(0)
    expect(JSON.parse(json)).toMatchObject({ mode: 'warn', verdict: 'block' })
    const text = await cli(cases.repo.dir, ['scan', 'main..restricted', '--registry', warn])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('verdict: block (policy.mode: warn: reported, not enforced;')
  })

  it('baseline: scan --all passes the old model the baseline records and blocks one added after it', async () => {
    const { code, stdout: json } = await cli(cases.repo.dir, ['scan', '--all', '--format', 'json'])
    expect(code).toBe(1)
    expect(verdictsByPath(json)).toMatchObject({
      'models/risk/old.safetensors': 'pass',
      'models/risk/new.safetensors': 'block'
    })
    expect(findingAt(json, 'models/risk/old.safetensors').reasons[0]).toMatch(
      /^in the baseline \.model-baseline\.yml \(recorded \d{4}-\d{2}-\d{2}\): already in the repository when the gate was turned on$/
    )
  })
})

describe('scan: advice and SARIF', () => {
  it('names the registry to edit by its file, never by an object id', async () => {
    const { json } = await scanCase('unknown')
    const { fix } = findingAt(json, 'models/unknown/m.safetensors')
    expect(fix.join('\n')).not.toMatch(/[0-9a-f]{12,}:/)
    expect(fix[0]).toBe(
      'declare its training data in .model-registry.yml (models: - { path: "models/unknown/m.safetensors", trained_on: [...] })'
    )
  })

  it('SARIF has no result for a passing model, and says in sentences what leaves and what to do', async () => {
    const result = await cli(cases.repo.dir, ['scan', 'main..kinds', '--format', 'sarif'])
    const results = JSON.parse(result.stdout).runs[0].results as { message: { text: string }; level: string }[]
    expect(results.map((r) => [r.level, r.message.text.split(' would leave')[0]])).toEqual([
      ['error', 'A nearest-neighbour index (faiss) at indexes/support/tickets.faiss']
    ])
    expect(results[0].message.text).toMatch(/^[A-Z].*\. What to do: [A-Z].*\.$/)
    expect(results[0].message.text).not.toMatch(/[0-9a-f]{12,}:/) // a commit to rebase, never `<sha>:path`
  })
})
