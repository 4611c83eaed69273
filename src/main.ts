// The GitHub Action: reads inputs and the event, runs the one scan(), reports. (Filled in by the
// Action work; for now it scans the event's range with the repository's registry.)
import * as core from '@actions/core'
import { loadRegistryFor } from './registry/index.js'
import { renderText } from './report/text.js'
import { scan } from './scan.js'

export async function run(): Promise<void> {
  try {
    const dir = process.env.GITHUB_WORKSPACE ?? process.cwd()
    const registry = await loadRegistryFor(dir, core.getInput('registry') || undefined)
    const report = await scan({ repoDir: dir, revisions: ['HEAD', '--not', '--remotes'], registry })
    core.info(renderText(report, { colour: false }))
    core.setOutput('verdict', report.verdict)
    if (report.verdict === 'block') core.setFailed('a model trained on sensitive or unknown data would leave')
  } catch (error) {
    core.setFailed((error as Error).message)
  }
}
