// Core ML .mlmodel (protobuf Model): specificationVersion, description, and one model-type field ≥ 200.
import { pbFields, pbKeyValue, pbString, readVarint } from './protobuf.js'
import type { PbField } from './protobuf.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const MODEL_TYPES: Record<number, string> = {
  200: 'pipelineClassifier',
  201: 'pipelineRegressor',
  202: 'pipeline',
  300: 'glmRegressor',
  301: 'supportVectorRegressor',
  302: 'treeEnsembleRegressor',
  303: 'neuralNetworkRegressor',
  304: 'bayesianProbitRegressor',
  400: 'glmClassifier',
  401: 'supportVectorClassifier',
  402: 'treeEnsembleClassifier',
  403: 'neuralNetworkClassifier',
  404: 'kNearestNeighborsClassifier',
  500: 'neuralNetwork',
  501: 'itemSimilarityRecommender',
  502: 'mlProgram',
  555: 'customModel',
  556: 'linkedModel'
}
const DESCRIPTION_STRINGS: Record<number, string> = {
  1: 'shortDescription',
  2: 'versionString',
  3: 'author',
  4: 'license'
}

export function sniffCoreml(blob: BlobPrefix): Sniffed | null {
  const { bytes } = blob
  const spec = bytes[0] === 0x08 ? readVarint(bytes, 1) : null
  if (!spec || spec.value < 1 || spec.value > 10_000 || bytes[spec.next] !== 0x12) return null
  const { fields, error } = pbFields(bytes, 0, blob.size, 64)
  if (error) return null
  const modelField = fields.find((f) => f.num >= 200 && f.wire === 2)
  if (!modelField || !fields.every((f) => f.num <= 2 || f.num === 10 || f.num >= 200)) return null
  const description = fields.find((f) => f.num === 2)
  const modelType = MODEL_TYPES[modelField.num] ?? `field ${modelField.num}`
  const kind = modelField.num === 404 ? 'knn-index' : 'weights'
  const detail = {
    specificationVersion: spec.value,
    modelType,
    metadata: description ? metadataOf(bytes, description) : {}
  }
  return { format: 'coreml', kind, detail }
}

/** ModelDescription.metadata (field 100): description strings and the userDefined map. */
function metadataOf(bytes: Buffer, description: PbField): Record<string, string> {
  const metadata: Record<string, string> = {}
  const meta = pbFields(bytes, description.start, description.end, 1000).fields.find(
    (f) => f.num === 100 && f.wire === 2
  )
  if (!meta) return metadata
  for (const field of pbFields(bytes, meta.start, meta.end, 1000).fields) {
    if (DESCRIPTION_STRINGS[field.num] && field.wire === 2)
      metadata[DESCRIPTION_STRINGS[field.num]] = pbString(bytes, field)
    const entry = field.num === 100 && field.wire === 2 ? pbKeyValue(bytes, field) : null
    if (entry) metadata[entry[0]] = entry[1]
  }
  return metadata
}
