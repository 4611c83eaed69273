// The Action, one run per supported event, over real repositories checked out as actions/checkout
// does (shallow by default), with real runner files for outputs; in-process (bundle.test.ts runs
// the built dist/index.js).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { safetensorsBytes } from '../../src/commands/demo-repository.js'
import { cleanup, tempDir, TestRepo } from '../helpers/repo.js'
import { checkoutLikeActions, isShallow, runInProcess, type ActionRun } from './harness.js'
import { expectValidCycloneDx, propertyValues } from '../inventory/cyclonedx-schema.js'
import { expectValidSarif } from './sarif-schema.js'

const ZERO = '0'.repeat(40)
const model = (seed: number): Buffer => safetensorsBytes({ note: `model ${seed}` }, [seed, seed + 1, seed + 2])

let scratch: string
let origin: TestRepo
const commits: Record<string, string> = {}

beforeAll(() => {
  scratch = tempDir('mlg-action-events-')
  origin = TestRepo.init(join(scratch, 'origin'))
  commits.root = origin
    .write('README.md', 'app\n')
    .write('models/shipped.safetensors', model(1))
    .commit('initial model')
  for (let i = 0; i < 5; i++) origin.write('notes.txt', `note ${i}\n`).commit(`note ${i}`)
  commits.main = origin.head()
  origin.git('checkout', '-q', '-b', 'feature')
  origin.write('models/feature.safetensors', model(2)).commit('add feature model')
  commits.feature = origin.write('src/app.py', 'print(1)\n').commit('use it')
  origin.git('checkout', '-q', '-b', 'pr-merge', 'main')
  origin.git('merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature')
  commits.merge = origin.head()
  origin.git('update-ref', 'refs/pull/7/merge', commits.merge)
  origin.git('update-ref', 'refs/pull/7/head', commits.feature)
  origin.git('update-ref', 'refs/heads/gh-readonly-queue/main/pr-7', commits.merge)
  origin.git('checkout', '-q', 'main')
  origin.git('branch', '-D', 'pr-merge')
  origin.git('branch', 'experiments', commits.root)
  origin.git('checkout', '-q', 'experiments')
  commits.experiments = origin.write('lab/probe.safetensors', model(3)).commit('experiment')
  origin.git('tag', 'v1', commits.experiments)
  origin.git('checkout', '-q', '-b', 'fresh', 'main')
  commits.fresh = origin.write('models/fresh.safetensors', model(4)).commit('a model no other branch has')
  // Two branches pushed at once at the same new commit: neither may vouch for the other.
  origin.git('checkout', '-q', '-b', 'twin-a', 'main')
  commits.twin = origin.write('models/twin.safetensors', model(5)).commit('an unlabelled model on two new branches')
  origin.git('branch', 'twin-b', commits.twin)
  origin.git('checkout', '-q', 'main')
}, 240_000)

afterAll(() => cleanup(scratch))

function workspace(name: string): string {
  return join(scratch, 'ws', name)
}

/** A push creating `branch`, with the default branch named as GitHub's payload names it. */
function newBranchPush(branch: string, after: string): Record<string, unknown> {
  return { ref: `refs/heads/${branch}`, before: ZERO, after, repository: { default_branch: 'main' } }
}

function foundPaths(run: ActionRun): string[] {
  return run.annotations
    .filter((a) => a.properties.file)
    .map((a) => a.properties.file)
    .sort()
}

