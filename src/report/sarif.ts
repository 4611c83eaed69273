// SARIF 2.1.0 for code scanning: one rule per artifact kind, one result per finding, located at
// the artifact's path and fingerprinted by its blob id (and archive member), which stays the
// same for the same bytes however often the scan runs.
import type { Finding, Kind, ScanReport, Verdict } from '../types.js'
import { VERSION } from '../version.js'
import { jsonDataset } from './json.js'

const SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'
export const FINGERPRINT_KEY = 'modelLeakGuard/blob/v1'

interface SarifRule {
  id: string
  name: string
  shortDescription: { text: string }
  fullDescription: { text: string }
  defaultConfiguration: { level: SarifLevel }
  properties: { tags: string[] }
}

type SarifLevel = 'error' | 'warning' | 'note'

const LEVEL: Record<Verdict, SarifLevel> = { block: 'error', warn: 'warning', pass: 'note' }

const RULES: Record<Kind, Omit<SarifRule, 'id' | 'defaultConfiguration' | 'properties'>> = {
  weights: {
    name: 'LeavingModelWeights',
    shortDescription: { text: 'Model weights leave the repository' },
    fullDescription: {
      text: 'Trained weights can memorise their training data; weights trained on sensitive or unknown data must not leave.'
    }
  },
  pickle: {
    name: 'LeavingPickledModel',
    shortDescription: { text: 'A pickled model leaves the repository' },
    fullDescription: {
      text: 'A pickled estimator often stores training rows or statistics verbatim, and loading it runs code.'
    }
  },
  'knn-index': {
    name: 'LeavingNearestNeighbourIndex',
    shortDescription: { text: 'A nearest-neighbour index leaves the repository' },
    fullDescription: {
      text: 'A k-NN or vector index stores the training vectors themselves: sharing it shares the data.'
    }
  },
  data: {
    name: 'LeavingSensitiveData',
    shortDescription: { text: 'Data leaves the repository' },
    fullDescription: {
      text: 'A pickle of plain data or a file under a registered dataset path: the records themselves leave.'
    }
  },
  unknown: {
    name: 'LeavingUnidentifiedArtifact',
    shortDescription: { text: 'An unidentified model artifact leaves the repository' },
    fullDescription: { text: 'A file that looks like a model could not be identified; what it holds is unknown.' }
  }
}

const KINDS = Object.keys(RULES) as Kind[]

export function ruleId(kind: Kind): string {
  return `model-leak/${kind}`
}

export function renderSarif(report: ScanReport): string {
  const log = {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'model-leak-guard', version: VERSION, rules: KINDS.map(sarifRule) } },
        results: report.findings.map(sarifResult)
      }
    ]
  }
  return JSON.stringify(log, null, 2) + '\n'
}

function sarifRule(kind: Kind): SarifRule {
  return {
    id: ruleId(kind),
    ...RULES[kind],
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'privacy', 'ml-model'] }
  }
}

function sarifResult(finding: Finding): Record<string, unknown> {
  return {
    ruleId: ruleId(finding.kind),
    ruleIndex: KINDS.indexOf(finding.kind),
    level: LEVEL[finding.verdict],
    message: { text: resultMessage(finding) },
    ...(finding.path ? { locations: [location(finding.path)] } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.member ? `${finding.blob}:${finding.member}` : finding.blob },
    properties: {
      verdict: finding.verdict,
      format: finding.format,
      commit: finding.commit,
      blob: finding.blob,
      member: finding.member,
      datasets: finding.datasets.map(jsonDataset)
    }
  }
}

function resultMessage(finding: Finding): string {
  const inside = finding.member ? ` (archive member ${finding.member})` : ''
  const fix = finding.fix.length ? ` Fix: ${finding.fix.join(' ')}` : ''
  return `${finding.verdict}: ${finding.format} ${finding.kind} artifact${inside} added in ${finding.commit.slice(0, 12)}. ${finding.reasons.join('; ')}.${fix}`
}

/** Code scanning needs a region to place a result; line 1 stands for the whole (binary) file. */
function location(path: string): Record<string, unknown> {
  const uri = path.split('/').map(encodeURIComponent).join('/')
  return { physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } }
}
