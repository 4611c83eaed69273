// The command table: one line per subcommand. Each command module parses its own options.
import type { Command } from './io.js'
import { demoCommand } from './demo.js'
import { explainCommand } from './explain.js'
import { installHookCommand } from './install-hook.js'
import { prePushCommand } from './pre-push.js'
import { preReceiveCommand } from './pre-receive.js'
import { scanCommand } from './scan.js'
import { validateRegistryCommand } from './validate-registry.js'

export const COMMANDS: Record<string, { run: Command; summary: string }> = {
  scan: { run: scanCommand, summary: 'scan what a push of REVs would send (default: HEAD --not --remotes)' },
  'validate-registry': { run: validateRegistryCommand, summary: 'check a registry file; prints ok or every error' },
  'pre-push': { run: prePushCommand, summary: 'git pre-push hook: <remote-name> <remote-url>, ref lines on stdin; exit 1 stops the push' },
  'pre-receive': { run: preReceiveCommand, summary: 'server pre-receive hook [--registry FILE]; exit 1 rejects the push' },
  'install-hook': { run: installHookCommand, summary: 'install the pre-push hook [--husky] [--command CMD]; idempotent, chains an existing hook' },
  explain: { run: explainCommand, summary: 'explain one artifact at REV: detection, every provenance source, the deciding rule' },
  demo: { run: demoCommand, summary: 'scan a throwaway demo repository (what `npm start` runs)' }
}
