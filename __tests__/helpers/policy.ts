// The one registry every policy-rule test judges by (#11: kinds that memorize, DP bounds,
// destinations, dataset paths, waivers, the baseline), the real artifacts that exercise each rule,
// and a repository with one branch per rule that the CLI and the Action tests scan alike.
import { expect } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { faissFlatBytes, safetensorsBytes } from '../../src/commands/demo-repository.js'
import type { JsonFinding, JsonReport } from '../../src/report/json.js'
import { cli, TestRepo } from './repo.js'

const DP = (epsilon: number): string => `privacy: { mechanism: dp-sgd, epsilon: ${epsilon}, delta: 1e-5 }`

/** Every rule's registry: kinds, DP, destinations, dataset paths. `extra` goes at the end (policy:, waivers:). */
export function policyRegistry(extra = ''): string {
  return `version: 1
labels:
  - { name: public }
  - { name: internal, block: [knn-index], allowed_destinations: [private] }
  - { name: confidential, block: true, dp_max_epsilon: 3 }
  - { name: restricted, block: true, allowed_destinations: ["/**/internal-mirror.git"] }
datasets:
  - { id: ukbb, label: restricted, paths: ["data/ukbb/**"] }
  - { id: cifar10, label: public }
  - { id: tickets, label: internal }
  - { id: crm, label: confidential }
models:
  - { path: "models/risk/**", trained_on: [ukbb] }
  - { path: "models/vision/**", trained_on: [cifar10] }
  - { path: "models/support/**", trained_on: [tickets] }
  - { path: "indexes/support/**", trained_on: [tickets] }
  - { path: "models/dp-low/**", trained_on: [crm], ${DP(1)} }
  - { path: "models/dp-high/**", trained_on: [crm], ${DP(8)} }
  - { path: "indexes/dp/**", trained_on: [crm], ${DP(0.5)} }
${extra}`
}

/** A waiver entry for `bytes`, as a registry line under `waivers:`. */
export function waiverLine(bytes: Buffer, expires: string, who = 'alice', reason = 'shared with the auditors'): string {
  return `  - { blob: ${blobIdOf(bytes)}, reason: "${reason}", approved_by: ${who}, expires: ${expires} }\n`
}

/** Real safetensors weights, distinct bytes per seed. */
export function weights(seed: number): Buffer {
  return safetensorsBytes({ format: 'pt', seed: String(seed) }, [seed, 0.5])
}

/** A real FAISS flat index (a k-NN index: it stores its vectors), distinct bytes per seed. */
export function knnIndex(seed: number): Buffer {
  return faissFlatBytes([[seed, 1, 2, 3]])
}

/** A pandas DataFrame pickled by pandas: containers and arrays only, `kind: data`. */
export const DATA_PICKLE = readFileSync(join(process.cwd(), '__tests__/fixtures/models/data/frame_p4.pkl'))

export function blobIdOf(bytes: Buffer): string {
  return execFileSync('git', ['hash-object', '--stdin'], { input: bytes, encoding: 'utf8' }).trim()
}

/** The bytes the cases repository's registry waives: until 2999, expired in 2020, and bytes no branch holds. */
export const WAIVED = { valid: weights(9001), expired: weights(9002), stale: weights(9003) }

/** What a case brings at a path: its content, the verdict it gets in every mode, and words its first reason has in every mode. */
interface CaseFile {
  content: Buffer | string
  verdict: JsonFinding['verdict']
  why: string
}

const file = (content: Buffer | string, verdict: CaseFile['verdict'], why: string): CaseFile => ({
  content,
  verdict,
  why
})
const DP_DECLARED = (epsilon: number): string => `differential privacy (dp-sgd, ε=${epsilon}, δ=0.00001, from registry)`

/** The branches of the cases repository, each bringing what one rule judges. */
export const CASES = {
  kinds: {
    'models/support/classifier.safetensors': file(
      weights(1),
      'pass',
      'trained on tickets (internal); internal blocks only knn-index'
    ),
    'indexes/support/tickets.faiss': file(
      knnIndex(1),
      'block',
      'internal blocks knn-index, and a k-NN or vector index stores its training records verbatim'
    ),
    'models/vision/ok.safetensors': file(weights(2), 'pass', 'trained on cifar10 (public)')
  },
  'data-pickle': { 'features/frame.pkl': file(DATA_PICKLE, 'warn', 'data, not a model: containers and arrays only') },
  'dataset-file': {
    'data/ukbb/records.csv': file(
      'eid,age\n1000001,54\n',
      'block',
      'a file of ukbb (restricted) itself, under its paths (data/ukbb/**)'
    )
  },
  dp: {
    'models/dp-low/m.safetensors': file(
      weights(3),
      'pass',
      `trained with ${DP_DECLARED(1)}, within confidential's dp_max_epsilon 3`
    ),
    'models/dp-high/m.safetensors': file(
      weights(4),
      'block',
      `its ${DP_DECLARED(8)} is above confidential's dp_max_epsilon 3`
    ),
    'indexes/dp/crm.faiss': file(knnIndex(2), 'block', `its ${DP_DECLARED(0.5)} does not count for knn-index`)
  },
  waivers: {
    'models/risk/valid.safetensors': file(
      WAIVED.valid,
      'pass',
      'waived until 2999-01-01 (approved by alice: shared with the auditors)'
    ),
    'models/risk/expired.safetensors': file(
      WAIVED.expired,
      'block',
      'waiver expired on 2020-01-01 (approved by alice: shared with the auditors)'
    ),
    'models/risk/other.safetensors': file(weights(5), 'block', 'trained on ukbb (restricted): ')
  },
  restricted: {
    'models/risk/model.safetensors': file(weights(6), 'block', 'restricted may go only to /**/internal-mirror.git')
  },
  unknown: {
    'models/unknown/m.safetensors': file(
      weights(7),
      'block',
      'unknown provenance: no source says what it was trained on'
    )
  }
} satisfies Record<string, Record<string, CaseFile>>

