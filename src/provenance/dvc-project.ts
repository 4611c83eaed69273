// DVC pipeline files as DVC writes them: `dvc.yaml` (declared stages) and `dvc.lock` (schema 2.0,
// what ran; 1.x lock files without `schema` too). Both become stages whose deps and outs are
// repository paths (or URLs for external deps), each with the line it was read from.
import { posix } from 'node:path'
import { isRecord, type YamlFile } from './yaml-file.js'
import { joinPath } from './source.js'

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

const URL = /^[a-z][a-z0-9+.-]*:\/\//i

/** A path as written in a dvc file, relative to its folder and the stage's wdir, as a repository path. */
export function repositoryPath(folder: string, wdir: string, written: string): string {
  if (URL.test(written)) return written
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
      problems.push({ file, line: yaml.lineOf(['stages', name]), message: `stage ${name} is templated (foreach/matrix): read from dvc.lock` })
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

/** The stages of one dvc.lock; wdirs come from dvc.yaml (`train@1` takes `train`'s). */
export function dvcLockStages(yaml: YamlFile, file: string, folder: string, wdirs: Map<string, string>): DvcFileRead {
  const root = isRecord(yaml.value) ? yaml.value : {}
  const v2 = 'schema' in root
  const stages = v2 ? (isRecord(root.stages) ? root.stages : {}) : root
  const problems: DvcFileRead['problems'] = []
  if (v2 && String(root.schema) !== '2.0') problems.push({ file, line: yaml.lineOf(['schema']), message: `schema ${String(root.schema)} is not 2.0: read as 2.0` })
  const prefix = v2 ? ['stages'] : []
  const read = Object.entries(stages).flatMap(([name, stage]): DvcStage[] => {
    if (!isRecord(stage)) return []
    const wdir = wdirs.get(name.split('@')[0]) ?? ''
    const entries = (key: 'deps' | 'outs'): DvcPath[] =>
      (Array.isArray(stage[key]) ? stage[key] : []).flatMap((entry: unknown, i: number) =>
        isRecord(entry) && typeof entry.path === 'string'
          ? [{ path: repositoryPath(folder, wdir, entry.path), file, line: yaml.lineOf([...prefix, name, key, i, 'path']) }]
          : []
      )
    return [{ name, file, line: yaml.lineOf([...prefix, name]), deps: entries('deps'), outs: entries('outs') }]
  })
  return { stages: read, problems }
}

/** The wdir of each dvc.yaml stage, for the lock file's paths. */
export function stageWdirs(yaml: YamlFile | null): Map<string, string> {
  const stages = yaml && isRecord(yaml.value) && isRecord(yaml.value.stages) ? yaml.value.stages : {}
  const wdirs = new Map<string, string>()
  for (const [name, stage] of Object.entries(stages)) if (isRecord(stage) && typeof stage.wdir === 'string') wdirs.set(name, stage.wdir)
  return wdirs
}

