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
        detail: alsoAt.length > 0 ? { ...finding.detail, alsoAt } : finding.detail
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

export { jsonDataset as j, renderJson as r };
