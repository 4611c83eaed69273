// `model-leak-guard scan [REV...]`: scan what a push of these revisions would send; with --staged,
// what the next commit would add (the index), before it is committed; with --gitlab, what this
// GitLab pipeline's merge request (or push) brings in.
import { posix } from 'node:path'
import { EXIT } from '../errors.js'
import { failsTheGate } from '../policy/verdict.js'
import { loadRegistryFor } from '../registry/index.js'
import { GitRepository } from '../range/git.js'
import { deepenUntilWhole } from '../range/history.js'
import { everyRef, unpushed } from '../range/revisions.js'
import { listStagedObjects } from '../range/staged.js'
import { snapshotIndex } from '../range/working-tree.js'
import type { Registry } from '../registry/registry.js'
import { scan } from '../scan.js'
import type { ScanReport } from '../types.js'
import type { CommandIO } from './io.js'
import { parseFormat, writeReport } from './output.js'
import { parseCommandArgs, repositoryDir } from './args.js'
import { gitlabRange, rangeRevisions } from './ci-range.js'
import { SPECS } from './specs.js'

export async function scanCommand(args: string[], io: CommandIO): Promise<number> {
  // `scan HEAD --not --remotes` as git takes it: revision options stay in place among the revisions.
  const { values, positionals } = parseCommandArgs(args, SPECS.scan)
  const dir = repositoryDir(io, values.C)
  const format = parseFormat(values.format)
  const registry = await loadRegistryFor(dir, values.registry)
  const report = values.staged
    ? await scanStaged(dir, positionals, registry)
    : await scan({
        repoDir: dir,
        revisions: await revisionsToScan(dir, positionals, values, io.env),
        registry,
        runsIn: values.gitlab || io.env.CI ? 'ci' : 'cli' // in CI the commits are already pushed: advice says so
      })
  await writeReport(report, { format, output: values.output, quiet: Boolean(values.quiet) }, io)
  return failsTheGate(report) ? EXIT.blocked : EXIT.pass
}

async function revisionsToScan(
  dir: string,
  positionals: string[],
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv
): Promise<string[]> {
  if (values.gitlab) return gitlabRevisions(dir, env)
  if (values.all) return everyRef(...positionals)
  return positionals.length > 0 ? positionals : await defaultRange(dir)
}

/** The GitLab pipeline's range, its history fetched into a shallow clone; an exclusion the clone lacks only widens the scan. */
async function gitlabRevisions(dir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const range = gitlabRange(env)
  const git = await GitRepository.open(dir)
  await deepenUntilWhole(git, 'origin', range.base, range.head)
  const present = await Promise.all(range.exclude.map(async (id) => ((await git.hasCommit(id)) ? id : null)))
  return rangeRevisions({ ...range, exclude: present.filter((id): id is string => id !== null) })
}

/** What the current branch would push; nothing when HEAD has no commit yet. */
async function defaultRange(dir: string): Promise<string[]> {
  const git = await GitRepository.open(dir)
  return (await git.revParse('HEAD')) ? unpushed() : []
}

/**
 * The index as a commit in a scratch view (the repository is not written to): what it adds over
 * HEAD, or the index's blobs at `paths` (relative to `dir`) when given.
 */
async function scanStaged(dir: string, paths: string[], registry: Registry): Promise<ScanReport> {
  const git = await GitRepository.open(dir)
  const fromTop = paths.length > 0 ? await pathsFromTop(git, paths) : []
  const snapshot = await snapshotIndex(git)
  try {
    const objects = () => listStagedObjects(snapshot.git, snapshot.commit, fromTop)
    return await scan({ repoDir: dir, revisions: [], registry, git: snapshot.git, objects })
  } finally {
    await snapshot.git.close()
  }
}

/** Paths as given from `dir`, as paths from the top of the working tree. */
async function pathsFromTop(git: GitRepository, paths: string[]): Promise<string[]> {
  const prefix = await git.prefix()
  return paths.map((path) => posix.normalize(posix.join(prefix, path)))
}
