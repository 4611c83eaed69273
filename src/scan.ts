// The one engine every entry point (CLI, hooks, Action) calls:
// range → detect → provenance → policy → report data.
import { detect, HEAD_BYTES, type DetectOptions } from './detect/index.js'
import { lfsAbsentRule } from './detect/lfs.js'
import {
  datasetFiles,
  judgeArtifact,
  placesOf,
  withoutExcludedPaths,
  type JudgedArtifact,
  type Judging
} from './judge.js'
import { staleWaivers } from './policy/exceptions.js'
import { worst } from './policy/verdict.js'
import type { ProvenanceContext } from './provenance/index.js'
import { hasNegativeSide, listLeavingObjects, type LeavingSet, type OnIntroduced } from './range/leaving.js'
import type { ObjectPrefix } from './range/cat-file.js'
import { BlobReader, readForDetection } from './read-loop.js'
import { GitRepository } from './range/git.js'
import { localLfsObjects } from './range/lfs-store.js'
import type { Registry } from './registry/registry.js'
import type { Artifact, Destination, Detection, LeavingBlob, RunsIn, ScanReport } from './types.js'

export interface ScanRequest {
  /** Any directory inside the repository. */
  repoDir: string
  /** Revisions as `git rev-list` takes them: `main..feature`, `A ^B`, `X --not --remotes`. */
  revisions: string[]
  /** The trusted registry (with the baseline read beside it): it judges, and its waivers count. */
  registry: Registry
  /** Where the objects go, for labels' `allowed_destinations`; omitted when not known. */
  destination?: Destination
  /** Where the scan runs, so advice fits (default `cli`). */
  runsIn?: RunsIn
  /** Today as YYYY-MM-DD (UTC) for waivers; default the current date. */
  today?: string
  /** An already open repository (the pre-push hook asked it about the range first); the caller closes it. */
  git?: GitRepository
  /**
   * Which blobs to inspect; default: what a push of `revisions` would send. `inventory` gives a tree's blobs,
   * `scan --staged` the index's, pre-receive the range's and its quarantine's. `onIntroduced` may be told of each blob as soon as it is named.
   */
  objects?: (git: GitRepository, onIntroduced: OnIntroduced) => Promise<LeavingSet>
}

export async function scan(request: ScanRequest): Promise<ScanReport> {
  const started = Date.now()
  const git = request.git ?? (await GitRepository.open(request.repoDir))
  try {
    const { registry } = request
    const options = detectOptions(registry, git, request.runsIn ?? 'cli')
    // Blobs are read and detected while git log still streams the range (a path under artifacts.exclude waits).
    git.catFile() // started now, while git log walks: the first looks or provenance read through it
    // A walk of whole histories streams many blobs; a range that excludes something is usually a push's few.
    const many = !request.objects && !hasNegativeSide(request.revisions)
    const firstLooks = new BlobReader(git, (blob, content) => firstLook(blob, content, options), many)
    const look = (blob: LeavingBlob) => (registry.isExcluded(blob.path) ? undefined : firstLooks.add(blob))
    const leaving = request.objects
      ? await request.objects(git, look)
      : await listLeavingObjects(git, request.revisions, look)
    await firstLooks.finish()
    const judging = judgingFor(git, request)
    const { judged, inspected } = await judgeBlobs(git, leaving.blobs, judging, leaving.missing, firstLooks.results)
    const findings = judged.map((j) => j.finding)
    return {
      version: 1,
      verdict: worst(findings.map((f) => f.verdict)),
      mode: request.registry.policy.mode,
      findings,
      notices: staleWaivers(request.registry.waivers, findings),
      stats: {
        commits: leaving.commits.length,
        blobs: leaving.blobs.length,
        artifacts: findings.length,
        bytesRead: git.bytesRead(),
        ms: Date.now() - started,
        excluded: leaving.blobs.length - inspected,
        missingBlobs: leaving.missing.size,
        submodules: leaving.submodules
      }
    }
  } finally {
    if (!request.git) await git.close()
  }
}

/** What detection said of a blob under the path it was first named at, while the range still streamed. */
export interface FirstLook {
  path: string
  size: number
  detections: Detection[]
  /** Looked at as a symlink's blob; a later file path of the same bytes clears that (blob-places.ts). */
  symlink: boolean
}

/**
 * What happens to each leaving blob, in `scan` and in `explain` alike: paths under
 * `artifacts.exclude` are dropped, the rest is detected (and, when not a model, checked against
 * the datasets' `paths`), and every artifact judged. `inspected` counts the blobs left after exclusion.
 */
export async function judgeBlobs(
  git: GitRepository,
  blobs: LeavingBlob[],
  judging: Judging,
  missing: ReadonlySet<string> = new Set(),
  looks: ReadonlyMap<string, FirstLook | null> = new Map()
): Promise<{ judged: JudgedArtifact[]; inspected: number }> {
  const { registry } = judging.policy
  const inspected = blobs.flatMap((blob) => withoutExcludedPaths(blob, registry) ?? [])
  const detected = await detectArtifacts(git, inspected, judging.policy, missing, looks)
  const judged: JudgedArtifact[] = []
  for (const artifact of [...detected, ...datasetFiles(inspected, detected, registry)])
    judged.push(await judgeArtifact(artifact, judging))
  return { judged, inspected: inspected.length }
}

/** Provenance through this repository, the policy as the request says. */
export function judgingFor(git: GitRepository, request: Omit<ScanRequest, 'repoDir' | 'revisions'>): Judging {
  return {
    provenance: provenanceContext(git, request.registry, request.runsIn),
    policy: {
      registry: request.registry,
      destination: request.destination,
      runsIn: request.runsIn ?? 'cli',
      today: request.today ?? new Date().toISOString().slice(0, 10)
    }
  }
}

