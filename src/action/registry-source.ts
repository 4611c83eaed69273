// Which registry judges a run: a central one, or the repository's own file as committed on the
// default branch (for a push to the default branch, its tip before the push), never the version
// the pull request or push brings, nor a side branch's, which that branch's pushers could relabel.
// The registry the event brings is still validated and, when it differs, noted as taking effect
// once it lands; with no trusted registry yet it judges, as in the hooks (registryForPush).
import * as core from '@actions/core'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ScanError } from '../errors.js'
import { exists } from '../files.js'
import { REMOTE, remoteBranch, type RegistrySide } from '../range/event-range.js'
import type { GitRepository } from '../range/git.js'
import { DEFAULT_REGISTRY_FILE } from '../registry/index.js'
import { Registry } from '../registry/registry.js'
import { registryForPush, type PushedTip, type TrustedSource } from '../registry/trusted.js'
import { CENTRAL_FORM, fetchCentralRegistry, mayBeCentralWithoutRef } from './central-registry.js'
import type { ActionSettings } from './inputs.js'

/** The branch whose tip ensureHistory must fetch for the registry: none for a central registry. */
export function registryBranchToFetch(settings: ActionSettings, side: RegistrySide): string | undefined {
  return settings.registry.kind === 'file' && side.kind === 'branch-tip' ? side.branch : undefined
}

/** The registry for `side`, whose commit ensureHistory() has fetched; `brought` is what the event brings. */
export async function loadActionRegistry(
  settings: ActionSettings,
  git: GitRepository,
  side: RegistrySide,
  brought: PushedTip[]
): Promise<Registry> {
  const source = settings.registry
  if (source.kind === 'central')
    return fetchCentralRegistry(source.central, {
      token: settings.registryToken,
      apiUrl: settings.runner.GITHUB_API_URL
    })
  const file = repositoryPath(settings.runner.GITHUB_WORKSPACE, source.path ?? DEFAULT_REGISTRY_FILE)
  if (side.kind === 'none') {
    if (source.path !== undefined) await refuseMissingExplicitFile(settings.runner.GITHUB_WORKSPACE, source.path, null)
    core.info(`registry: none to trust (${side.why}): using the built-in defaults (unknown provenance blocks)`)
    return Registry.defaults()
  }
  const trusted = await trustedSource(git, side)
  const judging = await registryForPush(git, trusted, brought, file)
  if (judging.registry.isBuiltIn && source.path !== undefined)
    await refuseMissingExplicitFile(settings.runner.GITHUB_WORKSPACE, source.path, trusted.shownAs)
  const fromTrusted = !judging.registry.isBuiltIn && judging.origin === judging.registry.file
  const at =
    trusted.rev === null || trusted.rev === trusted.shownAs ? trusted.shownAs : `${trusted.shownAs} (${trusted.rev})`
  core.info(`registry: ${fromTrusted ? `${file} as committed at ${at}` : judging.origin}`)
  for (const note of judging.notes) core.notice(note)
  return judging.registry
}

/**
 * A `registry` path given and found nowhere, neither on the trusted side nor in the checkout (where
 * a pull request adding it would have it), is a mistake: often a central registry missing its `@ref`.
 */
async function refuseMissingExplicitFile(workspace: string, path: string, trustedAt: string | null): Promise<void> {
  if (await exists(join(workspace, path))) return
  const central = mayBeCentralWithoutRef(path)
    ? ` For a registry in another repository, name the ref: ${CENTRAL_FORM} (here ${path}@<ref>).`
    : ''
  const where = trustedAt === null ? 'in the checkout' : `at ${trustedAt} or in the checkout`
  throw new ScanError(`input registry: ${path} is not a file in this repository (${where}).${central}`)
}

/** A default branch that is not on origin is an error: reading no registry would pass what it blocks. */
async function trustedSource(
  git: GitRepository,
  side: Exclude<RegistrySide, { kind: 'none' }>
): Promise<TrustedSource> {
  if (side.kind === 'commit') return { rev: side.commit, shownAs: side.commit, branch: side.branch }
  if (side.kind === 'unborn') return { rev: null, shownAs: `refs/heads/${side.branch}`, branch: side.branch }
  const ref = remoteBranch(side.branch)
  const rev = await git.commitOf(ref)
  if (rev !== null) return { rev, shownAs: ref, branch: side.branch }
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
