// Checks that need the whole registry: declared labels, unique names, resolvable trained_on, no
// lineage cycles. They read the raw document leniently (any entry that has the names they need),
// so they run even when the schema rejects something else: every error is reported at once.
import { Registry } from './registry.js'
import { DEFAULT_LABELS } from './schema.js'
import { didYouMean, type CrossProblem } from './validate.js'

/** A name written in the registry and the index (or indexes) that lead to it. */
interface Named {
  name: string
  index: number
}

interface DatasetView {
  index: number
  id?: string
  label?: string
  aliases: Named[]
}

interface ModelView {
  index: number
  path?: string
  trainedOn: Named[]
  hasPrivacy: boolean
}

/** Every problem that needs more than one entry to see. */
export function crossCheck(raw: unknown): CrossProblem[] {
  const root = record(raw)
  const labels =
    root.labels === undefined
      ? DEFAULT_LABELS.map((l, index) => ({ name: l.name, index }))
      : namesAt(root.labels, 'name')
  const datasets = list(root.datasets).map((entry, index): DatasetView => {
    const dataset = record(entry)
    return { index, id: text(dataset.id), label: text(dataset.label), aliases: strings(dataset.aliases) }
  })
  const models = list(root.models).map((entry, index): ModelView => {
    const model = record(entry)
    return {
      index,
      path: text(model.path),
      trainedOn: strings(model.trained_on),
      hasPrivacy: model.privacy !== undefined
    }
  })
  const datasetNames = new Map<string, string>()
  return [
    ...duplicateLabels(labels),
    ...undeclaredLabels(datasets, labels),
    ...duplicateDatasetNames(datasets, datasetNames),
    ...unresolvedTrainedOn(models, datasetNames),
    ...lineageCycles(models, datasetNames)
  ]
}

function duplicateLabels(labels: Named[]): CrossProblem[] {
  const seen = new Set<string>()
  return labels.flatMap(({ name, index }) => {
    const duplicate = seen.has(name)
    seen.add(name)
    return duplicate ? [{ path: ['labels', index, 'name'], message: `duplicate label "${name}"` }] : []
  })
}

function undeclaredLabels(datasets: DatasetView[], labels: Named[]): CrossProblem[] {
  const declared = labels.map((l) => l.name)
  return datasets.flatMap(({ index, label }) =>
    label === undefined || declared.includes(label)
      ? []
      : [
          {
            path: ['datasets', index, 'label'],
            message: `"${label}" is not a declared label (${declared.join(', ')})${didYouMean(label, declared)}`
          }
        ]
  )
}

/** Fills `names` (dataset id or alias → the id it names) and reports a name used twice. */
function duplicateDatasetNames(datasets: DatasetView[], names: Map<string, string>): CrossProblem[] {
  const problems: CrossProblem[] = []
  for (const { index, id, aliases } of datasets) {
    if (id === undefined) continue
    const claims = [
      { name: id, path: ['datasets', index, 'id'] },
      ...aliases.map((a) => ({ name: a.name, path: ['datasets', index, 'aliases', a.index] }))
    ]
    for (const { name, path } of claims) {
      const owner = names.get(name)
      if (owner !== undefined) problems.push({ path, message: `"${name}" is already used by dataset "${owner}"` })
      else names.set(name, id)
    }
  }
  return problems
}

function unresolvedTrainedOn(models: ModelView[], datasetNames: Map<string, string>): CrossProblem[] {
  const modelPaths = models.flatMap((m) => (m.path === undefined ? [] : [m.path]))
  return models.flatMap((model) => {
    if (model.trainedOn.length === 0 && !model.hasPrivacy)
      return [
        { path: ['models', model.index], message: 'give trained_on (datasets or parent models), privacy, or both' }
      ]
    return model.trainedOn.flatMap(({ name, index }) =>
      datasetNames.has(name) || Registry.matchesAnyGlob(name, modelPaths)
        ? []
        : [
            {
              path: ['models', model.index, 'trained_on', index],
              message: `"${name}" is neither a dataset id or alias nor a model path in models[]${didYouMean(name, [...datasetNames.keys()])}`
            }
          ]
    )
  })
}

/** A model trained (transitively) on itself: reported once per cycle, at the trained_on entry that closes it. */
function lineageCycles(models: ModelView[], datasetNames: Map<string, string>): CrossProblem[] {
  const problems: CrossProblem[] = []
  const reported = new Set<string>()
  const done = new Set<number>() // fully explored: no cycle left through it
  const parentsOf = (i: number): { j: number; name: string; k: number }[] =>
    models[i].trainedOn.flatMap(({ name, index: j }) =>
      datasetNames.has(name)
        ? []
        : models.flatMap((m, k) =>
            m.path !== undefined && Registry.matchesAnyGlob(name, [m.path]) ? [{ j, name, k }] : []
          )
    )
  const visit = (i: number, stack: { index: number; label: string }[]): void => {
    for (const { j, name, k } of parentsOf(i)) {
      const at = stack.findIndex((s) => s.index === k)
      if (at < 0) {
        if (!done.has(k)) visit(k, [...stack, { index: k, label: name }])
        continue
      }
      const cycle = stack.slice(at)
      const key = cycle
        .map((s) => s.index)
        .sort((a, b) => a - b)
        .join(',')
      if (reported.has(key)) continue
      reported.add(key)
      problems.push({
        path: ['models', i, 'trained_on', j],
        message: `lineage cycle ${[...cycle.map((s) => s.label), name].join(' → ')}`
      })
    }
    done.add(i)
  }
  models.forEach((model, i) => done.has(i) || visit(i, [{ index: i, label: model.path ?? `models[${i}]` }]))
  return problems
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** The non-empty strings of a list, with their indexes. */
function strings(value: unknown): Named[] {
  return list(value).flatMap((item, index) => (typeof item === 'string' && item !== '' ? [{ name: item, index }] : []))
}

/** The `key` strings of a list of maps, with their indexes. */
function namesAt(value: unknown, key: string): Named[] {
  return list(value).flatMap((item, index) => {
    const name = text(record(item)[key])
    return name === undefined ? [] : [{ name, index }]
  })
}
