#!/usr/bin/env node
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { s as scan, l as loadRegistryFor, r as renderText, w as wantsColour, E as EXIT, S as ScanError, G as GitRepository, D as DEFAULT_REGISTRY_FILE, a as loadRegistryFile } from './chunks/scan.js';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

// Builds the throwaway repository that `npm start` scans: a registry with a restricted and a
// public dataset, a model trained on each, and a k-NN index of patient embeddings.
const DEMO_REGISTRY = `version: 1
labels:
  - { name: public }
  - { name: internal }
  - { name: confidential, block: true }
  - { name: restricted, block: true }
datasets:
  - { id: ukbb, label: restricted, aliases: [uk-biobank], paths: ["data/ukbb/**"] }
  - { id: cifar10, label: public }
models:
  - { path: "models/risk/**", trained_on: [ukbb] }
  - { path: "models/vision/**", trained_on: [cifar10] }
  - { path: "indexes/**", trained_on: [ukbb] }
policy:
  unknown_provenance: block
`;
/** A spec-exact safetensors file: u64 header length, JSON header, tensor bytes. */
function safetensorsBytes(metadata, values) {
    const data = Buffer.from(new Float32Array(values).buffer);
    const header = JSON.stringify({
        __metadata__: metadata,
        weight: { dtype: 'F32', shape: [values.length], data_offsets: [0, data.length] }
    });
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(Buffer.byteLength(header)));
    return Buffer.concat([length, Buffer.from(header), data]);
}
/** A FAISS IndexFlatL2 as faiss.write_index writes it: fourcc, header, then every vector verbatim. */
function faissFlatBytes(vectors) {
    const dimension = vectors[0].length;
    const header = Buffer.alloc(4 + 4 + 8 + 8 + 8 + 1 + 4);
    header.write('IxF2', 0, 'latin1');
    header.writeInt32LE(dimension, 4);
    header.writeBigInt64LE(BigInt(vectors.length), 8);
    header.writeBigInt64LE(1n << 20n, 16);
    header.writeBigInt64LE(1n << 20n, 24);
    header.writeUInt8(1, 32);
    header.writeInt32LE(1, 33); // METRIC_L2
    const count = Buffer.alloc(8);
    count.writeBigUInt64LE(BigInt(vectors.length * dimension));
    return Buffer.concat([header, count, Buffer.from(new Float32Array(vectors.flat()).buffer)]);
}
function git(dir, ...args) {
    execFileSync('git', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, ...DEMO_IDENTITY } });
}
const DEMO_IDENTITY = {
    GIT_AUTHOR_NAME: 'Demo',
    GIT_AUTHOR_EMAIL: 'demo@example.invalid',
    GIT_COMMITTER_NAME: 'Demo',
    GIT_COMMITTER_EMAIL: 'demo@example.invalid'
};
function write(root, path, content) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
}
/** Returns the path of a clone whose branch has unpushed commits adding the three artifacts. */
function buildDemoRepository() {
    const root = mkdtempSync(join(tmpdir(), 'model-leak-guard-demo-'));
    const remote = join(root, 'origin.git');
    const work = join(root, 'work');
    execFileSync('git', ['init', '-q', '--bare', remote]);
    execFileSync('git', ['init', '-q', '-b', 'main', work]);
    write(work, '.model-registry.yml', DEMO_REGISTRY);
    write(work, 'README.md', '# demo project\n');
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'Add the model registry');
    git(work, 'remote', 'add', 'origin', remote);
    git(work, 'push', '-q', 'origin', 'main');
    write(work, 'models/risk/model.safetensors', safetensorsBytes({ format: 'pt' }, [0.1, 0.2, 0.3, 0.4]));
    write(work, 'models/vision/model.safetensors', safetensorsBytes({ format: 'pt' }, [1, 2, 3, 4]));
    write(work, 'indexes/patients.faiss', faissFlatBytes([[0.5, 1.5, 2.5, 3.5], [4.5, 5.5, 6.5, 7.5]]));
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'Add trained models and the patient embedding index');
    return work;
}

// `npm start`: builds a throwaway repository and scans what its branch would push.
async function demoCommand(_args, io) {
    const work = buildDemoRepository();
    try {
        io.stdout.write(`Demo: a repository whose branch adds two models and a k-NN index (in ${work}).\n`);
        io.stdout.write('$ model-leak-guard scan            # what `git push` would send: HEAD --not --remotes\n\n');
        const report = await scan({ repoDir: work, revisions: ['HEAD', '--not', '--remotes'], registry: await loadRegistryFor(work) });
        io.stdout.write(renderText(report, { colour: wantsColour(io.stdout, io.env) }));
        io.stdout.write(`\nThe push would be ${report.verdict === 'block' ? 'BLOCKED (exit code 1)' : 'allowed'}.\n` +
            'Run it on your own repository:  npx model-leak-guard scan   (or: node dist/cli.js scan -C /path/to/repo)\n');
        return report.verdict === 'block' ? EXIT.pass : EXIT.blocked;
    }
    finally {
        rmSync(dirname(work), { recursive: true, force: true });
    }
}

