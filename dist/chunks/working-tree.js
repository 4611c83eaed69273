import { mkdtemp, mkdir, copyFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, delimiter } from 'node:path';
import { G as GitRepository } from './git.js';

// The working tree (or only the index) as a commit, so a file that is staged or only on disk can
// be judged through the same pipeline as a committed one. Written to a temporary index and object directory: the
// repository itself (its index, its objects) is never written to.
/** Who "commits" the snapshot: it never leaves the temporary directory. */
const SNAPSHOT_IDENTITY = {
    GIT_AUTHOR_NAME: 'model-leak-guard',
    GIT_AUTHOR_EMAIL: 'model-leak-guard@localhost',
    GIT_COMMITTER_NAME: 'model-leak-guard',
    GIT_COMMITTER_EMAIL: 'model-leak-guard@localhost'
};
/**
 * Every tracked change in the working tree, and `paths` (from the top; added even when untracked
 * or ignored, skipped when absent), as a commit on top of HEAD.
 */
function snapshotWorkingTree(git, paths) {
    return inScratchView(git, (view) => view.commitWorkingTree(paths, SNAPSHOT_IDENTITY));
}
/** The index as it is (what `git commit` would record now), as a commit on top of HEAD. */
function snapshotIndex(git) {
    return inScratchView(git, (view) => view.commitIndex('the index, as model-leak-guard scan --staged reads it', SNAPSHOT_IDENTITY));
}
/** A copy of the index git uses (GIT_INDEX_FILE included) and a new object directory, the repository's as an alternate. */
async function inScratchView(git, commit) {
    const [top, objects, index] = await Promise.all([git.topLevel(), git.gitPath('objects'), git.gitPath('index')]);
    const scratch = await mkdtemp(join(tmpdir(), 'mlg-working-tree-'));
    await mkdir(join(scratch, 'objects'));
    await copyFile(index, join(scratch, 'index')).catch((error) => {
        if (error.code !== 'ENOENT')
            throw error; // no index yet: nothing staged
    });
    const alternates = [objects, process.env.GIT_ALTERNATE_OBJECT_DIRECTORIES].filter(Boolean).join(delimiter);
    const view = {
        GIT_INDEX_FILE: join(scratch, 'index'),
        GIT_OBJECT_DIRECTORY: join(scratch, 'objects'),
        GIT_ALTERNATE_OBJECT_DIRECTORIES: alternates
    };
    const snapshot = GitRepository.viewedThrough(top, view, () => rm(scratch, { recursive: true, force: true }));
    try {
        return { git: snapshot, commit: await commit(snapshot) };
    }
    catch (error) {
        await snapshot.close();
        throw error;
    }
}

export { snapshotWorkingTree as a, snapshotIndex as s };
