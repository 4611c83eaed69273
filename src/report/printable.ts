// Text a pushed file chooses (paths, dataset names from model cards, notes) is printed on lines a
// reader or a CI runner trusts: a newline in it would start a line of the pusher's choosing (a
// forged `verdict: pass`, a `::stop-commands::` workflow command, a YAML key in init's proposal).

/** Control characters, line and paragraph separators and bidi overrides ("Trojan Source"). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** `text` on one line: every character that could break or disguise a line escaped, nothing else. */
export function oneLine(text: string): string {
  return text.replace(UNSAFE, (char) => SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** A path as one line of text: control characters and quotes escaped, nothing else. */
export function printablePath(path: string): string {
  return oneLine(JSON.stringify(path).slice(1, -1))
}
