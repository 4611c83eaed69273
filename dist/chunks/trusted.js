import { S as ScanError } from './version.js';
import { bz as DEFAULT_REGISTRY_FILE, by as parseRegistry } from './index.js';

// The registry as committed at a revision someone else controls (the server's default branch, or
// later the remote-tracking default branch), never the one a push brings: a push must not be able
// to relabel its own datasets to get through.
/** A registry file larger than this is a mistake, not a registry. */
const MAX_REGISTRY_BYTES = 4 * 1024 * 1024;
/**
 * The registry committed at `source`, read in one request through the repository's cat-file
 * process; null when the revision or the file is absent (the caller decides on the defaults).
 */
async function readTrustedRegistry(git, source, file = DEFAULT_REGISTRY_FILE) {
    if (source.rev === null)
        return null;
    const object = await git.readAt(source.rev, file, MAX_REGISTRY_BYTES);
    if (!object)
        return null;
    const shownAs = `${source.shownAs}:${file}`;
    if (object.size > object.bytes.length)
        throw new ScanError(`${shownAs}: larger than ${MAX_REGISTRY_BYTES} bytes; is it a registry?`);
    return parseRegistry(object.bytes.toString('utf8'), shownAs);
}
/** A server's default branch: what its HEAD names (unborn in an empty repository). */
function defaultBranchSource(git) {
    return symbolicRefSource(git, 'HEAD');
}
async function symbolicRefSource(git, symref) {
    const [target, rev] = await Promise.all([git.symbolicRef(symref), git.revParse(`${symref}^{commit}`)]);
    return { rev, shownAs: target ?? symref };
}

export { defaultBranchSource as d, readTrustedRegistry as r };
