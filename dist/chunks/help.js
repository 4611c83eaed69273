import { S as SPECS } from './specs.js';

// `--help` text, written from the command specs (specs.ts): the list of commands, and one
// command's usage, operands, options and example.
const WIDTH = 100;
const EXIT_CODES = '0 pass (warnings included), 1 blocked, 2 usage, registry or git error';
function usage() {
    const specs = Object.values(SPECS);
    return [
        'model-leak-guard: stop models trained on sensitive data from leaving a repository',
        '',
        'usage: model-leak-guard <command> [options]',
        ...table(specs.map((spec) => [spec.name, spec.summary])),
        '',
        'model-leak-guard <command> --help (or help <command>) prints its options and an example;',
        'model-leak-guard --version (-V) prints the version.',
        `exit codes: ${EXIT_CODES}`,
        ''
    ].join('\n');
}
function commandHelp(name) {
    const spec = SPECS[name];
    const options = Object.entries(spec.options).map(([key, option]) => [
        optionSyntax(key, option),
        option.help
    ]);
    return [
        `usage: model-leak-guard ${spec.usage}`,
        ...wrap(`${spec.summary[0].toUpperCase()}${spec.summary.slice(1)}.`, WIDTH),
        ...(spec.operands.length > 0 ? ['', ...table(spec.operands)] : []),
        '',
        'options:',
        ...table([...options, ['-h, --help', 'this help']]),
        '',
        spec.examples.length > 1 ? 'examples:' : 'example:',
        ...spec.examples.map((example) => `  ${example}`),
        '',
        `exit codes: ${spec.exits ?? EXIT_CODES}`,
        ''
    ].join('\n');
}
/** How an option is written: `--registry FILE`, `-C DIR`, `--all`. */
function optionSyntax(name, option) {
    const flag = name.length === 1 ? `-${name}` : `${option.short ? `-${option.short}, ` : ''}--${name}`;
    return option.type === 'string' ? `${flag} ${option.value ?? 'VALUE'}` : flag;
}
/** Two columns, the second wrapped under itself; a term too long for the first gets a line of its own. */
function table(rows) {
    const left = Math.min(24, Math.max(...rows.map(([term]) => term.length)));
    const indent = ' '.repeat(left + 4);
    return rows.flatMap(([term, text]) => {
        const own = term.length > left ? [`  ${term}`] : [];
        const lines = wrap(text, WIDTH - indent.length);
        return [
            ...own,
            ...lines.map((line, i) => (i === 0 && !own.length ? `  ${term.padEnd(left)}  ${line}` : `${indent}${line}`))
        ];
    });
}
function wrap(text, width) {
    const lines = [];
    let line = '';
    for (const word of text.split(' ')) {
        if (line && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        }
        else
            line = line ? `${line} ${word}` : word;
    }
    return [...lines, line];
}

export { commandHelp, optionSyntax, usage };
