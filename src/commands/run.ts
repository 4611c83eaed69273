// The CLI: `model-leak-guard <command> [options]`. A thin adapter: argv in, exit code out. Importable
// (the tests run it in-process); the program that runs it is src/cli.ts.
// It must not import the Action toolkit or Octokit: the hooks start it on every push.
import { EXIT, ScanError } from '../errors.js'
import { VERSION } from '../version.js'
import { COMMANDS, isCommand } from './index.js'
import type { CommandIO } from './io.js'
import type { CommandName } from './specs.js'

export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout.write(await helpText())
    return name === undefined ? EXIT.error : EXIT.pass
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${VERSION}\n`)
    return EXIT.pass
  }
  if (name === 'help') return help(args, io)
  if (!isCommand(name)) return unknownCommand(name, io)
  if (asksForHelp(args)) {
    io.stdout.write(await helpText(name))
    return EXIT.pass
  }
  try {
    const run = await COMMANDS[name]()
    return await run(args, io)
  } catch (error) {
    if (error instanceof ScanError) {
      io.stderr.write(`model-leak-guard: ${error.message}\n`)
      return EXIT.error
    }
    io.stderr.write(`model-leak-guard: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`)
    return EXIT.error
  }
}

/**
 * The list of commands, or one command's help. Loaded when asked for: the specs it is written
 * from are shared with the command modules, so they must not be part of the bin's own file.
 */
async function helpText(name?: CommandName): Promise<string> {
  const { commandHelp, usage } = await import('./help.js')
  return name === undefined ? usage() : commandHelp(name)
}

/** `help` alone lists the commands; `help <command>` is `<command> --help`. */
async function help([name]: string[], io: CommandIO): Promise<number> {
  if (name !== undefined && !isCommand(name)) return unknownCommand(name, io)
  io.stdout.write(await helpText(name))
  return EXIT.pass
}

async function unknownCommand(name: string, io: CommandIO): Promise<number> {
  io.stderr.write(`model-leak-guard: unknown command "${name}"\n\n${await helpText()}`)
  return EXIT.error
}

/** `--help` or `-h` among the options; after `--` they are operands (a file may be called that). */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--')
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h')
}
