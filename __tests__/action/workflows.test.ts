// The workflows that run the Action stay in step with action.yml: every `with:` key they pass is
// an input the Action declares, and the reusable workflow's inputs all reach the Action (an input
// or org variable that is declared and documented but never passed would silently do nothing).
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'

const ROOT = resolve(import.meta.dirname, '../..')
const read = (path: string): Record<string, unknown> => parse(readFileSync(join(ROOT, path), 'utf8'))

interface Step {
  uses?: string
  with?: Record<string, unknown>
}
interface Workflow {
  on: Record<string, { inputs?: Record<string, { type: string }> } | null>
  permissions: Record<string, string>
  jobs: Record<string, { steps: Step[] }>
}

const actionInputs = Object.keys((read('action.yml') as { inputs: Record<string, unknown> }).inputs)

function actionSteps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .filter((step) => step.uses === './' || /\/model-leak-guard@/.test(step.uses ?? ''))
}

describe.each(['.github/workflows/model-leak-guard.yml', '.github/workflows/self-test.yml'])('%s', (file) => {
  const workflow = read(file) as unknown as Workflow

  test('runs the Action, passing only inputs it declares', () => {
    const steps = actionSteps(workflow)
    expect(steps.length).toBeGreaterThan(0)
    for (const step of steps) expect(actionInputs).toEqual(expect.arrayContaining(Object.keys(step.with ?? {})))
  })
})

describe('the reusable workflow', () => {
  const text = readFileSync(join(ROOT, '.github/workflows/model-leak-guard.yml'), 'utf8')
  const workflow = read('.github/workflows/model-leak-guard.yml') as unknown as Workflow
  const [step] = actionSteps(workflow)

  test('runs on exactly the events a ruleset triggers, without filters', () => {
    expect(workflow.on).toEqual({ workflow_call: expect.anything(), pull_request: null, merge_group: null })
  })

  test('passes every workflow_call input, each falling back to its organisation variable', () => {
    const inputs = Object.keys(workflow.on.workflow_call?.inputs ?? {})
    expect(inputs.sort()).toEqual(['comment', 'mode', 'registry'])
    for (const name of inputs) {
      expect(String(step.with?.[name])).toMatch(
        new RegExp(`inputs\\.${name} \\|\\| vars\\.MODEL_LEAK_GUARD_${name.toUpperCase()}`)
      )
    }
  })

  test('its inputs are strings: an omitted boolean input reads as false and would hide the org variable', () => {
    for (const input of Object.values(workflow.on.workflow_call?.inputs ?? {})) expect(input.type).toBe('string')
  })

  test('asks for no more than the Action needs, and pins the Action by a full commit SHA placeholder', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' })
    expect(step.uses).toMatch(/@[0-9a-f]{40}$/)
    expect(text).not.toMatch(/model-leak-guard@v\d/)
  })
})
