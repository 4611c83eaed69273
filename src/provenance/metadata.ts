// Source `metadata`: what the artifact says about itself, as detection put it in
// `detail.metadata` (safetensors __metadata__, ONNX metadata_props, GGUF general.*, Keras HDF5
// attributes). Training-data keys are claims; any other value is a claim only when it (or a word
// of it) names a registered dataset (id, alias or uri); base-model keys are parents.
import type { Artifact, NamedDatasetClaim } from '../types.js'
import {
  flatEntries,
  hubId,
  namesParentByValue,
  namesParentModel,
  namesTrainingData,
  parentGroup,
  textWords,
  valueNames
} from './metadata-keys.js'
import { defineSource, type ParentModel, type ProvenanceContext, type ProvenanceNote } from './source.js'
import type { Registry } from '../registry/registry.js'

export function embeddedMetadata(artifact: Artifact): Record<string, unknown> | null {
  const metadata = artifact.detail.metadata
  return metadata && typeof metadata === 'object' && !Array.isArray(metadata)
    ? (metadata as Record<string, unknown>)
    : null
}

export function artifactLabel(artifact: Artifact): string {
  return artifact.member ? `${artifact.blob.path}!${artifact.member}` : artifact.blob.path
}

export const metadataSource = defineSource('metadata', async (artifact: Artifact, context: ProvenanceContext) => {
  const metadata = embeddedMetadata(artifact)
  const file = artifactLabel(artifact)
  if (!metadata || Object.keys(metadata).length === 0) {
    return {
      claims: [],
      parents: [],
      notes: [{ text: `${file} carries no embedded metadata that detection read (${artifact.format})` }]
    }
  }
  const entries = flatEntries(metadata)
  const claims = entries.flatMap(([key, value]) => metadataClaims(key, value, file, context.registry))
  const parents = metadataParents(entries, file)
  const notes: ProvenanceNote[] = [
    ...claims.map((c) => ({ file, text: `${c.evidence?.note}: ${c.name}` })),
    ...parents.map((p) => ({ file, text: `${p.evidence.note}: ${p.names.join(' or ')}` }))
  ]
  if (notes.length === 0)
    notes.push({ file, text: `metadata keys ${Object.keys(metadata).join(', ')} name no dataset or base model` })
  return { claims, parents, notes }
})

function metadataClaims(key: string, value: unknown, file: string, registry: Registry): NamedDatasetClaim[] {
  if (namesParentModel(key)) return []
  const training = namesTrainingData(key)
  const registered = (name: string): boolean => Boolean(registry.dataset(name) ?? registry.datasetByUri(name))
  const names = training ? valueNames(value) : [...new Set(valueNames(value).flatMap(textWords))].filter(registered)
  const note = training ? `metadata ${key}` : `metadata ${key} (names a registered dataset)`
  return names.map((name) => ({ type: 'dataset', name, source: 'metadata', evidence: { file, note } }))
}

/** Base-model keys grouped per parent (GGUF general.base_model.N.*); each group's values are alternatives. */
function metadataParents(entries: [string, unknown][], file: string): ParentModel[] {
  const groups = new Map<string, string[]>()
  for (const [key, value] of entries) {
    if (!namesParentModel(key) || !namesParentByValue(key)) continue
    const names = valueNames(value).flatMap((name) => [hubId(name), name].filter((n): n is string => n !== null))
    const group = parentGroup(key)
    groups.set(group, [...(groups.get(group) ?? []), ...names])
  }
  return [...groups.entries()]
    .filter(([, names]) => names.length > 0)
    .map(([group, names]) => ({
      names: [...new Set(names)],
      relativeTo: '',
      evidence: { file, note: `metadata ${group}${group.startsWith('general.') ? '.*' : ''}` }
    }))
}
