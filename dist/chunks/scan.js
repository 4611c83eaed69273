import { resolve } from 'node:path';
import { S as ScanError, E as EXIT } from './version.js';
import { bB as loadRegistryFor } from './index.js';
import { G as GitRepository } from './git.js';
import { a as isRevisionOption, s as scan } from './scan2.js';
import { writeFile } from 'node:fs/promises';
import { r as renderJson } from './json.js';
import { r as renderText, c as coverageLine, w as wantsColour } from './text.js';
import { p as parseCommandArgs } from './args.js';
import './files.js';
import 'node:child_process';
import 'node:os';
import 'node:zlib';
import './datasets.js';
import 'node:util';

// Writes a scan report where the user asked, in the format they asked.
function parseFormat(value) {
    if (value === undefined || value === 'text' || value === 'json')
        return value ?? 'text';
    throw new ScanError(`--format must be text or json, not "${value}"`);
}
async function writeReport(report, options, io) {
    if (options.output) {
        const text = options.format === 'json' ? renderJson(report) : renderText(report, { colour: false });
        await writeFile(resolve(io.cwd, options.output), text).catch((error) => {
            throw new ScanError(`${options.output}: cannot write the report: ${error.code ?? error.message}`);
        });
    }
    // Quiet leaves out the findings of a passing scan, never the line that says what was scanned.
    if (options.quiet && report.verdict === 'pass') {
        io.stdout.write(coverageLine(report.stats) + '\n');
        return;
    }
    const toStdout = options.format === 'json' && !options.output;
    const text = toStdout ? renderJson(report) : renderText(report, { colour: wantsColour(io.stdout, io.env) });
    io.stdout.write(text);
}

// `model-leak-guard scan [REV...]`: scan what a push of these revisions would send.
/** Marks a revision option so the option parser takes it as a positional; the mark is dropped after. */
const REVISION = '\0';
async function scanCommand(args, io) {
    const parsed = parseCommandArgs(args.map((arg) => (isRevisionOption(arg) ? `${REVISION}${arg}` : arg)), {
        all: { type: 'boolean' },
        registry: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string' },
        quiet: { type: 'boolean' },
        C: { type: 'string', short: 'C' }
    });
    const values = parsed.values;
    // `scan HEAD --not --remotes` as git takes it: revision options stay in place among the revisions.
    const positionals = parsed.positionals.map((arg) => (arg.startsWith(REVISION) ? arg.slice(1) : arg));
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

export { scanCommand };
