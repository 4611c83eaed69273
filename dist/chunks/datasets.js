/** The dataset's id, the unknown name as written, or the unreadable file (with its line). */
function datasetName(dataset) {
    if (dataset.status === 'registered')
        return dataset.id;
    if (dataset.status === 'unregistered')
        return dataset.name;
    return `unreadable ${dataset.line ? `${dataset.file}:${dataset.line}` : dataset.file}`;
}
/** The label, `unregistered`, or `unknown` for an unreadable source. */
function datasetLabel(dataset) {
    if (dataset.status === 'registered')
        return dataset.label;
    return dataset.status === 'unregistered' ? 'unregistered' : 'unknown';
}
/** `ukbb (restricted)`, `foo (unregistered)`, `unreadable README.md:3 (unknown)`. */
function datasetText(dataset) {
    return `${datasetName(dataset)} (${datasetLabel(dataset)})`;
}

export { datasetName as a, datasetLabel as b, datasetText as d };
