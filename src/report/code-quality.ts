// GitLab Code Quality (a subset of the Code Climate issue format): what a merge request's Code
// Quality widget shows, from `artifacts: reports: codequality:`. One issue per finding, at the
// artifact's path; the fingerprint is the path and the bytes, so GitLab tells new from unchanged.
import { createHash } from 'node:crypto'
import type { Finding, ScanReport, Verdict } from '../types.js'
import { datasetText } from './datasets.js'
import { ruleId } from './sarif.js'

type Severity = 'info' | 'minor' | 'major' | 'critical' | 'blocker'

const SEVERITY: Record<Verdict, Severity> = { block: 'blocker', warn: 'minor', pass: 'info' }

export function renderCodeQuality(report: ScanReport): string {
  return JSON.stringify(report.findings.map(codeQualityIssue), null, 2) + '\n'
}

function codeQualityIssue(finding: Finding): Record<string, unknown> {
  const where = finding.member ? `${finding.path} (archive member ${finding.member})` : finding.path
  const datasets = finding.datasets.map(datasetText).join(', ') || 'none known'
  const fix = finding.fix.length > 0 ? ` Fix: ${finding.fix.join('; ')}.` : ''
  return {
    type: 'issue',
    check_name: ruleId(finding.kind),
    description: `${finding.verdict.toUpperCase()}: ${finding.format} ${finding.kind} at ${where}, trained on ${datasets}: ${finding.reasons.join('; ')}.${fix}`,
    categories: ['Security'],
    severity: SEVERITY[finding.verdict],
    fingerprint: createHash('sha256')
      .update(`${finding.path}\0${finding.blob}\0${finding.member ?? ''}`)
      .digest('hex'),
    location: { path: finding.path, lines: { begin: 1 } }
  }
}
