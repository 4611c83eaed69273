// What the docs say of the ML-BOM is what runs: README's inventory commands each take stock of a
// real repository, its example names only documented properties, and docs/action.md uploads an
// output the Action declares.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import { expectValidCycloneDx } from './cyclonedx-schema.js'
import { modelFixture } from './fixtures.js'

const ROOT = join(import.meta.dirname, '../..')
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8')

/** The text of README's `## Inventory (ML-BOM)` section, up to the next section. */
function readmeSection(): string {
  const readme = read('README.md')
  const start = readme.indexOf('\n## Inventory (ML-BOM)\n')
  expect(start).toBeGreaterThan(0)
  const end = readme.indexOf('\n## ', start + 1)
  return readme.slice(start, end < 0 ? undefined : end)
}

/** The lines of the section's fenced blocks of a language. */
function blockLines(text: string, language: string): string[] {
  const blocks = [...text.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))]
  return blocks.flatMap((block) => block[1].split('\n')).filter((line) => line.trim() !== '')
}

/** `model-leak-guard:<name>` property names a text mentions. */
const propertyNames = (text: string): Set<string> =>
  new Set([...text.matchAll(/model-leak-guard:([a-z-]+)/g)].map((match) => match[1]))

/** The property names docs/inventory.md's tables document (`name` or `a`, `b` in a table's first cell). */
function documentedProperties(): Set<string> {
  const names = read('docs/inventory.md')
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1].matchAll(/`([a-z-]+)`/g)].map((match) => match[1]))
  const prose = read('docs/inventory.md').match(/^Properties: .*(\n.+)*/m)?.[0] ?? ''
  return new Set([...names, ...[...prose.matchAll(/`([a-z-]+)`/g)].map((match) => match[1])])
}

const REGISTRY = `version: 1
datasets:
  - { id: ukbb, label: restricted, aliases: [uk-biobank], paths: ["data/ukbb/**"], uris: ["s3://ukbb/**"] }
models:
  - { path: "models/**", trained_on: [ukbb] }
`

let root: string
let repo: TestRepo

beforeAll(() => {
  root = tempDir()
  repo = TestRepo.init(join(root, 'work'))
  repo.write('.model-registry.yml', REGISTRY)
  repo.write('models/net.pt', modelFixture('state_dict.pt'))
  repo.commit('a model')
  repo.git('tag', 'v1.2.0')
  repo.git('checkout', '-q', '-b', 'feature')
  repo.write('models/knn.joblib', modelFixture('knn.joblib'))
  repo.commit('a k-NN model')
  repo.git('checkout', '-q', 'main')
})
afterAll(() => cleanup(root))

describe("README's inventory section", () => {
  it('gives commands that each take stock of a repository and write a valid ML-BOM', async () => {
    const commands = blockLines(readmeSection(), 'sh').map((line) => line.replace(/\s+#.*$/, '').trim())
    expect(commands.length).toBeGreaterThanOrEqual(4)
    for (const command of commands) {
      expect(command).toMatch(/^npx model-leak-guard inventory\b/)
      const args = command.split(/\s+/).slice(2)
      const result = await cli(repo.dir, args)
      expect({ command, code: result.code, stderr: result.stderr }).toEqual({ command, code: 0, stderr: '' })
      const output = args.indexOf('--output')
      const text = output < 0 ? result.stdout : readFileSync(join(repo.dir, args[output + 1]), 'utf8')
      expect(expectValidCycloneDx(text).components?.length).toBeGreaterThan(0)
    }
  })

  it('shows an example of both components with documented properties, and which fields Dependency-Track reads', () => {
    const section = readmeSection()
    const example = blockLines(section, 'json').join('\n')
    expect(example).toMatch(/"type": "machine-learning-model"/)
    expect(example).toMatch(/"type": "data"/)
    expect(example).toMatch(/"modelCard": \{ "modelParameters": \{ "datasets"/)
    const documented = documentedProperties()
    expect([...propertyNames(example)].filter((name) => !documented.has(name))).toEqual([])
    expect(section).toMatch(
      /Dependency-Track imports each component's name, hashes and properties and the\s+dependency graph/
    )
  })
})

describe('docs/inventory.md', () => {
  it('documents every property the ML-BOM writes', async () => {
    const documented = documentedProperties()
    expect(documented.has('verdict')).toBe(true)
    const result = await cli(repo.dir, ['inventory', '--all'])
    expect(result.code).toBe(0)
    const written = propertyNames(result.stdout)
    expect(written.size).toBeGreaterThanOrEqual(12)
    expect([...written].filter((name) => !documented.has(name))).toEqual([])
  })
})

describe('the Action’s ML-BOM in the docs', () => {
  it('uploads, as a workflow artifact, an output the Action declares', () => {
    const outputs = Object.keys((parse(read('action.yml')) as { outputs: Record<string, unknown> }).outputs)
    expect(outputs).toContain('ml-bom')
    const action = read('docs/action.md')
    const upload = action.match(/```yaml\n(?:.*\n)*?.*uses: actions\/upload-artifact@v\d+\n(?:.*\n)*?```/)?.[0] ?? ''
    const uploaded = [...upload.matchAll(/steps\.guard\.outputs\.([a-z-]+)/g)].map((match) => match[1])
    expect(uploaded).toContain('ml-bom')
    expect(uploaded.filter((name) => !outputs.includes(name))).toEqual([])
    expect(readmeSection()).toMatch(/upload it with `actions\/upload-artifact`/)
  })
})
