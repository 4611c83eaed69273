// The machine-readable report (`--format json`): a stable contract, version 1. The findings are
// mapped key by key, so the contract changes only here and only by addition.
import type { Finding, ParentModelRef, ResolvedDataset, ScanReport } from '../types.js'

/** A dataset as the contract shows it: `id`, `label`, `source`, `registered`, plus `status` (and `file`, `line` when unreadable). */
export interface JsonDataset {
  id: string
  label: string | null
  source: string
  registered: boolean
  status: ResolvedDataset['status']
  file?: string
  line?: number
}

/** A finding as the contract shows it. */
export interface JsonFinding {
  path: string
  member: string | null
  blob: string
  commit: string
  format: string
  kind: Finding['kind']
  datasets: JsonDataset[]
  /** The models it was trained from: a repository path with the blob read there, or a registry model (blob null). */
  parents: ParentModelRef[]
  verdict: Finding['verdict']
  reasons: string[]
  fix: string[]
  detail: Record<string, unknown>
  /** Present (true) for a file in the index that is not committed yet (`scan --staged`); `commit` is '' then. */
  staged?: true
}

export interface JsonReport extends Omit<ScanReport, 'findings'> {
  /** Additions to version 1: `mode` (enforce | warn) and `notices` (stale waivers). */
  findings: JsonFinding[]
}

export function jsonReport(report: ScanReport): JsonReport {
  return { ...report, findings: report.findings.map(jsonFinding) }
}

export function renderJson(report: ScanReport): string {
  return JSON.stringify(jsonReport(report), null, 2) + '\n'
}

function jsonFinding(finding: Finding): JsonFinding {
  const alsoAt = finding.alsoAt.map((place) => place.path)
  return {
    path: finding.path,
    member: finding.member,
    blob: finding.blob,
    commit: finding.commit,
    format: finding.format,
    kind: finding.kind,
    datasets: finding.datasets.map(jsonDataset),
    parents: finding.parents,
    verdict: finding.verdict,
    reasons: finding.reasons,
    fix: finding.fix,
    detail: alsoAt.length > 0 ? { ...finding.detail, alsoAt } : finding.detail,
    ...(finding.staged ? { staged: true as const } : {})
  }
}

export function jsonDataset(dataset: ResolvedDataset): JsonDataset {
  const { source, status } = dataset
  if (status === 'registered') return { id: dataset.id, label: dataset.label, source, registered: true, status }
  if (status === 'unregistered') return { id: dataset.name, label: null, source, registered: false, status }
  // `id` keeps the form the contract has always had for an unreadable source.
  const unreadable = { id: `unreadable: ${dataset.file}`, label: null, source, registered: false, status }
  return { ...unreadable, file: dataset.file, ...(dataset.line ? { line: dataset.line } : {}) }
}
