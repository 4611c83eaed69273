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

// Text a pushed file chooses (paths, dataset names from model cards, notes) is printed on lines a
// reader or a CI runner trusts: a newline in it would start a line of the pusher's choosing (a
// forged `verdict: pass`, a `::stop-commands::` workflow command, a YAML key in init's proposal).
/** Control characters, line and paragraph separators and bidi overrides ("Trojan Source"). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** `text` on one line: every character that could break or disguise a line escaped, nothing else. */
function oneLine(text) {
    return text.replace(UNSAFE, (char) => SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
const SHORT = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/** A path as one line of text: control characters and quotes escaped, nothing else. */
function printablePath(path) {
    return oneLine(JSON.stringify(path).slice(1, -1));
}

export { datasetName as a, datasetLabel as b, datasetText as d, oneLine as o, printablePath as p };
