import { posix } from 'node:path';
import { S as ScanError } from './version.js';
import { bC as DEFAULT_REGISTRY_FILE, bD as Registry, bH as bothOrEveryProblem, bA as parseRegistry, bI as parseBaseline, bJ as BASELINE_FILE } from './index.js';

// The registry (and the baseline beside it) as committed at a revision the pusher does not
// control: the server's default branch (pre-receive), the destination's default branch as last
// fetched (pre-push), the base of a pull request (the Action). Never the one a push brings: a push
// must not be able to relabel its own datasets, waive itself or baseline itself to get through.
// A registry the push brings is still validated (an error fails the push) and reported as taking
// effect once it lands; only a repository with no trusted registry yet is judged by it.
/** A registry or baseline file larger than this is a mistake, not a registry. */
const MAX_REGISTRY_BYTES = 4 * 1024 * 1024;
/** The registry and baseline at `rev`, with the blob ids that say whether another revision changed them. */
async function registryAt(git, rev, file, names) {
    const text = await readSmallFile(git, rev, file, `${names.shownAs}:${file}`);
    if (text === null)
        return null;
    const edit = names.branch ? `${file} on ${names.branch}` : file;
    const [registry, baseline] = await bothOrEveryProblem((async () => parseRegistry(text.content, { file: `${names.shownAs}:${file}`, edit }))(), baselineAt(git, rev, baselineBeside(file), names.shownAs));
    return { registry: registry.withBaseline(baseline.parsed), blobs: `${text.blob} ${baseline.blob}` };
}
/** The baseline file at `rev`, parsed, and its blob id ('' when there is none). */
async function baselineAt(git, rev, file, shownAs) {
    const baseline = await readSmallFile(git, rev, file, `${shownAs}:${file}`);
    if (baseline === null)
        return { parsed: null, blob: '' };
    return { parsed: parseBaseline(baseline.content, `${shownAs}:${file}`), blob: baseline.blob };
}
async function readSmallFile(git, rev, file, shownAs) {
    const object = await git.readAt(rev, file, MAX_REGISTRY_BYTES);
    if (!object)
        return null;
    if (object.size > object.bytes.length)
        throw new ScanError(`${shownAs}: larger than ${MAX_REGISTRY_BYTES} bytes; is it a registry?`);
    return { content: object.bytes.toString('utf8'), blob: object.id };
}
/** The baseline file lives beside the registry file. */
function baselineBeside(registryFile) {
    const folder = posix.dirname(registryFile);
    return folder === '.' ? BASELINE_FILE : posix.join(folder, BASELINE_FILE);
}
/** A server's default branch: what its HEAD names (unborn in an empty repository). */
async function defaultBranchSource(git) {
    const source = await symbolicRefSource(git, 'HEAD');
    return { ...source, branch: source.shownAs.replace(/^refs\/heads\//, '') };
}
/**
 * A remote's default branch as last fetched: `refs/remotes/<remote>/HEAD` (which `git clone` sets),
 * else its `main` or `master` as fetched; `rev` is null when none is known.
 */
async function remoteDefaultBranchSource(git, remote) {
    const head = await symbolicRefSource(git, `refs/remotes/${remote}/HEAD`);
    if (head.rev !== null)
        return { ...head, branch: head.shownAs.replace(/^refs\/remotes\//, '') };
    for (const branch of ['main', 'master']) {
        const ref = `refs/remotes/${remote}/${branch}`;
        const rev = await git.commitOf(ref);
        if (rev !== null)
            return { rev, shownAs: ref, branch: `${remote}/${branch}` };
    }
    return { rev: null, shownAs: `refs/remotes/${remote}/HEAD` };
}
/**
 * The destination's default branch as it says now (one `ls-remote`): for a push to a URL, or to a
 * remote never fetched, which have no remote-tracking refs. An empty destination has no trusted
 * registry yet (`rev` null); one whose default branch is not here is `unreadable`.
 */
async function destinationDefaultBranchSource(git, url, shownUrl) {
    let head;
    try {
        head = await git.remoteHead(url);
    }
    catch (error) {
        if (!(error instanceof ScanError))
            throw error;
        return { rev: null, shownAs: shownUrl, unreadable: `${shownUrl} cannot be asked for its default branch` };
    }
    if (head === null)
        return { rev: null, shownAs: shownUrl }; // an empty repository: no trusted registry yet
    const branch = head.ref?.replace(/^refs\/heads\//, '');
    const shownAs = `${shownUrl} ${head.ref ?? 'HEAD'}`;
    if (!(await git.hasCommit(head.commit)))
        return {
            rev: null,
            shownAs,
            ...(branch ? { branch } : {}),
            unreadable: `${shownAs} is at ${head.commit.slice(0, 12)}, which is not in this repository (git fetch it)`
        };
    return { rev: head.commit, shownAs, ...(branch ? { branch } : {}) };
}
async function symbolicRefSource(git, symref) {
    const [target, rev] = await Promise.all([git.symbolicRef(symref), git.commitOf(symref)]);
    return { rev, shownAs: target ?? symref };
}
/**
 * The trusted registry when there is one; every registry the push brings is validated and, when
 * it differs, reported as taking effect once it lands. With no trusted registry yet, the first
 * one the push brings judges, and the notes say so; with none at all, the built-in defaults.
 */
async function registryForPush(git, trusted, tips, file = DEFAULT_REGISTRY_FILE) {
    const current = trusted.rev === null ? null : await registryAt(git, trusted.rev, file, trusted);
    const where = trusted.branch ?? trusted.shownAs;
    const notes = [];
    let brought = null;
    for (const tip of uniqueTips(tips)) {
        const pushed = await registryAt(git, tip.commit, file, { shownAs: tip.ref });
        if (pushed === null || pushed.blobs === current?.blobs)
            continue;
        brought ??= pushed.registry;
        if (current !== null || trusted.unreadable)
            notes.push(`${tip.ref} changes ${file} or its baseline: that takes effect once it is on ${where}, not for this push`);
    }
    if (current !== null)
        return { registry: current.registry, origin: current.registry.file, notes };
    if (trusted.unreadable)
        return {
            registry: Registry.defaults(),
            origin: `the built-in defaults (unknown provenance blocks), as ${trusted.unreadable}: a registry this push brings never judges it`,
            notes
        };
    if (brought !== null)
        return { registry: brought, origin: `${brought.file}, as ${where} has no ${file} yet`, notes };
    return {
        registry: Registry.defaults(),
        origin: `the built-in defaults (unknown provenance blocks), as neither ${where} nor this push has a ${file}`,
        notes
    };
}
function uniqueTips(tips) {
    return [...new Map(tips.map((tip) => [tip.commit, tip])).values()];
}

export { remoteDefaultBranchSource as a, defaultBranchSource as b, destinationDefaultBranchSource as d, registryForPush as r };
