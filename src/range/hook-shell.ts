// Runs a command the way git runs a hook: `sh -c`, from the top of the working tree, in the
// caller's environment. `install-hook` uses it to check, before writing a hook, that the command
// the hook will run starts at all (a hook that cannot find its tool stops every push).
import { spawn } from 'node:child_process'

export interface ShellResult {
  code: number
  /** stdout and stderr together, as the terminal would show them. */
  output: string
}

/** How long a `--version` check may take: a hung command is a failed check. */
const CHECK_TIMEOUT_MS = 30_000

export function runLikeAHook(top: string, command: string, env: NodeJS.ProcessEnv): Promise<ShellResult> {
  const child = spawn('sh', ['-c', command], {
    cwd: top,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: CHECK_TIMEOUT_MS
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  return new Promise((settle) => {
    child.on('error', (error) => settle({ code: 127, output: `${output}${error.message}` }))
    child.on('close', (code, signal) =>
      settle({ code: code ?? 128, output: signal ? `${output}(killed: ${signal})` : output })
    )
  })
}
