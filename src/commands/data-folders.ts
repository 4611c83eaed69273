// Where a project keeps its data, for `init` to propose as datasets' `paths`: folders named like
// data (and each folder directly inside one), and what `.dvc` files track. From the working tree,
// not git: DVC-managed data is git-ignored. Bounded: a few levels deep, a capped number of entries.
import type { Dirent } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'

const DATA_NAME = /^(data|datasets?|raw|processed|interim|external|corpus|corpora)$/i
/** Tool, environment and cache folders: never data of the project's own. */
const SKIPPED = new Set([
  '.git',
  '.dvc',
  'node_modules',
  '.venv',
  'venv',
  'env',
  '__pycache__',
  '.tox',
  '.cache',
  'dist'
])
const MAX_DEPTH = 3
const MAX_ENTRIES = 20_000

/** Paths from the top, sorted: `data`, `data/ukbb`, `images` (from `images.dvc`). */
export async function findDataFolders(top: string): Promise<string[]> {
  const found = new Set<string>()
  let budget = MAX_ENTRIES
  const visit = async (relative: string, depth: number): Promise<void> => {
    const entries = await readdir(join(top, relative), { withFileTypes: true }).catch(() => [] as Dirent[])
    budget -= entries.length
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isFile() && entry.name.endsWith('.dvc') && entry.name !== '.dvc')
        found.add(path.slice(0, -'.dvc'.length))
      if (!entry.isDirectory() || SKIPPED.has(entry.name) || budget <= 0) continue
      if (DATA_NAME.test(entry.name)) {
        found.add(path)
        const inside = await readdir(join(top, path), { withFileTypes: true }).catch(() => [] as Dirent[])
        inside.filter((child) => child.isDirectory()).forEach((child) => found.add(`${path}/${child.name}`))
      }
      if (depth < MAX_DEPTH) await visit(path, depth + 1)
    }
  }
  await visit('', 1)
  return [...found].sort()
}
