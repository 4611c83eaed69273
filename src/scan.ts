// The one engine every entry point (CLI, hooks, Action) calls:
// range → detect → provenance → policy → report data.
import { bytesWanted, detect, HEAD_BYTES, type DetectOptions } from './detect/index.js'
import { judge, worst } from './policy/verdict.js'
import { gatherClaims, resolveClaims, type ProvenanceContext } from './provenance/index.js'
import { listLeavingObjects } from './range/leaving.js'
import type { CatFileBatch, ObjectPrefix } from './range/cat-file.js'
import { GitRepository } from './range/git.js'
import type { Registry } from './registry/registry.js'
import type { Artifact, DatasetClaim, Finding, LeavingBlob, ScanReport } from './types.js'

export interface ScanRequest {
  /** Any directory inside the repository. */
  repoDir: string
  /** Revisions as `git rev-list` takes them: `main..feature`, `A ^B`, `X --not --remotes`. */
  revisions: string[]
  registry: Registry
}

/** Blobs requested at once through cat-file: enough to keep the pipe busy. */
const READ_WINDOW = 32
/** What each blob of a window may keep; one that needs more is read again alone, so memory stays bounded. */
const WINDOW_KEEP = 1024 * 1024

export async function scan(request: ScanRequest): Promise<ScanReport> {
  const started = Date.now()
  const git = await GitRepository.open(request.repoDir)
  try {
    git.catFile() // start the reader now: its process starts while rev-list and log run
    const leaving = await listLeavingObjects(git, request.revisions)
    const inspected = leaving.blobs.flatMap((blob) => withoutExcludedPaths(blob, request.registry) ?? [])
    const artifacts = await detectArtifacts(git, inspected, request.registry)
    const context = provenanceContext(git, request.registry)
    const findings: Finding[] = []
    for (const artifact of artifacts) {
      const { claims: _claims, ...finding } = await judgeArtifact(artifact, context)
      findings.push(finding)
    }
    return {
      version: 1,
      verdict: worst(findings.map((f) => f.verdict)),
      findings,
      stats: {
        commits: leaving.commits.length,
        blobs: leaving.blobs.length,
        artifacts: artifacts.length,
        bytesRead: git.catFile().bytesKept,
        ms: Date.now() - started,
        excluded: leaving.blobs.length - inspected.length
      }
    }
  } finally {
    await git.close()
  }
}

export async function detectArtifacts(
  git: GitRepository,
  blobs: LeavingBlob[],
  registry: Registry
): Promise<Artifact[]> {
  const batch = git.catFile()
  const artifacts: Artifact[] = []
  const options = detectOptions(registry)
  for (let start = 0; start < blobs.length; start += READ_WINDOW) {
    const window = blobs.slice(start, start + READ_WINDOW)
    const wanted: number[] = []
    const reads = window.map((blob, i) =>
      batch.read(blob.id, HEAD_BYTES, (head, size) => {
        wanted[i] = bytesWanted(head, size, blob.path)
        return Math.min(wanted[i], WINDOW_KEEP)
      })
    )
    for (const [i, read] of reads.entries()) {
      const content = await readWhatDetectionWants(batch, window[i].id, await read, wanted[i])
      artifacts.push(...(await detectBlob(window[i], content, options)))
    }
  }
  return artifacts
}

function detectOptions(registry: Registry): DetectOptions {
  return { includedByName: (path) => registry.isIncluded(path) }
}

/** A blob that wanted more than its window share is read again, alone, up to what detection asked. */
async function readWhatDetectionWants(
  batch: CatFileBatch,
  id: string,
  first: ObjectPrefix | null,
  wanted: number
): Promise<ObjectPrefix | null> {
  if (!first || first.bytes.length >= Math.min(wanted, first.size)) return first
  return batch.read(id, HEAD_BYTES, () => wanted)
}

/** Detections for one blob; when its content says nothing, each of its other names gets a say. */
async function detectBlob(
  blob: LeavingBlob,
  content: ObjectPrefix | null,
  options: DetectOptions
): Promise<Artifact[]> {
  if (!content)
    return [
      { member: null, format: 'unknown', kind: 'unknown', detail: { reason: 'git could not read this blob' }, blob }
    ]
  const sized = { ...blob, size: content.size }
  for (const path of [blob.path, ...(blob.alsoAt ?? []).map((place) => place.path)]) {
    const detections = await detect({ path, size: content.size, bytes: content.bytes }, options)
    if (detections.length > 0) return detections.map((detection) => ({ ...detection, blob: sized }))
  }
  return []
}

export function provenanceContext(git: GitRepository, registry: Registry): ProvenanceContext {
  return {
    registry,
    async readFile(commit, path, maxBytes = HEAD_BYTES) {
      return (await git.readAt(commit, path, maxBytes))?.bytes ?? null
    },
    commitMessage: (commit) => git.commitMessage(commit),
    async artifactsAt(commit, path) {
      // One read: the header names the blob, the prefix is what detection asks for.
      const object = await git
        .catFile()
        .read(`${commit}:${path}`, HEAD_BYTES, (head, size) => bytesWanted(head, size, path))
      if (!object || object.type !== 'blob') return null
      return detectBlob({ id: object.id, path, commit, size: object.size }, object, detectOptions(registry))
    },
    async isDirectory(commit, path) {
      return (await git.objectInfo(`${commit}:${path}`))?.type === 'tree'
    },
    lastChange: (commit, path) => git.lastChange(commit, path)
  }
}

/** Provenance and verdict for one artifact; `explain` shows the claims behind the finding. */
export async function judgeArtifact(
  artifact: Artifact,
  context: ProvenanceContext
): Promise<Finding & { claims: DatasetClaim[] }> {
  return findingFrom(artifact, await claimsAtEveryPath(artifact, context), context.registry)
}

/** The finding for an artifact whose claims are gathered: datasets resolved, the policy applied. */
export function findingFrom(
  artifact: Artifact,
  claims: DatasetClaim[],
  registry: Registry
): Finding & { claims: DatasetClaim[] } {
  const datasets = resolveClaims(claims, registry)
  const judgement = judge(artifact, datasets, registry)
  return {
    path: artifact.blob.path,
    member: artifact.member,
    blob: artifact.blob.id,
    commit: artifact.blob.commit,
    format: artifact.format,
    kind: artifact.kind,
    datasets,
    ...judgement,
    detail: artifact.blob.alsoAt
      ? { ...artifact.detail, alsoAt: artifact.blob.alsoAt.map((p) => p.path) }
      : artifact.detail,
    claims
  }
}

/** The union of what every path of the same bytes says: a model must not pass under its most harmless name. */
async function claimsAtEveryPath(artifact: Artifact, context: ProvenanceContext): Promise<DatasetClaim[]> {
  const places = [artifact.blob, ...(artifact.blob.alsoAt ?? []).map((place) => ({ ...artifact.blob, ...place }))]
  const perPlace = await Promise.all(places.map((blob) => gatherClaims({ ...artifact, blob }, context)))
  return perPlace.flat()
}

/** Drops the paths `artifacts.exclude` covers; a blob leaves the scan only when every path of it is excluded. */
function withoutExcludedPaths(blob: LeavingBlob, registry: Registry): LeavingBlob | null {
  const places = [{ path: blob.path, commit: blob.commit }, ...(blob.alsoAt ?? [])].filter(
    (p) => !registry.isExcluded(p.path)
  )
  if (places.length === 0) return null
  const [first, ...rest] = places
  return { ...blob, ...first, alsoAt: rest.length > 0 ? rest : undefined }
}
