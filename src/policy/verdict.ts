// Verdicts are pure functions of what was found, what the registry says, and where the objects
// go: no I/O here. Each dataset an artifact was trained on (or holds) gives a rule; the worst rule
// decides; a waiver or the baseline may then except the artifact by its blob id.
import type { Registry } from '../registry/registry.js'
import type {
  Artifact,
  Destination,
  PrivacyClaim,
  ProvenanceSourceName,
  RegisteredDataset,
  ResolvedDataset,
  RunsIn,
  ScanReport,
  UnreadableSource,
  UnregisteredDataset,
  Verdict
} from '../types.js'
import { removalAdvice } from './advice.js'
import { applyWaiver, baselineException, waiverFor, type Exception } from './exceptions.js'
import { labelRule, type Rule } from './labels.js'

export interface Judgement {
  verdict: Verdict
  reasons: string[]
  fix: string[]
}

/** What the policy is judged against besides the artifact: the registry, and where the objects go. */
export interface PolicyContext {
  registry: Registry
  /** Where the objects go; undefined when the caller does not know (a local scan). */
  destination?: Destination
  runsIn: RunsIn
  /** Today as YYYY-MM-DD (UTC), for waivers: a parameter, so verdicts stay pure. */
  today: string
}

/** What provenance found for an artifact. */
export interface ArtifactEvidence {
  /** What it was trained on (or, for data, derived from). */
  datasets: ResolvedDataset[]
  /** Datasets whose `paths` hold one of its paths: it is their data. */
  holds: RegisteredDataset[]
  privacy: PrivacyClaim[]
}

const SEVERITY: Record<Verdict, number> = { pass: 0, warn: 1, block: 2 }

/** How bad a verdict is: pass 0, warn 1, block 2. */
export function severity(verdict: Verdict): number {
  return SEVERITY[verdict]
}

export function worst(verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((a, b) => (severity(b) > severity(a) ? b : a), 'pass')
}

/** Whether a report stops the push or fails the check: a block, unless the registry's policy.mode is warn. */
export function failsTheGate(report: ScanReport): boolean {
  return report.verdict === 'block' && report.mode === 'enforce'
}

export function actionVerdict(action: 'block' | 'warn' | 'allow'): Verdict {
  return action === 'allow' ? 'pass' : action
}

export function judge(artifact: Artifact, evidence: ArtifactEvidence, context: PolicyContext): Judgement {
  const trusted = new Set<ProvenanceSourceName>(context.registry.policy.trusted_sources)
  const privacy = evidence.privacy.filter((claim) => trusted.has(claim.source)) // a guarantee lifts only when trusted
  const rules: Rule[] = [
    ...evidence.datasets.map((dataset) => datasetRule(dataset, artifact, privacy, context)),
    ...evidence.holds.map((dataset) => labelRule(dataset, 'holds', 'data', [], context)),
    ...withoutProvenance(artifact, vouchedFor(evidence, trusted), context.registry)
  ]
  const verdict = worst(rules.map((r) => r.verdict))
  const deciding = rules.filter((r) => r.verdict === verdict)
  const judged: Judgement = { verdict, reasons: deciding.map((r) => r.reason), fix: fixesOf(deciding) }
  return withException(judged, exceptionFor(artifact, context), artifact, context)
}

function datasetRule(
  dataset: ResolvedDataset,
  artifact: Artifact,
  privacy: PrivacyClaim[],
  context: PolicyContext
): Rule {
  if (dataset.status === 'unreadable') return unreadableRule(dataset, artifact, context.registry)
  if (dataset.status === 'unregistered') return unregisteredRule(dataset, context.registry)
  return labelRule(dataset, artifact.kind === 'data' ? 'derived' : 'trained', artifact.kind, privacy, context)
}

/** The evidence `policy.trusted_sources` vouch for; the rest still counts, but only to make a verdict stricter. */
function vouchedFor(
  evidence: ArtifactEvidence,
  trusted: Set<ProvenanceSourceName>
): ArtifactEvidence & { untrusted: ResolvedDataset[] } {
  const datasets = evidence.datasets.filter((dataset) => trusted.has(dataset.source))
  const untrusted = evidence.datasets.filter((dataset) => !trusted.has(dataset.source))
  return { ...evidence, datasets, untrusted }
}

