// The docs promise only what runs: every install command in README.md and docs/*.md (in a code
// block or inline) is one a test runs, or it is marked "not yet published". And README's first
// screen keeps the two commands a newcomer runs first.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '../..')
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((name) => `docs/${name}`)].filter((f) =>
  f.endsWith('.md')
)

/** What installs or fetches model-leak-guard (or a tool it is used with). */
const INSTALLING = /^(npm (install|i|ci|add)\b|npx |git clone |pipx? install |pre-commit install|yarn add |pnpm add )/

const VERSION = String.raw`v\d+\.\d+\.\d+`
/** Each command form the docs give, and the test that runs it. */
const EXERCISED: { form: RegExp; by: string }[] = [
  {
    form: new RegExp(`^npm install --save-dev (husky )?github:OWNER/model-leak-guard#${VERSION}$`),
    by: 'install.test.ts (the tag, over git+file), husky.test.ts'
  },
  {
    form: new RegExp(`^npm install --save-dev git\\+https://github\\.com/OWNER/model-leak-guard\\.git#${VERSION}$`),
    by: 'install.test.ts (the tag)'
  },
  {
    form: /^npm install --save-dev https:\/\/\S+\/model-leak-guard-\d+\.\d+\.\d+\.tgz$/,
    by: "install.test.ts (the tarball's URL)"
  },
  {
    form: /^npm install --(save-dev|global) \.\/model-leak-guard-(\d+\.\d+\.\d+|X\.Y\.Z)\.tgz$/,
    by: 'install.test.ts (tarball, global)'
  },
  {
    form: /^npm install --global --no-audit --no-fund "\$MODEL_LEAK_GUARD_PACKAGE"$/,
    by: 'ci.test.ts (the GitLab template)'
  },
  { form: /^npm ci( && npm start)?$/, by: 'husky.test.ts (a teammate), .ci/run and cli.test.ts (npm start)' },
  // npx runs the project's own install whatever the subcommand (install.test.ts runs it there).
  { form: /^npx model-leak-guard( \S.*)?$/, by: 'install.test.ts, husky.test.ts' },
  { form: /^npx --no -- model-leak-guard$/, by: 'install-hook.test.ts (--command)' },
  { form: /^npx husky init$/, by: 'husky.test.ts' },
  { form: /^npx ~\/model-leak-guard scan$/, by: 'install.test.ts (a clone)' },
  {
    form: new RegExp(
      `^git clone --depth 1 --branch ${VERSION} https://github\\.com/OWNER/model-leak-guard ~/model-leak-guard$`
    ),
    by: 'install.test.ts (a clone)'
  },
  { form: /^pre-commit install --hook-type pre-commit --hook-type pre-push$/, by: 'pre-commit.test.ts' }
]

interface DocCommand {
  file: string
  line: number
  command: string
  marked: boolean
}

/** Commands in fenced code blocks (a line each) and in inline code, with the markdown line they are on. */
function installCommands(file: string): DocCommand[] {
  const commands: DocCommand[] = []
  let fenced = false
  readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text.trimStart().startsWith('```')) return void (fenced = !fenced)
      const candidates = fenced ? [text.replace(/\s+#.*$/, '')] : [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1])
      for (const candidate of candidates.map((c) => c.trim().replace(/^\$ /, '').replace(/\s+/g, ' '))) {
        if (INSTALLING.test(candidate)) {
          commands.push({ file, line: i + 1, command: candidate, marked: /not yet published/i.test(text) })
        }
      }
    })
  return commands
}

describe('install commands in README.md and docs/', () => {
  const commands = DOCS.flatMap(installCommands)

  it('are each run by a test, or marked not yet published', () => {
    const unexercised = commands.filter((c) => !c.marked && !EXERCISED.some(({ form }) => form.test(c.command)))
    expect(unexercised.map((c) => `${c.file}:${c.line}: ${c.command}`)).toEqual([])
    expect(commands.length).toBeGreaterThan(15)
  })

  it('mark the npm registry route as not yet published', () => {
    const registry = commands.filter((c) => /^npm install --save-dev model-leak-guard$/.test(c.command))
    expect(registry.length).toBeGreaterThan(0)
    expect(registry.every((c) => c.marked)).toBe(true)
  })
})

describe("README's first screen", () => {
  it('holds npm ci && npm start and npm test', () => {
    const firstScreen = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').slice(0, 25).join('\n')
    expect(firstScreen).toContain('npm ci && npm start')
    expect(firstScreen).toMatch(/^npm test\b/m)
  })
})
