// Verdicts are pure functions of what was found and what the registry says: no I/O here.
import type { PolicyAction } from '../registry/schema.js'
import type { Registry } from '../registry/registry.js'
import type { Artifact, ResolvedDataset, UnreadableSource, UnregisteredDataset, Verdict } from '../types.js'

export interface Judgement {
  verdict: Verdict
  reasons: string[]
  fix: string[]
}

const SEVERITY: Record<Verdict, number> = { pass: 0, warn: 1, block: 2 }

export function worst(verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), 'pass')
}

function actionVerdict(action: PolicyAction): Verdict {
  return action === 'allow' ? 'pass' : action
}

export function judge(artifact: Artifact, datasets: ResolvedDataset[], registry: Registry): Judgement {
  const rules: Rule[] = []
  for (const dataset of datasets) {
    if (dataset.status === 'unreadable') {
      rules.push(unreadableRule(dataset, artifact, registry))
    } else if (dataset.status === 'unregistered') {
      rules.push(unregisteredRule(dataset, registry))
    } else if (registry.blocks(dataset.label)) {
      rules.push({
        verdict: 'block',
        reason: `trained on ${dataset.id} (${dataset.label})`,
        fix: 'a model trained on this data must not be shared: keep it in access-controlled storage, not in git'
      })
    } else {
      rules.push({ verdict: 'pass', reason: `trained on ${dataset.id} (${dataset.label})`, fix: '' })
    }
  }
  if (datasets.length === 0) {
    rules.push({
      verdict: actionVerdict(registry.policy.unknown_provenance),
      reason: `unknown provenance: no source says what it was trained on (policy.unknown_provenance: ${registry.policy.unknown_provenance})`,
      fix: `declare its training data in ${registry.editableFile} (models: - { path: "${artifact.blob.path}", trained_on: [...] })`
    })
  }
  const verdict = worst(rules.map((r) => r.verdict))
  const deciding = rules.filter((r) => r.verdict === verdict)
  const fix = verdict === 'pass' ? [] : [...new Set(deciding.map((r) => r.fix)), ...removalFix(artifact)]
  return { verdict, reasons: deciding.map((r) => r.reason), fix }
}

interface Rule {
  verdict: Verdict
  reason: string
  fix: string
}

/** A name no dataset matches: `policy.unregistered_dataset` decides. */
function unregisteredRule(dataset: UnregisteredDataset, registry: Registry): Rule {
  return {
    verdict: actionVerdict(registry.policy.unregistered_dataset),
    reason: `trained on unregistered dataset "${dataset.name}" (policy.unregistered_dataset: ${registry.policy.unregistered_dataset})`,
    fix: `register "${dataset.name}" in ${registry.editableFile} under datasets: with its sensitivity label`
  }
}

/** A provenance file meant for this artifact that cannot be read: what it says is unknown, judged like an unregistered name. */
function unreadableRule(dataset: UnreadableSource, artifact: Artifact, registry: Registry): Rule {
  const file = dataset.line ? `${dataset.file}:${dataset.line}` : dataset.file
  return {
    verdict: actionVerdict(registry.policy.unregistered_dataset),
    reason: `provenance file ${file} cannot be read, so what it says is unknown (policy.unregistered_dataset: ${registry.policy.unregistered_dataset})`,
    fix: `fix ${dataset.file} (model-leak-guard explain '${artifact.blob.path}' shows the line)`
  }
}

function removalFix(artifact: Artifact): string[] {
  const places = [{ path: artifact.blob.path, commit: artifact.blob.commit }, ...(artifact.blob.alsoAt ?? [])]
  // Staged, it is one command away from never being committed.
  if (artifact.blob.staged) return places.map(({ path }) => `take it out of the index: git rm --cached -- '${path}'`)
  return places.map(
    ({ path, commit }) =>
      `drop it from the unpushed commits: git rm --cached -- '${path}' and amend, or rebase to edit ${commit.slice(0, 12)} (it leaves even if a later commit deletes it)`
  )
}
