// `model-leak-guard init [--force] [--output FILE] [-C DIR]`: a registry that writes itself. Scans
// every ref's history with the built-in defaults, so every dataset name that model cards, DVC,
// embedded metadata and commit trailers give comes back unregistered; adds the data folders found;
// writes a commented .model-registry.yml proposal (checked by the registry loader first); prints
// what is still unknown. An existing registry is never overwritten without --force.
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { EXIT, ScanError } from '../errors.js'
import { exists } from '../files.js'
import { GitRepository } from '../range/git.js'
import { everyRef } from '../range/revisions.js'
import { DEFAULT_REGISTRY_FILE } from '../registry/index.js'
import { parseRegistry } from '../registry/load.js'
import { Registry } from '../registry/registry.js'
import { scan } from '../scan.js'
import type { Finding } from '../types.js'
import { oneLine } from '../report/printable.js'
import { parseCommandArgs, repositoryDir } from './args.js'
import { findDataFolders } from './data-folders.js'
import type { CommandIO } from './io.js'
import { proposeRegistry, type Proposal } from './registry-proposal.js'
import { SPECS } from './specs.js'

export async function initCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, SPECS.init)
  const git = await GitRepository.open(repositoryDir(io, values.C))
  const top = await git.topLevel()
  const output = values.output
  const target = output ? resolve(io.cwd, output) : resolve(top, DEFAULT_REGISTRY_FILE)
  if (!values.force && (await exists(target))) {
    throw new ScanError(
      `${target} exists: init never overwrites a registry (--force replaces it; --output FILE writes elsewhere)`
    )
  }
  const report = await scan({ repoDir: top, revisions: everyRef(), registry: Registry.defaults() })
  const proposal = proposeRegistry({
    findings: report.findings,
    dataFolders: await findDataFolders(top),
    commits: report.stats.commits
  })
  parseRegistry(proposal.text, target) // what init writes must load: a broken proposal is a bug, not a file to fix by hand
  await writeFile(target, proposal.text)
  io.stdout.write(summary(report.findings, proposal, target, report.stats.commits))
  return EXIT.pass
}

function summary(findings: Finding[], proposal: Proposal, target: string, commits: number): string {
  const models = [...new Map(findings.map((f) => [f.path, f])).values()]
  const lines = [
    `scanned ${commits} commits (every ref's history): ${models.length} model file(s)`,
    ...models.map((f) => `  ${f.path}  [${f.format}, ${f.kind}]`),
    `datasets named: ${proposal.datasets.map((d) => `${d.id} (${[...d.namedBy].join(', ')})`).join(', ') || 'none'}`,
    `wrote ${target}: ${proposal.datasets.length} dataset(s), ${proposal.models.length} models: entr${proposal.models.length === 1 ? 'y' : 'ies'}`,
    ...(proposal.unknown.length > 0 ? ['still unknown:', ...proposal.unknown.map((line) => `  - ${line}`)] : []),
    'next: edit the labels, then `model-leak-guard validate-registry` and `model-leak-guard scan --all`',
    ''
  ]
  return lines.map(oneLine).join('\n')
}
