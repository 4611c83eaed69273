// The human report: one block per finding, then a coverage line that always says what was scanned.
import type { Finding, ScanReport, ScanStats, Verdict } from '../types.js'
import { datasetLabel, datasetName } from './datasets.js'
import { oneLine, printablePath as printable } from './printable.js'

export interface TextOptions {
  colour: boolean
}

const COLOUR: Record<Verdict, string> = { block: '\x1b[31m', warn: '\x1b[33m', pass: '\x1b[32m' }
const RESET = '\x1b[0m'

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR
}

export function renderText(report: ScanReport, options: TextOptions): string {
  const paint = (verdict: Verdict, text: string): string =>
    options.colour ? `${COLOUR[verdict]}${text}${RESET}` : text
  const lines: string[] = []
  for (const finding of report.findings) lines.push(...findingLines(finding, paint))
  lines.push(...report.notices.map((notice) => `note: ${oneLine(notice)}`))
  lines.push(coverageLine(report.stats))
  lines.push(paint(report.verdict, `verdict: ${report.verdict}`) + verdictHint(report))
  return lines.join('\n') + '\n'
}

function findingLines(finding: Finding, paint: (v: Verdict, t: string) => string): string[] {
  const path = finding.unreached ? `blob ${finding.blob}, which no pushed ref reaches` : finding.path
  const where = finding.member ? `${path} → ${finding.member}` : path
  const datasets = finding.datasets.length
    ? finding.datasets.map((d) => `${datasetName(d)} (${datasetLabel(d)}, from ${d.source})`).join(', ')
    : 'none known'
  const also = finding.alsoAt.map((place) => `${printable(place.path)} (in ${place.commit.slice(0, 12)})`)
  return [
    `${paint(finding.verdict, finding.verdict.toUpperCase().padEnd(5))} ${printable(where)}  [${finding.format}, ${finding.kind}] ${placeOf(finding)}`,
    ...(also.length ? [`      same bytes also at: ${also.join(', ')}`] : []),
    `      datasets: ${oneLine(datasets)}`,
    ...storedRecordsLine(finding),
    ...absentLfsLine(finding),
    ...finding.reasons.map((reason) => `      why: ${oneLine(reason)}`),
    ...finding.fix.map((fix) => `      fix: ${oneLine(fix)}`)
  ]
}

/** Where the finding is: the commit that brought it, or why there is none. */
function placeOf(finding: Finding): string {
  if (finding.staged) return 'staged'
  return finding.unreached ? 'in the pushed pack' : `in ${finding.commit.slice(0, 12)}`
}

/** A k-NN index or model keeps its training records verbatim: how many, the size of the leak. */
function storedRecordsLine(finding: Finding): string[] {
  const { records, dimension } = finding.detail
  if (finding.kind !== 'knn-index' || typeof records !== 'number') return []
  const of = typeof dimension === 'number' ? ` of dimension ${dimension}` : ''
  return [`      stores: ${records} training records${of} verbatim`]
}

/** A Git LFS pointer whose object was not read: which object, so whoever has it can fetch and check it. */
function absentLfsLine({ format, detail }: Finding): string[] {
  if (format !== 'lfs-pointer') return []
  const reason = typeof detail.reason === 'string' ? detail.reason : 'not stored here, so its content was not read'
  return [`      lfs object: ${oneLine(String(detail.oid))}, ${String(detail.size)} bytes. ${reason}`]
}

/** `1 commit`, `2 commits`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

export function coverageLine(stats: ScanStats): string {
  const excluded = stats.excluded > 0 ? `, ${stats.excluded} excluded by artifacts.exclude` : ''
  const missing = stats.missingBlobs > 0 ? `, ${count(stats.missingBlobs, 'blob')} missing from this repository` : ''
  const submodules = stats.submodules > 0 ? `, ${count(stats.submodules, 'submodule commit')} not scanned` : ''
  return `scanned ${count(stats.commits, 'commit')}, ${count(stats.blobs, 'blob')}, ${count(stats.artifacts, 'artifact')} in ${stats.ms} ms${excluded}${missing}${submodules}`
}

const WOULD_LEAVE = 'a model trained on sensitive or unknown data, or such data, would leave'

function verdictHint(report: ScanReport): string {
  if (report.stats.commits === 0 && report.stats.blobs === 0) return ' (nothing to scan: the range holds no commits)'
  if (report.verdict === 'block' && report.mode === 'warn')
    return ` (policy.mode: warn: reported, not enforced; ${WOULD_LEAVE})`
  if (report.verdict === 'block') return ` (${WOULD_LEAVE})`
  return ''
}
