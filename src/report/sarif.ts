// SARIF 2.1.0 for code scanning: one rule per artifact kind, one result per finding that warns or
// blocks (a passing model is not an alert anyone should have to dismiss), located at the artifact's
// path and fingerprinted by its blob id (and archive member), which stays the same for the same
// bytes however often the scan runs. Messages are sentences a reviewer can act on.
import type { Location, Log, ReportingDescriptor, Result } from 'sarif'
import type { Finding, Kind, ScanReport, Verdict } from '../types.js'
import { KINDS } from '../types.js'
import { VERSION } from '../version.js'
import { jsonDataset } from './json.js'

const SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'
export const FINGERPRINT_KEY = 'modelLeakGuard/blob/v1'

const LEVEL: Record<Exclude<Verdict, 'pass'>, Result.level> = { block: 'error', warn: 'warning' }

interface KindText {
  name: string
  short: string
  full: string
  /** How a message names an artifact of this kind. */
  noun: string
}

const RULES: Record<Kind, KindText> = {
  weights: {
    name: 'LeavingModelWeights',
    short: 'Model weights leave the repository',
    full: 'Trained weights can memorise their training data; weights trained on sensitive or unknown data must not leave.',
    noun: 'Model weights'
  },
  pickle: {
    name: 'LeavingPickledModel',
    short: 'A pickled model leaves the repository',
    full: 'A pickled estimator often stores training rows or statistics verbatim, and loading it runs code.',
    noun: 'A pickled model'
  },
  'knn-index': {
    name: 'LeavingNearestNeighbourIndex',
    short: 'A nearest-neighbour index leaves the repository',
    full: 'A k-NN or vector index stores the training vectors themselves: sharing it shares the data.',
    noun: 'A nearest-neighbour index'
  },
  data: {
    name: 'LeavingSensitiveData',
    short: 'Data leaves the repository',
    full: 'A pickle of plain data or a file under a registered dataset path: the records themselves leave.',
    noun: 'Data'
  },
  unknown: {
    name: 'LeavingUnidentifiedArtifact',
    short: 'An unidentified model artifact leaves the repository',
    full: 'A file that looks like a model could not be identified; what it holds is unknown.',
    noun: 'An artifact that could not be identified'
  }
}

export function ruleId(kind: Kind): string {
  return `model-leak/${kind}`
}

export function renderSarif(report: ScanReport): string {
  const log: Log = {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'model-leak-guard', version: VERSION, rules: KINDS.map(sarifRule) } },
        results: report.findings.flatMap((finding) =>
          finding.verdict === 'pass' ? [] : [sarifResult(finding, finding.verdict)]
        )
      }
    ]
  }
  return JSON.stringify(log, null, 2) + '\n'
}

function sarifRule(kind: Kind): ReportingDescriptor {
  const text = RULES[kind]
  return {
    id: ruleId(kind),
    name: text.name,
    shortDescription: { text: text.short },
    fullDescription: { text: text.full },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'privacy', 'ml-model'] }
  }
}

function sarifResult(finding: Finding, verdict: Exclude<Verdict, 'pass'>): Result {
  return {
    ruleId: ruleId(finding.kind),
    ruleIndex: KINDS.indexOf(finding.kind),
    level: LEVEL[verdict],
    message: { text: resultMessage(finding, verdict) },
    ...(finding.path ? { locations: [location(finding.path)] } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.member ? `${finding.blob}:${finding.member}` : finding.blob },
    properties: {
      verdict,
      format: finding.format,
      commit: finding.commit,
      blob: finding.blob,
      member: finding.member,
      alsoAt: finding.alsoAt.map((place) => place.path),
      datasets: finding.datasets.map(jsonDataset)
    }
  }
}

/** "Model weights (safetensors) at models/x would leave the repository, so the push is blocked. Why: … What to do: …" */
export function resultMessage(finding: Finding, verdict: Exclude<Verdict, 'pass'>): string {
  const inside = finding.member ? `, archive member ${finding.member}` : ''
  const also = finding.alsoAt.length
    ? ` (the same bytes are also at ${finding.alsoAt.map((p) => p.path).join(', ')})`
    : ''
  const outcome = verdict === 'block' ? 'it must not' : 'check that it may'
  return [
    `${RULES[finding.kind].noun} (${finding.format}${inside}) at ${finding.path}${also} would leave the repository: ${outcome}.`,
    ...finding.reasons.map(sentence),
    ...(finding.fix.length ? [`What to do: ${finding.fix.map(sentence).join(' ')}`] : [])
  ].join(' ')
}

/** A reason or a fix as a sentence: capitalised, ending with a full stop. */
function sentence(text: string): string {
  const trimmed = text.trim()
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
  return /[.!?]$/.test(capital) ? capital : `${capital}.`
}

/** Code scanning needs a region to place a result; line 1 stands for the whole (binary) file. */
function location(path: string): Location {
  const uri = path.split('/').map(encodeURIComponent).join('/')
  return { physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } }
}
