// `npm start` (`model-leak-guard demo [--keep]`): builds a throwaway repository and scans what its
// branch would push. The repository is removed afterwards, so its path is shown only with --keep.
import { rmSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import { EXIT } from '../errors.js'
import { unpushed } from '../range/revisions.js'
import { loadRegistryFor } from '../registry/index.js'
import { renderText, wantsColour } from '../report/text.js'
import { scan } from '../scan.js'
import { parseCommandArgs } from './args.js'
import type { CommandIO } from './io.js'
import { buildDemoRepository } from './demo-repository.js'
import { SPECS } from './specs.js'

export async function demoCommand(args: string[], io: CommandIO): Promise<number> {
  const keep = Boolean(parseCommandArgs(args, SPECS.demo).values.keep)
  const work = await buildDemoRepository()
  try {
    io.stdout.write('Demo: a repository whose branch adds two models and a k-NN index.\n')
    io.stdout.write('$ model-leak-guard scan            # what `git push` would send: HEAD --not --remotes\n\n')
    const report = await scan({
      repoDir: work,
      revisions: unpushed(),
      registry: await loadRegistryFor(work)
    })
    io.stdout.write(renderText(report, { colour: wantsColour(io.stdout, io.env) }))
    io.stdout.write(`\n${outcome(report.verdict === 'block')}\n${nextSteps(io, keep ? work : null)}`)
    // The demo itself succeeds when it shows the block (npm start exits 0); anything else is its failure.
    return report.verdict === 'block' ? EXIT.pass : EXIT.error
  } finally {
    if (!keep) rmSync(dirname(work), { recursive: true, force: true })
  }
}

function outcome(blocked: boolean): string {
  return blocked
    ? 'The push would be BLOCKED: `model-leak-guard scan` exits 1 here, and the pre-push hook stops `git push`.'
    : 'The demo expected a blocked push and did not get one: please report it.'
}

/** How to go on: the demo repository when kept, and the command that runs this very CLI. */
function nextSteps(io: CommandIO, kept: string | null): string {
  const self = io.program ? `node ${relative(io.cwd, io.program) || io.program}` : 'model-leak-guard'
  const lines = kept
    ? [`The demo repository is kept at ${kept}: try \`${self} explain indexes/patients.faiss -C ${kept}\`.`]
    : ['(The demo repository was removed; `demo --keep` keeps it to look around.)']
  lines.push(`Run it on your own repository:  ${self} scan -C /path/to/repo   (install routes: docs/install.md)`)
  return lines.join('\n') + '\n'
}
