import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { S as ScanError } from './version.js';

// Argument parsing shared by every command: node's parseArgs, with usage errors as ScanErrors, and
// values typed from the options (a string option is `string | undefined`, no cast needed).
function parseCommandArgs(args, options) {
    try {
        const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
        return { values, positionals };
    }
    catch (error) {
        throw new ScanError(`${error.message} (see --help)`);
    }
}
/** The repository a command works in: `-C DIR` from where it runs, else where it runs. */
function repositoryDir(io, dir) {
    return resolve(io.cwd, dir ?? '.');
}

export { parseCommandArgs as p, repositoryDir as r };
