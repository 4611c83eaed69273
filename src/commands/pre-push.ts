// `model-leak-guard pre-push <remote-name> <remote-url>`: git's pre-push hook. One scan over
// everything the push sends (all refs at once, each blob once), judged by the registry on the
// destination's default branch as last fetched, as CI and pre-receive judge it; exit 1 stops the push.
import { EXIT, ScanError } from '../errors.js'
import { rewriteSteps } from '../policy/advice.js'
import { redactUrl } from '../policy/destination.js'
import { failsTheGate } from '../policy/verdict.js'
import { GitRepository } from '../range/git.js'
import { overPushRange } from '../range/push-range.js'
import { isNamedRemote, isZeroId, parsePushUpdates, type PushRemote, type PushUpdate } from '../range/push-updates.js'
import { loadRegistryFor } from '../registry/index.js'
import {
  destinationDefaultBranchSource,
  registryForPush,
  remoteDefaultBranchSource,
  type JudgingRegistry
} from '../registry/trusted.js'
import { renderText, wantsColour } from '../report/text.js'
import { scan } from '../scan.js'
import type { Finding, ScanReport } from '../types.js'
import { parseCommandArgs, repositoryDir } from './args.js'
import type { CommandIO } from './io.js'
import { SPECS } from './specs.js'

export { redactUrl }

export async function prePushCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, SPECS['pre-push'])
  const remote = pushRemote(positionals)
  const dir = repositoryDir(io, values.C)
  const updates = parsePushUpdates(await io.readStdin())
  const git = await GitRepository.open(dir)
  try {
    const unreachable = (reason: string): void => void io.stderr.write(unreachableNote(remote, reason))
    // Judged once, and only when the push sends something (a deletion is never judged).
    let judging: Promise<JudgingRegistry> | undefined
    const report = await overPushRange(git, { updates, remote, unreachable }, async (revisions) => {
      judging ??= pushRegistry(git, dir, values.registry, remote, updates)
      const { registry } = await judging
      return scan({ repoDir: dir, revisions, registry, git, destination: { url: remote.url }, runsIn: 'pre-push' })
    })
    return report && judging ? exitWithReport(report, await judging, remote, Boolean(values.quiet), io) : EXIT.pass
  } finally {
    await git.close()
  }
}

/**
 * `--registry FILE` judges when given (explicit local use); otherwise the registry on the
 * destination's default branch as last fetched (or, with nothing fetched, as the destination says
 * now), never the working tree's or the push's own.
 */
async function pushRegistry(
  git: GitRepository,
  dir: string,
  file: string | undefined,
  remote: PushRemote,
  updates: PushUpdate[]
): Promise<JudgingRegistry> {
  if (file !== undefined)
    return { registry: await loadRegistryFor(dir, file), origin: `${file} (--registry)`, notes: [] }
  const fetched = isNamedRemote(remote) ? await remoteDefaultBranchSource(git, remote.name) : null
  // A URL, or a remote never fetched, has no remote-tracking branches: ask the destination itself.
  const trusted = fetched?.rev ? fetched : await destinationDefaultBranchSource(git, remote.url, redactUrl(remote.url))
  const tips = updates.filter((u) => !isZeroId(u.localSha)).map((u) => ({ commit: u.localSha, ref: u.localRef }))
  return registryForPush(git, trusted, tips)
}

/** The destination could not say which commits it has: the scan covers more, and says why. */
function unreachableNote(remote: PushRemote, reason: string): string {
  const shown = reason.split(remote.url).join(redactUrl(remote.url))
  return `model-leak-guard: cannot ask ${redactUrl(remote.url)} which commits it already has, so every commit this push could send is scanned (${shown})\n`
}

function exitWithReport(
  report: ScanReport,
  judging: JudgingRegistry,
  remote: PushRemote,
  quiet: boolean,
  io: CommandIO
): number {
  if (quiet && report.verdict === 'pass') return EXIT.pass
  const notes = [`judged by ${judging.origin}`, ...judging.notes].map((note) => `model-leak-guard: ${note}\n`)
  io.stderr.write(notes.join('') + renderText(report, { colour: wantsColour(io.stderr, io.env) }))
  if (report.verdict !== 'block') return EXIT.pass
  if (!failsTheGate(report)) {
    io.stderr.write(
      'model-leak-guard: policy.mode is warn: the push goes ahead; these would block once it is enforce.\n'
    )
    return EXIT.pass
  }
  io.stderr.write(
    blockAdvice(
      remote,
      report.findings.filter((f) => f.verdict === 'block')
    )
  )
  return EXIT.blocked
}

function pushRemote(positionals: string[]): PushRemote {
  const [name, url = name, ...rest] = positionals
  if (name === undefined || rest.length > 0) {
    throw new ScanError('pre-push takes <remote-name> <remote-url> (as git passes them) and the ref lines on stdin')
  }
  return { name, url }
}

/** What stopped the push, and the commands that take the file out of the unpushed commits. */
export function blockAdvice(remote: PushRemote, blocked: Finding[]): string {
  const destination = remote.name === remote.url ? redactUrl(remote.url) : `${remote.name} (${redactUrl(remote.url)})`
  const places = blocked.flatMap((f) => [{ path: f.path, commit: f.commit }, ...f.alsoAt]) // every path of the bytes
  const files = new Map(places.map((place) => [`${place.path}\0${place.commit}`, place]))
  return [
    `model-leak-guard: push to ${destination} stopped: ${files.size} file(s) above would let sensitive or unknown training data leave.`,
    'To push, take each file out of the commits that are not pushed yet:',
    ...[...files.values()].flatMap(rewriteSteps),
    '  Keep the file out of git afterwards (.gitignore, access-controlled storage); if its training data is in fact',
    '  shareable, get the dataset labelled so in the registry on the default branch.',
    'Note: git push --no-verify skips only this local hook; the required CI check scans the same commits and still fails.',
    ''
  ].join('\n')
}
