// The rule a dataset's label gives an artifact: blocked or not for its kind, lifted for a
// destination the label allows, or for a model trained with differential privacy within the
// label's bound (never for what stores records verbatim). The reason names the kind and why.
import type { Label } from '../registry/schema.js'
import type { Kind, PrivacyClaim, RegisteredDataset, Verdict } from '../types.js'
import { allowedBy, describeDestination } from './destination.js'
import type { PolicyContext } from './verdict.js'

export interface Rule {
  verdict: Verdict
  reason: string
  fix?: string
}

/** How the artifact relates to the dataset: a model trained on it, data derived from it, or a file of it. */
export type Relation = 'trained' | 'derived' | 'holds'

/** Why each kind leaks, in the words a reason uses. */
const KIND_WHY: Record<Kind, string> = {
  weights: 'trained weights can memorize their training data',
  pickle: 'a pickled model may store training rows verbatim',
  'knn-index': 'a k-NN or vector index stores its training records verbatim',
  data: 'data is the records themselves',
  unknown: 'an artifact that could not be inspected may be any kind'
}

/** Kinds for which a differential-privacy claim says nothing: they hold records, or could. */
const DP_VOID: Kind[] = ['knn-index', 'data', 'unknown']

export function labelRule(
  dataset: RegisteredDataset,
  relation: Relation,
  kind: Kind,
  privacy: PrivacyClaim[],
  context: PolicyContext
): Rule {
  const { registry, destination } = context
  const label = registry.label(dataset.label) as Label // validated: every dataset's label is declared
  const subject = subjectOf(dataset, relation, registry.dataset(dataset.id)?.paths ?? [])
  if (!registry.blocksKind(label.name, kind))
    return {
      verdict: 'pass',
      reason: `${subject}${typeof label.block === 'boolean' ? '' : `; ${label.name} blocks only ${label.block.join(', ')}`}`
    }
  const allowed = allowedBy(label.allowed_destinations, destination)
  if (allowed !== null)
    return {
      verdict: 'pass',
      reason: `${subject}, which may go to ${describeDestination(destination)} (allowed_destinations: ${allowed})`
    }
  const dp = relation === 'holds' ? null : privacyOutcome(label, kind, privacy)
  if (dp?.passes) return { verdict: 'pass', reason: `${subject}, ${dp.text}` }
  const why = [kindWhy(label, kind), dp?.text, destinationWhyNot(label, context)].filter(Boolean).join('; ')
  return blockedRule(dataset, relation, `${subject}${why ? `: ${why}` : ''}`, context)
}

function subjectOf(dataset: RegisteredDataset, relation: Relation, paths: string[]): string {
  if (relation === 'holds')
    return `a file of ${dataset.id} (${dataset.label}) itself, under its paths (${paths.join(', ')})`
  return `${relation === 'trained' ? 'trained on' : 'derived from'} ${dataset.id} (${dataset.label})`
}

const TRAINED_FIX = 'a model trained on this data must not be shared: keep it in access-controlled storage, not in git'
const DERIVED_FIX = 'data derived from this dataset must not leave: keep it in access-controlled storage, not in git'

function blockedRule(dataset: RegisteredDataset, relation: Relation, reason: string, context: PolicyContext): Rule {
  if (relation !== 'holds') return { verdict: 'block', reason, fix: relation === 'trained' ? TRAINED_FIX : DERIVED_FIX }
  const action = context.registry.policy.dataset_files
  return {
    verdict: action === 'allow' ? 'pass' : action,
    reason: `${reason} (policy.dataset_files: ${action})`,
    fix: `${dataset.id} data must not leave: keep it in access-controlled storage (a DVC remote, a bucket), not in git`
  }
}

/** Named only when the label blocks some kinds: which it blocks and why this kind leaks. */
function kindWhy(label: Label, kind: Kind): string {
  if (typeof label.block === 'boolean') return ''
  const implied = label.block.includes(kind) ? '' : ` (and so ${kind} artifacts)`
  return `${label.name} blocks ${label.block.join(', ')}${implied}, and ${KIND_WHY[kind]}`
}

/** Whether a declared differential-privacy guarantee lifts the block, and the words for either outcome. */
function privacyOutcome(label: Label, kind: Kind, privacy: PrivacyClaim[]): { passes: boolean; text: string } | null {
  if (privacy.length === 0) return null
  const claim = privacy.reduce((a, b) => (b.epsilon > a.epsilon ? b : a)) // the weakest guarantee declared
  const declared = `differential privacy (${claim.mechanism}, ε=${claim.epsilon}, δ=${claim.delta}, from ${claim.source})`
  if (DP_VOID.includes(kind))
    return { passes: false, text: `its ${declared} does not count for ${kind}: ${KIND_WHY[kind]}` }
  if (label.dp_max_epsilon === undefined)
    return { passes: false, text: `${label.name} sets no dp_max_epsilon, so its ${declared} does not lift it` }
  if (claim.epsilon > label.dp_max_epsilon)
    return { passes: false, text: `its ${declared} is above ${label.name}'s dp_max_epsilon ${label.dp_max_epsilon}` }
  return {
    passes: true,
    text: `trained with ${declared}, within ${label.name}'s dp_max_epsilon ${label.dp_max_epsilon}`
  }
}

function destinationWhyNot(label: Label, context: PolicyContext): string {
  if (label.allowed_destinations.length === 0) return ''
  const only = `${label.name} may go only to ${label.allowed_destinations.join(', ')}`
  const destination = context.destination
  if (destination?.url === undefined && destination?.visibility === undefined)
    return `${only}, and where this goes is not known here`
  return `${only}, not to ${describeDestination(destination)}`
}
