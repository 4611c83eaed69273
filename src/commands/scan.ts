// `model-leak-guard scan [REV...]`: scan what a push of these revisions would send.
import { resolve } from 'node:path'
import { EXIT } from '../errors.js'
import { loadRegistryFor } from '../registry/index.js'
import { GitRepository } from '../range/git.js'
import { isRevisionOption } from '../range/leaving.js'
import { scan } from '../scan.js'
import type { CommandIO } from './io.js'
import { parseFormat, writeReport } from './output.js'
import { parseCommandArgs } from './args.js'

/** Marks a revision option so the option parser takes it as a positional; the mark is dropped after. */
const REVISION = '\0'

export async function scanCommand(args: string[], io: CommandIO): Promise<number> {
  const parsed = parseCommandArgs(
    args.map((arg) => (isRevisionOption(arg) ? `${REVISION}${arg}` : arg)),
    {
      all: { type: 'boolean' },
      registry: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      quiet: { type: 'boolean' },
      C: { type: 'string', short: 'C' }
    }
  )
  const values = parsed.values
  // `scan HEAD --not --remotes` as git takes it: revision options stay in place among the revisions.
  const positionals = parsed.positionals.map((arg) => (arg.startsWith(REVISION) ? arg.slice(1) : arg))
  const dir = resolve(io.cwd, (values.C as string | undefined) ?? '.')
  const format = parseFormat(values.format as string | undefined)
  const registry = await loadRegistryFor(dir, values.registry as string | undefined)
  const revisions = values.all ? ['--all', ...positionals] : positionals.length ? positionals : await defaultRange(dir)
  const report = await scan({ repoDir: dir, revisions, registry })
  await writeReport(report, { format, output: values.output as string | undefined, quiet: Boolean(values.quiet) }, io)
  return report.verdict === 'block' ? EXIT.blocked : EXIT.pass
}

/** What the current branch would push; nothing when HEAD has no commit yet. */
async function defaultRange(dir: string): Promise<string[]> {
  const git = await GitRepository.open(dir)
  return (await git.revParse('HEAD')) ? ['HEAD', '--not', '--remotes'] : []
}
