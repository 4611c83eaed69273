import { readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { S as ScanError, E as EXIT } from './version.js';
import { e as exists } from './leaving.js';
import { G as GitRepository } from './git.js';
import { e as everyRef } from './revisions.js';
import { bC as DEFAULT_REGISTRY_FILE, bD as Registry, bA as parseRegistry } from './index.js';
import { i as isUrl, a as scan } from './scan2.js';
import { d as datasetText, o as oneLine } from './printable.js';
import { p as parseCommandArgs, r as repositoryDir } from './args.js';
import { S as SPECS } from './specs.js';
import 'node:child_process';
import 'node:os';
import 'node:zlib';
import 'node:util';

const DATA_NAME = /^(data|datasets?|raw|processed|interim|external|corpus|corpora)$/i;
/** Tool, environment and cache folders: never data of the project's own. */
const SKIPPED = new Set([
    '.git',
    '.dvc',
    'node_modules',
    '.venv',
    'venv',
    'env',
    '__pycache__',
    '.tox',
    '.cache',
    'dist'
]);
const MAX_DEPTH = 3;
const MAX_ENTRIES = 20_000;
/** Paths from the top, sorted: `data`, `data/ukbb`, `images` (from `images.dvc`). */
async function findDataFolders(top) {
    const found = new Set();
    let budget = MAX_ENTRIES;
    const visit = async (relative, depth) => {
        const entries = await readdir(join(top, relative), { withFileTypes: true }).catch(() => []);
        budget -= entries.length;
        for (const entry of entries) {
            const path = relative ? `${relative}/${entry.name}` : entry.name;
            if (entry.isFile() && entry.name.endsWith('.dvc') && entry.name !== '.dvc')
                found.add(path.slice(0, -'.dvc'.length));
            if (!entry.isDirectory() || SKIPPED.has(entry.name) || budget <= 0)
                continue;
            if (DATA_NAME.test(entry.name)) {
                found.add(path);
                const inside = await readdir(join(top, path), { withFileTypes: true }).catch(() => []);
                inside.filter((child) => child.isDirectory()).forEach((child) => found.add(`${path}/${child.name}`));
            }
            if (depth < MAX_DEPTH)
                await visit(path, depth + 1);
        }
    };
    await visit('', 1);
    return [...found].sort();
}

// What `init` proposes: a commented .model-registry.yml built from a scan with the built-in
// defaults (so every dataset name a source gives is unregistered) and the data folders found.
// Pure: findings and folders in, the file's text and what is still unknown out.
/** The placeholder label: the most sensitive default, so nothing passes before someone decides. */
const PLACEHOLDER_LABEL = 'restricted';
function proposeRegistry(input) {
    const datasets = new Map();
    const models = new Map();
    const unknown = [];
    for (const finding of input.findings) {
        const names = namesIn(finding, datasets);
        for (const path of [finding.path, ...finding.alsoAt.map((place) => place.path)]) {
            if (names.ids.length > 0)
                addModel(models, path, names.ids, names.sources);
        }
        unknown.push(...names.unreadable);
        if (names.ids.length === 0 && names.unreadable.length === 0)
            unknown.push(unknownTraining(finding));
    }
    const leftFolders = attachFolders([...datasets.values()], input.dataFolders);
    unknown.push(...leftFolders.map((folder) => `which dataset ${folder}/ holds: no model names it (add it to a dataset's paths)`));
    const byName = (key) => (a, b) => key(a).localeCompare(key(b));
    const proposed = {
        datasets: [...datasets.values()].sort(byName((d) => d.id)),
        models: [...models.values()].sort(byName((m) => m.path))
    };
    if (proposed.datasets.length > 0)
        unknown.unshift(`the real label of each dataset (all ${PLACEHOLDER_LABEL} until you set them)`);
    return {
        ...proposed,
        unknown: [...new Set(unknown)],
        text: registryText(proposed, input, unknownModels(input.findings, models))
    };
}
/** The dataset ids a finding's sources name (registering each), its sources, and the sources that could not be read. */
function namesIn(finding, datasets) {
    const ids = [];
    const sources = new Set();
    const unreadable = [];
    for (const dataset of finding.datasets) {
        if (dataset.status === 'unreadable') {
            unreadable.push(`${datasetText(dataset)}: ${dataset.problem} (it names the training data of ${finding.path})`);
            continue;
        }
        const name = dataset.status === 'registered' ? dataset.id : dataset.name;
        const entry = datasetFor(datasets, name, dataset.source);
        entry.namedBy.add(dataset.source);
        entry.models.add(finding.path);
        ids.push(entry.id);
        sources.add(dataset.source);
    }
    return { ids: [...new Set(ids)], sources, unreadable };
}
/** A DVC dependency is named by its path (`data/ukbb`): the dataset is its last segment, holding that path. */
function datasetFor(datasets, name, source) {
    const isPath = source === 'dvc' && name.includes('/') && !isUrl(name);
    const id = isPath ? name.replace(/\/+$/, '').slice(name.replace(/\/+$/, '').lastIndexOf('/') + 1) : name;
    let entry = datasets.get(id);
    if (!entry) {
        entry = { id, paths: [], namedBy: new Set(), models: new Set() };
        datasets.set(id, entry);
    }
    const path = name.replace(/\/+$/, '');
    if (isPath && !entry.paths.includes(path))
        entry.paths.push(path, `${path}/**`);
    return entry;
}
function addModel(models, path, ids, sources) {
    const model = models.get(path) ?? { path, trainedOn: [], sources: new Set() };
    model.trainedOn = [...new Set([...model.trainedOn, ...ids])];
    sources.forEach((source) => model.sources.add(source));
    models.set(path, model);
}
function unknownTraining(finding) {
    return `what ${finding.path} [${finding.format}, ${finding.kind}] was trained on: add a models: entry, a model card, a DVC stage or a Trained-on: trailer`;
}
/** Gives a dataset with no paths the folder of its name (`data/ukbb` for ukbb); returns the folders no dataset took. */
function attachFolders(datasets, folders) {
    const key = (text) => text.toLowerCase().replace(/[-_. ]/g, '');
    const taken = new Set(datasets.flatMap((d) => d.paths));
    for (const dataset of datasets.filter((d) => d.paths.length === 0)) {
        const folder = folders.find((f) => key(f.slice(f.lastIndexOf('/') + 1)) === key(dataset.id));
        if (folder)
            dataset.paths.push(folder, `${folder}/**`);
        if (folder)
            taken.add(folder);
    }
    // A folder that only holds other listed folders (data/ around data/ukbb) needs no decision of its own.
    const leaves = folders.filter((f) => !folders.some((other) => other.startsWith(`${f}/`)));
    return leaves.filter((folder) => !taken.has(folder));
}
function unknownModels(findings, models) {
    return [...new Set(findings.map((f) => f.path).filter((path) => !models.has(path)))];
}
const q = (text) => JSON.stringify(text);
function registryText(proposed, input, unattributed) {
    const lines = [
        `# .model-registry.yml proposed by \`model-leak-guard init\` from ${input.commits} commits (every ref's history).`,
        `# Review it before you commit it. Each dataset's label is ${PLACEHOLDER_LABEL} (it blocks) until you set the`,
        '# real one. Check it with `model-leak-guard validate-registry`; the format is in README.md.',
        'version: 1',
        'labels: # least to most sensitive; a model trained on a block: true label may not leave',
        '  - { name: public }',
        '  - { name: internal }',
        '  - { name: confidential, block: true }',
        '  - { name: restricted, block: true }',
        ...datasetLines(proposed.datasets),
        ...modelLines(proposed.models, unattributed),
        'policy:',
        '  unknown_provenance: block # a model whose training data nothing names may not leave',
        '  unregistered_dataset: block # nor one trained on a dataset this file does not list',
        ''
    ];
    return lines.map(oneLine).join('\n'); // a path or name with a newline must not write a registry line of its own
}
function datasetLines(datasets) {
    if (datasets.length === 0)
        return ['datasets: [] # no source names a dataset yet'];
    return [
        'datasets:',
        ...datasets.flatMap((d) => [
            `  # named by ${[...d.namedBy].join(', ')} for ${[...d.models].join(', ')}`,
            `  - id: ${q(d.id)}`,
            `    label: ${PLACEHOLDER_LABEL} # TODO the real label: public, internal, confidential or restricted`,
            ...(d.paths.length > 0 ? [`    paths: [${d.paths.map(q).join(', ')}]`] : [])
        ])
    ];
}
function modelLines(models, unattributed) {
    const known = models.map((m) => `  - { path: ${q(m.path)}, trained_on: [${m.trainedOn.map(q).join(', ')}] } # from ${[...m.sources].join(', ')}`);
    const unknown = unattributed.length
        ? [
            '  # Training data not known yet: add an entry for each (trained_on: dataset ids or parent model paths)',
            ...unattributed.map((path) => `  #   ${path}`)
        ]
        : [];
    return models.length > 0 ? ['models:', ...known, ...unknown] : ['models: []', ...unknown];
}

// `model-leak-guard init [--force] [--output FILE] [-C DIR]`: a registry that writes itself. Scans
// every ref's history with the built-in defaults, so every dataset name that model cards, DVC,
// embedded metadata and commit trailers give comes back unregistered; adds the data folders found;
// writes a commented .model-registry.yml proposal (checked by the registry loader first); prints
// what is still unknown. An existing registry is never overwritten without --force.
async function initCommand(args, io) {
    const { values } = parseCommandArgs(args, SPECS.init);
    const git = await GitRepository.open(repositoryDir(io, values.C));
    const top = await git.topLevel();
    const output = values.output;
    const target = output ? resolve(io.cwd, output) : resolve(top, DEFAULT_REGISTRY_FILE);
    if (!values.force && (await exists(target))) {
        throw new ScanError(`${target} exists: init never overwrites a registry (--force replaces it; --output FILE writes elsewhere)`);
    }
    const report = await scan({ repoDir: top, revisions: everyRef(), registry: Registry.defaults() });
    const proposal = proposeRegistry({
        findings: report.findings,
        dataFolders: await findDataFolders(top),
        commits: report.stats.commits
    });
    parseRegistry(proposal.text, target); // what init writes must load: a broken proposal is a bug, not a file to fix by hand
    await writeFile(target, proposal.text);
    io.stdout.write(summary(report.findings, proposal, target, report.stats.commits));
    return EXIT.pass;
}
function summary(findings, proposal, target, commits) {
    const models = [...new Map(findings.map((f) => [f.path, f])).values()];
    const lines = [
        `scanned ${commits} commits (every ref's history): ${models.length} model file(s)`,
        ...models.map((f) => `  ${f.path}  [${f.format}, ${f.kind}]`),
        `datasets named: ${proposal.datasets.map((d) => `${d.id} (${[...d.namedBy].join(', ')})`).join(', ') || 'none'}`,
        `wrote ${target}: ${proposal.datasets.length} dataset(s), ${proposal.models.length} models: entr${proposal.models.length === 1 ? 'y' : 'ies'}`,
        ...(proposal.unknown.length > 0 ? ['still unknown:', ...proposal.unknown.map((line) => `  - ${line}`)] : []),
        'next: edit the labels, then `model-leak-guard validate-registry` and `model-leak-guard scan --all`',
        ''
    ];
    return lines.map(oneLine).join('\n');
}

export { initCommand };
