// Each policy rule of #11 through the Action, in-process over a real repository checked out as
// actions/checkout does, one pull request per rule (the branches the CLI's tests scan too), with a
// local stand-in for the GitHub API taking the PR comment. The registry judging is main's.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanup, tempDir } from '../helpers/repo.js'
import {
  expectJudged,
  findingAt,
  policyCasesRepo,
  pullNumberOf,
  RULES,
  verdictsByPath,
  type CaseName,
  type PolicyCases
} from '../helpers/policy.js'
import { fakeGitHubForTests } from './fake-github.js'
import { checkoutLikeActions, runInProcess, type ActionRun } from './harness.js'
import { expectValidSarif } from './sarif-schema.js'

let scratch: string
let cases: PolicyCases
let runs = 0
const github = fakeGitHubForTests()

beforeAll(async () => {
  scratch = tempDir('mlg-action-policy-')
  cases = await policyCasesRepo(join(scratch, 'origin'))
}, 240_000)
afterAll(() => cleanup(scratch))

/** The pull request of a case into main, into a repository of this visibility. */
async function pullRequest(name: CaseName, visibility = 'public'): Promise<ActionRun> {
  const number = pullNumberOf(name)
  const workspace = join(scratch, 'ws', `${name}-${++runs}`)
  const repo = checkoutLikeActions(cases.repo, workspace, `refs/pull/${number}/head`, { depth: 1 })
  return runInProcess({
    workspace: repo.dir,
    scratch,
    apiUrl: github.url(),
    eventName: 'pull_request',
    payload: {
      number,
      pull_request: { number, base: { sha: cases.main }, head: { sha: cases.tips[name] } },
      repository: { default_branch: 'main', visibility }
    }
  })
}

/** The JSON report the run wrote (its `report` output). */
function reportOf(run: ActionRun): string {
  expect(run.stdout).toContain(`registry: .model-registry.yml as committed at refs/remotes/origin/main (${cases.main})`)
  return readFileSync(run.outputs.report, 'utf8')
}

/** The annotations on files (the failed step's own `::error::` has none), as [level, file]. */
function fileAnnotations(run: ActionRun): string[][] {
  return run.annotations.filter((a) => a.properties.file).map((a) => [a.level, a.properties.file])
}

function commentOf(): string {
  expect(github.api.comments).toHaveLength(1)
  return github.api.comments[0].body
}

describe('the Action: kinds, data, differential privacy, waivers', () => {
  test.each(RULES)('%s', async (_rule, name, exitCode) => {
    const run = await pullRequest(name)
    expect(run.code).toBe(exitCode)
    expectJudged(reportOf(run), name)
  })

  test('a warning and a block are annotations on their files at their levels; the PR comment says why', async () => {
    expect(fileAnnotations(await pullRequest('data-pickle'))).toEqual([['warning', 'features/frame.pkl']])
    expect(fileAnnotations(await pullRequest('kinds'))).toEqual([
      ['error', 'indexes/support/tickets.faiss'],
      ['notice', 'models/support/classifier.safetensors'], // a passing model: a notice, never an error or a warning
      ['notice', 'models/vision/ok.safetensors']
    ])
    expect(commentOf()).toContain(
      '| ⛔ block | `indexes/support/tickets.faiss` | faiss (knn-index) | tickets (internal) |'
    )
    expect(commentOf()).toContain('internal blocks knn-index, and a k-NN or vector index stores its training records')
  })

  test('a waiver matching nothing in the pull request is reported as stale, in the log and the JSON report', async () => {
    const run = await pullRequest('waivers')
    expect(commentOf()).toContain('waiver expired on 2020-01-01 (approved by alice: shared with the auditors)')
    expect(JSON.parse(reportOf(run)).notices).toEqual([expect.stringMatching(/^stale waiver: waivers\[2\] /)])
    expect(run.stdout).toMatch(/note: stale waiver: waivers\[2\] \(blob [0-9a-f]{12}, expires 2999-01-01\)/)
  })
})

describe('the Action: destinations, baseline', () => {
  test('an internal-data index may go to a private repository (allowed_destinations: [private]), not to a public one', async () => {
    const toPrivate = await pullRequest('kinds', 'private')
    expect(toPrivate.code).toBe(0)
    expect(findingAt(reportOf(toPrivate), 'indexes/support/tickets.faiss')).toMatchObject({
      verdict: 'pass',
      reasons: [
        'trained on tickets (internal), which may go to https://github.com/acme/app (private) (allowed_destinations: private)'
      ]
    })
    const toPublic = await pullRequest('restricted', 'public')
    expect(findingAt(reportOf(toPublic), 'models/risk/model.safetensors').reasons).toEqual([
      'trained on ukbb (restricted): restricted may go only to /**/internal-mirror.git, not to https://github.com/acme/app (public)'
    ])
  })

  test("baseline: an audit of the history passes the old model main's baseline records and fails on one added after it", async () => {
    const repo = checkoutLikeActions(cases.repo, join(scratch, 'ws', 'audit'), 'refs/heads/main', { depth: 1 })
    const run = await runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'workflow_dispatch',
      payload: { inputs: {}, repository: { default_branch: 'main', visibility: 'public' } }
    })
    expect(run.code).toBe(1)
    const json = reportOf(run)
    expect(verdictsByPath(json)).toMatchObject({
      'models/risk/old.safetensors': 'pass',
      'models/risk/new.safetensors': 'block'
    })
    expect(findingAt(json, 'models/risk/old.safetensors').reasons[0]).toMatch(
      /^in the baseline refs\/remotes\/origin\/main:\.model-baseline\.yml \(recorded [\d-]+\): already in the repository/
    )
  })
})

describe("the Action: CI's advice, SARIF", () => {
  test('says the commits are already pushed, and names the registry to edit by file and branch, never by an object id', async () => {
    const run = await pullRequest('unknown')
    const { fix } = findingAt(reportOf(run), 'models/unknown/m.safetensors')
    expect(fix).toEqual([
      'declare its training data in .model-registry.yml on main (models: - { path: "models/unknown/m.safetensors", trained_on: [...] })',
      expect.stringMatching(
        /^the commits are already pushed: rewrite this branch without it .* ask an admin to purge it/
      )
    ])
    expect(run.stdout).not.toContain('drop it from the unpushed commits')
    expect(run.stdout).not.toMatch(/[0-9a-f]{12,}:\.model-registry\.yml/)
  })

  test('the SARIF file has results only for what fails or warns, never for a passing model', async () => {
    const run = await pullRequest('kinds')
    const sarif = expectValidSarif(run.outputs['sarif-file']) as {
      runs: { results: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[]
    }
    expect(sarif.runs[0].results.map((r) => [r.level, r.locations[0].physicalLocation.artifactLocation.uri])).toEqual([
      ['error', 'indexes/support/tickets.faiss']
    ])
  })
})
