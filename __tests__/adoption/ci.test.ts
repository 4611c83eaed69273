// CI beyond GitHub: the GitLab template's own script run in a shallow clone with the variables a
// merge request pipeline sets (the package from a release tarball, npm offline), the range those
// variables give, and the CLI's SARIF (the Action's) and GitLab Code Quality reports.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { gitlabRange, rangeRevisions } from '../../src/commands/ci-range.js'
import { loadRegistryFor } from '../../src/registry/index.js'
import { renderSarif } from '../../src/report/sarif.js'
import { scan } from '../../src/scan.js'
import { expectValidSarif } from '../action/sarif-schema.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import { BUILD_TIMEOUT, modelBytes, PUBLIC_MODEL, RESTRICTED_MODEL } from '../hooks/helpers.js'
import { DEMO_REGISTRY } from '../../src/commands/demo-repository.js'
import { npmEnv, releaseTarball, run } from './release.js'

const TEMPLATE = join(import.meta.dirname, '../../templates/gitlab/model-leak-guard.gitlab-ci.yml')

let root: string
let tarball: string
/** main: registry and notes; feature (from main): a restricted model, then two more commits; main moves on. */
let origin: TestRepo
let mergeBase: string
let feature: string

beforeAll(() => {
  root = tempDir('mlg-ci-')
  tarball = releaseTarball(root)
  const work = TestRepo.init(join(root, 'work'))
  work.write('.model-registry.yml', DEMO_REGISTRY).commit('Add the registry')
  for (const n of [1, 2, 3]) work.write('notes.txt', `note ${n}\n`).commit(`Note ${n}`)
  mergeBase = work.head()
  work.git('checkout', '-q', '-b', 'feature')
  work.write(RESTRICTED_MODEL, modelBytes()).commit('Add a restricted model')
  work.write(PUBLIC_MODEL, modelBytes()).commit('Add a public model')
  feature = work.write('train.py', 'print(1)\n').commit('Add the training script')
  work.git('checkout', '-q', 'main')
  work.write('notes.txt', 'note 4\n').commit('Note 4')
  origin = TestRepo.bare(join(root, 'origin.git'))
  work.git('push', '-q', origin.dir, 'main', 'feature')
}, BUILD_TIMEOUT)

afterAll(() => cleanup(root))

/** The variables GitLab sets in a merge request pipeline (detached: no merged results). */
function mergeRequestVariables(): NodeJS.ProcessEnv {
  return {
    GITLAB_CI: 'true',
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_COMMIT_SHA: feature,
    CI_COMMIT_BEFORE_SHA: '0000000000000000000000000000000000000000',
    CI_MERGE_REQUEST_DIFF_BASE_SHA: mergeBase,
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature',
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main'
  }
}

describe('templates/gitlab/model-leak-guard.gitlab-ci.yml in a merge request pipeline', () => {
  it('runs its script in a depth-1 clone: deepens it, fails the job, and writes the Code Quality report', () => {
    const clone = join(root, 'gitlab-clone')
    expect(
      run(
        root,
        'git',
        ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin.dir}`, clone],
        npmEnv(root)
      ).code
    ).toBe(0)
    const template = parse(readFileSync(TEMPLATE, 'utf8'))
    const job = template['model-leak-guard']
    expect(job.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }])
    expect(job.artifacts.reports.codequality).toBe('gl-model-leak-guard.json')
    const prefix = join(root, 'npm-global')
    const env = npmEnv(root, {
      ...mergeRequestVariables(),
      MODEL_LEAK_GUARD_PACKAGE: tarball,
      npm_config_prefix: prefix,
      PATH: `${join(prefix, 'bin')}:/usr/bin:/bin`
    })
    const [install, check] = (job.script as string[]).map((line) => run(clone, 'sh', ['-c', line], env))
    expect(install).toMatchObject({ code: 0 })
    expect(check).toMatchObject({ code: 1, output: expect.stringContaining(`BLOCK ${RESTRICTED_MODEL}`) })
    expect(check.output).toContain('scanned 3 commits')
    const issues = JSON.parse(readFileSync(join(clone, job.artifacts.reports.codequality), 'utf8'))
    expect(
      issues.map((issue: { location: { path: string }; severity: string }) => [issue.location.path, issue.severity])
    ).toEqual([
      [RESTRICTED_MODEL, 'blocker'],
      [PUBLIC_MODEL, 'info']
    ])
    expect(issues[0]).toMatchObject({ check_name: 'model-leak/weights', location: { lines: { begin: 1 } } })
    expect(new Set(issues.map((issue: { fingerprint: string }) => issue.fingerprint)).size).toBe(2)
  })
})

describe('gitlabRange: GitLab’s variables to the revisions scanned', () => {
  it('a merge request pipeline: the head beyond the diff base', () => {
    const range = gitlabRange({
      CI_COMMIT_SHA: 'h',
      CI_MERGE_REQUEST_DIFF_BASE_SHA: 'b',
      CI_COMMIT_BEFORE_SHA: '0'.repeat(40)
    })
    expect(rangeRevisions(range)).toEqual(['h', '--not', 'b'])
  })

  it('a merged results pipeline: the source branch’s tip (not the merge commit), beyond the base and the target’s tip', () => {
    const range = gitlabRange({
      CI_COMMIT_SHA: 'merge',
      CI_MERGE_REQUEST_DIFF_BASE_SHA: 'b',
      CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: 's',
      CI_MERGE_REQUEST_TARGET_BRANCH_SHA: 't'
    })
    expect(range).toEqual({ head: 's', base: 'b', exclude: ['b', 't'] })
  })

  it('a push to an existing branch: before..after; a new branch or no GitLab variables: an error that says what to do', () => {
    expect(rangeRevisions(gitlabRange({ CI_COMMIT_SHA: 'a', CI_COMMIT_BEFORE_SHA: 'b' }))).toEqual(['a', '--not', 'b'])
    expect(() => gitlabRange({ CI_COMMIT_SHA: 'a', CI_COMMIT_BEFORE_SHA: '0'.repeat(40) })).toThrow(
      /merge request pipelines/
    )
    expect(() => gitlabRange({})).toThrow(/CI_COMMIT_SHA is not set/)
  })
})

describe('scan --format sarif | codequality from the CLI', () => {
  let repo: TestRepo

  beforeAll(() => {
    repo = new TestRepo(join(root, 'work'))
    repo.git('checkout', '-q', 'feature')
  })

  it('SARIF is the Action’s (renderSarif of the same scan) and valid SARIF 2.1.0', async () => {
    const revisions = [feature, '--not', mergeBase]
    const result = await cli(repo.dir, ['scan', ...revisions, '--format', 'sarif', '--output', 'out.sarif'])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(`BLOCK ${RESTRICTED_MODEL}`) // the text report still goes to stdout
    const sarif = readFileSync(join(repo.dir, 'out.sarif'), 'utf8')
    const report = await scan({ repoDir: repo.dir, revisions, registry: await loadRegistryFor(repo.dir) })
    expect(sarif).toBe(renderSarif(report))
    expect(expectValidSarif(join(repo.dir, 'out.sarif'))).toMatchObject({ version: '2.1.0' })
  })

  it('without --output a machine format goes to stdout alone; an unknown format is a usage error', async () => {
    const stdout = await cli(repo.dir, ['scan', `${mergeBase}..${feature}`, '--format', 'codequality'])
    expect(JSON.parse(stdout.stdout)).toHaveLength(2)
    const bad = await cli(repo.dir, ['scan', '--format', 'xml'])
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('text, json, sarif or codequality') })
  })
})
