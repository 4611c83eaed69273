// `model-leak-guard baseline [--output FILE] [--registry FILE] [-C DIR]`: records the blob ids of
// every artifact in the repository's history today, so a repository with history can turn the gate
// on and block only new leaks. The file counts once it is committed beside the registry on the
// default branch: like the registry, it is read from the trusted side, never from a push.
import { writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { EXIT, ScanError } from '../errors.js'
import { everyRef } from '../range/revisions.js'
import { BASELINE_FILE, renderBaseline } from '../registry/baseline.js'
import { defaultRegistryPath, loadRegistryFor } from '../registry/index.js'
import { count } from '../report/text.js'
import { scan } from '../scan.js'
import { parseCommandArgs, repositoryDir } from './args.js'
import type { CommandIO } from './io.js'
import { SPECS } from './specs.js'

export async function baselineCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, SPECS.baseline) // no revisions: it records every ref's history
  const dir = repositoryDir(io, values.C)
  const registryFile = values.registry
  // Without the current baseline: what is recorded is every artifact, as the policy judges it today.
  const registry = (await loadRegistryFor(dir, registryFile)).withBaseline(null)
  const today = new Date().toISOString().slice(0, 10)
  const report = await scan({ repoDir: dir, revisions: everyRef(), registry, today })
  const registryPath = registryFile === undefined ? await defaultRegistryPath(dir) : resolve(dir, registryFile)
  const output =
    values.output === undefined ? join(dirname(registryPath), BASELINE_FILE) : resolve(io.cwd, values.output)
  await writeFile(output, renderBaseline(report.findings, today)).catch((error: NodeJS.ErrnoException) => {
    throw new ScanError(`${output}: cannot write the baseline: ${error.code ?? error.message}`)
  })
  const blocking = report.findings.filter((f) => f.verdict === 'block').length
  io.stdout.write(
    `recorded ${count(report.findings.length, 'artifact')} (${blocking} of them would block today) in ${output}\n` +
      'Commit it beside the registry on the default branch: like the registry, it counts from there, never from a push.\n'
  )
  return EXIT.pass
}
