// The inventory: every model a scan found, with its datasets, labels, lineage and verdict, as one
// document (`inventory --format json`, a stable contract, version 1). The CycloneDX ML-BOM is
// written from it. Pure: the scan report, the registry and the content digests in, data out.
import type { Registry } from '../registry/registry.js'
import type {
  Finding,
  RegisteredDataset,
  ResolvedDataset,
  ScanReport,
  ScanStats,
  UnregisteredDataset,
  Verdict
} from '../types.js'

/** What was inventoried: what one commit's tree holds, or every blob the history of revisions introduced. */
export type InventoryScope =
  { type: 'snapshot'; revision: string; commit: string | null } | { type: 'history'; revisions: string[] }

/** A blob's size and the SHA-256 of its content, when the content was read whole. */
export interface ContentDigest {
  size: number
  sha256: string | null
}

export interface InventoryModel {
  /** Unique in the inventory: `<path>[!<member>]@<blob>`. */
  ref: string
  path: string
  /** Path inside an archive; null for the blob itself. */
  member: string | null
  /** The git blob id: SHA-1 over git's `blob <size>\0` header and the content, not the content's SHA-1. */
  blob: string
  /** The commit that introduced the blob at `path`; provenance was read as of it. */
  commit: string
  /** The same bytes at other paths. */
  alsoAt: string[]
  format: string
  kind: Finding['kind']
  /** Bytes of the model: of the blob, or of the file a Git LFS pointer stands for. */
  size: number | null
  /** SHA-256 of the model's content: read whole (blobs up to the read cap), or a Git LFS pointer's oid. */
  sha256: string | null
  /** True when the repository holds a Git LFS pointer and the model lives on the LFS server. */
  lfs: boolean
  /** Vectors or records a k-NN or vector index stores, and their dimension, when detection reports them. */
  records: number | null
  dimension: number | null
  verdict: Verdict
  reasons: string[]
  /** Refs of `datasets[]` it was trained on (its own and, through lineage, its parents'). */
  datasets: string[]
  /** Provenance files meant for it that cannot be read: what they say is unknown (the verdict counts them). */
  unreadable: { file: string; line: number | null; problem: string }[]
  /** Refs of the models it was trained from (fine-tuned from): in `models[]` or `otherModels[]`. */
  parents: string[]
}

export interface InventoryDataset {
  /** `dataset:<id>` for a registered dataset, `dataset:<name>` for a name the registry does not know. */
  ref: string
  id: string
  registered: boolean
  /** The sensitivity label; null when the registry does not know the name. */
  label: string | null
  /** Whether the label blocks (`block: true` in the registry). */
  blocks: boolean
  aliases: string[]
  paths: string[]
  uris: string[]
  description: string | null
}

/** A parent model that is not inventoried itself: a registry model (a Hub id), a model folder, an older version of a file. */
export interface OtherModel {
  ref: string
  path: string
  blob: string | null
}

export interface Inventory {
  version: 1
  scope: InventoryScope
  /** The worst verdict of the models (`pass` when there are none). */
  verdict: Verdict
  models: InventoryModel[]
  datasets: InventoryDataset[]
  otherModels: OtherModel[]
  stats: ScanStats
}

export interface InventoryInput {
  report: ScanReport
  registry: Registry
  scope: InventoryScope
  /** Per blob id; blobs without one get size and sha256 null (unless a Git LFS pointer says). */
  digests?: Map<string, ContentDigest>
}

