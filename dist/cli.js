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
    scan: async () => (await import('./chunks/scan.js')).scanCommand,
    init: async () => (await import('./chunks/init.js')).initCommand,
    'validate-registry': async () => (await import('./chunks/validate-registry.js')).validateRegistryCommand,
    'pre-push': async () => (await import('./chunks/pre-push.js')).prePushCommand,
    'pre-commit-push': async () => (await import('./chunks/pre-commit.js')).preCommitPushCommand,
    'pre-receive': async () => (await import('./chunks/pre-receive.js')).preReceiveCommand,
    'install-hook': async () => (await import('./chunks/install-hook.js')).installHookCommand,
    explain: async () => (await import('./chunks/explain.js')).explainCommand,
    inventory: async () => (await import('./chunks/inventory.js')).inventoryCommand,
    baseline: async () => (await import('./chunks/baseline.js')).baselineCommand,
    demo: async () => (await import('./chunks/demo.js')).demoCommand
};
function isCommand(name) {
    return Object.hasOwn(COMMANDS, name);
}

// The CLI: `model-leak-guard <command> [options]`. A thin adapter: argv in, exit code out. Importable
// (the tests run it in-process); the program that runs it is src/cli.ts.
// It must not import the Action toolkit or Octokit: the hooks start it on every push.
async function runCli(argv, io) {
    const [name, ...args] = argv;
    if (name === undefined || name === '--help' || name === '-h') {
        io.stdout.write(await helpText());
        return name === undefined ? EXIT.error : EXIT.pass;
    }
    if (name === '--version' || name === '-V') {
        io.stdout.write(`${VERSION}\n`);
        return EXIT.pass;
    }
    if (name === 'help')
        return help(args, io);
    if (!isCommand(name))
        return unknownCommand(name, io);
    if (asksForHelp(args)) {
        io.stdout.write(await helpText(name));
        return EXIT.pass;
    }
    try {
        const run = await COMMANDS[name]();
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
/**
 * The list of commands, or one command's help. Loaded when asked for: the specs it is written
 * from are shared with the command modules, so they must not be part of the bin's own file.
 */
async function helpText(name) {
    const { commandHelp, usage } = await import('./chunks/help.js');
    return name === undefined ? usage() : commandHelp(name);
}
/** `help` alone lists the commands; `help <command>` is `<command> --help`. */
async function help([name], io) {
    if (name !== undefined && !isCommand(name))
        return unknownCommand(name, io);
    io.stdout.write(await helpText(name));
    return EXIT.pass;
}
async function unknownCommand(name, io) {
    io.stderr.write(`model-leak-guard: unknown command "${name}"\n\n${await helpText()}`);
    return EXIT.error;
}
/** `--help` or `-h` among the options; after `--` they are operands (a file may be called that). */
function asksForHelp(args) {
    const end = args.indexOf('--');
    return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

// The program behind the `model-leak-guard` bin (dist/cli.js). It always runs: whatever name or
// symlink starts it, a CLI that decides by its own path whether to run can exit 0 doing nothing.
// The importable CLI is commands/run.ts; nothing imports this file.
module$1.enableCompileCache?.();
void runCli(process.argv.slice(2), processIO(fileURLToPath(import.meta.url))).then((code) => {
    process.exitCode = code;
});
