// The command table: one line per subcommand. Each command module is loaded only when its command
// runs, so `--help` and `--version` start without the engine; what each takes is its spec (specs.ts).
import type { Command } from './io.js'
import type { CommandName } from './specs.js'

export const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  scan: async () => (await import('./scan.js')).scanCommand,
  init: async () => (await import('./init.js')).initCommand,
  'validate-registry': async () => (await import('./validate-registry.js')).validateRegistryCommand,
  'pre-push': async () => (await import('./pre-push.js')).prePushCommand,
  'pre-commit-push': async () => (await import('./pre-commit.js')).preCommitPushCommand,
  'pre-receive': async () => (await import('./pre-receive.js')).preReceiveCommand,
  'install-hook': async () => (await import('./install-hook.js')).installHookCommand,
  explain: async () => (await import('./explain.js')).explainCommand,
  inventory: async () => (await import('./inventory.js')).inventoryCommand,
  baseline: async () => (await import('./baseline.js')).baselineCommand,
  demo: async () => (await import('./demo.js')).demoCommand
}

export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name)
}
