// The job summary: headline, what range was scanned, the findings table, the coverage line.
// GitHub takes at most 1 MiB per step summary, so the table is cut to fit and says so.
import type { ScanReport } from '../types.js'
import { coverageMarkdown, escapeInline, findingsTable, verdictHeadline, type Mode } from './markdown.js'

/** GitHub's limit for one step's summary, in bytes. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024
/** Kept free for the headline, range and coverage lines around the table. */
const FRAME_BYTES = 4 * 1024

export interface SummaryContext {
  mode: Mode
  /** What was scanned, e.g. "pull_request: abc123..def456". */
  range: string
}

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8')

export function renderSummary(report: ScanReport, context: SummaryContext): string {
  return (
    [
      '## model-leak-guard',
      verdictHeadline(report, context.mode),
      `Range: ${escapeInline(context.range)}`,
      findingsTable(report.findings, SUMMARY_LIMIT_BYTES - FRAME_BYTES, byteLength),
      coverageMarkdown(report)
    ].join('\n\n') + '\n'
  )
}

/** When the scan could not run: the reason, so the failed check explains itself. */
export function renderFailureSummary(message: string): string {
  const shown = message.length > 64 * 1024 ? `${message.slice(0, 64 * 1024)}…` : message
  return (
    ['## model-leak-guard', '**❌ error**: the scan did not run.', '```text', shown.replace(/```/g, "'''"), '```'].join(
      '\n\n'
    ) + '\n'
  )
}
