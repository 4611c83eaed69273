// The inventory over the one engine: a scan (of a push range, a history or a tree's snapshot), then
// the size and SHA-256 of each model blob that fits the read cap. `inventory` and the Action's
// ML-BOM both come through here; writing it out is src/report/inventory.ts and cyclonedx.ts.
import { LIMITS } from './detect/index.js'
import { blobDigests } from './range/digest.js'
import { GitRepository } from './range/git.js'
import type { Registry } from './registry/registry.js'
import { buildInventory, type Inventory, type InventoryScope } from './report/inventory.js'
import { scan, type ScanRequest } from './scan.js'
import type { ScanReport } from './types.js'

export async function takeInventory(request: ScanRequest, scope: InventoryScope): Promise<Inventory> {
  return inventoryOfReport(await scan(request), { registry: request.registry, scope, repoDir: request.repoDir })
}

/** The inventory of a report already made (the Action's scan of a push or pull request). */
export async function inventoryOfReport(
  report: ScanReport,
  options: { registry: Registry; scope: InventoryScope; repoDir: string }
): Promise<Inventory> {
  const git = await GitRepository.open(options.repoDir)
  try {
    const blobs = report.findings.map((finding) => finding.blob)
    const digests = await blobDigests(git, blobs, LIMITS.readCap)
    return buildInventory({ report, registry: options.registry, scope: options.scope, digests })
  } finally {
    await git.close()
  }
}
