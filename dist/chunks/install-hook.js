import { realpath, access, constants, mkdir, rename, writeFile, chmod, readFile } from 'node:fs/promises';
import { join, delimiter, dirname, resolve, basename } from 'node:path';
import { S as ScanError, E as EXIT } from './version.js';
import { e as exists } from './leaving.js';
import { G as GitRepository } from './git.js';
import { p as parseCommandArgs, r as repositoryDir } from './args.js';
import { spawn } from 'node:child_process';
import { S as SPECS } from './specs.js';
import 'node:os';
import 'node:util';

// Runs a command the way git runs a hook: `sh -c`, from the top of the working tree, in the
// caller's environment. `install-hook` uses it to check, before writing a hook, that the command
// the hook will run starts at all (a hook that cannot find its tool stops every push).
/** How long a `--version` check may take: a hung command is a failed check. */
const CHECK_TIMEOUT_MS = 30_000;
function runLikeAHook(top, command, env) {
    const child = spawn('sh', ['-c', command], {
        cwd: top,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: CHECK_TIMEOUT_MS
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk) => (output += chunk.toString('utf8')));
    return new Promise((settle) => {
        child.on('error', (error) => settle({ code: 127, output: `${output}${error.message}` }));
        child.on('close', (code, signal) => settle({ code: code ?? 128, output: signal ? `${output}(killed: ${signal})` : output }));
    });
}

