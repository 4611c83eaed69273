// The Action's settings, read from the runner's environment (INPUT_<NAME> and GITHUB_*) in-process:
// defaults, every input's accepted values, and the errors that name the input and the form.
import { describe, expect, test } from '@jest/globals'
import { join } from 'node:path'
import { readSettings } from '../../src/action/inputs.js'
import { ScanError } from '../../src/errors.js'

const RUNNER = {
  GITHUB_EVENT_NAME: 'push',
  GITHUB_EVENT_PATH: '/runner/event.json',
  GITHUB_WORKSPACE: '/runner/work/app',
  GITHUB_REPOSITORY: 'acme/app',
  RUNNER_TEMP: '/runner/temp'
}

function settings(inputs: Record<string, string> = {}, runner: Record<string, string> = RUNNER) {
  const env = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]))
  return readSettings({ ...runner, ...env })
}

function refusal(inputs: Record<string, string>, runner?: Record<string, string>): string {
  try {
    settings(inputs, runner)
  } catch (error) {
    expect(error).toBeInstanceOf(ScanError)
    return (error as Error).message
  }
  throw new Error('the settings were accepted')
}

describe('defaults', () => {
  test('enforce, comment on pull requests, the repository registry, report files under RUNNER_TEMP', () => {
    expect(settings({ token: 'job-token' })).toMatchObject({
      registry: { kind: 'file', path: undefined },
      token: 'job-token',
      registryToken: 'job-token',
      mode: 'enforce',
      comment: undefined,
      sarifFile: '/runner/temp/model-leak-guard/results.sarif',
      reportFile: '/runner/temp/model-leak-guard/report.json',
      runner: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_API_URL: 'https://api.github.com' }
    })
  })

  test('inputs are trimmed, as core.getInput trims them, and registry-token wins over token', () => {
    const read = settings({ token: ' job-token ', 'registry-token': 'app-token\n', mode: ' warn ' })
    expect(read).toMatchObject({ token: 'job-token', registryToken: 'app-token', mode: 'warn' })
  })

  test('a relative sarif-file is in the workspace, an absolute one stays', () => {
    expect(settings({ 'sarif-file': 'out/results.sarif' }).sarifFile).toBe(
      join(RUNNER.GITHUB_WORKSPACE, 'out/results.sarif')
    )
    expect(settings({ 'sarif-file': '/tmp/r.sarif' }).sarifFile).toBe('/tmp/r.sarif')
  })
})

describe('accepted values', () => {
  test.each([
    ['true', true],
    ['True', true],
    ['FALSE', false],
    ['false', false],
    ['', undefined]
  ])('comment: %j', (value, expected) => expect(settings({ comment: value }).comment).toBe(expected))

  test('a central registry: owner/repo/path@ref', () => {
    expect(settings({ registry: 'acme/ml-policies/registries/model.yml@v2' }).registry).toEqual({
      kind: 'central',
      central: { owner: 'acme', repo: 'ml-policies', path: 'registries/model.yml', ref: 'v2' }
    })
  })

  test('any other registry value is a path in the repository', () => {
    expect(settings({ registry: 'config/registry.yml' }).registry).toEqual({
      kind: 'file',
      path: 'config/registry.yml'
    })
  })
})

describe('refusals name the input and what it expects', () => {
  test.each([
    [{ mode: 'loud' }, 'input mode: expected enforce or warn'],
    [{ comment: 'yes' }, 'input comment: expected true or false'],
    [{ registry: 'acme/ml-policies@main' }, 'lacks the path: a central registry is written owner/repo/path@ref'],
    [{ registry: 'acme/ml-policies/model.yml@' }, 'lacks the ref: a central registry is written owner/repo/path@ref']
  ])('%j', (inputs, message) => expect(refusal(inputs)).toContain(message))

  test('outside a runner: the missing variables, and the question whether this runs in GitHub Actions', () => {
    const message = refusal({}, { GITHUB_REPOSITORY: 'acme' })
    expect(message).toContain('environment variable GITHUB_EVENT_NAME')
    expect(message).toContain('environment variable GITHUB_REPOSITORY: expected owner/repo')
    expect(message).toContain('is this running in GitHub Actions?')
  })
})
