// DVC pipeline files as DVC writes them: `dvc.yaml` (declared stages) and `dvc.lock` (schema 2.0,
// what ran; 1.x lock files without `schema` too). Both become stages whose deps and outs are
// repository paths (or URLs for external deps), each with the line it was read from.
import { posix } from 'node:path'
import { isRecord, type YamlFile } from './yaml-file.js'
import { isUrl, joinPath } from './source.js'

export interface DvcPath {
  path: string
  file: string
  line?: number
}

export interface DvcStage {
  name: string
  file: string
  line?: number
  deps: DvcPath[]
  outs: DvcPath[]
}

export interface DvcFileRead {
  stages: DvcStage[]
  problems: { file: string; line?: number; message: string }[]
}

/** A path as written in a dvc file, relative to its folder and the stage's wdir, as a repository path. */
export function repositoryPath(folder: string, wdir: string, written: string): string {
  if (isUrl(written)) return written
  const joined = posix.normalize(joinPath(joinPath(folder, wdir), written).replace(/^\/+/, ''))
  return joined.replace(/\/+$/, '').replace(/^\.\//, '')
}

/** The stages of one dvc.yaml; templated stages (foreach, matrix, ${...}) are left to dvc.lock. */
export function dvcYamlStages(yaml: YamlFile, file: string, folder: string): DvcFileRead {
  const stages = isRecord(yaml.value) && isRecord(yaml.value.stages) ? yaml.value.stages : {}
  const problems: DvcFileRead['problems'] = []
  const read = Object.entries(stages).flatMap(([name, stage]): DvcStage[] => {
    if (!isRecord(stage)) return []
    if ('foreach' in stage || 'matrix' in stage) {
      problems.push({
        file,
        line: yaml.lineOf(['stages', name]),
        message: `stage ${name} is templated (foreach/matrix): read from dvc.lock`
      })
      return []
    }
    const wdir = typeof stage.wdir === 'string' ? stage.wdir : ''
    const entries = (key: 'deps' | 'outs'): DvcPath[] =>
      (Array.isArray(stage[key]) ? stage[key] : []).flatMap((entry: unknown, i: number) => {
        const written = typeof entry === 'string' ? entry : isRecord(entry) ? Object.keys(entry)[0] : undefined
        if (written === undefined || written.includes('${')) return []
        return [{ path: repositoryPath(folder, wdir, written), file, line: yaml.lineOf(['stages', name, key, i]) }]
      })
    return [{ name, file, line: yaml.lineOf(['stages', name]), deps: entries('deps'), outs: entries('outs') }]
  })
  return { stages: read, problems }
}

/** The stages of one dvc.lock; wdirs come from dvc.yaml (`train@a` takes `train`'s). */
export function dvcLockStages(yaml: YamlFile, file: string, folder: string, wdirOf: WdirOf): DvcFileRead {
  const root = isRecord(yaml.value) ? yaml.value : {}
  const v2 = 'schema' in root
  const stages = v2 ? (isRecord(root.stages) ? root.stages : {}) : root
  const problems: DvcFileRead['problems'] = []
  if (v2 && String(root.schema) !== '2.0')
    problems.push({
      file,
      line: yaml.lineOf(['schema']),
      message: `schema ${String(root.schema)} is not 2.0: read as 2.0`
    })
  const prefix = v2 ? ['stages'] : []
  const read = Object.entries(stages).flatMap(([name, stage]): DvcStage[] => {
    if (!isRecord(stage)) return []
    const wdir = wdirOf(name)
    if (wdir === null)
      problems.push({
        file,
        line: yaml.lineOf([...prefix, name]),
        message: `stage ${name}: the dvc.yaml wdir cannot be resolved: paths read as relative to ${folder || '.'}`
      })
    const entries = (key: 'deps' | 'outs'): DvcPath[] =>
      (Array.isArray(stage[key]) ? stage[key] : []).flatMap((entry: unknown, i: number) =>
        isRecord(entry) && typeof entry.path === 'string'
          ? [
              {
                path: repositoryPath(folder, wdir ?? '', entry.path),
                file,
                line: yaml.lineOf([...prefix, name, key, i, 'path'])
              }
            ]
          : []
      )
    return [{ name, file, line: yaml.lineOf([...prefix, name]), deps: entries('deps'), outs: entries('outs') }]
  })
  return { stages: read, problems }
}

/** The wdir of a dvc.lock stage by its name; null when its `${...}` cannot be filled in. */
export type WdirOf = (lockName: string) => string | null

/** The wdir dvc.yaml gives each lock entry: `train@a` of a foreach stage takes `do.wdir`. */
export function stageWdirs(yaml: YamlFile | null): WdirOf {
  const stages = yaml && isRecord(yaml.value) && isRecord(yaml.value.stages) ? yaml.value.stages : {}
  return (lockName) => {
    const at = lockName.indexOf('@')
    const stage = stages[at < 0 ? lockName : lockName.slice(0, at)]
    return isRecord(stage) ? stageWdir(stage, at < 0 ? undefined : lockName.slice(at + 1)) : ''
  }
}

/** A stage's wdir (a foreach stage's is under `do`), its foreach `${item}` or `${key}` filled in from the lock name. */
function stageWdir(stage: Record<string, unknown>, key: string | undefined): string | null {
  const body = isRecord(stage.do) ? stage.do : stage
  const wdir = typeof body.wdir === 'string' ? body.wdir : ''
  if (!wdir.includes('${')) return wdir
  const values = key === undefined ? {} : foreachValues(stage.foreach, key)
  const filled = wdir.replace(/\$\{\s*(item|key)\s*\}/g, (written, name: 'item' | 'key') => values[name] ?? written)
  return filled.includes('${') ? null : filled
}

/** What `${item}` and `${key}` are for the lock entry `<stage>@key`: a list of scalars names entries by value, a dict by key. */
function foreachValues(foreach: unknown, key: string): { item?: string; key?: string } {
  const scalar = (value: unknown): value is string | number | boolean =>
    ['string', 'number', 'boolean'].includes(typeof value)
  if (Array.isArray(foreach)) return foreach.some((item) => scalar(item) && String(item) === key) ? { item: key } : {}
  if (!isRecord(foreach) || !(key in foreach)) return {}
  const item = foreach[key]
  return scalar(item) ? { key, item: String(item) } : { key }
}
