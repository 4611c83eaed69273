import { o as oneLine, a as datasetName, b as datasetLabel, p as printablePath } from './printable.js';

const COLOUR = { block: '\x1b[31m', warn: '\x1b[33m', pass: '\x1b[32m' };
const RESET = '\x1b[0m';
/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
function wantsColour(stream, env) {
    return Boolean(stream.isTTY) && !env.NO_COLOR;
}
function renderText(report, options) {
    const paint = (verdict, text) => options.colour ? `${COLOUR[verdict]}${text}${RESET}` : text;
    const lines = [];
    for (const finding of report.findings)
        lines.push(...findingLines(finding, paint));
    lines.push(...report.notices.map((notice) => `note: ${oneLine(notice)}`));
    lines.push(coverageLine(report.stats));
    lines.push(paint(report.verdict, `verdict: ${report.verdict}`) + verdictHint(report));
    return lines.join('\n') + '\n';
}
function findingLines(finding, paint) {
    const path = finding.unreached ? `blob ${finding.blob}, which no pushed ref reaches` : finding.path;
    const where = finding.member ? `${path} → ${finding.member}` : path;
    const datasets = finding.datasets.length
        ? finding.datasets.map((d) => `${datasetName(d)} (${datasetLabel(d)}, from ${d.source})`).join(', ')
        : 'none known';
    const also = finding.alsoAt.map((place) => `${printablePath(place.path)} (in ${place.commit.slice(0, 12)})`);
    return [
        `${paint(finding.verdict, finding.verdict.toUpperCase().padEnd(5))} ${printablePath(where)}  [${finding.format}, ${finding.kind}] ${placeOf(finding)}`,
        ...(also.length ? [`      same bytes also at: ${also.join(', ')}`] : []),
        `      datasets: ${oneLine(datasets)}`,
        ...storedRecordsLine(finding),
        ...absentLfsLine(finding),
        ...finding.reasons.map((reason) => `      why: ${oneLine(reason)}`),
        ...finding.fix.map((fix) => `      fix: ${oneLine(fix)}`)
    ];
}
/** Where the finding is: the commit that brought it, or why there is none. */
function placeOf(finding) {
    if (finding.staged)
        return 'staged';
    return finding.unreached ? 'in the pushed pack' : `in ${finding.commit.slice(0, 12)}`;
}
/** A k-NN index or model keeps its training records verbatim: how many, the size of the leak. */
function storedRecordsLine(finding) {
    const { records, dimension } = finding.detail;
    if (finding.kind !== 'knn-index' || typeof records !== 'number')
        return [];
    const of = typeof dimension === 'number' ? ` of dimension ${dimension}` : '';
    return [`      stores: ${records} training records${of} verbatim`];
}
/** A Git LFS pointer whose object was not read: which object, so whoever has it can fetch and check it. */
function absentLfsLine({ format, detail }) {
    if (format !== 'lfs-pointer')
        return [];
    const reason = typeof detail.reason === 'string' ? detail.reason : 'not stored here, so its content was not read';
    return [`      lfs object: ${oneLine(String(detail.oid))}, ${String(detail.size)} bytes. ${reason}`];
}
/** `1 commit`, `2 commits`. */
function count(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
function coverageLine(stats) {
    const excluded = stats.excluded > 0 ? `, ${stats.excluded} excluded by artifacts.exclude` : '';
    const missing = stats.missingBlobs > 0 ? `, ${count(stats.missingBlobs, 'blob')} missing from this repository` : '';
    const submodules = stats.submodules > 0 ? `, ${count(stats.submodules, 'submodule commit')} not scanned` : '';
    return `scanned ${count(stats.commits, 'commit')}, ${count(stats.blobs, 'blob')}, ${count(stats.artifacts, 'artifact')} in ${stats.ms} ms${excluded}${missing}${submodules}`;
}
const WOULD_LEAVE = 'a model trained on sensitive or unknown data, or such data, would leave';
function verdictHint(report) {
    if (report.stats.commits === 0 && report.stats.blobs === 0)
        return ' (nothing to scan: the range holds no commits)';
    if (report.verdict === 'block' && report.mode === 'warn')
        return ` (policy.mode: warn: reported, not enforced; ${WOULD_LEAVE})`;
    if (report.verdict === 'block')
        return ` (${WOULD_LEAVE})`;
    return '';
}

export { count as a, coverageLine as c, renderText as r, wantsColour as w };
