// The baseline: blob ids of the artifacts a repository already held when the gate was turned on
// (`model-leak-guard baseline`), so it blocks only new leaks. It lives beside the registry and is
// read from the same trusted place, so a push cannot add itself to it.
import { z } from 'zod/mini'
import { KINDS, type Finding } from '../types.js'
import { isoDate } from './schema.js'
import { validateYaml } from './validate.js'

export const BASELINE_FILE = '.model-baseline.yml'

export const BaselineSchema = z.strictObject({
  version: z.literal(1),
  recorded: isoDate,
  artifacts: z.array(
    z.strictObject({
      blob: z.string().check(z.regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, { error: 'expected a full blob id' })),
      path: z.string(),
      member: z.optional(z.string()),
      kind: z.optional(z.enum(KINDS)),
      verdict: z.optional(z.enum(['pass', 'warn', 'block']))
    })
  )
})

type BaselineData = z.infer<typeof BaselineSchema>
export type BaselineEntry = BaselineData['artifacts'][number]

export class Baseline {
  private readonly byBlob = new Map<string, BaselineEntry>()

  constructor(
    readonly data: BaselineData,
    /** Where it was read, for reasons: `.model-baseline.yml`, `refs/heads/main:.model-baseline.yml`. */
    readonly file: string
  ) {
    for (const entry of data.artifacts) this.byBlob.set(entry.blob, entry)
  }

  get recorded(): string {
    return this.data.recorded
  }

  /** The entry that accepted these bytes (any member of them), if any. */
  entry(blob: string): BaselineEntry | undefined {
    return this.byBlob.get(blob)
  }
}

export function parseBaseline(text: string, file: string): Baseline {
  return new Baseline(validateYaml(text, file, BaselineSchema).data, file)
}

/** The baseline file for today's findings: every artifact, whatever its verdict, once per blob and member. */
export function renderBaseline(findings: Finding[], recorded: string): string {
  const seen = new Set<string>()
  const lines = findings.flatMap((f) => {
    const key = `${f.blob}\0${f.member ?? ''}`
    if (seen.has(key)) return []
    seen.add(key)
    const member = f.member === null ? '' : `, member: ${JSON.stringify(f.member)}`
    return [`  - { blob: ${f.blob}, path: ${JSON.stringify(f.path)}${member}, kind: ${f.kind}, verdict: ${f.verdict} }`]
  })
  return [
    '# model-leak-guard baseline: the artifacts this repository held when the gate was turned on.',
    '# They pass (by blob id: changed bytes are judged again); anything else is judged as usual.',
    '# Written by `model-leak-guard baseline`. Commit it beside the registry on the default branch:',
    '# like the registry, it counts from there, never from the commits being checked.',
    'version: 1',
    `recorded: ${recorded}`,
    lines.length ? 'artifacts:' : 'artifacts: []',
    ...lines,
    ''
  ].join('\n')
}