/**
 * No dataset a trusted source names: data is judged as data (`policy.data_pickles`), anything else
 * as unknown provenance, saying which sources were not trusted to clear it.
 */
function withoutProvenance(
  artifact: Artifact,
  evidence: ArtifactEvidence & { untrusted: ResolvedDataset[] },
  registry: Registry
): Rule[] {
  if (evidence.datasets.length > 0 || evidence.holds.length > 0) return []
  const { data_pickles: dataPickles, unknown_provenance: unknown } = registry.policy
  if (artifact.kind === 'data')
    return [
      {
        verdict: actionVerdict(dataPickles),
        reason: `data, not a model: containers and arrays only, which may hold the records themselves (policy.data_pickles: ${dataPickles})`,
        fix: `if it holds records of a registered dataset, keep it out of git; if not, set policy.data_pickles: allow in ${registry.editableFile}`
      }
    ]
  return [
    {
      verdict: actionVerdict(unknown),
      reason: `unknown provenance: ${untrustedSaying(evidence.untrusted) ?? 'no source says what it was trained on'} (policy.unknown_provenance: ${unknown})`,
      // A blob no ref reaches has no path for a models[] entry to name.
      fix: artifact.blob.unreached
        ? undefined
        : `declare its training data in ${registry.editableFile} (models: - { path: "${artifact.blob.path}", trained_on: [...] })`
    }
  ]
}

/** `only model-card says what it was trained on, and policy.trusted_sources does not list it`. */
function untrustedSaying(untrusted: ResolvedDataset[]): string | null {
  if (untrusted.length === 0) return null
  const sources = [...new Set(untrusted.map((dataset) => dataset.source))]
  const list = sources.join(' and ')
  return `only ${list} ${sources.length > 1 ? 'say' : 'says'} what it was trained on, and policy.trusted_sources does not list ${sources.length > 1 ? 'them' : 'it'}`
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

function fixesOf(rules: Rule[]): string[] {
  return [...new Set(rules.flatMap((r) => (r.fix ? [r.fix] : [])))]
}

/** A waiver for these bytes decides first (valid: pass; expired: block); else the baseline may accept them. */
function exceptionFor(artifact: Artifact, context: PolicyContext): Exception | null {
  const places = [{ path: artifact.blob.path, commit: artifact.blob.commit }, ...(artifact.blob.alsoAt ?? [])]
  const waiver = waiverFor(context.registry.waivers, artifact.blob.id, places)
  if (waiver) return applyWaiver(waiver, context.today, context.registry.editableFile)
  return baselineException(context.registry.baseline, artifact.blob.id)
}

/** An exception changes only a verdict that is not a pass; the rules it overrides stay in the reasons. */
function withException(
  judged: Judgement,
  exception: Exception | null,
  artifact: Artifact,
  context: PolicyContext
): Judgement {
  const decided =
    exception === null || judged.verdict === 'pass'
      ? judged
      : {
          verdict: exception.verdict,
          reasons: [exception.reason, ...judged.reasons.map((reason) => `without it: ${reason}`)],
          fix: exception.verdict === 'pass' ? [] : [...(exception.fix ? [exception.fix] : []), ...judged.fix]
        }
  if (decided.verdict === 'pass') return { ...decided, fix: [] }
  const places = [{ path: artifact.blob.path, commit: artifact.blob.commit }, ...(artifact.blob.alsoAt ?? [])]
  return {
    ...decided,
    fix: [...decided.fix, ...removalAdvice(places, removalContext(artifact, context.runsIn))]
  }
}

/** Where the blob is, for the advice: in the index only, in a pack with no ref reaching it, or in commits. */
function removalContext(artifact: Artifact, runsIn: RunsIn): RunsIn | 'staged' | 'unreached' {
  if (artifact.blob.staged) return 'staged'
  return artifact.blob.unreached ? 'unreached' : runsIn
}
