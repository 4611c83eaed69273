// The PR comment body: the same table as the summary, capped at GitHub's comment size, ending
// with a hidden marker by which the next run finds this comment and updates it in place.
import type { ScanReport } from '../types.js'
import { coverageMarkdown, findingsTable, verdictHeadline, type Mode } from './markdown.js'

export const COMMENT_MARKER = '<!-- model-leak-guard -->'
/** GitHub rejects comment bodies longer than this many characters. */
export const COMMENT_LIMIT = 65536
const FRAME_CHARS = 2048

export interface CommentContext {
  mode: Mode
  /** The head commit the comment speaks for. */
  head: string
}

export function renderPullRequestComment(report: ScanReport, context: CommentContext): string {
  const body = [
    '### model-leak-guard',
    verdictHeadline(report, context.mode),
    findingsTable(report.findings, COMMENT_LIMIT - FRAME_CHARS, (text) => text.length),
    `${coverageMarkdown(report)} <sub>at ${context.head.slice(0, 12)}</sub>`,
    COMMENT_MARKER
  ].join('\n\n')
  return body.length <= COMMENT_LIMIT
    ? body
    : `${body.slice(0, COMMENT_LIMIT - COMMENT_MARKER.length - 2)}\n\n${COMMENT_MARKER}`
}
