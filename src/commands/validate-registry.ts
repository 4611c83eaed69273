// `model-leak-guard validate-registry [FILE]`: prints `ok` or every error at once, each with
// FILE:LINE:COL and, when a known key or name is close, what was probably meant. Without FILE, the
// registry at the top of the working tree, from any folder in it (as scan finds it); the baseline
// beside it is checked too.
import { relative, resolve } from 'node:path'
import { EXIT } from '../errors.js'
import { defaultRegistryPath, loadRegistryFor } from '../registry/index.js'
import type { CommandIO } from './io.js'
import { parseCommandArgs } from './args.js'
import { SPECS } from './specs.js'

export async function validateRegistryCommand(args: string[], io: CommandIO): Promise<number> {
  const { positionals } = parseCommandArgs(args, SPECS['validate-registry'])
  const file = positionals[0] ?? (relative(io.cwd, await defaultRegistryPath(io.cwd)) || resolve(io.cwd))
  await loadRegistryFor(io.cwd, file)
  io.stdout.write('ok\n')
  return EXIT.pass
}