// Which command a hook runs to reach model-leak-guard, decided when the hook is installed and
// checked by running it: the project's own install, else the one on PATH, else the very CLI that
// runs install-hook (node and its dist/cli.js by absolute path, so no PATH is needed at push time).
const BIN = 'model-leak-guard';
/** Hooks run from the top of the working tree: a project's own install is found there. */
const LOCAL_BIN_DIR = 'node_modules/.bin';
async function findHookTool(search) {
    if (await isExecutable(join(search.top, LOCAL_BIN_DIR, BIN))) {
        // husky puts node_modules/.bin on PATH itself; a plain git hook does it in the command.
        const command = search.runner === 'git' ? `PATH="${LOCAL_BIN_DIR}:$PATH" ${BIN}` : BIN;
        return { command, found: `this project's ${LOCAL_BIN_DIR}/${BIN}` };
    }
    const onPath = await findOnPath(BIN, search.env.PATH ?? '');
    if (onPath && (!search.program || (await realpath(onPath)) === search.program)) {
        return { command: BIN, found: `${onPath} on PATH` };
    }
    if (search.program) {
        return { command: `${shellQuote(process.execPath)} ${shellQuote(search.program)}`, found: 'the CLI running now' };
    }
    throw new ScanError(`cannot find ${BIN} for the hook to run: no ${LOCAL_BIN_DIR}/${BIN} in ${search.top} and none on PATH. ` +
        'Install it (docs/install.md) and run install-hook through it, or give --command CMD');
}
/** Runs `<command> --version` as the hook will run it; a command that does not start is an error, and no hook is written. */
async function checkHookTool(tool, search) {
    // husky's runner prepends node_modules/.bin (its own path from the top) before running the hook.
    const env = search.runner === 'husky'
        ? { ...search.env, PATH: `${join(search.top, LOCAL_BIN_DIR)}${delimiter}${search.env.PATH ?? ''}` }
        : search.env;
    const { code, output } = await runLikeAHook(search.top, `${tool.command} --version`, env);
    const version = output.trim();
    if (code === 0 && /^\d+\.\d+\.\d+\S*$/.test(version))
        return version;
    throw new ScanError(`the hook would run "${tool.command}" (${tool.found}), which does not work here (exit ${code}): ${version || 'no output'}\n` +
        `  no hook was written. Install ${BIN} (docs/install.md), or give --command CMD with a command that runs it`);
}
async function findOnPath(name, path) {
    for (const dir of path.split(delimiter).filter(Boolean)) {
        if (await isExecutable(join(dir, name)))
            return join(dir, name);
    }
    return null;
}
async function isExecutable(path) {
    return access(path, constants.X_OK).then(() => true, () => false);
}
/** A word for sh, single-quoted: nothing inside is expanded. */
function shellQuote(word) {
    return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

// `model-leak-guard install-hook [--husky] [--command CMD]`: installs the pre-push hook where git
// (or husky 9) runs it, running a command found now and checked by running it (hook-tool.ts).
// Idempotent; an existing different hook is kept and chained: it moves to `pre-push.local` and runs
// after the scan passes, with the same arguments and the same ref lines on stdin (a hook that
// uploads, like git-lfs's, must never send what the scan blocks).
const MARKER = '# model-leak-guard pre-push hook';
async function installHookCommand(args, io) {
    const { values } = parseCommandArgs(args, SPECS['install-hook']);
    const git = await GitRepository.open(repositoryDir(io, values.C));
    const target = values.husky ? await huskyTarget(git) : await gitHooksTarget(git);
    const search = { top: await git.topLevel(), runner: target.runner, env: io.env, program: io.program };
    const given = values.command;
    const tool = given ? { command: given, found: 'given with --command' } : await findHookTool(search);
    const version = await checkHookTool(tool, search);
    const outcome = await installAt(target, tool.command);
    const checked = `the hook runs: ${tool.command}  (${tool.found}; checked: --version printed ${version})`;
    io.stdout.write(`${outcome}\n${checked}\n${target.note ? `${target.note}\n` : ''}`);
    return EXIT.pass;
}
/** The hooks directory git uses: `git rev-parse --git-path hooks` follows core.hooksPath. */
async function gitHooksTarget(git) {
    const hooks = await git.hooksDir();
    if (basename(hooks) === '_' && (await exists(join(hooks, 'h')))) {
        throw new ScanError(`husky runs this repository's hooks (core.hooksPath is ${hooks}): run install-hook --husky`);
    }
    await mkdir(hooks, { recursive: true });
    return { path: join(hooks, 'pre-push'), runner: 'git' };
}
/** `.husky/pre-push` next to husky's `_` directory (core.hooksPath), or at the top level. */
async function huskyTarget(git) {
    const top = await git.topLevel();
    const configured = ((await git.configGet('core.hooksPath')) ?? '').trim();
    const husky = configured.endsWith('_') ? dirname(resolve(top, configured)) : join(top, '.husky');
    await mkdir(husky, { recursive: true });
    const note = configured.endsWith('_')
        ? undefined
        : 'husky is not set up here yet: run `npx husky init` (or add "prepare": "husky") so git runs .husky hooks';
    return { path: join(husky, 'pre-push'), runner: 'husky', note };
}
/** Writes the hook; chains an existing different one; says what it did. */
async function installAt(target, command) {
    const local = `${target.path}.local`;
    const existing = await readIfExists(target.path);
    if (existing !== null && !existing.includes(MARKER)) {
        if (await exists(local)) {
            throw new ScanError(`${target.path} is another hook and ${local} exists too: merge them by hand into ${local}, remove ${target.path}, and run install-hook again`);
        }
        await rename(target.path, local);
    }
    const script = hookScript(target.runner, command, await exists(local));
    if (existing === script)
        return `already installed: ${target.path}`;
    await writeFile(target.path, script);
    await chmod(target.path, 0o755);
    if (existing === null)
        return `installed ${target.path}`;
    return existing.includes(MARKER)
        ? `updated ${target.path}`
        : `installed ${target.path}; the hook that was there moved to ${local} and runs after the scan passes`;
}
/** The hook file's text: our command, then the chained hook when there is one (only if ours passed). */
function hookScript(runner, command, chained) {
    const run = `${command} pre-push "$@"`;
    const head = runner === 'git' ? ['#!/bin/sh', MARKER] : [MARKER];
    if (!chained)
        return [...head, run, ''].join('\n');
    const previous = runner === 'git' ? '"$(dirname "$0")/pre-push.local"' : 'sh -e "$(dirname "$0")/pre-push.local"';
    return [
        ...head,
        '# git gives the ref lines on stdin once: keep them and feed both hooks',
        'input=$(cat)',
        'feed() { [ -z "$input" ] || printf \'%s\\n\' "$input"; }',
        `feed | ${run} || exit $?`,
        `feed | ${previous} "$@"`,
        ''
    ].join('\n');
}
async function readIfExists(path) {
    try {
        return await readFile(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return null;
        throw error;
    }
}

export { hookScript, installHookCommand };
