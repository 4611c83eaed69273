import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { S as ScanError, I as InternalError, E as EXIT } from './version.js';
import { G as GitRepository } from './git.js';
import { e as everyRef } from './revisions.js';
import { l as listLeavingObjects, b as blobsAtPaths } from './leaving.js';
import { bF as loadRegistryFor } from './index.js';
import { t as takeInventory, a as renderInventoryJson, r as renderCycloneDx } from './inventory2.js';
import { p as parseCommandArgs, r as repositoryDir, s as seeHelp } from './args.js';
import { S as SPECS } from './specs.js';
import 'node:child_process';
import 'node:os';
import 'node:crypto';
import './_commonjsHelpers.js';
import './scan2.js';
import 'node:zlib';
import 'node:util';

// The blobs of a tree: what a checkout of a commit holds (a snapshot, not a push range). `inventory`
// asks "which models are here now"; each blob is attributed, as a push of that history would
// attribute it, to the commit that introduced it at its path, so provenance reads what it reads for `scan`.
// Which blobs stand at which paths is blob-places.ts's rule, the one a push range follows.
/** Parses `git ls-tree -r -z`: `<mode> SP <type> SP <object> TAB <path>` per entry, NUL-terminated. */
function parseLsTree(output) {
    const entries = [];
    for (const record of output.split('\0')) {
        if (record === '')
            continue;
        const tab = record.indexOf('\t');
        const [mode, type, id] = record.slice(0, tab).split(' ');
        if (tab < 0 || !mode || !type || !id)
            throw new InternalError(`unexpected output from git ls-tree: ${JSON.stringify(record.slice(0, 80))}`);
        entries.push({ mode, id, path: record.slice(tab + 1) });
    }
    return entries;
}
/** The blobs `rev`'s tree holds, each at the commit of its history that introduced it at its path. */
async function listTreeBlobs(git, rev) {
    const commit = await git.revParse(`${rev}^{commit}`);
    if (!commit)
        throw new ScanError(`unknown revision "${rev}": no commit to take an inventory of`);
    const [listing, history] = await Promise.all([
        git.run(['ls-tree', '-r', '-z', '--full-tree', commit]),
        listLeavingObjects(git, [commit])
    ]);
    const introducedAt = new Map();
    for (const blob of history.blobs)
        for (const place of [blob, ...(blob.alsoAt ?? [])])
            introducedAt.set(`${blob.id}\0${place.path}`, place.commit);
    const { blobs, submodules } = blobsAtPaths(parseLsTree(listing.stdout), (id, path) => {
        return introducedAt.get(`${id}\0${path}`) ?? commit;
    });
    const here = new Set(blobs.map((blob) => blob.id));
    return { commits: [commit], blobs, missing: new Set([...history.missing].filter((id) => here.has(id))), submodules };
}

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
