// Shared by the provenance tests: the fixtures, a registry with one restricted and one public
// dataset, and a scan through the real CLI that returns the parsed JSON report.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach } from '@jest/globals'
import { cleanup, cli, tempDir, TestRepo, type CliResult } from '../helpers/repo.js'
import { safetensorsBytes } from '../../src/commands/demo-repository.js'
import type { JsonFinding, JsonReport } from '../../src/report/json.js'

export const FIXTURES = join(process.cwd(), '__tests__', 'fixtures', 'provenance')

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name))
}

/**
 * A tiny safetensors model whose metadata says nothing about training. `seed` makes the blob
 * distinct: a push sends each blob once, so two paths need two contents.
 */
export function model(seed: string, metadata: Record<string, string> = { format: 'pt' }): Buffer {
  const charSum = [...seed].reduce((sum, c) => sum + c.charCodeAt(0), 0)
  return safetensorsBytes({ ...metadata, name: seed }, [seed.length, charSum])
}

/** A model card: YAML front matter, then a body. */
export function card(front: string, body = '# Model\n'): string {
  return `---\n${front}---\n${body}`
}

/**
 * A model at `folder/model.safetensors` (or `file`) with a README.md model card beside it. Its bytes
 * are seeded by its path, so every model written this way is its own blob, unless `bytes` are given.
 */
export function withCard(
  target: TestRepo,
  folder: string,
  front: string,
  { file = 'model.safetensors', bytes }: { file?: string; bytes?: Buffer } = {}
): TestRepo {
  const path = `${folder}/${file}`
  return target.write(path, bytes ?? model(path)).write(`${folder}/README.md`, card(front))
}

export function registryYaml(extra = '', policy = ''): string {
  return `version: 1
datasets:
  - id: ukbb
    label: restricted
    aliases: [uk-biobank]
    paths: ['data/ukbb/**']
    uris: ['s3://lab-bucket/ukbb/**']
  - id: cifar10
    label: public
    paths: ['data/cifar/**']
${extra}${policy ? `policy:\n${policy}\n` : ''}`
}

export interface ScanOutcome extends CliResult {
  report: JsonReport
}

export async function scanJson(repo: TestRepo, args: string[] = []): Promise<ScanOutcome> {
  const result = await cli(repo.dir, ['scan', '--format', 'json', ...args])
  if (result.code === 2) throw new Error(`scan failed: ${result.stderr}`)
  return { ...result, report: JSON.parse(result.stdout) as JsonReport }
}

export function findingFor(report: JsonReport, path: string): JsonFinding {
  const finding = report.findings.find((f) => f.path === path)
  if (!finding) throw new Error(`no finding for ${path} in ${report.findings.map((f) => f.path).join(', ')}`)
  return finding
}

/** `id:source` for each dataset, sorted: what a test asserts about a finding. */
export function datasetsOf(finding: JsonFinding): string[] {
  return finding.datasets.map((d) => `${d.id}:${d.source}`).sort()
}

/** The repository of the running test and the temp dir holding it (ESM live bindings: importers see each new one). */
export let repo: TestRepo
export let root: string

/** Gives every test in the calling scope a fresh repository, with the test registry unless `withRegistry` is false. */
export function freshRepoForEachTest(withRegistry = true): void {
  beforeEach(() => {
    root = tempDir()
    repo = TestRepo.init(`${root}/repo`)
    if (withRegistry) repo.write('.model-registry.yml', registryYaml())
  })
  afterEach(() => cleanup(root))
}
