// `model-leak-guard install-hook [--husky] [--command CMD]`: installs the pre-push hook where git
// (or husky 9) runs it, running a command found now and checked by running it (hook-tool.ts).
// Idempotent; an existing different hook is kept and chained: it moves to `pre-push.local` and runs
// after the scan passes, with the same arguments and the same ref lines on stdin (a hook that
// uploads, like git-lfs's, must never send what the scan blocks).
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { EXIT, ScanError } from '../errors.js'
import { exists } from '../files.js'
import { GitRepository } from '../range/git.js'
import { parseCommandArgs, repositoryDir } from './args.js'
import { checkHookTool, findHookTool, type HookTool } from './hook-tool.js'
import type { CommandIO } from './io.js'
import { SPECS } from './specs.js'

/** Which runner starts the hook: git itself (an executable file) or husky's `sh -e .husky/<hook>`. */
export type HookRunner = 'git' | 'husky'

interface HookTarget {
  path: string
  runner: HookRunner
  /** Something the user should know about the setup, e.g. husky not initialised. */
  note?: string
}

const MARKER = '# model-leak-guard pre-push hook'

export async function installHookCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, SPECS['install-hook'])
  const git = await GitRepository.open(repositoryDir(io, values.C))
  const target = values.husky ? await huskyTarget(git) : await gitHooksTarget(git)
  const search = { top: await git.topLevel(), runner: target.runner, env: io.env, program: io.program }
  const given = values.command
  const tool: HookTool = given ? { command: given, found: 'given with --command' } : await findHookTool(search)
  const version = await checkHookTool(tool, search)
  const outcome = await installAt(target, tool.command)
  const checked = `the hook runs: ${tool.command}  (${tool.found}; checked: --version printed ${version})`
  io.stdout.write(`${outcome}\n${checked}\n${target.note ? `${target.note}\n` : ''}`)
  return EXIT.pass
}

/** The hooks directory git uses: `git rev-parse --git-path hooks` follows core.hooksPath. */
async function gitHooksTarget(git: GitRepository): Promise<HookTarget> {
  const hooks = await git.hooksDir()
  if (basename(hooks) === '_' && (await exists(join(hooks, 'h')))) {
    throw new ScanError(`husky runs this repository's hooks (core.hooksPath is ${hooks}): run install-hook --husky`)
  }
  await mkdir(hooks, { recursive: true })
  return { path: join(hooks, 'pre-push'), runner: 'git' }
}

/** `.husky/pre-push` next to husky's `_` directory (core.hooksPath), or at the top level. */
async function huskyTarget(git: GitRepository): Promise<HookTarget> {
  const top = await git.topLevel()
  const configured = ((await git.configGet('core.hooksPath')) ?? '').trim()
  const husky = configured.endsWith('_') ? dirname(resolve(top, configured)) : join(top, '.husky')
  await mkdir(husky, { recursive: true })
  const note = configured.endsWith('_')
    ? undefined
    : 'husky is not set up here yet: run `npx husky init` (or add "prepare": "husky") so git runs .husky hooks'
  return { path: join(husky, 'pre-push'), runner: 'husky', note }
}

/** Writes the hook; chains an existing different one; says what it did. */
async function installAt(target: HookTarget, command: string): Promise<string> {
  const local = `${target.path}.local`
  const existing = await readIfExists(target.path)
  if (existing !== null && !existing.includes(MARKER)) {
    if (await exists(local)) {
      throw new ScanError(
        `${target.path} is another hook and ${local} exists too: merge them by hand into ${local}, remove ${target.path}, and run install-hook again`
      )
    }
    await rename(target.path, local)
  }
  const script = hookScript(target.runner, command, await exists(local))
  if (existing === script) return `already installed: ${target.path}`
  await writeFile(target.path, script)
  await chmod(target.path, 0o755)
  if (existing === null) return `installed ${target.path}`
  return existing.includes(MARKER)
    ? `updated ${target.path}`
    : `installed ${target.path}; the hook that was there moved to ${local} and runs after the scan passes`
}

/** The hook file's text: our command, then the chained hook when there is one (only if ours passed). */
export function hookScript(runner: HookRunner, command: string, chained: boolean): string {
  const run = `${command} pre-push "$@"`
  const head = runner === 'git' ? ['#!/bin/sh', MARKER] : [MARKER]
  if (!chained) return [...head, run, ''].join('\n')
  const previous = runner === 'git' ? '"$(dirname "$0")/pre-push.local"' : 'sh -e "$(dirname "$0")/pre-push.local"'
  return [
    ...head,
    '# git gives the ref lines on stdin once: keep them and feed both hooks',
    'input=$(cat)',
    'feed() { [ -z "$input" ] || printf \'%s\\n\' "$input"; }',
    `feed | ${run} || exit $?`,
    `feed | ${previous} "$@"`,
    ''
  ].join('\n')
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}
