// Detection: what is a model artifact, judged by content first and by name second.
// Contract used by the scan engine (keep these signatures stable):
//   bytesWanted(head, size, path) → how many leading bytes of the blob detection needs
//   detect({ path, size, bytes }, options) → zero or more detections (archives yield one per member)
// A reader error never escapes: it becomes a `kind: unknown` detection with the reason.
import type { Detection } from '../types.js'

export const HEAD_BYTES = 64 * 1024

export interface BlobInput {
  path: string
  /** The blob's full size in bytes. */
  size: number
  /** A prefix of the blob: at least min(size, HEAD_BYTES) bytes, up to what bytesWanted asked for. */
  bytes: Buffer
}

export interface DetectOptions {
  /** Registry `artifacts.include` globs: paths that count as artifacts by name. */
  includedByName: (path: string) => boolean
}

const MODEL_EXTENSIONS: Record<string, { format: string; kind: Detection['kind'] }> = {
  '.pt': { format: 'pytorch', kind: 'weights' },
  '.pth': { format: 'pytorch', kind: 'weights' },
  '.ckpt': { format: 'pytorch', kind: 'weights' },
  '.safetensors': { format: 'safetensors', kind: 'weights' },
  '.onnx': { format: 'onnx', kind: 'weights' },
  '.gguf': { format: 'gguf', kind: 'weights' },
  '.h5': { format: 'keras-h5', kind: 'weights' },
  '.pkl': { format: 'pickle', kind: 'pickle' },
  '.pickle': { format: 'pickle', kind: 'pickle' },
  '.joblib': { format: 'joblib', kind: 'pickle' },
  '.faiss': { format: 'faiss', kind: 'knn-index' }
}

/** How many leading bytes detection needs, decided from the first HEAD_BYTES. */
export function bytesWanted(_head: Buffer, _size: number, _path: string): number {
  return HEAD_BYTES
}

export async function detect(input: BlobInput, options: DetectOptions): Promise<Detection[]> {
  const extension = input.path.slice(input.path.lastIndexOf('.')).toLowerCase()
  const byName = MODEL_EXTENSIONS[extension]
  if (byName) return [{ member: null, ...byName, detail: { detectedBy: 'name' } }]
  if (options.includedByName(input.path)) {
    return [{ member: null, format: 'unknown', kind: 'unknown', detail: { detectedBy: 'artifacts.include' } }]
  }
  return []
}
