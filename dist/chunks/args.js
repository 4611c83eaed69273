import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { S as ScanError } from './version.js';
import { g as isRevisionOption, n as nearest } from './leaving.js';

// Argument parsing shared by every command: node's parseArgs over the command's spec (specs.ts),
// the same spec its --help is written from, with values typed from the spec's options (a string
// option is `string | undefined`, no cast needed). A usage error names what was wrong (an unknown
// option with the options the command takes and the nearest one) and points at the command's --help.
/** Marks a revision option so the parser takes it as an operand; the mark is dropped after. */
const REVISION = '\0';
function parseCommandArgs(args, spec) {
    const marked = spec.revisions ? args.map((arg) => (isRevisionOption(arg) ? `${REVISION}${arg}` : arg)) : args;
    let parsed;
    try {
        parsed = parseArgs({ args: marked, options: parserOptions(spec), allowPositionals: true, strict: true });
    }
    catch (error) {
        throw usageError(spec, error);
    }
    const positionals = parsed.positionals.map((arg) => (arg.startsWith(REVISION) ? arg.slice(1) : arg));
    if (spec.operands.length === 0 && positionals.length > 0)
        throw new ScanError(`${spec.name}: unexpected argument "${positionals[0]}": it takes only options ${seeHelp(spec)}`);
    // parseArgs gives each option the type its spec declares (no `multiple` options here).
    return { values: parsed.values, positionals };
}
/** The repository a command works in: `-C DIR` from where it runs, else where it runs. */
function repositoryDir(io, dir) {
    return resolve(io.cwd, dir ?? '.');
}
/** The options as parseArgs takes them. */
function parserOptions(spec) {
    return Object.fromEntries(Object.entries(spec.options).map(([name, { type, short }]) => [name, short ? { type, short } : { type }]));
}
/** How each option is written on the command line: `--registry`, `-C`. */
function optionFlags(spec) {
    return Object.keys(spec.options).map((name) => (name.length === 1 ? `-${name}` : `--${name}`));
}
function usageError(spec, error) {
    if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
        return new ScanError(`${spec.name}: ${error.message} ${seeHelp(spec)}`);
    const flag = /'([^']+)'/.exec(error.message)?.[1] ?? error.message;
    const flags = optionFlags(spec);
    const near = nearest(flag, flags);
    const takes = flags.length > 0 ? `${spec.name} takes ${flags.join(', ')}` : `${spec.name} takes no options`;
    return new ScanError(`${spec.name}: unknown option ${flag}${near ? ` (did you mean ${near}?)` : ''}; ${takes} ${seeHelp(spec)}`);
}
function seeHelp(spec) {
    return `(see model-leak-guard ${spec.name} --help)`;
}

export { parseCommandArgs as p, repositoryDir as r, seeHelp as s };