describe('push', () => {
  test('scans before..after in a shallow checkout, fetching the missing base', async () => {
    const repo = checkoutLikeActions(origin, workspace('push'), commits.feature, {
      depth: 1,
      keepAs: 'refs/remotes/origin/feature'
    })
    expect(isShallow(repo)).toBe(true)
    const run = await runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'push',
      payload: { ref: 'refs/heads/feature', before: commits.main, after: commits.feature }
    })
    expect(run.code).toBe(1)
    expect(run.outputs.verdict).toBe('block')
    expect(run.outputs.findings).toBe('1')
    expect(foundPaths(run)).toEqual(['models/feature.safetensors'])
    expect(run.annotations.find((a) => a.properties.file)?.level).toBe('error')
    expect(run.summary).toContain('models/feature.safetensors')
    expect(run.stdout).toMatch(/::error::a model trained on sensitive or unknown data would leave/)
    expectValidSarif(run.outputs['sarif-file'])
    expect(dirname(run.outputs['ml-bom'])).toBe(dirname(run.outputs.report))
    const bom = expectValidCycloneDx(readFileSync(run.outputs['ml-bom'], 'utf8'))
    const models = (bom.components ?? []).filter((c) => c.type === 'machine-learning-model')
    expect(models.map((c) => c.name)).toEqual(['models/feature.safetensors'])
    expect(propertyValues(models[0], 'verdict')).toEqual(['block'])
  })

  test('a new branch scans only the commits the default branch lacks', async () => {
    const repo = checkoutLikeActions(origin, workspace('push-new'), commits.fresh, {
      depth: 1,
      keepAs: 'refs/remotes/origin/fresh'
    })
    const run = await runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'push',
      payload: newBranchPush('fresh', commits.fresh)
    })
    expect(run.stderr).toBe('')
    expect(foundPaths(run)).toEqual(['models/fresh.safetensors'])
    expect(run.summary).toMatch(/push of new refs\/heads\/fresh/)
  })

  test.each(['twin-a', 'twin-b'])('two new branches at the same commit do not hide each other (%s)', async (branch) => {
    const repo = checkoutLikeActions(origin, workspace(`push-${branch}`), commits.twin, {
      depth: 1,
      keepAs: `refs/remotes/origin/${branch}`
    })
    const run = await runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'push',
      payload: newBranchPush(branch, commits.twin)
    })
    expect(run.outputs.verdict).toBe('block')
    expect(foundPaths(run)).toEqual(['models/twin.safetensors'])
  })

  test('a new branch without repository.default_branch in the payload is measured against origin/HEAD', async () => {
    const repo = checkoutLikeActions(origin, workspace('push-origin-head'), commits.twin, {
      depth: 1,
      keepAs: 'refs/remotes/origin/twin-a'
    })
    repo.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main')
    const run = await runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'push',
      payload: { ref: 'refs/heads/twin-a', before: ZERO, after: commits.twin }
    })
    expect(foundPaths(run)).toEqual(['models/twin.safetensors'])
  })

  test('a new branch with no known default branch scans its whole history, and warns', async () => {
    const repo = checkoutLikeActions(origin, workspace('push-no-default'), commits.twin, {
      depth: 1,
      keepAs: 'refs/remotes/origin/twin-a'
    })
    const run = await runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'push',
      payload: { ref: 'refs/heads/twin-a', before: ZERO, after: commits.twin }
    })
    expect(run.stdout).toContain('::warning::no default branch to measure refs/heads/twin-a against')
    expect(foundPaths(run)).toEqual(['models/shipped.safetensors', 'models/twin.safetensors'])
  })

  test('the push that creates the default branch scans its whole history', async () => {
    const repo = checkoutLikeActions(origin, workspace('push-first'), commits.main, {
      depth: 1,
      keepAs: 'refs/remotes/origin/main'
    })
    const run = await runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'push',
      payload: newBranchPush('main', commits.main)
    })
    expect(foundPaths(run)).toEqual(['models/shipped.safetensors'])
  })

  test('a force push whose old tip is gone from the server is measured against the other branches', async () => {
    const repo = checkoutLikeActions(origin, workspace('push-forced'), commits.fresh, {
      depth: 1,
      keepAs: 'refs/remotes/origin/fresh'
    })
    const gone = 'e'.repeat(40)
    const run = await runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'push',
      payload: { ...newBranchPush('fresh', commits.fresh), before: gone, forced: true }
    })
    expect(run.stdout).toContain(`::warning::${gone.slice(0, 12)} (the push's old tip) is gone from origin`)
    expect(foundPaths(run)).toEqual(['models/fresh.safetensors'])
  })

  test('a deleted branch scans nothing and passes', async () => {
    const repo = checkoutLikeActions(origin, workspace('push-delete'), commits.main, { depth: 1 })
    const run = await runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'push',
      payload: { ref: 'refs/heads/gone', before: commits.feature, after: ZERO }
    })
    expect(run.code).toBe(0)
    expect(run.outputs.verdict).toBe('pass')
    expect(run.outputs.findings).toBe('0')
  })
})

