// `model-leak-guard validate-registry [FILE]`: prints `ok` or every error with FILE:LINE:COL.
import { resolve } from 'node:path'
import { EXIT } from '../errors.js'
import { loadRegistryFile } from '../registry/load.js'
import { DEFAULT_REGISTRY_FILE } from '../registry/index.js'
import type { CommandIO } from './io.js'
import { parseCommandArgs } from './args.js'

export async function validateRegistryCommand(args: string[], io: CommandIO): Promise<number> {
  const { positionals } = parseCommandArgs(args, {})
  const file = positionals[0] ?? DEFAULT_REGISTRY_FILE
  await loadRegistryFile(resolve(io.cwd, file), file)
  io.stdout.write('ok\n')
  return EXIT.pass
}
