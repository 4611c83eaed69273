// The one registry every policy-rule test judges by (#11: kinds that memorize, DP bounds,
// destinations, dataset paths, waivers, the baseline), the real artifacts that exercise each rule,
// and a repository with one branch per rule that the CLI and the Action tests scan alike.
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

/** The branches of the cases repository, each bringing what one rule judges. */
export const CASES = {
  kinds: {
    'models/support/classifier.safetensors': weights(1),
    'indexes/support/tickets.faiss': knnIndex(1),
    'models/vision/ok.safetensors': weights(2)
  },
  'data-pickle': { 'features/frame.pkl': DATA_PICKLE },
  'dataset-file': { 'data/ukbb/records.csv': 'eid,age\n1000001,54\n' },
  dp: {
    'models/dp-low/m.safetensors': weights(3),
    'models/dp-high/m.safetensors': weights(4),
    'indexes/dp/crm.faiss': knnIndex(2)
  },
  waivers: {
    'models/risk/valid.safetensors': WAIVED.valid,
    'models/risk/expired.safetensors': WAIVED.expired,
    'models/risk/other.safetensors': weights(5)
  },
  restricted: { 'models/risk/model.safetensors': weights(6) },
  unknown: { 'models/unknown/m.safetensors': weights(7) }
} satisfies Record<string, Record<string, Buffer | string>>

export type CaseName = keyof typeof CASES

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
    for (const [path, content] of Object.entries(files)) repo.write(path, content)
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
