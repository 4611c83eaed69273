// The validated registry with the look-ups every stage needs: which dataset a name means,
// which label it carries, whether that label blocks, which registry models a path matches.
import { minimatch } from 'minimatch'
import type { Dataset, Label, ModelEntry, RegistryData } from './schema.js'
import { RegistrySchema } from './schema.js'

const GLOB_OPTIONS = { dot: true, nocomment: true, nonegate: true }
const BUILT_IN = '(built-in defaults)'

export class Registry {
  private readonly byName = new Map<string, Dataset>()

  constructor(
    readonly data: RegistryData,
    /** Where it was read from, for messages; '(built-in defaults)' when there was no file. */
    readonly file: string,
    /** Line of a key path in the file, for `explain`. */
    readonly lineOf: (path: (string | number)[]) => number = () => 0
  ) {
    for (const dataset of data.datasets) {
      this.byName.set(dataset.id, dataset)
      for (const alias of dataset.aliases) this.byName.set(alias, dataset)
    }
  }

  static defaults(): Registry {
    return new Registry(RegistrySchema.parse({ version: 1 }), BUILT_IN)
  }

  static matchesAnyGlob(path: string, globs: string[]): boolean {
    return globs.some((glob) => glob === path || minimatch(path, glob, GLOB_OPTIONS))
  }

  /** The file a user edits to change this registry: the built-in defaults live in none yet. */
  get editableFile(): string {
    return this.file === BUILT_IN ? '.model-registry.yml (create it)' : this.file
  }

  get policy(): RegistryData['policy'] {
    return this.data.policy
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
    return this.data.datasets.find((d) => Registry.matchesAnyGlob(path, d.paths))
  }

  label(name: string): Label | undefined {
    return this.data.labels.find((l) => l.name === name)
  }

  blocks(labelName: string): boolean {
    return this.label(labelName)?.block === true
  }

  /** Registry `models` entries whose path glob matches an artifact path, with their index. */
  modelsFor(path: string): { entry: ModelEntry; index: number }[] {
    return this.data.models
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => Registry.matchesAnyGlob(path, [entry.path]))
  }

  isExcluded(path: string): boolean {
    return Registry.matchesAnyGlob(path, this.data.artifacts.exclude)
  }

  isIncluded(path: string): boolean {
    return Registry.matchesAnyGlob(path, this.data.artifacts.include)
  }
}
