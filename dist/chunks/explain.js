import { resolve, posix } from 'node:path';
import { S as ScanError, E as EXIT } from './version.js';
import { p as provenanceContext, d as detectArtifacts, w as worst, c as consultSources, f as findingFrom } from './scan2.js';
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
        const artifacts = await detectArtifacts(git, [blob], registry);
        io.stdout.write(`${blob.path} at ${rev} (blob ${blob.id.slice(0, 12)}, last changed in commit ${blob.commit.slice(0, 12)})\n`);
        if (artifacts.length === 0) {
            io.stdout.write('not a model artifact: detection found nothing to check (nothing to explain)\n');
            return EXIT.pass;
        }
        const verdicts = [];
        for (const artifact of artifacts)
            verdicts.push(await explainArtifact(artifact, context, io));
        return worst(verdicts) === 'block' ? EXIT.blocked : EXIT.pass;
    }
    finally {
        await git.close();
    }
}
async function explainArtifact(artifact, context, io) {
    const reports = await consultSources(artifact, context);
    const finding = findingFrom(artifact, reports.flatMap((report) => report.claims), context.registry);
    io.stdout.write([
        ...detectionLines(artifact),
        ...sourceLines(reports, artifact.blob.commit),
        ...claimLines(finding.claims),
        ...verdictLines(finding, context.registry)
    ].join('\n') + '\n');
    return finding.verdict;
}
/** The blob at REV:PATH, attributed to the last commit up to REV that changed it (whose files provenance reads). */
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
    const changed = await context.lastChange(commit, repoPath);
    return { id: object.id, path: repoPath, commit: changed ?? commit, size: object.size };
}
function detectionLines(artifact) {
    const member = artifact.member ? ` member ${artifact.member}` : '';
    const detail = JSON.stringify(artifact.detail);
    return [
        `detected:${member} format ${artifact.format}, kind ${artifact.kind}`,
        `  detail: ${detail.length > DETAIL_CHARS ? `${detail.slice(0, DETAIL_CHARS)}…` : detail}`
    ];
}
function sourceLines(reports, commit) {
    const lines = [`provenance (files as of commit ${commit.slice(0, 12)}):`];
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
            return `  ${c.name}  from ${c.source}${evidence}`;
        })
    ];
}
function verdictLines(finding, registry) {
    const datasets = finding.datasets.map((d) => {
        const label = d.label === null ? 'unregistered' : `label ${d.label}${registry.blocks(d.label) ? ', blocks' : ''}`;
        return `  ${d.id}  (${label}; first named by ${d.source})`;
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
