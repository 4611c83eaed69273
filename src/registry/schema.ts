// Registry v1 schema: the one place that says what `.model-registry.yml` may contain.
// zod/mini (same engine, functional API): the registry is parsed on every push by the hook, and
// the mini build is a fraction of the classic one to load.
import { z } from 'zod/mini'

export const POLICY_ACTIONS = ['block', 'warn', 'allow'] as const
export type PolicyAction = (typeof POLICY_ACTIONS)[number]

const name = z.string().check(z.minLength(1))
const nameList = z.array(name)
const optionalText = z.optional(z.string())

export const LabelSchema = z.strictObject({
  name,
  block: z._default(z.boolean(), false),
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

export const ModelSchema = z.strictObject({
  path: name,
  trained_on: nameList.check(z.minLength(1))
})

const policyAction = z._default(z.enum(POLICY_ACTIONS), 'block')

export const PolicySchema = z.strictObject({
  unknown_provenance: policyAction,
  unregistered_dataset: policyAction
})

export const ArtifactsSchema = z.strictObject({
  /** Extra globs to treat as model artifacts by name. */
  include: z._default(nameList, []),
  /** Globs never inspected; counted in the coverage line. */
  exclude: z._default(nameList, [])
})

export const DEFAULT_LABELS = [
  { name: 'public', block: false },
  { name: 'internal', block: false },
  { name: 'confidential', block: true },
  { name: 'restricted', block: true }
]

export const RegistrySchema = z.strictObject({
  version: z.literal(1),
  labels: z._default(z.array(LabelSchema).check(z.minLength(1)), DEFAULT_LABELS),
  datasets: z._default(z.array(DatasetSchema), []),
  models: z._default(z.array(ModelSchema), []),
  policy: z._default(PolicySchema, { unknown_provenance: 'block', unregistered_dataset: 'block' }),
  artifacts: z._default(ArtifactsSchema, { include: [], exclude: [] })
})

export type Label = z.infer<typeof LabelSchema>
export type Dataset = z.infer<typeof DatasetSchema>
export type ModelEntry = z.infer<typeof ModelSchema>
export type RegistryData = z.infer<typeof RegistrySchema>
