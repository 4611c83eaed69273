#!/usr/bin/env node
import module$1 from 'node:module';
import { fileURLToPath } from 'node:url';
import { E as EXIT, V as VERSION, S as ScanError } from './chunks/version.js';

function processIO(program) {
    return {
        program,
        cwd: process.cwd(),
        env: process.env,
        stdout: process.stdout,
        stderr: process.stderr,
        async readStdin() {
            if (process.stdin.isTTY)
                return '';
            const chunks = [];
            for await (const chunk of process.stdin)
                chunks.push(chunk);
            return Buffer.concat(chunks).toString('utf8');
        }
    };
}

const COMMANDS = {
    scan: {
        load: async () => (await import('./chunks/scan.js')).scanCommand,
        summary: 'scan what a push of REVs would send (default: HEAD --not --remotes)'
    },
    init: {
        load: async () => (await import('./chunks/init.js')).initCommand,
        summary: 'propose a .model-registry.yml from what the history holds [--force] [--output FILE]'
    },
    'validate-registry': {
        load: async () => (await import('./chunks/validate-registry.js')).validateRegistryCommand,
        summary: 'check a registry file; prints ok or every error'
    },
    'pre-push': {
        load: async () => (await import('./chunks/pre-push.js')).prePushCommand,
        summary: 'git pre-push hook: <remote-name> <remote-url>, ref lines on stdin; exit 1 stops the push'
    },
    'pre-commit-push': {
        load: async () => (await import('./chunks/pre-commit.js')).preCommitPushCommand,
        summary: "the pre-commit framework's pre-push stage: the ref pre-commit names (PRE_COMMIT_* variables)"
    },
    'pre-receive': {
        load: async () => (await import('./chunks/pre-receive.js')).preReceiveCommand,
        summary: 'server pre-receive hook [--registry FILE] [--url URL] [--visibility V]; exit 1 rejects the push'
    },
    'install-hook': {
        load: async () => (await import('./chunks/install-hook.js')).installHookCommand,
        summary: 'install the pre-push hook [--husky] [--command CMD]: runs the tool it finds and checks now; idempotent, chains an existing hook'
    },
    explain: {
        load: async () => (await import('./chunks/explain.js')).explainCommand,
        summary: 'explain PATH [REV]: detection, every provenance source, the deciding rule (default: the working tree)'
    },
    inventory: {
        load: async () => (await import('./chunks/inventory.js')).inventoryCommand,
        summary: 'every model with its datasets, labels, lineage and verdict: a CycloneDX 1.6 ML-BOM (default: what HEAD holds)'
    },
    baseline: {
        load: async () => (await import('./chunks/baseline.js')).baselineCommand,
        summary: 'record the artifacts in every ref today [--output FILE], so the gate blocks only new ones'
    },
    demo: {
        load: async () => (await import('./chunks/demo.js')).demoCommand,
        summary: 'scan a throwaway demo repository (what `npm start` runs); --keep keeps it to look around'
    }
};
const SCAN_USAGE = `model-leak-guard scan [REV...] [options]
  REV...            revisions as git rev-list takes them (main..feature, A ^B);
                    default: what the current branch would push (HEAD --not --remotes)
  --all             every ref's history
  --gitlab          this GitLab CI pipeline's range: a merge request's changes, or a push's
                    (from GitLab's CI_* variables; a shallow clone is deepened as needed)
  --staged [PATH...]  what the next commit adds (the index) before it is committed; with PATHs,
                    the index's files at those paths (what the pre-commit framework passes)
  --registry FILE   registry file (default .model-registry.yml; built-in defaults when absent)
  --format text|json|sarif|codequality   (codequality: GitLab's merge request widget)
  --output FILE, --quiet, -C DIR`;

// The CLI: `model-leak-guard <command> [options]`. A thin adapter: argv in, exit code out. Importable
// (the tests run it in-process); the program that runs it is src/cli.ts.
// It must not import the Action toolkit or Octokit: the hooks start it on every push.
function usage() {
    const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
    const commands = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
    return [
        'model-leak-guard: stop models trained on sensitive data from leaving a repository',
        '',
        'usage: model-leak-guard <command> [options]',
        ...commands,
        '',
        SCAN_USAGE,
        '',
        'exit codes: 0 pass (warnings included), 1 blocked, 2 usage, registry or git error',
        ''
    ].join('\n');
}
async function runCli(argv, io) {
    const [name, ...args] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
        io.stdout.write(usage());
        return name === undefined ? EXIT.error : EXIT.pass;
    }
    if (name === '--version' || name === '-V') {
        io.stdout.write(`${VERSION}\n`);
        return EXIT.pass;
    }
    const command = COMMANDS[name];
    if (!command) {
        io.stderr.write(`model-leak-guard: unknown command "${name}"\n\n${usage()}`);
        return EXIT.error;
    }
    if (args.includes('--help') || args.includes('-h')) {
        io.stdout.write(usage());
        return EXIT.pass;
    }
    try {
        const run = await command.load();
        return await run(args, io);
    }
    catch (error) {
        if (error instanceof ScanError) {
            io.stderr.write(`model-leak-guard: ${error.message}\n`);
            return EXIT.error;
        }
        io.stderr.write(`model-leak-guard: internal error (please report it): ${error.stack ?? String(error)}\n`);
        return EXIT.error;
    }
}

// The program behind the `model-leak-guard` bin (dist/cli.js). It always runs: whatever name or
// symlink starts it, a CLI that decides by its own path whether to run can exit 0 doing nothing.
// The importable CLI is commands/run.ts; nothing imports this file.
module$1.enableCompileCache?.();
void runCli(process.argv.slice(2), processIO(fileURLToPath(import.meta.url))).then((code) => {
    process.exitCode = code;
});
