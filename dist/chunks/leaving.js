import { access } from 'node:fs/promises';
import { S as ScanError, I as InternalError } from './version.js';

const peq = new Uint32Array(0x10000);
const myers_32 = (a, b) => {
    const n = a.length;
    const m = b.length;
    const lst = 1 << (n - 1);
    let pv = -1;
    let mv = 0;
    let sc = n;
    let i = n;
    while (i--) {
        peq[a.charCodeAt(i)] |= 1 << i;
    }
    for (i = 0; i < m; i++) {
        let eq = peq[b.charCodeAt(i)];
        const xv = eq | mv;
        eq |= ((eq & pv) + pv) ^ pv;
        mv |= ~(eq | pv);
        pv &= eq;
        if (mv & lst) {
            sc++;
        }
        if (pv & lst) {
            sc--;
        }
        mv = (mv << 1) | 1;
        pv = (pv << 1) | ~(xv | mv);
        mv &= xv;
    }
    i = n;
    while (i--) {
        peq[a.charCodeAt(i)] = 0;
    }
    return sc;
};
const myers_x = (b, a) => {
    const n = a.length;
    const m = b.length;
    const mhc = [];
    const phc = [];
    const hsize = Math.ceil(n / 32);
    const vsize = Math.ceil(m / 32);
    for (let i = 0; i < hsize; i++) {
        phc[i] = -1;
        mhc[i] = 0;
    }
    let j = 0;
    for (; j < vsize - 1; j++) {
        let mv = 0;
        let pv = -1;
        const start = j * 32;
        const vlen = Math.min(32, m) + start;
        for (let k = start; k < vlen; k++) {
            peq[b.charCodeAt(k)] |= 1 << k;
        }
        for (let i = 0; i < n; i++) {
            const eq = peq[a.charCodeAt(i)];
            const pb = (phc[(i / 32) | 0] >>> i) & 1;
            const mb = (mhc[(i / 32) | 0] >>> i) & 1;
            const xv = eq | mv;
            const xh = ((((eq | mb) & pv) + pv) ^ pv) | eq | mb;
            let ph = mv | ~(xh | pv);
            let mh = pv & xh;
            if ((ph >>> 31) ^ pb) {
                phc[(i / 32) | 0] ^= 1 << i;
            }
            if ((mh >>> 31) ^ mb) {
                mhc[(i / 32) | 0] ^= 1 << i;
            }
            ph = (ph << 1) | pb;
            mh = (mh << 1) | mb;
            pv = mh | ~(xv | ph);
            mv = ph & xv;
        }
        for (let k = start; k < vlen; k++) {
            peq[b.charCodeAt(k)] = 0;
        }
    }
    let mv = 0;
    let pv = -1;
    const start = j * 32;
    const vlen = Math.min(32, m - start) + start;
    for (let k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] |= 1 << k;
    }
    let score = m;
    for (let i = 0; i < n; i++) {
        const eq = peq[a.charCodeAt(i)];
        const pb = (phc[(i / 32) | 0] >>> i) & 1;
        const mb = (mhc[(i / 32) | 0] >>> i) & 1;
        const xv = eq | mv;
        const xh = ((((eq | mb) & pv) + pv) ^ pv) | eq | mb;
        let ph = mv | ~(xh | pv);
        let mh = pv & xh;
        score += (ph >>> (m - 1)) & 1;
        score -= (mh >>> (m - 1)) & 1;
        if ((ph >>> 31) ^ pb) {
            phc[(i / 32) | 0] ^= 1 << i;
        }
        if ((mh >>> 31) ^ mb) {
            mhc[(i / 32) | 0] ^= 1 << i;
        }
        ph = (ph << 1) | pb;
        mh = (mh << 1) | mb;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
    }
    for (let k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] = 0;
    }
    return score;
};
const distance = (a, b) => {
    if (a.length < b.length) {
        const tmp = b;
        b = a;
        a = tmp;
    }
    if (b.length === 0) {
        return a.length;
    }
    if (a.length <= 32) {
        return myers_32(a, b);
    }
    return myers_x(a, b);
};

// The known name closest to a misspelt one, for "did you mean ...?" hints.
// fastest-levenshtein (MIT, no dependencies, bundled into dist like every dependency): edit distance is
// not ours to hand-write.
/** The closest known name within a third of the written one's length (at least 2 edits); null when none is. */
function nearest(written, known) {
    const budget = Math.max(2, Math.floor(written.length / 3));
    let best = null;
    for (const name of new Set(known)) {
        if (name === written)
            continue;
        const edits = distance(written.toLowerCase(), name.toLowerCase());
        if (edits <= budget && (best === null || edits < best.edits))
            best = { name, edits };
    }
    return best?.name ?? null;
}

