// Writes a scan report where the user asked, in the format they asked: text for people, or one of
// the machine formats (JSON contract, SARIF for code scanning, GitLab Code Quality for merge requests).
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { ScanError } from '../errors.js'
import { renderCodeQuality } from '../report/code-quality.js'
import { renderJson } from '../report/json.js'
import { renderSarif } from '../report/sarif.js'
import { coverageLine, renderText, wantsColour } from '../report/text.js'
import type { ScanReport } from '../types.js'
import type { CommandIO } from './io.js'

const MACHINE_FORMATS = { json: renderJson, sarif: renderSarif, codequality: renderCodeQuality }

export type ReportFormat = 'text' | keyof typeof MACHINE_FORMATS

export interface OutputOptions {
  format: ReportFormat
  output?: string
  quiet: boolean
}

export function parseFormat(value: string | undefined): ReportFormat {
  if (value === undefined || value === 'text') return 'text'
  if (Object.hasOwn(MACHINE_FORMATS, value)) return value as ReportFormat
  throw new ScanError(`--format must be text, json, sarif or codequality, not "${value}"`)
}

function render(report: ScanReport, format: ReportFormat): string {
  return format === 'text' ? renderText(report, { colour: false }) : MACHINE_FORMATS[format](report)
}

export async function writeReport(report: ScanReport, options: OutputOptions, io: CommandIO): Promise<void> {
  if (options.output) {
    await writeFile(resolve(io.cwd, options.output), render(report, options.format)).catch(
      (error: NodeJS.ErrnoException) => {
        throw new ScanError(`${options.output}: cannot write the report: ${error.code ?? error.message}`)
      }
    )
  }
  // A machine format without --output goes to stdout whole: a pipe gets exactly that.
  if (options.format !== 'text' && !options.output) {
    io.stdout.write(render(report, options.format))
    return
  }
  // Quiet leaves out the findings of a passing scan, never the line that says what was scanned.
  if (options.quiet && report.verdict === 'pass') {
    io.stdout.write(coverageLine(report.stats) + '\n')
    return
  }
  io.stdout.write(renderText(report, { colour: wantsColour(io.stdout, io.env) }))
}
