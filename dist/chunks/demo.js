import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { E as EXIT } from './version.js';
import { u as unpushed } from './revisions.js';
import { bF as loadRegistryFor } from './index.js';
import { r as renderText, w as wantsColour } from './text.js';
import { a as scan } from './scan2.js';
import { p as parseCommandArgs } from './args.js';
import { tmpdir } from 'node:os';
import { G as GitRepository } from './git.js';
import { S as SPECS } from './specs.js';
import './leaving.js';
import 'node:fs/promises';
import './printable.js';
import 'node:zlib';
import 'node:util';
import 'node:child_process';

// Builds the throwaway repository that `npm start` scans: a registry with a restricted and a
// public dataset, a model trained on each, and a k-NN index of patient embeddings.
const DEMO_REGISTRY = `version: 1
labels:
  - { name: public }
  - { name: internal }
  - { name: confidential, block: true }
  - { name: restricted, block: true }
datasets:
  - { id: ukbb, label: restricted, aliases: [uk-biobank], paths: ["data/ukbb/**"] }
  - { id: cifar10, label: public }
models:
  - { path: "models/risk/**", trained_on: [ukbb] }
  - { path: "models/vision/**", trained_on: [cifar10] }
  - { path: "indexes/**", trained_on: [ukbb] }
policy:
  unknown_provenance: block
`;
/** A spec-exact safetensors file: u64 header length, JSON header space-padded to 8 bytes, tensor bytes. */
function safetensorsBytes(metadata, values) {
    const data = Buffer.from(new Float32Array(values).buffer);
    const json = Buffer.from(JSON.stringify({
        __metadata__: metadata,
        weight: { dtype: 'F32', shape: [values.length], data_offsets: [0, data.length] }
    }));
    const header = Buffer.concat([json, Buffer.alloc((8 - (json.length % 8)) % 8, ' ')]);
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(header.length));
    return Buffer.concat([length, header, data]);
}
/** A FAISS IndexFlatL2 as faiss.write_index writes it: fourcc, header, then every vector verbatim. */
function faissFlatBytes(vectors) {
    const dimension = vectors[0].length;
    const header = Buffer.alloc(4 + 4 + 8 + 8 + 8 + 1 + 4);
    header.write('IxF2', 0, 'latin1');
    header.writeInt32LE(dimension, 4);
    header.writeBigInt64LE(BigInt(vectors.length), 8);
    header.writeBigInt64LE(1n << 20n, 16);
    header.writeBigInt64LE(1n << 20n, 24);
    header.writeUInt8(1, 32);
    header.writeInt32LE(1, 33); // METRIC_L2
    const count = Buffer.alloc(8);
    count.writeBigUInt64LE(BigInt(vectors.length * dimension));
    return Buffer.concat([header, count, Buffer.from(new Float32Array(vectors.flat()).buffer)]);
}
const DEMO_IDENTITY = {
    GIT_AUTHOR_NAME: 'Demo',
    GIT_AUTHOR_EMAIL: 'demo@example.invalid',
    GIT_COMMITTER_NAME: 'Demo',
    GIT_COMMITTER_EMAIL: 'demo@example.invalid'
};
function write(root, path, content) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
}
/** Returns the path of a clone whose branch has unpushed commits adding the three artifacts. */
async function buildDemoRepository() {
    const root = mkdtempSync(join(tmpdir(), 'model-leak-guard-demo-'));
    const remote = join(root, 'origin.git');
    const work = join(root, 'work');
    await GitRepository.init(remote, { bare: true });
    const git = await GitRepository.init(work, { branch: 'main' });
    write(work, '.model-registry.yml', DEMO_REGISTRY);
    write(work, 'README.md', '# demo project\n');
    await git.commitAll('Add the model registry', DEMO_IDENTITY);
    await git.addRemote('origin', remote);
    await git.push('origin', 'main');
    write(work, 'models/risk/model.safetensors', safetensorsBytes({ format: 'pt' }, [0.1, 0.2, 0.3, 0.4]));
    write(work, 'models/vision/model.safetensors', safetensorsBytes({ format: 'pt' }, [1, 2, 3, 4]));
    write(work, 'indexes/patients.faiss', faissFlatBytes([
        [0.5, 1.5, 2.5, 3.5],
        [4.5, 5.5, 6.5, 7.5]
    ]));
    writeProvenance(work);
    await git.commitAll('Add trained models and the patient embedding index', DEMO_IDENTITY);
    return work;
}
/**
 * What a real project says about its models besides the registry (what `init` finds): a model card
 * naming the vision model's dataset, and the DVC stage that trained the risk model on data/ukbb,
 * whose data DVC keeps out of git.
 */
function writeProvenance(work) {
    write(work, 'models/vision/README.md', '---\ndatasets:\n  - cifar10\n---\n# Vision model\n');
    write(work, 'dvc.yaml', 'stages:\n  train_risk:\n    cmd: python train.py data/ukbb models/risk/model.safetensors\n    deps:\n      - train.py\n      - data/ukbb\n    outs:\n      - models/risk/model.safetensors\n');
    write(work, 'train.py', '# trains the risk model\n');
    write(work, '.gitignore', '/data/ukbb\n');
    write(work, 'data/ukbb/participants.csv', 'id,age\n1,54\n');
}

// `npm start` (`model-leak-guard demo [--keep]`): builds a throwaway repository and scans what its
// branch would push. The repository is removed afterwards, so its path is shown only with --keep.
async function demoCommand(args, io) {
    const keep = Boolean(parseCommandArgs(args, SPECS.demo).values.keep);
    const work = await buildDemoRepository();
    try {
        io.stdout.write('Demo: a repository whose branch adds two models and a k-NN index.\n');
        io.stdout.write('$ model-leak-guard scan            # what `git push` would send: HEAD --not --remotes\n\n');
        const report = await scan({
            repoDir: work,
            revisions: unpushed(),
            registry: await loadRegistryFor(work)
        });
        io.stdout.write(renderText(report, { colour: wantsColour(io.stdout, io.env) }));
        io.stdout.write(`\n${outcome(report.verdict === 'block')}\n${nextSteps(io, keep ? work : null)}`);
        // The demo itself succeeds when it shows the block (npm start exits 0); anything else is its failure.
        return report.verdict === 'block' ? EXIT.pass : EXIT.error;
    }
    finally {
        if (!keep)
            rmSync(dirname(work), { recursive: true, force: true });
    }
}
function outcome(blocked) {
    return blocked
        ? 'The push would be BLOCKED: `model-leak-guard scan` exits 1 here, and the pre-push hook stops `git push`.'
        : 'The demo expected a blocked push and did not get one: please report it.';
}
/** How to go on: the demo repository when kept, and the command that runs this very CLI. */
function nextSteps(io, kept) {
    const self = io.program ? `node ${relative(io.cwd, io.program) || io.program}` : 'model-leak-guard';
    const lines = kept
        ? [`The demo repository is kept at ${kept}: try \`${self} explain indexes/patients.faiss -C ${kept}\`.`]
        : ['(The demo repository was removed; `demo --keep` keeps it to look around.)'];
    lines.push(`Run it on your own repository:  ${self} scan -C /path/to/repo   (install routes: docs/install.md)`);
    return lines.join('\n') + '\n';
}

export { demoCommand };
