import { resolve, posix } from 'node:path';
import { S as ScanError, E as EXIT } from './version.js';
import { a as scan, f as failsTheGate } from './scan2.js';
import { bF as loadRegistryFor } from './index.js';
import { G as GitRepository } from './git.js';
import { b as ruleId, a as renderSarif, r as renderJson, d as deepenUntilWhole } from './history.js';
import { a as excluding, e as everyRef, u as unpushed } from './revisions.js';
import { b as blobsAtPaths, l as listLeavingObjects, i as isZeroId } from './leaving.js';
import { s as snapshotIndex } from './working-tree.js';
import { writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { d as datasetText } from './printable.js';
import { c as coverageLine, r as renderText, w as wantsColour } from './text.js';
import { p as parseCommandArgs, r as repositoryDir } from './args.js';
import { S as SPECS } from './specs.js';
import 'node:zlib';
import 'node:child_process';
import 'node:os';
import 'node:util';

/** Blobs of the snapshot `commit` (whose tree is the index), marked staged; no commit of the history in the set. */
async function listStagedObjects(git, commit, paths) {
    const set = paths.length > 0 ? await atPaths(git, commit, paths) : await addedOverHead(git, commit);
    return { ...set, commits: [], blobs: set.blobs.map((blob) => ({ ...blob, staged: true })) };
}
/** What the snapshot adds over its parent (HEAD); everything on an unborn branch (`C^@` names no parent then). */
function addedOverHead(git, commit) {
    return listLeavingObjects(git, [commit, '--not', `${commit}^@`]);
}
/** The index's blobs at these paths; a blob the repository lacks is left to the reader, which reports it unknown. */
async function atPaths(git, commit, paths) {
    const { blobs, submodules } = blobsAtPaths(await git.indexEntries(paths), () => commit);
    return { commits: [commit], blobs, missing: new Set(), submodules };
}

// GitLab Code Quality (a subset of the Code Climate issue format): what a merge request's Code
// Quality widget shows, from `artifacts: reports: codequality:`. One issue per finding, at the
// artifact's path; the fingerprint is the path and the bytes, so GitLab tells new from unchanged.
const SEVERITY = { block: 'blocker', warn: 'minor', pass: 'info' };
function renderCodeQuality(report) {
    return JSON.stringify(report.findings.map(codeQualityIssue), null, 2) + '\n';
}
function codeQualityIssue(finding) {
    const where = finding.member ? `${finding.path} (archive member ${finding.member})` : finding.path;
    const datasets = finding.datasets.map(datasetText).join(', ') || 'none known';
    const fix = finding.fix.length > 0 ? ` Fix: ${finding.fix.join('; ')}.` : '';
    return {
        type: 'issue',
        check_name: ruleId(finding.kind),
        description: `${finding.verdict.toUpperCase()}: ${finding.format} ${finding.kind} at ${where}, trained on ${datasets}: ${finding.reasons.join('; ')}.${fix}`,
        categories: ['Security'],
        severity: SEVERITY[finding.verdict],
        fingerprint: createHash('sha256')
            .update(`${finding.path}\0${finding.blob}\0${finding.member ?? ''}`)
            .digest('hex'),
        location: { path: finding.path, lines: { begin: 1 } }
    };
}

// Writes a scan report where the user asked, in the format they asked: text for people, or one of
// the machine formats (JSON contract, SARIF for code scanning, GitLab Code Quality for merge requests).
const MACHINE_FORMATS = { json: renderJson, sarif: renderSarif, codequality: renderCodeQuality };
function parseFormat(value) {
    if (value === undefined || value === 'text')
        return 'text';
    if (Object.hasOwn(MACHINE_FORMATS, value))
        return value;
    throw new ScanError(`--format must be text, json, sarif or codequality, not "${value}"`);
}
function render(report, format) {
    return format === 'text' ? renderText(report, { colour: false }) : MACHINE_FORMATS[format](report);
}
async function writeReport(report, options, io) {
    if (options.output) {
        await writeFile(resolve(io.cwd, options.output), render(report, options.format)).catch((error) => {
            throw new ScanError(`${options.output}: cannot write the report: ${error.code ?? error.message}`);
        });
    }
    // A machine format without --output goes to stdout whole: a pipe gets exactly that.
    if (options.format !== 'text' && !options.output) {
        io.stdout.write(render(report, options.format));
        return;
    }
    // Quiet leaves out the findings of a passing scan, never the line that says what was scanned.
    if (options.quiet && report.verdict === 'pass') {
        io.stdout.write(coverageLine(report.stats) + '\n');
        return;
    }
    io.stdout.write(renderText(report, { colour: wantsColour(io.stdout, io.env) }));
}

// The range a GitLab CI pipeline scans, from the variables GitLab sets: a merge request brings in
// what its source has beyond the diff base (and beyond the target's tip, when GitLab names it); a
// branch pipeline, what the push added. Pure: variables in, revisions out.
function gitlabRange(env) {
    const mergeBase = env.CI_MERGE_REQUEST_DIFF_BASE_SHA;
    if (mergeBase) {
        // A merged results pipeline runs on a merge commit of the target: the source's own tip is what is new.
        const head = env.CI_MERGE_REQUEST_SOURCE_BRANCH_SHA || required(env, 'CI_COMMIT_SHA');
        const target = env.CI_MERGE_REQUEST_TARGET_BRANCH_SHA;
        return { head, base: mergeBase, exclude: target && target !== mergeBase ? [mergeBase, target] : [mergeBase] };
    }
    const before = env.CI_COMMIT_BEFORE_SHA;
    const head = required(env, 'CI_COMMIT_SHA');
    if (before && !isZeroId(before))
        return { head, base: before, exclude: [before] };
    throw new ScanError('scan --gitlab scans merge request pipelines (CI_MERGE_REQUEST_DIFF_BASE_SHA) and pushes to an existing branch ' +
        '(CI_COMMIT_BEFORE_SHA); this pipeline has neither: run it on merge requests, or give the range (scan BASE..HEAD)');
}
function required(env, name) {
    const value = env[name];
    if (!value)
        throw new ScanError(`scan --gitlab: ${name} is not set (is this a GitLab CI job?)`);
    return value;
}
/** The revisions `scan` takes for a range. */
function rangeRevisions(range) {
    return excluding(range.head, range.exclude);
}

// `model-leak-guard scan [REV...]`: scan what a push of these revisions would send; with --staged,
// what the next commit would add (the index), before it is committed; with --gitlab, what this
// GitLab pipeline's merge request (or push) brings in.
async function scanCommand(args, io) {
    // `scan HEAD --not --remotes` as git takes it: revision options stay in place among the revisions.
    const { values, positionals } = parseCommandArgs(args, SPECS.scan);
    const dir = repositoryDir(io, values.C);
    const format = parseFormat(values.format);
    const registry = await loadRegistryFor(dir, values.registry);
    const report = values.staged
        ? await scanStaged(dir, positionals, registry)
        : await scan({
            repoDir: dir,
            revisions: await revisionsToScan(dir, positionals, values, io.env),
            registry,
            runsIn: values.gitlab || io.env.CI ? 'ci' : 'cli' // in CI the commits are already pushed: advice says so
        });
    await writeReport(report, { format, output: values.output, quiet: Boolean(values.quiet) }, io);
    return failsTheGate(report) ? EXIT.blocked : EXIT.pass;
}
async function revisionsToScan(dir, positionals, values, env) {
    if (values.gitlab)
        return gitlabRevisions(dir, env);
    if (values.all)
        return everyRef(...positionals);
    return positionals.length > 0 ? positionals : await defaultRange(dir);
}
/** The GitLab pipeline's range, its history fetched into a shallow clone; an exclusion the clone lacks only widens the scan. */
async function gitlabRevisions(dir, env) {
    const range = gitlabRange(env);
    const git = await GitRepository.open(dir);
    await deepenUntilWhole(git, 'origin', range.base, range.head);
    const present = await Promise.all(range.exclude.map(async (id) => ((await git.hasCommit(id)) ? id : null)));
    return rangeRevisions({ ...range, exclude: present.filter((id) => id !== null) });
}
/** What the current branch would push; nothing when HEAD has no commit yet. */
async function defaultRange(dir) {
    const git = await GitRepository.open(dir);
    return (await git.revParse('HEAD')) ? unpushed() : [];
}
/**
 * The index as a commit in a scratch view (the repository is not written to): what it adds over
 * HEAD, or the index's blobs at `paths` (relative to `dir`) when given.
 */
async function scanStaged(dir, paths, registry) {
    const git = await GitRepository.open(dir);
    const fromTop = paths.length > 0 ? await pathsFromTop(git, paths) : [];
    const snapshot = await snapshotIndex(git);
    try {
        const objects = () => listStagedObjects(snapshot.git, snapshot.commit, fromTop);
        return await scan({ repoDir: dir, revisions: [], registry, git: snapshot.git, objects });
    }
    finally {
        await snapshot.git.close();
    }
}
/** Paths as given from `dir`, as paths from the top of the working tree. */
async function pathsFromTop(git, paths) {
    const prefix = await git.prefix();
    return paths.map((path) => posix.normalize(posix.join(prefix, path)));
}

export { scanCommand };