// Small file-system questions every layer asks.
/** Whether a path exists (any type); false when it cannot be reached. */
async function exists(path) {
    return access(path).then(() => true, () => false);
}

// What a push updates, as git tells a hook on stdin, and the one `rev-list` range that covers
// every updated ref at once (so each blob is scanned once). Parsing and range building are pure.
const OBJECT_ID$1 = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
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
    return value !== undefined && OBJECT_ID$1.test(value) ? value : malformed(line, hook);
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
/** Git passes the URL as the name too when the push names no configured remote. */
function isNamedRemote(remote) {
    return remote.name !== '' && remote.name !== remote.url;
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

/** A gitlink (mode 160000): another repository's commit, not content of this one (counted, not scanned). */
function isSubmodule(entry) {
    return entry.mode === '160000';
}
/** A symlink's blob: judged like any blob, since git never checks it holds a path. */
const SYMLINK = '120000';
/** A blob as an entry names it at `commit`; `symlink` when that entry is a symlink. */
function leavingBlob({ mode, id, path }, commit) {
    return { id, path, commit, size: -1, ...(mode === SYMLINK ? { symlink: true } : {}) };
}
/**
 * The blobs of a listing, each once at the first path it was named at, the same bytes at other
 * paths in `alsoAt` (provenance is by path, and every path must be heard). A blob is a `symlink`
 * only while every path it stands at is one: at a file's path its name describes its bytes.
 */
class BlobPlaces {
    /** Submodule commits (gitlinks) the entries name. */
    submodules = new Set();
    byId = new Map();
    /** The paths of blobs seen at more than one (most blobs have one: no set for them). */
    paths = new Map();
    /** Records an entry at `commit`; returns the blob the first time its id is named, else undefined. */
    add(entry, commit) {
        if (isSubmodule(entry)) {
            this.submodules.add(entry.id);
            return undefined;
        }
        const first = this.byId.get(entry.id);
        if (!first) {
            const blob = leavingBlob(entry, commit);
            this.byId.set(entry.id, blob);
            return blob;
        }
        if (entry.mode !== SYMLINK)
            delete first.symlink;
        this.addPlace(first, entry.path, commit);
        return undefined;
    }
    addPlace(first, path, commit) {
        if (first.path === path)
            return;
        let seen = this.paths.get(first.id);
        if (!seen)
            this.paths.set(first.id, (seen = new Set([first.path])));
        if (seen.has(path))
            return;
        seen.add(path);
        first.alsoAt = [...(first.alsoAt ?? []), { path, commit }];
    }
    blobs() {
        return [...this.byId.values()];
    }
    has(id) {
        return this.byId.has(id);
    }
}
/** The blobs of a tree's or the index's entries, each path attributed by `commitOf`; and the submodule commits. */
function blobsAtPaths(entries, commitOf) {
    const places = new BlobPlaces();
    for (const entry of entries)
        places.add(entry, commitOf(entry.id, entry.path));
    return { blobs: places.blobs(), submodules: places.submodules.size };
}

// A streaming reader of `git log -z --raw --no-abbrev --format=\x01%H`: NUL-separated tokens,
// `\x01<commit>` then, after a newline, `:<old mode> <new mode> <old id> <new id> <status>` and
// the path (any bytes but NUL) per changed file. Chunks are parsed as they arrive, so blobs can be
// read while git is still walking history; nothing but the current partial token is kept.
const NUL = 0;
const NEWLINE = 10;
const COMMIT_MARK = 1;
const COLON = 58;
const SPACE = 32;
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const MODE = /^[0-7]{6}$/;
class RawLogParser {
    sink;
    /** The bytes of a token whose NUL has not arrived yet. */
    rest = null;
    /** The header of an entry whose path token comes next. */
    header = null;
    constructor(sink) {
        this.sink = sink;
    }
    write(chunk) {
        const data = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
        let start = 0;
        for (let nul = data.indexOf(NUL, start); nul >= 0; nul = data.indexOf(NUL, start)) {
            this.token(data, start, nul);
            start = nul + 1;
        }
        // A copy: the rest of a large chunk must not keep the whole chunk alive.
        this.rest = start < data.length ? Buffer.from(data.subarray(start)) : null;
    }
    end() {
        if (this.rest)
            this.token(this.rest, 0, this.rest.length);
        this.rest = null;
        if (this.header !== null)
            throw unexpected(`:… ${this.header.newId}`, 'a changed file without its path');
    }
    token(data, start, end) {
        if (this.header !== null) {
            this.sink.entry(entryOf(this.header, data.toString('utf8', start, end)));
            this.header = null;
            return;
        }
        while (start < end && data[start] === NEWLINE)
            start++;
        if (start === end)
            return;
        if (data[start] === COMMIT_MARK)
            this.sink.commit(commitOf(data.toString('latin1', start + 1, end).trim()));
        else if (data[start] === COLON)
            this.header = headerOf(data, start, end);
        else if (data.toString('utf8', start, end).trim() !== '')
            throw unexpected(data.toString('utf8', start, end));
    }
}
function commitOf(id) {
    if (!OBJECT_ID.test(id))
        throw unexpected(`\x01${id}`, 'not a commit id');
    return id;
}
/**
 * The fields of `:<old mode> <new mode> <old id> <new id> <status>` read at their offsets (this
 * runs once per changed file of the whole history): `<new mode> <new id> <status>`, checked.
 */
function headerOf(data, start, end) {
    const oldIdEnd = data.indexOf(SPACE, start + 15);
    const idLength = oldIdEnd - start - 15;
    const newId = oldIdEnd > 0 ? data.toString('latin1', oldIdEnd + 1, oldIdEnd + 1 + idLength) : '';
    const newMode = data.toString('latin1', start + 8, start + 14);
    const status = data.toString('latin1', oldIdEnd + 2 + idLength, end);
    const wellFormed = data[start + 7] === SPACE && data[start + 14] === SPACE && data[oldIdEnd + 1 + idLength] === SPACE && status !== '';
    if (!wellFormed || !MODE.test(newMode) || !isObjectId(data, oldIdEnd + 1, idLength)) {
        throw unexpected(data.toString('latin1', start, end));
    }
    return { newMode, newId, status };
}
/** 40 or 64 lowercase hex digits at `at`, checked on the bytes (no string, no regex: once per changed file). */
function isObjectId(data, at, length) {
    if (length !== 40 && length !== 64)
        return false;
    for (let i = at; i < at + length; i++) {
        const byte = data[i];
        if (!((byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)))
            return false;
    }
    return true;
}
function entryOf(header, path) {
    return { newMode: header.newMode, newId: header.newId, status: header.status, path };
}
function unexpected(token, why = 'not what it writes') {
    return new InternalError(`unexpected output from git log (${why}): ${JSON.stringify(token.slice(0, 80))}`);
}

// Revisions reach `git rev-list` and `git log` on stdin (`--stdin`, which both read), not on the
// command line: a push of thousands of refs names thousands of tips, more than the OS lets one
// command line carry (ARG_MAX: 2 MiB on Linux, 1 MiB on macOS, 32K characters on Windows). Pure.
//
// Git reads stdin where it meets `--stdin` on the command line (so `--ignore-missing` goes first),
// and stdin knows no `--not` (git < 2.42 takes no options there) nor the command line's: each
// revision is written with its own `^`. Pseudo-options (`--all`, `--remotes=origin`) and ranges
// under `--not` stay on the command line, in order: they come from a user's few words, never
// from push data.
function revisionInput(revisions) {
    const args = [];
    const lines = [];
    let excluding = false;
    for (const rev of revisions) {
        if (rev === '--not')
            excluding = !excluding;
        const line = excluding ? inverted(rev) : rev;
        if (fitsALine(rev) && fitsALine(line) && (!excluding || isPlainName(rev)))
            lines.push(line);
        else
            args.push(rev);
    }
    return { args: [...args, '--stdin'], stdin: lines.map((line) => `${line}\n`).join('') };
}
/** What `--not` makes of a revision: its `^` taken away, or given. */
function inverted(rev) {
    return rev.startsWith('^') ? rev.slice(1) : `^${rev}`;
}
/**
 * Not an option (stdin takes none), not empty (git < 2.42 stops reading at an empty line), no
 * line break (it would split the name; git also drops a trailing carriage return).
 */
function fitsALine(line) {
    return line !== '' && !line.startsWith('-') && !/[\r\n]/.test(line);
}
/** A name a `^` simply inverts: not a range (`A..B`, `A...B`) nor a parent shorthand (`A^!`, `A^@`, `A^-`). */
function isPlainName(rev) {
    return !rev.includes('..') && !/\^[!@-]/.test(rev);
}

// Which objects leave: exactly what `git push` would send for a revision range — the blobs
// reachable from the included commits and not from the excluded ones — each attributed to the
// first commit (parents first) in the range that introduced it.
/** Range options a user may write among the revisions, as `git rev-list` takes them. */
const ALLOWED_OPTIONS = /^--(not|all|branches|tags|remotes|ignore-missing)(=.+)?$/;
/** `--not`, `--remotes=origin`, ...: part of a range, in place, rather than an option of a command. */
function isRevisionOption(arg) {
    return ALLOWED_OPTIONS.test(arg);
}
function checkRevisions(revisions) {
    for (const rev of revisions) {
        if (rev.startsWith('-') && !isRevisionOption(rev)) {
            throw new ScanError(`unsupported revision argument "${rev}": give revisions (A..B, ^A, --not, --all, --remotes)`);
        }
    }
}
/**
 * What leaves for a revision range. `onIntroduced` sees each blob as soon as `git log` names it,
 * so its content can be read while history is still being walked; the set returned at the end is
 * the final word (a blob named early may turn out not to leave, or to stand at more paths).
 */
async function listLeavingObjects(git, revisions, onIntroduced) {
    checkRevisions(revisions);
    if (revisions.length === 0)
        return { commits: [], blobs: [], missing: new Set(), submodules: 0 };
    // A range with nothing excluded leaves every blob its diffs name: the full object walk is needed only
    // to exclude, or in a partial clone to learn which blobs are absent before any is asked for.
    const whole = !hasNegativeSide(revisions) && !(await git.isPartialClone());
    const introductions = new Introductions(whole ? onIntroduced : undefined);
    // Both run at once; a bad revision is reported as rev-list's error, whichever fails first.
    const [reachable, introduced] = await Promise.allSettled([
        whole ? tipBlobIds(git, revisions) : reachableBlobIds(git, revisions),
        introductions.read(git, revisions)
    ]);
    if (reachable.status === 'rejected')
        throw reachable.reason;
    if (introduced.status === 'rejected')
        throw introduced.reason;
    const { ids, missing } = reachable.value;
    if (!whole && onIntroduced)
        for (const blob of introductions.blobs())
            if (!missing.has(blob.id))
                await onIntroduced(blob);
    const unnamed = new Set();
    for (const id of ids)
        if (!introductions.isNamed(id))
            unnamed.add(id);
    const paths = unnamed.size > 0 ? await pathsInTips(git, revisions, unnamed) : new Map();
    return leavingSet(introductions, whole ? null : ids, unnamed, paths, missing);
}
/**
 * `^A`, `A..B`, `A...B`, `--not`, `A^!`, `A^-`: a range that excludes something. Anything that
 * might exclude counts (the cost of a wrong "yes" is one more git walk; a wrong "no" would scan
 * blobs the destination has).
 */
function hasNegativeSide(revisions) {
    return revisions.some((rev) => rev === '--not' || rev.startsWith('^') || rev.includes('..') || /\^[!-]/.test(rev));
}
/**
 * The leaving blobs in the order the diffs named them, each at its first path, the same bytes at
 * other paths in `alsoAt` (provenance is by path, and every path must be heard). `leaving` null:
 * every named blob leaves. Objects the walk found and no diff named (a tip that is a tree or a
 * blob, rare) leave too, at the path rev-list found them under, attributed to the range's last commit.
 */
function leavingSet(introductions, leaving, unnamed, paths, missing) {
    const blobs = introductions.blobs().filter((blob) => leaving === null || leaving.has(blob.id));
    const { commits, submodules } = introductions;
    for (const id of unnamed)
        blobs.push({ id, path: paths.get(id) ?? '', commit: commits[commits.length - 1] ?? '', size: -1 });
    return { commits, blobs, missing, submodules: submodules.size };
}
/**
 * `rev-list --objects` is what push itself uses to pick objects; commits come back in it too.
 * `--missing=print` lists an object this repository lacks as `?<id>` instead of failing the walk.
 */
function reachableBlobIds(git, revisions) {
    return walkedBlobs(git, ['--objects'], revisions);
}
/** Only the tips' own trees (and tips that are trees or blobs), for a range whose diffs name the rest. */
function tipBlobIds(git, revisions) {
    return walkedBlobs(git, ['--objects', '--no-walk'], revisions);
}
/**
 * A `rev-list` or `log` over `revisions`, which travel on stdin (revision-input.ts); after `--`
 * nothing, so a branch named like a file in the working tree is not ambiguous.
 */
function overRevisions(command, revisions) {
    const { args, stdin } = revisionInput(revisions);
    return { args: [...command, ...args, '--'], input: stdin };
}
/** A walk of the blobs push would send, whatever the walk's own options; commits and trees are left out. */
const BLOB_WALK = ['rev-list', '--filter=object:type=blob', '--filter-provided-objects', '--missing=print'];
async function walkedBlobs(git, options, revisions) {
    // Without names: most ranges name every blob in a diff, and paths would cost output and parsing per blob.
    const { args, input } = overRevisions([...BLOB_WALK, '--no-object-names', ...options], revisions);
    const { stdout } = await git.run(args, { input });
    const ids = new Set();
    const missing = new Set();
    for (const line of stdout.split('\n')) {
        if (line.startsWith('?'))
            missing.add(line.slice(1));
        if (line !== '')
            ids.add(line.replace(/^\?/, ''));
    }
    return { ids, missing };
}
/**
 * The path each of `ids` stands at under a tip, so a path-based registry entry still judges a blob
 * no diff names. Every blob of a commit in the range is named by a diff, so such blobs hang from
 * tips that are trees or blobs (a tag or ref of a tree): the tips' own trees suffice, no history
 * walk. Lines are `<id> <path>` (git cuts a path at a newline; a blob given as a tip has none).
 */
async function pathsInTips(git, revisions, ids) {
    const { args, input } = overRevisions([...BLOB_WALK, '--objects', '--no-walk'], revisions);
    const { stdout } = await git.run(args, { input });
    const paths = new Map();
    for (const line of stdout.split('\n')) {
        const space = line.indexOf(' ');
        const id = line.slice(0, space);
        if (space > 0 && ids.has(id) && !paths.has(id))
            paths.set(id, line.slice(space + 1));
    }
    return paths;
}
/** What the diffs of a range name, attributed as they stream in: each blob once, with every path. */
class Introductions {
    onIntroduced;
    commits = [];
    places = new BlobPlaces();
    current = '';
    waiting;
    constructor(onIntroduced) {
        this.onIntroduced = onIntroduced;
    }
    /** One `git log --raw -z` over the range: every blob each commit adds or changes, parents first. */
    async read(git, revisions) {
        const parser = new RawLogParser(this);
        const { args, input } = overRevisions(LOG, revisions);
        const log = git.stream(args, (chunk) => this.take(chunk, parser, log), { input });
        await log.done;
        parser.end();
    }
    /** Parses what git wrote; while a blob just named is being taken in, git is held back. */
    take(chunk, parser, log) {
        parser.write(chunk);
        const waiting = this.waiting;
        if (!waiting)
            return;
        this.waiting = undefined;
        log.pause();
        void waiting.then(() => log.resume(), () => log.resume());
    }
    commit(id) {
        this.current = id;
        this.commits.push(id);
    }
    entry(entry) {
        if (isDeletion(entry))
            return;
        const blob = this.places.add(pathEntry(entry), this.current);
        if (blob)
            this.waiting = this.onIntroduced?.(blob) ?? this.waiting;
    }
    /** Submodule commits (gitlinks, mode 160000) the range adds or changes. */
    get submodules() {
        return this.places.submodules;
    }
    blobs() {
        return this.places.blobs();
    }
    isNamed(id) {
        return this.places.has(id);
    }
}
/** A deletion brings nothing; anything else brings a blob, a symlink's blob or a submodule commit (blob-places.ts says which). */
function isDeletion({ newId, status }) {
    return status === 'D' || isZeroId(newId);
}
function pathEntry({ newMode, newId, path }) {
    return { mode: newMode, id: newId, path };
}
const LOG = [
    'log',
    '-z',
    '--raw',
    '--no-abbrev',
    '--no-renames',
    '--no-relative',
    '--no-ext-diff',
    '--no-textconv',
    '--no-show-signature',
    '--diff-merges=first-parent',
    '--root',
    '--topo-order',
    '--reverse',
    `--format=\x01%H`
];

export { parsePushUpdates as a, blobsAtPaths as b, isNamedRemote as c, parseRefUpdates as d, exists as e, receiveRevisions as f, isRevisionOption as g, hasNegativeSide as h, isZeroId as i, listLeavingObjects as l, nearest as n, planPush as p, revisionsExcluding as r };