export function buildInventory({ report, registry, scope, digests = new Map() }: InventoryInput): Inventory {
  const models = report.findings.map((finding) => inventoryModel(finding, digests.get(finding.blob)))
  const known = new Set(models.map((model) => model.ref))
  const otherModels = new Map<string, OtherModel>()
  for (const finding of report.findings)
    for (const parent of finding.parents) {
      const ref = modelRef(parent.path, null, parent.blob)
      if (!known.has(ref)) otherModels.set(ref, { ref, path: parent.path, blob: parent.blob })
    }
  const datasets = new Map<string, InventoryDataset>()
  for (const finding of report.findings)
    for (const dataset of namedDatasets(finding)) datasets.set(datasetRef(dataset), inventoryDataset(dataset, registry))
  return {
    version: 1,
    scope,
    verdict: report.verdict,
    models: models.sort(byRef),
    datasets: [...datasets.values()].sort(byRef),
    otherModels: [...otherModels.values()].sort(byRef),
    stats: report.stats
  }
}

function inventoryModel(finding: Finding, digest: ContentDigest | undefined): InventoryModel {
  const lfs = lfsPointer(finding)
  return {
    ref: modelRef(finding.path, finding.member, finding.blob),
    path: finding.path,
    member: finding.member,
    blob: finding.blob,
    commit: finding.commit,
    alsoAt: finding.alsoAt.map((place) => place.path),
    format: finding.format,
    kind: finding.kind,
    size: lfs?.size ?? (finding.member === null ? (digest?.size ?? null) : null),
    sha256: lfs?.sha256 ?? (finding.member === null ? (digest?.sha256 ?? null) : null),
    lfs: lfs !== null,
    records: count(finding.detail.records),
    dimension: count(finding.detail.dimension),
    verdict: finding.verdict,
    reasons: finding.reasons,
    datasets: namedDatasets(finding).map(datasetRef),
    unreadable: finding.datasets.flatMap((d) =>
      d.status === 'unreadable' ? [{ file: d.file, line: d.line ?? null, problem: d.problem }] : []
    ),
    parents: finding.parents.map((parent) => modelRef(parent.path, null, parent.blob))
  }
}

export function modelRef(path: string, member: string | null, blob: string | null): string {
  return `${path}${member === null ? '' : `!${member}`}${blob ? `@${blob}` : ''}`
}

type NamedDataset = RegisteredDataset | UnregisteredDataset

/** The datasets a finding names; an unreadable provenance file is not one. */
function namedDatasets(finding: Finding): NamedDataset[] {
  return finding.datasets.filter((d: ResolvedDataset): d is NamedDataset => d.status !== 'unreadable')
}

function datasetRef(dataset: NamedDataset): string {
  return `dataset:${datasetId(dataset)}`
}

function datasetId(dataset: NamedDataset): string {
  return dataset.status === 'registered' ? dataset.id : dataset.name
}

function inventoryDataset(dataset: NamedDataset, registry: Registry): InventoryDataset {
  const registered = dataset.status === 'registered'
  const entry = registered ? registry.dataset(dataset.id) : undefined
  return {
    ref: datasetRef(dataset),
    id: datasetId(dataset),
    registered,
    label: registered ? dataset.label : null,
    blocks: registered && registry.blocks(dataset.label),
    aliases: entry?.aliases ?? [],
    paths: entry?.paths ?? [],
    uris: entry?.uris ?? [],
    description: entry?.description ?? null
  }
}

/**
 * A Git LFS pointer names the model's SHA-256 and size: the content that leaves through the LFS
 * server. Detection puts them in `detail` of a pointer it could not open, in `detail.lfs` of the
 * model it found in the locally stored object.
 */
function lfsPointer(finding: Finding): { sha256: string; size: number | null } | null {
  const nested = finding.detail.lfs
  const lfs = typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>) : null
  const pointer = lfs ?? (finding.format === 'lfs-pointer' ? finding.detail : null)
  const oid = pointer?.oid
  if (typeof oid !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(oid)) return null
  return { sha256: oid.slice('sha256:'.length), size: count(pointer?.size) }
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null
}

function byRef(a: { ref: string }, b: { ref: string }): number {
  return a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0
}

export function renderInventoryJson(inventory: Inventory): string {
  return JSON.stringify(inventory, null, 2) + '\n'
}
