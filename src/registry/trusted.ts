// The registry as committed at a revision someone else controls (the server's default branch, or
// later the remote-tracking default branch), never the one a push brings: a push must not be able
// to relabel its own datasets to get through.
import type { GitRepository } from '../range/git.js'
import { DEFAULT_REGISTRY_FILE } from './index.js'
import { parseRegistry } from './load.js'
import { Registry } from './registry.js'

/** Where a trusted registry lives: a revision, and a name for messages (`refs/heads/main`). */
export interface TrustedSource {
  /** A commit (or a ref or tag naming one); null when there is none yet (an empty repository). */
  rev: string | null
  shownAs: string
}

/** The registry file's blob id at a revision; null when the revision or the file is absent. */
export async function registryBlobAt(git: GitRepository, rev: string | null, file = DEFAULT_REGISTRY_FILE): Promise<string | null> {
  return rev === null ? null : git.revParse(`${rev}:${file}`)
}

/** Loads the registry committed at `source`; the built-in defaults when it has no registry file. */
export async function loadTrustedRegistry(git: GitRepository, source: TrustedSource, file = DEFAULT_REGISTRY_FILE): Promise<Registry> {
  const blob = await registryBlobAt(git, source.rev, file)
  if (blob === null) return Registry.defaults()
  const { stdout } = await git.run(['cat-file', 'blob', blob])
  return parseRegistry(stdout, `${source.shownAs}:${file}`)
}

/** A server's default branch: what its HEAD names (unborn in an empty repository). */
export function defaultBranchSource(git: GitRepository): Promise<TrustedSource> {
  return symbolicRefSource(git, 'HEAD')
}

/** A remote's default branch as last fetched (`refs/remotes/<remote>/HEAD`), for the pre-push side. */
export function remoteDefaultBranchSource(git: GitRepository, remote: string): Promise<TrustedSource> {
  return symbolicRefSource(git, `refs/remotes/${remote}/HEAD`)
}

async function symbolicRefSource(git: GitRepository, symref: string): Promise<TrustedSource> {
  const { stdout, code } = await git.run(['symbolic-ref', '--quiet', symref], { okCodes: [1, 128] })
  return { rev: await git.revParse(`${symref}^{commit}`), shownAs: code === 0 ? stdout.trim() : symref }
}
