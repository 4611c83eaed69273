// Source `registry`: the registry's `models[].path` globs name what matching artifacts were trained
// on. A `trained_on` entry that is another model path inherits that model's datasets.
import type { Registry } from '../registry/registry.js'
import type { Artifact, DatasetClaim } from '../types.js'
import type { ProvenanceContext } from './index.js'

export async function registryClaims(artifact: Artifact, context: ProvenanceContext): Promise<DatasetClaim[]> {
  return claimsForModelPath(artifact.blob.path, context.registry, new Set())
}

export function claimsForModelPath(path: string, registry: Registry, visiting: Set<string>): DatasetClaim[] {
  const claims: DatasetClaim[] = []
  for (const { entry, index } of registry.modelsFor(path)) {
    entry.trained_on.forEach((name, j) => {
      const evidence = { file: registry.file, line: registry.lineOf(['models', index, 'trained_on', j]) }
      if (registry.dataset(name)) {
        claims.push({ name, source: 'registry', evidence })
      } else if (!visiting.has(name)) {
        // A model path: its datasets are this model's too (lineage through the registry).
        claims.push(...claimsForModelPath(name, registry, new Set([...visiting, path])))
      }
    })
  }
  return claims
}
