// One annotation per finding, on the artifact's path: what it is, why it matters, what to do.
// GitHub shows only the first few per step, so the list is capped and the rest counted.
import type { Finding, ScanReport, Verdict } from '../types.js'
import type { Mode } from './markdown.js'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

export interface Annotation {
  level: AnnotationLevel
  title: string
  message: string
  /** Repository path of the artifact; absent when git could not name one. */
  file?: string
}

export const ANNOTATION_CAP = 50

const LEVEL: Record<Verdict, AnnotationLevel> = { block: 'error', warn: 'warning', pass: 'notice' }

export function annotationsFor(report: ScanReport, mode: Mode): Annotation[] {
  const shown = report.findings.slice(0, ANNOTATION_CAP).map((finding) => annotationFor(finding, mode))
  const leftOut = report.findings.length - shown.length
  if (leftOut > 0) {
    shown.push({
      level: 'notice',
      title: 'model-leak-guard',
      message: `${leftOut} more finding(s) not annotated: see the job summary and the JSON report`
    })
  }
  return shown
}

function annotationFor(finding: Finding, mode: Mode): Annotation {
  const level = mode === 'warn' && finding.verdict === 'block' ? 'warning' : LEVEL[finding.verdict]
  const inside = finding.member ? ` (member ${finding.member})` : ''
  const lines = [
    `${finding.format} ${finding.kind} artifact${inside} added in ${finding.commit.slice(0, 12)}`,
    ...finding.reasons.map((reason) => `why: ${reason}`),
    ...finding.fix.map((fix) => `fix: ${fix}`)
  ]
  return {
    level,
    title: `model-leak-guard: ${finding.verdict}`,
    message: lines.join('\n'),
    ...(finding.path ? { file: finding.path } : {})
  }
}
