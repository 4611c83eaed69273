// Source `model-card`: the Hugging Face model card in the nearest README.md with front matter (the
// artifact's folder, then its parents up to the root). `datasets:` is training data, `base_model:` a
// parent model; `model-index` results name evaluation data, reported but never claimed.
import { PrivacySchema } from '../registry/schema.js'
import type { Artifact, NamedDatasetClaim, PrivacyClaim } from '../types.js'
import { frontMatter } from './front-matter.js'
import { privacyText } from './registry.js'
import { memoized } from './memo.js'
import {
  artifactFolder,
  defineSource,
  foldersUpToRoot,
  joinPath,
  unreadableClaim,
  type ParentModel,
  type ProvenanceContext,
  type ProvenanceNote,
  type SourceReport
} from './source.js'
import { isRecord, namesIn, parseYamlFile, type YamlFile } from './yaml-file.js'

/** Model cards are small; a bigger README still has its front matter at the top. */
export const MODEL_CARD_MAX_BYTES = 64 * 1024

type CardReport = Omit<SourceReport, 'source'>

export const modelCardSource = defineSource('model-card', async (artifact: Artifact, context: ProvenanceContext) => {
  const folders = foldersUpToRoot(artifactFolder(artifact))
  return memoized(context, `model-card\0${artifact.blob.commit}\0${folders[0]}`, () =>
    nearestCard(artifact.blob.commit, folders, context)
  )
})

async function nearestCard(commit: string, folders: string[], context: ProvenanceContext): Promise<CardReport> {
  for (const folder of folders) {
    const file = joinPath(folder, 'README.md')
    const bytes = await context.readFile(commit, file, MODEL_CARD_MAX_BYTES)
    const matter = bytes ? frontMatter(bytes.toString('utf8')) : { kind: 'none' as const }
    if (matter.kind === 'unterminated')
      return unreadableCard(file, 1, 'front matter has no closing --- line', bytes as Buffer)
    if (matter.kind === 'yaml') return readCard(file, parseYamlFile(matter.text, matter.firstLine), bytes as Buffer)
  }
  const searched = folders.map((f) => (f === '' ? '.' : f)).join(', ')
  return { claims: [], parents: [], notes: [{ text: `no README.md with front matter found in ${searched}` }] }
}

function readCard(file: string, yaml: YamlFile, bytes: Buffer): CardReport {
  if (yaml.errors.length > 0)
    return unreadableCard(file, yaml.errors[0].line, `front matter is not valid YAML: ${yaml.errors[0].message}`, bytes)
  const card = isRecord(yaml.value) ? yaml.value : {}
  const claims: NamedDatasetClaim[] = namesIn(card.datasets).map(({ name, index }) => ({
    type: 'dataset',
    name,
    source: 'model-card',
    evidence: {
      file,
      line: yaml.lineOf(index === null ? ['datasets'] : ['datasets', index]),
      note: 'datasets: in the model card'
    }
  }))
  const parents: ParentModel[] = namesIn(card.base_model).map(({ name, index }) => ({
    names: [name],
    relativeTo: file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '',
    evidence: {
      file,
      line: yaml.lineOf(index === null ? ['base_model'] : ['base_model', index]),
      note: `base_model: ${name}`
    }
  }))
  const privacy = cardPrivacy(file, card.privacy, yaml)
  const notes: ProvenanceNote[] = [
    ...claims.map((c) => ({ file, line: c.evidence?.line, text: `datasets: ${c.name}` })),
    ...parents.map((p) => ({ file, line: p.evidence.line, text: `base_model: ${p.names[0]}` })),
    ...privacy.notes,
    ...evaluationNotes(file, card['model-index'], yaml)
  ]
  if (claims.length === 0 && parents.length === 0)
    notes.unshift({ file, text: 'model card names no datasets and no base_model' })
  return { claims, parents, notes, privacy: privacy.claims }
}

/** `privacy: { mechanism, epsilon, delta }` in the card: a claim when well-formed, a note either way. */
function cardPrivacy(
  file: string,
  value: unknown,
  yaml: YamlFile
): { claims: PrivacyClaim[]; notes: ProvenanceNote[] } {
  if (value === undefined) return { claims: [], notes: [] }
  const line = yaml.lineOf(['privacy'])
  const fields = isRecord(value) ? { mechanism: value.mechanism, epsilon: value.epsilon, delta: value.delta } : value
  const parsed = PrivacySchema.safeParse(fields)
  if (!parsed.success)
    return {
      claims: [],
      notes: [
        {
          file,
          line,
          text: 'privacy: ignored: expected { mechanism: NAME, epsilon: NUMBER >= 0, delta: NUMBER in [0, 1) }'
        }
      ]
    }
  const evidence = { file, line, note: 'privacy: in the model card' }
  return {
    claims: [{ ...parsed.data, source: 'model-card', evidence }],
    notes: [{ file, line, text: `privacy: ${privacyText(parsed.data)}` }]
  }
}

/** `model-index[].results[].dataset` is what the model was evaluated on, not trained on. */
function evaluationNotes(file: string, modelIndex: unknown, yaml: YamlFile): ProvenanceNote[] {
  if (!Array.isArray(modelIndex)) return []
  return modelIndex.flatMap((model: unknown, i) => {
    const results = isRecord(model) && Array.isArray(model.results) ? model.results : []
    return results.flatMap((result: unknown, j) => {
      const dataset = isRecord(result) && isRecord(result.dataset) ? result.dataset : null
      const name = dataset ? (dataset.name ?? dataset.type) : null
      if (name === null || name === undefined) return []
      const line = yaml.lineOf(['model-index', i, 'results', j, 'dataset'])
      return [
        { file, line, text: `model-index evaluation dataset ${String(name)} (evaluation data, not training data)` }
      ]
    })
  })
}

/** Broken front matter: a claim when it names datasets or a base model, a note either way. */
function unreadableCard(file: string, line: number, problem: string, bytes: Buffer): CardReport {
  const meant = /^\s*(datasets|base_model)\s*:/m.test(bytes.toString('utf8'))
  const notes = [{ file, line, text: `${problem}${meant ? '' : ' (it names no datasets or base_model: ignored)'}` }]
  return { claims: meant ? [unreadableClaim('model-card', file, line, problem)] : [], parents: [], notes }
}
