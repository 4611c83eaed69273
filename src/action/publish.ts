// Where the Action's results go besides the log: report files, step outputs, annotations and
// the job summary. Rendering lives in src/report; this file only writes.
import * as core from '@actions/core'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { annotationsFor } from '../report/annotations.js'
import { renderCycloneDx } from '../report/cyclonedx.js'
import type { Inventory } from '../report/inventory.js'
import { renderJson } from '../report/json.js'
import type { Mode } from '../report/markdown.js'
import { renderSarif } from '../report/sarif.js'
import type { ScanReport } from '../types.js'

export interface ReportFiles {
  reportFile: string
  sarifFile: string
  /** The CycloneDX 1.6 ML-BOM of the models in the range, next to the JSON report. */
  mlBomFile: string
}

export async function writeReportFiles(report: ScanReport, inventory: Inventory, files: ReportFiles): Promise<void> {
  await writeCreatingDir(files.reportFile, renderJson(report))
  await writeCreatingDir(files.sarifFile, renderSarif(report))
  await writeCreatingDir(files.mlBomFile, renderCycloneDx(inventory))
}

export function setOutputs(report: ScanReport, files: ReportFiles): void {
  core.setOutput('verdict', report.verdict)
  core.setOutput('findings', report.findings.length)
  core.setOutput('report', files.reportFile)
  core.setOutput('sarif-file', files.sarifFile)
  core.setOutput('ml-bom', files.mlBomFile)
}

export function annotate(report: ScanReport, mode: Mode): void {
  for (const { level, message, title, file } of annotationsFor(report, mode)) {
    core[level](message, { title, file })
  }
}

/** GitHub shows the summary even for a failed job; outside Actions there is nowhere to write it. */
export async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.debug('GITHUB_STEP_SUMMARY is not set: no job summary')
    return
  }
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    core.warning(`cannot write the job summary: ${(error as Error).message}`)
  }
}

async function writeCreatingDir(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, text)
}
