// Which command a hook runs to reach model-leak-guard, decided when the hook is installed and
// checked by running it: the project's own install, else the one on PATH, else the very CLI that
// runs install-hook (node and its dist/cli.js by absolute path, so no PATH is needed at push time).
import { access, constants, realpath } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { ScanError } from '../errors.js'
import { runLikeAHook } from '../range/hook-shell.js'
import type { HookRunner } from './install-hook.js'

const BIN = 'model-leak-guard'
/** Hooks run from the top of the working tree: a project's own install is found there. */
const LOCAL_BIN_DIR = 'node_modules/.bin'

export interface HookTool {
  /** What the hook runs, followed by `pre-push "$@"`. */
  command: string
  /** Where it was found, for the user. */
  found: string
}

export interface ToolSearch {
  top: string
  runner: HookRunner
  env: NodeJS.ProcessEnv
  /** The dist/cli.js this CLI runs from, when it runs as a program. */
  program?: string
}

export async function findHookTool(search: ToolSearch): Promise<HookTool> {
  if (await isExecutable(join(search.top, LOCAL_BIN_DIR, BIN))) {
    // husky puts node_modules/.bin on PATH itself; a plain git hook does it in the command.
    const command = search.runner === 'git' ? `PATH="${LOCAL_BIN_DIR}:$PATH" ${BIN}` : BIN
    return { command, found: `this project's ${LOCAL_BIN_DIR}/${BIN}` }
  }
  const onPath = await findOnPath(BIN, search.env.PATH ?? '')
  if (onPath && (!search.program || (await realpath(onPath)) === search.program)) {
    return { command: BIN, found: `${onPath} on PATH` }
  }
  if (search.program) {
    return { command: `${shellQuote(process.execPath)} ${shellQuote(search.program)}`, found: 'the CLI running now' }
  }
  throw new ScanError(
    `cannot find ${BIN} for the hook to run: no ${LOCAL_BIN_DIR}/${BIN} in ${search.top} and none on PATH. ` +
      'Install it (docs/install.md) and run install-hook through it, or give --command CMD'
  )
}

/** Runs `<command> --version` as the hook will run it; a command that does not start is an error, and no hook is written. */
export async function checkHookTool(tool: HookTool, search: ToolSearch): Promise<string> {
  // husky's runner prepends node_modules/.bin (its own path from the top) before running the hook.
  const env =
    search.runner === 'husky'
      ? { ...search.env, PATH: `${join(search.top, LOCAL_BIN_DIR)}${delimiter}${search.env.PATH ?? ''}` }
      : search.env
  const { code, output } = await runLikeAHook(search.top, `${tool.command} --version`, env)
  const version = output.trim()
  if (code === 0 && /^\d+\.\d+\.\d+\S*$/.test(version)) return version
  throw new ScanError(
    `the hook would run "${tool.command}" (${tool.found}), which does not work here (exit ${code}): ${version || 'no output'}\n` +
      `  no hook was written. Install ${BIN} (docs/install.md), or give --command CMD with a command that runs it`
  )
}

async function findOnPath(name: string, path: string): Promise<string | null> {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    if (await isExecutable(join(dir, name))) return join(dir, name)
  }
  return null
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false
  )
}

/** A word for sh, single-quoted: nothing inside is expanded. */
export function shellQuote(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`
}
