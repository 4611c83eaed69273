// What `init` proposes: a commented .model-registry.yml built from a scan with the built-in
// defaults (so every dataset name a source gives is unregistered) and the data folders found.
// Pure: findings and folders in, the file's text and what is still unknown out.
import { isUrl } from '../provenance/source.js'
import { datasetText } from '../report/datasets.js'
import { oneLine } from '../report/printable.js'
import type { Finding, ProvenanceSourceName } from '../types.js'

export interface ProposalInput {
  findings: Finding[]
  dataFolders: string[]
  commits: number
}

export interface ProposedDataset {
  id: string
  paths: string[]
  /** Which sources named it, for which models. */
  namedBy: Set<ProvenanceSourceName>
  models: Set<string>
}

export interface ProposedModel {
  path: string
  trainedOn: string[]
  sources: Set<ProvenanceSourceName>
}

export interface Proposal {
  text: string
  datasets: ProposedDataset[]
  models: ProposedModel[]
  /** One line per thing a person still has to decide. */
  unknown: string[]
}

/** The placeholder label: the most sensitive default, so nothing passes before someone decides. */
export const PLACEHOLDER_LABEL = 'restricted'

export function proposeRegistry(input: ProposalInput): Proposal {
  const datasets = new Map<string, ProposedDataset>()
  const models = new Map<string, ProposedModel>()
  const unknown: string[] = []
  for (const finding of input.findings) {
    const names = namesIn(finding, datasets)
    for (const path of [finding.path, ...finding.alsoAt.map((place) => place.path)]) {
      if (names.ids.length > 0) addModel(models, path, names.ids, names.sources)
    }
    unknown.push(...names.unreadable)
    if (names.ids.length === 0 && names.unreadable.length === 0) unknown.push(unknownTraining(finding))
  }
  const leftFolders = attachFolders([...datasets.values()], input.dataFolders)
  unknown.push(
    ...leftFolders.map((folder) => `which dataset ${folder}/ holds: no model names it (add it to a dataset's paths)`)
  )
  const byName =
    <T>(key: (item: T) => string) =>
    (a: T, b: T) =>
      key(a).localeCompare(key(b))
  const proposed = {
    datasets: [...datasets.values()].sort(byName((d) => d.id)),
    models: [...models.values()].sort(byName((m) => m.path))
  }
  if (proposed.datasets.length > 0)
    unknown.unshift(`the real label of each dataset (all ${PLACEHOLDER_LABEL} until you set them)`)
  return {
    ...proposed,
    unknown: [...new Set(unknown)],
    text: registryText(proposed, input, unknownModels(input.findings, models))
  }
}

/** The dataset ids a finding's sources name (registering each), its sources, and the sources that could not be read. */
function namesIn(
  finding: Finding,
  datasets: Map<string, ProposedDataset>
): { ids: string[]; sources: Set<ProvenanceSourceName>; unreadable: string[] } {
  const ids: string[] = []
  const sources = new Set<ProvenanceSourceName>()
  const unreadable: string[] = []
  for (const dataset of finding.datasets) {
    if (dataset.status === 'unreadable') {
      unreadable.push(`${datasetText(dataset)}: ${dataset.problem} (it names the training data of ${finding.path})`)
      continue
    }
    const name = dataset.status === 'registered' ? dataset.id : dataset.name
    const entry = datasetFor(datasets, name, dataset.source)
    entry.namedBy.add(dataset.source)
    entry.models.add(finding.path)
    ids.push(entry.id)
    sources.add(dataset.source)
  }
  return { ids: [...new Set(ids)], sources, unreadable }
}

/** A DVC dependency is named by its path (`data/ukbb`): the dataset is its last segment, holding that path. */
function datasetFor(
  datasets: Map<string, ProposedDataset>,
  name: string,
  source: ProvenanceSourceName
): ProposedDataset {
  const isPath = source === 'dvc' && name.includes('/') && !isUrl(name)
  const id = isPath ? name.replace(/\/+$/, '').slice(name.replace(/\/+$/, '').lastIndexOf('/') + 1) : name
  let entry = datasets.get(id)
  if (!entry) {
    entry = { id, paths: [], namedBy: new Set(), models: new Set() }
    datasets.set(id, entry)
  }
  const path = name.replace(/\/+$/, '')
  if (isPath && !entry.paths.includes(path)) entry.paths.push(path, `${path}/**`)
  return entry
}

