// The validated registry with the look-ups every stage needs: which dataset a name means,
// which label it carries, which kinds that label blocks, which registry models a path matches,
// the waivers, and the baseline read beside it.
import { Minimatch, type MinimatchOptions } from 'minimatch'
import type { Kind } from '../types.js'
import type { Baseline } from './baseline.js'
import type { KeyPath } from './yaml-document.js'
import type { Dataset, Label, ModelEntry, RegistryData, Waiver } from './schema.js'
import { RegistrySchema } from './schema.js'

const GLOB_OPTIONS = { dot: true, nocomment: true, nonegate: true }
/**
 * Globs that attach data to a path (dataset `paths`, `models[].path`, `artifacts.include`) match
 * whatever the case: a checkout on macOS or Windows puts `Models/Risk/` in the same folder as
 * `models/risk/`, so a case variant must not escape them. Globs that let something through
 * (`artifacts.exclude`, a waiver's path) match exactly.
 */
const ATTACHING = { ...GLOB_OPTIONS, nocase: true }
const HOLDING = { ...ATTACHING, partial: true }

/**
 * Each glob compiled once per set of options: an audit asks every registry glob about every path
 * of 100,000 blobs, and compiling the pattern was most of minimatch's cost. The globs come from
 * registries (a handful each), so the cache stays small.
 */
const compiled = new Map<MinimatchOptions, Map<string, Minimatch>>()

function matcher(glob: string, options: MinimatchOptions): Minimatch {
  let byGlob = compiled.get(options)
  if (!byGlob) compiled.set(options, (byGlob = new Map()))
  let pattern = byGlob.get(glob)
  if (!pattern) byGlob.set(glob, (pattern = new Minimatch(glob, options)))
  return pattern
}
const BUILT_IN = '(built-in defaults)'

/** Where a registry was read, for messages and advice. */
export interface RegistryOrigin {
  /** How messages name it: `.model-registry.yml`, `refs/heads/main:.model-registry.yml`. */
  file: string
  /** What to tell a user to edit: `.model-registry.yml on main` (a file name and a branch, never an object id). */
  edit?: string
}

export class Registry {
  private readonly byName = new Map<string, Dataset>()
  readonly file: string

  constructor(
    readonly data: RegistryData,
    readonly origin: RegistryOrigin,
    /** Line of a key path in the file, for `explain`. */
    readonly lineOf: (path: KeyPath) => number = () => 0,
    /** Artifacts accepted when the gate was turned on (`model-leak-guard baseline`). */
    readonly baseline: Baseline | null = null
  ) {
    this.file = origin.file
    for (const dataset of data.datasets) {
      this.byName.set(dataset.id, dataset)
      for (const alias of dataset.aliases) this.byName.set(alias, dataset)
    }
  }

  static defaults(): Registry {
    return new Registry(RegistrySchema.parse({ version: 1 }), { file: BUILT_IN })
  }

  static matchesAnyGlob(path: string, globs: string[]): boolean {
    return globs.some((glob) => glob === path || matcher(glob, GLOB_OPTIONS).match(path))
  }

  /** Whether a path matches a glob that attaches data to it, whatever the case (see ATTACHING). */
  static attachesAnyGlob(path: string, globs: string[]): boolean {
    return globs.some((glob) => glob === path || matcher(glob, ATTACHING).match(path))
  }

  /** Whether a path matches a dataset's glob, or is a folder that something it matches lies in (minimatch `partial`). */
  static matchesOrHoldsAnyGlob(path: string, globs: string[]): boolean {
    return globs.some((glob) => glob === path || matcher(glob, HOLDING).match(path))
  }

  /** The same registry with the baseline that lives beside it. */
  withBaseline(baseline: Baseline | null): Registry {
    return new Registry(this.data, this.origin, this.lineOf, baseline)
  }

  /** The file a user edits to change this registry, and the branch it must land on: the built-in defaults live in none yet. */
  get editableFile(): string {
    return this.file === BUILT_IN ? '.model-registry.yml (create it)' : (this.origin.edit ?? this.file)
  }

  get isBuiltIn(): boolean {
    return this.file === BUILT_IN
  }

  get policy(): RegistryData['policy'] {
    return this.data.policy
  }

  get waivers(): Waiver[] {
    return this.data.waivers
  }

  /** The dataset a name (id or alias) refers to. */
  dataset(name: string): Dataset | undefined {
    return this.byName.get(name)
  }

  /** The dataset whose `uris` globs match a URI that embedded metadata cites. */
  datasetByUri(uri: string): Dataset | undefined {
    return this.data.datasets.find((d) => Registry.matchesAnyGlob(uri, d.uris))
  }

  /** The dataset whose `paths` globs hold a repository path. */
  datasetByPath(path: string): Dataset | undefined {
    return this.data.datasets.find((d) => Registry.attachesAnyGlob(path, d.paths))
  }

  /** Every dataset whose `paths` globs hold a repository path. */
  datasetsByPath(path: string): Dataset[] {
    return this.data.datasets.filter((d) => Registry.attachesAnyGlob(path, d.paths))
  }

  label(name: string): Label | undefined {
    return this.data.labels.find((l) => l.name === name)
  }

  /** Whether a label blocks anything at all. */
  blocks(labelName: string): boolean {
    return this.label(labelName)?.block !== false
  }

  /**
   * Whether a label blocks an artifact of this kind: `block: true` every kind, a list its kinds.
   * A label that blocks any kind also blocks `data` (the records themselves) and `unknown` (which
   * could be anything, a k-NN index included).
   */
  blocksKind(labelName: string, kind: Kind): boolean {
    const block = this.label(labelName)?.block ?? false
    if (typeof block === 'boolean') return block
    return block.includes(kind) || kind === 'data' || kind === 'unknown'
  }

  /** Registry `models` entries whose path glob matches an artifact path, with their index. */
  modelsFor(path: string): { entry: ModelEntry; index: number }[] {
    return this.data.models
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => Registry.attachesAnyGlob(path, [entry.path]))
  }

  isExcluded(path: string): boolean {
    return Registry.matchesAnyGlob(path, this.data.artifacts.exclude)
  }

  isIncluded(path: string): boolean {
    return Registry.attachesAnyGlob(path, this.data.artifacts.include)
  }
}