function renderJson(report) {
    const findings = report.findings.map(({ fix, detail, ...contract }) => ({ ...contract, fix, detail }));
    return JSON.stringify({ ...report, findings }, null, 2) + '\n';
}

// Writes a scan report where the user asked, in the format they asked.
function parseFormat(value) {
    if (value === undefined || value === 'text' || value === 'json')
        return value ?? 'text';
    throw new ScanError(`--format must be text or json, not "${value}"`);
}
async function writeReport(report, options, io) {
    if (options.output) {
        const text = options.format === 'json' ? renderJson(report) : renderText(report, { colour: false });
        await writeFile(resolve(io.cwd, options.output), text);
    }
    if (options.quiet && report.verdict === 'pass')
        return;
    const toStdout = options.format === 'json' && !options.output;
    const text = toStdout ? renderJson(report) : renderText(report, { colour: wantsColour(io.stdout, io.env) });
    io.stdout.write(text);
}

// Argument parsing shared by every command: node's parseArgs, with usage errors as ScanErrors.
function parseCommandArgs(args, options) {
    try {
        const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
        return { values, positionals };
    }
    catch (error) {
        throw new ScanError(`${error.message} (see --help)`);
    }
}

// `model-leak-guard scan [REV...]`: scan what a push of these revisions would send.
const SCAN_USAGE = `model-leak-guard scan [REV...] [options]
  REV...            revisions as git rev-list takes them (main..feature, A ^B);
                    default: what the current branch would push (HEAD --not --remotes)
  --all             every ref's history
  --registry FILE   registry file (default .model-registry.yml; built-in defaults when absent)
  --format text|json, --output FILE, --quiet, -C DIR`;
async function scanCommand(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
        all: { type: 'boolean' },
        registry: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string' },
        quiet: { type: 'boolean' },
        C: { type: 'string', short: 'C' }
    });
    const dir = resolve(io.cwd, values.C ?? '.');
    const format = parseFormat(values.format);
    const registry = await loadRegistryFor(dir, values.registry);
    const revisions = values.all ? ['--all', ...positionals] : positionals.length ? positionals : await defaultRange(dir);
    const report = await scan({ repoDir: dir, revisions, registry });
    await writeReport(report, { format, output: values.output, quiet: Boolean(values.quiet) }, io);
    return report.verdict === 'block' ? EXIT.blocked : EXIT.pass;
}
/** What the current branch would push; nothing when HEAD has no commit yet. */
async function defaultRange(dir) {
    const git = await GitRepository.open(dir);
    return (await git.revParse('HEAD')) ? ['HEAD', '--not', '--remotes'] : [];
}

// `model-leak-guard validate-registry [FILE]`: prints `ok` or every error with FILE:LINE:COL.
async function validateRegistryCommand(args, io) {
    const { positionals } = parseCommandArgs(args, {});
    const file = positionals[0] ?? DEFAULT_REGISTRY_FILE;
    await loadRegistryFile(resolve(io.cwd, file), file);
    io.stdout.write('ok\n');
    return EXIT.pass;
}

const COMMANDS = {
    scan: { run: scanCommand, summary: 'scan what a push of REVs would send (default: HEAD --not --remotes)' },
    'validate-registry': { run: validateRegistryCommand, summary: 'check a registry file; prints ok or every error' },
    demo: { run: demoCommand, summary: 'scan a throwaway demo repository (what `npm start` runs)' }
};

function processIO() {
    return {
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

// Kept equal to package.json's version by a test (importing package.json would bundle it whole).
const VERSION = '0.1.0';

// The CLI entry: `model-leak-guard <command> [options]`. A thin adapter: argv in, exit code out.
// It must not import @actions/* or Octokit: the hooks start it on every push.
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
        return await command.run(args, io);
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
// Run only as the program, not when a test imports runCli.
const invokedAs = process.argv[1] ?? '';
if (/(^|[/\\])(cli\.js|model-leak-guard)$/.test(invokedAs)) {
    runCli(process.argv.slice(2), processIO()).then((code) => {
        process.exitCode = code;
    });
}

export { runCli, usage };