describe.each(['pull_request', 'pull_request_target'])('%s', (eventName) => {
  test('scans base.sha..head.sha from a shallow checkout', async () => {
    // pull_request checks out the merge commit; pull_request_target the base branch.
    const ref = eventName === 'pull_request' ? 'refs/pull/7/merge' : commits.main
    const repo = checkoutLikeActions(origin, workspace(eventName), ref, { depth: 1 })
    const payload = {
      number: 7,
      pull_request: {
        number: 7,
        base: { sha: commits.main, ref: 'main' },
        head: { sha: commits.feature, ref: 'feature' }
      }
    }
    const run = await runInProcess({
      workspace: repo.dir,
      scratch,
      eventName,
      payload,
      inputs: { comment: 'false' }
    })
    expect(run.outputs.verdict).toBe('block')
    expect(foundPaths(run)).toEqual(['models/feature.safetensors'])
    expect(run.summary).toContain(`${eventName} #7`)
  })
})

test('merge_group scans base_sha..head_sha', async () => {
  const repo = checkoutLikeActions(origin, workspace('merge-group'), 'refs/heads/gh-readonly-queue/main/pr-7', {
    depth: 1
  })
  const payload = {
    action: 'checks_requested',
    merge_group: {
      base_sha: commits.main,
      head_sha: commits.merge,
      base_ref: 'refs/heads/main',
      head_ref: 'refs/heads/gh-readonly-queue/main/pr-7'
    }
  }
  const run = await runInProcess({ workspace: repo.dir, scratch, eventName: 'merge_group', payload })
  expect(run.outputs.verdict).toBe('block')
  expect(foundPaths(run)).toEqual(['models/feature.safetensors'])
})

test('workflow_dispatch audits the whole history of every branch and tag, unshallowing', async () => {
  const repo = checkoutLikeActions(origin, workspace('dispatch'), 'refs/heads/main', { depth: 1 })
  const run = await runInProcess({
    workspace: repo.dir,
    scratch,
    eventName: 'workflow_dispatch',
    payload: { inputs: {} }
  })
  expect(isShallow(repo)).toBe(false)
  expect(foundPaths(run)).toEqual([
    'lab/probe.safetensors',
    'models/feature.safetensors',
    'models/fresh.safetensors',
    'models/shipped.safetensors',
    'models/twin.safetensors'
  ])
})

test('schedule audits the whole history of a full checkout', async () => {
  const repo = checkoutLikeActions(origin, workspace('schedule'), 'refs/heads/main')
  const run = await runInProcess({
    workspace: repo.dir,
    scratch,
    eventName: 'schedule',
    payload: { schedule: '0 3 * * 1' },
    inputs: { mode: 'warn' }
  })
  expect(run.code).toBe(0)
  expect(run.outputs.verdict).toBe('block')
  expect(foundPaths(run)).toEqual([
    'lab/probe.safetensors',
    'models/feature.safetensors',
    'models/fresh.safetensors',
    'models/shipped.safetensors',
    'models/twin.safetensors'
  ])
  expect(run.annotations.length).toBeGreaterThan(0) // so the next line is not true of nothing
  expect(run.annotations.every((a) => a.level !== 'error')).toBe(true)
  expect(run.stdout).toMatch(/::warning::.*mode: warn, so the check passes/)
})

