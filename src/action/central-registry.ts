// A registry kept in another repository (`owner/repo/path@ref`), read through the contents API
// with the raw media type, so one file can govern every repository of an organisation.
import { z } from 'zod'
import { ScanError } from '../errors.js'
import { parseRegistry } from '../registry/load.js'
import type { Registry } from '../registry/registry.js'
import { httpStatusOf, octokitFor, type ApiAccess } from './api.js'

export interface CentralRegistry {
  owner: string
  repo: string
  path: string
  ref: string
}

/** owner/repo, then an optional /path and an optional @ref (both required to name a central registry). */
const CENTRAL_SPEC = /^([\w.-]+)\/([\w.-]+)(?:\/([^@\s]*))?@([^@\s]*)$/
/** What a central registry written without its `@ref` looks like: owner/repo/path, owner a GitHub name. */
const CENTRAL_WITHOUT_REF = /^[A-Za-z0-9][A-Za-z0-9-]*\/[\w.-]+\/[^@\s]+$/

export const CENTRAL_FORM = 'owner/repo/path@ref, e.g. acme/ml-policies/model-registry.yml@main'

/**
 * `owner/repo/path@ref` names a central registry; a value with an `@` that lacks the path or the
 * ref is an error showing that form; anything else is a path in this repository (null).
 */
export function parseCentralRegistry(spec: string): CentralRegistry | null {
  const match = CENTRAL_SPEC.exec(spec)
  if (!match) return null
  const [, owner, repo, path, ref] = match
  if (!path || !ref)
    throw new ScanError(
      `input registry: "${spec}" lacks the ${path ? 'ref' : 'path'}: a central registry is written ${CENTRAL_FORM}`
    )
  return { owner, repo, path, ref }
}

/** A repository path that may be a central registry missing its `@ref` (said when no such file exists). */
export function mayBeCentralWithoutRef(spec: string): boolean {
  return CENTRAL_WITHOUT_REF.test(spec)
}

export function describeCentralRegistry(central: CentralRegistry): string {
  return `${central.owner}/${central.repo}/${central.path}@${central.ref}`
}

export async function fetchCentralRegistry(central: CentralRegistry, access: ApiAccess): Promise<Registry> {
  const shownAs = describeCentralRegistry(central)
  if (access.token === '') {
    throw new ScanError(
      `${shownAs}: a central registry is read through the GitHub API, with registry-token (or else token), and both are empty; ${TOKEN_HINT}`
    )
  }
  const octokit = octokitFor(access)
  let content: unknown
  try {
    content = (await octokit.rest.repos.getContent({ ...central, mediaType: { format: 'raw' } })).data
  } catch (error) {
    // Only the request: a refusal or a network failure is the environment's; an error reading the file is not.
    throw new ScanError(refusalMessage(central, error))
  }
  const text = z.string().safeParse(content)
  if (!text.success) throw new ScanError(`${shownAs}: the central registry is not a file (is the path a directory?)`)
  return parseRegistry(text.data, shownAs)
}

const TOKEN_HINT =
  'give registry-token a token that can read it (a GitHub App installation token or a fine-grained PAT with contents: read)'

export function refusalMessage(central: CentralRegistry, error: unknown): string {
  const where = `the central registry ${central.path} in ${central.owner}/${central.repo} at ${central.ref}`
  const status = httpStatusOf(error)
  if (status === 401) return `cannot read ${where}: the token was refused (401); ${TOKEN_HINT}`
  if (status === 403) return `cannot read ${where}: access denied (403); ${TOKEN_HINT}`
  if (status === 404) {
    return `cannot read ${where}: not found (404). Check the repository, path and ref; a private repository also reads as not found unless registry-token can read it`
  }
  return `cannot read ${where}: ${(error as Error).message}`
}
