// What the registry says is a model, is one: a blob at a `models[].path` or `artifacts.include`
// path is reported even when its content is no known format (a raw `.bin`, an `.npy` of
// embeddings), unless it is plain text (a README or a config beside the model).
import { looksLikeTextPrefix } from './bytes.js'
import { LIMITS } from './limits.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

export interface Declarations {
  /** The path matches a registry `models[].path`. */
  model: boolean
  /** The path matches `artifacts.include`. */
  included: boolean
}

export function sniffDeclared(blob: BlobPrefix, declared: Declarations): Sniffed | null {
  if (!declared.model && !declared.included) return null
  if (blob.size === 0 || looksLikeTextPrefix(blob.bytes.subarray(0, LIMITS.headBytes))) return null
  const detectedBy = declared.model ? 'models[].path' : 'artifacts.include'
  const reason = `declared by the registry (${detectedBy}); content is no format the scanner knows`
  return { format: 'declared', kind: 'unknown', detail: { reason, detectedBy } }
}