function addModel(
  models: Map<string, ProposedModel>,
  path: string,
  ids: string[],
  sources: Set<ProvenanceSourceName>
): void {
  const model = models.get(path) ?? { path, trainedOn: [], sources: new Set() }
  model.trainedOn = [...new Set([...model.trainedOn, ...ids])]
  sources.forEach((source) => model.sources.add(source))
  models.set(path, model)
}

function unknownTraining(finding: Finding): string {
  return `what ${finding.path} [${finding.format}, ${finding.kind}] was trained on: add a models: entry, a model card, a DVC stage or a Trained-on: trailer`
}

/** Gives a dataset with no paths the folder of its name (`data/ukbb` for ukbb); returns the folders no dataset took. */
function attachFolders(datasets: ProposedDataset[], folders: string[]): string[] {
  const key = (text: string) => text.toLowerCase().replace(/[-_. ]/g, '')
  const taken = new Set(datasets.flatMap((d) => d.paths))
  for (const dataset of datasets.filter((d) => d.paths.length === 0)) {
    const folder = folders.find((f) => key(f.slice(f.lastIndexOf('/') + 1)) === key(dataset.id))
    if (folder) dataset.paths.push(folder, `${folder}/**`)
    if (folder) taken.add(folder)
  }
  // A folder that only holds other listed folders (data/ around data/ukbb) needs no decision of its own.
  const leaves = folders.filter((f) => !folders.some((other) => other.startsWith(`${f}/`)))
  return leaves.filter((folder) => !taken.has(folder))
}

function unknownModels(findings: Finding[], models: Map<string, ProposedModel>): string[] {
  return [...new Set(findings.map((f) => f.path).filter((path) => !models.has(path)))]
}

const q = (text: string) => JSON.stringify(text)

function registryText(
  proposed: { datasets: ProposedDataset[]; models: ProposedModel[] },
  input: ProposalInput,
  unattributed: string[]
): string {
  const lines = [
    `# .model-registry.yml proposed by \`model-leak-guard init\` from ${input.commits} commits (every ref's history).`,
    `# Review it before you commit it. Each dataset's label is ${PLACEHOLDER_LABEL} (it blocks) until you set the`,
    '# real one. Check it with `model-leak-guard validate-registry`; the format is in README.md.',
    'version: 1',
    'labels: # least to most sensitive; a model trained on a block: true label may not leave',
    '  - { name: public }',
    '  - { name: internal }',
    '  - { name: confidential, block: true }',
    '  - { name: restricted, block: true }',
    ...datasetLines(proposed.datasets),
    ...modelLines(proposed.models, unattributed),
    'policy:',
    '  unknown_provenance: block # a model whose training data nothing names may not leave',
    '  unregistered_dataset: block # nor one trained on a dataset this file does not list',
    ''
  ]
  return lines.map(oneLine).join('\n') // a path or name with a newline must not write a registry line of its own
}

function datasetLines(datasets: ProposedDataset[]): string[] {
  if (datasets.length === 0) return ['datasets: [] # no source names a dataset yet']
  return [
    'datasets:',
    ...datasets.flatMap((d) => [
      `  # named by ${[...d.namedBy].join(', ')} for ${[...d.models].join(', ')}`,
      `  - id: ${q(d.id)}`,
      `    label: ${PLACEHOLDER_LABEL} # TODO the real label: public, internal, confidential or restricted`,
      ...(d.paths.length > 0 ? [`    paths: [${d.paths.map(q).join(', ')}]`] : [])
    ])
  ]
}

function modelLines(models: ProposedModel[], unattributed: string[]): string[] {
  const known = models.map(
    (m) =>
      `  - { path: ${q(m.path)}, trained_on: [${m.trainedOn.map(q).join(', ')}] } # from ${[...m.sources].join(', ')}`
  )
  const unknown = unattributed.length
    ? [
        '  # Training data not known yet: add an entry for each (trained_on: dataset ids or parent model paths)',
        ...unattributed.map((path) => `  #   ${path}`)
      ]
    : []
  return models.length > 0 ? ['models:', ...known, ...unknown] : ['models: []', ...unknown]
}
