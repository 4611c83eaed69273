// Registry v1 schema: the one place that says what `.model-registry.yml` may contain.
// zod/mini (same engine, functional API): the registry is parsed on every push by the hook, and
// the mini build is a fraction of the classic one to load.
import { z } from 'zod/mini'
import { KINDS, LFS_ABSENT_RULES, PROVENANCE_SOURCES, VISIBILITIES, type Mode } from '../types.js'

export const POLICY_ACTIONS = ['block', 'warn', 'allow'] as const
export type PolicyAction = (typeof POLICY_ACTIONS)[number]

export const MODES = ['enforce', 'warn'] as const satisfies readonly Mode[]

const name = z.string().check(z.minLength(1))
const nameList = z.array(name)
const optionalText = z.optional(z.string())
const nonNegative = z.number().check(z.gte(0))

/** A repository visibility as a bare word, or a glob over remote URLs (it has a `:` or a `/`). */
const destination = name.check(
  z.refine((text) => (VISIBILITIES as readonly string[]).includes(text) || /[:/]/.test(text), {
    error: `expected a visibility (${VISIBILITIES.join(', ')}) or a remote URL glob (git@github.com:acme/*, https://git.example/**)`
  })
)

/** `true` blocks every kind, `false` none, a list only those kinds (the ones that memorize their records). */
const blockedKinds = z.union([z.boolean(), z.array(z.enum(KINDS)).check(z.minLength(1))], {
  error: `expected true, false or a list of kinds (${KINDS.join(', ')})`
})

export const LabelSchema = z.strictObject({
  name,
  block: z._default(blockedKinds, false),
  /** Differential privacy at or below this epsilon lets a model of a blocking label pass. */
  dp_max_epsilon: z.optional(z.number().check(z.positive())),
  /** Where models of this label may go although it blocks: remote URL globs and visibilities. */
  allowed_destinations: z._default(z.array(destination), []),
  description: optionalText
})

export const DatasetSchema = z.strictObject({
  id: name,
  label: name,
  aliases: z._default(nameList, []),
  /** Globs of repository paths that hold this dataset (DVC deps are matched against them). */
  paths: z._default(nameList, []),
  /** URIs or URI globs (`s3://lab-bucket/ukbb/*`) that embedded metadata may cite. */
  uris: z._default(nameList, []),
  description: optionalText
})

/** A differential-privacy guarantee a model was trained with. */
export const PrivacySchema = z.strictObject({
  mechanism: name,
  epsilon: nonNegative,
  delta: nonNegative.check(z.lt(1))
})

export const ModelSchema = z.strictObject({
  path: name,
  trained_on: z._default(nameList, []),
  privacy: z.optional(PrivacySchema)
})

const policyAction = (fallback: PolicyAction) => z._default(z.enum(POLICY_ACTIONS), fallback)

export const PolicySchema = z.strictObject({
  unknown_provenance: policyAction('block'),
  unregistered_dataset: policyAction('block'),
  /** A pickle of containers and arrays only, with no provenance: data, not a model. */
  data_pickles: policyAction('warn'),
  /** A file under a registered dataset's paths, whose label blocks. */
  dataset_files: policyAction('block'),
  /** `warn` reports everything and exits 0: for rolling the gate out. */
  mode: z._default(z.enum(MODES), 'enforce'),
  /**
   * The provenance sources whose word can let a model through. Every source can make a verdict
   * stricter; a model only sources outside this list vouch for is judged as of unknown provenance.
   * `[registry]` lets no file in a push (a model card, a trailer) clear its own model.
   */
  trusted_sources: z._default(z.array(z.enum(PROVENANCE_SOURCES)), [...PROVENANCE_SOURCES]),
  /**
   * A Git LFS pointer whose object is absent, in pre-receive and CI: `unknown` whatever its name,
   * or `by-name` (an image, audio, video, PDF or text name passes, as before a push).
   */
  lfs_absent: z._default(z.enum(LFS_ABSENT_RULES), 'unknown')
})

export const ArtifactsSchema = z.strictObject({
  /** Extra globs to treat as model artifacts by name. */
  include: z._default(nameList, []),
  /** Globs never inspected; counted in the coverage line. */
  exclude: z._default(nameList, [])
})

/** YYYY-MM-DD, a day that exists (2030-02-30 does not: Date would roll it over to March). */
export const isoDate = z.string().check(z.refine(isCalendarDay, { error: 'expected a date as YYYY-MM-DD' }))

function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const day = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text)
}

/**
 * A whole git object id (SHA-1 or SHA-256). Never a prefix: 12 hex digits are 48 bits, and an
 * insider could grind their own model's id to share a waived prefix.
 */
export const blobId = z.string().check(
  z.regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, {
    error:
      'expected a whole blob id (40 hex digits, or 64 in a SHA-256 repository; `git rev-parse HEAD:PATH` prints it)'
  })
)

export const WaiverSchema = z.strictObject({
  blob: blobId,
  path: z.optional(name),
  reason: name,
  approved_by: name,
  expires: isoDate
})

export const DEFAULT_LABELS = [
  { name: 'public', block: false, allowed_destinations: [] },
  { name: 'internal', block: false, allowed_destinations: [] },
  { name: 'confidential', block: true, allowed_destinations: [] },
  { name: 'restricted', block: true, allowed_destinations: [] }
]

export const RegistrySchema = z.strictObject({
  version: z.literal(1),
  labels: z._default(z.array(LabelSchema).check(z.minLength(1)), DEFAULT_LABELS),
  datasets: z._default(z.array(DatasetSchema), []),
  models: z._default(z.array(ModelSchema), []),
  policy: z._default(PolicySchema, {
    unknown_provenance: 'block',
    unregistered_dataset: 'block',
    data_pickles: 'warn',
    dataset_files: 'block',
    mode: 'enforce',
    trusted_sources: [...PROVENANCE_SOURCES],
    lfs_absent: 'unknown'
  }),
  artifacts: z._default(ArtifactsSchema, { include: [], exclude: [] }),
  waivers: z._default(z.array(WaiverSchema), [])
})

export type Label = z.infer<typeof LabelSchema>
export type Dataset = z.infer<typeof DatasetSchema>
export type ModelEntry = z.infer<typeof ModelSchema>
export type Privacy = z.infer<typeof PrivacySchema>
export type Waiver = z.infer<typeof WaiverSchema>
export type RegistryData = z.infer<typeof RegistrySchema>
