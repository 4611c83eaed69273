function renderJson(report) {
    const findings = report.findings.map(({ fix, detail, ...contract }) => ({ ...contract, fix, detail }));
    return JSON.stringify({ ...report, findings }, null, 2) + '\n';
}

export { renderJson as r };
