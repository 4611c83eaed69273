// The Action against a local stand-in for the GitHub API (GITHUB_API_URL): the central registry
// read through the contents API, and the one PR comment created once and then updated in place.
import { afterEach, expect, test } from '@jest/globals'
import { pullRequestWorld, runInProcess } from './harness.js'
import type { Comment } from './fake-github.js'
import { expectValidSarif } from './sarif-schema.js'

const PUBLIC_REGISTRY = `version: 1
datasets:
  - { id: cifar10, label: public }
models:
  - { path: "models/**", trained_on: [cifar10] }
`

const world = pullRequestWorld('mlg-action-api-')
const { api, scratch } = world

afterEach(() => {
  api.requests.length = 0
  api.comments = []
  api.refuseWrites = false
  api.refusals.clear()
})

async function pullRequestRun(inputs: Record<string, string> = {}): ReturnType<typeof runInProcess> {
  const payload = {
    action: 'synchronize',
    number: 7,
    pull_request: { number: 7, base: { sha: world.main }, head: { sha: world.feature } }
  }
  const workspace = world.workspace('refs/pull/7/head')
  return runInProcess({ workspace, scratch, eventName: 'pull_request', payload, apiUrl: world.apiUrl, inputs })
}

const marked = (): Comment[] => api.comments.filter((c) => c.body.includes('<!-- model-leak-guard -->'))

test('the PR comment is created once, then found by its marker past the first page and updated', async () => {
  api.seedComments(120)
  const first = await pullRequestRun()
  expect(first.stdout).toContain('pull request comment: created')
  expect(marked()).toHaveLength(1)
  const id = marked()[0].id
  expect(marked()[0].body).toContain('models/vision.safetensors')

  api.requests.length = 0
  const second = await pullRequestRun()
  expect(second.stdout).toContain('pull request comment: updated')
  expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
  expect(api.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([
    `/repos/acme/app/issues/comments/${id}`
  ])
  expect(api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/comments')).length).toBeGreaterThan(1)
  expect(marked()).toHaveLength(1)
  expect(api.requests.every((r) => r.authorization === 'token test-token')).toBe(true)
})

test("a person's comment quoting the marker is left alone, and the Action writes its own", async () => {
  const quoted = 'I copied the report <!-- model-leak-guard --> and edited it: all clear'
  api.seedComments(1, () => quoted, { login: 'mallory', type: 'User' })
  const run = await pullRequestRun()
  expect(run.stdout).toContain('pull request comment: created')
  expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0)
  expect(api.comments[0].body).toBe(quoted)
  expect(marked().filter((c) => c.user.type === 'Bot')).toHaveLength(1)
})

test('comment: false posts nothing', async () => {
  await pullRequestRun({ comment: 'false' })
  expect(api.requests).toHaveLength(0)
})

test('a token without pull-requests: write gets a warning, and the verdict still decides', async () => {
  api.refuseWrites = true
  const run = await pullRequestRun()
  expect(run.code).toBe(1)
  expect(run.outputs.verdict).toBe('block')
  expect(run.stdout).toMatch(
    /::warning::cannot comment on pull request #7 \(403\): give the workflow `permissions: pull-requests: write`/
  )
})

test('a central registry is read raw with registry-token, and decides the verdict', async () => {
  api.files.set('acme/policies/registries/ml.yml@main', PUBLIC_REGISTRY)
  const run = await pullRequestRun({
    registry: 'acme/policies/registries/ml.yml@main',
    'registry-token': 'registry-secret',
    comment: 'false'
  })
  expect(run.stdout).not.toContain('::error')
  expect(run.code).toBe(0)
  expect(run.outputs.verdict).toBe('pass')
  const read = api.requests.find((r) => r.path === '/repos/acme/policies/contents/registries/ml.yml')
  expect(read?.accept).toMatch(/application\/vnd\.github(\.v3)?\.raw/)
  expect(read?.authorization).toBe('token registry-secret')
  const sarif = expectValidSarif(run.outputs['sarif-file']) as { runs: { results: { level: string }[] }[] }
  expect(sarif.runs[0].results).toEqual([]) // a passing model is not a code-scanning alert
})

test('a missing central registry fails with a message naming the repository and path', async () => {
  const run = await pullRequestRun({ registry: 'acme/policies/registries/missing.yml@main', comment: 'false' })
  expect(run.code).toBe(1)
  expect(run.stdout).toContain(
    'cannot read the central registry registries/missing.yml in acme/policies at main: not found (404)'
  )
  expect(run.summary).toContain('registries/missing.yml')
})

test('a central registry refused with 401 says the token was refused and what token to give', async () => {
  api.refusals.set('acme/policies/registries/ml.yml@main', 401)
  const run = await pullRequestRun({
    registry: 'acme/policies/registries/ml.yml@main',
    'registry-token': 'expired',
    comment: 'false'
  })
  expect(run.code).toBe(1)
  const message =
    'cannot read the central registry registries/ml.yml in acme/policies at main: the token was refused (401); give registry-token a token that can read it'
  expect(run.stdout).toContain(message)
  expect(run.summary).toContain('the token was refused (401)')
})

test('a central registry with no token at all is an error naming both inputs, not a bug', async () => {
  const run = await pullRequestRun({ registry: 'acme/policies/registries/ml.yml@main', token: '', comment: 'false' })
  expect(run.code).toBe(1)
  expect(run.stdout).toContain(
    '::error::acme/policies/registries/ml.yml@main: a central registry is read through the GitHub API, with registry-token (or else token), and both are empty'
  )
  expect(run.stdout).not.toContain('a bug')
  expect(api.requests).toHaveLength(0)
})

test('a central registry written without its @ref is an error that shows the form', async () => {
  const run = await pullRequestRun({ registry: 'acme/policies/registries/ml.yml', comment: 'false' })
  expect(run.code).toBe(1)
  expect(run.stdout).toContain('input registry: acme/policies/registries/ml.yml is not a file in this repository')
  expect(run.stdout).toContain('name the ref: owner/repo/path@ref, e.g. acme/ml-policies/model-registry.yml@main')
  expect(run.summary).toContain('(here acme/policies/registries/ml.yml@<ref>)')
  expect(api.requests).toHaveLength(0)
})

test('with an empty token the pull request comment is skipped with a warning, and the verdict still decides', async () => {
  const run = await pullRequestRun({ token: '' })
  expect(run.stdout).toContain('::warning::cannot comment on pull request #7: the token input is empty')
  expect(run.code).toBe(1)
  expect(run.outputs.verdict).toBe('block')
  expect(api.requests).toHaveLength(0)
})

test("the registry's policy.mode: warn lets the check pass and still reports the block, with CI's advice", async () => {
  api.files.set('acme/policies/registries/warn.yml@main', 'version: 1\npolicy: { mode: warn }\n')
  const run = await pullRequestRun({ registry: 'acme/policies/registries/warn.yml@main', comment: 'false' })
  expect(run.code).toBe(0)
  expect(run.outputs.verdict).toBe('block')
  expect(run.stdout).toContain('(mode: warn, so the check passes)')
  expect(run.stdout).not.toContain('::error')
  const annotation = run.annotations.find((a) => a.properties.file)
  expect(annotation?.level).toBe('warning')
  expect(annotation?.message).toContain('the commits are already pushed: rewrite this branch without it')
})
