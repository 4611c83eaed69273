// The CLI entry: `model-leak-guard <command> [options]`. A thin adapter: argv in, exit code out.
// It must not import the Action toolkit or Octokit: the hooks start it on every push.
import module from 'node:module'
import { COMMANDS, SCAN_USAGE } from './commands/index.js'
import { processIO, type CommandIO } from './commands/io.js'
import { EXIT, ScanError } from './errors.js'
import { VERSION } from './version.js'

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

// Node 22+ caches compiled code between runs (the hook starts on every push); Node 20 has no cache.
;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()

// Run only as the program, not when a test imports runCli.
const invokedAs = process.argv[1] ?? ''
if (/(^|[/\\])(cli\.js|model-leak-guard)$/.test(invokedAs)) {
  void runCli(process.argv.slice(2), processIO()).then((code) => {
    process.exitCode = code
  })
}
