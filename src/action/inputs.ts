// Everything the Action is told, read once and validated into one typed settings object:
// the inputs from action.yml and the runner's environment.
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { z } from 'zod'
import { ScanError } from '../errors.js'
import type { Mode } from '../report/markdown.js'
import { parseCentralRegistry, type CentralRegistry } from './central-registry.js'

export type RegistrySource = { kind: 'file'; path: string | undefined } | { kind: 'central'; central: CentralRegistry }

export interface ActionSettings {
  registry: RegistrySource
  /** Token for the API (PR comment) and for fetching history. */
  token: string
  /** Token for a central registry in another repository; falls back to `token`. */
  registryToken: string
  mode: Mode
  /** undefined: comment on pull requests (the default). */
  comment: boolean | undefined
  sarifFile: string
  reportFile: string
  mlBomFile: string
  runner: RunnerEnvironment
}

const YAML_BOOLEAN = z
  .enum(['', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'], { message: 'expected true or false' })
  .transform((value) => (value === '' ? undefined : value.toLowerCase() === 'true'))

const InputsSchema = z.object({
  registry: z.string(),
  'registry-token': z.string(),
  token: z.string(),
  mode: z
    .enum(['', 'enforce', 'warn'], { message: 'expected enforce or warn' })
    .transform((m) => (m === '' ? 'enforce' : m)),
  comment: YAML_BOOLEAN,
  'sarif-file': z.string()
})

const RunnerSchema = z.object({
  GITHUB_EVENT_NAME: z.string().min(1),
  GITHUB_EVENT_PATH: z.string().min(1),
  /** The ref the run is for; for schedule, the default branch (its payload names none). */
  GITHUB_REF: z.string().optional(),
  GITHUB_WORKSPACE: z.string().min(1),
  GITHUB_REPOSITORY: z.string().regex(/^[^/]+\/[^/]+$/, 'expected owner/repo'),
  GITHUB_SERVER_URL: z.string().default('https://github.com'),
  GITHUB_API_URL: z.string().default('https://api.github.com'),
  RUNNER_TEMP: z.string().optional()
})

export type RunnerEnvironment = z.infer<typeof RunnerSchema>

export function readSettings(env: NodeJS.ProcessEnv = process.env): ActionSettings {
  const runner = validated(RunnerSchema, env, 'environment variable', 'is this running in GitHub Actions?')
  const inputs = validated(
    InputsSchema,
    Object.fromEntries(Object.keys(InputsSchema.shape).map((name) => [name, inputOf(env, name)])),
    'input'
  )
  const outputDir = join(runner.RUNNER_TEMP ?? tmpdir(), 'model-leak-guard')
  return {
    registry: registrySource(inputs.registry),
    token: inputs.token,
    registryToken: inputs['registry-token'] || inputs.token,
    mode: inputs.mode,
    comment: inputs.comment,
    sarifFile: inputs['sarif-file']
      ? inWorkspace(runner.GITHUB_WORKSPACE, inputs['sarif-file'])
      : join(outputDir, 'results.sarif'),
    reportFile: join(outputDir, 'report.json'),
    mlBomFile: join(outputDir, 'ml-bom.cdx.json'),
    runner
  }
}

/** An input as the runner passes it and core.getInput reads it: INPUT_<NAME> (hyphens kept), trimmed. */
function inputOf(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

function registrySource(spec: string): RegistrySource {
  const central = parseCentralRegistry(spec)
  return central ? { kind: 'central', central } : { kind: 'file', path: spec || undefined }
}

function inWorkspace(workspace: string, path: string): string {
  return isAbsolute(path) ? path : join(workspace, path)
}

function validated<T extends z.ZodType>(schema: T, value: unknown, what: string, hint = ''): z.infer<T> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => `${what} ${issue.path.join('.')}: ${issue.message}`)
  throw new ScanError([...problems, hint].filter(Boolean).join('\n'))
}

/** The event payload GITHUB_EVENT_PATH names, as JSON; its shape is checked by rangeForEvent. */
export async function readEventPayload(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new ScanError(`cannot read the event payload ${path}: ${(error as Error).message}`)
  }
}
