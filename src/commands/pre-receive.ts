// `model-leak-guard pre-receive [--registry FILE]`: the server-side hook nobody can skip. Scans
// what a push brings (still in git's quarantine: every git call inherits this process's
// environment) against the server's registry, and exits 1 to reject the push.
import { EXIT } from '../errors.js'
import { GitRepository } from '../range/git.js'
import { isZeroId, parseRefUpdates, receiveRevisions, type RefUpdate } from '../range/push-updates.js'
import { DEFAULT_REGISTRY_FILE, loadRegistryFor } from '../registry/index.js'
import type { Registry } from '../registry/registry.js'
import { defaultBranchSource, loadTrustedRegistry, registryBlobAt, type TrustedSource } from '../registry/trusted.js'
import { worst } from '../policy/verdict.js'
import { renderText } from '../report/text.js'
import { scan } from '../scan.js'
import type { Verdict } from '../types.js'
import { parseCommandArgs } from './args.js'
import type { CommandIO } from './io.js'

/** Ref updates judged by one registry; `origin` says where it came from, for the pusher. */
interface RegistryGroup {
  registry: Registry
  origin: string
  updates: RefUpdate[]
}

export async function preReceiveCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, { registry: { type: 'string' }, quiet: { type: 'boolean' } })
  const updates = parseRefUpdates(await io.readStdin()).filter((u) => !isZeroId(u.newSha)) // deletions bring nothing
  if (updates.length === 0) return EXIT.pass
  const file = values.registry as string | undefined
  const groups = file
    ? [{ registry: await loadRegistryFor(io.cwd, file), origin: `the server's ${file}`, updates }]
    : await groupByTrustedRegistry(io.cwd, updates)
  const verdicts: Verdict[] = []
  for (const { registry, origin, updates: group } of groups) {
    const report = await scan({ repoDir: io.cwd, revisions: receiveRevisions(group), registry })
    verdicts.push(report.verdict)
    if (values.quiet && report.verdict === 'pass') continue
    io.stderr.write(`model-leak-guard: ${group.map((u) => u.ref).join(', ')} judged by ${origin}\n`)
    io.stderr.write(renderText(report, { colour: false }))
  }
  if (worst(verdicts) !== 'block') return EXIT.pass
  io.stderr.write(REJECT_ADVICE)
  return EXIT.blocked
}

const REJECT_ADVICE = [
  'model-leak-guard: push rejected: it would bring a model trained on sensitive or unknown data to this server.',
  'To push, take each blocked file out of the commits you are pushing (git rm --cached -- <path>, then',
  'git commit --amend, or git rebase -i to edit an older commit) and push again. The registry that decides is',
  "the target branch's, so relabelling a dataset in the pushed commits does not change the verdict.",
  ''
].join('\n')

const NO_REGISTRY = ''

/**
 * Each ref is judged by the registry on its target branch's current tip (its old tip; the default
 * branch for a new ref), never the pushed one. Refs whose registries are the same blob share a scan.
 */
async function groupByTrustedRegistry(dir: string, updates: RefUpdate[]): Promise<RegistryGroup[]> {
  const git = await GitRepository.open(dir)
  const defaultBranch = await defaultBranchSource(git)
  const groups = new Map<string, { source: TrustedSource; updates: RefUpdate[] }>()
  for (const update of updates) {
    const source = isZeroId(update.oldSha) ? defaultBranch : { rev: update.oldSha, shownAs: update.ref }
    const key = (await registryBlobAt(git, source.rev)) ?? NO_REGISTRY
    const group = groups.get(key) ?? { source, updates: [] }
    group.updates.push(update)
    groups.set(key, group)
  }
  const loaded = [...groups.entries()].map(async ([blob, { source, updates: group }]) => ({
    registry: await loadTrustedRegistry(git, source),
    origin: blob === NO_REGISTRY ? `the built-in defaults (${source.shownAs} has no ${DEFAULT_REGISTRY_FILE})` : `${source.shownAs}:${DEFAULT_REGISTRY_FILE}`,
    updates: group
  }))
  return Promise.all(loaded)
}
