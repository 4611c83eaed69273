// Gradient-boosted trees, the models tabular (clinical, financial) data trains: XGBoost (JSON,
// UBJSON, the legacy binary of save_model / save_raw), LightGBM (text model; its binary dataset
// file is data), CatBoost (.cbm).
import { hasBytes, u32, u64 } from './bytes.js'
import { LIMITS } from './limits.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

// XGBoost's legacy header (LearnerModelParam) is 136 bytes; the objective and booster names follow.
const LEGACY_PARAMS = 136
const OBJECTIVE = /^(reg|binary|multi|rank|count|survival):[a-z_]+$/
const BOOSTERS = new Set(['gbtree', 'gblinear', 'dart'])

export function sniffXgboost(blob: BlobPrefix): Sniffed | null {
  const legacy = legacyXgboost(blob.bytes, hasBytes(blob.bytes, 0, 'binf') ? 4 : 0)
  if (legacy) return { format: 'xgboost', kind: 'weights', detail: { encoding: 'binary', ...legacy } }
  if (blob.bytes[0] !== 0x7b) return null
  const ubjson = [0x4c, 0x6c, 0x69, 0x55, 0x49].includes(blob.bytes[1]) // '{' then a UBJSON length marker
  const head = blob.bytes.toString('latin1', 0, Math.min(blob.bytes.length, LIMITS.headBytes))
  const key = (name: string): boolean => head.includes(ubjson ? name : `"${name}"`)
  if (!key('learner') || !key('gradient_booster')) return null
  const encoding = ubjson ? 'ubjson' : 'json'
  const model = ubjson
    ? key('tree_info') || key('weights')
    : /"model"\s*:\s*\{\s*"(gbtree_model_param|weights)"/.test(head)
  if (model) return { format: 'xgboost', kind: 'weights', detail: { encoding } }
  // A learner without a model is a training config (save_config), unless the model lies past the head.
  if (blob.bytes.length >= blob.size || head.length >= blob.size) return null
  const reason = 'XGBoost learner whose model part lies past the bytes read: not inspected'
  return { format: 'xgboost', kind: 'unknown', detail: { encoding, reason } }
}

/** The objective and booster names after the legacy header, both strings XGBoost writes. */
function legacyXgboost(bytes: Buffer, at: number): Record<string, string> | null {
  const objective = lengthPrefixed(bytes, at + LEGACY_PARAMS)
  if (!objective || !OBJECTIVE.test(objective.text)) return null
  const booster = lengthPrefixed(bytes, objective.next)
  return booster && BOOSTERS.has(booster.text) ? { objective: objective.text, booster: booster.text } : null
}

function lengthPrefixed(bytes: Buffer, at: number): { text: string; next: number } | null {
  const length = u64(bytes, at)
  if (length === null || length < 1 || length > 64 || at + 8 + length > bytes.length) return null
  return { text: bytes.toString('latin1', at + 8, at + 8 + length), next: at + 8 + length }
}

const LIGHTGBM_DATASET = '______LightGBM_Binary_File_Token______\n'

/** LightGBM's text model (`tree`, `version=vN`, header keys, `Tree=N` blocks), or its binary dataset file. */
export function sniffLightgbm(blob: BlobPrefix): Sniffed | null {
  if (hasBytes(blob.bytes, 0, LIGHTGBM_DATASET))
    return { format: 'lightgbm-dataset', kind: 'data', detail: { part: 'Dataset.save_binary' } }
  if (!hasBytes(blob.bytes, 0, 'tree')) return null
  const head = blob.bytes.toString('latin1', 0, Math.min(blob.bytes.length, LIMITS.headBytes))
  const version = /^tree\r?\nversion=(v\d+)\r?\n/.exec(head)?.[1]
  if (!version || !/\nnum_class=\d+\r?\n/.test(head) || !/\n(Tree=\d+|tree_sizes=)/.test(head)) return null
  const names = /\nfeature_names=([^\r\n]*)/.exec(head)?.[1]
  const detail: Record<string, unknown> = { version }
  if (names) detail.featureNames = names.split(' ').slice(0, 64)
  return { format: 'lightgbm', kind: 'weights', detail }
}

/** CatBoost `.cbm`: `CBM1`, the core's size (u32, or 0xFFFFFFFF then u64), which must fit the file. */
export function sniffCatboost(blob: BlobPrefix): Sniffed | null {
  if (!hasBytes(blob.bytes, 0, 'CBM1')) return null
  const short = u32(blob.bytes, 4)
  const core = short === 0xffffffff ? u64(blob.bytes, 8) : short
  const headerEnd = short === 0xffffffff ? 16 : 8
  if (core === null || core < 8 || headerEnd + core > blob.size) return null
  return { format: 'catboost', kind: 'weights', detail: { coreBytes: core } }
}
