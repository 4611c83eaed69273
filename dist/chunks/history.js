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
const LEVEL = { block: 'error', warn: 'warning', pass: 'note' };
const RULES = {
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
};
const KINDS = Object.keys(RULES);
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
                results: report.findings.map(sarifResult)
            }
        ]
    };
    return JSON.stringify(log, null, 2) + '\n';
}
function sarifRule(kind) {
    return {
        id: ruleId(kind),
        ...RULES[kind],
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['security', 'privacy', 'ml-model'] }
    };
}
function sarifResult(finding) {
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
    };
}
function resultMessage(finding) {
    const inside = finding.member ? ` (archive member ${finding.member})` : '';
    const fix = finding.fix.length ? ` Fix: ${finding.fix.join(' ')}` : '';
    return `${finding.verdict}: ${finding.format} ${finding.kind} artifact${inside} added in ${finding.commit.slice(0, 12)}. ${finding.reasons.join('; ')}.${fix}`;
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
