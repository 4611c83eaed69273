// The inventory as a CycloneDX 1.6 ML-BOM (JSON): each model a `machine-learning-model` component,
// each dataset a `data` component, lineage and training data as `dependencies`.
// Built with @cyclonedx/cyclonedx-library (OWASP, Apache-2.0, no runtime dependencies, node >= 20.18):
// it owns the spec's names, enums, ordering and bom-ref handling. It has no model for `modelCard`
// or a component's `data` (both 1.5+), so those are added to its normalized output by bom-ref.
// Loaded only by `inventory` (and the Action's ML-BOM), never on the hook path.
import { randomUUID } from 'node:crypto'
import { ComponentType, HashAlgorithm } from '@cyclonedx/cyclonedx-library/Enums'
import { Bom, Component, Property } from '@cyclonedx/cyclonedx-library/Models'
import { JSON as CdxJson } from '@cyclonedx/cyclonedx-library/Serialize'
import { Spec1dot6 } from '@cyclonedx/cyclonedx-library/Spec'
import { VERSION } from '../version.js'
import type { Inventory, InventoryDataset, InventoryModel, InventoryScope, OtherModel } from './inventory.js'

/** Property names: one namespace, registered nowhere, documented in docs/inventory.md. */
const NS = 'model-leak-guard'

export interface CycloneDxOptions {
  /** Leave out what differs between runs (serial number, timestamp): the same inventory gives the same bytes. */
  reproducible?: boolean
}

type Normalized = Record<string, unknown> & { components?: Record<string, unknown>[] }

export function renderCycloneDx(inventory: Inventory, options: CycloneDxOptions = {}): string {
  const bom = new Bom({ version: 1 })
  if (!options.reproducible) {
    bom.serialNumber = `urn:uuid:${randomUUID()}`
    bom.metadata.timestamp = new Date()
  }
  bom.metadata.tools.components.add(new Component(ComponentType.Application, 'model-leak-guard', { version: VERSION }))
  for (const [name, value] of scopeProperties(inventory.scope, inventory))
    bom.metadata.properties.add(new Property(name, value))
  const byRef = new Map<string, Component>()
  for (const dataset of inventory.datasets) byRef.set(dataset.ref, datasetComponent(dataset))
  for (const other of inventory.otherModels) byRef.set(other.ref, otherModelComponent(other))
  for (const model of inventory.models) byRef.set(model.ref, modelComponent(model))
  for (const model of inventory.models) {
    const component = byRef.get(model.ref) as Component
    for (const ref of [...model.parents, ...model.datasets])
      component.dependencies.add((byRef.get(ref) as Component).bomRef)
  }
  for (const component of byRef.values()) bom.components.add(component)
  const normalized = new CdxJson.Normalize.Factory(Spec1dot6).makeForBom().normalize(bom, { sortLists: true })
  return JSON.stringify(withSchemaOnlyFields(normalized as unknown as Normalized, inventory), null, 2) + '\n'
}

function scopeProperties(scope: InventoryScope, inventory: Inventory): [string, string][] {
  const described =
    scope.type === 'snapshot'
      ? [
          [`${NS}:scope`, `snapshot of ${scope.revision}`],
          [`${NS}:git-commit`, scope.commit ?? '(none yet)']
        ]
      : [[`${NS}:scope`, `history of ${scope.revisions.join(' ')}`]]
  return [...(described as [string, string][]), [`${NS}:verdict`, inventory.verdict]]
}

function modelComponent(model: InventoryModel): Component {
  const component = new Component(ComponentType.MachineLearningModel, modelName(model), { bomRef: model.ref })
  if (model.sha256) component.hashes.set(HashAlgorithm['SHA-256'], model.sha256)
  const properties: [string, string | number | null | boolean][] = [
    // A git blob id hashes git's header with the content: no CycloneDX hash algorithm names it.
    [`${NS}:git-blob`, model.blob],
    [`${NS}:git-commit`, model.commit],
    [`${NS}:member`, model.member],
    ...model.alsoAt.map((path): [string, string] => [`${NS}:also-at`, path]),
    [`${NS}:format`, model.format],
    [`${NS}:kind`, model.kind],
    [`${NS}:size`, model.size],
    [`${NS}:lfs`, model.lfs || null],
    [`${NS}:records`, model.records],
    [`${NS}:dimension`, model.dimension],
    [`${NS}:verdict`, model.verdict],
    ...model.reasons.map((reason): [string, string] => [`${NS}:reason`, reason]),
    ...model.unreadable.map(({ file, line, problem }): [string, string] => [
      `${NS}:unreadable-provenance`,
      `${line === null ? file : `${file}:${line}`}: ${problem}`
    ])
  ]
  addProperties(component, properties)
  return component
}

/** An archive member is named by its archive's path and its path inside, `a.zip!model.pkl`. */
function modelName(model: InventoryModel): string {
  return model.member === null ? model.path : `${model.path}!${model.member}`
}

function datasetComponent(dataset: InventoryDataset): Component {
  const component = new Component(ComponentType.Data, dataset.id, {
    bomRef: dataset.ref,
    description: dataset.description ?? undefined
  })
  addProperties(component, [
    [`${NS}:registered`, dataset.registered],
    [`${NS}:label`, dataset.label],
    [`${NS}:label-blocks`, dataset.label === null ? null : dataset.blocks],
    ...dataset.aliases.map((alias): [string, string] => [`${NS}:alias`, alias]),
    ...dataset.paths.map((path): [string, string] => [`${NS}:path`, path]),
    ...dataset.uris.map((uri): [string, string] => [`${NS}:uri`, uri])
  ])
  return component
}

/** A parent model that is not inventoried itself: named so the lineage has both ends. */
function otherModelComponent(other: OtherModel): Component {
  const component = new Component(ComponentType.MachineLearningModel, other.path, { bomRef: other.ref })
  addProperties(component, [
    [`${NS}:git-blob`, other.blob],
    [`${NS}:inventoried`, false]
  ])
  return component
}

function addProperties(component: Component, properties: [string, string | number | boolean | null][]): void {
  for (const [name, value] of properties)
    if (value !== null) component.properties.add(new Property(name, String(value)))
}

/**
 * Fields the library does not model, added by bom-ref: a model's `modelCard` naming its training
 * datasets, a dataset's `data` with the sensitivity label as its `classification`.
 */
function withSchemaOnlyFields(bom: Normalized, inventory: Inventory): Normalized {
  const models = new Map(inventory.models.map((model) => [model.ref, model]))
  const datasets = new Map(inventory.datasets.map((dataset) => [dataset.ref, dataset]))
  const components = (bom.components ?? []).map((component) => {
    const ref = component['bom-ref'] as string
    const model = models.get(ref)
    if (model)
      return { ...component, modelCard: { modelParameters: { datasets: model.datasets.map((d) => ({ ref: d })) } } }
    const dataset = datasets.get(ref)
    if (dataset) return { ...component, data: [componentData(dataset)] }
    return component
  })
  return { ...bom, components }
}

function componentData(dataset: InventoryDataset): Record<string, unknown> {
  return {
    type: 'dataset',
    name: dataset.id,
    ...(dataset.label === null ? {} : { classification: dataset.label }),
    ...(dataset.description === null ? {} : { description: dataset.description })
  }
}
