// One artifact judged, the same way in `scan`, `explain` and the inventory: provenance read at
// every path of its bytes (a model must not pass under its most harmless name), the datasets
// resolved, the datasets whose paths hold it, the declared privacy, then the policy.
import { judge, type PolicyContext } from './policy/verdict.js'
import { consultSources, resolveClaims, type ProvenanceContext, type SourceReport } from './provenance/index.js'
import type { Registry } from './registry/registry.js'
import type { Artifact, Finding, LeavingBlob, ParentModelRef, Place, RegisteredDataset } from './types.js'

/** What judging reads through (provenance) and weighs against (the policy); one registry for both. */
export interface Judging {
  provenance: ProvenanceContext
  policy: PolicyContext
}

/** One artifact judged: the finding, and what every provenance source said at each path of its bytes (explain prints it). */
export interface JudgedArtifact {
  finding: Finding
  provenance: { place: Place; reports: SourceReport[] }[]
}

/** The format of a finding for a file that is not a model but lies under a blocking dataset's `paths`. */
export const DATASET_FILE_FORMAT = 'dataset-file'

export async function judgeArtifact(artifact: Artifact, judging: Judging): Promise<JudgedArtifact> {
  if (artifact.format === DATASET_FILE_FORMAT) return { finding: findingFrom(artifact, [], judging), provenance: [] }
  const context = artifact.blob.unreached ? treeless(judging.provenance) : judging.provenance
  const provenance = await Promise.all(
    placesOf(artifact.blob).map(async (place) => ({
      place,
      reports: await consultSources({ ...artifact, blob: { ...artifact.blob, ...place } }, context)
    }))
  )
  return {
    finding: findingFrom(
      artifact,
      provenance.flatMap((atPlace) => atPlace.reports),
      judging
    ),
    provenance
  }
}

/**
 * A blob no pushed ref reaches stands in no tree and no commit: nothing beside it is read (an
 * empty commit would name the index of a non-bare server), only its own bytes and the registry speak.
 */
function treeless(context: ProvenanceContext): ProvenanceContext {
  const nothing = async (): Promise<null> => null
  return {
    ...context,
    readFile: nothing,
    artifactsAt: nothing,
    lastChange: nothing,
    commitMessage: async () => '',
    isDirectory: async () => false
  }
}

/** The finding for an artifact whose sources were consulted: datasets resolved, parents listed, the policy applied. */
function findingFrom(artifact: Artifact, reports: SourceReport[], judging: Judging): Finding {
  const { registry } = judging.policy
  const trainedOn = resolveClaims(
    reports.flatMap((report) => report.claims),
    registry
  )
  const privacy = reports.flatMap((report) => report.privacy ?? [])
  const holds = datasetsHolding(artifact.blob, registry)
  const listed = new Set(trainedOn.flatMap((d) => (d.status === 'registered' ? [d.id] : [])))
  return {
    path: artifact.blob.path,
    member: artifact.member,
    blob: artifact.blob.id,
    commit: artifact.blob.staged ? '' : artifact.blob.commit,
    ...(artifact.blob.staged ? { staged: true } : {}),
    ...(artifact.blob.unreached ? { unreached: true } : {}),
    alsoAt: artifact.blob.alsoAt ?? [],
    format: artifact.format,
    kind: artifact.kind,
    datasets: [...trainedOn, ...holds.filter((d) => !listed.has(d.id))],
    parents: distinctParents(reports.flatMap((report) => report.resolvedParents ?? [])),
    ...judge(artifact, { datasets: trainedOn, holds, privacy }, judging.policy),
    detail: artifact.detail
  }
}

/** A parent named at two paths of the same bytes, or by two sources, is listed once. */
function distinctParents(parents: ParentModelRef[]): ParentModelRef[] {
  return [...new Map(parents.map((parent) => [`${parent.path}\0${parent.blob ?? ''}`, parent])).values()]
}

/** The datasets whose `paths` globs hold any path of these bytes: the file is their data. */
function datasetsHolding(blob: LeavingBlob, registry: Registry): RegisteredDataset[] {
  const ids = new Set(placesOf(blob).flatMap((place) => registry.datasetsByPath(place.path).map((d) => d.id)))
  return registry.data.datasets
    .filter((d) => ids.has(d.id))
    .map((d) => ({ status: 'registered', id: d.id, label: d.label, source: 'registry' }))
}

/**
 * Blobs detection found nothing in that lie under the `paths` of a dataset whose label blocks
 * its data: the raw records leaving, each a `kind: data` artifact judged by that label.
 */
export function datasetFiles(blobs: LeavingBlob[], detected: Artifact[], registry: Registry): Artifact[] {
  const withArtifacts = new Set(detected.map((a) => a.blob.id))
  return blobs.flatMap((blob) => {
    if (withArtifacts.has(blob.id)) return []
    const ids = datasetsHolding(blob, registry)
      .filter((d) => registry.blocksKind(d.label, 'data'))
      .map((d) => d.id)
    return ids.length
      ? [{ member: null, format: DATASET_FILE_FORMAT, kind: 'data', detail: { datasets: ids }, blob }]
      : []
  })
}

/** Every path a blob leaves at, the one it is reported at first. */
export function placesOf(blob: LeavingBlob): Place[] {
  return [{ path: blob.path, commit: blob.commit }, ...(blob.alsoAt ?? [])]
}

/** Drops the paths `artifacts.exclude` covers; a blob leaves the scan only when every path of it is excluded. */
export function withoutExcludedPaths(blob: LeavingBlob, registry: Registry): LeavingBlob | null {
  const places = placesOf(blob).filter((p) => !registry.isExcluded(p.path))
  if (places.length === 0) return null
  const [first, ...rest] = places
  return { ...blob, ...first, alsoAt: rest.length > 0 ? rest : undefined }
}
