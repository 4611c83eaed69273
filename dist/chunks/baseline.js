import { writeFile } from 'node:fs/promises';
import { resolve, join, dirname } from 'node:path';
import { S as ScanError, E as EXIT } from './version.js';
import { e as everyRef } from './revisions.js';
import { bF as loadRegistryFor, bE as defaultRegistryPath, bJ as BASELINE_FILE, bK as renderBaseline } from './index.js';
import { a as count } from './text.js';
import { a as scan } from './scan2.js';
import { p as parseCommandArgs, r as repositoryDir } from './args.js';
import { S as SPECS } from './specs.js';
import './leaving.js';
import './printable.js';
import 'node:zlib';
import './git.js';
import 'node:child_process';
import 'node:os';
import 'node:util';

// `model-leak-guard baseline [--output FILE] [--registry FILE] [-C DIR]`: records the blob ids of
// every artifact in the repository's history today, so a repository with history can turn the gate
// on and block only new leaks. The file counts once it is committed beside the registry on the
// default branch: like the registry, it is read from the trusted side, never from a push.
async function baselineCommand(args, io) {
    const { values } = parseCommandArgs(args, SPECS.baseline); // no revisions: it records every ref's history
    const dir = repositoryDir(io, values.C);
    const registryFile = values.registry;
    // Without the current baseline: what is recorded is every artifact, as the policy judges it today.
    const registry = (await loadRegistryFor(dir, registryFile)).withBaseline(null);
    const today = new Date().toISOString().slice(0, 10);
    const report = await scan({ repoDir: dir, revisions: everyRef(), registry, today });
    const registryPath = registryFile === undefined ? await defaultRegistryPath(dir) : resolve(dir, registryFile);
    const output = values.output === undefined ? join(dirname(registryPath), BASELINE_FILE) : resolve(io.cwd, values.output);
    await writeFile(output, renderBaseline(report.findings, today)).catch((error) => {
        throw new ScanError(`${output}: cannot write the baseline: ${error.code ?? error.message}`);
    });
    const blocking = report.findings.filter((f) => f.verdict === 'block').length;
    io.stdout.write(`recorded ${count(report.findings.length, 'artifact')} (${blocking} of them would block today) in ${output}\n` +
        'Commit it beside the registry on the default branch: like the registry, it counts from there, never from a push.\n');
    return EXIT.pass;
}

export { baselineCommand };
