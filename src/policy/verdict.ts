// Verdicts are pure functions of what was found and what the registry says: no I/O here.
import { UNREADABLE_PREFIX } from '../provenance/source.js'
import type { PolicyAction } from '../registry/schema.js'
import type { Registry } from '../registry/registry.js'
import type { Artifact, ResolvedDataset, Verdict } from '../types.js'

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
  const rules: { verdict: Verdict; reason: string; fix: string }[] = []
  for (const dataset of datasets) {
    if (!dataset.registered) {
      rules.push(unregisteredRule(dataset, artifact, registry))
    } else if (registry.blocks(dataset.label as string)) {
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

/** A name no dataset matches, or a provenance file that could not be read (provenance names it `unreadable: FILE`). */
function unregisteredRule(
  dataset: ResolvedDataset,
  artifact: Artifact,
  registry: Registry
): { verdict: Verdict; reason: string; fix: string } {
  const policy = `policy.unregistered_dataset: ${registry.policy.unregistered_dataset}`
  const verdict = actionVerdict(registry.policy.unregistered_dataset)
  if (dataset.id.startsWith(UNREADABLE_PREFIX)) {
    const file = dataset.id.slice(UNREADABLE_PREFIX.length)
    return {
      verdict,
      reason: `provenance file ${file} cannot be read, so what it says is unknown (${policy})`,
      fix: `fix ${file} (model-leak-guard explain '${artifact.blob.path}' shows the line)`
    }
  }
  return {
    verdict,
    reason: `trained on unregistered dataset "${dataset.id}" (${policy})`,
    fix: `register "${dataset.id}" in ${registry.editableFile} under datasets: with its sensitivity label`
  }
}

function removalFix(artifact: Artifact): string[] {
  const places = [{ path: artifact.blob.path, commit: artifact.blob.commit }, ...(artifact.blob.alsoAt ?? [])]
  return places.map(
    ({ path, commit }) =>
      `drop it from the unpushed commits: git rm --cached -- '${path}' and amend, or rebase to edit ${commit.slice(0, 12)} (it leaves even if a later commit deletes it)`
  )
}