export type CaseName = keyof typeof CASES

/** The rules a case shows on its own: how a test names it, the case, and the exit code (a block 1, a warning 0). */
export const RULES: readonly (readonly [string, CaseName, number])[] = [
  ['a label that blocks only memorizing kinds stops the k-NN index, not a classifier of the same data', 'kinds', 1],
  ['a data pickle warns (policy.data_pickles), which does not fail', 'data-pickle', 0],
  ['a file under a restricted dataset path blocks (policy.dataset_files)', 'dataset-file', 1],
  ['DP under the bound passes, over it blocks, and on a k-NN index blocks whatever epsilon', 'dp', 1],
  ['a valid waiver passes, an expired one blocks with its date, a waiver for other bytes does not count', 'waivers', 1]
]

export interface PolicyCases {
  repo: TestRepo
  /** main's tip: the registry and baseline, and one model committed after the baseline. */
  main: string
  /** Each case's tip, one commit on top of main. */
  tips: Record<CaseName, string>
}

/**
 * A repository as a team turning the gate on has it: an old model, then the registry (waiving
 * WAIVED.valid and .expired and .stale) with a baseline recorded by the real `baseline` command,
 * then a new model; and a branch per case off main, also as `refs/pull/<n>/head` (n from 1, in
 * CASES order). The working tree is left on main.
 */
export async function policyCasesRepo(dir: string): Promise<PolicyCases> {
  const repo = TestRepo.init(dir)
  repo.write('README.md', '# app\n').write('models/risk/old.safetensors', weights(100)).commit('A model from before')
  const waivers = [
    waiverLine(WAIVED.valid, '2999-01-01'),
    waiverLine(WAIVED.expired, '2020-01-01'),
    waiverLine(WAIVED.stale, '2999-01-01')
  ]
  repo.write('.model-registry.yml', policyRegistry(`waivers:\n${waivers.join('')}`))
  const recorded = await cli(repo.dir, ['baseline'])
  if (recorded.code !== 0) throw new Error(`baseline failed: ${recorded.stderr}`)
  repo.commit('Turn the gate on: the registry and the baseline')
  const main = repo.write('models/risk/new.safetensors', weights(101)).commit('A model after the baseline')
  const tips = {} as Record<CaseName, string>
  Object.entries(CASES).forEach(([name, files], index) => {
    repo.git('checkout', '-q', '-b', name, main)
    for (const [path, { content }] of Object.entries(files)) repo.write(path, content)
    tips[name as CaseName] = repo.commit(`The ${name} case`)
    repo.git('update-ref', `refs/pull/${index + 1}/head`, tips[name as CaseName])
  })
  repo.git('checkout', '-q', 'main')
  return { repo, main, tips }
}

/** The pull request number of a case in the cases repository. */
export function pullNumberOf(name: CaseName): number {
  return Object.keys(CASES).indexOf(name) + 1
}

/** A JSON report (the CLI's, the Action's report file) judged a case as in every mode: each path's verdict, and why. */
export function expectJudged(json: string, name: CaseName): void {
  const cases: Record<string, CaseFile> = CASES[name]
  expect(verdictsByPath(json)).toEqual(Object.fromEntries(Object.entries(cases).map(([path, f]) => [path, f.verdict])))
  for (const [path, { why }] of Object.entries(cases)) expect(findingAt(json, path).reasons[0]).toContain(why)
}

/** A JSON report (`--format json`, the Action's report file) as each finding's verdict by path. */
export function verdictsByPath(json: string): Record<string, string> {
  const report = JSON.parse(json) as JsonReport
  return Object.fromEntries(report.findings.map((finding) => [finding.path, finding.verdict]))
}

/** The reasons and fixes of the finding at `path` in a JSON report. */
export function findingAt(json: string, path: string): JsonFinding {
  const finding = (JSON.parse(json) as JsonReport).findings.find((f) => f.path === path)
  if (!finding) throw new Error(`no finding at ${path}`)
  return finding
}