test('any other event fails with the list of supported ones, and the summary says why', async () => {
  const repo = checkoutLikeActions(origin, workspace('issues'), 'refs/heads/main', { depth: 1 })
  const run = await runInProcess({ workspace: repo.dir, scratch, eventName: 'issues', payload: {} })
  expect(run.code).toBe(1)
  const message =
    'does not run on "issues" events; supported events: push, pull_request, pull_request_target, merge_group, workflow_dispatch, schedule'
  expect(run.stdout).toContain(message)
  expect(run.summary).toContain(message)
})

test('a shallow checkout whose history cannot be fetched fails and says to set fetch-depth: 0', async () => {
  const lonely = TestRepo.init(join(scratch, 'lonely-origin'))
  lonely.write('a.txt', 'a\n').commit('a')
  const before = lonely.write('b.txt', 'b\n').commit('b')
  const after = lonely.write('c.txt', 'c\n').commit('c')
  const repo = checkoutLikeActions(lonely, workspace('unreachable'), after, { depth: 1 })
  cleanup(lonely.dir)
  const run = await runInProcess({
    workspace: repo.dir,
    scratch,
    eventName: 'push',
    payload: { ref: 'refs/heads/main', before, after }
  })
  expect(run.code).toBe(1)
  expect(run.stdout).toContain('set `fetch-depth: 0` on actions/checkout')
  expect(run.summary).toContain('fetch-depth: 0')
})

test('bad inputs name the input and what it expects', async () => {
  const repo = checkoutLikeActions(origin, workspace('bad-input'), 'refs/heads/main', { depth: 1 })
  const run = await runInProcess({
    workspace: repo.dir,
    scratch,
    eventName: 'schedule',
    payload: {},
    inputs: { mode: 'loud' }
  })
  expect(run.code).toBe(1)
  expect(run.stdout).toContain('input mode: expected enforce or warn')
})

