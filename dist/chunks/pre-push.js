import { S as ScanError, E as EXIT } from './version.js';
import { a as scan, r as redactUrl, f as failsTheGate, b as rewriteSteps } from './scan2.js';
import { G as GitRepository } from './git.js';
import { p as planPush, r as revisionsExcluding, a as parsePushUpdates, c as isNamedRemote, i as isZeroId } from './leaving.js';
import { bF as loadRegistryFor } from './index.js';
import { a as remoteDefaultBranchSource, d as destinationDefaultBranchSource, r as registryForPush } from './trusted.js';
import { r as renderText, w as wantsColour } from './text.js';
import { p as parseCommandArgs, r as repositoryDir } from './args.js';
import { S as SPECS } from './specs.js';
import 'node:zlib';
import 'node:path';
import 'node:fs/promises';
import 'node:child_process';
import 'node:os';
import './printable.js';
import 'node:util';

// The range a pre-push hook scans, from what the destination really has. The remote tips git
// names for updated refs are exact, and usually here: the scan runs over that exact range at once,
// with no process to ask first. When a ref is new, or a named tip turns out not to be here
// (someone else pushed), the destination is asked once (`git ls-remote`) and its refs bound the
// range. When it cannot be asked, the scan covers more, never less: only the tips git named that
// are here are excluded.
/** Runs `scanRange` over what the push sends; null when it sends nothing (deletions only). */
async function overPushRange(git, push, scanRange) {
    const plan = planPush(push.updates);
    if (plan.include.length === 0)
        return null;
    if (plan.createsRefs)
        return scanRange(await boundedByDestination(git, plan, push));
    try {
        return await scanRange(revisionsExcluding(plan.include, plan.remoteTips, false));
    }
    catch (error) {
        // git cannot exclude a tip it does not have: only then is the destination asked.
        if (!(error instanceof ScanError) || (await allPresent(git, plan.remoteTips)))
            throw error;
        return scanRange(await boundedByDestination(git, plan, push));
    }
}
async function boundedByDestination(git, plan, push) {
    const destinationTips = await askDestination(git, push.remote.url, push.unreachable);
    return revisionsExcluding(plan.include, [...plan.remoteTips, ...destinationTips], true);
}
/** Whether every id is an object here (asked through the repository's cat-file reader). */
async function allPresent(git, ids) {
    const found = await Promise.all(ids.map((id) => git.catFile().read(id, 0)));
    return found.every((object) => object !== null);
}
async function askDestination(git, url, unreachable) {
    try {
        return await git.lsRemote(url);
    }
    catch (error) {
        if (!(error instanceof ScanError))
            throw error;
        unreachable(error.message);
        return [];
    }
}

// `model-leak-guard pre-push <remote-name> <remote-url>`: git's pre-push hook. One scan over
// everything the push sends (all refs at once, each blob once), judged by the registry on the
// destination's default branch as last fetched, as CI and pre-receive judge it; exit 1 stops the push.
async function prePushCommand(args, io) {
    const { values, positionals } = parseCommandArgs(args, SPECS['pre-push']);
    const remote = pushRemote(positionals);
    const dir = repositoryDir(io, values.C);
    const updates = parsePushUpdates(await io.readStdin());
    const git = await GitRepository.open(dir);
    try {
        const unreachable = (reason) => void io.stderr.write(unreachableNote(remote, reason));
        // Judged once, and only when the push sends something (a deletion is never judged).
        let judging;
        const report = await overPushRange(git, { updates, remote, unreachable }, async (revisions) => {
            judging ??= pushRegistry(git, dir, values.registry, remote, updates);
            const { registry } = await judging;
            return scan({ repoDir: dir, revisions, registry, git, destination: { url: remote.url }, runsIn: 'pre-push' });
        });
        return report && judging ? exitWithReport(report, await judging, remote, Boolean(values.quiet), io) : EXIT.pass;
    }
    finally {
        await git.close();
    }
}
/**
 * `--registry FILE` judges when given (explicit local use); otherwise the registry on the
 * destination's default branch as last fetched (or, with nothing fetched, as the destination says
 * now), never the working tree's or the push's own.
 */
async function pushRegistry(git, dir, file, remote, updates) {
    if (file !== undefined)
        return { registry: await loadRegistryFor(dir, file), origin: `${file} (--registry)`, notes: [] };
    const fetched = isNamedRemote(remote) ? await remoteDefaultBranchSource(git, remote.name) : null;
    // A URL, or a remote never fetched, has no remote-tracking branches: ask the destination itself.
    const trusted = fetched?.rev ? fetched : await destinationDefaultBranchSource(git, remote.url, redactUrl(remote.url));
    const tips = updates.filter((u) => !isZeroId(u.localSha)).map((u) => ({ commit: u.localSha, ref: u.localRef }));
    return registryForPush(git, trusted, tips);
}
/** The destination could not say which commits it has: the scan covers more, and says why. */
function unreachableNote(remote, reason) {
    const shown = reason.split(remote.url).join(redactUrl(remote.url));
    return `model-leak-guard: cannot ask ${redactUrl(remote.url)} which commits it already has, so every commit this push could send is scanned (${shown})\n`;
}
function exitWithReport(report, judging, remote, quiet, io) {
    if (quiet && report.verdict === 'pass')
        return EXIT.pass;
    const notes = [`judged by ${judging.origin}`, ...judging.notes].map((note) => `model-leak-guard: ${note}\n`);
    io.stderr.write(notes.join('') + renderText(report, { colour: wantsColour(io.stderr, io.env) }));
    if (report.verdict !== 'block')
        return EXIT.pass;
    if (!failsTheGate(report)) {
        io.stderr.write('model-leak-guard: policy.mode is warn: the push goes ahead; these would block once it is enforce.\n');
        return EXIT.pass;
    }
    io.stderr.write(blockAdvice(remote, report.findings.filter((f) => f.verdict === 'block')));
    return EXIT.blocked;
}
function pushRemote(positionals) {
    const [name, url = name, ...rest] = positionals;
    if (name === undefined || rest.length > 0) {
        throw new ScanError('pre-push takes <remote-name> <remote-url> (as git passes them) and the ref lines on stdin');
    }
    return { name, url };
}
/** What stopped the push, and the commands that take the file out of the unpushed commits. */
function blockAdvice(remote, blocked) {
    const destination = remote.name === remote.url ? redactUrl(remote.url) : `${remote.name} (${redactUrl(remote.url)})`;
    const places = blocked.flatMap((f) => [{ path: f.path, commit: f.commit }, ...f.alsoAt]); // every path of the bytes
    const files = new Map(places.map((place) => [`${place.path}\0${place.commit}`, place]));
    return [
        `model-leak-guard: push to ${destination} stopped: ${files.size} file(s) above would let sensitive or unknown training data leave.`,
        'To push, take each file out of the commits that are not pushed yet:',
        ...[...files.values()].flatMap(rewriteSteps),
        '  Keep the file out of git afterwards (.gitignore, access-controlled storage); if its training data is in fact',
        '  shareable, get the dataset labelled so in the registry on the default branch.',
        'Note: git push --no-verify skips only this local hook; the required CI check scans the same commits and still fails.',
        ''
    ].join('\n');
}

export { blockAdvice, prePushCommand, redactUrl };
