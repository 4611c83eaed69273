// Argument parsing shared by every command: node's parseArgs, with usage errors as ScanErrors, and
// values typed from the options (a string option is `string | undefined`, no cast needed).
import { resolve } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { ScanError } from '../errors.js'
import type { CommandIO } from './io.js'

type Options = NonNullable<ParseArgsConfig['options']>

export function parseCommandArgs<T extends Options>(args: string[], options: T) {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true })
    return { values, positionals }
  } catch (error) {
    throw new ScanError(`${(error as Error).message} (see --help)`)
  }
}

/** The repository a command works in: `-C DIR` from where it runs, else where it runs. */
export function repositoryDir(io: CommandIO, dir: string | undefined): string {
  return resolve(io.cwd, dir ?? '.')
}
