// The CLI end to end over real repositories: exit codes, reports, errors that name file and line.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { cpSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { safetensorsBytes } from '../../src/commands/demo-repository.js'
import { VERSION } from '../../src/version.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'

const KNN_JOBLIB = readFileSync(new URL('../fixtures/models/knn.joblib', import.meta.url))
const WEIGHTS = safetensorsBytes({ format: 'pt' }, [1, 2, 3])
const ZIP_WITH_MODEL_AT_THE_END = `
import os, sys, zipfile
os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as z:
    z.writestr('data.bin', sys.argv[2].encode() * (3 * 1024 * 1024))
    z.writestr('late/knn.joblib', sys.stdin.buffer.read())
`

const REGISTRY = `version: 1
labels:
  - { name: public }
  - { name: restricted, block: true }
datasets:
  - { id: ukbb, label: restricted, aliases: [uk-biobank] }
  - { id: cifar10, label: public }
models:
  - { path: "models/risk/**", trained_on: [ukbb] }
  - { path: "models/vision/**", trained_on: [cifar10] }
policy:
  unknown_provenance: block
`

let root: string
beforeAll(() => {
  root = tempDir()
})
afterAll(() => cleanup(root))

let counter = 0
const templates = new Map<string, string>()
/** A clone with the registry pushed to origin, ready for unpushed commits (a copy of one built once per registry). */
function project(registry = REGISTRY): TestRepo {
  let template = templates.get(registry)
  if (!template) templates.set(registry, (template = buildProject(join(root, `template${templates.size}`), registry)))
  const base = join(root, `p${counter++}`)
  cpSync(template, base, { recursive: true })
  return new TestRepo(`${base}/work`)
}

/** The clone names its origin `../origin.git`: each copy pushes to its own. */
function buildProject(base: string, registry: string): string {
  TestRepo.bare(`${base}/origin.git`)
  const repo = TestRepo.init(`${base}/work`)
  repo.write('.model-registry.yml', registry).write('README.md', '# project\n')
  repo.commit('registry')
  repo.git('remote', 'add', 'origin', '../origin.git')
  repo.git('push', '-q', 'origin', 'main')
  return base
}

