// Provenance: what each artifact was trained on. Every source is one module; their claims are
// merged as a union (no source can remove what another found), then resolved against the registry.
import type { Registry } from '../registry/registry.js'
import type { Artifact, DatasetClaim, ProvenanceSourceName, ResolvedDataset } from '../types.js'
import { registryClaims } from './registry.js'

export interface ProvenanceContext {
  registry: Registry
  /** A file as it is in a commit (not the working tree); null when absent. At most maxBytes are read. */
  readFile(commit: string, path: string, maxBytes?: number): Promise<Buffer | null>
  /** The full message of a commit. */
  commitMessage(commit: string): Promise<string>
}

export interface ProvenanceSource {
  name: ProvenanceSourceName
  claims(artifact: Artifact, context: ProvenanceContext): Promise<DatasetClaim[]>
}

export const SOURCES: ProvenanceSource[] = [{ name: 'registry', claims: registryClaims }]

export async function gatherClaims(artifact: Artifact, context: ProvenanceContext): Promise<DatasetClaim[]> {
  const perSource = await Promise.all(SOURCES.map((source) => source.claims(artifact, context)))
  return perSource.flat()
}

/** Maps claimed names to registry datasets; one entry per dataset, from the first source that named it. */
export function resolveClaims(claims: DatasetClaim[], registry: Registry): ResolvedDataset[] {
  const resolved = new Map<string, ResolvedDataset>()
  for (const claim of claims) {
    const dataset = registry.dataset(claim.name) ?? registry.datasetByUri(claim.name)
    const entry: ResolvedDataset = dataset
      ? { id: dataset.id, label: dataset.label, source: claim.source, registered: true }
      : { id: claim.name, label: null, source: claim.source, registered: false }
    if (!resolved.has(entry.id)) resolved.set(entry.id, entry)
  }
  return [...resolved.values()]
}
