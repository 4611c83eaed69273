// `model-leak-guard pre-receive [--registry FILE] [--url URL] [--visibility V]`: the server-side
// hook nobody can skip. Scans what a push brings (still in git's quarantine: every git call
// inherits this process's environment) against the registry on the server's default branch, and
// exits 1 to reject the push.
import { EXIT, ScanError } from '../errors.js'
import { failsTheGate } from '../policy/verdict.js'
import { GitRepository } from '../range/git.js'
import { isZeroId, parseRefUpdates, receiveRevisions, type RefUpdate } from '../range/push-updates.js'
import { quarantinePath, receivedObjects } from '../range/quarantine.js'
import { loadRegistryFor } from '../registry/index.js'
import { defaultBranchSource, registryForPush, type JudgingRegistry } from '../registry/trusted.js'
import { renderText } from '../report/text.js'
import { scan } from '../scan.js'
import { VISIBILITIES, type Destination, type ScanReport, type Visibility } from '../types.js'
import { parseCommandArgs } from './args.js'
import type { CommandIO } from './io.js'
import { SPECS } from './specs.js'

export async function preReceiveCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, SPECS['pre-receive'])
  const destination = serverDestination(values.url, values.visibility)
  const updates = parseRefUpdates(await io.readStdin()).filter((u) => !isZeroId(u.newSha)) // deletions bring nothing
  if (updates.length === 0) return EXIT.pass
  const git = await GitRepository.open(io.cwd)
  try {
    const judging = await serverRegistry(git, io.cwd, values.registry, updates)
    const revisions = receiveRevisions(updates)
    const quarantine = quarantinePath(io.env)
    const report = await scan({
      repoDir: io.cwd,
      revisions,
      registry: judging.registry,
      git,
      destination,
      runsIn: 'pre-receive',
      objects: quarantine ? (repo, look) => receivedObjects(repo, revisions, quarantine, look) : undefined
    })
    const notes = [...judging.notes, ...(quarantine ? [] : [NO_QUARANTINE])]
    if (!(values.quiet && report.verdict === 'pass')) printReport(io, updates, judging.origin, notes, report)
    if (!failsTheGate(report)) return EXIT.pass
    io.stderr.write(REJECT_ADVICE)
    return EXIT.blocked
  } finally {
    await git.close()
  }
}

/** What the pusher sees as `remote:` lines: which registry judged, what to know about it, the report. */
function printReport(io: CommandIO, updates: RefUpdate[], origin: string, notes: string[], report: ScanReport): void {
  const noted = notes.map((note) => `model-leak-guard: ${note}\n`).join('')
  io.stderr.write(`model-leak-guard: ${refList(updates)} judged by ${origin}\n${noted}`)
  io.stderr.write(renderText(report, { colour: false }))
}

/** Old git (before 2.11), or run by hand: what the pushed refs reach is all there is to judge (docs/hooks.md). */
const NO_QUARANTINE =
  'no quarantine (neither GIT_QUARANTINE_PATH nor GIT_OBJECT_DIRECTORY is set: git older than 2.11, or not run by receive-pack): only objects the pushed refs reach were scanned'

/** The refs a push updates, on one line: a mirror push of thousands is named by its first few and a count. */
function refList(updates: RefUpdate[]): string {
  const named = updates.slice(0, REFS_NAMED).map((u) => u.ref)
  const more = updates.length - named.length
  return more > 0 ? `${named.join(', ')} and ${more} more refs` : named.join(', ')
}

const REFS_NAMED = 5

const REJECT_ADVICE = [
  'model-leak-guard: push rejected: it would bring a model trained on sensitive or unknown data (or such data) to this server.',
  'Nothing was pushed: take each blocked file out of the commits you are pushing (the fix: lines above) and push again.',
  "The registry that decides is the default branch's as this server holds it, so relabelling a dataset or adding a",
  'waiver in any pushed commit does not change the verdict: that takes effect once it is on the default branch.',
  ''
].join('\n')

/**
 * Every ref is judged by the registry on the default branch as the server holds it before this
 * push: never the pushed one, and not another branch's either, which an earlier push could have
 * relabelled (protect the default branch so that its registry changes only through review). The
 * server's `--registry FILE` replaces it when given.
 */
async function serverRegistry(
  git: GitRepository,
  dir: string,
  file: string | undefined,
  updates: RefUpdate[]
): Promise<JudgingRegistry> {
  if (file !== undefined)
    return { registry: await loadRegistryFor(dir, file), origin: `the server's ${file}`, notes: [] }
  const tips = updates.map((u) => ({ commit: u.newSha, ref: u.ref }))
  return registryForPush(git, await defaultBranchSource(git), tips)
}

/** What the server says about itself, for labels' `allowed_destinations`: it knows no URL of its own. */
function serverDestination(url: string | undefined, visibility: string | undefined): Destination | undefined {
  if (visibility !== undefined && !(VISIBILITIES as readonly string[]).includes(visibility))
    throw new ScanError(`--visibility must be one of ${VISIBILITIES.join(', ')}, not "${visibility}"`)
  if (url === undefined && visibility === undefined) return undefined
  return { url, visibility: visibility as Visibility | undefined }
}
