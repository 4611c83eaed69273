// Provenance: what each artifact was trained on. Every source is one module; their claims are
// merged as a union (no source can remove what another found), lineage adds every parent model's
// datasets, then the claims are resolved against the registry.
import { MalformedInput } from '../errors.js'
import type { Registry } from '../registry/registry.js'
import type { Artifact, DatasetClaim, ResolvedDataset } from '../types.js'
import { dvcSource } from './dvc.js'
import { lineageReport } from './lineage.js'
import { memoized } from './memo.js'
import { metadataSource } from './metadata.js'
import { modelCardSource } from './model-card.js'
import { registrySource } from './registry.js'
import {
  unreadableClaim,
  type ProvenanceContext,
  type ProvenanceSource,
  type SourceReport,
  type SourceSet
} from './source.js'
import { trailerSource } from './trailer.js'

export type {
  ParentModel,
  ProvenanceContext,
  ProvenanceNote,
  ProvenanceSource,
  SourceReport,
  SourceSet
} from './source.js'

export const SOURCES: ProvenanceSource[] = [registrySource, modelCardSource, dvcSource, metadataSource, trailerSource]

const SOURCE_SETS: Record<SourceSet, (source: ProvenanceSource) => boolean> = {
  all: () => true,
  'without-trailer': (source) => source.name !== 'trailer',
  registry: (source) => source.name === 'registry'
}

/** Every source's report for an artifact, then lineage's. `chain` is the lineage walked to get here. */
export async function consultSources(
  artifact: Artifact,
  context: ProvenanceContext,
  chain: string[] = [artifact.blob.path],
  sources: SourceSet = 'all'
): Promise<SourceReport[]> {
  const direct = await Promise.all(
    SOURCES.filter(SOURCE_SETS[sources]).map((source) => consultSafely(source, artifact, context))
  )
  const parents = direct.flatMap((report) => report.parents)
  const lineage = await lineageReport(artifact, parents, context, chain, (parent, parentChain, parentSources) =>
    consultParent(parent, context, parentChain, parentSources)
  )
  return [...direct, lineage]
}

/** Memoized: a parent read at two commits names its grandparents twice, which must not double per generation. */
function consultParent(
  parent: Artifact,
  context: ProvenanceContext,
  chain: string[],
  sources: SourceSet
): Promise<SourceReport[]> {
  const key = ['lineage', ...chain, parent.blob.commit, parent.member ?? '', sources].join('\0')
  return memoized(context, key, () => consultSources(parent, context, chain, sources))
}

/**
 * A source that meets bytes it cannot parse says so in a claim (never silently losing data); any
 * other error (git failing, a bug) propagates: it is not the user's provenance that is wrong.
 */
async function consultSafely(
  source: ProvenanceSource,
  artifact: Artifact,
  context: ProvenanceContext
): Promise<SourceReport> {
  try {
    return await source.consult(artifact, context)
  } catch (error) {
    if (!(error instanceof MalformedInput)) throw error
    const problem = `the ${source.name} source failed: ${(error as Error).message}`
    return {
      source: source.name,
      claims: [unreadableClaim(source.name, `${source.name} source`, undefined, problem)],
      parents: [],
      notes: [{ text: problem }]
    }
  }
}

/** Maps claimed names to registry datasets; one entry per dataset, from the first source that named it. */
export function resolveClaims(claims: DatasetClaim[], registry: Registry): ResolvedDataset[] {
  const resolved = new Map<string, ResolvedDataset>()
  for (const claim of claims) {
    const entry = resolveClaim(claim, registry)
    const key = datasetKey(entry)
    if (!resolved.has(key)) resolved.set(key, entry)
  }
  return [...resolved.values()]
}

function resolveClaim(claim: DatasetClaim, registry: Registry): ResolvedDataset {
  const { source } = claim
  if (claim.type === 'unreadable')
    return { status: 'unreadable', file: claim.file, line: claim.line, problem: claim.problem, source }
  const dataset = registry.dataset(claim.name) ?? registry.datasetByUri(claim.name)
  return dataset
    ? { status: 'registered', id: dataset.id, label: dataset.label, source }
    : { status: 'unregistered', name: claim.name, source }
}

/** One entry per dataset id, per unknown name, per unreadable file. */
function datasetKey(dataset: ResolvedDataset): string {
  if (dataset.status === 'registered') return `registered\0${dataset.id}`
  if (dataset.status === 'unregistered') return `unregistered\0${dataset.name}`
  return `unreadable\0${dataset.file}`
}
