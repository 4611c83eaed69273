// Argument parsing shared by every command: node's parseArgs, with usage errors as ScanErrors.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { ScanError } from '../errors.js'

type Options = NonNullable<ParseArgsConfig['options']>

export function parseCommandArgs(
  args: string[],
  options: Options
): { values: Record<string, unknown>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true })
    return { values, positionals }
  } catch (error) {
    throw new ScanError(`${(error as Error).message} (see --help)`)
  }
}
