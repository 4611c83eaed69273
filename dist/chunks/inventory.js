import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { E as EXIT, S as ScanError } from './version.js';
import { G as GitRepository } from './git.js';
import { e as everyRef } from './revisions.js';
import { l as listTreeBlobs } from './tree.js';
import { bF as loadRegistryFor } from './index.js';
import { t as takeInventory, a as renderInventoryJson, r as renderCycloneDx } from './inventory2.js';
import { p as parseCommandArgs, r as repositoryDir, s as seeHelp } from './args.js';
import { S as SPECS } from './specs.js';
import './leaving.js';
import 'node:child_process';
import 'node:os';
import 'node:crypto';
import './_commonjsHelpers.js';
import './scan2.js';
import 'node:zlib';
import 'node:util';

// `model-leak-guard inventory`: every model in the repository with its datasets, labels, lineage
// and today's verdict, as a CycloneDX 1.6 ML-BOM or the inventory JSON. The same scan as `scan`,
// over what a commit holds (default HEAD) or over a history; a report, so it exits 0 whatever the verdicts.
async function inventoryCommand(args, io) {
    const { values, positionals } = parseCommandArgs(args, SPECS.inventory);
    const format = parseInventoryFormat(values.format);
    const dir = repositoryDir(io, values.C);
    const registry = await loadRegistryFor(dir, values.registry);
    const request = await inventoryRequest(dir, registry, {
        all: Boolean(values.all),
        at: values.at,
        revisions: positionals
    });
    const inventory = await takeInventory(request.scan, request.scope);
    const text = format === 'json' ? renderInventoryJson(inventory) : renderCycloneDx(inventory);
    const output = values.output;
    if (!output) {
        io.stdout.write(text);
        return EXIT.pass;
    }
    await writeFile(resolve(io.cwd, output), text).catch((error) => {
        throw new ScanError(`${output}: cannot write the inventory: ${error.code ?? error.message}`);
    });
    io.stdout.write(`${summaryLine(inventory)}: written to ${output}\n`);
    return EXIT.pass;
}
function parseInventoryFormat(value) {
    if (value === undefined || value === 'cyclonedx' || value === 'json')
        return value ?? 'cyclonedx';
    throw new ScanError(`--format must be cyclonedx or json, not "${value}"`);
}
/** The scan to run and how to describe it. */
async function inventoryRequest(dir, registry, options) {
    if (options.at !== undefined && (options.all || options.revisions.length > 0))
        throw new ScanError(`--at takes the place of REV... and --all: give one or the other ${seeHelp(SPECS.inventory)}`);
    if (options.all || options.revisions.length > 0) {
        const revisions = options.all ? everyRef(...options.revisions) : options.revisions;
        return { scan: { repoDir: dir, revisions, registry }, scope: { type: 'history', revisions } };
    }
    const revision = options.at ?? 'HEAD';
    const commit = await (await GitRepository.open(dir)).commitOf(revision);
    if (!commit && options.at !== undefined)
        throw new ScanError(`--at: unknown revision "${revision}"`);
    const scope = { type: 'snapshot', revision, commit };
    // A repository without commits holds nothing yet: the scan of no revisions is empty.
    if (!commit)
        return { scan: { repoDir: dir, revisions: [], registry }, scope };
    const objects = (git) => listTreeBlobs(git, commit);
    return { scan: { repoDir: dir, revisions: [], registry, objects }, scope };
}
function summaryLine(inventory) {
    const blocked = inventory.models.filter((model) => model.verdict === 'block').length;
    return `inventory: ${inventory.models.length} models (${blocked} blocked), ${inventory.datasets.length} datasets`;
}

export { inventoryCommand, parseInventoryFormat };
