// The install routes docs/install.md gives, run for real against a release built from the current
// source, with npm offline and an empty cache: the tarball a release attaches, the git tag (what
// `npm i -D github:OWNER/model-leak-guard#vX.Y.Z` fetches; here over git+file, the same git path in
// npm without the network), and npx from a clone. Then the installed hook stops a real git push.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { basename, dirname, join, relative } from 'node:path'
import { parseAst } from 'rollup/parseAst'
import { VERSION } from '../../src/version.js'
import { cleanup, tempDir, type TestRepo } from '../helpers/repo.js'
import {
  BUILD_TIMEOUT,
  gitMayFail,
  hookEnv,
  modelBytes,
  originAndClone,
  refId,
  RESTRICTED_MODEL
} from '../hooks/helpers.js'
import { freshProject, npmEnv, packRelease, releaseCheckout, run, runAsync, TAG } from './release.js'

let root: string
let checkout: string
let tarball: string
let packed: string[]

beforeAll(() => {
  root = tempDir('mlg-install-')
  checkout = releaseCheckout(join(root, 'release'))
  ;({ tarball, files: packed } = packRelease(checkout, join(root, 'packs')))
}, BUILD_TIMEOUT)

afterAll(() => cleanup(root))

/** Every file under a directory, as paths relative to `base`. */
function filesUnder(dir: string, base: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(base, join(entry.parentPath, entry.name)))
}

/** The modules a bundle file imports by name: static and literal dynamic imports, re-exports, require(). */
function importedNames(code: string): string[] {
  const names: string[] = []
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    const n = node as Record<string, unknown> & { type?: string }
    const source = n.source as { type?: string; value?: unknown } | undefined
    if (n.type && /^(Import|ExportNamed|ExportAll)Declaration$|^ImportExpression$/.test(n.type) && source) {
      names.push(source.type === 'Literal' ? String(source.value) : '<computed>')
    }
    const callee = n.callee as { type?: string; name?: string } | undefined
    if (n.type === 'CallExpression' && callee?.type === 'Identifier' && callee.name === 'require') {
      const [first] = n.arguments as { type?: string; value?: unknown }[]
      names.push(first?.type === 'Literal' ? String(first.value) : '<computed>')
    }
    for (const value of Object.values(n)) (Array.isArray(value) ? value : [value]).forEach(visit)
  }
  visit(parseAst(code))
  return names
}

