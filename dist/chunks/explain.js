import { posix } from 'node:path';
import { S as ScanError, E as EXIT } from './version.js';
import { j as judgingFor, c as foldersUpToRoot, d as joinPath, e as judgeBlobs, w as worst, g as claimName } from './scan2.js';
import { G as GitRepository } from './git.js';
import { bF as loadRegistryFor } from './index.js';
import { o as oneLine, a as datasetName } from './printable.js';
import { a as snapshotWorkingTree } from './working-tree.js';
import { p as parseCommandArgs, s as seeHelp, r as repositoryDir } from './args.js';
import { S as SPECS } from './specs.js';
import 'node:zlib';
import './leaving.js';
import 'node:fs/promises';
import 'node:child_process';
import 'node:os';
import 'node:util';

// `model-leak-guard explain PATH [REV]`: for one artifact, how it was detected, what every
// provenance source said (with file:line), the datasets and labels, the deciding rule and the fixes.
// It judges through the same per-blob path as `scan` (judgeBlobs): the same exclusions, and the
// union of what every path of the same bytes says, so the two never disagree on a verdict.
/** Long detection details (metadata, globals) are cut here: explain is for reading. */
const DETAIL_CHARS = 600;
async function explainCommand(args, io) {
    const { values, positionals } = parseCommandArgs(args, SPECS.explain);
    const [path, rev, ...extra] = positionals;
    if (path === undefined || extra.length > 0)
        throw new ScanError(`explain takes PATH [REV] ${seeHelp(SPECS.explain)}`);
    const dir = repositoryDir(io, values.C);
    const registry = await loadRegistryFor(dir, values.registry);
    const repository = await GitRepository.open(dir);
    const repoPath = posix.normalize(posix.join(await repository.prefix(), path.replace(/\\/g, '/'))).replace(/\/+$/, '');
    const reading = rev === undefined ? await workingTree(repository, repoPath) : await revision(repository, rev);
    try {
        const lines = await explainBlob(reading, repoPath, judgingFor(reading.git, { registry }));
        io.stdout.write(lines.text.map(oneLine).join('\n') + '\n'); // each entry one line, whatever a pushed file says
        return lines.verdict === 'block' ? EXIT.blocked : EXIT.pass;
    }
    finally {
        await reading.git.close();
    }
}
async function revision(git, rev) {
    const commit = await git.commitOf(rev);
    if (!commit)
        throw new ScanError(`explain: unknown revision "${rev}"`);
    return { git, commit, shownAs: rev, name: commitName };
}
function commitName(commit) {
    return `commit ${commit.slice(0, 12)}`;
}
/** Files next to (or above) a model that provenance reads: they count as they are on disk. */
const PROVENANCE_FILES = ['README.md', 'dvc.yaml', 'dvc.lock'];
/**
 * Without REV: the working tree as it is (staged or not, even untracked), with the model cards and
 * DVC files around PATH as they are on disk. A file unchanged since HEAD reads as it does at HEAD.
 */
