// How a resolved dataset is named in every report: `ukbb (restricted)`, `foo (unregistered)`,
// `unreadable README.md:3`. One wording, so the text report, the job summary and SARIF agree.
import type { ResolvedDataset } from '../types.js'

/** The dataset's id, the unknown name as written, or the unreadable file (with its line). */
export function datasetName(dataset: ResolvedDataset): string {
  if (dataset.status === 'registered') return dataset.id
  if (dataset.status === 'unregistered') return dataset.name
  return `unreadable ${dataset.line ? `${dataset.file}:${dataset.line}` : dataset.file}`
}

/** The label, `unregistered`, or `unknown` for an unreadable source. */
export function datasetLabel(dataset: ResolvedDataset): string {
  if (dataset.status === 'registered') return dataset.label
  return dataset.status === 'unregistered' ? 'unregistered' : 'unknown'
}

/** `ukbb (restricted)`, `foo (unregistered)`, `unreadable README.md:3 (unknown)`. */
export function datasetText(dataset: ResolvedDataset): string {
  return `${datasetName(dataset)} (${datasetLabel(dataset)})`
}