describe('a registry in the repository is read from the destination side, not from the pull request or push', () => {
  const registryLabelling = (label: string): string =>
    `version: 1\ndatasets:\n  - { id: ukbb, label: ${label} }\nmodels:\n  - { path: "models/**", trained_on: [ukbb] }\n`
  let prs: TestRepo
  const at: Record<string, string> = {}

  beforeAll(() => {
    prs = TestRepo.init(join(scratch, 'registry-origin'))
    at.plain = prs.write('README.md', 'app\n').commit('no registry yet')
    prs.git('branch', 'first', at.plain)
    prs.git('checkout', '-q', '-b', 'adds-registry')
    at.addsRegistry = prs
      .write('.model-registry.yml', registryLabelling('public'))
      .write('models/a.safetensors', model(6))
      .commit('bring a registry that vouches for my model')
    prs.git('checkout', '-q', 'main')
    at.guarded = prs.write('.model-registry.yml', registryLabelling('restricted')).commit('ukbb is restricted')
    prs.git('checkout', '-q', '-b', 'relabel')
    at.relabel = prs
      .write('.model-registry.yml', registryLabelling('public'))
      .write('models/leak.safetensors', model(7))
      .commit('relabel ukbb and add a model')
    prs.git('checkout', '-q', '-b', 'sneaky', at.guarded)
    at.sneakyRelabel = prs
      .write('.model-registry.yml', registryLabelling('public'))
      .commit('relabel ukbb in one push, no model yet')
    at.sneakyModel = prs.write('models/later.safetensors', model(8)).commit('a model trained on ukbb in the next push')
    prs.git('checkout', '-q', 'main')
    prs.git('update-ref', 'refs/pull/8/head', at.relabel)
    prs.git('update-ref', 'refs/pull/9/head', at.addsRegistry)
    // A pull request into `sneaky`, whose own registry its author relabelled in an earlier push.
    prs.git('update-ref', 'refs/pull/10/head', at.sneakyModel)
    prs.git('checkout', '-q', '-b', 'broken', at.guarded)
    at.brokenRegistry = prs
      .write('.model-registry.yml', 'version: 1\ndatasets: [\n')
      .commit('a registry that does not parse')
    prs.git('checkout', '-q', 'main')
    prs.git('update-ref', 'refs/pull/11/head', at.brokenRegistry)
  })

  async function pullRequest(
    number: number,
    base: string,
    head: string,
    repository: { default_branch?: string } | undefined = { default_branch: 'main' },
    inputs: Record<string, string> = {}
  ): Promise<ActionRun> {
    const repo = checkoutLikeActions(
      prs,
      workspace(`registry-pr-${number}-${++checkouts}`),
      `refs/pull/${number}/head`,
      {
        depth: 1
      }
    )
    const payload = { number, pull_request: { number, base: { sha: base }, head: { sha: head } }, repository }
    return runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'pull_request',
      payload,
      inputs: { comment: 'false', ...inputs }
    })
  }
  let checkouts = 0

  function expectBlockedByTheDefaultBranchRegistry(run: ActionRun, path: string): void {
    expect(run.stdout).toContain(
      `registry: .model-registry.yml as committed at refs/remotes/origin/main (${at.guarded})`
    )
    expect(run.outputs.verdict).toBe('block')
    expect(foundPaths(run)).toEqual([path])
    expect(run.summary).toContain('restricted')
  }

  test('a pull request that relabels its own dataset to public is still blocked', async () => {
    const run = await pullRequest(8, at.guarded, at.relabel)
    expectBlockedByTheDefaultBranchRegistry(run, 'models/leak.safetensors')
  })

  test("a pull request into a side branch is judged by the default branch's registry, not the one its base relabelled", async () => {
    const run = await pullRequest(10, at.sneakyRelabel, at.sneakyModel)
    expectBlockedByTheDefaultBranchRegistry(run, 'models/later.safetensors')
  })

  test("a merge group into a side branch is judged by the default branch's registry", async () => {
    const repo = checkoutLikeActions(prs, workspace('registry-merge-group'), 'refs/pull/10/head', { depth: 1 })
    const run = await runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'merge_group',
      payload: {
        merge_group: { base_sha: at.sneakyRelabel, head_sha: at.sneakyModel },
        repository: { default_branch: 'main' }
      }
    })
    expectBlockedByTheDefaultBranchRegistry(run, 'models/later.safetensors')
  })

  test("a pull request whose base predates the default branch's registry is judged by the default branch's tip", async () => {
    const run = await pullRequest(9, at.plain, at.addsRegistry)
    expectBlockedByTheDefaultBranchRegistry(run, 'models/a.safetensors')
  })

  test.each(['', '.model-registry.yml'])(
    'a pull request bringing the first registry (input %j) is judged by it, as the hooks judge, and the log says so',
    async (registry) => {
      const run = await pullRequest(9, at.plain, at.addsRegistry, { default_branch: 'first' }, { registry })
      expect(run.stdout).toContain(
        'registry: pull request #9:.model-registry.yml, as first has no .model-registry.yml yet'
      )
      expect(run.outputs.verdict).toBe('pass')
      expect(foundPaths(run)).toEqual(['models/a.safetensors'])
    }
  )

  test('a pull request that changes the registry is told it takes effect once it is on the default branch', async () => {
    const run = await pullRequest(8, at.guarded, at.relabel)
    expect(run.stdout).toContain(
      '::notice::pull request #8 changes .model-registry.yml or its baseline: that takes effect once it is on main'
    )
  })

  test('a pull request whose registry does not parse fails, naming the file and line', async () => {
    const run = await pullRequest(11, at.guarded, at.brokenRegistry)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::pull request #11:\.model-registry\.yml:\d+:\d+/)
    expect(run.outputs.verdict).toBeUndefined()
  })

  test('a payload that names no default branch, in a clone without origin/HEAD, is judged by the built-in defaults', async () => {
    const run = await pullRequest(8, at.guarded, at.relabel, {})
    expect(run.stdout).toContain('registry: none to trust (the default branch is unknown')
    expect(run.stdout).toContain('using the built-in defaults')
    expect(run.outputs.verdict).toBe('block')
  })

  async function push(
    name: string,
    payload: { ref: string; before: string; after: string; defaultBranch: string }
  ): Promise<ActionRun> {
    const branch = payload.ref.slice('refs/heads/'.length)
    const repo = checkoutLikeActions(prs, workspace(`registry-push-${name}`), payload.after, {
      depth: 1,
      keepAs: `refs/remotes/origin/${branch}`
    })
    const { defaultBranch, ...event } = payload
    return runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'push',
      payload: { ...event, repository: { default_branch: defaultBranch } }
    })
  }

  test("a push to another branch is judged by the default branch's registry, not by the branch's earlier relabelling", async () => {
    const run = await push('sneaky', {
      ref: 'refs/heads/sneaky',
      before: at.sneakyRelabel,
      after: at.sneakyModel,
      defaultBranch: 'main'
    })
    expect(run.stdout).toContain('registry: .model-registry.yml as committed at refs/remotes/origin/main')
    expect(run.outputs.verdict).toBe('block')
    expect(foundPaths(run)).toEqual(['models/later.safetensors'])
    expect(run.summary).toContain('restricted')
  })

  test('a push to the default branch is judged by its old tip', async () => {
    const run = await push('main', {
      ref: 'refs/heads/main',
      before: at.guarded,
      after: at.relabel,
      defaultBranch: 'main'
    })
    expect(run.stdout).toContain(`registry: .model-registry.yml as committed at ${at.guarded}`)
    expect(run.stdout).not.toContain('refs/remotes/origin/main')
    expect(run.outputs.verdict).toBe('block')
    expect(foundPaths(run)).toEqual(['models/leak.safetensors'])
  })

  test('when the default branch cannot be fetched, the run fails rather than trust the pushed branch', async () => {
    const run = await push('no-default', {
      ref: 'refs/heads/sneaky',
      before: at.sneakyRelabel,
      after: at.sneakyModel,
      defaultBranch: 'trunk'
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('cannot fetch trunk, the default branch whose registry judges this run, from origin')
    expect(run.summary).toContain('cannot fetch trunk')
    expect(run.outputs.verdict).toBeUndefined()
  })

  test('schedule is judged by the registry of the branch GITHUB_REF names (its payload names none)', async () => {
    const repo = checkoutLikeActions(prs, workspace('registry-schedule'), 'refs/heads/main', { depth: 1 })
    const run = await runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'schedule',
      payload: { schedule: '0 3 * * 1' },
      githubRef: 'refs/heads/main'
    })
    expect(run.stdout).toContain(
      `registry: .model-registry.yml as committed at refs/remotes/origin/main (${at.guarded})`
    )
    expect(foundPaths(run)).toContain('models/later.safetensors')
  })
})

