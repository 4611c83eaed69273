// `explain` and `scan` judge through the same per-blob step: over a set of repositories, every
// path scan reports (and every other path of the same bytes) gets the same verdict from explain,
// read at HEAD and in the working tree, and a path scan does not inspect is not judged by explain.
import { afterAll, describe, expect, test } from '@jest/globals'
import { join } from 'node:path'
import { faissFlatBytes } from '../../src/commands/demo-repository.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import { card, model, registryYaml } from './helpers.js'
import type { JsonReport } from '../../src/report/json.js'

const root = tempDir()
afterAll(() => cleanup(root))

/** Each scenario writes a repository's commits; the registry is the provenance tests' one plus `extra`. */
const SCENARIOS: Record<string, { extra?: string; build: (repo: TestRepo) => void }> = {
  'same bytes under a public card and a restricted card': {
    build: (repo) => {
      const bytes = model('shared')
      repo.write('models/a/m.safetensors', bytes).write('models/a/README.md', card('datasets: [cifar10]\n'))
      repo.write('models/b/m.safetensors', bytes).write('models/b/README.md', card('datasets: [ukbb]\n'))
      repo.commit('add')
    }
  },
  'an excluded copy beside an inspected one, and an excluded-only model': {
    extra: 'artifacts:\n  exclude: ["vendor/**"]\n',
    build: (repo) => {
      const bytes = model('vendored')
      repo.write('vendor/m.safetensors', bytes).write('models/m.safetensors', bytes)
      repo.write('vendor/only.safetensors', model('only-vendored'))
      repo.commit('add')
    }
  },
  'a fine-tune of a restricted base, a public model, an unknown one': {
    build: (repo) => {
      repo.write('base/b.safetensors', model('base')).commit('Add the base\n\nTrained-on: ukbb')
      repo.write('ft/f.safetensors', model('ft')).write('ft/README.md', card('base_model: base/b.safetensors\n'))
      repo.write('vision/v.safetensors', model('vision')).write('vision/README.md', card('datasets: [cifar10]\n'))
      repo.write('misc/unknown.safetensors', model('unknown'))
      repo.commit('Add the fine-tune and more')
    }
  },
  'a k-NN index named by the registry, and an unregistered dataset': {
    extra: 'models:\n  - { path: "indexes/**", trained_on: [cifar10] }\n',
    build: (repo) => {
      repo.write('indexes/people.faiss', faissFlatBytes([[1, 2, 3, 4]]))
      repo.write('models/x.safetensors', model('x')).commit('Add\n\nTrained-on: acme/tickets')
    }
  }
}

/** The verdict explain prints for each artifact of a path (one per archive member). */
function explainedVerdicts(stdout: string): string[] {
  return [...stdout.matchAll(/^verdict: (\w+)$/gm)].map((match) => match[1].toLowerCase())
}

describe.each(Object.entries(SCENARIOS))('explain agrees with scan: %s', (name, scenario) => {
  const repo = TestRepo.init(join(root, name.replace(/\W+/g, '-')))
  repo.write('.model-registry.yml', registryYaml(scenario.extra ?? ''))
  repo.commit('Add the registry')
  scenario.build(repo)

  test('every model path gets the verdicts scan gives its bytes; a blob scan does not inspect is not judged', async () => {
    const scanned = await cli(repo.dir, ['scan', '--all', '--format', 'json'])
    const report = JSON.parse(scanned.stdout) as JsonReport
    expect(report.findings.length).toBeGreaterThan(0)
    const models = repo
      .git('ls-files')
      .split('\n')
      .filter((path) => /\.(safetensors|faiss)$/.test(path))
    for (const path of models) {
      const blob = repo.git('rev-parse', `HEAD:${path}`).trim()
      const verdicts = report.findings.filter((f) => f.blob === blob).map((f) => f.verdict)
      for (const rev of [['HEAD'], []]) {
        const { stdout } = await cli(repo.dir, ['explain', path, ...rev])
        const expected = verdicts.length ? verdicts : 'not inspected'
        const explained = verdicts.length
          ? explainedVerdicts(stdout)
          : /^not inspected/m.test(stdout) && 'not inspected'
        expect({ path, rev, verdicts: explained }).toEqual({ path, rev, verdicts: expected })
      }
    }
  })
})
