// A registry kept in another repository (`owner/repo/path@ref`), read through the contents API
// with the raw media type, so one file can govern every repository of an organisation.
import { z } from 'zod'
import { ScanError } from '../errors.js'
import { parseRegistry } from '../registry/load.js'
import type { Registry } from '../registry/registry.js'
import { octokitFor, type ApiAccess } from './api.js'

export interface CentralRegistry {
  owner: string
  repo: string
  path: string
  ref: string
}

const CENTRAL_SPEC = /^([\w.-]+)\/([\w.-]+)\/([^@\s]+)@([^@\s]+)$/

/** `owner/repo/path@ref` names a central registry; anything else is a path in this repository. */
export function parseCentralRegistry(spec: string): CentralRegistry | null {
  const match = CENTRAL_SPEC.exec(spec)
  if (!match) return null
  const [, owner, repo, path, ref] = match
  return { owner, repo, path, ref }
}

export function describeCentralRegistry(central: CentralRegistry): string {
  return `${central.owner}/${central.repo}/${central.path}@${central.ref}`
}

export async function fetchCentralRegistry(central: CentralRegistry, access: ApiAccess): Promise<Registry> {
  const shownAs = describeCentralRegistry(central)
  const octokit = octokitFor(access)
  try {
    const response = await octokit.rest.repos.getContent({ ...central, mediaType: { format: 'raw' } })
    const text = z.string().safeParse(response.data)
    if (!text.success) throw new ScanError(`${shownAs}: the central registry is not a file (is the path a directory?)`)
    return parseRegistry(text.data, shownAs)
  } catch (error) {
    throw error instanceof ScanError ? error : new ScanError(refusalMessage(central, error))
  }
}

const HttpError = z.object({ status: z.number() })

function refusalMessage(central: CentralRegistry, error: unknown): string {
  const where = `the central registry ${central.path} in ${central.owner}/${central.repo} at ${central.ref}`
  const status = HttpError.safeParse(error).data?.status
  const tokenHint =
    'give registry-token a token that can read it (a GitHub App installation token or a fine-grained PAT with contents: read)'
  if (status === 401) return `cannot read ${where}: the token was refused (401); ${tokenHint}`
  if (status === 403) return `cannot read ${where}: access denied (403); ${tokenHint}`
  if (status === 404) {
    return `cannot read ${where}: not found (404). Check the repository, path and ref; a private repository also reads as not found unless registry-token can read it`
  }
  return `cannot read ${where}: ${(error as Error).message}`
}
