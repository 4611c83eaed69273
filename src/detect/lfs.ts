// Git LFS pointers: the model is not in the repo but still leaves through the LFS server. When the
// object is stored locally its content is judged like a blob (index.ts); when it is not, where the
// scan runs decides: on a server or in CI every such pointer is a finding, before a push only an
// obvious non-model name is let go.
import { lfsKindOf, obviouslyNotAModel } from './by-name.js'
import type { LfsAbsentRule, RunsIn } from '../types.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

// What the git-lfs client accepts (lfs/pointer.go): surrounding whitespace and blank lines, CR
// before LF, any of its three version URLs, `ext-N-name` lines, then oid and size in that order.
// A pointer read more strictly than the client would let its object leave unjudged.
const VERSIONS = new Set([
  'https://git-lfs.github.com/spec/v1',
  'https://hawser.github.com/spec/v1',
  'http://git-media.io/v/2'
])
const EXTENSION_KEY = /^ext-\d-\w+$/
const MAX_POINTER = 1024

export interface LfsPointer {
  /** The sha256 of the content, 64 hex digits. */
  oid: string
  size: number
}

export function lfsPointerOf(blob: BlobPrefix): LfsPointer | null {
  if (blob.size > MAX_POINTER || blob.bytes.length < blob.size) return null
  const text = blob.bytes.toString('utf8')
  if (!/git-media|hawser|git-lfs/.test(text)) return null
  const fields = pointerFields(text)
  if (!fields || !VERSIONS.has(fields.version)) return null
  const oid = /^sha256:([0-9a-f]{64})$/.exec(fields.oid)?.[1]
  return oid && /^\+?\d+$/.test(fields.size) ? { oid, size: Number(fields.size) } : null
}

/** `version`, `oid`, `size` in that order, each `key value`; extension lines skipped; null for anything else. */
function pointerFields(text: string): Record<'version' | 'oid' | 'size', string> | null {
  const keys = ['version', 'oid', 'size'] as const
  const values: string[] = []
  for (const line of text.trim().split('\n')) {
    const content = line.replace(/\r$/, '')
    if (content === '') continue
    const space = content.indexOf(' ')
    if (space < 0 || values.length === keys.length) return null
    const key = content.slice(0, space)
    if (key === keys[values.length]) values.push(content.slice(space + 1))
    else if (!EXTENSION_KEY.test(key)) return null
  }
  return values.length === keys.length ? { version: values[0], oid: values[1], size: values[2] } : null
}

/** What is in `detail` of every finding made from a pointer. */
export function lfsDetail(pointer: LfsPointer, contentRead: boolean): Record<string, unknown> {
  return { oid: `sha256:${pointer.oid}`, size: pointer.size, contentInRepo: false, contentRead }
}

/**
 * The rule where a scan runs. In pre-receive and CI the object is normally absent (GitLab, Gitea
 * and GHES keep LFS objects apart from the repository; a checkout without `lfs: true` has none)
 * and its name is the pusher's to choose, so the registry's `policy.lfs_absent` decides (default
 * `unknown`). Before a push (pre-push, the CLI) the object is normally here and its content decides:
 * absent, the name does.
 */
export function lfsAbsentRule(runsIn: RunsIn, configured: LfsAbsentRule): LfsAbsentRule {
  return runsIn === 'pre-receive' || runsIn === 'ci' ? configured : 'by-name'
}

/**
 * A pointer whose object is not here: a model name gives its kind; anything else (archives,
 * `.nemo`, `.params`, no extension) is an unknown finding, and so is an obvious non-model (image,
 * audio, video, PDF, text) unless the rule is `by-name` and the registry does not name the path.
 * No size lets a pointer pass: a k-NN index of a few records fits in a few hundred bytes.
 */
export function sniffAbsentLfs(
  path: string,
  pointer: LfsPointer,
  namedByRegistry: boolean,
  rule: LfsAbsentRule = 'by-name'
): Sniffed | null {
  const detail = lfsDetail(pointer, false)
  const kind = lfsKindOf(path)
  if (kind) return { format: 'lfs-pointer', kind, detail }
  if (rule === 'by-name' && obviouslyNotAModel(path) && !namedByRegistry) return null
  return { format: 'lfs-pointer', kind: 'unknown', detail: { reason: ABSENT_REASONS[rule], ...detail } }
}

const ABSENT_REASONS: Record<LfsAbsentRule, string> = {
  'by-name': 'Git LFS object not stored locally: its content could not be inspected',
  unknown:
    'Git LFS object not stored here, so its content could not be inspected, and its name decides nothing (policy.lfs_absent: unknown): where the object is (git lfs fetch), model-leak-guard scan judges its content; one that is no model takes a waiver for this blob'
}
