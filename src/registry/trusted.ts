// The registry as committed at a revision someone else controls (the server's default branch, or
// later the remote-tracking default branch), never the one a push brings: a push must not be able
// to relabel its own datasets to get through.
import { ScanError } from '../errors.js'
import type { GitRepository } from '../range/git.js'
import type { Registry } from './registry.js'
import { DEFAULT_REGISTRY_FILE } from './index.js'
import { parseRegistry } from './load.js'

/** Where a trusted registry lives: a revision, and a name for messages (`refs/heads/main`). */
export interface TrustedSource {
  /** A commit (or a ref or tag naming one); null when there is none yet (an empty repository). */
  rev: string | null
  shownAs: string
}

/** A registry file larger than this is a mistake, not a registry. */
const MAX_REGISTRY_BYTES = 4 * 1024 * 1024

/**
 * The registry committed at `source`, read in one request through the repository's cat-file
 * process; null when the revision or the file is absent (the caller decides on the defaults).
 */
export async function readTrustedRegistry(
  git: GitRepository,
  source: TrustedSource,
  file = DEFAULT_REGISTRY_FILE
): Promise<Registry | null> {
  if (source.rev === null) return null
  const object = await git.readAt(source.rev, file, MAX_REGISTRY_BYTES)
  if (!object) return null
  const shownAs = `${source.shownAs}:${file}`
  if (object.size > object.bytes.length)
    throw new ScanError(`${shownAs}: larger than ${MAX_REGISTRY_BYTES} bytes; is it a registry?`)
  return parseRegistry(object.bytes.toString('utf8'), shownAs)
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
  const [target, rev] = await Promise.all([git.symbolicRef(symref), git.revParse(`${symref}^{commit}`)])
  return { rev, shownAs: target ?? symref }
}