describe('the package a release ships', () => {
  it('holds the bin with every chunk, the licence, changelog and docs', () => {
    const dist = filesUnder(join(checkout, 'dist'), checkout)
    expect(dist).toContain('dist/cli.js')
    expect(packed).toEqual(expect.arrayContaining([...dist, 'LICENSE', 'CHANGELOG.md', 'README.md', 'docs/install.md']))
    expect(packed.filter((path) => path.startsWith('__tests__/') || path.endsWith('.whl'))).toEqual([])
  })

  it('declares no dependency and no script npm would run to install or prepare it', () => {
    const pkg = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8'))
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) {
      expect([field, pkg[field] ?? {}]).toEqual([field, {}])
    }
    // npm builds a git dependency (installing every devDependency) when one of these exists.
    const installScripts = ['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'build']
    expect(Object.keys(pkg.scripts).filter((name) => installScripts.includes(name))).toEqual([])
  })

  it('imports nothing at run time but Node builtins: the bundle is self-contained', async () => {
    const { isBuiltin } = await import('node:module')
    const imports = filesUnder(join(checkout, 'dist'), checkout)
      .filter((path) => path.endsWith('.js'))
      .flatMap((path) => {
        const code = readFileSync(join(checkout, path), 'utf8').replace(/^#!.*/, '')
        return importedNames(code).map((name) => ({ path, name }))
      })
    expect(imports.length).toBeGreaterThan(20)
    const outside = imports.filter(({ name }) => !name.startsWith('.') && !isBuiltin(name))
    expect(outside).toEqual([])
  })
})

describe('the bin every push starts', () => {
  // Code only @actions/core (issueFileCommand, toCommandValue) and Octokit ("octokit-core.js/") hold.
  const ACTIONS_CODE = /\b(issueFileCommand|toCommandValue)\b|octokit-core\.js/

  it('dist/cli.js and every chunk it can load, at once or later, hold no @actions or Octokit code', () => {
    const reachable = new Set<string>()
    const visit = (path: string): void => {
      if (reachable.has(path)) return
      reachable.add(path)
      const code = readFileSync(join(checkout, path), 'utf8').replace(/^#!.*/, '')
      importedNames(code)
        .filter((name) => name.startsWith('.'))
        .forEach((name) => visit(join(dirname(path), name)))
    }
    visit('dist/cli.js')
    expect(reachable.size).toBeGreaterThan(10)
    expect([...reachable].filter((path) => ACTIONS_CODE.test(readFileSync(join(checkout, path), 'utf8')))).toEqual([])
    expect(readFileSync(join(checkout, 'dist/index.js'), 'utf8')).toMatch(ACTIONS_CODE) // the Action's bundle has it
  })

  it('no chunk imports an entry file: a copy of the bin under another name still runs', () => {
    const chunks = filesUnder(join(checkout, 'dist/chunks'), checkout).filter((path) => path.endsWith('.js'))
    expect(chunks.length).toBeGreaterThan(10)
    const entries = ['dist/cli.js', 'dist/index.js']
    const intoEntries = chunks.flatMap((path) =>
      importedNames(readFileSync(join(checkout, path), 'utf8'))
        .filter((name) => entries.includes(join(dirname(path), name)))
        .map((name) => `${path} imports ${name}`)
    )
    expect(intoEntries).toEqual([])
  })
})

describe('npm install of the release tarball, offline, empty cache', () => {
  let project: string

  beforeAll(() => {
    project = freshProject(join(root, 'tarball-project'))
  })

  it('adds exactly one package and warns about nothing (no engine warnings on Node 20)', () => {
    const install = run(project, 'npm', ['install', '--save-dev', tarball], npmEnv(project))
    expect(install).toMatchObject({ code: 0 })
    expect(install.output).toMatch(/added 1 package/)
    expect(install.output).not.toMatch(/warn|EBADENGINE|ERR/i)
    expect(readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual([
      'model-leak-guard'
    ])
    expect(run(project, 'npx', ['model-leak-guard', '--version'], npmEnv(project))).toEqual({
      code: 0,
      output: `${VERSION}\n`
    })
  })
})

describe('the hook from an installed tarball, through a real git push', () => {
  it('npx model-leak-guard install-hook; npx model-leak-guard scan and a push with a restricted model are stopped', () => {
    const { origin, work } = originAndClone(join(root, 'hooked'))
    writeFileSync(join(work.dir, 'package.json'), '{ "name": "ml-project", "private": true }\n')
    work.write('.gitignore', 'node_modules/\n')
    expect(run(work.dir, 'npm', ['install', '--save-dev', tarball], npmEnv(work.dir)).code).toBe(0)
    const installed = run(work.dir, 'npx', ['model-leak-guard', 'install-hook'], npmEnv(work.dir))
    expect(installed).toMatchObject({ code: 0, output: expect.stringContaining('installed') })
    work.commit('Add the tooling')
    expect(gitMayFail(work.dir, ['push', 'origin', 'main']).code).toBe(0)

    const before = refId(origin, 'main')
    work.write(RESTRICTED_MODEL, modelBytes()).commit('Add a restricted model')
    const scanned = run(work.dir, 'npx', ['model-leak-guard', 'scan'], npmEnv(work.dir))
    expect(scanned).toMatchObject({ code: 1, output: expect.stringContaining(`BLOCK ${RESTRICTED_MODEL}`) })
    const push = gitMayFail(work.dir, ['push', 'origin', 'main'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain(`BLOCK ${RESTRICTED_MODEL}`)
    expect(refId(origin, 'main')).toBe(before)
  })
})

describe('the other routes, offline', () => {
  it('npm install from the git tag: nothing is built, nothing fetched', () => {
    const project = freshProject(join(root, 'git-project'))
    const install = run(project, 'npm', ['install', '--save-dev', `git+file://${checkout}#${TAG}`], npmEnv(project))
    expect(install).toMatchObject({ code: 0 })
    expect(install.output).not.toMatch(/warn|ERR/i)
    expect(existsSync(join(project, 'node_modules/model-leak-guard/dist/cli.js'))).toBe(true)
    expect(run(project, 'npx', ['model-leak-guard', '--version'], npmEnv(project)).output).toBe(`${VERSION}\n`)
  })

  it("npm install from the tarball's URL (a release asset; here a local HTTP server)", async () => {
    const project = freshProject(join(root, 'url-project'))
    const server = createServer((request, response) => {
      if (request.url !== `/download/${TAG}/${basename(tarball)}`) return void response.writeHead(404).end()
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(tarball))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const url = `http://127.0.0.1:${port}/download/${TAG}/${basename(tarball)}`
    try {
      const install = await runAsync(
        project,
        'npm',
        ['install', '--save-dev', url],
        npmEnv(project, { npm_config_offline: 'false' })
      )
      expect(install).toMatchObject({ code: 0, output: expect.stringMatching(/added 1 package/) })
    } finally {
      server.close()
    }
    expect(run(project, 'npx', ['model-leak-guard', '--version'], npmEnv(project)).output).toBe(`${VERSION}\n`)
  })
})

/** PATH with node, git and sh, and none of this machine's own tools. */
const BARE_PATH = '/usr/bin:/bin'

/** A clean push goes through the installed hook, then one with a restricted model is stopped. */
function pushesThroughTheHook(work: TestRepo, origin: TestRepo, env: NodeJS.ProcessEnv): void {
  work.write('notes.txt', 'no model here\n').commit('Add notes')
  expect(gitMayFail(work.dir, ['push', 'origin', 'main'], env)).toMatchObject({ code: 0 })
  const before = refId(origin, 'main')
  work.write(RESTRICTED_MODEL, modelBytes()).commit('Add a restricted model')
  const push = gitMayFail(work.dir, ['push', 'origin', 'main'], env)
  expect(push).toMatchObject({ code: 1, output: expect.stringContaining(`BLOCK ${RESTRICTED_MODEL}`) })
  expect(refId(origin, 'main')).toBe(before)
}

describe('hooks that find the tool in a project with no npm install of its own', () => {
  it('npm install --global: install-hook finds it on PATH, and the hook runs it', () => {
    const prefix = join(root, 'global')
    expect(run(root, 'npm', ['install', '--global', '--prefix', prefix, tarball], npmEnv(root)).code).toBe(0)
    const env = { PATH: `${join(prefix, 'bin')}:${BARE_PATH}` }
    const { origin, work } = originAndClone(join(root, 'hooked-global'))
    const installed = run(work.dir, 'model-leak-guard', ['install-hook'], hookEnv(env))
    expect(installed).toMatchObject({ code: 0, output: expect.stringContaining(`${join(prefix, 'bin')}`) })
    expect(work.read('.git/hooks/pre-push').toString()).toContain('\nmodel-leak-guard pre-push "$@"\n')
    pushesThroughTheHook(work, origin, env)
  })

  it('a shallow clone of the tag: npx CLONE scan and node CLONE/dist/cli.js run as they are; its hook runs that file', () => {
    const clone = join(root, 'clone')
    const cloned = run(
      root,
      'git',
      ['clone', '-q', '--depth', '1', '--branch', TAG, `file://${checkout}`, clone],
      hookEnv()
    )
    expect(cloned.code).toBe(0)
    const { origin, work } = originAndClone(join(root, 'hooked-from-clone'))
    work.write(RESTRICTED_MODEL, modelBytes()).commit('Add a restricted model')
    const viaNpx = run(work.dir, 'npx', ['--yes', clone, 'scan'], npmEnv(work.dir))
    expect(viaNpx).toMatchObject({ code: 1, output: expect.stringContaining(`BLOCK ${RESTRICTED_MODEL}`) })
    work.git('reset', '-q', '--hard', 'HEAD~1')

    const env = { PATH: BARE_PATH }
    const installed = run(work.dir, process.execPath, [join(clone, 'dist/cli.js'), 'install-hook'], hookEnv(env))
    expect(installed).toMatchObject({ code: 0, output: expect.stringContaining('the CLI running now') })
    expect(work.read('.git/hooks/pre-push').toString()).toContain(`${join(clone, 'dist/cli.js')} pre-push "$@"`)
    pushesThroughTheHook(work, origin, env)
  })
})
