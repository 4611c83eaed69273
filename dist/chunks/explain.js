import { resolve, posix } from 'node:path';
import { S as ScanError, E as EXIT } from './version.js';
import { p as provenanceContext, j as judgeBlobs, w as worst, c as claimName, a as datasetName } from './scan2.js';
import { G as GitRepository } from './git.js';
import { bB as loadRegistryFor } from './index.js';
import { p as parseCommandArgs } from './args.js';
import 'node:zlib';
import 'node:fs/promises';
import 'node:child_process';
import 'node:os';
import 'node:util';

// `model-leak-guard explain PATH [REV]`: for one artifact, how it was detected, what every
// provenance source said (with file:line), the datasets and labels, the deciding rule and the fixes.
// It judges through the same per-blob path as `scan` (judgeBlobs): the same exclusions, and the
// union of what every path of the same bytes says, so the two never disagree on a verdict.
const EXPLAIN_USAGE = `model-leak-guard explain PATH [REV] [options]
  PATH              the artifact (relative to the current directory)
  REV               the revision to read it at (default HEAD)
  --registry FILE, -C DIR`;
/** Long detection details (metadata, globals) are cut here: explain is for reading. */
const DETAIL_CHARS = 600;
async function explainCommand(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
        registry: { type: 'string' },
        C: { type: 'string', short: 'C' }
    });
    const [path, rev = 'HEAD', ...extra] = positionals;
    if (path === undefined || extra.length > 0)
        throw new ScanError(`explain takes PATH [REV]\n${EXPLAIN_USAGE}`);
    const dir = resolve(io.cwd, values.C ?? '.');
    const registry = await loadRegistryFor(dir, values.registry);
    const git = await GitRepository.open(dir);
    try {
        const context = provenanceContext(git, registry);
        const blob = await blobAt(git, context, rev, path);
        io.stdout.write(`${headline(blob, rev)}\n`);
        const { judged, inspected } = await judgeBlobs(git, [blob], context);
        if (inspected === 0) {
            io.stdout.write(`not inspected: artifacts.exclude in ${registry.file} covers every path of these bytes\n`);
            return EXIT.pass;
        }
        if (judged.length === 0) {
            io.stdout.write('not a model artifact: detection found nothing to check (nothing to explain)\n');
            return EXIT.pass;
        }
        for (const artifact of judged)
            io.stdout.write(explanation(artifact, registry).join('\n') + '\n');
        return worst(judged.map((j) => j.finding.verdict)) === 'block' ? EXIT.blocked : EXIT.pass;
    }
    finally {
        await git.close();
    }
}
function headline(blob, rev) {
    const others = (blob.alsoAt ?? []).map((place) => place.path);
    const also = others.length ? `\nthe same bytes are also at ${others.join(', ')}: judged by what every path says` : '';
    return `${blob.path} at ${rev} (blob ${blob.id.slice(0, 12)}, last changed in commit ${blob.commit.slice(0, 12)})${also}`;
}
function explanation({ finding, provenance }, registry) {
    const claims = provenance.flatMap(({ reports }) => reports.flatMap((report) => report.claims));
    return [
        ...detectionLines(finding),
        ...provenance.flatMap(({ place, reports }) => sourceLines(place, reports, provenance.length > 1)),
        ...claimLines(claims),
        ...verdictLines(finding, registry)
    ];
}
/**
 * The blob at REV:PATH, attributed to the last commit up to REV that changed it (whose files
 * provenance reads), with every other path of the same bytes at REV, as scan would see them.
 */
async function blobAt(git, context, rev, path) {
    const commit = await git.revParse(`${rev}^{commit}`);
    if (!commit)
        throw new ScanError(`explain: unknown revision "${rev}"`);
    const prefix = await git.prefix();
    const repoPath = posix.normalize(posix.join(prefix, path.replace(/\\/g, '/'))).replace(/\/+$/, '');
    const object = await git.objectInfo(`${commit}:${repoPath}`);
    if (!object)
        throw new ScanError(`explain: ${repoPath} is not in ${rev}`);
    if (object.type !== 'blob')
        throw new ScanError(`explain: ${repoPath} is a ${object.type} in ${rev}, not a file`);
    const others = (await git.pathsOfBlob(commit, object.id)).filter((other) => other !== repoPath);
    const place = async (at) => ({
        path: at,
        commit: (await context.lastChange(commit, at)) ?? commit
    });
    const [first, ...alsoAt] = await Promise.all([repoPath, ...others].map(place));
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
function sourceLines(place, reports, several) {
    const of = several ? ` of ${place.path}` : '';
    const lines = [`provenance${of} (files as of commit ${place.commit.slice(0, 12)}):`];
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

export { EXPLAIN_USAGE, explainCommand };
