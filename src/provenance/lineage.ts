// Lineage: a model trained from another model inherits every dataset of its parent, transitively.
// A parent named by a path in the repository (file or model folder) is consulted through every
// source, as of the commit that last changed it (trailer included) and as of the child's; a name the repository lacks but the registry's models[] knows
// (a Hub id, say) through the registry; anything else is unknown provenance, said in a note.
// A cycle stops the walk where it closes.
import { posix } from 'node:path'
import type { Artifact, DatasetClaim, ParentModelRef } from '../types.js'
import {
  claimName,
  DIRECTORY_FORMAT,
  joinPath,
  type ParentModel,
  type ProvenanceContext,
  type SourceReport,
  type SourceSet
} from './source.js'

/** Deeper than any real fine-tuning chain; stops a pathological registry or card graph. */
export const MAX_LINEAGE_DEPTH = 16

/** Consults a parent with a set of sources (a registry-only parent has no files to read). */
export type ConsultParent = (parent: Artifact, chain: string[], sources: SourceSet) => Promise<SourceReport[]>

/** One reading of a parent: the artifact at the commit to read it at, and the sources to ask. */
interface ParentView {
  artifact: Artifact
  sources: SourceSet
}

interface ResolvedParent {
  path: string
  shown: string
  views: ParentView[]
}

export async function lineageReport(
  artifact: Artifact,
  parents: ParentModel[],
  context: ProvenanceContext,
  chain: string[],
  consult: ConsultParent
): Promise<SourceReport> {
  const resolvedParents: ParentModelRef[] = []
  const report: SourceReport = { source: 'lineage', claims: [], parents: [], notes: [], resolvedParents }
  if (parents.length === 0) report.notes.push({ text: 'no source names a parent model' })
  for (const parent of parents) {
    const declared = { file: parent.evidence.file, line: parent.evidence.line }
    const resolved = await resolveParent(parent, artifact.blob.commit, context)
    if (resolved) resolvedParents.push(parentRef(resolved))
    const problem = resolved
      ? lineageProblem(chain, resolved.path)
      : `parent model ${parent.names.join(' or ')} is neither in the repository at ${artifact.blob.commit.slice(0, 12)} nor a registry model: its training data is unknown`
    if (problem || !resolved) {
      report.notes.push({ ...declared, text: problem as string })
      continue
    }
    const reports = (
      await Promise.all(resolved.views.map((view) => consult(view.artifact, [...chain, resolved.path], view.sources)))
    ).flat()
    const claims = distinct(
      reports.flatMap((r) => r.claims).map((claim) => inherited(claim, artifact.blob.path, resolved.path))
    )
    report.claims.push(...claims)
    report.notes.push({ ...declared, text: inheritanceNote(resolved, claims) })
  }
  return report
}

/** The blob read at a parent's path (the same at its own commit and the child's: it did not change between them). */
function parentRef(parent: ResolvedParent): ParentModelRef {
  return { path: parent.path, blob: parent.views[0]?.artifact.blob.id || null }
}

function lineageProblem(chain: string[], parent: string): string | null {
  if (chain.includes(parent)) return `lineage cycle ${[...chain, parent].join(' → ')}: stopped there`
  if (chain.length >= MAX_LINEAGE_DEPTH)
    return `lineage deeper than ${MAX_LINEAGE_DEPTH} models at ${parent}: stopped there`
  return null
}

function inheritanceNote(parent: ResolvedParent, claims: DatasetClaim[]): string {
  const names = [...new Set(claims.map(claimName))]
  const what = names.length ? `inherits ${names.join(', ')}` : 'no source says what it was trained on'
  return `parent ${parent.shown}: ${what}`
}

/** A parent's claim as this model's: source `lineage`, the original file and line, the chain in the note. */
function inherited(claim: DatasetClaim, child: string, parent: string): DatasetClaim {
  const note = claim.evidence?.note
  const origin =
    claim.source === 'lineage' && note?.startsWith('via ')
      ? note.slice(4)
      : `${parent} (${claim.source}${note ? `: ${note}` : ''})`
  const evidence = {
    file: claim.evidence?.file ?? parent,
    line: claim.evidence?.line,
    note: `via ${child} → ${origin}`
  }
  return { ...claim, source: 'lineage', evidence }
}

/** The same claim read at both commits of a parent (an unchanged README) is listed once. */
function distinct(claims: DatasetClaim[]): DatasetClaim[] {
  const seen = new Map(
    claims.map((claim) => [
      JSON.stringify([claimName(claim), claim.evidence?.file, claim.evidence?.line, claim.evidence?.note]),
      claim
    ])
  )
  return [...seen.values()]
}

async function resolveParent(
  parent: ParentModel,
  commit: string,
  context: ProvenanceContext
): Promise<ResolvedParent | null> {
  for (const path of candidatePaths(parent)) {
    const found = await inRepository(path, commit, context)
    if (found) return readAtOwnCommit(path, found.kind, found.artifacts, commit, context)
  }
  const known = parent.names.find((name) => context.registry.modelsFor(name).length > 0)
  if (known === undefined) return null
  return {
    path: known,
    shown: `${known} (registry models[])`,
    views: [{ artifact: pseudoArtifact(known, commit, 'unknown'), sources: 'registry' }]
  }
}

async function inRepository(
  path: string,
  commit: string,
  context: ProvenanceContext
): Promise<{ kind: string; artifacts: Artifact[] } | null> {
  const artifacts = await context.artifactsAt(commit, path)
  if (artifacts)
    return { kind: 'file', artifacts: artifacts.length ? artifacts : [pseudoArtifact(path, commit, 'unknown')] }
  if (await context.isDirectory(commit, path))
    return { kind: 'model folder', artifacts: [pseudoArtifact(path, commit, DIRECTORY_FORMAT)] }
  return null
}

/**
 * A parent is read as of the commit that last changed it, whose trailer speaks for it, and (a union,
 * so nothing found before is lost) as of the child's commit, whose trailer speaks for the child.
 */
async function readAtOwnCommit(
  path: string,
  kind: string,
  artifacts: Artifact[],
  commit: string,
  context: ProvenanceContext
): Promise<ResolvedParent> {
  const own = (await context.lastChange(commit, path)) ?? commit
  const atChild = artifacts.map((artifact): ParentView => ({ artifact, sources: 'without-trailer' }))
  if (own === commit) return { path, shown: `${path} (${kind})`, views: atChild }
  // Unchanged since `own`, so the blob (or tree) detected at the child's commit is the one there.
  const atOwn = artifacts.map((artifact): ParentView => ({
    artifact: { ...artifact, blob: { ...artifact.blob, commit: own } },
    sources: 'all'
  }))
  return { path, shown: `${path} (${kind}, last changed in commit ${own.slice(0, 12)})`, views: [...atOwn, ...atChild] }
}

/** A name as a repository path: from the root, then from the folder of the file that named it. */
export function candidatePaths(parent: ParentModel): string[] {
  const paths = parent.names
    .filter((name) => !/^[a-z][a-z0-9+.-]*:/i.test(name) && !name.startsWith('/'))
    .flatMap((name) => [name, joinPath(parent.relativeTo, name)])
    .map((path) => posix.normalize(path).replace(/\/+$/, ''))
    .filter((path) => path !== '.' && !path.startsWith('..'))
  return [...new Set(paths)]
}

function pseudoArtifact(path: string, commit: string, format: string): Artifact {
  return { member: null, format, kind: 'unknown', detail: {}, blob: { id: '', path, commit, size: 0 } }
}