/**
 * The artifacts of each blob, in order. A first look under the blob's reported path decides it,
 * unless it found nothing and other paths may still (or the blob was first named under an excluded
 * path): those are read again, pipelined, and every path gets its say. A blob the repository lacks
 * is never asked for (in a partial clone git would try to fetch it).
 */
async function detectArtifacts(
  git: GitRepository,
  blobs: LeavingBlob[],
  { registry, runsIn }: Judging['policy'],
  missing: ReadonlySet<string>,
  looks: ReadonlyMap<string, FirstLook | null>
): Promise<Artifact[]> {
  const options = detectOptions(registry, git, runsIn)
  const again = new BlobReader(git, (blob, content) => detectBlob(blob, content, options))
  const decided = blobs.map((blob) => {
    const known = missing.has(blob.id) ? [missingArtifact(blob)] : fromFirstLook(blob, looks.get(blob.id))
    if (!known) void again.add(blob)
    return known
  })
  await again.finish()
  return decided.flatMap((known, i) => known ?? again.results.get(blobs[i].id) ?? [])
}

async function firstLook(
  blob: LeavingBlob,
  content: ObjectPrefix | null,
  options: DetectOptions
): Promise<FirstLook | null> {
  if (!content) return null
  const detections = await detectAt(blob, blob.path, content, options)
  return { path: blob.path, size: content.size, detections, symlink: Boolean(blob.symlink) }
}

/** The artifacts a first look settles; null when the blob must be read again. */
function fromFirstLook(blob: LeavingBlob, look: FirstLook | null | undefined): Artifact[] | null {
  if (look === undefined) return null
  if (look === null) return [missingArtifact(blob)]
  const sameLook = look.path === blob.path && look.symlink === Boolean(blob.symlink)
  if (!sameLook || (look.detections.length === 0 && blob.alsoAt)) return null
  return look.detections.map((detection) => ({ ...detection, blob: { ...blob, size: look.size } }))
}

function missingArtifact(blob: LeavingBlob): Artifact {
  return { member: null, format: 'unknown', kind: 'unknown', detail: { reason: MISSING_BLOB }, blob }
}

/** What detection asks the registry and the repository; `runsIn` decides how an absent LFS object is judged. */
function detectOptions(registry: Registry, git: GitRepository, runsIn: RunsIn): DetectOptions {
  const lfs = localLfsObjects(git)
  return {
    includedByName: (path) => registry.isIncluded(path),
    declaredModel: (path) => registry.modelsFor(path).length > 0,
    lfsObject: (oid, size, keep, keepTail) => lfs.read(oid, size, HEAD_BYTES, keep, keepTail),
    lfsAbsent: lfsAbsentRule(runsIn, registry.policy.lfs_absent)
  }
}

const MISSING_BLOB =
  'git cannot read this blob: it is missing from this repository (a partial clone, or a damaged object store), so its content was not inspected'

/** Detections for one blob; when its content says nothing, each of its other names gets a say. */
async function detectBlob(
  blob: LeavingBlob,
  content: ObjectPrefix | null,
  options: DetectOptions
): Promise<Artifact[]> {
  if (!content) return [missingArtifact(blob)]
  const sized = { ...blob, size: content.size }
  for (const { path } of placesOf(blob)) {
    const detections = await detectAt(blob, path, content, options)
    if (detections.length > 0) return detections.map((detection) => ({ ...detection, blob: sized }))
  }
  return []
}

/**
 * What detection says of a blob's bytes under one of its paths. A blob committed as a symlink is
 * judged like any blob, but when it holds a real link target, a model name names the target, not these bytes.
 */
async function detectAt(
  blob: LeavingBlob,
  path: string,
  content: ObjectPrefix,
  options: DetectOptions
): Promise<Detection[]> {
  const detections = await detect({ path, size: content.size, bytes: content.bytes, tail: content.tail }, options)
  if (!blob.symlink || !isLinkTarget(content)) return detections
  return detections.filter((detection) => detection.detail.detectedBy !== 'name')
}

/** What a real symlink holds: one short line of text, a path; a model name on it names the target, not these bytes. */
function isLinkTarget(content: ObjectPrefix): boolean {
  const LINK_MAX = 4096 // PATH_MAX: a longer target is no path a system can follow
  if (content.size > LINK_MAX || content.bytes.length < content.size) return false
  return !content.bytes.includes(0) && !content.bytes.includes(0x0a) && content.size > 0
}

export function provenanceContext(git: GitRepository, registry: Registry, runsIn: RunsIn = 'cli'): ProvenanceContext {
  const options = detectOptions(registry, git, runsIn)
  return {
    registry,
    async readFile(commit, path, maxBytes = HEAD_BYTES) {
      return (await git.readAt(commit, path, maxBytes))?.bytes ?? null
    },
    commitMessage: (commit) => git.commitMessage(commit),
    async artifactsAt(commit, path) {
      // One read (two when a zip's directory wants more of the tail): the header names the blob.
      const object = await readForDetection(git.catFile(), `${commit}:${path}`, path)
      if (!object || object.type !== 'blob') return null
      return detectBlob({ id: object.id, path, commit, size: object.size }, object, options)
    },
    async isDirectory(commit, path) {
      return (await git.objectInfo(`${commit}:${path}`))?.type === 'tree'
    },
    lastChange: (commit, path) => git.lastChange(commit, path)
  }
}
