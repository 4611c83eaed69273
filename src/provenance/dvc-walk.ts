// The walk from a model back through a DVC pipeline: the stage that outputs it, that stage's deps,
// and on through deps that are other stages' outs. Each stage is visited once (no loops).
import { Registry } from '../registry/registry.js'
import type { Dataset } from '../registry/schema.js'
import type { DatasetClaim } from '../types.js'
import type { DvcPath, DvcStage } from './dvc-project.js'
import { isUrl, type ParentModel, type ProvenanceContext, type ProvenanceNote } from './source.js'

/** Deps that are code or configuration, not training data. */
const CODE_EXTENSIONS = new Set([
  'py',
  'ipynb',
  'r',
  'jl',
  'sh',
  'bash',
  'js',
  'mjs',
  'ts',
  'scala',
  'java',
  'kt',
  'go',
  'rs',
  'c',
  'cc',
  'cpp',
  'h',
  'hpp',
  'sql',
  'toml',
  'cfg',
  'ini',
  'yaml',
  'yml',
  'lock'
])
const CODE_NAMES = new Set([
  'src',
  'source',
  'code',
  'scripts',
  'lib',
  'utils',
  'notebooks',
  'conf',
  'config',
  'configs',
  'makefile',
  'dockerfile',
  'requirements.txt'
])

export function isCode(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  const dot = name.lastIndexOf('.')
  return CODE_NAMES.has(name) || (dot > 0 && CODE_EXTENSIONS.has(name.slice(dot + 1)))
}

/** Whether two repository paths are the same or one holds the other. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`)
}

/** Datasets a dep reads: its paths globs match the dep, or the dep is a folder holding them; URLs match uris. */
export function datasetsForDep(registry: Registry, dep: string): Dataset[] {
  if (isUrl(dep)) {
    const dataset = registry.datasetByUri(dep) ?? registry.dataset(dep)
    return dataset ? [dataset] : []
  }
  return registry.data.datasets.filter((dataset) => Registry.matchesOrHoldsAnyGlob(dep, dataset.paths))
}

export class PipelineWalk {
  readonly claims: DatasetClaim[] = []
  readonly parents: ParentModel[] = []
  readonly notes: ProvenanceNote[] = []
  private readonly visited = new Set<DvcStage>()

  constructor(
    private readonly commit: string,
    private readonly stages: DvcStage[],
    private readonly context: ProvenanceContext
  ) {}

  /** Follows every stage that outputs `path`; `chain` names the stages that led here. */
  async followOutput(path: string, chain: string[]): Promise<void> {
    for (const stage of this.stages) {
      const out = stage.outs.find((o) => overlaps(o.path, path))
      if (!out || this.visited.has(stage)) continue
      this.visited.add(stage)
      this.notes.push({ file: out.file, line: out.line, text: `stage ${stage.name} outputs ${out.path}` })
      for (const dep of stage.deps) await this.followDep(dep, [...chain, stage.name])
    }
  }

  private async followDep(dep: DvcPath, chain: string[]): Promise<void> {
    const via = `dep ${dep.path} of stage ${chain.join(' ← ')}`
    const datasets = datasetsForDep(this.context.registry, dep.path)
    if (datasets.length > 0) {
      for (const dataset of datasets) this.claim(dataset.id, dep, `${via} is under dataset ${dataset.id}'s paths`)
    } else if (this.stages.some((stage) => stage.outs.some((o) => overlaps(o.path, dep.path)))) {
      this.notes.push({ file: dep.file, line: dep.line, text: `${via} is produced by another stage` })
      await this.followOutput(dep.path, chain)
    } else if (isCode(dep.path)) {
      this.notes.push({ file: dep.file, line: dep.line, text: `${via}: code or configuration` })
    } else if (await this.isModel(dep.path)) {
      this.parents.push({
        names: [dep.path],
        relativeTo: '',
        evidence: { file: dep.file, line: dep.line, note: `${via} is a model` }
      })
      this.notes.push({ file: dep.file, line: dep.line, text: `${via} is a model: its datasets are inherited` })
    } else {
      this.claim(dep.path, dep, `${via} is under no dataset's paths`)
    }
  }

  private claim(name: string, dep: DvcPath, note: string): void {
    this.claims.push({ type: 'dataset', name, source: 'dvc', evidence: { file: dep.file, line: dep.line, note } })
    this.notes.push({ file: dep.file, line: dep.line, text: `${note} → ${name}` })
  }

  private async isModel(path: string): Promise<boolean> {
    if (isUrl(path)) return false
    const artifacts = await this.context.artifactsAt(this.commit, path)
    return (artifacts ?? []).some((a) => a.format !== 'unknown' || a.kind !== 'unknown')
  }
}
