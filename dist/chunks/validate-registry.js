import { resolve } from 'node:path';
import { E as EXIT } from './version.js';
import { bz as DEFAULT_REGISTRY_FILE, bB as loadRegistryFile } from './index.js';
import { p as parseCommandArgs } from './args.js';
import './files.js';
import 'node:fs/promises';
import 'node:util';

// `model-leak-guard validate-registry [FILE]`: prints `ok` or every error with FILE:LINE:COL.
async function validateRegistryCommand(args, io) {
    const { positionals } = parseCommandArgs(args, {});
    const file = positionals[0] ?? DEFAULT_REGISTRY_FILE;
    await loadRegistryFile(resolve(io.cwd, file), file);
    io.stdout.write('ok\n');
    return EXIT.pass;
}

export { validateRegistryCommand };