async function workingTree(git, path) {
    const folder = posix.dirname(path);
    const beside = foldersUpToRoot(folder === '.' ? '' : folder).flatMap((f) => PROVENANCE_FILES.map((n) => joinPath(f, n)));
    const snapshot = await snapshotWorkingTree(git, [path, ...beside]);
    await git.close();
    const name = (commit) => (commit === snapshot.commit ? 'the working tree' : commitName(commit));
    return { ...snapshot, shownAs: 'the working tree', name };
}
async function explainBlob(reading, path, judging) {
    const blob = await blobAt(reading, path, judging.provenance);
    const text = headline(blob, reading);
    const { judged, inspected } = await judgeBlobs(reading.git, [blob], judging);
    if (inspected === 0)
        text.push(`not inspected: artifacts.exclude in ${judging.policy.registry.file} covers every path of these bytes`);
    else if (judged.length === 0)
        text.push('not a model artifact: detection found nothing to check (nothing to explain)');
    for (const artifact of judged)
        text.push(...explanation(artifact, judging.policy.registry, reading.name));
    return { text, verdict: worst(judged.map((j) => j.finding.verdict)) };
}
function headline(blob, reading) {
    const others = (blob.alsoAt ?? []).map((place) => place.path);
    const also = others.length ? [`the same bytes are also at ${others.join(', ')}: judged by what every path says`] : [];
    const shown = reading.name(blob.commit);
    const changed = shown === commitName(blob.commit) ? `last changed in ${shown}` : 'not committed yet';
    return [`${blob.path} in ${reading.shownAs} (blob ${blob.id.slice(0, 12)}, ${changed})`, ...also];
}
function explanation({ finding, provenance }, registry, name) {
    const claims = provenance.flatMap(({ reports }) => reports.flatMap((report) => report.claims));
    return [
        ...detectionLines(finding),
        ...provenance.flatMap(({ place, reports }) => sourceLines(place, reports, provenance.length > 1, name)),
        ...claimLines(claims),
        ...verdictLines(finding, registry)
    ];
}
/**
 * The blob at PATH in the reading's commit, attributed to the last commit that changed it (whose
 * files provenance reads), with every other path of the same bytes there, as scan would see them.
 */
async function blobAt(reading, path, context) {
    const object = await reading.git.objectInfo(`${reading.commit}:${path}`);
    if (!object)
        throw new ScanError(`explain: ${path} is not in ${reading.shownAs}`);
    if (object.type !== 'blob')
        throw new ScanError(`explain: ${path} is a ${object.type} in ${reading.shownAs}, not a file`);
    const others = (await reading.git.pathsOfBlob(reading.commit, object.id)).filter((other) => other !== path);
    const place = async (at) => ({
        path: at,
        commit: (await context.lastChange(reading.commit, at)) ?? reading.commit
    });
    const [first, ...alsoAt] = await Promise.all([path, ...others].map(place));
    return { id: object.id, ...first, size: object.size, ...(alsoAt.length ? { alsoAt } : {}) };
}
function detectionLines(finding) {
    const member = finding.member ? ` member ${finding.member}` : '';
    const detail = JSON.stringify(finding.detail);
    return [
        `detected:${member} format ${finding.format}, kind ${finding.kind}`,
        `  detail: ${detail.length > DETAIL_CHARS ? `${detail.slice(0, DETAIL_CHARS)}…` : detail}`
    ];
}
function sourceLines(place, reports, several, name) {
    const of = several ? ` of ${place.path}` : '';
    const lines = [`provenance${of} (files as in ${name(place.commit)}):`];
    for (const report of reports) {
        lines.push(`  ${report.source}:`);
        for (const note of report.notes)
            lines.push(`    ${note.file ? `${location(note.file, note.line)}: ` : ''}${note.text}`);
    }
    return lines;
}
function claimLines(claims) {
    if (claims.length === 0)
        return ['claims: none'];
    return [
        'claims:',
        ...claims.map((c) => {
            const evidence = c.evidence
                ? `  ${location(c.evidence.file, c.evidence.line)}${c.evidence.note ? `  (${c.evidence.note})` : ''}`
                : '';
            return `  ${claimName(c)}  from ${c.source}${evidence}`;
        })
    ];
}
function verdictLines(finding, registry) {
    const datasets = finding.datasets.map((d) => {
        const label = d.status === 'registered'
            ? `label ${d.label}${registry.blocks(d.label) ? ', blocks' : ''}`
            : d.status === 'unregistered'
                ? 'unregistered'
                : `cannot be read: ${d.problem}`;
        return `  ${datasetName(d)}  (${label}; first named by ${d.source})`;
    });
    return [
        finding.datasets.length ? 'datasets:' : 'datasets: none known',
        ...datasets,
        `verdict: ${finding.verdict.toUpperCase()}`,
        ...finding.reasons.map((reason) => `  rule: ${reason}`),
        ...finding.fix.map((fix) => `  fix: ${fix}`)
    ];
}
function location(file, line) {
    return line ? `${file}:${line}` : file;
}

export { explainCommand };
