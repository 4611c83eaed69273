// The YAML the docs tell users to paste works where they paste it: every ```yaml block in README.md
// and docs/*.md parses; a workflow snippet has its `on:` and `permissions:`, passes the Action and
// the reusable workflow only inputs they declare, grants a called workflow every permission it asks
// for (a nested job cannot get more than its caller grants), and grants `security-events: write`
// where it uploads SARIF; a registry snippet validates; a pre-commit or GitLab snippet names hooks
// and files this repository has. And the org rollout section says what a rollout needs to know.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments, parse } from 'yaml'
import { parseRegistry } from '../../src/registry/load.js'

const ROOT = join(import.meta.dirname, '../..')
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((name) => `docs/${name}`)].filter((f) =>
  f.endsWith('.md')
)

interface Snippet {
  at: string
  text: string
}

/** Every fenced ```yaml (or ```yml) block, with FILE:LINE of its opening fence. */
function yamlSnippets(file: string): Snippet[] {
  const snippets: Snippet[] = []
  let open: { line: number; yaml: boolean; body: string[] } | null = null
  read(file)
    .split('\n')
    .forEach((line, i) => {
      const fence = /^\s*```(\S*)/.exec(line)
      if (fence && !open) open = { line: i + 1, yaml: /^ya?ml$/.test(fence[1]), body: [] }
      else if (fence && open) {
        if (open.yaml) snippets.push({ at: `${file}:${open.line}`, text: open.body.join('\n') })
        open = null
      } else open?.body.push(line)
    })
  return snippets
}

type Permissions = Record<string, string>
interface Step {
  uses?: string
  with?: Record<string, unknown>
}
interface Job {
  uses?: string
  with?: Record<string, unknown>
  secrets?: Record<string, unknown>
  permissions?: Permissions
  steps?: Step[]
}
interface Workflow {
  on?: unknown
  permissions?: Permissions
  jobs: Record<string, Job>
}
interface Reusable {
  on: { workflow_call: { inputs: Record<string, { type: string }>; secrets: Record<string, unknown> } }
  permissions: Permissions
}

const REUSABLE = parse(read('.github/workflows/model-leak-guard.yml')) as Reusable
const ACTION_INPUTS = Object.keys((parse(read('action.yml')) as { inputs: Record<string, unknown> }).inputs)
const LEVEL: Record<string, number> = { none: 0, read: 1, write: 2 }

const snippets = DOCS.flatMap(yamlSnippets).map((s) => ({ ...s, data: parse(s.text) as unknown }))
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const workflows = snippets.filter((s): s is Snippet & { data: Workflow } => isRecord(s.data) && 'jobs' in s.data)
/** The steps of a workflow snippet's jobs, or a snippet that is a list of steps. */
const stepsOf = ({ data }: { data: unknown }): Step[] =>
  Array.isArray(data)
    ? (data as Step[])
    : isRecord(data)
      ? Object.values((data.jobs ?? {}) as Record<string, Job>).flatMap((job) => job.steps ?? [])
      : []

/** What a job may do: its own permissions, else the workflow's. */
const grants = (workflow: Workflow, job: Job): Permissions => job.permissions ?? workflow.permissions ?? {}

describe('YAML in README.md and docs/', () => {
  it('every block parses', () => {
    expect(snippets.length).toBeGreaterThan(5)
    const broken = DOCS.flatMap(yamlSnippets).flatMap(({ at, text }) =>
      parseAllDocuments(text).flatMap((doc) => doc.errors.map((error) => `${at}: ${error.message}`))
    )
    expect(broken).toEqual([])
  })

  it('every workflow says when it runs (on:) and what its token may do (permissions:)', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(3)
    const missing = workflows.filter(({ data }) => !data.on || !data.permissions).map(({ at }) => at)
    expect(missing).toEqual([])
  })

  it('a step running the Action passes only inputs action.yml declares', () => {
    const steps = snippets.flatMap((s) => stepsOf(s).map((step) => ({ at: s.at, step })))
    const action = steps.filter(({ step }) => /\/model-leak-guard@/.test(step.uses ?? ''))
    expect(action.length).toBeGreaterThanOrEqual(2)
    const unknown = action.flatMap(({ at, step }) =>
      Object.keys(step.with ?? {})
        .filter((key) => !ACTION_INPUTS.includes(key))
        .map((key) => `${at}: ${key}`)
    )
    expect(unknown).toEqual([])
  })

  it('a SARIF upload is granted security-events: write', () => {
    const uploads = workflows.flatMap(({ at, data }) =>
      Object.values(data.jobs)
        .filter((job) => (job.steps ?? []).some((step) => /codeql-action\/upload-sarif@/.test(step.uses ?? '')))
        .map((job) => ({ at, granted: grants(data, job)['security-events'] }))
    )
    expect(uploads.length).toBeGreaterThan(0)
    expect(uploads).toEqual(uploads.map(({ at }) => ({ at, granted: 'write' })))
  })

  describe('a caller of the reusable workflow', () => {
    const callers = workflows.flatMap(({ at, data }) =>
      Object.values(data.jobs)
        .filter((job) => /\/\.github\/workflows\/model-leak-guard\.yml@/.test(job.uses ?? ''))
        .map((job) => ({ at, job, granted: grants(data, job) }))
    )

    it('grants every permission the called job asks for', () => {
      expect(callers.length).toBeGreaterThan(0)
      for (const { at, granted } of callers) {
        for (const [scope, level] of Object.entries(REUSABLE.permissions)) {
          expect([at, scope, LEVEL[granted[scope] ?? 'none'] >= LEVEL[level]]).toEqual([at, scope, true])
        }
      }
    })

    it('passes only the inputs and secrets it declares, each input as the type it declares', () => {
      const { inputs, secrets } = REUSABLE.on.workflow_call
      for (const { at, job } of callers) {
        for (const [name, value] of Object.entries(job.with ?? {}))
          expect([at, name, typeof value]).toEqual([at, name, inputs[name]?.type])
        expect(Object.keys(secrets)).toEqual(expect.arrayContaining(Object.keys(job.secrets ?? {})))
      }
    })
  })

  it('a registry example validates (with version: 1 added to a fragment)', () => {
    const KEYS = ['version', 'labels', 'datasets', 'models', 'policy', 'artifacts', 'waivers']
    const registries = snippets.filter(
      ({ data }) => isRecord(data) && Object.keys(data).every((key) => KEYS.includes(key))
    )
    expect(registries.length).toBeGreaterThanOrEqual(3)
    const invalid = registries.flatMap(({ at, text, data }) => {
      try {
        parseRegistry(isRecord(data) && 'version' in data ? text : `version: 1\n${text}`, at)
        return []
      } catch (error) {
        return [(error as Error).message]
      }
    })
    expect(invalid).toEqual([])
  })

  it('a pre-commit config names hooks .pre-commit-hooks.yaml has; a GitLab include names a file templates/ has', () => {
    const hookIds = (parse(read('.pre-commit-hooks.yaml')) as { id: string }[]).map((hook) => hook.id)
    const configs = snippets.filter(({ data }) => isRecord(data) && 'repos' in data)
    const named = configs.flatMap(({ data }) =>
      (data as { repos: { hooks: { id: string }[] }[] }).repos.flatMap((repo) => repo.hooks.map((hook) => hook.id))
    )
    expect(named.length).toBeGreaterThan(0)
    expect(hookIds).toEqual(expect.arrayContaining(named))
    const includes = snippets.flatMap(({ data }) =>
      isRecord(data) && Array.isArray(data.include) ? (data.include as { remote: string }[]) : []
    )
    expect(includes.length).toBeGreaterThan(0)
    for (const { remote } of includes) {
      const path = /\/v\d+\.\d+\.\d+\/(.+)$/.exec(remote)?.[1] ?? remote
      expect([path, existsSync(join(ROOT, path))]).toEqual([path, true])
    }
  })
})

describe('the org rollout in docs/action.md', () => {
  const rollout = (read('docs/action.md').split('## Organisation-wide required check')[1] ?? '').replace(/\s+/g, ' ')

  it('says Evaluate mode needs GitHub Enterprise and gives the warn-mode alternative', () => {
    expect(rollout).toMatch(/\*\*Evaluate\*\*[^.]*available only with GitHub Enterprise/)
    expect(rollout).toMatch(/On other plans[^.]*`MODEL_LEAK_GUARD_MODE` to `warn`/)
  })

  it('names the organisation variable that turns pull request comments off, which the reusable workflow reads', () => {
    expect(rollout).toMatch(/`MODEL_LEAK_GUARD_COMMENT` \(`false` turns the pull request comments off/)
    expect(read('.github/workflows/model-leak-guard.yml')).toContain('vars.MODEL_LEAK_GUARD_COMMENT')
  })
})
