// Markdown pieces shared by the job summary and the PR comment: a headline, a findings table
// that fits a size budget (most severe rows first, the rest counted), and the coverage line.
import { severity } from '../policy/verdict.js'
import type { Finding, Mode, ScanReport, Verdict } from '../types.js'
import { datasetText } from './datasets.js'
import { coverageLine } from './text.js'

export type { Mode } from '../types.js'

const VERDICT_LABEL: Record<Verdict, string> = { block: '⛔ block', warn: '⚠️ warn', pass: '✅ pass' }
const TABLE_HEADER = [
  '| Verdict | Artifact | Format | Trained on | Commit | Why |',
  '| --- | --- | --- | --- | --- | --- |'
]
/** Room kept for the "left out" line so that adding it never breaks the budget. */
const LEFT_OUT_RESERVE = 300

export function verdictHeadline(report: ScanReport, mode: Mode): string {
  if (report.verdict !== 'block') return `**${VERDICT_LABEL[report.verdict]}**`
  const consequence = mode === 'warn' ? 'reported as a warning (mode: warn)' : 'the check fails'
  return `**${VERDICT_LABEL.block}**: a model trained on sensitive or unknown data would leave; ${consequence}`
}

export function coverageMarkdown(report: ScanReport): string {
  return `<sub>${escapeInline(coverageLine(report.stats))}</sub>`
}

/**
 * The findings as a table no larger than `budget` (as `measure` counts it), block rows first;
 * rows that do not fit are counted in a closing line that points at the full reports.
 */
export function findingsTable(findings: Finding[], budget: number, measure: (text: string) => number): string {
  if (findings.length === 0) return 'No model artifact leaves in this range.'
  const lines = [...TABLE_HEADER]
  let used = measure(lines.join('\n')) + LEFT_OUT_RESERVE
  for (const finding of bySeverity(findings)) {
    const row = findingRow(finding)
    used += measure(row) + 1
    if (used > budget) break
    lines.push(row)
  }
  const leftOut = findings.length - (lines.length - TABLE_HEADER.length)
  if (leftOut > 0)
    lines.push(
      '',
      `…and ${leftOut} more finding(s) left out to stay within GitHub's size limit: see the JSON report or the SARIF file.`
    )
  return lines.join('\n')
}

function bySeverity(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => severity(b.verdict) - severity(a.verdict))
}

function findingRow(finding: Finding): string {
  const artifact = finding.member ? `${code(finding.path)} → ${code(finding.member)}` : code(finding.path)
  const datasets = finding.datasets.length ? finding.datasets.map(datasetText).join(', ') : 'unknown'
  const cells = [
    VERDICT_LABEL[finding.verdict],
    artifact,
    `${finding.format} (${finding.kind})`,
    escapeInline(datasets),
    code(finding.commit.slice(0, 12)),
    escapeInline(finding.reasons.join('; '))
  ]
  return `| ${cells.join(' | ')} |`
}

/** Inline code that survives any path: backticks and table pipes cannot close it early. */
function code(text: string): string {
  const safe = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|')
  const fence = safe.includes('`') ? '``' : '`'
  return `${fence}${fence.length > 1 ? ' ' : ''}${safe}${fence.length > 1 ? ' ' : ''}${fence}`
}

/**
 * Text in a table cell or HTML tag: no newlines, pipes, or markup. A pushed file chooses some of it
 * (dataset names in a model card): no @mention that pings a team, no link or image it points at.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;')
    .replace(/[[\]]/g, (bracket) => `\\${bracket}`)
    .replace(/\|/g, '\\|')
}
