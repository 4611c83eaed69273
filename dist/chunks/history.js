import { bG as KINDS } from './index.js';
import { V as VERSION, S as ScanError } from './version.js';

function jsonReport(report) {
    return { ...report, findings: report.findings.map(jsonFinding) };
}
function renderJson(report) {
    return JSON.stringify(jsonReport(report), null, 2) + '\n';
}
function jsonFinding(finding) {
    const alsoAt = finding.alsoAt.map((place) => place.path);
    return {
        path: finding.path,
        member: finding.member,
        blob: finding.blob,
        commit: finding.commit,
        format: finding.format,
        kind: finding.kind,
        datasets: finding.datasets.map(jsonDataset),
        parents: finding.parents,
        verdict: finding.verdict,
        reasons: finding.reasons,
        fix: finding.fix,
        detail: alsoAt.length > 0 ? { ...finding.detail, alsoAt } : finding.detail,
        ...(finding.staged ? { staged: true } : {})
    };
}
function jsonDataset(dataset) {
    const { source, status } = dataset;
    if (status === 'registered')
        return { id: dataset.id, label: dataset.label, source, registered: true, status };
    if (status === 'unregistered')
        return { id: dataset.name, label: null, source, registered: false, status };
    // `id` keeps the form the contract has always had for an unreadable source.
    const unreadable = { id: `unreadable: ${dataset.file}`, label: null, source, registered: false, status };
    return { ...unreadable, file: dataset.file, ...(dataset.line ? { line: dataset.line } : {}) };
}

const SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const FINGERPRINT_KEY = 'modelLeakGuard/blob/v1';
const LEVEL = { block: 'error', warn: 'warning' };
const RULES = {
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
};
function ruleId(kind) {
    return `model-leak/${kind}`;
}
function renderSarif(report) {
    const log = {
        $schema: SCHEMA_URI,
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: 'model-leak-guard', version: VERSION, rules: KINDS.map(sarifRule) } },
                results: report.findings.flatMap((finding) => finding.verdict === 'pass' ? [] : [sarifResult(finding, finding.verdict)])
            }
        ]
    };
    return JSON.stringify(log, null, 2) + '\n';
}
function sarifRule(kind) {
    const text = RULES[kind];
    return {
        id: ruleId(kind),
        name: text.name,
        shortDescription: { text: text.short },
        fullDescription: { text: text.full },
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['security', 'privacy', 'ml-model'] }
    };
}
function sarifResult(finding, verdict) {
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
    };
}
/** "Model weights (safetensors) at models/x would leave the repository, so the push is blocked. Why: … What to do: …" */
function resultMessage(finding, verdict) {
    const inside = finding.member ? `, archive member ${finding.member}` : '';
    const also = finding.alsoAt.length
        ? ` (the same bytes are also at ${finding.alsoAt.map((p) => p.path).join(', ')})`
        : '';
    const outcome = verdict === 'block' ? 'it must not' : 'check that it may';
    return [
        `${RULES[finding.kind].noun} (${finding.format}${inside}) at ${finding.path}${also} would leave the repository: ${outcome}.`,
        ...finding.reasons.map(sentence),
        ...(finding.fix.length ? [`What to do: ${finding.fix.map(sentence).join(' ')}`] : [])
    ].join(' ');
}
/** A reason or a fix as a sentence: capitalised, ending with a full stop. */
function sentence(text) {
    const trimmed = text.trim();
    const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
    return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
/** Code scanning needs a region to place a result; line 1 stands for the whole (binary) file. */
function location(path) {
    const uri = path.split('/').map(encodeURIComponent).join('/');
    return { physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } };
}

// Whether a clone holds the whole history of base..head, and fetching it when it does not: CI
// clones are shallow, and a scan over a range cut by a shallow boundary would see fewer commits
// than the range has. Deepening stops as soon as the range is whole; a full clone is never fetched.
/** Depths tried, in turn, before the whole history. */
const DEPTHS = [50, 1000];
/** Both ends present and, in a shallow repository, no cut inside base..head. */
async function historyIsWhole(git, base, head) {
    if (!(await git.hasCommit(base)) || !(await git.hasCommit(head)))
        return false;
    const cuts = await git.shallowCommits();
    if (cuts.size === 0)
        return true;
    if ((await git.mergeBase(base, head)) === null)
        return false;
    return !(await git.commitsBetween(base, head)).some((commit) => cuts.has(commit));
}
/**
 * Fetches from `remote` until base..head is whole: both commits at growing depths, then the whole
 * history. A server that refuses to send a commit by id is covered by the last step.
 */
async function deepenUntilWhole(git, remote, base, head) {
    if (await historyIsWhole(git, base, head))
        return;
    const shallow = await git.isShallow();
    for (const depth of shallow ? DEPTHS : [undefined]) {
        await git.fetch({ remote, refspecs: [base, head], depth }).catch(() => undefined);
        if (await historyIsWhole(git, base, head))
            return;
    }
    if (await git.isShallow())
        await git.fetch({ remote, refspecs: [], unshallow: true });
    if (await historyIsWhole(git, base, head))
        return;
    throw new ScanError(`cannot get the history of ${base.slice(0, 12)}..${head.slice(0, 12)} from ${remote}: fetch it (or clone with the full history) before scanning`);
}

export { renderSarif as a, ruleId as b, deepenUntilWhole as d, historyIsWhole as h, renderJson as r };
