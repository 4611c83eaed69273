// Source `registry`: the registry's `models[].path` globs name what matching artifacts were trained
// on. A `trained_on` entry that is not a dataset is another model: lineage follows it.
import type { Artifact, DatasetClaim, PrivacyClaim } from '../types.js'
import { defineSource, type ParentModel, type ProvenanceContext, type ProvenanceNote } from './source.js'

export const registrySource = defineSource('registry', async (artifact: Artifact, context: ProvenanceContext) => {
  const { registry } = context
  const claims: DatasetClaim[] = []
  const parents: ParentModel[] = []
  const notes: ProvenanceNote[] = []
  const privacy: PrivacyClaim[] = []
  for (const { entry, index } of registry.modelsFor(artifact.blob.path)) {
    notes.push({
      file: registry.file,
      line: registry.lineOf(['models', index, 'path']),
      text: `models[${index}].path "${entry.path}" matches`
    })
    if (entry.privacy) {
      const evidence = { file: registry.file, line: registry.lineOf(['models', index, 'privacy']) }
      privacy.push({ ...entry.privacy, source: 'registry', evidence })
      notes.push({ ...evidence, text: `privacy: ${privacyText(entry.privacy)}` })
    }
    entry.trained_on.forEach((name, j) => {
      const evidence = { file: registry.file, line: registry.lineOf(['models', index, 'trained_on', j]) }
      if (registry.dataset(name)) claims.push({ type: 'dataset', name, source: 'registry', evidence })
      else parents.push({ names: [name], relativeTo: '', evidence: { ...evidence, note: `trained_on model ${name}` } })
    })
  }
  if (notes.length === 0) notes.push({ text: `no models[] entry in ${registry.file} matches ${artifact.blob.path}` })
  return { claims, parents, notes, privacy }
})

/** `dp-sgd, ε=3, δ=1e-5`, as explain shows a declared guarantee. */
export function privacyText(privacy: { mechanism: string; epsilon: number; delta: number }): string {
  return `${privacy.mechanism}, ε=${privacy.epsilon}, δ=${privacy.delta}`
}
