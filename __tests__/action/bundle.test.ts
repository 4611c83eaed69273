// End to end through the built bundle (dist/index.js from the current source, built once per
// source state), as a runner starts it: a child process with the runner's environment. Only what
// the in-process suites cannot show: the bundle loads and runs, its exit code is the check's
// outcome, Octokit inside it reaches the API, the job summary is written when it fails.
import { beforeAll, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { builtAction, pullRequestWorld, runBundle } from './harness.js'
import { expectValidCycloneDx } from '../inventory/cyclonedx-schema.js'
import { expectValidSarif } from './sarif-schema.js'

const world = pullRequestWorld('mlg-action-bundle-')
const { api, scratch, workspace } = world
let bundle: string

beforeAll(() => {
  bundle = builtAction()
}, 240_000)

test('a push bringing a model of unknown provenance fails the step, with outputs, annotations, summary, SARIF, ML-BOM', async () => {
  const run = await runBundle(bundle, {
    workspace: workspace(world.feature, 'refs/remotes/origin/feature'),
    scratch,
    eventName: 'push',
    payload: {
      ref: 'refs/heads/feature',
      before: world.main,
      after: world.feature,
      repository: { default_branch: 'main' }
    }
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(1)
  expect(run.outputs).toMatchObject({ verdict: 'block', findings: '1' })
  expect(run.annotations.filter((a) => a.properties.file)).toEqual([
    expect.objectContaining({
      level: 'error',
      properties: expect.objectContaining({ file: 'models/vision.safetensors' })
    })
  ])
  expect(run.stdout).toMatch(/::error::a model trained on sensitive or unknown data would leave/)
  expect(run.summary).toContain('models/vision.safetensors')
  expectValidSarif(run.outputs['sarif-file'])
  const bom = expectValidCycloneDx(readFileSync(run.outputs['ml-bom'], 'utf8'))
  expect(bom.components?.map((c) => [c.type, c.name])).toContainEqual([
    'machine-learning-model',
    'models/vision.safetensors'
  ])
})

test('a pull request judged by a central registry through the API passes, and the bundle comments once', async () => {
  api.files.set(
    'acme/policies/ml.yml@main',
    'version: 1\ndatasets:\n  - { id: cifar10, label: public }\nmodels:\n  - { path: "models/**", trained_on: [cifar10] }\n'
  )
  const run = await runBundle(bundle, {
    workspace: workspace('refs/pull/7/head'),
    scratch,
    eventName: 'pull_request',
    payload: { number: 7, pull_request: { base: { sha: world.main }, head: { sha: world.feature } } },
    apiUrl: world.apiUrl,
    inputs: { registry: 'acme/policies/ml.yml@main', 'registry-token': 'registry-secret' }
  })
  expect(run.code).toBe(0)
  expect(run.outputs.verdict).toBe('pass')
  expect(run.stdout).toContain('pull request comment: created')
  expect(api.comments.map((c) => c.body)).toEqual([expect.stringContaining('models/vision.safetensors')])
  expect(api.requests.find((r) => r.path === '/repos/acme/policies/contents/ml.yml')?.authorization).toBe(
    'token registry-secret'
  )
})

test('an event it does not run on fails the step, and the job summary says why', async () => {
  const run = await runBundle(bundle, { workspace: workspace(world.main), scratch, eventName: 'issues', payload: {} })
  expect(run.code).toBe(1)
  expect(run.stdout).toContain('::error::model-leak-guard does not run on "issues" events')
  expect(run.summary).toContain('does not run on "issues" events')
})

test('warn mode: a block is a warning and the step passes', async () => {
  const run = await runBundle(bundle, {
    workspace: workspace(world.feature),
    scratch,
    eventName: 'workflow_dispatch',
    payload: { repository: { default_branch: 'main' } },
    inputs: { mode: 'warn' }
  })
  expect(run.code).toBe(0)
  expect(run.outputs.verdict).toBe('block')
  expect(run.stdout).toMatch(/::warning::.*mode: warn, so the check passes/)
})
