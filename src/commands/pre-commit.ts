// `model-leak-guard pre-commit-push`: the pre-commit framework's pre-push stage. pre-commit reads
// git's ref lines itself and hands its hooks one ref through PRE_COMMIT_* variables; this turns
// them back into the ref line `pre-push` takes. The remote's old tip is given as unknown (zeros),
// so `pre-push` asks the destination what it has: pre-commit's from-ref may come from stale
// remote-tracking refs, and excluding by them could let a model through.
import { ScanError } from '../errors.js'
import { GitRepository } from '../range/git.js'
import { excluding } from '../range/revisions.js'
import { parseCommandArgs, repositoryDir } from './args.js'
import type { CommandIO } from './io.js'
import { prePushCommand } from './pre-push.js'
import { scanCommand } from './scan.js'
import { SPECS } from './specs.js'

/** What to run for the variables pre-commit set: a push of one ref, a `--from-ref/--to-ref` range, or neither. */
export type PreCommitPush =
  | { kind: 'push'; remoteName: string; remoteUrl: string; localRef: string; localSha?: string; remoteRef: string }
  | { kind: 'range'; from: string; to: string }
  | { kind: 'none' }

export function preCommitPush(env: NodeJS.ProcessEnv): PreCommitPush {
  const { PRE_COMMIT_REMOTE_NAME, PRE_COMMIT_REMOTE_URL, PRE_COMMIT_LOCAL_BRANCH, PRE_COMMIT_REMOTE_BRANCH } = env
  const { PRE_COMMIT_FROM_REF: from, PRE_COMMIT_TO_REF: to } = env
  if (PRE_COMMIT_REMOTE_NAME && PRE_COMMIT_REMOTE_URL && PRE_COMMIT_LOCAL_BRANCH && PRE_COMMIT_REMOTE_BRANCH) {
    // Without TO_REF (a branch whose whole history is new, pre-commit's "all files") the local ref names the tip.
    return {
      kind: 'push',
      remoteName: PRE_COMMIT_REMOTE_NAME,
      remoteUrl: PRE_COMMIT_REMOTE_URL,
      localRef: PRE_COMMIT_LOCAL_BRANCH,
      localSha: to || undefined,
      remoteRef: PRE_COMMIT_REMOTE_BRANCH
    }
  }
  if (from && to) return { kind: 'range', from, to }
  return { kind: 'none' }
}

export async function preCommitPushCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, SPECS['pre-commit-push'])
  const passOn = args // --registry and -C mean the same to pre-push and scan
  const plan = preCommitPush(io.env)
  if (plan.kind === 'range') return scanCommand([...passOn, ...excluding(plan.to, [plan.from])], io)
  // Run by hand (`pre-commit run --hook-stage pre-push` without refs): what the branch would push.
  if (plan.kind === 'none') return scanCommand(passOn, io)
  const git = await GitRepository.open(repositoryDir(io, values.C))
  const localSha = plan.localSha ?? (await git.commitOf(plan.localRef))
  if (!localSha) throw new ScanError(`pre-commit named ${plan.localRef}, which is not a commit here`)
  const line = `${plan.localRef} ${localSha} ${plan.remoteRef} ${'0'.repeat(localSha.length)}\n`
  return prePushCommand([...passOn, plan.remoteName, plan.remoteUrl], { ...io, readStdin: async () => line })
}
