// The CLI: `model-leak-guard <command> [options]`. A thin adapter: argv in, exit code out. Importable
// (the tests run it in-process); the program that runs it is src/cli.ts.
// It must not import the Action toolkit or Octokit: the hooks start it on every push.
import { EXIT, ScanError } from '../errors.js'
import { VERSION } from '../version.js'
import { COMMANDS, SCAN_USAGE } from './index.js'
import type { CommandIO } from './io.js'

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length))
  const commands = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  return [
    'model-leak-guard: stop models trained on sensitive data from leaving a repository',
    '',
    'usage: model-leak-guard <command> [options]',
    ...commands,
    '',
    SCAN_USAGE,
    '',
    'exit codes: 0 pass (warnings included), 1 blocked, 2 usage, registry or git error',
    ''
  ].join('\n')
}

export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage())
    return name === undefined ? EXIT.error : EXIT.pass
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${VERSION}\n`)
    return EXIT.pass
  }
  const command = COMMANDS[name]
  if (!command) {
    io.stderr.write(`model-leak-guard: unknown command "${name}"\n\n${usage()}`)
    return EXIT.error
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(usage())
    return EXIT.pass
  }
  try {
    const run = await command.load()
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
