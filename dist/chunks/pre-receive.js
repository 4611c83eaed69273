import { E as EXIT, S as ScanError } from './version.js';
import { a as scan, f as failsTheGate } from './scan2.js';
import { G as GitRepository } from './git.js';
import { l as listLeavingObjects, d as parseRefUpdates, i as isZeroId, f as receiveRevisions } from './leaving.js';
import { join } from 'node:path';
import { bB as VISIBILITIES, bF as loadRegistryFor } from './index.js';
import { r as registryForPush, b as defaultBranchSource } from './trusted.js';
import { r as renderText } from './text.js';
import { p as parseCommandArgs } from './args.js';
import { S as SPECS } from './specs.js';
import 'node:zlib';
import 'node:fs/promises';
import 'node:child_process';
import 'node:os';
import './printable.js';
import 'node:util';

// What a push brings that no pushed ref reaches. receive-pack keeps a push's objects in a
// quarantine directory while pre-receive runs and, once the hook accepts, moves ALL of them into
// the repository, where any of them can be fetched by id: not only what the refs reach. So every
// blob in the quarantine that the range does not name, and that the repository did not already
// hold (a thin pack's bases, objects a client re-sent), is judged too.
/**
 * Where receive-pack keeps the pushed objects while pre-receive runs, as it tells the hook:
 * `GIT_QUARANTINE_PATH` (git 2.13 and later), else the object directory it points git at (git
 * 2.11 and 2.12, and hosting layers that pass a hook only that one). null outside a push.
 * Should the object directory be the repository's own, every object is listed and none is new:
 * slower, never wrong.
 */
function quarantinePath(env) {
    return env.GIT_QUARANTINE_PATH || env.GIT_OBJECT_DIRECTORY || null;
}
/** What the range sends, then every other blob the quarantine holds that the repository did not. */
async function receivedObjects(git, revisions, quarantine, onIntroduced) {
    const leaving = await listLeavingObjects(git, revisions, onIntroduced);
    const named = new Set(leaving.blobs.map((blob) => blob.id));
    const others = await quarantineBlobs(git, quarantine, named);
    const brought = others.length > 0 ? await notStoredBefore(git, others) : [];
    return { ...leaving, blobs: [...leaving.blobs, ...brought.map(unreachedBlob)] };
}
/** A blob no pushed ref reaches: no path, no commit. */
function unreachedBlob(id) {
    return { id, path: '', commit: '', size: -1, unreached: true };
}
/**
 * The blobs in the quarantine alone (no alternates: the repository's own store is one), minus
 * `named`. Streamed in pack order (`--unordered`, no sort of the whole pack); only ids not named
 * are kept.
 */
async function quarantineBlobs(git, quarantine, named) {
    const others = [];
    const lines = new LineSplitter((line) => {
        const id = line.startsWith('blob ') ? line.slice(5) : '';
        if (id !== '' && !named.has(id))
            others.push(id);
    });
    const args = ['cat-file', '--batch-all-objects', '--unordered', '--batch-check=%(objecttype) %(objectname)'];
    const env = { GIT_OBJECT_DIRECTORY: quarantine, GIT_ALTERNATE_OBJECT_DIRECTORIES: '' };
    await git.stream(args, (chunk) => lines.write(chunk), { env }).done;
    lines.end();
    return others;
}
/**
 * Those of `ids` the repository lacked before the push: its own object directory instead of the
 * quarantine, with its alternates and those git passes the hook (which name that directory too).
 */
async function notStoredBefore(git, ids) {
    const gitDir = (await git.run(['rev-parse', '--absolute-git-dir'])).stdout.trim();
    const { stdout } = await git.run(['cat-file', '--batch-check=%(objectname)'], {
        input: `${ids.join('\n')}\n`,
        env: { GIT_OBJECT_DIRECTORY: join(gitDir, 'objects') }
    });
    const missing = ' missing';
    return stdout
        .split('\n')
        .filter((line) => line.endsWith(missing))
        .map((line) => line.slice(0, -missing.length));
}
/** Hands over whole lines of a stream of chunks. */
class LineSplitter {
    onLine;
    rest = '';
    constructor(onLine) {
        this.onLine = onLine;
    }
    write(chunk) {
        const lines = (this.rest + chunk.toString('latin1')).split('\n');
        this.rest = lines.pop() ?? '';
        for (const line of lines)
            this.onLine(line);
    }
    end() {
        if (this.rest !== '')
            this.onLine(this.rest);
        this.rest = '';
    }
}

// `model-leak-guard pre-receive [--registry FILE] [--url URL] [--visibility V]`: the server-side
// hook nobody can skip. Scans what a push brings (still in git's quarantine: every git call
// inherits this process's environment) against the registry on the server's default branch, and
// exits 1 to reject the push.
async function preReceiveCommand(args, io) {
    const { values } = parseCommandArgs(args, SPECS['pre-receive']);
    const destination = serverDestination(values.url, values.visibility);
    const updates = parseRefUpdates(await io.readStdin()).filter((u) => !isZeroId(u.newSha)); // deletions bring nothing
    if (updates.length === 0)
        return EXIT.pass;
    const git = await GitRepository.open(io.cwd);
    try {
        const judging = await serverRegistry(git, io.cwd, values.registry, updates);
        const revisions = receiveRevisions(updates);
        const quarantine = quarantinePath(io.env);
        const report = await scan({
            repoDir: io.cwd,
            revisions,
            registry: judging.registry,
            git,
            destination,
            runsIn: 'pre-receive',
            objects: quarantine ? (repo, look) => receivedObjects(repo, revisions, quarantine, look) : undefined
        });
        const notes = [...judging.notes, ...(quarantine ? [] : [NO_QUARANTINE])];
        if (!(values.quiet && report.verdict === 'pass'))
            printReport(io, updates, judging.origin, notes, report);
        if (!failsTheGate(report))
            return EXIT.pass;
        io.stderr.write(REJECT_ADVICE);
        return EXIT.blocked;
    }
    finally {
        await git.close();
    }
}
/** What the pusher sees as `remote:` lines: which registry judged, what to know about it, the report. */
function printReport(io, updates, origin, notes, report) {
    const noted = notes.map((note) => `model-leak-guard: ${note}\n`).join('');
    io.stderr.write(`model-leak-guard: ${refList(updates)} judged by ${origin}\n${noted}`);
    io.stderr.write(renderText(report, { colour: false }));
}
/** Old git (before 2.11), or run by hand: what the pushed refs reach is all there is to judge (docs/hooks.md). */
const NO_QUARANTINE = 'no quarantine (neither GIT_QUARANTINE_PATH nor GIT_OBJECT_DIRECTORY is set: git older than 2.11, or not run by receive-pack): only objects the pushed refs reach were scanned';
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
