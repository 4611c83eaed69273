// Registry v1 schema: the one place that says what `.model-registry.yml` may contain.
import { z } from 'zod'

export const POLICY_ACTIONS = ['block', 'warn', 'allow'] as const
export type PolicyAction = (typeof POLICY_ACTIONS)[number]

const name = z.string().min(1)
const nameList = z.array(name)

export const LabelSchema = z.strictObject({
  name,
  block: z.boolean().default(false),
  description: z.string().optional()
})

export const DatasetSchema = z.strictObject({
  id: name,
  label: name,
  aliases: nameList.default([]),
  /** Globs of repository paths that hold this dataset (DVC deps are matched against them). */
  paths: nameList.default([]),
  /** URIs or URI globs (`s3://lab-bucket/ukbb/*`) that embedded metadata may cite. */
  uris: nameList.default([]),
  description: z.string().optional()
})

export const ModelSchema = z.strictObject({
  path: name,
  trained_on: nameList.min(1)
})

export const PolicySchema = z.strictObject({
  unknown_provenance: z.enum(POLICY_ACTIONS).default('block'),
  unregistered_dataset: z.enum(POLICY_ACTIONS).default('block')
})

export const ArtifactsSchema = z.strictObject({
  /** Extra globs to treat as model artifacts by name. */
  include: nameList.default([]),
  /** Globs never inspected; counted in the coverage line. */
  exclude: nameList.default([])
})

export const DEFAULT_LABELS = [
  { name: 'public', block: false },
  { name: 'internal', block: false },
  { name: 'confidential', block: true },
  { name: 'restricted', block: true }
]

export const RegistrySchema = z.strictObject({
  version: z.literal(1),
  labels: z.array(LabelSchema).min(1).default(DEFAULT_LABELS),
  datasets: z.array(DatasetSchema).default([]),
  models: z.array(ModelSchema).default([]),
  policy: PolicySchema.default({ unknown_provenance: 'block', unregistered_dataset: 'block' }),
  artifacts: ArtifactsSchema.default({ include: [], exclude: [] })
})

export type Label = z.infer<typeof LabelSchema>
export type Dataset = z.infer<typeof DatasetSchema>
export type ModelEntry = z.infer<typeof ModelSchema>
export type RegistryData = z.infer<typeof RegistrySchema>
