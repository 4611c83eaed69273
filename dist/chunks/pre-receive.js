import { E as EXIT } from './version.js';
import { G as GitRepository } from './git.js';
import { b as parseRefUpdates, i as isZeroId, r as receiveRevisions } from './push-updates.js';
import { bA as DEFAULT_REGISTRY_FILE, bC as Registry, by as parseRegistry, bz as loadRegistryFor } from './index.js';
import { s as scan, w as worst } from './scan2.js';
import { r as renderText } from './text.js';
import { p as parseCommandArgs } from './args.js';
import 'node:child_process';
import 'node:fs/promises';
import 'node:path';
import 'node:zlib';
import 'node:util';

/** The registry file's blob id at a revision; null when the revision or the file is absent. */
async function registryBlobAt(git, rev, file = DEFAULT_REGISTRY_FILE) {
    return rev === null ? null : git.revParse(`${rev}:${file}`);
}
/** Loads the registry committed at `source`; the built-in defaults when it has no registry file. */
async function loadTrustedRegistry(git, source, file = DEFAULT_REGISTRY_FILE) {
    const blob = await registryBlobAt(git, source.rev, file);
    if (blob === null)
        return Registry.defaults();
    const { stdout } = await git.run(['cat-file', 'blob', blob]);
    return parseRegistry(stdout, `${source.shownAs}:${file}`);
}
/** A server's default branch: what its HEAD names (unborn in an empty repository). */
function defaultBranchSource(git) {
    return symbolicRefSource(git, 'HEAD');
}
async function symbolicRefSource(git, symref) {
    const { stdout, code } = await git.run(['symbolic-ref', '--quiet', symref], { okCodes: [1, 128] });
    return { rev: await git.revParse(`${symref}^{commit}`), shownAs: code === 0 ? stdout.trim() : symref };
}

// `model-leak-guard pre-receive [--registry FILE]`: the server-side hook nobody can skip. Scans
// what a push brings (still in git's quarantine: every git call inherits this process's
// environment) against the server's registry, and exits 1 to reject the push.
async function preReceiveCommand(args, io) {
    const { values } = parseCommandArgs(args, { registry: { type: 'string' }, quiet: { type: 'boolean' } });
    const updates = parseRefUpdates(await io.readStdin()).filter((u) => !isZeroId(u.newSha)); // deletions bring nothing
    if (updates.length === 0)
        return EXIT.pass;
    const file = values.registry;
    const groups = file
        ? [{ registry: await loadRegistryFor(io.cwd, file), origin: `the server's ${file}`, updates }]
        : await groupByTrustedRegistry(io.cwd, updates);
    const verdicts = [];
    for (const { registry, origin, updates: group } of groups) {
        const report = await scan({ repoDir: io.cwd, revisions: receiveRevisions(group), registry });
        verdicts.push(report.verdict);
        if (values.quiet && report.verdict === 'pass')
            continue;
        io.stderr.write(`model-leak-guard: ${group.map((u) => u.ref).join(', ')} judged by ${origin}\n`);
        io.stderr.write(renderText(report, { colour: false }));
    }
    if (worst(verdicts) !== 'block')
        return EXIT.pass;
    io.stderr.write(REJECT_ADVICE);
    return EXIT.blocked;
}
const REJECT_ADVICE = [
    'model-leak-guard: push rejected: it would bring a model trained on sensitive or unknown data to this server.',
    'To push, take each blocked file out of the commits you are pushing (git rm --cached -- <path>, then',
    'git commit --amend, or git rebase -i to edit an older commit) and push again. The registry that decides is',
    "the target branch's, so relabelling a dataset in the pushed commits does not change the verdict.",
    ''
].join('\n');
const NO_REGISTRY = '';
/**
 * Each ref is judged by the registry on its target branch's current tip (its old tip; the default
 * branch for a new ref), never the pushed one. Refs whose registries are the same blob share a scan.
 */
async function groupByTrustedRegistry(dir, updates) {
    const git = await GitRepository.open(dir);
    const defaultBranch = await defaultBranchSource(git);
    const groups = new Map();
    for (const update of updates) {
        const source = isZeroId(update.oldSha) ? defaultBranch : { rev: update.oldSha, shownAs: update.ref };
        const key = (await registryBlobAt(git, source.rev)) ?? NO_REGISTRY;
        const group = groups.get(key) ?? { source, updates: [] };
        group.updates.push(update);
        groups.set(key, group);
    }
    const loaded = [...groups.entries()].map(async ([blob, { source, updates: group }]) => ({
        registry: await loadTrustedRegistry(git, source),
        origin: blob === NO_REGISTRY ? `the built-in defaults (${source.shownAs} has no ${DEFAULT_REGISTRY_FILE})` : `${source.shownAs}:${DEFAULT_REGISTRY_FILE}`,
        updates: group
    }));
    return Promise.all(loaded);
}

export { preReceiveCommand };
