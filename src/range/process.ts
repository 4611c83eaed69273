// The one place a git process starts, with one environment policy (docs/hooks.md, "What git is
// trusted with"): git must see objects exactly as `git push` sends them and the server stores
// them, so replace refs, grafts and lazy fetches of missing objects are switched off for every
// process, and no process may stop to ask for a password. Everything else is inherited: a
// pre-receive hook's quarantine variables (GIT_DIR, GIT_OBJECT_DIRECTORY, ...) must reach git.
import { spawn, type ChildProcess, type IOType } from 'node:child_process'
import { devNull } from 'node:os'

/** Command-line config wins over every config file and GIT_CONFIG_* variable git inherits. */
const OBJECT_VIEW_CONFIG = ['-c', 'core.useReplaceRefs=false', '-c', 'advice.graftFileDeprecated=false']

const OBJECT_VIEW_ENV = {
  // Replace refs (`git replace`) change what log, rev-list and cat-file show, not what push sends.
  GIT_NO_REPLACE_OBJECTS: '1',
  // Grafts (`info/grafts`, still honoured by git 2.39) rewrite parents the same way; an empty file has none.
  GIT_GRAFT_FILE: devNull,
  // A partial clone would fetch each missing blob from its remote, one request at a time: missing is an answer.
  GIT_NO_LAZY_FETCH: '1',
  // A hook has no one to answer a prompt; a request that needs credentials fails instead of hanging.
  GIT_TERMINAL_PROMPT: '0'
}

export interface SpawnOptions {
  stdin?: IOType
  /** Variables for this process only (a demo's commit identity); never ones that change what objects git sees. */
  env?: Record<string, string>
  /** Config given through GIT_CONFIG_COUNT rather than argv, so it never shows in a process list or an error. */
  secretConfig?: Record<string, string>
  /** Milliseconds before the process is killed (a network request). */
  timeout?: number
}

export function spawnGit(dir: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn('git', [...OBJECT_VIEW_CONFIG, ...args], {
    cwd: dir,
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
    env: gitEnvironment(process.env, options),
    timeout: options.timeout
  })
}

/** The environment every git process gets: the caller's, plus the object-view policy, plus secrets. */
export function gitEnvironment(base: NodeJS.ProcessEnv, options: SpawnOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, ...options.env, ...OBJECT_VIEW_ENV }
  let count = Number(base.GIT_CONFIG_COUNT ?? 0) || 0
  for (const [key, value] of Object.entries(options.secretConfig ?? {})) {
    env[`GIT_CONFIG_KEY_${count}`] = key
    env[`GIT_CONFIG_VALUE_${count}`] = value
    count += 1
  }
  if (count > 0) env.GIT_CONFIG_COUNT = String(count)
  return env
}
