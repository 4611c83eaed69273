import { S as ScanError } from './version.js';

// What a push updates, as git tells a hook on stdin, and the one `rev-list` range that covers
// every updated ref at once (so each blob is scanned once). Parsing and range building are pure.
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** All zeros of any length: SHA-1 repositories have 40, SHA-256 ones 64. */
function isZeroId(id) {
    return /^0+$/.test(id);
}
function stdinLines(text) {
    return text
        .split('\n')
        .map((line) => line.replace(/\r$/, ''))
        .filter((line) => line.trim() !== '');
}
function malformed(line, hook) {
    throw new ScanError(`${hook}: unexpected line on stdin (expected git's hook protocol): ${JSON.stringify(line)}`);
}
function objectId(value, line, hook) {
    return value !== undefined && OBJECT_ID.test(value) ? value : malformed(line, hook);
}
/** Parses from the right: a local ref given as an expression (`HEAD@{1 day ago}`) may hold spaces. */
function parsePushUpdates(text) {
    return stdinLines(text).map((line) => {
        const parts = line.split(' ');
        const remoteSha = objectId(parts.pop(), line, 'pre-push');
        const remoteRef = parts.pop() ?? '';
        const localSha = objectId(parts.pop(), line, 'pre-push');
        if (parts.length === 0 || remoteRef === '')
            malformed(line, 'pre-push');
        return { localRef: parts.join(' '), localSha, remoteRef, remoteSha };
    });
}
function parseRefUpdates(text) {
    return stdinLines(text).map((line) => {
        const [oldSha, newSha, ...ref] = line.split(' ');
        if (ref.length === 0)
            malformed(line, 'pre-receive');
        return {
            oldSha: objectId(oldSha, line, 'pre-receive'),
            newSha: objectId(newSha, line, 'pre-receive'),
            ref: ref.join(' ')
        };
    });
}
function planPush(updates) {
    const sending = updates.filter((u) => !isZeroId(u.localSha));
    return {
        include: unique(sending.map((u) => u.localSha)),
        remoteTips: unique(sending.filter((u) => !isZeroId(u.remoteSha)).map((u) => u.remoteSha)),
        createsRefs: sending.some((u) => isZeroId(u.remoteSha))
    };
}
/**
 * One range for the whole push: every local tip minus tips the destination really has. The
 * destination has every object reachable from each of its refs, so excluding all of them at once
 * is exact: `L1 L2 --not R1 R2`. `ignoreMissing` when some excluded tip may be absent here (a
 * destination's ref we never fetched): git skips it rather than failing. Never remote-tracking
 * refs: they can be stale (a branch deleted on the server) or another server's (`remote set-url`).
 */
function revisionsExcluding(include, exclude, ignoreMissing) {
    if (include.length === 0)
        return [];
    const tips = unique(exclude);
    if (tips.length === 0)
        return include;
    return [...(ignoreMissing ? ['--ignore-missing'] : []), ...include, '--not', ...tips];
}
function unique(ids) {
    return [...new Set(ids)];
}
/**
 * One range for what a push brings to the server: the new tips minus every existing ref.
 * During pre-receive no ref has moved yet, so `--all` is exactly what the server held before
 * the push; it contains each updated ref's old tip, so per ref this is `old..new` (and
 * `new --not --all` for a new ref) without what the server already stores. Deletions bring nothing.
 */
function receiveRevisions(updates) {
    const include = [...new Set(updates.filter((u) => !isZeroId(u.newSha)).map((u) => u.newSha))];
    return include.length > 0 ? [...include, '--not', '--all'] : [];
}

export { parsePushUpdates as a, parseRefUpdates as b, receiveRevisions as c, isZeroId as i, planPush as p, revisionsExcluding as r };
