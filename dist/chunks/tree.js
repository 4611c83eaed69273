import { S as ScanError, I as InternalError } from './version.js';
import { l as listLeavingObjects } from './leaving.js';

// The blobs of a tree: what a checkout of a commit holds (a snapshot, not a push range). `inventory`
// asks "which models are here now"; each blob is attributed, as a push of that history would
// attribute it, to the commit that introduced it at its path, so provenance reads what it reads for `scan`.
/** Submodule commits (160000) and symlinks (120000, a target path) are entries, not content to inspect. */
const NOT_CONTENT = new Set(['160000', '120000']);
/** Parses `git ls-tree -r -z`: `<mode> SP <type> SP <object> TAB <path>` per entry, NUL-terminated. */
function parseLsTree(output) {
    const entries = [];
    for (const record of output.split('\0')) {
        if (record === '')
            continue;
        const tab = record.indexOf('\t');
        const [mode, type, id] = record.slice(0, tab).split(' ');
        if (tab < 0 || !mode || !type || !id)
            throw new InternalError(`unexpected output from git ls-tree: ${JSON.stringify(record.slice(0, 80))}`);
        entries.push({ mode, id, path: record.slice(tab + 1) });
    }
    return entries;
}
/**
 * One LeavingBlob per content blob among the entries, at its first path, the same bytes at other
 * paths in `alsoAt`; each path attributed by `commitOf`. Also what a listing of the index needs.
 */
function blobsAtPaths(entries, commitOf) {
    const byId = new Map();
    for (const { mode, id, path } of entries) {
        if (NOT_CONTENT.has(mode))
            continue;
        const place = { path, commit: commitOf(id, path) };
        const first = byId.get(id);
        if (!first)
            byId.set(id, { id, ...place, size: -1 });
        else
            first.alsoAt = [...(first.alsoAt ?? []), place];
    }
    return [...byId.values()];
}
/** The blobs `rev`'s tree holds, each at the commit of its history that introduced it at its path. */
async function listTreeBlobs(git, rev) {
    const commit = await git.revParse(`${rev}^{commit}`);
    if (!commit)
        throw new ScanError(`unknown revision "${rev}": no commit to take an inventory of`);
    const [listing, history] = await Promise.all([
        git.run(['ls-tree', '-r', '-z', '--full-tree', commit]),
        listLeavingObjects(git, [commit])
    ]);
    const introducedAt = new Map();
    for (const blob of history.blobs)
        for (const place of [blob, ...(blob.alsoAt ?? [])])
            introducedAt.set(`${blob.id}\0${place.path}`, place.commit);
    const entries = parseLsTree(listing.stdout);
    const blobs = blobsAtPaths(entries, (id, path) => introducedAt.get(`${id}\0${path}`) ?? commit);
    const here = new Set(blobs.map((blob) => blob.id));
    return {
        commits: [commit],
        blobs,
        missing: new Set([...history.missing].filter((id) => here.has(id))),
        submodules: entries.filter((entry) => entry.mode === '160000').length
    };
}

export { blobsAtPaths as b, listTreeBlobs as l };
