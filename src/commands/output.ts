// Writes a scan report where the user asked, in the format they asked.
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { ScanError } from '../errors.js'
import { renderJson } from '../report/json.js'
import { coverageLine, renderText, wantsColour } from '../report/text.js'
import type { ScanReport } from '../types.js'
import type { CommandIO } from './io.js'

export type ReportFormat = 'text' | 'json'

export interface OutputOptions {
  format: ReportFormat
  output?: string
  quiet: boolean
}

export function parseFormat(value: string | undefined): ReportFormat {
  if (value === undefined || value === 'text' || value === 'json') return value ?? 'text'
  throw new ScanError(`--format must be text or json, not "${value}"`)
}

export async function writeReport(report: ScanReport, options: OutputOptions, io: CommandIO): Promise<void> {
  if (options.output) {
    const text = options.format === 'json' ? renderJson(report) : renderText(report, { colour: false })
    await writeFile(resolve(io.cwd, options.output), text).catch((error: NodeJS.ErrnoException) => {
      throw new ScanError(`${options.output}: cannot write the report: ${error.code ?? error.message}`)
    })
  }
  // Quiet leaves out the findings of a passing scan, never the line that says what was scanned.
  if (options.quiet && report.verdict === 'pass') {
    io.stdout.write(coverageLine(report.stats) + '\n')
    return
  }
  const toStdout = options.format === 'json' && !options.output
  const text = toStdout ? renderJson(report) : renderText(report, { colour: wantsColour(io.stdout, io.env) })
  io.stdout.write(text)
}
