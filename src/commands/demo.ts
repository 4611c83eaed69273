// `npm start`: builds a throwaway repository and scans what its branch would push.
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { EXIT } from '../errors.js'
import { loadRegistryFor } from '../registry/index.js'
import { renderText, wantsColour } from '../report/text.js'
import { scan } from '../scan.js'
import type { CommandIO } from './io.js'
import { buildDemoRepository } from './demo-repository.js'

export async function demoCommand(_args: string[], io: CommandIO): Promise<number> {
  const work = await buildDemoRepository()
  try {
    io.stdout.write(`Demo: a repository whose branch adds two models and a k-NN index (in ${work}).\n`)
    io.stdout.write('$ model-leak-guard scan            # what `git push` would send: HEAD --not --remotes\n\n')
    const report = await scan({
      repoDir: work,
      revisions: ['HEAD', '--not', '--remotes'],
      registry: await loadRegistryFor(work)
    })
    io.stdout.write(renderText(report, { colour: wantsColour(io.stdout, io.env) }))
    io.stdout.write(
      `\nThe push would be ${report.verdict === 'block' ? 'BLOCKED (exit code 1)' : 'allowed'}.\n` +
        'Run it on your own repository:  npx model-leak-guard scan   (or: node dist/cli.js scan -C /path/to/repo)\n'
    )
    // The demo works when its scan blocks the push (exit 0); a pass would mean the gate is broken (exit 1).
    return report.verdict === 'block' ? EXIT.pass : EXIT.blocked
  } finally {
    rmSync(dirname(work), { recursive: true, force: true })
  }
}
