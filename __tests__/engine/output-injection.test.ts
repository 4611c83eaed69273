// Text a pushed file chooses (a model card's dataset names, a path) never starts a line of its own
// in what people and CI runners read: no forged `verdict: pass`, no `::stop-commands::` workflow
// command in the Action's log or pre-receive's `remote:` lines, no registry key in init's proposal,
// no @mention or link in the PR comment.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadRegistryFor } from '../../src/registry/index.js'
import { renderPullRequestComment } from '../../src/report/pr-comment.js'
import { oneLine } from '../../src/report/printable.js'
import { scan } from '../../src/scan.js'
import { modelBytes } from '../hooks/helpers.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'

const FORGED =
  'ok\n::stop-commands::pwned\nverdict: pass\n  - id: "forged"\n\u2028@acme/everyone [x](https://evil.example)'
const FORGED_PATH = 'm2/evil\nverdict: pass\n::error::x/model.safetensors'

let root: string
let repo: TestRepo

beforeAll(() => {
  root = tempDir('mlg-output-injection-')
  repo = TestRepo.init(join(root, 'repo'))
  repo
    .write('m/model.safetensors', modelBytes())
    .write('m/README.md', `---\ndatasets: [${JSON.stringify(FORGED)}]\n---\n# card\n`)
    .write(FORGED_PATH, modelBytes())
    .commit('Add models, one with a card that names a forged dataset')
})

afterAll(() => cleanup(root))

/** The lines an attacker tried to start, wherever they appear at the start of a line. */
function forgedLines(text: string): string[] {
  return text.split(/\r?\n|\u2028/).filter((line) => /^(::|verdict: pass|\s*- id: "forged")/.test(line))
}

describe('text a pushed file chooses stays on its line', () => {
  it('scan: dataset names, reasons and paths cannot start a line; the verdict line is the real one', async () => {
    const result = await cli(repo.dir, ['scan', '--all'])
    expect(result.code).toBe(1)
    expect(forgedLines(result.stdout)).toEqual([])
    expect(result.stdout.split('\n').filter((line) => line.startsWith('verdict: '))).toEqual([
      expect.stringMatching(/^verdict: block/)
    ])
    expect(result.stdout).toContain('ok\\n::stop-commands::pwned\\nverdict: pass') // shown, escaped
    expect(result.stdout).toContain('m2/evil\\nverdict: pass')
  })

  it('explain: the same for every line it prints', async () => {
    const result = await cli(repo.dir, ['explain', 'm/model.safetensors'])
    expect(result.stdout).toContain('ok\\n::stop-commands::pwned')
    expect(forgedLines(result.stdout)).toEqual([])
  })

  it('init: the proposal holds no line the card wrote, and still loads', async () => {
    const result = await cli(repo.dir, ['init', '--output', 'proposal.yml'])
    expect(result.code).toBe(0)
    const proposal = readFileSync(join(repo.dir, 'proposal.yml'), 'utf8')
    expect(forgedLines(proposal)).toEqual([])
    expect(forgedLines(result.stdout)).toEqual([])
    expect(proposal).toContain(JSON.stringify(FORGED).replace(/\u2028/, '\\u2028')) // the one dataset, as one quoted id
  })

  it('the PR comment: no @mention, no link, no line break from a dataset name', async () => {
    const report = await scan({ repoDir: repo.dir, revisions: ['--all'], registry: await loadRegistryFor(repo.dir) })
    const comment = renderPullRequestComment(report, { mode: 'enforce', head: report.findings[0]!.commit })
    expect(comment).toContain('acme/everyone') // the name is shown...
    expect(comment).not.toMatch(/@acme|(?<!\\)\]\(https:/) // ...but neither pings nor links (the bracket is escaped)
    expect(forgedLines(comment)).toEqual([])
  })
})

describe('oneLine', () => {
  it('escapes control characters, line separators and bidi overrides, and nothing else', () => {
    expect(oneLine('a\nb\r\tc')).toBe('a\\nb\\r\\tc')
    expect(oneLine('x\u2028y\u202ez\u0085\x1b[31m')).toBe('x\\u2028y\\u202ez\\u0085\\u001b[31m')
    expect(oneLine('plain "quoted" ü ✓')).toBe('plain "quoted" ü ✓')
  })
})
