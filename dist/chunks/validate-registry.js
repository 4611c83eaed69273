import { relative, resolve } from 'node:path';
import { E as EXIT } from './version.js';
import { bE as defaultRegistryPath, bF as loadRegistryFor } from './index.js';
import { p as parseCommandArgs } from './args.js';
import { S as SPECS } from './specs.js';
import './leaving.js';
import 'node:fs/promises';
import 'node:util';

// `model-leak-guard validate-registry [FILE]`: prints `ok` or every error at once, each with
// FILE:LINE:COL and, when a known key or name is close, what was probably meant. Without FILE, the
// registry at the top of the working tree, from any folder in it (as scan finds it); the baseline
// beside it is checked too.
async function validateRegistryCommand(args, io) {
    const { positionals } = parseCommandArgs(args, SPECS['validate-registry']);
    const file = positionals[0] ?? (relative(io.cwd, await defaultRegistryPath(io.cwd)) || resolve(io.cwd));
    await loadRegistryFor(io.cwd, file);
    io.stdout.write('ok\n');
    return EXIT.pass;
}

export { validateRegistryCommand };
