// Which registry judges a run: a central one, or the repository's own file as committed on the
// default branch (for a push to the default branch, its tip before the push), never the version
// the pull request or push brings, nor a side branch's, which that branch's pushers could relabel.
import * as core from '@actions/core'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { ScanError } from '../errors.js'
import type { GitRepository } from '../range/git.js'
import { DEFAULT_REGISTRY_FILE } from '../registry/index.js'
import { Registry } from '../registry/registry.js'
import { readTrustedRegistry, type TrustedSource } from '../registry/trusted.js'
import { fetchCentralRegistry } from './central-registry.js'
import { REMOTE, remoteBranch, type RegistrySide } from '../range/event-range.js'
import type { ActionSettings } from './inputs.js'

/** The branch whose tip ensureHistory must fetch for the registry: none for a central registry. */
export function registryBranchToFetch(settings: ActionSettings, side: RegistrySide): string | undefined {
  return settings.registry.kind === 'file' && side.kind === 'branch-tip' ? side.branch : undefined
}

/** The registry for `side`, whose commit ensureHistory() has fetched. */
export async function loadActionRegistry(
  settings: ActionSettings,
  git: GitRepository,
  side: RegistrySide
): Promise<Registry> {
  const source = settings.registry
  if (source.kind === 'central')
    return fetchCentralRegistry(source.central, {
      token: settings.registryToken,
      apiUrl: settings.runner.GITHUB_API_URL
    })
  const file = repositoryPath(settings.runner.GITHUB_WORKSPACE, source.path ?? DEFAULT_REGISTRY_FILE)
  if (side.kind === 'none') {
    core.info(`registry: none to trust (${side.why}): using the built-in defaults (unknown provenance blocks)`)
    return Registry.defaults()
  }
  const trusted = await trustedSource(git, side)
  const registry = await readTrustedRegistry(git, trusted, file)
  if (registry === null) {
    core.info(`registry: no ${file} at ${trusted.shownAs}: using the built-in defaults (unknown provenance blocks)`)
    return Registry.defaults()
  }
  core.info(
    `registry: ${file} as committed at ${trusted.shownAs}${side.kind === 'branch-tip' ? ` (${trusted.rev})` : ''}`
  )
  return registry
}

/** A default branch that is not on origin is an error: reading no registry would pass what it blocks. */
async function trustedSource(
  git: GitRepository,
  side: Exclude<RegistrySide, { kind: 'none' }>
): Promise<TrustedSource> {
  if (side.kind === 'commit') return { rev: side.commit, shownAs: side.commit }
  const ref = remoteBranch(side.branch)
  const rev = await git.revParse(`${ref}^{commit}`)
  if (rev !== null) return { rev, shownAs: ref }
  throw new ScanError(`${side.branch}, the default branch whose registry judges this run, is not on ${REMOTE}`)
}

/** The `registry` input as a path inside the repository: git reads blobs by repository path. */
function repositoryPath(workspace: string, path: string): string {
  const inRepository = relative(workspace, resolve(workspace, path)).split(sep).join('/')
  if (inRepository === '' || inRepository === '..' || inRepository.startsWith('../') || isAbsolute(inRepository)) {
    throw new ScanError(`registry: ${path} is not a file in the repository; give a path in it or owner/repo/path@ref`)
  }
  return inRepository
}
