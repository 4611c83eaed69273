// `model-leak-guard pre-receive [--registry FILE]`: the server-side hook nobody can skip. Scans
// what a push brings (still in git's quarantine: every git call inherits this process's
// environment) against the server's registry, and exits 1 to reject the push.
import { EXIT } from '../errors.js'
import { GitRepository } from '../range/git.js'
import { isZeroId, parseRefUpdates, receiveRevisions } from '../range/push-updates.js'
import { DEFAULT_REGISTRY_FILE, loadRegistryFor } from '../registry/index.js'
import { Registry } from '../registry/registry.js'
import { defaultBranchSource, readTrustedRegistry } from '../registry/trusted.js'
import { renderText } from '../report/text.js'
import { scan } from '../scan.js'
import { parseCommandArgs } from './args.js'
import type { CommandIO } from './io.js'

export async function preReceiveCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, { registry: { type: 'string' }, quiet: { type: 'boolean' } })
  const updates = parseRefUpdates(await io.readStdin()).filter((u) => !isZeroId(u.newSha)) // deletions bring nothing
  if (updates.length === 0) return EXIT.pass
  const file = values.registry as string | undefined
  const { registry, origin } = file
    ? { registry: await loadRegistryFor(io.cwd, file), origin: `the server's ${file}` }
    : await defaultBranchRegistry(io.cwd)
  const report = await scan({ repoDir: io.cwd, revisions: receiveRevisions(updates), registry })
  if (!(values.quiet && report.verdict === 'pass')) {
    io.stderr.write(`model-leak-guard: ${updates.map((u) => u.ref).join(', ')} judged by ${origin}\n`)
    io.stderr.write(renderText(report, { colour: false }))
  }
  if (report.verdict !== 'block') return EXIT.pass
  io.stderr.write(REJECT_ADVICE)
  return EXIT.blocked
}

const REJECT_ADVICE = [
  'model-leak-guard: push rejected: it would bring a model trained on sensitive or unknown data to this server.',
  'To push, take each blocked file out of the commits you are pushing (git rm --cached -- <path>, then',
  'git commit --amend, or git rebase -i to edit an older commit) and push again. The registry that decides is',
  "the default branch's as this server holds it, so relabelling a dataset in any pushed commit does not change the verdict.",
  ''
].join('\n')

/**
 * Every ref is judged by the registry on the default branch as the server holds it before this
 * push: never the pushed one, and not another branch's either, which an earlier push could have
 * relabelled (protect the default branch so that its registry changes only through review).
 */
async function defaultBranchRegistry(dir: string): Promise<{ registry: Registry; origin: string }> {
  const git = await GitRepository.open(dir)
  try {
    const source = await defaultBranchSource(git)
    const registry = await readTrustedRegistry(git, source)
    if (registry) return { registry, origin: `${source.shownAs}:${DEFAULT_REGISTRY_FILE}` }
    return {
      registry: Registry.defaults(),
      origin: `the built-in defaults (${source.shownAs} has no ${DEFAULT_REGISTRY_FILE})`
    }
  } finally {
    await git.close()
  }
}
