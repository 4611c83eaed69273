// Which embedded-metadata keys name training data and which name a parent model. Pure.
// A key names training data when its words include dataset/data/corpus, or train(ing|ed) with
// on/source/set/uri/path/dir/file/input; words like format/version/config/count mean it describes
// something else (`format: pt`, `training_config`, `dataset_version`), so it is not a name.
const DATA_WORDS = new Set(['dataset', 'datasets', 'data', 'corpus', 'corpora'])
const TRAIN_WORDS = new Set(['train', 'training', 'trained'])
const TRAIN_OBJECT_WORDS = new Set([
  'on',
  'source',
  'sources',
  'set',
  'sets',
  'uri',
  'uris',
  'url',
  'urls',
  'path',
  'paths',
  'dir',
  'dirs',
  'file',
  'files',
  'input',
  'inputs'
])
const NOT_A_NAME_WORDS = new Set([
  'format',
  'type',
  'dtype',
  'version',
  'count',
  'size',
  'shape',
  'config',
  'hash',
  'md5',
  'sha256',
  'checksum',
  'split',
  'splits',
  'loader',
  'args',
  'date',
  'time',
  'steps',
  'length',
  'seed',
  'ratio',
  'fraction',
  'frequency'
])

/** The words of a key: `general.datasets` → general, datasets; `trainingDataURI` → training, data, uri. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase())
}

export function namesTrainingData(key: string): boolean {
  const words = keyWords(key)
  if (words.some((w) => NOT_A_NAME_WORDS.has(w)) || namesParentModel(key)) return false
  if (words.some((w) => DATA_WORDS.has(w))) return true
  return words.some((w) => TRAIN_WORDS.has(w)) && words.some((w) => TRAIN_OBJECT_WORDS.has(w))
}

/** `base_model`, `baseModel`, GGUF `general.base_model.N.*`, and GGUF `general.source.*` (converted from). */
export function namesParentModel(key: string): boolean {
  const words = keyWords(key)
  if (words.includes('count')) return false
  const base = words.findIndex((w, i) => w === 'base' && words[i + 1] === 'model')
  return base >= 0 || key.startsWith('general.source.')
}

/** Of GGUF's parent fields only these name the parent (not author, version, doi, uuid, ...). */
const GGUF_PARENT_NAME_FIELDS = new Set(['name', 'repo_url', 'url'])

/** Whether a parent-model key's value is a name to resolve. */
export function namesParentByValue(key: string): boolean {
  if (!key.startsWith('general.')) return true
  return GGUF_PARENT_NAME_FIELDS.has(key.slice(key.lastIndexOf('.') + 1))
}

/** The group a parent key belongs to: `general.base_model.0.name` → `general.base_model.0`. */
export function parentGroup(key: string): string {
  const gguf = /^(general\.base_model\.\d+)\./.exec(key)
  if (gguf) return gguf[1]
  return key.startsWith('general.source.') ? 'general.source' : key
}

/** A metadata value as names: JSON lists and objects (their keys) are opened, text is split on commas. */
export function valueNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(valueNames)
  if (typeof value !== 'string') return value === null || value === undefined ? [] : [String(value)]
  const text = value.trim()
  if (text.startsWith('[') || text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text)
      if (Array.isArray(parsed)) return parsed.flatMap(valueNames)
      if (parsed && typeof parsed === 'object') return Object.keys(parsed)
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error // not JSON after all: read it as text
    }
  }
  return text
    .split(/[,\n]/)
    .map((name) => name.trim())
    .filter((name) => name.length > 0)
}

/** A Hugging Face URL names a Hub id: https://huggingface.co/org/name → org/name. */
export function hubId(url: string): string | null {
  const match = /^https?:\/\/(?:www\.)?huggingface\.co\/([^/?#\s]+\/[^/?#\s]+)/.exec(url.trim())
  return match ? match[1] : null
}

/** Words of free text, trimmed of surrounding punctuation: where a registered id or uri may hide. */
export function textWords(text: string): string[] {
  return text
    .split(/\s+/)
    .map((word) => word.replace(/^[("'`[<]+|[)"'`\]>.,;:!?]+$/g, ''))
    .filter((word) => word.length > 0)
}

/** Keys a JSON-object value opens into (`extra/training.json` → `extra/training.json.datasets`). */
const MAX_JSON_DEPTH = 3

/**
 * The metadata as flat key → value pairs: a JSON object under a key that does not itself name
 * training data is opened, so `{"datasets": [...]}` in a TorchScript extra file is seen.
 */
export function flatEntries(metadata: Record<string, unknown>, depth = 0): [string, unknown][] {
  return Object.entries(metadata).flatMap(([key, value]): [string, unknown][] => {
    const object = depth < MAX_JSON_DEPTH && !namesTrainingData(key) ? jsonObject(value) : null
    if (!object) return [[key, value]]
    return flatEntries(Object.fromEntries(Object.entries(object).map(([k, v]) => [`${key}.${k}`, v])), depth + 1)
  })
}

function jsonObject(value: unknown): Record<string, unknown> | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  if (typeof value !== 'string' || !value.trim().startsWith('{')) return null
  try {
    const parsed: unknown = JSON.parse(value)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null
  } catch (error) {
    if (error instanceof SyntaxError) return null
    throw error
  }
}
