// The program behind the `model-leak-guard` bin (dist/cli.js). It always runs: whatever name or
// symlink starts it, a CLI that decides by its own path whether to run can exit 0 doing nothing.
// The importable CLI is commands/run.ts; nothing imports this file.
import module from 'node:module'
import { fileURLToPath } from 'node:url'
import { processIO } from './commands/io.js'
import { runCli } from './commands/run.js'

// Node 22+ caches compiled code between runs (the hook starts on every push); Node 20 has no cache.
;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()

void runCli(process.argv.slice(2), processIO(fileURLToPath(import.meta.url))).then((code) => {
  process.exitCode = code
})
