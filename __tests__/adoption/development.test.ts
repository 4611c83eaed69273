// README's Development section says what holds: every `npm run X` the docs give is a script of
// package.json, every path it names exists, and git runs only in src/range because the lint says
// so (the rule rejects starting processes and git argument lists anywhere else).
import { describe, expect, it } from '@jest/globals'
import { ESLint } from 'eslint'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '../..')
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((name) => `docs/${name}`)].filter((f) =>
  f.endsWith('.md')
)
const development = read('README.md').split('## Development\n')[1] ?? ''

describe("README's Development section", () => {
  it('names only npm scripts package.json has (in every doc)', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts)
    const named = DOCS.flatMap((file) => [...read(file).matchAll(/npm run (?:-s )?([\w:-]+)/g)].map((m) => m[1]))
    expect(named).toEqual(expect.arrayContaining(['lint', 'format', 'typecheck', 'test:coverage', 'package', 'bench']))
    expect(named.filter((name) => !scripts.includes(name))).toEqual([])
  })

  it('names only files and folders that exist', () => {
    const paths = [
      ...development.matchAll(/`((?:src|bench|scripts|__tests__|\.ci|docs)\/[\w./-]*|[\w.-]+\.(?:js|json|ts))`/g)
    ]
      .map((m) => m[1].replace(/\/$/, ''))
      .filter((path) => !path.includes('*'))
    expect(paths.length).toBeGreaterThan(15)
    expect(paths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([])
  })

  describe('git only in src/range, as the lint enforces', () => {
    // Typed linting needs the file in a tsconfig: these probes are linted without types.
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfig: {
        languageOptions: { parserOptions: { project: null, projectService: false } },
        rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/consistent-type-imports': 'off' }
      }
    })
    const PROBE = [
      "import { spawn } from 'node:child_process'",
      'export const start = spawn',
      "export const log = (git: { run(args: string[]): Promise<unknown> }) => git.run(['log', '-1'])",
      "export const unpushed = ['HEAD', '--not', '--remotes']",
      'export const commit = (rev: string) => `${rev}^{commit}`',
      ''
    ].join('\n')
    const rulesHit = async (filePath: string): Promise<string[]> => {
      const [result] = await eslint.lintText(PROBE, { filePath: join(ROOT, filePath) })
      return result.messages.map((message) => `${message.ruleId}: ${message.message}`)
    }

    it('outside src/range, importing child_process, a git argument list, rev-list options and ^{commit} are lint errors', async () => {
      for (const path of ['src/commands/probe.ts', 'src/action/probe.ts', 'src/scan-probe.ts']) {
        const hits = await rulesHit(path)
        const door = /^no-restricted-(imports|syntax): .*git runs only in src\/range/
        expect([path, hits.length, hits.filter((hit) => door.test(hit)).length]).toEqual([path, 5, 5])
      }
    })

    it('inside src/range they are allowed', async () => {
      expect(await rulesHit('src/range/probe.ts')).toEqual([])
    })
  })
})
