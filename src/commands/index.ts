// The command table: one line per subcommand. Each command module parses its own options.
import type { Command } from './io.js'
import { demoCommand } from './demo.js'
import { scanCommand } from './scan.js'
import { validateRegistryCommand } from './validate-registry.js'

export const COMMANDS: Record<string, { run: Command; summary: string }> = {
  scan: { run: scanCommand, summary: 'scan what a push of REVs would send (default: HEAD --not --remotes)' },
  'validate-registry': { run: validateRegistryCommand, summary: 'check a registry file; prints ok or every error' },
  demo: { run: demoCommand, summary: 'scan a throwaway demo repository (what `npm start` runs)' }
}
