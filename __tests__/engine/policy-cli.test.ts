// Each policy rule of #11 through `model-leak-guard scan` on a real repository, one branch per rule
// (the Action's tests scan the same branches as pull requests, and expect the same verdicts and
// reasons). `scan` judges by the working tree's registry and knows no destination;
// hooks/policy-rules.test.ts runs the rules through real pushes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanup, cli, tempDir } from '../helpers/repo.js'
import {
  expectJudged,
  findingAt,
  policyCasesRepo,
  policyRegistry,
  RULES,
  verdictsByPath,
  type CaseName,
  type PolicyCases
} from '../helpers/policy.js'

let root: string
let cases: PolicyCases

beforeAll(async () => {
  root = tempDir('mlg-policy-cli-')
  cases = await policyCasesRepo(join(root, 'repo'))
})
afterAll(() => cleanup(root))

/** `scan main..CASE --format json` in the cases repository, plus any options. */
async function scanCase(name: CaseName, ...options: string[]): Promise<{ code: number; json: string }> {
  const result = await cli(cases.repo.dir, ['scan', `main..${name}`, '--format', 'json', ...options])
  expect(result.stderr).toBe('')
  return { code: result.code, json: result.stdout }
}

describe('scan: kinds, data, differential privacy, waivers', () => {
  it.each(RULES)('%s', async (_rule, name, exitCode) => {
    const { code, json } = await scanCase(name)
    expect(code).toBe(exitCode)
    expectJudged(json, name)
  })

  it('names the policy key that decided a data pickle and a dataset file', async () => {
    expect(findingAt((await scanCase('data-pickle')).json, 'features/frame.pkl')).toMatchObject({
      kind: 'data',
      reasons: [expect.stringMatching(/\(policy\.data_pickles: warn\)$/)]
    })
    expect(findingAt((await scanCase('dataset-file')).json, 'data/ukbb/records.csv')).toMatchObject({
      kind: 'data',
      reasons: [expect.stringMatching(/\(policy\.dataset_files: block\)$/)]
    })
  })
})

describe('scan: stale waivers, destinations, warn mode, baseline', () => {
  it('a waiver matching nothing in the scan is reported as stale', async () => {
    expect(JSON.parse((await scanCase('waivers')).json).notices).toEqual([
      expect.stringMatching(/^stale waiver: waivers\[2\] \(blob [0-9a-f]{12}, expires 2999-01-01\) matches no artifact/)
    ])
  })

  it('knows no destination: a label that may go to an internal mirror still blocks, and says where is not known', async () => {
    const { code, json } = await scanCase('restricted')
    expect(code).toBe(1)
    expectJudged(json, 'restricted')
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
