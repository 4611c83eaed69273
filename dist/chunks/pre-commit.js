import { S as ScanError } from './version.js';
import { G as GitRepository } from './git.js';
import { a as excluding } from './revisions.js';
import { p as parseCommandArgs, r as repositoryDir } from './args.js';
import { prePushCommand } from './pre-push.js';
import { scanCommand } from './scan.js';
import { S as SPECS } from './specs.js';
import 'node:fs/promises';
import 'node:path';
import './leaving.js';
import 'node:child_process';
import 'node:os';
import 'node:util';
import './scan2.js';
import 'node:zlib';
import './index.js';
import './trusted.js';
import './text.js';
import './printable.js';
import './history.js';
import './working-tree.js';
import 'node:crypto';

// `model-leak-guard pre-commit-push`: the pre-commit framework's pre-push stage. pre-commit reads
// git's ref lines itself and hands its hooks one ref through PRE_COMMIT_* variables; this turns
// them back into the ref line `pre-push` takes. The remote's old tip is given as unknown (zeros),
// so `pre-push` asks the destination what it has: pre-commit's from-ref may come from stale
// remote-tracking refs, and excluding by them could let a model through.
function preCommitPush(env) {
    const { PRE_COMMIT_REMOTE_NAME, PRE_COMMIT_REMOTE_URL, PRE_COMMIT_LOCAL_BRANCH, PRE_COMMIT_REMOTE_BRANCH } = env;
    const { PRE_COMMIT_FROM_REF: from, PRE_COMMIT_TO_REF: to } = env;
    if (PRE_COMMIT_REMOTE_NAME && PRE_COMMIT_REMOTE_URL && PRE_COMMIT_LOCAL_BRANCH && PRE_COMMIT_REMOTE_BRANCH) {
        // Without TO_REF (a branch whose whole history is new, pre-commit's "all files") the local ref names the tip.
        return {
            kind: 'push',
            remoteName: PRE_COMMIT_REMOTE_NAME,
            remoteUrl: PRE_COMMIT_REMOTE_URL,
            localRef: PRE_COMMIT_LOCAL_BRANCH,
            localSha: to || undefined,
            remoteRef: PRE_COMMIT_REMOTE_BRANCH
        };
    }
    if (from && to)
        return { kind: 'range', from, to };
    return { kind: 'none' };
}
async function preCommitPushCommand(args, io) {
    const { values } = parseCommandArgs(args, SPECS['pre-commit-push']);
    const passOn = args; // --registry and -C mean the same to pre-push and scan
    const plan = preCommitPush(io.env);
    if (plan.kind === 'range')
        return scanCommand([...passOn, ...excluding(plan.to, [plan.from])], io);
    // Run by hand (`pre-commit run --hook-stage pre-push` without refs): what the branch would push.
    if (plan.kind === 'none')
        return scanCommand(passOn, io);
    const git = await GitRepository.open(repositoryDir(io, values.C));
    const localSha = plan.localSha ?? (await git.commitOf(plan.localRef));
    if (!localSha)
        throw new ScanError(`pre-commit named ${plan.localRef}, which is not a commit here`);
    const line = `${plan.localRef} ${localSha} ${plan.remoteRef} ${'0'.repeat(localSha.length)}\n`;
    return prePushCommand([...passOn, plan.remoteName, plan.remoteUrl], { ...io, readStdin: async () => line });
}

export { preCommitPush, preCommitPushCommand };
