// Where the registry comes from for a scan of a working repository.
import { exists } from '../files.js'
import { dirname, isAbsolute, join } from 'node:path'
import { loadRegistryFile } from './load.js'
import { Registry } from './registry.js'

export const DEFAULT_REGISTRY_FILE = '.model-registry.yml'

/**
 * An explicit file (relative to `dir`) must exist. The default file is the one at the top of the
 * working tree, wherever in it `dir` is; when absent, the built-in defaults apply.
 */
export async function loadRegistryFor(dir: string, file?: string): Promise<Registry> {
  if (file !== undefined) return loadRegistryFile(resolvePath(dir, file), file)
  const path = join(await workingTreeTop(dir), DEFAULT_REGISTRY_FILE)
  return (await exists(path)) ? loadRegistryFile(path, DEFAULT_REGISTRY_FILE) : Registry.defaults()
}

/** The nearest folder at or above `dir` holding `.git` (a folder, or a file in worktrees and submodules); no git process needed. */
async function workingTreeTop(dir: string): Promise<string> {
  for (let current = dir; ; current = dirname(current)) {
    if (await exists(join(current, '.git'))) return current
    if (dirname(current) === current) return dir
  }
}

function resolvePath(dir: string, file: string): string {
  return isAbsolute(file) ? file : join(dir, file)
}
