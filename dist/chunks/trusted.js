import { bA as DEFAULT_REGISTRY_FILE, bz as Registry, by as parseRegistry } from './index.js';

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
/** A remote's default branch as last fetched (`refs/remotes/<remote>/HEAD`), for the pre-push side. */
function remoteDefaultBranchSource(git, remote) {
    return symbolicRefSource(git, `refs/remotes/${remote}/HEAD`);
}
async function symbolicRefSource(git, symref) {
    const { stdout, code } = await git.run(['symbolic-ref', '--quiet', symref], { okCodes: [1, 128] });
    return { rev: await git.revParse(`${symref}^{commit}`), shownAs: code === 0 ? stdout.trim() : symref };
}

export { registryBlobAt as a, defaultBranchSource as d, loadTrustedRegistry as l, remoteDefaultBranchSource as r };
