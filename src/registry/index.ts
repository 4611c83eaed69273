// Where the registry comes from for a scan of a working repository.
import { access } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import { loadRegistryFile } from './load.js'
import { Registry } from './registry.js'

export const DEFAULT_REGISTRY_FILE = '.model-registry.yml'

/** An explicit file must exist; the default file falls back to the built-in defaults when absent. */
export async function loadRegistryFor(dir: string, file?: string): Promise<Registry> {
  const shownAs = file ?? DEFAULT_REGISTRY_FILE
  const path = resolvePath(dir, shownAs)
  if (file === undefined && !(await exists(path))) return Registry.defaults()
  return loadRegistryFile(path, shownAs)
}

function resolvePath(dir: string, file: string): string {
  return isAbsolute(file) ? file : join(dir, file)
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}
