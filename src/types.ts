// The contracts between pipeline stages: range → detect → provenance → policy → report.
// Each stage depends only on this file and on the stages before it.

/**
 * What kind of thing an artifact is, by what it can leak: `knn-index` stores training records
 * verbatim; `data` is data rather than a model (a pickle of containers and arrays, a file under a
 * registered dataset's paths); `unknown` could not be inspected and is never passed silently.
 */
export const KINDS = ['weights', 'pickle', 'knn-index', 'data', 'unknown'] as const
export type Kind = (typeof KINDS)[number]

export type Verdict = 'pass' | 'warn' | 'block'

/** Repository visibilities a destination may have. */
export const VISIBILITIES = ['public', 'private', 'internal'] as const
export type Visibility = (typeof VISIBILITIES)[number]

/**
 * Where the scanned objects are going, as far as the caller knows: the remote URL (pre-push), the
 * repository's visibility (the Action). Labels' `allowed_destinations` are matched against it;
 * unknown (undefined, or both fields absent) never matches.
 */
export interface Destination {
  url?: string
  visibility?: Visibility
}

/** Where a scan runs, so its advice fits: what can still be undone differs before and after a push. */
export type RunsIn = 'cli' | 'pre-push' | 'pre-receive' | 'ci'

/**
 * How a Git LFS pointer whose object is not here is judged (registry `policy.lfs_absent`, used in
 * pre-receive and CI): `unknown` whatever its name, or `by-name` (an obvious non-model name passes).
 */
export const LFS_ABSENT_RULES = ['unknown', 'by-name'] as const
export type LfsAbsentRule = (typeof LFS_ABSENT_RULES)[number]

/** A blob that the push (or PR) would send, attributed to the first commit in the range that introduced it. */
export interface LeavingBlob {
  id: string
  path: string
  commit: string
  size: number
  /** The same bytes at other paths in the range (each judged too: provenance is by path). */
  alsoAt?: Place[]
  /** In the index and not committed yet (`scan --staged`): `commit` only stands for the index. */
  staged?: boolean
  /** A symlink (mode 120000) at every path it stands at: a link target is passed over, anything else judged like a file. */
  symlink?: boolean
  /** In a push's pack but reached by no pushed ref (pre-receive): no path, no commit; the server would still store it. */
  unreached?: boolean
}

/** One model artifact found in a blob (or in an archive member inside it). */
export interface Detection {
  /** Path inside an archive, `a.zip!inner.tar!x.pkl` style joined by '/'; null for the blob itself. */
  member: string | null
  format: string
  kind: Kind
  /** What the scanner saw: top-level class, globals, tensor count, index type, metadata, ... */
  detail: Record<string, unknown>
}

/** A detection tied to the blob it came from. */
export interface Artifact extends Detection {
  blob: LeavingBlob
}

export const PROVENANCE_SOURCES = ['registry', 'model-card', 'dvc', 'metadata', 'trailer', 'lineage'] as const
export type ProvenanceSourceName = (typeof PROVENANCE_SOURCES)[number]

/** Where a claim was read, for `explain`: a file (or `commit <sha>`), its line, and what it said. */
export interface Evidence {
  file: string
  line?: number
  note?: string
}

/**
 * What a provenance source says about an artifact's training data: a dataset named (an id, alias,
 * uri or free text, as written), or a provenance file meant for this artifact that cannot be read,
 * so what it says is unknown (judged like an unregistered dataset, never dropped).
 */
export type DatasetClaim = NamedDatasetClaim | UnreadableSourceClaim

export interface NamedDatasetClaim {
  type: 'dataset'
  name: string
  source: ProvenanceSourceName
  evidence?: Evidence
}

export interface UnreadableSourceClaim {
  type: 'unreadable'
  /** The file that cannot be read (`README.md`, `dvc.lock`, or `<source> source` when a source failed). */
  file: string
  line?: number
  /** Why it cannot be read. */
  problem: string
  source: ProvenanceSourceName
  evidence?: Evidence
}

/** A claim resolved against the registry: a registered dataset with its label, a name it does not know, or an unreadable source. */
export type ResolvedDataset = RegisteredDataset | UnregisteredDataset | UnreadableSource

export interface RegisteredDataset {
  status: 'registered'
  id: string
  label: string
  source: ProvenanceSourceName
}

export interface UnregisteredDataset {
  status: 'unregistered'
  name: string
  source: ProvenanceSourceName
}

export interface UnreadableSource {
  status: 'unreadable'
  file: string
  line?: number
  problem: string
  source: ProvenanceSourceName
}

/** A declared differential-privacy guarantee (registry `models[].privacy`, or a model card's `privacy:`). */
export interface PrivacyClaim {
  mechanism: string
  epsilon: number
  delta: number
  source: ProvenanceSourceName
  evidence?: Evidence
}

/** A path (and the commit that introduced it there) where a blob leaves. */
export interface Place {
  path: string
  commit: string
}

/** A model an artifact was trained from, as lineage resolved it: a path in the repository (with the blob read there) or a registry model name. */
export interface ParentModelRef {
  path: string
  /** The blob read at `path`; null for a model folder or a registry model. */
  blob: string | null
}

/** The verdict on one artifact: what it is, where it leaves, what it was trained on, and why it passes or not. */
export interface Finding {
  path: string
  member: string | null
  blob: string
  commit: string
  /** The same bytes at other paths in the range; the verdict heard what every one of them says. */
  alsoAt: Place[]
  format: string
  kind: Kind
  datasets: ResolvedDataset[]
  /** The models it was trained from (fine-tuned from), each once; their datasets are in `datasets`. */
  parents: ParentModelRef[]
  verdict: Verdict
  reasons: string[]
  /** What the user can do about it. */
  fix: string[]
  detail: Record<string, unknown>
  /** Staged, not committed (`scan --staged`); `commit` is '' then. */
  staged?: boolean
  /** Sent in a push's pack, reached by no pushed ref (pre-receive); `path` and `commit` are '' then. */
  unreached?: boolean
}

export interface ScanStats {
  commits: number
  blobs: number
  artifacts: number
  bytesRead: number
  ms: number
  /** Blobs whose paths the registry's `artifacts.exclude` globs skipped: counted, never hidden. */
  excluded: number
  /** Leaving blobs the repository lacks (partial clone, damaged store): each is also a `kind: unknown` finding. */
  missingBlobs: number
  /** Submodule commits the range records: another repository's content, not scanned, counted so it is never silent. */
  submodules: number
}

/** `warn` (registry `policy.mode`) reports every finding as it is and never fails: for rolling the gate out. */
export type Mode = 'enforce' | 'warn'

export interface ScanReport {
  version: 1
  verdict: Verdict
  mode: Mode
  findings: Finding[]
  /** Things to know that are not findings: stale waivers. */
  notices: string[]
  stats: ScanStats
}
