// Source `dvc`: the DVC stage whose `outs` hold the model, its `deps`, and recursively the stages
// that produced those deps. A dep under a dataset's `paths` globs (or an external dep matching its
// `uris`) is that dataset; code and config are skipped; a dep that is a model is a parent; any other
// data is claimed by its path, so an unregistered input is never silently dropped.
import type { Artifact } from '../types.js'
import { dvcLockStages, dvcYamlStages, stageWdirs, type DvcStage } from './dvc-project.js'
import { PipelineWalk } from './dvc-walk.js'
import { memoized } from './memo.js'
import {
  artifactFolder,
  defineSource,
  foldersUpToRoot,
  joinPath,
  unreadableClaim,
  type ProvenanceContext,
  type ProvenanceNote
} from './source.js'
import { parseYamlFile } from './yaml-file.js'

/** Pipelines are text; a lock file over 1 MiB is read up to there and reported if that breaks it. */
export const DVC_MAX_BYTES = 1024 * 1024

interface BrokenFile {
  file: string
  line?: number
  message: string
  text: string
}

interface DvcFolder {
  files: string[]
  stages: DvcStage[]
  notes: ProvenanceNote[]
  broken: BrokenFile[]
}

export const dvcSource = defineSource('dvc', async (artifact: Artifact, context: ProvenanceContext) => {
  const folders = foldersUpToRoot(artifactFolder(artifact))
  const read = await Promise.all(
    folders.map((folder) =>
      memoized(context, `dvc\0${artifact.blob.commit}\0${folder}`, () =>
        readFolder(artifact.blob.commit, folder, context)
      )
    )
  )
  const files = read.flatMap((r) => r.files)
  if (files.length === 0) {
    return {
      claims: [],
      parents: [],
      notes: [{ text: `no dvc.yaml or dvc.lock in ${folders.map((f) => f || '.').join(', ')}` }]
    }
  }
  const walk = new PipelineWalk(
    artifact.blob.commit,
    read.flatMap((r) => r.stages),
    context
  )
  await walk.followOutput(artifact.blob.path, [])
  const broken = read.flatMap((r) => r.broken)
  const name = artifact.blob.path.slice(artifact.blob.path.lastIndexOf('/') + 1)
  const unreadable = broken
    .filter((b) => b.text.includes(name))
    .map((b) => unreadableClaim('dvc', b.file, b.line, b.message))
  const notes = [...read.flatMap((r) => r.notes), ...walk.notes]
  if (walk.notes.length === 0) notes.push({ text: `no stage in ${files.join(', ')} outputs ${artifact.blob.path}` })
  return { claims: [...walk.claims, ...unreadable], parents: walk.parents, notes }
})

async function readFolder(commit: string, folder: string, context: ProvenanceContext): Promise<DvcFolder> {
  const yamlFile = joinPath(folder, 'dvc.yaml')
  const lockFile = joinPath(folder, 'dvc.lock')
  const [yamlBytes, lockBytes] = await Promise.all([
    context.readFile(commit, yamlFile, DVC_MAX_BYTES),
    context.readFile(commit, lockFile, DVC_MAX_BYTES)
  ])
  const result: DvcFolder = { files: [], stages: [], notes: [], broken: [] }
  const parse = (file: string, bytes: Buffer | null) => {
    if (!bytes) return null
    result.files.push(file)
    const text = bytes.toString('utf8')
    const yaml = parseYamlFile(text)
    const truncated = bytes.length >= DVC_MAX_BYTES ? ` (read only its first ${DVC_MAX_BYTES} bytes)` : ''
    if (yaml.errors.length === 0) return yaml
    const problem = {
      file,
      line: yaml.errors[0].line,
      message: `not valid YAML: ${yaml.errors[0].message}${truncated}`
    }
    result.broken.push({ ...problem, text })
    result.notes.push({ file, line: problem.line, text: problem.message })
    return null
  }
  const yaml = parse(yamlFile, yamlBytes)
  const lock = parse(lockFile, lockBytes)
  // dvc.lock first: it records what ran, with resolved templates.
  const reads = [
    lock && dvcLockStages(lock, lockFile, folder, stageWdirs(yaml)),
    yaml && dvcYamlStages(yaml, yamlFile, folder)
  ]
  for (const read of reads) {
    if (!read) continue
    result.stages.push(...read.stages)
    result.notes.push(...read.problems.map((p) => ({ file: p.file, line: p.line, text: p.message })))
  }
  return result
}
