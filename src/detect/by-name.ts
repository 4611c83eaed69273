// Names: the extensions that say "model" on their own, used to fail closed when content is not
// recognised, and the broader map used for Git LFS pointers (whose content is not in the repo).
// `.bin`, `.pth`, `.h5`, `.index`, `.pb`, `.npy/.npz`, `.ann` are NOT model names on their own:
// random firmware, Python path-config files, HDF5/NumPy data and protobuf data use them too; those
// are reported only when their content is recognised.
import type { Kind } from '../types.js'
import { looksLikeTextPrefix } from './bytes.js'
import { sniffTensorBundleShard } from './savedmodel.js'
import type { BlobPrefix, Sniffed } from './sniff.js'
import { baseName, extensionOf } from './sniff.js'

const UNAMBIGUOUS: Record<string, string> = {
  '.safetensors': 'safetensors',
  '.onnx': 'onnx',
  '.gguf': 'gguf',
  '.ggml': 'ggml',
  '.pkl': 'pickle',
  '.pickle': 'pickle',
  '.joblib': 'joblib',
  '.dill': 'pickle',
  '.ckpt': 'pytorch',
  '.pt': 'pytorch',
  '.ptl': 'torchscript',
  '.keras': 'keras',
  '.tflite': 'tflite',
  '.mlmodel': 'coreml',
  '.faiss': 'faiss',
  '.usearch': 'usearch',
  '.voy': 'voyager',
  '.pdparams': 'pickle',
  '.pdiparams': 'paddle',
  '.pdmodel': 'paddle',
  '.pte': 'executorch',
  '.trt': 'tensorrt',
  '.cbm': 'catboost',
  '.pmml': 'pmml',
  '.skops': 'skops',
  '.ubj': 'xgboost',
  '.caffemodel': 'caffe',
  '.rds': 'r-object',
  '.rdata': 'r-object',
  '.rda': 'r-object'
}

// Names shared with other files (a game engine, a terraform plan): a model's only when not text.
const BINARY_NAMES: Record<string, string> = {
  '.engine': 'tensorrt',
  '.plan': 'tensorrt',
  '.weights': 'darknet'
}

// Whole file names that are model names even though their extensions are not.
const UNAMBIGUOUS_FILES: Record<string, string> = {
  'saved_model.pb': 'savedmodel',
  'pytorch_model.bin': 'pytorch',
  'tf_model.h5': 'keras-h5',
  'index.faiss': 'faiss',
  'flax_model.msgpack': 'flax-msgpack'
}

const LFS_KINDS: Record<string, Kind> = {
  '.safetensors': 'weights',
  '.onnx': 'weights',
  '.gguf': 'weights',
  '.ggml': 'weights',
  '.ckpt': 'weights',
  '.pt': 'weights',
  '.pth': 'weights',
  '.bin': 'weights',
  '.ptl': 'weights',
  '.keras': 'weights',
  '.h5': 'weights',
  '.hdf5': 'weights',
  '.tflite': 'weights',
  '.mlmodel': 'weights',
  '.pb': 'weights',
  '.msgpack': 'weights',
  '.pkl': 'pickle',
  '.pickle': 'pickle',
  '.joblib': 'pickle',
  '.dill': 'pickle',
  '.pdparams': 'pickle',
  '.npy': 'pickle',
  '.npz': 'pickle',
  '.faiss': 'knn-index',
  '.index': 'knn-index',
  '.ann': 'knn-index',
  '.usearch': 'knn-index',
  '.voy': 'knn-index',
  '.pdiparams': 'weights',
  '.pdmodel': 'weights',
  '.pte': 'weights',
  '.trt': 'weights',
  '.engine': 'weights',
  '.plan': 'weights',
  '.cbm': 'weights',
  '.skops': 'weights',
  '.pmml': 'weights',
  '.ubj': 'weights',
  '.caffemodel': 'weights'
}

// Names nothing trains into: images, audio, video, PDF and plain text. JSON and XML are not here
// (XGBoost and PMML models are JSON and XML).
const OBVIOUSLY_NOT_MODELS = new Set(
  (
    '.png .jpg .jpeg .gif .bmp .tif .tiff .webp .svg .ico .heic .psd ' +
    '.wav .mp3 .flac .ogg .oga .m4a .aac .opus .aiff ' +
    '.mp4 .mov .avi .mkv .webm .m4v .mpg .mpeg .wmv ' +
    '.pdf .txt .md .rst .csv .tsv .log'
  ).split(' ')
)

export function obviouslyNotAModel(path: string): boolean {
  return OBVIOUSLY_NOT_MODELS.has(extensionOf(path))
}

/** The kind a Git LFS pointer's target has, judged by its path; null when the name does not say. */
export function lfsKindOf(path: string): Kind | null {
  return LFS_KINDS[extensionOf(path)] ?? null
}

/** Fail closed: a blob named like a model whose content no sniffer recognised; name-only formats by their name. */
export function sniffByName(blob: BlobPrefix): Sniffed | null {
  const shard = sniffTensorBundleShard(blob)
  if (shard) return shard
  const extension = extensionOf(blob.path)
  const binaryName =
    blob.size > 0 && !looksLikeTextPrefix(blob.bytes.subarray(0, 4096)) ? BINARY_NAMES[extension] : undefined
  const namedLike = UNAMBIGUOUS[extension] ?? UNAMBIGUOUS_FILES[baseName(blob.path).toLowerCase()] ?? binaryName
  if (!namedLike) return null
  const detail = { reason: 'named like a model but content not recognised', detectedBy: 'name', namedLike }
  return { format: 'unknown', kind: 'unknown', detail }
}
