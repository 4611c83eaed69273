// Where the registry comes from for a scan of a working repository: the file the user names, or
// the one at the top of the working tree; the baseline file beside it comes with it.
import { dirname, isAbsolute, join } from 'node:path'
import { exists } from '../files.js'
import { BASELINE_FILE, parseBaseline, type Baseline } from './baseline.js'
import { bothOrEveryProblem, loadRegistryFile, readText } from './load.js'
import { Registry } from './registry.js'

export const DEFAULT_REGISTRY_FILE = '.model-registry.yml'

/**
 * An explicit file (relative to `dir`) must exist. The default file is the one at the top of the
 * working tree, wherever in it `dir` is; when absent, the built-in defaults apply. Problems in the
 * registry and in the baseline beside it are reported together.
 */
export async function loadRegistryFor(dir: string, file?: string): Promise<Registry> {
  const path = file === undefined ? await defaultRegistryPath(dir) : resolvePath(dir, file)
  const shownAs = file ?? DEFAULT_REGISTRY_FILE
  const read = file !== undefined || (await exists(path)) ? loadRegistryFile(path, shownAs) : Registry.defaults()
  const [registry, baseline] = await bothOrEveryProblem(Promise.resolve(read), baselineBeside(path, shownAs))
  return registry.withBaseline(baseline)
}

/** `.model-registry.yml` at the top of the working tree that holds `dir`. */
export async function defaultRegistryPath(dir: string): Promise<string> {
  return join(await workingTreeTop(dir), DEFAULT_REGISTRY_FILE)
}

/** The baseline file in the registry's folder, if there is one. */
async function baselineBeside(registryPath: string, registryShownAs: string): Promise<Baseline | null> {
  const path = join(dirname(registryPath), BASELINE_FILE)
  if (!(await exists(path))) return null
  const shownAs = join(dirname(registryShownAs), BASELINE_FILE)
  return parseBaseline(await readText(path, shownAs, 'the baseline'), shownAs)
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
