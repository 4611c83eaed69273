import { E as EXIT, S as ScanError } from './version.js';
import { h as parseRefUpdates, i as isZeroId, j as receiveRevisions, a as scan, f as failsTheGate } from './scan2.js';
import { G as GitRepository } from './git.js';
import { bB as VISIBILITIES, bF as loadRegistryFor } from './index.js';
import { r as registryForPush, b as defaultBranchSource } from './trusted.js';
import { r as renderText } from './text.js';
import { p as parseCommandArgs } from './args.js';
import 'node:zlib';
import 'node:path';
import 'node:fs/promises';
import './files.js';
import 'node:child_process';
import 'node:os';
import './printable.js';
import 'node:util';

// `model-leak-guard pre-receive [--registry FILE] [--url URL] [--visibility V]`: the server-side
// hook nobody can skip. Scans what a push brings (still in git's quarantine: every git call
// inherits this process's environment) against the registry on the server's default branch, and
// exits 1 to reject the push.
async function preReceiveCommand(args, io) {
    const { values } = parseCommandArgs(args, {
        registry: { type: 'string' },
        quiet: { type: 'boolean' },
        url: { type: 'string' },
        visibility: { type: 'string' }
    });
    const destination = serverDestination(values.url, values.visibility);
    const updates = parseRefUpdates(await io.readStdin()).filter((u) => !isZeroId(u.newSha)); // deletions bring nothing
    if (updates.length === 0)
        return EXIT.pass;
    const git = await GitRepository.open(io.cwd);
    try {
        const judging = await serverRegistry(git, io.cwd, values.registry, updates);
        const revisions = receiveRevisions(updates);
        const report = await scan({
            repoDir: io.cwd,
            revisions,
            registry: judging.registry,
            git,
            destination,
            runsIn: 'pre-receive'
        });
        if (!(values.quiet && report.verdict === 'pass')) {
            const notes = judging.notes.map((note) => `model-leak-guard: ${note}\n`).join('');
            io.stderr.write(`model-leak-guard: ${refList(updates)} judged by ${judging.origin}\n${notes}`);
            io.stderr.write(renderText(report, { colour: false }));
        }
        if (!failsTheGate(report))
            return EXIT.pass;
        io.stderr.write(REJECT_ADVICE);
        return EXIT.blocked;
    }
    finally {
        await git.close();
    }
}
/** The refs a push updates, on one line: a mirror push of thousands is named by its first few and a count. */
function refList(updates) {
    const named = updates.slice(0, REFS_NAMED).map((u) => u.ref);
    const more = updates.length - named.length;
    return more > 0 ? `${named.join(', ')} and ${more} more refs` : named.join(', ');
}
const REFS_NAMED = 5;
const REJECT_ADVICE = [
    'model-leak-guard: push rejected: it would bring a model trained on sensitive or unknown data (or such data) to this server.',
    'Nothing was pushed: take each blocked file out of the commits you are pushing (the fix: lines above) and push again.',
    "The registry that decides is the default branch's as this server holds it, so relabelling a dataset or adding a",
    'waiver in any pushed commit does not change the verdict: that takes effect once it is on the default branch.',
    ''
].join('\n');
/**
 * Every ref is judged by the registry on the default branch as the server holds it before this
 * push: never the pushed one, and not another branch's either, which an earlier push could have
 * relabelled (protect the default branch so that its registry changes only through review). The
 * server's `--registry FILE` replaces it when given.
 */
async function serverRegistry(git, dir, file, updates) {
    if (file !== undefined)
        return { registry: await loadRegistryFor(dir, file), origin: `the server's ${file}`, notes: [] };
    const tips = updates.map((u) => ({ commit: u.newSha, ref: u.ref }));
    return registryForPush(git, await defaultBranchSource(git), tips);
}
/** What the server says about itself, for labels' `allowed_destinations`: it knows no URL of its own. */
function serverDestination(url, visibility) {
    if (visibility !== undefined && !VISIBILITIES.includes(visibility))
        throw new ScanError(`--visibility must be one of ${VISIBILITIES.join(', ')}, not "${visibility}"`);
    if (url === undefined && visibility === undefined)
        return undefined;
    return { url, visibility: visibility };
}

export { preReceiveCommand };
