import { E as EXIT } from './version.js';
import { G as GitRepository } from './git.js';
import { c as parseRefUpdates, i as isZeroId, s as scan, d as receiveRevisions } from './scan2.js';
import { bC as loadRegistryFor, bz as DEFAULT_REGISTRY_FILE, bA as Registry } from './index.js';
import { d as defaultBranchSource, r as readTrustedRegistry } from './trusted.js';
import { r as renderText } from './text.js';
import { p as parseCommandArgs } from './args.js';
import 'node:fs/promises';
import 'node:path';
import './files.js';
import 'node:child_process';
import 'node:os';
import 'node:zlib';
import './datasets.js';
import 'node:util';

// `model-leak-guard pre-receive [--registry FILE]`: the server-side hook nobody can skip. Scans
// what a push brings (still in git's quarantine: every git call inherits this process's
// environment) against the server's registry, and exits 1 to reject the push.
async function preReceiveCommand(args, io) {
    const { values } = parseCommandArgs(args, { registry: { type: 'string' }, quiet: { type: 'boolean' } });
    const updates = parseRefUpdates(await io.readStdin()).filter((u) => !isZeroId(u.newSha)); // deletions bring nothing
    if (updates.length === 0)
        return EXIT.pass;
    const file = values.registry;
    const { registry, origin } = file
        ? { registry: await loadRegistryFor(io.cwd, file), origin: `the server's ${file}` }
        : await defaultBranchRegistry(io.cwd);
    const report = await scan({ repoDir: io.cwd, revisions: receiveRevisions(updates), registry });
    if (!(values.quiet && report.verdict === 'pass')) {
        io.stderr.write(`model-leak-guard: ${updates.map((u) => u.ref).join(', ')} judged by ${origin}\n`);
        io.stderr.write(renderText(report, { colour: false }));
    }
    if (report.verdict !== 'block')
        return EXIT.pass;
    io.stderr.write(REJECT_ADVICE);
    return EXIT.blocked;
}
const REJECT_ADVICE = [
    'model-leak-guard: push rejected: it would bring a model trained on sensitive or unknown data to this server.',
    'To push, take each blocked file out of the commits you are pushing (git rm --cached -- <path>, then',
    'git commit --amend, or git rebase -i to edit an older commit) and push again. The registry that decides is',
    "the default branch's as this server holds it, so relabelling a dataset in any pushed commit does not change the verdict.",
    ''
].join('\n');
/**
 * Every ref is judged by the registry on the default branch as the server holds it before this
 * push: never the pushed one, and not another branch's either, which an earlier push could have
 * relabelled (protect the default branch so that its registry changes only through review).
 */
async function defaultBranchRegistry(dir) {
    const git = await GitRepository.open(dir);
    try {
        const source = await defaultBranchSource(git);
        const registry = await readTrustedRegistry(git, source);
        if (registry)
            return { registry, origin: `${source.shownAs}:${DEFAULT_REGISTRY_FILE}` };
        return {
            registry: Registry.defaults(),
            origin: `the built-in defaults (${source.shownAs} has no ${DEFAULT_REGISTRY_FILE})`
        };
    }
    finally {
        await git.close();
    }
}

export { preReceiveCommand };
