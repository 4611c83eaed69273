// Argument parsing shared by every command: node's parseArgs over the command's spec (specs.ts),
// the same spec its --help is written from, with values typed from the spec's options (a string
// option is `string | undefined`, no cast needed). A usage error names what was wrong (an unknown
// option with the options the command takes and the nearest one) and points at the command's --help.
import { resolve } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { ScanError } from '../errors.js'
import { isRevisionOption } from '../range/leaving.js'
import { nearest } from '../registry/nearest.js'
import type { CommandIO } from './io.js'
import type { CommandSpec, OptionSpec } from './specs.js'

/** What each option parses to: a string option's value, or whether a switch was given. */
export type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean
}

export interface ParsedArgs<S extends CommandSpec> {
  values: OptionValues<S['options']>
  positionals: string[]
}

/** Marks a revision option so the parser takes it as an operand; the mark is dropped after. */
const REVISION = '\0'

export function parseCommandArgs<S extends CommandSpec>(args: string[], spec: S): ParsedArgs<S> {
  const marked = spec.revisions ? args.map((arg) => (isRevisionOption(arg) ? `${REVISION}${arg}` : arg)) : args
  let parsed: { values: object; positionals: string[] }
  try {
    parsed = parseArgs({ args: marked, options: parserOptions(spec), allowPositionals: true, strict: true })
  } catch (error) {
    throw usageError(spec, error as NodeJS.ErrnoException)
  }
  const positionals = parsed.positionals.map((arg) => (arg.startsWith(REVISION) ? arg.slice(1) : arg))
  if (spec.operands.length === 0 && positionals.length > 0)
    throw new ScanError(`${spec.name}: unexpected argument "${positionals[0]}": it takes only options ${seeHelp(spec)}`)
  // parseArgs gives each option the type its spec declares (no `multiple` options here).
  return { values: parsed.values as OptionValues<S['options']>, positionals }
}

/** The repository a command works in: `-C DIR` from where it runs, else where it runs. */
export function repositoryDir(io: CommandIO, dir: string | undefined): string {
  return resolve(io.cwd, dir ?? '.')
}

/** The options as parseArgs takes them. */
function parserOptions(spec: CommandSpec): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(spec.options).map(([name, { type, short }]) => [name, short ? { type, short } : { type }])
  )
}

/** How each option is written on the command line: `--registry`, `-C`. */
export function optionFlags(spec: CommandSpec): string[] {
  return Object.keys(spec.options).map((name) => (name.length === 1 ? `-${name}` : `--${name}`))
}

function usageError(spec: CommandSpec, error: NodeJS.ErrnoException): ScanError {
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return new ScanError(`${spec.name}: ${error.message} ${seeHelp(spec)}`)
  const flag = /'([^']+)'/.exec(error.message)?.[1] ?? error.message
  const flags = optionFlags(spec)
  const near = nearest(flag, flags)
  const takes = flags.length > 0 ? `${spec.name} takes ${flags.join(', ')}` : `${spec.name} takes no options`
  return new ScanError(
    `${spec.name}: unknown option ${flag}${near ? ` (did you mean ${near}?)` : ''}; ${takes} ${seeHelp(spec)}`
  )
}

export function seeHelp(spec: CommandSpec): string {
  return `(see model-leak-guard ${spec.name} --help)`
}
