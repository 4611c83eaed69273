import { parseArgs } from 'node:util';
import { S as ScanError } from './version.js';

// Argument parsing shared by every command: node's parseArgs, with usage errors as ScanErrors.
function parseCommandArgs(args, options) {
    try {
        const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
        return { values, positionals };
    }
    catch (error) {
        throw new ScanError(`${error.message} (see --help)`);
    }
}

export { parseCommandArgs as p };
