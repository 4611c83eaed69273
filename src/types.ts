// The contracts between pipeline stages: range → detect → provenance → policy → report.
// Each stage depends only on this file and on the stages before it.

/**
 * What kind of thing an artifact is, by what it can leak: `knn-index` stores training records
 * verbatim; `data` is data rather than a model (a pickle of containers and arrays, a file under a
 * registered dataset's paths); `unknown` could not be inspected and is never passed silently.
 */
export type Kind = 'weights' | 'pickle' | 'knn-index' | 'data' | 'unknown'

export type Verdict = 'pass' | 'warn' | 'block'

/** A blob that the push (or PR) would send, attributed to the first commit in the range that introduced it. */
export interface LeavingBlob {
  id: string
  path: string
  commit: string
  size: number
  /** The same bytes at other paths in the range (each judged too: provenance is by path). */
  alsoAt?: { path: string; commit: string }[]
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

export type ProvenanceSourceName = 'registry' | 'model-card' | 'dvc' | 'metadata' | 'trailer' | 'lineage'

/** A claim that an artifact was trained on a dataset (a name as written: id, alias, uri or free text). */
export interface DatasetClaim {
  name: string
  source: ProvenanceSourceName
  /** Where the claim was read, for `explain`. */
  evidence?: { file: string; line?: number; note?: string }
}

/** A claim resolved against the registry. `label` is null for names the registry does not know. */
export interface ResolvedDataset {
  id: string
  label: string | null
  source: ProvenanceSourceName
  registered: boolean
}

export interface Finding {
  path: string
  member: string | null
  blob: string
  commit: string
  format: string
  kind: Kind
  datasets: ResolvedDataset[]
  verdict: Verdict
  reasons: string[]
  /** What the user can do about it. Not part of the JSON contract's required keys. */
  fix: string[]
  detail: Record<string, unknown>
}

export interface ScanStats {
  commits: number
  blobs: number
  artifacts: number
  bytesRead: number
  ms: number
  /** Blobs whose paths the registry's `artifacts.exclude` globs skipped: counted, never hidden. */
  excluded: number
}

export interface ScanReport {
  version: 1
  verdict: Verdict
  findings: Finding[]
  stats: ScanStats
}
