// The command table: one line per subcommand. Each command module parses its own options and is
// loaded only when its command runs, so `--help` and `--version` start without the engine.
import type { Command } from './io.js'

interface CommandEntry {
  load: () => Promise<Command>
  summary: string
}

export const COMMANDS: Record<string, CommandEntry> = {
  scan: {
    load: async () => (await import('./scan.js')).scanCommand,
    summary: 'scan what a push of REVs would send (default: HEAD --not --remotes)'
  },
  init: {
    load: async () => (await import('./init.js')).initCommand,
    summary: 'propose a .model-registry.yml from what the history holds [--force] [--output FILE]'
  },
  'validate-registry': {
    load: async () => (await import('./validate-registry.js')).validateRegistryCommand,
    summary: 'check a registry file; prints ok or every error'
  },
  'pre-push': {
    load: async () => (await import('./pre-push.js')).prePushCommand,
    summary: 'git pre-push hook: <remote-name> <remote-url>, ref lines on stdin; exit 1 stops the push'
  },
  'pre-commit-push': {
    load: async () => (await import('./pre-commit.js')).preCommitPushCommand,
    summary: "the pre-commit framework's pre-push stage: the ref pre-commit names (PRE_COMMIT_* variables)"
  },
  'pre-receive': {
    load: async () => (await import('./pre-receive.js')).preReceiveCommand,
    summary: 'server pre-receive hook [--registry FILE] [--url URL] [--visibility V]; exit 1 rejects the push'
  },
  'install-hook': {
    load: async () => (await import('./install-hook.js')).installHookCommand,
    summary:
      'install the pre-push hook [--husky] [--command CMD]: runs the tool it finds and checks now; idempotent, chains an existing hook'
  },
  explain: {
    load: async () => (await import('./explain.js')).explainCommand,
    summary: 'explain PATH [REV]: detection, every provenance source, the deciding rule (default: the working tree)'
  },
  inventory: {
    load: async () => (await import('./inventory.js')).inventoryCommand,
    summary:
      'every model with its datasets, labels, lineage and verdict: a CycloneDX 1.6 ML-BOM (default: what HEAD holds)'
  },
  baseline: {
    load: async () => (await import('./baseline.js')).baselineCommand,
    summary: 'record the artifacts in every ref today [--output FILE], so the gate blocks only new ones'
  },
  demo: {
    load: async () => (await import('./demo.js')).demoCommand,
    summary: 'scan a throwaway demo repository (what `npm start` runs); --keep keeps it to look around'
  }
}

export const SCAN_USAGE = `model-leak-guard scan [REV...] [options]
  REV...            revisions as git rev-list takes them (main..feature, A ^B);
                    default: what the current branch would push (HEAD --not --remotes)
  --all             every ref's history
  --gitlab          this GitLab CI pipeline's range: a merge request's changes, or a push's
                    (from GitLab's CI_* variables; a shallow clone is deepened as needed)
  --staged [PATH...]  what the next commit adds (the index) before it is committed; with PATHs,
                    the index's files at those paths (what the pre-commit framework passes)
  --registry FILE   registry file (default .model-registry.yml; built-in defaults when absent)
  --format text|json|sarif|codequality   (codequality: GitLab's merge request widget)
  --output FILE, --quiet, -C DIR`
