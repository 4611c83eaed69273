// Which registry judges a run: a central one, or the repository's own file as committed on the
// destination side of the event (the base a pull request merges into; for a push, the default
// branch's tip, or the old tip of the default branch itself), never the version the pull request
// or push brings: that one could relabel its own datasets.
import * as core from '@actions/core'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { ScanError } from '../errors.js'
import type { GitRepository } from '../range/git.js'
import { DEFAULT_REGISTRY_FILE } from '../registry/index.js'
import { Registry } from '../registry/registry.js'
import { readTrustedRegistry, type TrustedSource } from '../registry/trusted.js'
import { fetchCentralRegistry } from './central-registry.js'
import { newBranchBase, remoteBranchSource, type ScanTarget } from './event-range.js'
import type { ActionSettings } from './inputs.js'

/** A central registry needs no default branch fetched for it: ensureHistory skips the fetch. */
export function withRegistryNeeds(settings: ActionSettings, target: ScanTarget): ScanTarget {
  return settings.registry.kind === 'central' && target.kind === 'between'
    ? { ...target, registryBranch: undefined }
    : target
}

/** The registry for `target`, whose history ensureHistory() has fetched (the base commit too). */
export async function loadActionRegistry(
  settings: ActionSettings,
  git: GitRepository,
  target: ScanTarget
): Promise<Registry> {
  const source = settings.registry
  if (source.kind === 'central')
    return fetchCentralRegistry(source.central, {
      token: settings.registryToken,
      apiUrl: settings.runner.GITHUB_API_URL
    })
  // A deleted branch scans nothing: no registry is read.
  if (target.kind === 'nothing') return Registry.defaults()
  const file = repositoryPath(settings.runner.GITHUB_WORKSPACE, source.path ?? DEFAULT_REGISTRY_FILE)
  const side = await destinationSide(git, target)
  const registry = await readTrustedRegistry(git, side, file)
  if (registry === null) {
    core.info(`registry: no ${file} at ${side.shownAs}: using the built-in defaults (unknown provenance blocks)`)
    return Registry.defaults()
  }
  core.info(`registry: ${file} as committed at ${side.shownAs}`)
  return registry
}

/** The revision whose registry is trusted: one the event's author cannot have written for this run. */
async function destinationSide(
  git: GitRepository,
  target: Exclude<ScanTarget, { kind: 'nothing' }>
): Promise<TrustedSource> {
  switch (target.kind) {
    case 'between':
      // A push to another branch: the default branch's tip. pull_request(_target) and merge_group:
      // the base sha; a push to the default branch (or when its tip could not be fetched): `before`.
      if (target.registryBranch !== undefined) return remoteBranchSource(git, target.registryBranch)
      return { rev: target.base, shownAs: target.base }
    case 'new-branch':
      return newBranchBase(git, target)
    case 'all':
      // An audit (workflow_dispatch, schedule) judges the ref it was started on.
      return { rev: 'HEAD', shownAs: `HEAD (${(await git.revParse('HEAD')) ?? 'unborn'})` }
  }
}

/** The `registry` input as a path inside the repository: git reads blobs by repository path. */
function repositoryPath(workspace: string, path: string): string {
  const inRepository = relative(workspace, resolve(workspace, path)).split(sep).join('/')
  if (inRepository === '' || inRepository === '..' || inRepository.startsWith('../') || isAbsolute(inRepository)) {
    throw new ScanError(`registry: ${path} is not a file in the repository; give a path in it or owner/repo/path@ref`)
  }
  return inRepository
}
