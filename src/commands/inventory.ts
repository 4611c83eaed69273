// `model-leak-guard inventory`: every model in the repository with its datasets, labels, lineage
// and today's verdict, as a CycloneDX 1.6 ML-BOM or the inventory JSON. The same scan as `scan`,
// over what a commit holds (default HEAD) or over a history; a report, so it exits 0 whatever the verdicts.
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { EXIT, ScanError } from '../errors.js'
import { GitRepository } from '../range/git.js'
import { everyRef } from '../range/revisions.js'
import { listTreeBlobs } from '../range/tree.js'
import { loadRegistryFor } from '../registry/index.js'
import type { Registry } from '../registry/registry.js'
import { renderCycloneDx } from '../report/cyclonedx.js'
import { renderInventoryJson, type Inventory, type InventoryScope } from '../report/inventory.js'
import { takeInventory } from '../inventory.js'
import type { ScanRequest } from '../scan.js'
import { parseCommandArgs, repositoryDir, seeHelp } from './args.js'
import { SPECS } from './specs.js'
import type { CommandIO } from './io.js'

export type InventoryFormat = 'cyclonedx' | 'json'

export async function inventoryCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, SPECS.inventory)
  const format = parseInventoryFormat(values.format)
  const dir = repositoryDir(io, values.C)
  const registry = await loadRegistryFor(dir, values.registry)
  const request = await inventoryRequest(dir, registry, {
    all: Boolean(values.all),
    at: values.at,
    revisions: positionals
  })
  const inventory = await takeInventory(request.scan, request.scope)
  const text = format === 'json' ? renderInventoryJson(inventory) : renderCycloneDx(inventory)
  const output = values.output
  if (!output) {
    io.stdout.write(text)
    return EXIT.pass
  }
  await writeFile(resolve(io.cwd, output), text).catch((error: NodeJS.ErrnoException) => {
    throw new ScanError(`${output}: cannot write the inventory: ${error.code ?? error.message}`)
  })
  io.stdout.write(`${summaryLine(inventory)}: written to ${output}\n`)
  return EXIT.pass
}

export function parseInventoryFormat(value: string | undefined): InventoryFormat {
  if (value === undefined || value === 'cyclonedx' || value === 'json') return value ?? 'cyclonedx'
  throw new ScanError(`--format must be cyclonedx or json, not "${value}"`)
}

interface ScopeOptions {
  all: boolean
  at: string | undefined
  revisions: string[]
}

/** The scan to run and how to describe it. */
async function inventoryRequest(
  dir: string,
  registry: Registry,
  options: ScopeOptions
): Promise<{ scan: ScanRequest; scope: InventoryScope }> {
  if (options.at !== undefined && (options.all || options.revisions.length > 0))
    throw new ScanError(`--at takes the place of REV... and --all: give one or the other ${seeHelp(SPECS.inventory)}`)
  if (options.all || options.revisions.length > 0) {
    const revisions = options.all ? everyRef(...options.revisions) : options.revisions
    return { scan: { repoDir: dir, revisions, registry }, scope: { type: 'history', revisions } }
  }
  const revision = options.at ?? 'HEAD'
  const commit = await (await GitRepository.open(dir)).commitOf(revision)
  if (!commit && options.at !== undefined) throw new ScanError(`--at: unknown revision "${revision}"`)
  const scope: InventoryScope = { type: 'snapshot', revision, commit }
  // A repository without commits holds nothing yet: the scan of no revisions is empty.
  if (!commit) return { scan: { repoDir: dir, revisions: [], registry }, scope }
  const objects = (git: GitRepository) => listTreeBlobs(git, commit)
  return { scan: { repoDir: dir, revisions: [], registry, objects }, scope }
}

function summaryLine(inventory: Inventory): string {
  const blocked = inventory.models.filter((model) => model.verdict === 'block').length
  return `inventory: ${inventory.models.length} models (${blocked} blocked), ${inventory.datasets.length} datasets`
}
