// Reads and validates a registry file. Every error names FILE:LINE:COL, the key path and what
// was expected (with the nearest known key, label or dataset when one is close), and every error
// is reported at once: schema problems and cross-checks in one list.
import { readFile } from 'node:fs/promises'
import { ScanError } from '../errors.js'
import { crossCheck } from './cross-check.js'
import { Registry, type RegistryOrigin } from './registry.js'
import { RegistrySchema } from './schema.js'
import { validateYaml } from './validate.js'

export { formatProblem, RegistryError, type RegistryProblem } from './validate.js'

/** Reads a registry file; a missing file is an error here (the caller decides about defaults). */
export async function loadRegistryFile(file: string, origin: RegistryOrigin | string = file): Promise<Registry> {
  const shown = typeof origin === 'string' ? { file: origin } : origin
  return parseRegistry(await readText(file, shown.file, 'the registry'), shown)
}

/** The text of a file the user named; a read error is the user's to fix, said with the file. */
export async function readText(path: string, shownAs: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new ScanError(`${shownAs}: cannot read ${what}: ${reason}`)
  }
}

export function parseRegistry(text: string, origin: RegistryOrigin | string): Registry {
  const shown = typeof origin === 'string' ? { file: origin } : origin
  const { data, lineOf } = validateYaml(text, shown.file, RegistrySchema, crossCheck)
  return new Registry(data, shown, lineOf)
}

/**
 * Both reads, or one error holding every problem of both: a registry and the baseline beside it
 * are fixed in one round, not one file at a time. A failure that is not the user's (a bug) wins.
 */
export async function bothOrEveryProblem<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first, second])
  const failures: unknown[] = [a, b].flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
  const bug = failures.find((error) => !(error instanceof ScanError))
  if (bug !== undefined) throw bug
  if (failures.length > 1) throw new ScanError(failures.map((error) => (error as Error).message).join('\n'))
  if (a.status === 'rejected') throw a.reason
  if (b.status === 'rejected') throw b.reason
  return [a.value, b.value]
}