describe("labels' allowed_destinations: this repository's URL and visibility", () => {
  const registry = (allowed: string): string =>
    'version: 1\nlabels:\n' +
    `  - { name: clinic-only, block: true, allowed_destinations: [${allowed}] }\n` +
    'datasets:\n  - { id: ehr, label: clinic-only }\nmodels:\n  - { path: "models/**", trained_on: [ehr] }\n'
  let destinations: TestRepo
  const tip: Record<string, string> = {}

  beforeAll(() => {
    destinations = TestRepo.init(join(scratch, 'destination-origin'))
    tip.byVisibility = destinations
      .write('.model-registry.yml', registry('private'))
      .commit('ehr models may go to private repositories')
    destinations.git('branch', 'by-url')
    destinations.git('checkout', '-q', 'by-url')
    tip.byUrl = destinations
      .write('.model-registry.yml', registry('"https://github.com/acme/*"'))
      .commit('ehr models may go to acme repositories')
    destinations.git('checkout', '-q', '-b', 'feature', tip.byVisibility)
    tip.feature = destinations.write('models/ehr.safetensors', model(9)).commit('a model trained on ehr')
    destinations.git('update-ref', 'refs/pull/12/head', tip.feature)
  })

  async function pullRequestInto(repository: Record<string, unknown>): Promise<ActionRun> {
    const repo = checkoutLikeActions(destinations, workspace(`destination-${++checkouts}`), 'refs/pull/12/head', {
      depth: 1
    })
    return runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'pull_request',
      payload: {
        number: 12,
        pull_request: { base: { sha: tip.byVisibility }, head: { sha: tip.feature } },
        repository
      },
      inputs: { comment: 'false' }
    })
  }
  let checkouts = 0

  test.each([
    ['a private repository passes', { visibility: 'private' }, 'pass'],
    ['a public one blocks', { visibility: 'public' }, 'block'],
    ['an internal one blocks: only private is allowed', { visibility: 'internal' }, 'block'],
    ['private: true stands in for an absent visibility', { private: true }, 'pass'],
    ['a payload that says neither is an unknown destination, and blocks', {}, 'block']
  ])('%s', async (_case, visibility, verdict) => {
    const run = await pullRequestInto({ default_branch: 'main', ...visibility })
    expect(run.outputs.verdict).toBe(verdict)
    expect(foundPaths(run)).toEqual(['models/ehr.safetensors'])
  })

  test('a URL glob matches this repository as https://github.com/OWNER/REPO, whatever its visibility', async () => {
    const run = await pullRequestInto({ default_branch: 'by-url', visibility: 'public' })
    expect(run.stdout).toContain('registry: .model-registry.yml as committed at refs/remotes/origin/by-url')
    expect(run.outputs.verdict).toBe('pass')
  })
})

