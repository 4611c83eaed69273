// The GitHub Action: settings → event range → history → registry → the one scan() → reports.
import * as core from '@actions/core'
import { octokitFor } from './action/api.js'
import { upsertPullRequestComment } from './action/comment.js'
import { readEventPayload, readSettings, type ActionSettings } from './action/inputs.js'
import { annotate, setOutputs, writeJobSummary, writeReportFiles } from './action/publish.js'
import { loadActionRegistry, registryBranchToFetch } from './action/registry-source.js'
import { ensureHistory } from './action/shallow.js'
import { ScanError } from './errors.js'
import { inventoryOfReport } from './inventory.js'
import {
  defaultBranchOf,
  rangeForEvent,
  registrySideFor,
  revisionsFor,
  type EventRange,
  type ScanTarget
} from './range/event-range.js'
import { GitRepository } from './range/git.js'
import type { Registry } from './registry/registry.js'
import type { PushedTip } from './registry/trusted.js'
import type { Inventory } from './report/inventory.js'
import { renderPullRequestComment } from './report/pr-comment.js'
import { renderFailureSummary, renderSummary } from './report/summary.js'
import { renderText } from './report/text.js'
import { scan } from './scan.js'
import type { Destination, ScanReport } from './types.js'

export async function run(): Promise<void> {
  const summary: string[] = []
  try {
    const inputs = readSettings()
    const { GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REF } = inputs.runner
    const event = rangeForEvent(GITHUB_EVENT_NAME, await readEventPayload(GITHUB_EVENT_PATH), GITHUB_REF)
    const { report, inventory } = await scanEvent(inputs, event)
    // The registry's policy.mode: warn rolls the gate out as the `mode: warn` input does.
    const settings = report.mode === 'warn' ? { ...inputs, mode: report.mode } : inputs
    summary.push(renderSummary(report, { mode: settings.mode, range: event.description }))
    core.info(renderText(report, { colour: false }))
    await writeReportFiles(report, inventory, settings)
    setOutputs(report, settings)
    annotate(report, settings.mode)
    await commentOnPullRequest(report, settings, event)
    conclude(report, settings)
  } catch (error) {
    summary.push(renderFailureSummary((error as Error).message))
    fail(error)
  } finally {
    await writeJobSummary(summary.join('\n'))
  }
}

/** The scan of the event's range, and the inventory of the models in it (for the ML-BOM). */
async function scanEvent(
  settings: ActionSettings,
  event: EventRange
): Promise<{ report: ScanReport; inventory: Inventory }> {
  const repoDir = settings.runner.GITHUB_WORKSPACE
  const git = await GitRepository.open(repoDir)
  let revisions: string[]
  let registry: Registry
  try {
    const auth = { token: settings.token, serverUrl: settings.runner.GITHUB_SERVER_URL }
    const defaultBranch = await defaultBranchOf(git, event)
    const registryBranch = registryBranchToFetch(settings, registrySideFor(event, event.target, defaultBranch))
    const target = await ensureHistory(git, event.target, auth, registryBranch)
    // After ensureHistory: the target may have changed (a force push's gone base), and the commits are there.
    registry = await loadActionRegistry(
      settings,
      git,
      registrySideFor(event, target, defaultBranch),
      brought(event, target)
    )
    const range = await revisionsFor(git, target, defaultBranch)
    if (range.warning !== undefined) core.warning(range.warning)
    revisions = range.revisions
  } finally {
    await git.close()
  }
  core.info(`${event.description}\nscanning: git rev-list ${revisions.join(' ') || '(nothing)'}`)
  const report = await scan({ repoDir, revisions, registry, runsIn: 'ci', destination: destinationOf(settings, event) })
  return {
    report,
    inventory: await inventoryOfReport(report, { registry, repoDir, scope: { type: 'history', revisions } })
  }
}

/** Where the commits go: this repository (`https://github.com/acme/app`) and its visibility, for labels' allowed_destinations. */
function destinationOf(settings: ActionSettings, event: EventRange): Destination {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY } = settings.runner
  return { url: `${GITHUB_SERVER_URL.replace(/\/+$/, '')}/${GITHUB_REPOSITORY}`, visibility: event.visibility }
}

/** The commit the event brings, whose own registry is validated (and judges when none is trusted yet). */
function brought(event: EventRange, target: ScanTarget): PushedTip[] {
  if (target.kind !== 'between' && target.kind !== 'new-branch') return []
  return [{ commit: target.head, ref: event.headName ?? target.head }]
}

/** On pull requests (unless `comment: false`): one comment, updated on every run. */
async function commentOnPullRequest(report: ScanReport, settings: ActionSettings, event: EventRange): Promise<void> {
  if (event.pullRequest === undefined || settings.comment === false || event.target.kind !== 'between') return
  const [owner, repo] = settings.runner.GITHUB_REPOSITORY.split('/')
  if (settings.token === '')
    return core.warning(`cannot comment on pull request #${event.pullRequest}: the token input is empty`)
  const body = renderPullRequestComment(report, { mode: settings.mode, head: event.target.head })
  const octokit = octokitFor({ token: settings.token, apiUrl: settings.runner.GITHUB_API_URL })
  const outcome = await upsertPullRequestComment(octokit, { owner, repo, number: event.pullRequest }, body)
  core.info(`pull request comment: ${outcome}`)
}

/** A block fails the check in enforce mode and is a warning in warn mode. */
function conclude(report: ScanReport, settings: ActionSettings): void {
  if (report.verdict !== 'block') return
  const message = 'a model trained on sensitive or unknown data would leave: see the job summary'
  if (settings.mode === 'warn') core.warning(`${message} (mode: warn, so the check passes)`)
  else core.setFailed(message)
}

function fail(error: unknown): void {
  if (error instanceof ScanError) return core.setFailed(error.message)
  core.debug((error as Error).stack ?? String(error))
  core.setFailed(`model-leak-guard failed unexpectedly (a bug: please report it): ${(error as Error).message}`)
}
