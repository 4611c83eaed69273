// The machine-readable report (`--format json`): a stable contract, version 1.
import type { ScanReport } from '../types.js'

export function renderJson(report: ScanReport): string {
  const findings = report.findings.map(({ fix, detail, ...contract }) => ({ ...contract, fix, detail }))
  return JSON.stringify({ ...report, findings }, null, 2) + '\n'
}