describe('model-leak-guard scan', () => {
  it('blocks a model trained on a restricted dataset (exit 1)', async () => {
    const repo = project()
    repo.write('models/risk/knn.joblib', KNN_JOBLIB)
    const commit = repo.commit('add risk model')
    const result = await cli(repo.dir, ['scan', '--format', 'json'])
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report.version).toBe(1)
    expect(report.verdict).toBe('block')
    expect(report.findings).toHaveLength(1)
    expect(report.findings[0]).toMatchObject({
      path: 'models/risk/knn.joblib',
      member: null,
      commit,
      format: 'joblib',
      kind: 'knn-index',
      datasets: [{ id: 'ukbb', label: 'restricted', source: 'registry' }],
      verdict: 'block',
      reasons: ['trained on ukbb (restricted)']
    })
    expect(report.findings[0].blob).toBe(repo.git('rev-parse', `${commit}:models/risk/knn.joblib`).trim())
    expect(report.stats).toMatchObject({ commits: 1, blobs: 1, artifacts: 1 })
    expect(report.stats.bytesRead).toBeGreaterThan(0)
  })

  it('passes a model trained on a public dataset (exit 0)', async () => {
    const repo = project()
    repo.write('models/vision/model.safetensors', WEIGHTS)
    repo.commit('add vision model')
    const result = await cli(repo.dir, ['scan'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^PASS\s+models\/vision\/model\.safetensors/m)
    expect(result.stdout).toMatch(/scanned 1 commit, 1 blob, 1 artifact in \d+ ms/)
  })

  it('blocks unknown provenance by default and only warns when the policy says warn', async () => {
    const blocking = project()
    blocking.write('elsewhere/model.safetensors', WEIGHTS)
    blocking.commit('add unexplained model')
    const blocked = await cli(blocking.dir, ['scan'])
    expect(blocked.code).toBe(1)
    expect(blocked.stdout).toMatch(/unknown provenance/)

    const warning = project(REGISTRY.replace('unknown_provenance: block', 'unknown_provenance: warn'))
    warning.write('elsewhere/model.safetensors', WEIGHTS)
    warning.commit('add unexplained model')
    const warned = await cli(warning.dir, ['scan'])
    expect(warned.code).toBe(0)
    expect(warned.stdout).toMatch(/^WARN\s+elsewhere\/model\.safetensors/m)
    expect(warned.stdout).toMatch(/verdict: warn/)
  })

  it('still blocks a model that a later commit deleted: its blob leaves with the push', async () => {
    const repo = project()
    repo.write('models/risk/knn.joblib', KNN_JOBLIB)
    repo.commit('add')
    repo.git('rm', '-q', 'models/risk/knn.joblib')
    repo.commit('remove again')
    const result = await cli(repo.dir, ['scan'])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/scanned 2 commits/)
  })

  it('does not rescan a model the remote-tracking ref already has, even renamed', async () => {
    const repo = project()
    repo.write('models/risk/knn.joblib', KNN_JOBLIB)
    repo.commit('add')
    repo.git('push', '-q', 'origin', 'main')
    repo.git('mv', 'models/risk/knn.joblib', 'models/risk/renamed.joblib')
    repo.commit('rename')
    const result = await cli(repo.dir, ['scan'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/scanned 1 commit, 0 blobs, 0 artifacts/)
  })

  it('detects a model renamed to a misleading name by its content', async () => {
    const repo = project()
    repo.write('models/risk/notes.dat', KNN_JOBLIB)
    repo.commit('add disguised model')
    const result = await cli(repo.dir, ['scan', '--format', 'json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout).findings[0]).toMatchObject({ path: 'models/risk/notes.dat', kind: 'knn-index' })
  })

  it('blocks a model that a merge brings from a side branch', async () => {
    const repo = project()
    repo.git('checkout', '-q', '-b', 'side')
    repo.write('models/risk/side.safetensors', WEIGHTS)
    const side = repo.commit('side model')
    repo.git('checkout', '-q', 'main')
    repo.write('notes.txt', 'n')
    repo.commit('main work')
    repo.git('merge', '-q', '--no-ff', '-m', 'merge', 'side')
    const result = await cli(repo.dir, ['scan', '--format', 'json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout).findings[0]).toMatchObject({ path: 'models/risk/side.safetensors', commit: side })
  })

  it('handles file names with spaces, a newline, unicode and a leading dash', async () => {
    const repo = project()
    const names = [
      'models/risk/with space.safetensors',
      'models/risk/new\nline.safetensors',
      'models/risk/模型 ü.safetensors',
      'models/risk/-rf.safetensors'
    ]
    names.forEach((name, i) => repo.write(name, safetensorsBytes({ n: String(i) }, [i])))
    repo.commit('odd names')
    const result = await cli(repo.dir, ['scan', '--format', 'json'])
    expect(result.code).toBe(1)
    expect(
      JSON.parse(result.stdout)
        .findings.map((f: { path: string }) => f.path)
        .sort()
    ).toEqual([...names].sort())
  })

  it('judges the same bytes by every path they stand at: a restricted path is not hidden behind a public one', async () => {
    const repo = project()
    repo.write('models/vision/model.safetensors', WEIGHTS)
    repo.commit('public model')
    repo.write('models/risk/model.safetensors', WEIGHTS)
    repo.commit('the same bytes under the restricted path')
    const result = await cli(repo.dir, ['scan', '--format', 'json'])
    expect(result.code).toBe(1)
    const [finding] = JSON.parse(result.stdout).findings
    expect(finding).toMatchObject({
      path: 'models/vision/model.safetensors',
      verdict: 'block',
      detail: { alsoAt: ['models/risk/model.safetensors'] }
    })
    expect(finding.datasets.map((d: { id: string }) => d.id).sort()).toEqual(['cifar10', 'ukbb'])
  })

  it('skips a blob for artifacts.exclude only when every path of it is excluded', async () => {
    const repo = project(REGISTRY + 'artifacts:\n  exclude: ["a-vendor/**"]\n')
    repo.write('a-vendor/model.safetensors', WEIGHTS)
    repo.write('models/risk/model.safetensors', WEIGHTS)
    repo.write('a-vendor/only-here.safetensors', safetensorsBytes({ only: 'vendor' }, [9]))
    repo.commit('excluded and not')
    const result = await cli(repo.dir, ['scan', '--format', 'json'])
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report.findings.map((f: { path: string }) => f.path)).toEqual(['models/risk/model.safetensors'])
    expect(report.stats.excluded).toBe(1)
  })

  it('reads blobs bigger than a window share again, alone, and still finds what is inside', async () => {
    const repo = project()
    for (const name of ['a', 'b', 'c']) {
      // A stored zip: 3 MiB of data, then the k-NN model, so detection needs more than the first MiB.
      execFileSync('python3', ['-c', ZIP_WITH_MODEL_AT_THE_END, join(repo.dir, `models/risk/${name}.zip`), name], {
        input: KNN_JOBLIB
      })
    }
    repo.commit('three big archives')
    const result = await cli(repo.dir, ['scan', '--format', 'json'])
    const findings = JSON.parse(result.stdout).findings
    expect(findings.map((f: { path: string; member: string; kind: string }) => [f.path, f.member, f.kind])).toEqual(
      ['a', 'b', 'c'].map((name) => [`models/risk/${name}.zip`, 'late/knn.joblib', 'knn-index'])
    )
  })

  it('scans explicit ranges and --all', async () => {
    const repo = project()
    repo.git('checkout', '-q', '-b', 'feature')
    repo.write('models/risk/model.safetensors', WEIGHTS)
    repo.commit('feature model')
    expect((await cli(repo.dir, ['scan', 'main..feature'])).code).toBe(1)
    expect((await cli(repo.dir, ['scan', 'feature', '^main'])).code).toBe(1)
    expect((await cli(repo.dir, ['scan', 'main'])).code).toBe(0)
    const all = await cli(repo.dir, ['scan', '--all'])
    expect(all.code).toBe(1)
    expect(all.stdout).toMatch(/scanned 2 commits, 3 blobs, 1 artifact/)
  })

  it('takes every revision form the README shows without `--`, revision options in place', async () => {
    const repo = project()
    repo.git('checkout', '-q', '-b', 'feature')
    repo.write('models/risk/model.safetensors', WEIGHTS)
    repo.commit('feature model')
    for (const range of [
      ['HEAD', '--not', '--remotes'],
      ['feature', '--not', 'main'],
      ['--branches', '--not', '--remotes=origin'],
      ['--', 'HEAD', '--not', '--remotes']
    ]) {
      const result = await cli(repo.dir, ['scan', '--format', 'json', ...range])
      expect([range, result.code, JSON.parse(result.stdout).stats.commits]).toEqual([range, 1, 1])
    }
    const none = await cli(repo.dir, ['scan', 'HEAD', '--not', '--all'])
    expect([none.code, none.stdout]).toEqual([0, expect.stringMatching(/scanned 0 commits/)])
  })

  it('passes an empty range and says it scanned 0 commits', async () => {
    const repo = project()
    const result = await cli(repo.dir, ['scan'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/scanned 0 commits, 0 blobs, 0 artifacts/)
    expect(result.stdout).toMatch(/nothing to scan/)
  })

  it('writes the report to --output and runs in another repository with -C', async () => {
    const repo = project()
    repo.write('models/risk/model.safetensors', WEIGHTS)
    repo.commit('add')
    const result = await cli(root, ['scan', '-C', repo.dir, '--format', 'json', '--output', 'report.json', '--quiet'])
    expect(result.code).toBe(1)
    expect(JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')).verdict).toBe('block')
  })

  it('reads the registry at the top of the working tree when run from a subdirectory', async () => {
    const repo = project()
    repo.write('models/vision/model.safetensors', WEIGHTS)
    repo.commit('public model')
    const result = await cli(join(repo.dir, 'models'), ['scan'])
    expect(result.stdout).toMatch(/^PASS\s+models\/vision\/model\.safetensors/m)
    expect(result.code).toBe(0)
  })

  it('prints only the coverage line with --quiet when the scan passes: an empty scan is never silent', async () => {
    const repo = project()
    const result = await cli(repo.dir, ['scan', '--quiet'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toMatch(/^scanned 0 commits, 0 blobs, 0 artifacts in \d+ ms\n$/)
  })

  it('names the registry file to create in the fix when the built-in defaults judged', async () => {
    const repo = TestRepo.init(join(root, 'no-registry-fix'))
    repo.write('m.safetensors', WEIGHTS)
    repo.commit('model')
    const result = await cli(repo.dir, ['scan'])
    expect(result.stdout).toContain('fix: declare its training data in .model-registry.yml (create it)')
  })

  it('says which report file it cannot write, as a usage error', async () => {
    const repo = project()
    const result = await cli(repo.dir, ['scan', '--output', 'no/such/dir/report.json'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/no\/such\/dir\/report\.json: cannot write the report: ENOENT/)
    expect(result.stderr).not.toMatch(/internal error/)
  })

  it('uses the built-in defaults without a registry: every model has unknown provenance', async () => {
    const repo = TestRepo.init(join(root, 'no-registry'))
    repo.write('m.safetensors', WEIGHTS)
    repo.commit('model')
    const result = await cli(repo.dir, ['scan', '--format', 'json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout).findings[0].reasons[0]).toMatch(/unknown provenance/)
  })
})

describe('errors exit 2 and say where', () => {
  it('rejects bad registry YAML with FILE:LINE:COL', async () => {
    const repo = project()
    repo.write('.model-registry.yml', 'version: 1\ndatasets: [\n')
    const result = await cli(repo.dir, ['scan'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/\.model-registry\.yml:\d+:\d+ invalid YAML/)
  })

  it('rejects a registry that breaks the schema with FILE:LINE:COL and the key path', async () => {
    const repo = project()
    repo.write('custom.yml', 'version: 1\ndatasets:\n  - { id: a, label: secret }\n')
    const result = await cli(repo.dir, ['scan', '--registry', 'custom.yml'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      'custom.yml:3:21 datasets[0].label: "secret" is not a declared label (public, internal, confidential, restricted)'
    )
  })

  it('rejects a missing --registry file', async () => {
    const repo = project()
    const result = await cli(repo.dir, ['scan', '--registry', 'nope.yml'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/nope\.yml: cannot read the registry: ENOENT/)
  })

  it('says when the directory is not a git repository', async () => {
    const result = await cli(tempDir(), ['scan'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/not a git repository/)
  })

  it('names the git command for a bad revision', async () => {
    const repo = project()
    const result = await cli(repo.dir, ['scan', 'no-such-ref'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/git rev-list .* failed/)
  })

  it('rejects unknown options and formats', async () => {
    const repo = project()
    expect((await cli(repo.dir, ['scan', '--bogus'])).code).toBe(2)
    expect((await cli(repo.dir, ['scan', '--format', 'xml'])).stderr).toMatch(
      /--format must be text, json, sarif or codequality/
    )
    expect((await cli(repo.dir, ['frobnicate'])).code).toBe(2)
  })
})

describe('other commands', () => {
  it('validate-registry prints ok or every error', async () => {
    const repo = project()
    expect(await cli(repo.dir, ['validate-registry'])).toEqual({ code: 0, stdout: 'ok\n', stderr: '' })
    repo.write('bad.yml', 'version: 1\nlabels: []\nmodels:\n  - { path: x, trained_on: [y] }\n')
    const bad = await cli(repo.dir, ['validate-registry', 'bad.yml'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/bad\.yml:2:9 labels: /)
  })

  it('prints --help and --version', async () => {
    const help = await cli(root, ['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/usage: model-leak-guard <command>/)
    expect(await cli(root, ['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' })
  })

  it('ships the CLI as the package bin: dist/cli.js, executable, with a node shebang', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    expect(pkg.bin).toEqual({ 'model-leak-guard': './dist/cli.js' })
    const bin = new URL('../../dist/cli.js', import.meta.url)
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node')
    expect(statSync(bin).mode & 0o111).not.toBe(0)
  })

  it('demo names its repository only when it keeps it (--keep), and exits 0 for the block it shows', async () => {
    const removed = await cli(root, ['demo'])
    expect(removed).toMatchObject({ code: 0, stdout: expect.stringContaining('The push would be BLOCKED') })
    expect(removed.stdout).not.toContain(tmpdir())
    expect(removed.stdout).toContain('demo --keep')
    const kept = await cli(root, ['demo', '--keep'])
    const [, path] = /kept at (\S+):/.exec(kept.stdout) ?? []
    try {
      expect(kept.code).toBe(0)
      expect(new TestRepo(path).git('ls-files').split('\n')).toContain('indexes/patients.faiss')
    } finally {
      cleanup(join(path, '..'))
    }
  })

  it('keeps VERSION equal to package.json', () => {
    expect(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version).toBe(VERSION)
  })
})

describe('the built CLI (dist/cli.js, what npm start runs)', () => {
  const dist = new URL('../../dist/cli.js', import.meta.url).pathname

  it('runs the embedded demo and shows a blocked push', () => {
    const output = execFileSync('node', [dist, 'demo'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
    expect(output).toMatch(/^BLOCK\s+indexes\/patients\.faiss\s+\[faiss, knn-index\]/m)
    expect(output).toMatch(/^BLOCK\s+models\/risk\/model\.safetensors/m)
    expect(output).toMatch(/^PASS\s+models\/vision\/model\.safetensors/m)
    expect(output).toMatch(/The push would be BLOCKED/)
  })

  it('exits with the scan verdict as a program', () => {
    const repo = project()
    repo.write('models/risk/model.safetensors', WEIGHTS)
    repo.commit('add')
    let code = 0
    try {
      execFileSync('node', [dist, 'scan', '-C', repo.dir], { stdio: 'pipe' })
    } catch (error) {
      code = (error as { status: number }).status
    }
    expect(code).toBe(1)
  })
})