describe('waivers count only from the trusted registry', () => {
  const withWaiver = (blob: string): string =>
    'version: 1\ndatasets:\n  - { id: ukbb, label: restricted }\nmodels:\n  - { path: "models/**", trained_on: [ukbb] }\n' +
    `waivers:\n  - { blob: ${blob}, reason: reviewed, approved_by: security, expires: 2099-12-31 }\n`
  let waiving: TestRepo
  const tip: Record<string, string> = {}

  beforeAll(() => {
    waiving = TestRepo.init(join(scratch, 'waiver-origin'))
    const waivedBlob = waiving.write('staged.safetensors', model(13)).git('hash-object', 'staged.safetensors').trim()
    tip.main = waiving
      .write('.model-registry.yml', withWaiver(waivedBlob))
      .write('staged.safetensors', 'not a model\n')
      .commit('waive one reviewed model')
    waiving.git('checkout', '-q', '-b', 'reviewed')
    tip.reviewed = waiving.write('models/reviewed.safetensors', model(13)).commit('the reviewed model')
    waiving.git('checkout', '-q', '-b', 'self-waiver', tip.main)
    const ownBlob = waiving
      .write('models/own.safetensors', model(14))
      .git('hash-object', 'models/own.safetensors')
      .trim()
    tip.selfWaiver = waiving.write('.model-registry.yml', withWaiver(ownBlob)).commit('a model that waives itself')
    waiving.git('update-ref', 'refs/pull/13/head', tip.reviewed)
    waiving.git('update-ref', 'refs/pull/14/head', tip.selfWaiver)
  })

  async function pullRequestNumber(number: number, head: string): Promise<ActionRun> {
    const repo = checkoutLikeActions(waiving, workspace(`waiver-${number}`), `refs/pull/${number}/head`, { depth: 1 })
    return runInProcess({
      workspace: repo.dir,
      scratch,
      eventName: 'pull_request',
      payload: {
        number,
        pull_request: { base: { sha: tip.main }, head: { sha: head } },
        repository: { default_branch: 'main' }
      },
      inputs: { comment: 'false' }
    })
  }

  test('a waiver on the default branch lets that blob pass', async () => {
    const run = await pullRequestNumber(13, tip.reviewed)
    expect(foundPaths(run)).toEqual(['models/reviewed.safetensors'])
    expect(run.outputs.verdict).toBe('pass')
  })

  test('a waiver the pull request adds for its own model is ignored: it blocks', async () => {
    const run = await pullRequestNumber(14, tip.selfWaiver)
    expect(foundPaths(run)).toEqual(['models/own.safetensors'])
    expect(run.outputs.verdict).toBe('block')
    expect(run.stdout).toContain('::notice::pull request #14 changes .model-registry.yml')
  })
})
