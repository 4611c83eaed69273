// What every provenance source shares: the context it reads through, and what it reports back.
// `explain` prints the reports; the scan keeps only their claims.
import type { Registry } from '../registry/registry.js'
import type {
  Artifact,
  DatasetClaim,
  ParentModelRef,
  PrivacyClaim,
  ProvenanceSourceName,
  UnreadableSourceClaim
} from '../types.js'

export interface ProvenanceContext {
  registry: Registry
  /** A file as it is in a commit (not the working tree); null when absent. At most maxBytes are read. */
  readFile(commit: string, path: string, maxBytes?: number): Promise<Buffer | null>
  /** The full message of a commit. */
  commitMessage(commit: string): Promise<string>
  /** What detection finds in the blob at commit:path (lineage reads a parent model); null when no blob is there. */
  artifactsAt(commit: string, path: string): Promise<Artifact[] | null>
  /** Whether commit:path is a directory (a parent model may be a model folder). */
  isDirectory(commit: string, path: string): Promise<boolean>
  /** The last commit up to `commit` that changed `path` (lineage reads a parent as of it); null when none. */
  lastChange(commit: string, path: string): Promise<string | null>
}

/** Which sources a consult asks: a parent at the commit naming it skips the trailer, which speaks for that commit's own artifact. */
export type SourceSet = 'all' | 'without-trailer' | 'registry'

/** Something a source saw, for `explain`: `file:line: text`, or just the text. */
export interface ProvenanceNote {
  file?: string
  line?: number
  text: string
}

/** A model this artifact was trained from, as a source names it; `names` are alternatives to resolve. */
export interface ParentModel {
  names: string[]
  /** The folder a relative name is relative to ('' for the repository root). */
  relativeTo: string
  evidence: { file: string; line?: number; note?: string }
}

/** What one source said about one artifact. */
export interface SourceReport {
  source: ProvenanceSourceName
  claims: DatasetClaim[]
  /** Differential-privacy guarantees it declares for the artifact (registry, model card). */
  privacy?: PrivacyClaim[]
  parents: ParentModel[]
  notes: ProvenanceNote[]
  /** The parent models lineage resolved (only the lineage report has them). */
  resolvedParents?: ParentModelRef[]
}

export interface ProvenanceSource {
  name: ProvenanceSourceName
  claims(artifact: Artifact, context: ProvenanceContext): Promise<DatasetClaim[]>
  /** The claims with the parent models and what the source looked at. */
  consult(artifact: Artifact, context: ProvenanceContext): Promise<SourceReport>
}

/** Builds a source from its consult function; `claims` is the report's claims. */
export function defineSource(
  name: ProvenanceSourceName,
  consult: (artifact: Artifact, context: ProvenanceContext) => Promise<Omit<SourceReport, 'source'>>
): ProvenanceSource {
  const run = async (artifact: Artifact, context: ProvenanceContext): Promise<SourceReport> => ({
    source: name,
    ...(await consult(artifact, context))
  })
  return { name, consult: run, claims: async (artifact, context) => (await run(artifact, context)).claims }
}

/**
 * A provenance file the user clearly meant for this artifact but that cannot be read: a claim, not
 * silence, so `policy.unregistered_dataset` decides instead of the data being dropped.
 */
export function unreadableClaim(
  source: ProvenanceSourceName,
  file: string,
  line: number | undefined,
  problem: string
): UnreadableSourceClaim {
  return { type: 'unreadable', file, line, problem, source, evidence: { file, line, note: problem } }
}

/** What a claim names, for notes and explain: the dataset name, or `unreadable FILE`. */
export function claimName(claim: DatasetClaim): string {
  return claim.type === 'dataset' ? claim.name : `unreadable ${claim.file}`
}

/** A parent model that is a folder rather than a file gets this format. */
export const DIRECTORY_FORMAT = 'directory'

/** The folder whose README.md and dvc files speak for an artifact: its own for a model folder. */
export function artifactFolder(artifact: Artifact): string {
  const path = artifact.blob.path
  if (artifact.format === DIRECTORY_FORMAT) return path
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash)
}

/** The folder and its ancestors up to the repository root ('' is the root), nearest first. */
export function foldersUpToRoot(folder: string): string[] {
  const folders: string[] = []
  let current = folder
  for (;;) {
    folders.push(current)
    if (current === '') return folders
    const slash = current.lastIndexOf('/')
    current = slash < 0 ? '' : current.slice(0, slash)
  }
}

/** `s3://bucket/x`, `https://host/x`: a URL, not a repository path. */
export function isUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
}

export function joinPath(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`
}

/** `file:line`, or the file alone when the line is unknown. */
export function where(file: string, line?: number): string {
  return line ? `${file}:${line}` : file
}
