import { M as MalformedInput } from './version.js';
import zlib from 'node:zlib';
import { bD as Registry, bB as VISIBILITIES, bL as minimatch, bM as parseYaml, bN as PrivacySchema } from './index.js';
import { posix, join, resolve, isAbsolute } from 'node:path';
import { h as hasNegativeSide, l as listLeavingObjects } from './leaving.js';
import { F as Fifo, G as GitRepository } from './git.js';
import { open } from 'node:fs/promises';

/** A path as a shell argument, quoted so any name survives copy and paste. */
function shellQuote(text) {
    return `'${text.replace(/'/g, `'\\''`)}'`;
}
function shortCommit(commit) {
    return commit.slice(0, 12);
}
/** One line per place the file leaves at; `staged`: a file only in the index, one command from never being committed. */
function removalAdvice(places, runsIn) {
    return places.map((place) => REMOVAL[runsIn](shellQuote(place.path), shortCommit(place.commit)));
}
/** The commands that take a file out of a commit not pushed yet, step by step (the pre-push hook's advice). */
function rewriteSteps(place) {
    const commit = shortCommit(place.commit);
    return [
        `  ${place.path} (added in ${commit}):`,
        `    if ${commit} is your last commit:  git rm --cached -- ${shellQuote(place.path)} && git commit --amend --no-edit`,
        `    if it is older:  git rebase -i ${commit}~1   (mark it "edit", git rm --cached it, git commit --amend, git rebase --continue)`
    ];
}
const REWRITE = (path, commit) => `git rm --cached -- ${path} and amend, or rebase to edit ${commit} (it leaves even if a later commit deletes it)`;
const REMOVAL = {
    staged: (path) => `take it out of the index: git rm --cached -- ${path}`,
    unreached: () => 'nothing was pushed: no ref you push reaches this object, yet the pack your client sent carries it (and the server would keep it); push with git itself, which sends only what the refs reach',
    'pre-push': (path, commit) => `drop it from the unpushed commits: ${REWRITE(path, commit)}`,
    'pre-receive': (path, commit) => `nothing was pushed: take it out of the commits you push (${REWRITE(path, commit)}), then push again`,
    ci: (path, commit) => `the commits are already pushed: rewrite this branch without it (${REWRITE(path, commit)}) and force-push, or remove it in a new commit (git rm --cached -- ${path}); if the repository is public, ask an admin to purge it from the history`,
    cli: (path, commit) => `if ${commit} is not pushed yet: ${REWRITE(path, commit)}; if it is: remove it in a new commit (git rm --cached -- ${path}) and, if the repository is public, ask an admin to purge it from the history`
};

// Exceptions a person made for one artifact, by its blob id: a waiver (until it expires) and the
// baseline (what the repository held when the gate was turned on). Both are read only from the
// trusted registry, so a push cannot except itself. Pure.
/** A waiver for these bytes (and, when it names one, this path), if the registry has one. */
function waiverFor(waivers, blob, places) {
    return waivers.find(({ blob: id, path: glob }) => {
        if (blob !== id)
            return false;
        return glob === undefined || places.some((p) => Registry.matchesAnyGlob(p.path, [glob]));
    });
}
/**
 * A waiver counts until the day before `expires`; from that day it blocks, so an exception lapses
 * loudly instead of silently turning into a pass or a warning.
 */
function applyWaiver(waiver, today, editableFile) {
    const who = `approved by ${waiver.approved_by}: ${waiver.reason}`;
    if (today >= waiver.expires)
        return {
            verdict: 'block',
            reason: `waiver expired on ${waiver.expires} (${who})`,
            fix: `renew the waiver (a later expires:) in ${editableFile}, or take the file out`
        };
    return { verdict: 'pass', reason: `waived until ${waiver.expires} (${who})` };
}
/** An artifact the baseline recorded passes: it was already here when the gate was turned on. */
function baselineException(baseline, blob) {
    const entry = baseline?.entry(blob);
    if (!baseline || !entry)
        return null;
    return {
        verdict: 'pass',
        reason: `in the baseline ${baseline.file} (recorded ${baseline.recorded}): already in the repository when the gate was turned on`
    };
}
/** Waivers whose bytes are in none of the findings: their model changed or is gone, or it is not in this scan. */
function staleWaivers(waivers, findings) {
    return waivers.flatMap((waiver, index) => findings.some((f) => f.blob === waiver.blob)
        ? []
        : [
            `stale waiver: waivers[${index}] (blob ${waiver.blob.slice(0, 12)}${waiver.path ? `, ${waiver.path}` : ''}, expires ${waiver.expires}) matches no artifact in this scan`
        ]);
}

// Where objects are going, matched against a label's `allowed_destinations` (remote URL globs and
// repository visibilities), and shown without the credentials a URL may carry. Pure.
const URL_GLOB = { dot: true, nocomment: true, nonegate: true, nocase: true };
/** `scheme://userinfo@`: the scheme and what stands before the host, which may hold a credential. */
const SCHEME_AND_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i;
/** `ssh://git@host` names a user, no secret; any other user info (or a token as the user) may be one. */
function namesNoSecret(scheme, userinfo) {
    return /^ssh:/i.test(scheme) && !userinfo.includes(':');
}
/** Drops credentials from a remote URL before it is printed: `https://***@host`, `?token=***`. */
function redactUrl(url) {
    return url
        .replace(SCHEME_AND_USERINFO, (_match, scheme, userinfo) => `${scheme}${namesNoSecret(scheme, userinfo) ? userinfo : '***'}@`)
        .replace(/([?&][^=&#]*=)[^&#]*/g, '$1***');
}
/**
 * A URL as globs are written against it: no credentials (an `https://user:token@` prefix, a token
 * as the user name), no query; `ssh://git@` and scp-like `git@host:` keep their user, which names
 * no secret.
 */
function comparableUrl(url) {
    return url
        .replace(SCHEME_AND_USERINFO, (match, scheme, userinfo) => namesNoSecret(scheme, userinfo) ? match : scheme)
        .replace(/[?#].*$/, '');
}
/** `https://github.com/acme/x (public)`, `a private repository`, `an unknown destination`. */
function describeDestination(destination) {
    const url = destination?.url === undefined ? undefined : redactUrl(destination.url);
    const visibility = destination?.visibility;
    if (url !== undefined)
        return visibility ? `${url} (${visibility})` : url;
    return visibility ? `a ${visibility} repository` : 'an unknown destination';
}
/** The first of `allowed` the destination matches: its visibility by name, or its URL (with or without `.git`) by glob. */
function allowedBy(allowed, destination) {
    if (destination === undefined)
        return null;
    const url = destination.url === undefined ? undefined : comparableUrl(destination.url);
    const urls = url === undefined ? [] : [url, url.replace(/\.git\/?$/i, '')];
    for (const entry of allowed) {
        if (VISIBILITIES.includes(entry)) {
            if (destination.visibility === entry)
                return entry;
        }
        else if (urls.some((candidate) => minimatch(candidate, comparableUrl(entry), URL_GLOB)))
            return entry;
    }
    return null;
}

/** Why each kind leaks, in the words a reason uses. */
const KIND_WHY = {
    weights: 'trained weights can memorize their training data',
    pickle: 'a pickled model may store training rows verbatim',
    'knn-index': 'a k-NN or vector index stores its training records verbatim',
    data: 'data is the records themselves',
    unknown: 'an artifact that could not be inspected may be any kind'
};
/** Kinds for which a differential-privacy claim says nothing: they hold records, or could. */
const DP_VOID = ['knn-index', 'data', 'unknown'];
function labelRule(dataset, relation, kind, privacy, context) {
    const { registry, destination } = context;
    const label = registry.label(dataset.label); // validated: every dataset's label is declared
    const subject = subjectOf(dataset, relation, registry.dataset(dataset.id)?.paths ?? []);
    if (!registry.blocksKind(label.name, kind))
        return {
            verdict: 'pass',
            reason: `${subject}${typeof label.block === 'boolean' ? '' : `; ${label.name} blocks only ${label.block.join(', ')}`}`
        };
    const allowed = allowedBy(label.allowed_destinations, destination);
    if (allowed !== null)
        return {
            verdict: 'pass',
            reason: `${subject}, which may go to ${describeDestination(destination)} (allowed_destinations: ${allowed})`
        };
    const dp = relation === 'holds' ? null : privacyOutcome(label, kind, privacy);
    if (dp?.passes)
        return { verdict: 'pass', reason: `${subject}, ${dp.text}` };
    const why = [kindWhy(label, kind), dp?.text, destinationWhyNot(label, context)].filter(Boolean).join('; ');
    return blockedRule(dataset, relation, `${subject}${why ? `: ${why}` : ''}`, context);
}
function subjectOf(dataset, relation, paths) {
    if (relation === 'holds')
        return `a file of ${dataset.id} (${dataset.label}) itself, under its paths (${paths.join(', ')})`;
    return `${relation === 'trained' ? 'trained on' : 'derived from'} ${dataset.id} (${dataset.label})`;
}
const TRAINED_FIX = 'a model trained on this data must not be shared: keep it in access-controlled storage, not in git';
const DERIVED_FIX = 'data derived from this dataset must not leave: keep it in access-controlled storage, not in git';
function blockedRule(dataset, relation, reason, context) {
    if (relation !== 'holds')
        return { verdict: 'block', reason, fix: relation === 'trained' ? TRAINED_FIX : DERIVED_FIX };
    const action = context.registry.policy.dataset_files;
    return {
        verdict: action === 'allow' ? 'pass' : action,
        reason: `${reason} (policy.dataset_files: ${action})`,
        fix: `${dataset.id} data must not leave: keep it in access-controlled storage (a DVC remote, a bucket), not in git`
    };
}
/** Named only when the label blocks some kinds: which it blocks and why this kind leaks. */
function kindWhy(label, kind) {
    if (typeof label.block === 'boolean')
        return '';
    const implied = label.block.includes(kind) ? '' : ` (and so ${kind} artifacts)`;
    return `${label.name} blocks ${label.block.join(', ')}${implied}, and ${KIND_WHY[kind]}`;
}
/** Whether a declared differential-privacy guarantee lifts the block, and the words for either outcome. */
function privacyOutcome(label, kind, privacy) {
    if (privacy.length === 0)
        return null;
    const claim = privacy.reduce((a, b) => (b.epsilon > a.epsilon ? b : a)); // the weakest guarantee declared
    const declared = `differential privacy (${claim.mechanism}, ε=${claim.epsilon}, δ=${claim.delta}, from ${claim.source})`;
    if (DP_VOID.includes(kind))
        return { passes: false, text: `its ${declared} does not count for ${kind}: ${KIND_WHY[kind]}` };
    if (label.dp_max_epsilon === undefined)
        return { passes: false, text: `${label.name} sets no dp_max_epsilon, so its ${declared} does not lift it` };
    if (claim.epsilon > label.dp_max_epsilon)
        return { passes: false, text: `its ${declared} is above ${label.name}'s dp_max_epsilon ${label.dp_max_epsilon}` };
    return {
        passes: true,
        text: `trained with ${declared}, within ${label.name}'s dp_max_epsilon ${label.dp_max_epsilon}`
    };
}
function destinationWhyNot(label, context) {
    if (label.allowed_destinations.length === 0)
        return '';
    const only = `${label.name} may go only to ${label.allowed_destinations.join(', ')}`;
    const destination = context.destination;
    if (destination?.url === undefined && destination?.visibility === undefined)
        return `${only}, and where this goes is not known here`;
    return `${only}, not to ${describeDestination(destination)}`;
}

const SEVERITY = { pass: 0, warn: 1, block: 2 };
/** How bad a verdict is: pass 0, warn 1, block 2. */
function severity(verdict) {
    return SEVERITY[verdict];
}
function worst(verdicts) {
    return verdicts.reduce((a, b) => (severity(b) > severity(a) ? b : a), 'pass');
}
/** Whether a report stops the push or fails the check: a block, unless the registry's policy.mode is warn. */
function failsTheGate(report) {
    return report.verdict === 'block' && report.mode === 'enforce';
}
function actionVerdict(action) {
    return action === 'allow' ? 'pass' : action;
}
function judge$1(artifact, evidence, context) {
    const trusted = new Set(context.registry.policy.trusted_sources);
    const privacy = evidence.privacy.filter((claim) => trusted.has(claim.source)); // a guarantee lifts only when trusted
    const rules = [
        ...evidence.datasets.map((dataset) => datasetRule(dataset, artifact, privacy, context)),
        ...evidence.holds.map((dataset) => labelRule(dataset, 'holds', 'data', [], context)),
        ...withoutProvenance(artifact, vouchedFor(evidence, trusted), context.registry)
    ];
    const verdict = worst(rules.map((r) => r.verdict));
    const deciding = rules.filter((r) => r.verdict === verdict);
    const judged = { verdict, reasons: deciding.map((r) => r.reason), fix: fixesOf(deciding) };
    return withException(judged, exceptionFor(artifact, context), artifact, context);
}
function datasetRule(dataset, artifact, privacy, context) {
    if (dataset.status === 'unreadable')
        return unreadableRule(dataset, artifact, context.registry);
    if (dataset.status === 'unregistered')
        return unregisteredRule(dataset, context.registry);
    return labelRule(dataset, artifact.kind === 'data' ? 'derived' : 'trained', artifact.kind, privacy, context);
}
/** The evidence `policy.trusted_sources` vouch for; the rest still counts, but only to make a verdict stricter. */
function vouchedFor(evidence, trusted) {
    const datasets = evidence.datasets.filter((dataset) => trusted.has(dataset.source));
    const untrusted = evidence.datasets.filter((dataset) => !trusted.has(dataset.source));
    return { ...evidence, datasets, untrusted };
}
/**
 * No dataset a trusted source names: data is judged as data (`policy.data_pickles`), anything else
 * as unknown provenance, saying which sources were not trusted to clear it.
 */
function withoutProvenance(artifact, evidence, registry) {
    if (evidence.datasets.length > 0 || evidence.holds.length > 0)
        return [];
    const { data_pickles: dataPickles, unknown_provenance: unknown } = registry.policy;
    if (artifact.kind === 'data')
        return [
            {
                verdict: actionVerdict(dataPickles),
                reason: `data, not a model: containers and arrays only, which may hold the records themselves (policy.data_pickles: ${dataPickles})`,
                fix: `if it holds records of a registered dataset, keep it out of git; if not, set policy.data_pickles: allow in ${registry.editableFile}`
            }
        ];
    return [
        {
            verdict: actionVerdict(unknown),
            reason: `unknown provenance: ${untrustedSaying(evidence.untrusted) ?? 'no source says what it was trained on'} (policy.unknown_provenance: ${unknown})`,
            // A blob no ref reaches has no path for a models[] entry to name.
            fix: artifact.blob.unreached
                ? undefined
                : `declare its training data in ${registry.editableFile} (models: - { path: "${artifact.blob.path}", trained_on: [...] })`
        }
    ];
}
/** `only model-card says what it was trained on, and policy.trusted_sources does not list it`. */
function untrustedSaying(untrusted) {
    if (untrusted.length === 0)
        return null;
    const sources = [...new Set(untrusted.map((dataset) => dataset.source))];
    const list = sources.join(' and ');
    return `only ${list} ${sources.length > 1 ? 'say' : 'says'} what it was trained on, and policy.trusted_sources does not list ${sources.length > 1 ? 'them' : 'it'}`;
}
/** A name no dataset matches: `policy.unregistered_dataset` decides. */
function unregisteredRule(dataset, registry) {
    return {
        verdict: actionVerdict(registry.policy.unregistered_dataset),
        reason: `trained on unregistered dataset "${dataset.name}" (policy.unregistered_dataset: ${registry.policy.unregistered_dataset})`,
        fix: `register "${dataset.name}" in ${registry.editableFile} under datasets: with its sensitivity label`
    };
}
/** A provenance file meant for this artifact that cannot be read: what it says is unknown, judged like an unregistered name. */
function unreadableRule(dataset, artifact, registry) {
    const file = dataset.line ? `${dataset.file}:${dataset.line}` : dataset.file;
    return {
        verdict: actionVerdict(registry.policy.unregistered_dataset),
        reason: `provenance file ${file} cannot be read, so what it says is unknown (policy.unregistered_dataset: ${registry.policy.unregistered_dataset})`,
        fix: `fix ${dataset.file} (model-leak-guard explain '${artifact.blob.path}' shows the line)`
    };
}
function fixesOf(rules) {
    return [...new Set(rules.flatMap((r) => (r.fix ? [r.fix] : [])))];
}
/** A waiver for these bytes decides first (valid: pass; expired: block); else the baseline may accept them. */
function exceptionFor(artifact, context) {
    const places = [{ path: artifact.blob.path, commit: artifact.blob.commit }, ...(artifact.blob.alsoAt ?? [])];
    const waiver = waiverFor(context.registry.waivers, artifact.blob.id, places);
    if (waiver)
        return applyWaiver(waiver, context.today, context.registry.editableFile);
    return baselineException(context.registry.baseline, artifact.blob.id);
}
/** An exception changes only a verdict that is not a pass; the rules it overrides stay in the reasons. */
function withException(judged, exception, artifact, context) {
    const decided = exception === null || judged.verdict === 'pass'
        ? judged
        : {
            verdict: exception.verdict,
            reasons: [exception.reason, ...judged.reasons.map((reason) => `without it: ${reason}`)],
            fix: exception.verdict === 'pass' ? [] : [...(exception.fix ? [exception.fix] : []), ...judged.fix]
        };
    if (decided.verdict === 'pass')
        return { ...decided, fix: [] };
    const places = [{ path: artifact.blob.path, commit: artifact.blob.commit }, ...(artifact.blob.alsoAt ?? [])];
    return {
        ...decided,
        fix: [...decided.fix, ...removalAdvice(places, removalContext(artifact, context.runsIn))]
    };
}
/** Where the blob is, for the advice: in the index only, in a pack with no ref reaching it, or in commits. */
function removalContext(artifact, runsIn) {
    if (artifact.blob.staged)
        return 'staged';
    return artifact.blob.unreached ? 'unreached' : runsIn;
}

// Bounds-checked little-endian reads: every reader returns null past the end instead of throwing.
function u8(buf, at) {
    return at >= 0 && at < buf.length ? buf[at] : null;
}
function u16(buf, at) {
    return at >= 0 && at + 2 <= buf.length ? buf.readUInt16LE(at) : null;
}
function u32(buf, at) {
    return at >= 0 && at + 4 <= buf.length ? buf.readUInt32LE(at) : null;
}
function i32(buf, at) {
    return at >= 0 && at + 4 <= buf.length ? buf.readInt32LE(at) : null;
}
/** u64 as a number; null past the end or above 2^53 (no real size or count is that big). */
function u64(buf, at) {
    if (at < 0 || at + 8 > buf.length)
        return null;
    const value = buf.readBigUInt64LE(at);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(value);
}
function f64(buf, at) {
    return at >= 0 && at + 8 <= buf.length ? buf.readDoubleLE(at) : null;
}
/** Unsigned little-endian integer of 1, 2, 4 or 8 bytes. */
function uint(buf, at, width) {
    if (width === 1)
        return u8(buf, at);
    if (width === 2)
        return u16(buf, at);
    if (width === 4)
        return u32(buf, at);
    return u64(buf, at);
}
/** The bytes at `at` are `magic` (a latin1 string or byte values). No allocation: it runs for every blob. */
function hasBytes(buf, at, magic) {
    if (at < 0 || at + magic.length > buf.length)
        return false;
    for (let i = 0; i < magic.length; i++) {
        const want = typeof magic === 'string' ? magic.charCodeAt(i) : magic[i];
        if (buf[at + i] !== (want & 0xff))
            return false;
    }
    return true;
}
/** True when the bytes are UTF-8 text without NULs or control characters other than whitespace. */
function looksLikeText(buf) {
    for (const byte of buf) {
        if (byte === 0 || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d))
            return false;
    }
    return !buf.toString('utf8').includes('\ufffd');
}
/** looksLikeText for the start of something longer: a UTF-8 sequence cut at the end is forgiven. */
function looksLikeTextPrefix(buf) {
    let end = buf.length;
    for (let back = 1; back <= 3 && end - back >= 0; back++) {
        const byte = buf[end - back];
        if (byte < 0x80)
            break;
        if (byte >= 0xc0) {
            const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
            if (back < length)
                end -= back;
            break;
        }
    }
    return looksLikeText(buf.subarray(0, end));
}
let crcTable;
/** CRC-32 (the zip/7z/RAR polynomial), for archive headers that carry one. Node's zlib.crc32 needs Node 20.15. */
function crc32(buf) {
    crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
        let c = n;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        return c >>> 0;
    });
    let c = 0xffffffff;
    for (const byte of buf)
        c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}

// Every bound on detection in one place: how much is read, decompressed, listed and walked.
// `index.ts` re-exports LIMITS; readers import it from here (index.ts imports them, so not from there).
const KiB = 1024;
const MiB = 1024 * KiB;
const LIMITS = {
    /** Bytes of every blob read before anything is decided. */
    headBytes: 64 * KiB,
    /** Most bytes read of an archive, a compressed blob or a format whose metadata sits late. */
    readCap: 64 * MiB,
    /**
     * Last bytes of a blob read besides its prefix (a zip's end record with the longest comment):
     * where a zip appended to other bytes, or the directory of a zip larger than the read cap, ends.
     * A directory or 7z header that does not fit is read again, up to `readCap`.
     */
    tailBytes: 64 * KiB + 22,
    /**
     * Largest git blob read to its end for its tail: git cannot seek into an object, so the whole of it
     * streams past. Above every forge's file limit (GitHub: 100 MiB). A larger blob whose prefix says
     * nothing and is not text or media is an unknown finding (its end could hold a zip).
     */
    tailScanMax: 128 * MiB,
    /** What each format reads when its head says it needs more than `headBytes`. */
    reads: {
        /** Pickles: globals can sit past the first 64 KiB. */
        pickle: 4 * MiB,
        /** Java and R object streams: the model's class names can sit past the first 64 KiB. */
        serialized: 4 * MiB,
        /** HDF5: the root group's attributes (more when the head points further). */
        hdf5: 4 * MiB,
        /** GGUF: general.* keys come first, the vocabulary later. */
        gguf: 8 * MiB,
        /** safetensors: the JSON header, whatever its declared length. */
        safetensorsHeader: 16 * MiB,
        /** ONNX: metadata_props follow the graph. */
        onnx: 16 * MiB,
        /** A small JSON or text member of an archive (Keras config, skops schema). */
        archiveMetadata: 256 * KiB,
        /** HDF5: read this far past where the head says the root attributes lie (their messages and heap). */
        hdf5Margin: 64 * KiB,
        /** TorchScript `_extra_files`: the first `files` of at most `maxSize` bytes each, `bytes` of each read. */
        torchExtraFiles: { files: 32, maxSize: 64 * KiB, bytes: 4 * KiB },
        /** XML (PMML, OpenVINO IR): the characters searched for the root element and what it holds. */
        xmlHead: 16 * KiB
    },
    /** A gzip or zlib stream's start decoded at once to decide how much to read: input taken, output allowed. */
    peek: { input: 4 * KiB, output: 8 * MiB },
    /** Archives inside archives: the blob's own archive is depth 1. */
    maxDepth: 2,
    /** Compression layers unwrapped in a row (gzip of xz of ...). */
    maxLayers: 3,
    /** Archive members examined, over all nesting levels. */
    maxMembers: 4096,
    /** Entries listed from one archive's directory or headers. */
    maxListed: 65_536,
    /** Member names one finding lists (members of an archive that could not be read); the rest are counted. */
    namesReported: 50,
    /** Bytes decompressed in total. */
    decompressBudget: 256 * MiB,
    /** The largest zstd window decoded (the reference decoder's default limit, 2^27): fzstd allocates it. */
    zstdWindow: 128 * MiB,
    /** A member whose declared size is this many times its packed size (and above bombMinBytes) is not opened. */
    bombRatio: 200,
    bombMinBytes: 4 * MiB,
    /** The pickle walker: a 4 MiB read of text opcodes (2+ bytes each, `I0\na`) fits in maxOps. */
    pickle: {
        maxOps: 2_000_000,
        /** Pickles in a row (`pickle.dump` once per record); bytes past the last one walked are never judged data. */
        maxPickles: 4096,
        maxStack: 100_000,
        maxMemo: 200_000,
        maxGlobals: 256,
        maxLine: 64 * KiB
    },
    /** Key-value pairs walked in a GGUF header. */
    ggufKeys: 100_000,
    /** Maps and arrays nested in a Flax msgpack checkpoint before it is not one. */
    flaxDepth: 64,
    /** Class descriptors listed from a Java serialization stream. */
    javaClasses: 256,
    /** The R object walk: nesting, items (vector elements, pairlist nodes) and class-shaped attributes looked at. */
    rObject: { maxDepth: 64, maxItems: 1_000_000, classCandidates: 4096 },
    /** Nodes walked in a skops schema.json. */
    skopsNodes: 10_000,
    /** Annoy has no header: the vector dimensions tried when looking for its node size. */
    annoyMaxDimension: 4096,
    /** Messages and continuation blocks followed in an HDF5 object header. */
    hdf5: { maxMessages: 4096, maxContinuations: 64 }
};

/**
 * Up to `length` bytes of the blob from `start`, from its prefix or its tail (cut where what was read
 * ends); null when the byte at `start` was not read.
 */
function heldBytes(blob, start, length) {
    if (length === 0)
        return Buffer.alloc(0);
    if (start >= 0 && start < blob.bytes.length)
        return blob.bytes.subarray(start, start + length);
    const tailStart = blob.size - (blob.tail?.length ?? 0);
    if (!blob.tail || start < tailStart || start >= blob.size)
        return null;
    return blob.tail.subarray(start - tailStart, start - tailStart + length);
}
/** Lower-cased extension of the last path segment, with the dot ('' if none). */
function extensionOf(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    return dot > 0 ? name.slice(dot).toLowerCase() : '';
}
function baseName(path) {
    return path.slice(path.lastIndexOf('/') + 1);
}
/** How a cut-short read is described: decompressed streams have no known size. */
function readShort(type, size, read) {
    const known = size < Number.MAX_SAFE_INTEGER ? `of ${size} bytes ` : '';
    return `${type} ${known}read only to ${read} bytes`;
}

// Annoy has no header: the file is an array of equal nodes, roots copied at the end. Without a magic
// it is only tried for `.ann` files, checking that some node size divides the file, that the leading
// item nodes have n_descendants = 1, and that the trailing root has n_descendants = the item count.
const LAYOUTS = [
    ['angular', 12],
    ['euclidean/dot/manhattan', 16]
]; // bytes before v[f]
/** Annoy is judged from the whole file (its roots sit at the end): a `.ann` wants all of it. */
function annoyWants(path, size) {
    return isAnnoyName(path) ? size : null;
}
function isAnnoyName(path) {
    return extensionOf(path) === '.ann';
}
function sniffAnnoy(blob) {
    if (!isAnnoyName(blob.path) || blob.bytes.length < blob.size || blob.size === 0)
        return null;
    for (const [metric, fixed] of LAYOUTS) {
        for (let f = 1; f <= LIMITS.annoyMaxDimension; f++) {
            const items = itemsIfNodeSize(blob.bytes, fixed + 4 * f);
            if (items !== null)
                return { format: 'annoy', kind: 'knn-index', detail: { dimension: f, records: items, metric } };
        }
    }
    return null;
}
function itemsIfNodeSize(bytes, node) {
    if (bytes.length % node !== 0 || bytes.length / node < 2)
        return null;
    const nodes = bytes.length / node;
    const items = i32(bytes, bytes.length - node);
    if (items === null || items < 1 || items >= nodes)
        return null;
    for (let i = 0; i < Math.min(items, 1000); i++)
        if (i32(bytes, i * node) !== 1)
            return null;
    return i32(bytes, items * node) === 1 ? null : items;
}

// Gradient-boosted trees, the models tabular (clinical, financial) data trains: XGBoost (JSON,
// UBJSON, the legacy binary of save_model / save_raw), LightGBM (text model; its binary dataset
// file is data), CatBoost (.cbm).
// XGBoost's legacy header (LearnerModelParam) is 136 bytes; the objective and booster names follow.
const LEGACY_PARAMS = 136;
const OBJECTIVE = /^(reg|binary|multi|rank|count|survival):[a-z_]+$/;
const BOOSTERS = new Set(['gbtree', 'gblinear', 'dart']);
function sniffXgboost(blob) {
    const legacy = legacyXgboost(blob.bytes, hasBytes(blob.bytes, 0, 'binf') ? 4 : 0);
    if (legacy)
        return { format: 'xgboost', kind: 'weights', detail: { encoding: 'binary', ...legacy } };
    if (blob.bytes[0] !== 0x7b)
        return null;
    const ubjson = [0x4c, 0x6c, 0x69, 0x55, 0x49].includes(blob.bytes[1]); // '{' then a UBJSON length marker
    const head = blob.bytes.toString('latin1', 0, Math.min(blob.bytes.length, LIMITS.headBytes));
    const key = (name) => head.includes(ubjson ? name : `"${name}"`);
    if (!key('learner') || !key('gradient_booster'))
        return null;
    const encoding = ubjson ? 'ubjson' : 'json';
    const model = ubjson
        ? key('tree_info') || key('weights')
        : /"model"\s*:\s*\{\s*"(gbtree_model_param|weights)"/.test(head);
    if (model)
        return { format: 'xgboost', kind: 'weights', detail: { encoding } };
    // A learner without a model is a training config (save_config), unless the model lies past the head.
    if (blob.bytes.length >= blob.size || head.length >= blob.size)
        return null;
    const reason = 'XGBoost learner whose model part lies past the bytes read: not inspected';
    return { format: 'xgboost', kind: 'unknown', detail: { encoding, reason } };
}
/** The objective and booster names after the legacy header, both strings XGBoost writes. */
function legacyXgboost(bytes, at) {
    const objective = lengthPrefixed(bytes, at + LEGACY_PARAMS);
    if (!objective || !OBJECTIVE.test(objective.text))
        return null;
    const booster = lengthPrefixed(bytes, objective.next);
    return booster && BOOSTERS.has(booster.text) ? { objective: objective.text, booster: booster.text } : null;
}
function lengthPrefixed(bytes, at) {
    const length = u64(bytes, at);
    if (length === null || length < 1 || length > 64 || at + 8 + length > bytes.length)
        return null;
    return { text: bytes.toString('latin1', at + 8, at + 8 + length), next: at + 8 + length };
}
const LIGHTGBM_DATASET = '______LightGBM_Binary_File_Token______\n';
/** LightGBM's text model (`tree`, `version=vN`, header keys, `Tree=N` blocks), or its binary dataset file. */
function sniffLightgbm(blob) {
    if (hasBytes(blob.bytes, 0, LIGHTGBM_DATASET))
        return { format: 'lightgbm-dataset', kind: 'data', detail: { part: 'Dataset.save_binary' } };
    if (!hasBytes(blob.bytes, 0, 'tree'))
        return null;
    const head = blob.bytes.toString('latin1', 0, Math.min(blob.bytes.length, LIMITS.headBytes));
    const version = /^tree\r?\nversion=(v\d+)\r?\n/.exec(head)?.[1];
    if (!version || !/\nnum_class=\d+\r?\n/.test(head) || !/\n(Tree=\d+|tree_sizes=)/.test(head))
        return null;
    const names = /\nfeature_names=([^\r\n]*)/.exec(head)?.[1];
    const detail = { version };
    if (names)
        detail.featureNames = names.split(' ').slice(0, 64);
    return { format: 'lightgbm', kind: 'weights', detail };
}
/** CatBoost `.cbm`: `CBM1`, the core's size (u32, or 0xFFFFFFFF then u64), which must fit the file. */
function sniffCatboost(blob) {
    if (!hasBytes(blob.bytes, 0, 'CBM1'))
        return null;
    const short = u32(blob.bytes, 4);
    const core = short === 0xffffffff ? u64(blob.bytes, 8) : short;
    const headerEnd = short === 0xffffffff ? 16 : 8;
    if (core === null || core < 8 || headerEnd + core > blob.size)
        return null;
    return { format: 'catboost', kind: 'weights', detail: { coreBytes: core } };
}

// A bounded protobuf wire-format walker (ONNX, Core ML, SavedModel): fields only, no schema.
function readVarint(buf, at) {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
        if (at + i >= buf.length)
            return null;
        const byte = buf[at + i];
        value += (byte & 0x7f) * scale;
        scale *= 128;
        if (byte < 0x80)
            return { value, next: at + i + 1 };
    }
    return null;
}
/**
 * Walks the fields in [start, end). Stops (returns what it has plus `error`) at a malformed field;
 * a length-delimited field running past the buffer ends the walk with `truncated`.
 */
function pbFields(buf, start, end, maxFields = 10_000) {
    const fields = [];
    let at = start;
    const limit = Math.min(end, buf.length);
    while (at < limit && fields.length < maxFields) {
        const field = readField(buf, at, end);
        if (!field)
            return { fields, error: `bad field at ${at}` };
        fields.push(field);
        if (field.end > buf.length)
            return { fields, truncated: true };
        at = field.end;
    }
    return { fields, truncated: end > buf.length };
}
function readField(buf, at, end) {
    const tag = readVarint(buf, at);
    if (!tag || tag.value < 8)
        return null;
    const num = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    if (wire === 0) {
        const v = readVarint(buf, tag.next);
        return v && v.next <= end ? { num, wire, value: v.value, start: tag.next, end: v.next } : null;
    }
    if (wire === 1 || wire === 5) {
        const width = wire === 1 ? 8 : 4;
        return tag.next + width <= end ? { num, wire, value: 0, start: tag.next, end: tag.next + width } : null;
    }
    if (wire !== 2)
        return null;
    const len = readVarint(buf, tag.next);
    if (!len || len.next + len.value > end)
        return null;
    return { num, wire, value: len.value, start: len.next, end: len.next + len.value };
}
/** The UTF-8 text of a length-delimited field, capped; '' when it lies past the buffer. */
function pbString(buf, field, max = 4096) {
    if (field.wire !== 2 || field.end > buf.length)
        return '';
    return buf.subarray(field.start, Math.min(field.end, field.start + max)).toString('utf8');
}
/** Decodes a map entry / key-value message {1: key, 2: value} of strings. */
function pbKeyValue(buf, field) {
    const { fields } = pbFields(buf, field.start, field.end, 8);
    const key = fields.find((f) => f.num === 1 && f.wire === 2);
    const value = fields.find((f) => f.num === 2 && f.wire === 2);
    return key ? [pbString(buf, key, 256), value ? pbString(buf, value) : ''] : null;
}

// TensorFlow SavedModel and checkpoints. The engine judges each blob alone (no directory view), so
// the parts are recognised one by one: `saved_model.pb` by its protobuf content (any name), and the
// TensorBundle that holds the variables of a SavedModel (`variables/variables.*`) and of every
// checkpoint (`tf.train.Checkpoint`, Keras ModelCheckpoint, TF1 Saver: `ckpt-N.index` beside
// `ckpt-N.data-00000-of-00001`): the `.index` by content under any name and path (a LevelDB-format
// table whose first entry, key "", is the bundle header), the data shards by name (raw tensor bytes).
const TABLE_MAGIC = [0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]; // 0xdb4775248b80fb57 LE
const DATA_SHARD = /\.data-\d{5}-of-\d{5}$/;
const IN_SAVEDMODEL = /(^|\/)variables\/variables\.(index|data-\d{5}-of-\d{5})$/;
/** Tensor names listed in the detail, from the first block of the index. */
const LISTED_TENSORS = 16;
function sniffSavedModel(blob) {
    const { bytes } = blob;
    if (bytes[0] !== 0x08 || bytes[1] > 2 || bytes[2] !== 0x12)
        return null;
    const top = pbFields(bytes, 0, blob.size, 64);
    if (top.error || !top.fields.every((f) => (f.num === 1 && f.wire === 0) || (f.num === 2 && f.wire === 2)))
        return null;
    const metaGraphs = top.fields.filter((f) => f.num === 2);
    const first = metaGraphs[0] ? metaGraphInfo(bytes, metaGraphs[0]) : null;
    if (!first)
        return null;
    return {
        format: 'savedmodel',
        kind: 'weights',
        detail: { part: 'saved_model.pb', metaGraphs: metaGraphs.length, ...first }
    };
}
/** MetaGraphDef: meta_info_def (1) with tags (4) / tensorflow_version (5), graph_def (2) with nodes. */
function metaGraphInfo(bytes, metaGraph) {
    const inner = pbFields(bytes, metaGraph.start, metaGraph.end, 1000);
    if (inner.error || !inner.fields.every((f) => f.num >= 1 && f.num <= 9 && f.wire === 2))
        return null;
    const info = inner.fields.find((f) => f.num === 1);
    const graph = inner.fields.find((f) => f.num === 2);
    const infoFields = info ? pbFields(bytes, info.start, info.end, 1000).fields : [];
    const tags = infoFields.filter((f) => f.num === 4 && f.wire === 2).map((f) => pbString(bytes, f, 64));
    const version = infoFields.find((f) => f.num === 5 && f.wire === 2);
    if (tags.length === 0 && !version && !(graph && hasNode(bytes, graph)))
        return null;
    const detail = { tags };
    if (version)
        detail.tensorflowVersion = pbString(bytes, version, 64);
    return detail;
}
/** GraphDef's first node (field 1) is a NodeDef with a name (1) and an op (2). */
function hasNode(bytes, graph) {
    const node = pbFields(bytes, graph.start, graph.end, 1).fields[0];
    if (!node || node.num !== 1 || node.wire !== 2)
        return false;
    const fields = pbFields(bytes, node.start, node.end, 16).fields;
    return fields.some((f) => f.num === 1 && f.wire === 2) && fields.some((f) => f.num === 2 && f.wire === 2);
}
/** A TensorBundle `.index` under any name: the bundle header first, the table magic last (when read whole). */
function sniffTensorBundle(blob) {
    const header = bundleHeader(blob.bytes);
    if (!header)
        return null;
    if (blob.bytes.length >= blob.size && !hasBytes(blob.bytes, blob.bytes.length - 8, TABLE_MAGIC))
        return null;
    const { format, detail } = bundlePart(blob.path, 'index');
    const tensors = entryNames(blob.bytes, header.end);
    return { format, kind: 'weights', detail: { ...detail, numShards: header.numShards, tensors } };
}
/** A data shard (`*.data-NNNNN-of-NNNNN`) is raw tensor bytes: known by its name only. */
function sniffTensorBundleShard(blob) {
    if (!DATA_SHARD.test(blob.path))
        return null;
    const { format, detail } = bundlePart(blob.path, 'data');
    return { format, kind: 'weights', detail: { ...detail, detectedBy: 'name' } };
}
/** A SavedModel's own variables keep the format `savedmodel`; any other bundle is a checkpoint. */
function bundlePart(path, part) {
    if (IN_SAVEDMODEL.test(path))
        return { format: 'savedmodel', detail: { part: `variables-${part}` } };
    return { format: 'tf-checkpoint', detail: { part } };
}
/**
 * The first entry of the first block: no shared key bytes, a key of length 0 (""), and a value
 * that is a BundleHeaderProto: num_shards (1) ≥ 1, endianness (2), version (3, a VersionDef).
 */
function bundleHeader(bytes) {
    if (bytes[0] !== 0 || bytes[1] !== 0)
        return null;
    const length = readVarint(bytes, 2);
    if (!length || length.value < 4 || length.value > 64)
        return null;
    const end = length.next + length.value;
    const { fields, error, truncated } = pbFields(bytes, length.next, end, 8);
    if (error || truncated || !fields.every((f) => f.wire === (f.num === 3 ? 2 : 0) && f.num <= 3))
        return null;
    const shards = fields.find((f) => f.num === 1);
    if (!shards || shards.value < 1 || !fields.some((f) => f.num === 3))
        return null;
    return { numShards: shards.value, end };
}
/** The tensor names that follow the header in the first block (prefix-compressed keys), a few. */
function entryNames(bytes, at) {
    const names = [];
    let key = '';
    while (names.length < LISTED_TENSORS) {
        const shared = readVarint(bytes, at);
        const unshared = shared && readVarint(bytes, shared.next);
        const valueLength = unshared && readVarint(bytes, unshared.next);
        if (!valueLength || shared.value > key.length || unshared.value === 0)
            break;
        const end = valueLength.next + unshared.value;
        if (end + valueLength.value > bytes.length)
            break;
        key = key.slice(0, shared.value) + bytes.toString('latin1', valueLength.next, end);
        if (!/^[\x20-\x7e]+$/.test(key))
            break;
        names.push(key);
        at = end + valueLength.value;
    }
    return names;
}

const UNAMBIGUOUS = {
    '.safetensors': 'safetensors',
    '.onnx': 'onnx',
    '.gguf': 'gguf',
    '.ggml': 'ggml',
    '.pkl': 'pickle',
    '.pickle': 'pickle',
    '.joblib': 'joblib',
    '.dill': 'pickle',
    '.ckpt': 'pytorch',
    '.pt': 'pytorch',
    '.ptl': 'torchscript',
    '.keras': 'keras',
    '.tflite': 'tflite',
    '.mlmodel': 'coreml',
    '.faiss': 'faiss',
    '.usearch': 'usearch',
    '.voy': 'voyager',
    '.pdparams': 'pickle',
    '.pdiparams': 'paddle',
    '.pdmodel': 'paddle',
    '.pte': 'executorch',
    '.trt': 'tensorrt',
    '.cbm': 'catboost',
    '.pmml': 'pmml',
    '.skops': 'skops',
    '.ubj': 'xgboost',
    '.caffemodel': 'caffe',
    '.rds': 'r-object',
    '.rdata': 'r-object',
    '.rda': 'r-object'
};
// Names shared with other files (a game engine, a terraform plan): a model's only when not text.
const BINARY_NAMES = {
    '.engine': 'tensorrt',
    '.plan': 'tensorrt',
    '.weights': 'darknet'
};
// Whole file names that are model names even though their extensions are not.
const UNAMBIGUOUS_FILES = {
    'saved_model.pb': 'savedmodel',
    'pytorch_model.bin': 'pytorch',
    'tf_model.h5': 'keras-h5',
    'index.faiss': 'faiss',
    'flax_model.msgpack': 'flax-msgpack'
};
const LFS_KINDS = {
    '.safetensors': 'weights',
    '.onnx': 'weights',
    '.gguf': 'weights',
    '.ggml': 'weights',
    '.ckpt': 'weights',
    '.pt': 'weights',
    '.pth': 'weights',
    '.bin': 'weights',
    '.ptl': 'weights',
    '.keras': 'weights',
    '.h5': 'weights',
    '.hdf5': 'weights',
    '.tflite': 'weights',
    '.mlmodel': 'weights',
    '.pb': 'weights',
    '.msgpack': 'weights',
    '.pkl': 'pickle',
    '.pickle': 'pickle',
    '.joblib': 'pickle',
    '.dill': 'pickle',
    '.pdparams': 'pickle',
    '.npy': 'pickle',
    '.npz': 'pickle',
    '.faiss': 'knn-index',
    '.index': 'knn-index',
    '.ann': 'knn-index',
    '.usearch': 'knn-index',
    '.voy': 'knn-index',
    '.pdiparams': 'weights',
    '.pdmodel': 'weights',
    '.pte': 'weights',
    '.trt': 'weights',
    '.engine': 'weights',
    '.plan': 'weights',
    '.cbm': 'weights',
    '.skops': 'weights',
    '.pmml': 'weights',
    '.ubj': 'weights',
    '.caffemodel': 'weights'
};
// Names nothing trains into: images, audio, video, PDF and plain text. JSON and XML are not here
// (XGBoost and PMML models are JSON and XML).
const OBVIOUSLY_NOT_MODELS = new Set(('.png .jpg .jpeg .gif .bmp .tif .tiff .webp .svg .ico .heic .psd ' +
    '.wav .mp3 .flac .ogg .oga .m4a .aac .opus .aiff ' +
    '.mp4 .mov .avi .mkv .webm .m4v .mpg .mpeg .wmv ' +
    '.pdf .txt .md .rst .csv .tsv .log').split(' '));
function obviouslyNotAModel(path) {
    return OBVIOUSLY_NOT_MODELS.has(extensionOf(path));
}
/** The kind a Git LFS pointer's target has, judged by its path; null when the name does not say. */
function lfsKindOf(path) {
    return LFS_KINDS[extensionOf(path)] ?? null;
}
/** Fail closed: a blob named like a model whose content no sniffer recognised; name-only formats by their name. */
function sniffByName(blob) {
    const shard = sniffTensorBundleShard(blob);
    if (shard)
        return shard;
    const extension = extensionOf(blob.path);
    const binaryName = blob.size > 0 && !looksLikeTextPrefix(blob.bytes.subarray(0, 4096)) ? BINARY_NAMES[extension] : undefined;
    const namedLike = UNAMBIGUOUS[extension] ?? UNAMBIGUOUS_FILES[baseName(blob.path).toLowerCase()] ?? binaryName;
    if (!namedLike)
        return null;
    const detail = { reason: 'named like a model but content not recognised', detectedBy: 'name', namedLike };
    return { format: 'unknown', kind: 'unknown', detail };
}

// LZ4 frames (`.lz4`, joblib's compress='lz4') and the legacy LZ4 format, decoded here. The npm
// decoders do not stop at a cap (lz4js decodes a bomb's whole output into a fixed buffer, loops
// on a cut frame) or need native code; the format is small, so this bounded reader is ours.
const FRAME = 0x184d2204;
const LEGACY = 0x184c2102;
const LEGACY_BLOCK = 8 * 1024 * 1024;
class Cut extends Error {
}
class Full extends Error {
}
/** Output that grows as needed and refuses bytes past `limit`. */
class Output {
    limit;
    buf = Buffer.alloc(64 * 1024);
    length = 0;
    constructor(limit) {
        this.limit = limit;
    }
    /** Grows the buffer for `n` more bytes, up to the limit; how many fit. */
    room(n) {
        const fit = Math.min(n, this.limit - this.length);
        if (this.length + fit > this.buf.length) {
            const grown = Buffer.alloc(Math.min(this.limit, Math.max(this.buf.length * 2, this.length + fit)));
            this.buf.copy(grown, 0, 0, this.length);
            this.buf = grown;
        }
        return fit;
    }
    literals(src, at, n) {
        if (at + n > src.length)
            throw new Cut();
        const fit = this.room(n);
        src.copy(this.buf, this.length, at, at + fit);
        this.length += fit;
        if (fit < n)
            throw new Full();
    }
    match(offset, n) {
        if (offset === 0 || offset > this.length)
            throw new Error(`lz4: match offset ${offset} out of range`);
        const fit = this.room(n);
        for (let i = 0; i < fit; i++, this.length++)
            this.buf[this.length] = this.buf[this.length - offset];
        if (fit < n)
            throw new Full();
    }
}
function isLz4(head) {
    const magic = u32(head, 0);
    return (magic === FRAME && (head[4] & 0xc0) === 0x40) || magic === LEGACY;
}
function unpackLz4(input, limit) {
    const out = new Output(limit);
    try {
        let at = 0;
        while (at < input.length)
            at = u32(input, at) === LEGACY ? legacy(input, at + 4, out) : frame(input, at, out);
        return { data: out.buf.subarray(0, out.length), complete: true };
    }
    catch (error) {
        const data = out.buf.subarray(0, out.length);
        if (error instanceof Full || error instanceof Cut)
            return { data, complete: false };
        return { data, complete: false, error: error.message };
    }
}
/** One frame: descriptor, blocks until the end mark, optional checksums; returns where the next frame starts. */
function frame(src, at, out) {
    if (u32(src, at) !== FRAME)
        throw new Error(`lz4: not a frame at ${at}`);
    const flags = src[at + 4];
    if ((flags & 0xc0) !== 0x40)
        throw new Error('lz4: unknown frame version');
    let pos = at + 7 + (flags & 0x08 ? 8 : 0) + (flags & 0x01 ? 4 : 0);
    for (;;) {
        const size = u32(src, pos);
        if (size === null)
            throw new Cut();
        pos += 4;
        if (size === 0)
            break;
        const length = size & 0x7fffffff;
        if (pos + length > src.length)
            throw new Cut();
        if (size & 0x80000000)
            out.literals(src, pos, length);
        else
            block(src, pos, pos + length, out);
        pos += length + (flags & 0x10 ? 4 : 0);
    }
    return pos + (flags & 0x04 ? 4 : 0);
}
function legacy(src, at, out) {
    let pos = at;
    while (pos < src.length && u32(src, pos) !== LEGACY && u32(src, pos) !== FRAME) {
        const length = u32(src, pos);
        if (length === null || length > LEGACY_BLOCK * 2)
            throw length === null ? new Cut() : new Error('lz4: bad block');
        if (pos + 4 + length > src.length)
            throw new Cut();
        block(src, pos + 4, pos + 4 + length, out);
        pos += 4 + length;
    }
    return pos;
}
/** A block of sequences: literals, then a match (offset, length) copied from what was written. */
function block(src, start, end, out) {
    let pos = start;
    while (pos < end) {
        const token = src[pos++];
        let literals = token >> 4;
        if (literals === 15)
            ({ value: literals, pos } = extend(src, pos, end, literals));
        if (pos + literals > end)
            throw new Error('lz4: literals run past the block');
        out.literals(src, pos, literals);
        pos += literals;
        if (pos >= end)
            return;
        const offset = src[pos] | (src[pos + 1] << 8);
        pos += 2;
        let length = token & 15;
        if (length === 15)
            ({ value: length, pos } = extend(src, pos, end, length));
        out.match(offset, length + 4);
    }
}
function extend(src, pos, end, value) {
    for (;;) {
        if (pos >= end)
            throw new Error('lz4: length runs past the block');
        const byte = src[pos++];
        value += byte;
        if (byte !== 255)
            return { value, pos };
    }
}

// Single-stream compression (gzip, zlib, bzip2, xz, raw deflate for zip members; LZMA-alone is recognised, not read).
// Every decoder is streamed and stops at a byte cap, so a bomb costs at most `limit` bytes.
/** Thrown for a stream no bundled decoder reads: detection reports the blob as an unknown artifact. */
class DecoderMissing extends Error {
}
// The decoders load on first use: most scans meet no xz or bzip2 blob, and every push pays for start-up.
async function loadXzReadableStream() {
    // xz-decompress is CommonJS whose exports Node's ESM loader cannot name: take them off the module object.
    const loaded = (await import('./xz-decompress.js').then(function (n) { return n.x; }));
    return loaded.default.XzReadableStream;
}
/** Which compression wraps these bytes, from its header; null for none. */
function packingOf(head) {
    if (hasBytes(head, 0, [0x1f, 0x8b, 0x08]) && (head[3] & 0xe0) === 0)
        return 'gzip';
    if (isBzip2(head))
        return 'bzip2';
    if (u32(head, 0) === ZSTD_MAGIC)
        return 'zstd';
    if (isLz4(head))
        return 'lz4';
    if (hasBytes(head, 0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))
        return 'xz';
    if (isLzmaAlone(head))
        return 'lzma';
    if (isZlib(head))
        return 'zlib';
    return null;
}
/** The zlib headers zlib itself writes (32K window, levels 1, 2-5, 6, 7-9). */
const ZLIB_WRITTEN = new Set([0x7801, 0x785e, 0x789c, 0x78da]);
/**
 * Whether a header that failed to decode was surely compression (an unknown finding) rather than
 * a coincidence: every magic here is strong except zlib's two bytes, which count only in the form
 * zlib writes and not at the start of plain text (`x^2 + y^2`).
 */
function surelyPacked(packing, head) {
    if (packing !== 'zlib')
        return true;
    return ZLIB_WRITTEN.has(head.readUInt16BE(0)) && !looksLikeTextPrefix(head.subarray(0, 512));
}
/** `BZh1`-`BZh9`, then a block's magic (pi) or, for an empty stream, the end-of-stream magic (sqrt pi). */
function isBzip2(head) {
    if (!hasBytes(head, 0, 'BZh') || head[3] < 0x31 || head[3] > 0x39)
        return false;
    return (hasBytes(head, 4, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) || hasBytes(head, 4, [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]));
}
/** zlib: deflate method, window ≤ 32K, header checksum, no preset dictionary. */
function isZlib(head) {
    if (head.length < 3)
        return false;
    const cmf = head[0];
    const flg = head[1];
    return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0 && (flg & 0x20) === 0;
}
// lc=3, lp=0, pb=2: what xz/liblzma, Python's lzma FORMAT_ALONE and joblib write. LZMA-alone fails
// closed unread, so only this byte is taken: data files (MATLAB v4 .mat) start with the others.
const LZMA_ALONE_PROPS = 0x5d;
const LZMA_DICT_MIN = 4096;
const LZMA_DICT_MAX = 1536 * 1024 * 1024;
/** .lzma (LZMA-alone): the default properties byte, a dictionary liblzma writes, size -1 or sane. */
function isLzmaAlone(head) {
    if (head.length < 13 || head[0] !== LZMA_ALONE_PROPS)
        return false;
    if (!isLzmaDictionary(u32(head, 1) ?? 0))
        return false;
    const size = head.readBigUInt64LE(5);
    return size === 0xffffffffffffffffn || size < 1n << 40n;
}
/** 2^n or 2^n + 2^(n-1), from 4 KiB to 1.5 GiB. */
function isLzmaDictionary(dict) {
    if (dict < LZMA_DICT_MIN || dict > LZMA_DICT_MAX)
        return false;
    const isPowerOfTwo = (n) => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
    return isPowerOfTwo(dict) || (dict % 3 === 0 && isPowerOfTwo(dict / 3));
}
// LZMA-alone (what joblib's compress='lzma' writes) is a legacy format that no well-kept decoder
// reads in a bundle without native code; such a blob fails closed as an uninspected artifact.
const LZMA_ALONE_UNREAD = new DecoderMissing('no bundled decoder reads the legacy LZMA-alone format (xz, gzip, bz2 and zlib are read)');
async function unpack(packing, input, limit) {
    if (packing === 'bzip2')
        return unpackBzip2(input, limit);
    if (packing === 'xz')
        return unpackXz(input, limit);
    if (packing === 'lzma')
        throw LZMA_ALONE_UNREAD;
    if (packing === 'zstd')
        return unpackZstd(input, limit);
    if (packing === 'lz4')
        return unpackLz4(input, limit);
    const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
    if (packing === 'gzip')
        return drain(zlib.createGunzip(options), input, limit);
    if (packing === 'zlib')
        return drain(zlib.createInflate(options), input, limit);
    return drain(zlib.createInflateRaw(options), input, limit);
}
/** Feeds `input` to a decoder and keeps at most `limit` bytes of output. */
function drain(stream, input, limit) {
    return new Promise((resolve) => {
        const chunks = [];
        let total = 0;
        let done = false;
        const finish = (complete, error) => {
            if (done)
                return;
            done = true;
            stream.destroy();
            const data = Buffer.concat(chunks, Math.min(total, limit));
            resolve({ data, complete: complete && total <= limit, error });
        };
        stream.on('data', (chunk) => {
            chunks.push(chunk);
            total += chunk.length;
            if (total >= limit)
                finish(false);
        });
        stream.on('end', () => finish(true));
        stream.on('error', (error) => finish(false, error.message));
        stream.end(input);
    });
}
/**
 * xz through xz-embedded compiled to WASM (the `xz-decompress` package, MIT; inlined, so it bundles),
 * read as a stream and cancelled at `limit`. A cut input yields what was decoded before the cut.
 */
async function unpackXz(input, limit) {
    const source = new ReadableStream({
        start(controller) {
            controller.enqueue(new Uint8Array(input.buffer, input.byteOffset, input.length));
            controller.close();
        }
    });
    const chunks = [];
    let total = 0;
    try {
        // Leaving the loop early cancels the stream, so the decoder stops at the cap.
        const XzReadableStream = await loadXzReadableStream();
        for await (const chunk of new XzReadableStream(source)) {
            chunks.push(Buffer.from(chunk));
            total += chunk.length;
            if (total >= limit)
                return { data: Buffer.concat(chunks, limit), complete: false };
        }
        return { data: Buffer.concat(chunks, total), complete: true };
    }
    catch (error) {
        return { data: Buffer.concat(chunks, total), complete: false, error: `xz: ${error.message}` };
    }
}
// seek-bzip decodes synchronously into an output object; ours refuses bytes past the cap.
const FULL = new Error('output cap reached');
async function loadSeekBzip() {
    // @ts-expect-error seek-bzip ships no type declarations: the one call used is typed above
    const loaded = (await import('./index2.js').then(function (n) { return n.i; }));
    return loaded.default;
}
async function unpackBzip2(input, limit) {
    const bunzip = await loadSeekBzip();
    const out = Buffer.alloc(Math.min(limit, 64 * 1024 * 1024));
    let pos = 0;
    const sink = {
        writeByte(byte) {
            if (pos >= out.length)
                throw FULL;
            out[pos++] = byte;
        }
    };
    try {
        bunzip.decode(input, sink, true);
        return { data: out.subarray(0, pos), complete: true };
    }
    catch (error) {
        const message = error === FULL ? undefined : String(error.message ?? error);
        return { data: Buffer.from(out.subarray(0, pos)), complete: false, error: message };
    }
}
const ZSTD_MAGIC = 0xfd2fb528;
/**
 * zstd through fzstd (MIT, pure JS, by the author of fflate), streamed and stopped at `limit`.
 * fzstd allocates each frame's window up front, so frames are first checked against the window
 * the reference decoder accepts by default (2^27): a larger one is not decoded.
 */
async function unpackZstd(input, limit) {
    const refused = oversizedZstdWindow(input);
    if (refused)
        return { data: Buffer.alloc(0), complete: false, error: refused };
    const { Decompress } = await import('./esm.js');
    const chunks = [];
    let total = 0;
    const decoder = new Decompress((chunk) => {
        chunks.push(Buffer.from(chunk));
        total += chunk.length;
        if (total >= limit)
            throw FULL;
    });
    try {
        decoder.push(new Uint8Array(input.buffer, input.byteOffset, input.length), true);
        return { data: Buffer.concat(chunks, total), complete: true };
    }
    catch (error) {
        const data = Buffer.concat(chunks, Math.min(total, limit));
        return error === FULL
            ? { data, complete: false }
            : { data, complete: false, error: `zstd: ${error.message}` };
    }
}
/** Walks frame and block headers (no decoding) for a window larger than LIMITS.zstdWindow. */
function oversizedZstdWindow(input) {
    let at = 0;
    for (let frames = 0; at + 4 <= input.length && frames < 10_000; frames++) {
        const magic = u32(input, at) ?? 0;
        if (magic >>> 4 === 0x184d2a5)
            at += 8 + (u32(input, at + 4) ?? 0); // a skippable frame
        else if (magic !== ZSTD_MAGIC)
            return null; // the decoder will say what is wrong
        else {
            const frame = zstdFrame(input, at);
            if (frame.window > LIMITS.zstdWindow)
                return `zstd frame window of ${frame.window} bytes is over the ${LIMITS.zstdWindow} this decoder allows`;
            at = frame.end;
        }
    }
    return null;
}
function zstdFrame(input, at) {
    const descriptor = input[at + 4] ?? 0;
    const single = (descriptor & 0x20) !== 0;
    let pos = at + 5;
    let window = 0;
    if (!single) {
        const exponent = input[pos++] ?? 0;
        const base = 2 ** (10 + (exponent >> 3));
        window = base + (base / 8) * (exponent & 7);
    }
    pos += [0, 1, 2, 4][descriptor & 3];
    const sizeBytes = [single ? 1 : 0, 2, 4, 8][descriptor >> 6];
    // A single-segment frame's window is its content size (a cut header: unknown, left to the decoder).
    if (single)
        window = (uint(input, pos, sizeBytes) ?? 0) + (sizeBytes === 2 ? 256 : 0);
    pos += sizeBytes;
    for (let last = false; !last && pos + 3 <= input.length;) {
        const header = input.readUIntLE(pos, 3);
        last = (header & 1) === 1;
        pos += 3 + (((header >> 1) & 3) === 1 ? 1 : header >>> 3);
    }
    return { window, end: pos + (descriptor & 0x04 ? 4 : 0) };
}
const PACKED_EXTENSIONS = {
    gzip: /\.(t?gz|gzip)$/i,
    zlib: /\.(z|zz|zlib)$/i,
    bzip2: /\.(t?bz2?)$/i,
    xz: /\.(t?xz)$/i,
    lzma: /\.(lzma)$/i,
    zstd: /\.(t?zst|tzst|zstd)$/i,
    lz4: /\.(t?lz4)$/i,
    'deflate-raw': /$^/
};
/** The path with the compression suffix removed (`a.tar.gz` → `a.tar`, `x.tgz` → `x.tar`). */
function unpackedPath(path, packing) {
    const match = PACKED_EXTENSIONS[packing].exec(path);
    if (!match)
        return path;
    const stripped = path.slice(0, match.index);
    return /^\.t/i.test(match[0]) && !/^\.tar/i.test(match[0]) ? `${stripped}.tar` : stripped;
}
/**
 * The start of a gzip or zlib stream, decoded synchronously from its first 4 KiB (so a read
 * decision can look inside); null for other packings, or when the start does not decode.
 */
function peekInflated(head, packing) {
    if (packing !== 'gzip' && packing !== 'zlib')
        return null;
    const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: LIMITS.peek.output };
    try {
        const input = head.subarray(0, LIMITS.peek.input);
        return packing === 'gzip' ? zlib.gunzipSync(input, options) : zlib.inflateSync(input, options);
    }
    catch {
        return null;
    }
}

// Core ML .mlmodel (protobuf Model): specificationVersion, description, and one model-type field ≥ 200.
const MODEL_TYPES = {
    200: 'pipelineClassifier',
    201: 'pipelineRegressor',
    202: 'pipeline',
    300: 'glmRegressor',
    301: 'supportVectorRegressor',
    302: 'treeEnsembleRegressor',
    303: 'neuralNetworkRegressor',
    304: 'bayesianProbitRegressor',
    400: 'glmClassifier',
    401: 'supportVectorClassifier',
    402: 'treeEnsembleClassifier',
    403: 'neuralNetworkClassifier',
    404: 'kNearestNeighborsClassifier',
    500: 'neuralNetwork',
    501: 'itemSimilarityRecommender',
    502: 'mlProgram',
    555: 'customModel',
    556: 'linkedModel'
};
const DESCRIPTION_STRINGS = {
    1: 'shortDescription',
    2: 'versionString',
    3: 'author',
    4: 'license'
};
function sniffCoreml(blob) {
    const { bytes } = blob;
    const spec = bytes[0] === 0x08 ? readVarint(bytes, 1) : null;
    if (!spec || spec.value < 1 || spec.value > 10_000 || bytes[spec.next] !== 0x12)
        return null;
    const { fields, error } = pbFields(bytes, 0, blob.size, 64);
    if (error)
        return null;
    const modelField = fields.find((f) => f.num >= 200 && f.wire === 2);
    if (!modelField || !fields.every((f) => f.num <= 2 || f.num === 10 || f.num >= 200))
        return null;
    const description = fields.find((f) => f.num === 2);
    const modelType = MODEL_TYPES[modelField.num] ?? `field ${modelField.num}`;
    const kind = modelField.num === 404 ? 'knn-index' : 'weights';
    const detail = {
        specificationVersion: spec.value,
        modelType,
        metadata: description ? metadataOf$1(bytes, description) : {}
    };
    return { format: 'coreml', kind, detail };
}
/** ModelDescription.metadata (field 100): description strings and the userDefined map. */
function metadataOf$1(bytes, description) {
    const metadata = {};
    const meta = pbFields(bytes, description.start, description.end, 1000).fields.find((f) => f.num === 100 && f.wire === 2);
    if (!meta)
        return metadata;
    for (const field of pbFields(bytes, meta.start, meta.end, 1000).fields) {
        if (DESCRIPTION_STRINGS[field.num] && field.wire === 2)
            metadata[DESCRIPTION_STRINGS[field.num]] = pbString(bytes, field);
        const entry = field.num === 100 && field.wire === 2 ? pbKeyValue(bytes, field) : null;
        if (entry)
            metadata[entry[0]] = entry[1];
    }
    return metadata;
}

// FAISS write_index: a fourcc (ASCII in file order) from index_read.cpp, then the generic header
// (i32 d, i64 ntotal, two i64 dummies = 1<<20, u8 is_trained, i32 metric) or the binary-index header.
const NAMED = {
    IxFI: 'IndexFlatIP',
    IxF2: 'IndexFlatL2',
    IxFl: 'IndexFlat',
    IxHE: 'IndexLSH',
    IxHe: 'IndexLSH',
    IxPQ: 'IndexPQ',
    IxPo: 'IndexPQ',
    IxPq: 'IndexPQ',
    IxSQ: 'IndexScalarQuantizer',
    IxPT: 'IndexPreTransform',
    IxMp: 'IndexIDMap',
    IxM2: 'IndexIDMap2',
    IxRF: 'IndexRefine',
    IHNf: 'IndexHNSWFlat',
    IHNp: 'IndexHNSWPQ',
    IHNs: 'IndexHNSWSQ',
    IHN2: 'IndexHNSW2Level',
    IHNc: 'IndexHNSWCagra',
    IHc2: 'IndexHNSWCagra',
    IH00: 'IndexHNSW',
    IHfP: 'IndexHNSWFlatPanorama',
    INSf: 'IndexNSGFlat',
    INSp: 'IndexNSGPQ',
    INSs: 'IndexNSGSQ',
    INNf: 'IndexNNDescentFlat',
    IPfs: 'IndexPQFastScan',
    IvFl: 'IndexIVFFlat',
    IvFL: 'IndexIVFFlat',
    IwFl: 'IndexIVFFlat',
    IwFd: 'IndexIVFFlatDedup',
    IvSQ: 'IndexIVFScalarQuantizer',
    IwSQ: 'IndexIVFScalarQuantizer',
    IwSq: 'IndexIVFScalarQuantizer',
    IvPQ: 'IndexIVFPQ',
    IwPQ: 'IndexIVFPQ',
    IvQR: 'IndexIVFPQR',
    IwQR: 'IndexIVFPQR',
    IwPf: 'IndexIVFPQFastScan',
    IwSh: 'IndexIVFSpectralHash',
    IBxF: 'IndexBinaryFlat',
    IBwF: 'IndexBinaryIVF',
    IBFf: 'IndexBinaryFromFloat',
    IBHf: 'IndexBinaryHNSW',
    IBHc: 'IndexBinaryHNSWCagra',
    IBMp: 'IndexBinaryIDMap',
    IBM2: 'IndexBinaryIDMap2',
    IBHh: 'IndexBinaryHash',
    IBHm: 'IndexBinaryMultiHash'
};
// Other top-level codes read_index accepts; named by their fourcc.
const OTHER_CODES = 'IxFP IxFp IxRQ IxRq IxLS IxPR IxPL ImRQ Ix2L IxLa Imiq IxRP IRMf IRMh IxEe IxEd Irfn Irfs Ixrq Ixrr ' +
    'ILVQ ISVL ISV2 ISVD ISVF ISIQ ISIL ISID IwIQ IwP2 IwPn IwLS IwRQ IwPL IwPR IwEe IwEd Iwrq Iwrr Iwrn Iwrf';
const CODES = new Set([...Object.keys(NAMED), ...OTHER_CODES.split(' ')]);
const DUMMY = 1 << 20;
const METRICS = { 0: 'inner_product', 1: 'L2', 2: 'L1', 3: 'Linf', 4: 'Lp' };
function sniffFaiss(blob) {
    const { bytes } = blob;
    if (bytes.length < 24)
        return null;
    const code = bytes.toString('latin1', 0, 4);
    if (!CODES.has(code))
        return null;
    const header = code.startsWith('IB') ? binaryHeader(bytes) : floatHeader(bytes);
    if (!header)
        return null;
    return { format: 'faiss', kind: 'knn-index', detail: { indexType: NAMED[code] ?? code, fourcc: code, ...header } };
}
function floatHeader(bytes) {
    const d = i32(bytes, 4);
    const ntotal = u64(bytes, 8);
    if (d === null || d < 1 || d > 1 << 20 || ntotal === null)
        return null;
    if (u64(bytes, 16) !== DUMMY || u64(bytes, 24) !== DUMMY || (u8(bytes, 32) ?? 2) > 1)
        return null;
    const metric = i32(bytes, 33);
    return { dimension: d, records: ntotal, metric: metric === null ? null : (METRICS[metric] ?? metric) };
}
/** Binary indexes: i32 d (bits), i32 code_size = d/8, i64 ntotal, u8 is_trained, i32 metric. */
function binaryHeader(bytes) {
    const d = i32(bytes, 4);
    const ntotal = u64(bytes, 12);
    if (d === null || d < 8 || d % 8 !== 0 || d > 1 << 20 || i32(bytes, 8) !== d / 8)
        return null;
    if (ntotal === null || (u8(bytes, 20) ?? 2) > 1)
        return null;
    return { dimension: d, records: ntotal, binary: true };
}

// GGUF (llama.cpp, v1-v3) with its general.* metadata, and the older GGML/GGMF/GGJT headers.
const MAX_KVS = LIMITS.ggufKeys;
const MAX_ARRAY_KEEP = 64;
const SCALAR_WIDTH = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
function ggufWants(head) {
    return hasBytes(head, 0, 'GGUF') ? LIMITS.reads.gguf : null;
}
function sniffGguf(blob) {
    if (!hasBytes(blob.bytes, 0, 'GGUF'))
        return null;
    const version = u32(blob.bytes, 4) ?? 0;
    if (version === 0 || (version & 0xffff) === 0)
        return bigEndian(version);
    if (version > 3)
        return null;
    const c = { buf: blob.bytes, at: 8, wide: version > 1 };
    const tensorCount = count(c);
    const kvCount = count(c);
    if (tensorCount === null || kvCount === null)
        return null;
    const { metadata, read, truncated } = readKvs(c, kvCount);
    const detail = { version, tensorCount, kvCount, metadata };
    if (typeof metadata['general.architecture'] === 'string')
        detail.architecture = metadata['general.architecture'];
    if (truncated)
        detail.metadataTruncatedAfter = read;
    return { format: 'gguf', kind: 'weights', detail };
}
function bigEndian(version) {
    return version === 0 ? null : { format: 'gguf', kind: 'weights', detail: { endianness: 'big' } };
}
function count(c) {
    const value = c.wide ? u64(c.buf, c.at) : u32(c.buf, c.at);
    c.at += c.wide ? 8 : 4;
    return value;
}
function str(c) {
    const length = count(c);
    if (length === null || c.at + length > c.buf.length)
        return null;
    const text = c.buf.toString('utf8', c.at, c.at + Math.min(length, 4096));
    c.at += length;
    return text;
}
/** Reads KVs until the count, the buffer, or a malformed entry; keeps general.* values as metadata. */
function readKvs(c, kvCount) {
    const metadata = {};
    let read = 0;
    for (; read < Math.min(kvCount, MAX_KVS); read++) {
        const key = str(c);
        const type = u32(c.buf, c.at);
        if (key === null || type === null)
            break;
        c.at += 4;
        const value = readValue(c, type);
        if (value === undefined)
            break;
        if (key.startsWith('general.') && value !== null)
            metadata[key] = value;
    }
    return { metadata, read, truncated: read < kvCount };
}
/** A value as text (null when skipped, e.g. numeric arrays); undefined when unreadable. */
function readValue(c, type) {
    if (type === 8)
        return str(c) ?? undefined;
    if (type === 9)
        return readArray(c);
    const width = SCALAR_WIDTH[type];
    if (width === undefined || c.at + width > c.buf.length)
        return undefined;
    const text = scalarText(c.buf, c.at, type);
    c.at += width;
    return text;
}
function scalarText(buf, at, type) {
    if (type === 6)
        return String(buf.readFloatLE(at));
    if (type === 12)
        return String(buf.readDoubleLE(at));
    if (type === 7)
        return String(buf[at] !== 0);
    if (type === 10 || type === 11)
        return String(type === 10 ? buf.readBigUInt64LE(at) : buf.readBigInt64LE(at));
    const width = SCALAR_WIDTH[type];
    return String(type % 2 === 1 && type < 6 ? buf.readIntLE(at, width) : buf.readUIntLE(at, width));
}
function readArray(c) {
    const itemType = u32(c.buf, c.at);
    c.at += 4;
    const length = count(c);
    if (itemType === null || length === null || itemType === 9)
        return undefined;
    if (itemType !== 8) {
        const width = SCALAR_WIDTH[itemType];
        if (width === undefined || c.at + width * length > c.buf.length)
            return undefined;
        c.at += width * length;
        return null;
    }
    const items = [];
    for (let i = 0; i < length; i++) {
        const item = str(c);
        if (item === null)
            return undefined;
        if (items.length < MAX_ARRAY_KEEP)
            items.push(item);
    }
    return items;
}
// Pre-GGUF llama.cpp magics are u32 constants written little-endian ('ggjt' → bytes "tjgg").
const GGML_MAGICS = {
    0x67676d6c: 'ggml',
    0x67676d66: 'ggmf',
    0x67676a74: 'ggjt',
    0x67676c61: 'ggla',
    0x67676363: 'ggcc'
};
function sniffGgml(blob) {
    const raw = u32(blob.bytes, 0);
    if (raw === null)
        return null;
    const swapped = blob.bytes.readUInt32BE(0);
    const variant = GGML_MAGICS[raw] ?? GGML_MAGICS[swapped];
    if (!variant)
        return null;
    const versioned = variant !== 'ggml';
    const version = versioned ? u32(blob.bytes, 4) : null;
    if (versioned && (version === null || version < 1 || version > 3))
        return null;
    const vocab = i32(blob.bytes, versioned ? 8 : 4);
    if (vocab === null || vocab < 1 || vocab > 10_000_000)
        return null;
    return { format: 'ggml', kind: 'weights', detail: { variant, version, vocabSize: vocab } };
}

// HDF5: a model only when the root group carries Keras attributes (model_config, keras_version,
// layer_names). Plain HDF5 data (AnnData .h5ad, measurements) stays quiet. We read the superblock,
// the root object header and its attribute messages, following vlen strings into the global heap.
const SIGNATURE$1 = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const KERAS_ATTRS = ['model_config', 'keras_version', 'layer_names'];
const { maxMessages: MAX_MESSAGES, maxContinuations: MAX_CONTINUATIONS } = LIMITS.hdf5;
/** The superblock may sit at 0, 512, 1024, ... when a user block precedes it. */
function superblockAt(buf) {
    for (let at = 0; at + 8 <= buf.length && at <= 1 << 20; at = at === 0 ? 512 : at * 2) {
        if (hasBytes(buf, at, SIGNATURE$1))
            return at;
    }
    return -1;
}
/** At least the usual read; further when the head's root header points past it (within the blob). */
function hdf5Wants(head, size) {
    const at = superblockAt(head);
    if (at < 0)
        return null;
    const needs = rootAttributes(head, at)?.needs ?? 0;
    return Math.max(LIMITS.reads.hdf5, needs <= size ? needs + LIMITS.reads.hdf5Margin : 0);
}
function sniffHdf5Keras(blob) {
    const at = superblockAt(blob.bytes);
    if (at < 0)
        return null;
    const root = rootAttributes(blob.bytes, at);
    const attrs = root?.attrs ?? new Map();
    if (KERAS_ATTRS.some((name) => attrs.has(name)))
        return { format: 'keras-h5', kind: 'weights', detail: kerasDetail(attrs) };
    if (root && root.needs > blob.bytes.length && root.needs <= blob.size) {
        const reason = `HDF5 root attributes lie past the ${blob.bytes.length} bytes read: not inspected`;
        return { format: 'hdf5', kind: 'unknown', detail: { reason } };
    }
    return attrs.size === 0 ? byteSearch(blob.bytes) : null;
}
/** Fallback when the header layout is one we do not parse (dense attribute storage): names in the bytes. */
function byteSearch(buf) {
    const found = KERAS_ATTRS.filter((name) => buf.includes(`${name}\0`));
    if (found.length < 2)
        return null;
    return { format: 'keras-h5', kind: 'weights', detail: { attributes: found, parsed: false } };
}
function kerasDetail(attrs) {
    const metadata = {};
    for (const [name, value] of attrs)
        if (value !== null && name !== 'model_config')
            metadata[name] = value;
    const detail = { attributes: [...attrs.keys()], metadata };
    const config = attrs.get('model_config');
    const modelClass = typeof config === 'string' ? /"class_name"\s*:\s*"([^"]+)"/.exec(config)?.[1] : undefined;
    if (modelClass)
        detail.modelClass = modelClass;
    return detail;
}
/** The root group's attributes, and how far the reads wanted to go; null for a layout we do not parse. */
function rootAttributes(buf, at) {
    const version = u8(buf, at + 8) ?? 99;
    if (version > 3)
        return null;
    const v01 = version <= 1;
    const baseAt = v01 ? at + 24 + (version === 1 ? 4 : 0) : at + 12;
    const f = fileAt(buf, baseAt, u8(buf, at + (v01 ? 13 : 9)), u8(buf, at + (v01 ? 14 : 10)));
    if (!f)
        return null;
    const rootAt = v01 ? baseAt + 5 * f.offsetSize : baseAt + 3 * f.offsetSize;
    const root = address(f, rootAt);
    const attrs = root === null ? new Map() : objectAttributes(f, root);
    return attrs ? { attrs, needs: f.needs } : null;
}
/** Addresses in the file are relative to the base address stored in the superblock. */
function fileAt(buf, baseAt, offsetSize, lengthSize) {
    if (![2, 4, 8].includes(offsetSize ?? 0) || ![2, 4, 8].includes(lengthSize ?? 0))
        return null;
    const f = { buf, base: 0, offsetSize: offsetSize, lengthSize: lengthSize, needs: 0 };
    f.base = uint(buf, baseAt, f.offsetSize) ?? 0;
    return f;
}
/** An address stored at `at`; null (noting how far the read wanted) when it lies past the buffer. */
function address(f, at) {
    const value = uint(f.buf, at, f.offsetSize);
    if (value === null) {
        f.needs = Math.max(f.needs, at + f.offsetSize);
        return null;
    }
    return f.base + value;
}
/** Notes a region the reader wanted that lies past the buffer. */
function wants(f, at, length) {
    if (at + length > f.buf.length)
        f.needs = Math.max(f.needs, at + length);
}
/** Collects attribute messages (type 0x0C) of an object header, v1 or v2 ("OHDR"). */
function objectAttributes(f, at) {
    const attrs = new Map();
    wants(f, at, 16);
    const blocks = hasBytes(f.buf, at, 'OHDR') ? v2Blocks(f, at) : v1Blocks(f, at);
    if (!blocks)
        return null;
    for (let i = 0; i < blocks.length && i < MAX_CONTINUATIONS; i++) {
        for (const message of blocks[i].read(f)) {
            if (message.type === 0x0c)
                readAttribute(f, message.at, attrs);
            if (message.type !== 0x10)
                continue;
            const next = address(f, message.at);
            const length = uint(f.buf, message.at + f.offsetSize, f.lengthSize) ?? 0;
            if (next === null)
                continue;
            wants(f, next, length);
            blocks.push(blocks[i].continuation(next, length));
        }
    }
    return attrs;
}
function v1Blocks(f, at) {
    if (u8(f.buf, at) !== 1)
        return null;
    const size = u32(f.buf, at + 8) ?? 0;
    return [v1Block(at + 16, size)];
}
function v1Block(start, length) {
    return {
        read: (f) => {
            const messages = [];
            for (let at = start; at + 8 <= start + length && messages.length < MAX_MESSAGES;) {
                const type = u16(f.buf, at);
                const size = u16(f.buf, at + 2);
                if (type === null || size === null)
                    break;
                messages.push({ type, at: at + 8 });
                at += 8 + size;
            }
            return messages;
        },
        continuation: (at, len) => v1Block(at, len)
    };
}
function v2Blocks(f, at) {
    const flags = u8(f.buf, at + 5) ?? 0;
    let pos = at + 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0);
    const width = 1 << (flags & 3);
    const size = uint(f.buf, pos, width) ?? 0;
    pos += width;
    return [v2Block(pos, size, flags)];
}
function v2Block(start, length, flags) {
    const header = flags & 0x04 ? 6 : 4;
    return {
        read: (f) => {
            const messages = [];
            for (let at = start; at + header <= start + length && messages.length < MAX_MESSAGES;) {
                const type = u8(f.buf, at);
                const size = u16(f.buf, at + 1);
                if (type === null || size === null)
                    break;
                messages.push({ type, at: at + header });
                at += header + size;
            }
            return messages;
        },
        // An OCHK block: signature, messages, checksum.
        continuation: (at, len) => v2Block(at + 4, len - 8, flags)
    };
}
/** Attribute message v1-v3: name, datatype, dataspace, then the value. */
function readAttribute(f, at, attrs) {
    const version = u8(f.buf, at) ?? 0;
    const nameSize = u16(f.buf, at + 2) ?? 0;
    const typeSize = u16(f.buf, at + 4) ?? 0;
    const spaceSize = u16(f.buf, at + 6) ?? 0;
    const pad = (n) => (version === 1 ? Math.ceil(n / 8) * 8 : n);
    const nameAt = at + 8 + (version === 3 ? 1 : 0);
    const name = f.buf.toString('utf8', nameAt, nameAt + Math.max(0, nameSize - 1));
    const typeAt = nameAt + pad(nameSize);
    const spaceAt = typeAt + pad(typeSize);
    const dataAt = spaceAt + pad(spaceSize);
    attrs.set(name, attributeValue(f, typeAt, spaceAt, dataAt));
}
function attributeValue(f, typeAt, spaceAt, dataAt) {
    const cls = (u8(f.buf, typeAt) ?? 0) & 0x0f;
    const elementSize = u32(f.buf, typeAt + 4) ?? 0;
    const count = Math.min(elementCount(f, spaceAt), 256);
    const values = [];
    for (let i = 0; i < count; i++) {
        const value = cls === 3
            ? fixedString(f, dataAt + i * elementSize, elementSize)
            : cls === 9
                ? heapString(f, dataAt + i * (4 + f.offsetSize + 4), typeAt)
                : null;
        if (value === null)
            return null;
        values.push(value);
    }
    return elementCount(f, spaceAt) === 1 && isScalar(f, spaceAt) ? (values[0] ?? null) : values;
}
function isScalar(f, spaceAt) {
    return (u8(f.buf, spaceAt + 1) ?? 0) === 0;
}
function elementCount(f, spaceAt) {
    const version = u8(f.buf, spaceAt) ?? 1;
    const rank = u8(f.buf, spaceAt + 1) ?? 0;
    const dimsAt = spaceAt + (version === 1 ? 8 : 4);
    let count = 1;
    for (let d = 0; d < rank; d++)
        count *= uint(f.buf, dimsAt + d * f.lengthSize, f.lengthSize) ?? 0;
    return count;
}
function fixedString(f, at, size) {
    if (at + size > f.buf.length)
        return null;
    return f.buf.toString('utf8', at, at + Math.min(size, 64 * 1024)).replace(/\0+$/, '');
}
/** A variable-length string: (length, global heap collection address, object index). */
function heapString(f, at, typeAt) {
    if (((u8(f.buf, typeAt + 1) ?? 0) & 0x0f) !== 1)
        return null; // vlen sequence, not string
    const collection = address(f, at + 4);
    const index = u32(f.buf, at + 4 + f.offsetSize);
    if (collection === null)
        return null;
    wants(f, collection, 4096);
    if (!hasBytes(f.buf, collection, 'GCOL') || index === null)
        return null;
    const end = collection + (uint(f.buf, collection + 8, f.lengthSize) ?? 0);
    for (let pos = collection + 8 + f.lengthSize; pos + 8 + f.lengthSize <= Math.min(end, f.buf.length);) {
        const id = u16(f.buf, pos) ?? 0;
        const size = uint(f.buf, pos + 8, f.lengthSize) ?? 0;
        const dataAt = pos + 8 + f.lengthSize;
        if (id === index)
            return fixedString(f, dataAt, size);
        if (id === 0)
            return null;
        pos = dataAt + Math.ceil(size / 8) * 8;
    }
    return null;
}

// hnswlib saveIndex has no magic: it is recognised by the relationships its constructor fixes
// between header fields (hnswalg.h): offsetLevel0 = 0, maxM = M, maxM0 = 2M, mult = 1/ln(M), ...
/** Parses and checks the 96-byte header at `at`; null when any invariant fails. */
function hnswHeader(bytes, at) {
    const field = (i) => u64(bytes, at + i * 8);
    const [offsetLevel0, maxElements, count, perElement, labelOffset, offsetData] = [0, 1, 2, 3, 4, 5].map(field);
    const maxLevel = i32(bytes, at + 48);
    const enterPoint = u32(bytes, at + 52);
    const [maxM, maxM0, M] = [7, 8, 9].map(field);
    const mult = f64(bytes, at + 80);
    const efConstruction = u64(bytes, at + 88);
    if (offsetLevel0 !== 0 || maxElements === null || count === null || M === null || M < 2 || M > 10_000)
        return null;
    if (maxM !== M || maxM0 !== 2 * M || offsetData !== maxM0 * 4 + 4 || count > maxElements)
        return null;
    if (labelOffset === null || labelOffset <= offsetData || perElement !== labelOffset + 8)
        return null;
    if (mult === null || Math.abs(mult - 1 / Math.log(M)) > 1e-9 || maxLevel === null || maxLevel < -1 || maxLevel > 64)
        return null;
    if (enterPoint === null || efConstruction === null || efConstruction < 1)
        return null;
    const dataSize = labelOffset - offsetData;
    return { maxElements, records: count, dimension: dataSize % 4 === 0 ? dataSize / 4 : dataSize, M, efConstruction };
}
function sniffHnswlib(blob) {
    const header = hnswHeader(blob.bytes, 0);
    return header ? { format: 'hnswlib', kind: 'knn-index', detail: { ...header } } : null;
}

// Keras v3 `.keras`: a zip with config.json, metadata.json and model.weights.h5 (or .npz).
async function sniffKerasArchive(archive) {
    if (archive.type !== 'zip')
        return null;
    const byName = new Map(archive.entries.map((e) => [e.name, e]));
    const weights = ['model.weights.h5', 'model.weights.npz'].find((n) => byName.has(n));
    if (!byName.has('config.json') || !weights)
        return null;
    const metadata = await jsonStrings(archive, byName.get('metadata.json'));
    const config = await jsonStrings(archive, byName.get('config.json'));
    const detail = { weights, metadata };
    if (config.class_name)
        detail.modelClass = config.class_name;
    return { format: 'keras', kind: 'weights', detail };
}
/** Top-level string fields of a small JSON member. */
async function jsonStrings(archive, entry) {
    if (!entry || entry.unreadable)
        return {};
    const bytes = await archive.read(entry, LIMITS.reads.archiveMetadata);
    if (!looksLikeText(bytes))
        return {};
    try {
        const parsed = JSON.parse(bytes.toString('utf8'));
        return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'string'));
    }
    catch {
        return {};
    }
}

// Git LFS pointers: the model is not in the repo but still leaves through the LFS server. When the
// object is stored locally its content is judged like a blob (index.ts); when it is not, where the
// scan runs decides: on a server or in CI every such pointer is a finding, before a push only an
// obvious non-model name is let go.
// What the git-lfs client accepts (lfs/pointer.go): surrounding whitespace and blank lines, CR
// before LF, any of its three version URLs, `ext-N-name` lines, then oid and size in that order.
// A pointer read more strictly than the client would let its object leave unjudged.
const VERSIONS = new Set([
    'https://git-lfs.github.com/spec/v1',
    'https://hawser.github.com/spec/v1',
    'http://git-media.io/v/2'
]);
const EXTENSION_KEY = /^ext-\d-\w+$/;
const MAX_POINTER = 1024;
function lfsPointerOf(blob) {
    if (blob.size > MAX_POINTER || blob.bytes.length < blob.size)
        return null;
    const text = blob.bytes.toString('utf8');
    if (!/git-media|hawser|git-lfs/.test(text))
        return null;
    const fields = pointerFields(text);
    if (!fields || !VERSIONS.has(fields.version))
        return null;
    const oid = /^sha256:([0-9a-f]{64})$/.exec(fields.oid)?.[1];
    return oid && /^\+?\d+$/.test(fields.size) ? { oid, size: Number(fields.size) } : null;
}
/** `version`, `oid`, `size` in that order, each `key value`; extension lines skipped; null for anything else. */
function pointerFields(text) {
    const keys = ['version', 'oid', 'size'];
    const values = [];
    for (const line of text.trim().split('\n')) {
        const content = line.replace(/\r$/, '');
        if (content === '')
            continue;
        const space = content.indexOf(' ');
        if (space < 0 || values.length === keys.length)
            return null;
        const key = content.slice(0, space);
        if (key === keys[values.length])
            values.push(content.slice(space + 1));
        else if (!EXTENSION_KEY.test(key))
            return null;
    }
    return values.length === keys.length ? { version: values[0], oid: values[1], size: values[2] } : null;
}
/** What is in `detail` of every finding made from a pointer. */
function lfsDetail(pointer, contentRead) {
    return { oid: `sha256:${pointer.oid}`, size: pointer.size, contentInRepo: false, contentRead };
}
/**
 * The rule where a scan runs. In pre-receive and CI the object is normally absent (GitLab, Gitea
 * and GHES keep LFS objects apart from the repository; a checkout without `lfs: true` has none)
 * and its name is the pusher's to choose, so the registry's `policy.lfs_absent` decides (default
 * `unknown`). Before a push (pre-push, the CLI) the object is normally here and its content decides:
 * absent, the name does.
 */
function lfsAbsentRule(runsIn, configured) {
    return runsIn === 'pre-receive' || runsIn === 'ci' ? configured : 'by-name';
}
/**
 * A pointer whose object is not here: a model name gives its kind; anything else (archives,
 * `.nemo`, `.params`, no extension) is an unknown finding, and so is an obvious non-model (image,
 * audio, video, PDF, text) unless the rule is `by-name` and the registry does not name the path.
 * No size lets a pointer pass: a k-NN index of a few records fits in a few hundred bytes.
 */
function sniffAbsentLfs(path, pointer, namedByRegistry, rule = 'by-name') {
    const detail = lfsDetail(pointer, false);
    const kind = lfsKindOf(path);
    if (kind)
        return { format: 'lfs-pointer', kind, detail };
    if (rule === 'by-name' && obviouslyNotAModel(path) && !namedByRegistry)
        return null;
    return { format: 'lfs-pointer', kind: 'unknown', detail: { reason: ABSENT_REASONS[rule], ...detail } };
}
const ABSENT_REASONS = {
    'by-name': 'Git LFS object not stored locally: its content could not be inspected',
    unknown: 'Git LFS object not stored here, so its content could not be inspected, and its name decides nothing (policy.lfs_absent: unknown): where the object is (git lfs fetch), model-leak-guard scan judges its content; one that is no model takes a waiver for this blob'
};

// What the registry says is a model, is one: a blob at a `models[].path` or `artifacts.include`
// path is reported even when its content is no known format (a raw `.bin`, an `.npy` of
// embeddings), unless it is plain text (a README or a config beside the model).
function sniffDeclared(blob, declared) {
    if (!declared.model && !declared.included)
        return null;
    if (blob.size === 0 || looksLikeTextPrefix(blob.bytes.subarray(0, LIMITS.headBytes)))
        return null;
    const detectedBy = declared.model ? 'models[].path' : 'artifacts.include';
    const reason = `declared by the registry (${detectedBy}); content is no format the scanner knows`;
    return { format: 'declared', kind: 'unknown', detail: { reason, detectedBy } };
}

// Models compiled or exported for a runtime: ExecuTorch `.pte` (a FlatBuffer `ET` + two digits),
// TensorRT engines (`ptrt` / `ftrt`, optionally after Ultralytics' length-prefixed JSON metadata),
// and PaddlePaddle inference models (`.pdmodel` ProgramDesc protobuf, `.pdiparams` tensors).
function sniffExecutorch(blob) {
    const identifier = blob.bytes.toString('latin1', 4, 8);
    const root = u32(blob.bytes, 0);
    if (!/^ET\d\d$/.test(identifier) || root === null || root < 8 || root >= blob.size)
        return null;
    return { format: 'executorch', kind: 'weights', detail: { identifier } };
}
const TENSORRT_MAGICS = ['ptrt', 'ftrt'];
function sniffTensorrt(blob) {
    const { bytes } = blob;
    let at = 0;
    if (bytes[3] === 0 && bytes[4] === 0x7b)
        at = 4 + (u32(bytes, 0) ?? 0); // Ultralytics: u32 length + JSON first
    const magic = bytes.toString('latin1', at, at + 4);
    if (!TENSORRT_MAGICS.includes(magic) || at + 8 > bytes.length)
        return null;
    return { format: 'tensorrt', kind: 'weights', detail: { magic, ...(at > 0 ? { metadataBytes: at - 4 } : {}) } };
}
// A BlockDesc starts with idx 0 and parent_idx -1 (a 10-byte varint): the first block of a program.
const FIRST_BLOCK = Buffer.from([0x08, 0x00, 0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
function sniffPaddle(blob) {
    const { bytes } = blob;
    if (bytes[0] === 0x0a) {
        const length = readVarint(bytes, 1);
        if (length && hasBytes(bytes, length.next, [...FIRST_BLOCK]))
            return { format: 'paddle', kind: 'weights', detail: { part: 'pdmodel' } };
    }
    return pdiparams(bytes);
}
/**
 * `.pdiparams` is the tensors one after another, each a LoDTensor: u32 version 0, u64 LoD level 0,
 * u32 tensor version 0, i32 size of a TensorDesc protobuf (data_type, dims), then the data.
 */
function pdiparams(bytes) {
    if (bytes.length < 24 || !bytes.subarray(0, 16).every((b) => b === 0))
        return null;
    const size = u32(bytes, 16) ?? 0;
    if (size < 2 || size > 4096 || bytes.length < 20 + size)
        return null;
    const { fields, error } = pbFields(bytes, 20, 20 + size, 64);
    const dataType = fields.find((f) => f.num === 1 && f.wire === 0);
    if (error || !dataType || dataType.value > 40 || !fields.some((f) => f.num === 2))
        return null;
    if (!fields.every((f) => f.num === 1 || f.num === 2))
        return null;
    return { format: 'paddle', kind: 'weights', detail: { part: 'pdiparams' } };
}

// Flax / JAX checkpoints: `flax.serialization.to_bytes` (transformers' `flax_model.msgpack`,
// flax.training checkpoints) writes the state dict as msgpack, a map of string keys whose leaves are
// arrays as ext values of type 1 (ndarray) or 3 (numpy scalar), each a msgpack [shape, dtype, bytes].
// Recognised by walking the token stream to its arrays; a msgpack map of plain values stays quiet.
const NDARRAY = 1;
const NPSCALAR = 3;
const LISTED_KEYS = 16;
function sniffFlax(blob) {
    const first = token(blob.bytes, 0);
    if (!first?.isMap || first.children === 0)
        return null;
    const walk = walkTree(blob.bytes, first);
    if (!walk || walk.arrays === 0)
        return null;
    return { format: 'flax-msgpack', kind: 'weights', detail: { arrays: walk.arrays, keys: walk.keys } };
}
/** Counts the array leaves of a map tree (every map key a string), in the bytes read; null if it is no such tree. */
function walkTree(bytes, root) {
    const pending = [{ left: root.children, isMap: true }];
    const keys = [];
    let arrays = 0;
    let at = root.next;
    while (pending.length > 0 && at < bytes.length) {
        const parent = pending[pending.length - 1];
        const t = token(bytes, at);
        const isKey = parent.isMap && parent.left % 2 === 0;
        if (!t || (isKey && !t.isString) || pending.length > LIMITS.flaxDepth)
            return null;
        if (isKey && pending.length === 1 && keys.length < LISTED_KEYS)
            keys.push(bytes.toString('utf8', t.payload, t.next));
        if (t.extType === NDARRAY || t.extType === NPSCALAR)
            arrays += isArrayPayload(bytes, t) ? 1 : 0;
        parent.left -= 1;
        at = t.next;
        if (t.children > 0)
            pending.push({ left: t.children, isMap: t.isMap });
        while (pending.length > 0 && pending[pending.length - 1].left === 0)
            pending.pop();
    }
    return { arrays, keys };
}
/** Flax's array payload is a msgpack array of three: the shape (an array), the dtype name, the bytes. */
function isArrayPayload(bytes, ext) {
    const shape = bytes[ext.payload + 1];
    return bytes[ext.payload] === 0x93 && ((shape >= 0x90 && shape <= 0x9f) || shape === 0xdc);
}
/** One msgpack token at `at` (the msgpack spec's formats); null for the never-used 0xc1 or a length past 2^32. */
function token(bytes, at) {
    const b = bytes[at];
    if (b === undefined)
        return null;
    const plain = (size) => span(at + 1, size);
    if (b <= 0x7f || b >= 0xe0 || b === 0xc0 || b === 0xc2 || b === 0xc3)
        return plain(0);
    if (b <= 0x8f)
        return { ...plain(0), children: 2 * (b & 0x0f), isMap: true };
    if (b <= 0x9f)
        return { ...plain(0), children: b & 0x0f };
    if (b <= 0xbf)
        return { ...plain(b & 0x1f), isString: true };
    return sized(bytes, at, b);
}
function span(payload, size) {
    return { children: 0, isMap: false, isString: false, payload, next: payload + size };
}
const FIXED = { 0xca: 4, 0xcb: 8, 0xcc: 1, 0xcd: 2, 0xce: 4, 0xcf: 8 };
for (const [b, size] of [
    [0xd0, 1],
    [0xd1, 2],
    [0xd2, 4],
    [0xd3, 8]
])
    FIXED[b] = size;
/** Tokens whose header carries a width or a length (numbers, str/bin/ext 8-32, array/map 16-32). */
function sized(bytes, at, b) {
    if (FIXED[b] !== undefined)
        return span(at + 1, FIXED[b]);
    if (b >= 0xd4 && b <= 0xd8)
        return { ...span(at + 2, 1 << (b - 0xd4)), extType: bytes[at + 1] };
    const width = [0xc4, 0xc7, 0xd9].includes(b) ? 1 : [0xc5, 0xc8, 0xda, 0xdc, 0xde].includes(b) ? 2 : 4;
    if (at + 1 + width > bytes.length || b === 0xc1)
        return null;
    const n = width === 1 ? bytes[at + 1] : width === 2 ? bytes.readUInt16BE(at + 1) : bytes.readUInt32BE(at + 1);
    const after = at + 1 + width;
    if (b >= 0xdc)
        return { ...span(after, 0), children: b >= 0xde ? 2 * n : n, isMap: b >= 0xde };
    if (b >= 0xc7 && b <= 0xc9)
        return { ...span(after + 1, n), extType: bytes[after] };
    return { ...span(after, n), isString: b >= 0xd9 };
}

// The root element of an XML document, after an optional BOM, XML declaration, comments and doctype:
// what PMML and OpenVINO IR are told apart from other XML by.
const PROLOG = /^(\ufeff)?(\s|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/;
const ROOT = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]/;
function xmlRoot(bytes) {
    if (bytes.length === 0 || (bytes[0] !== 0x3c && bytes[0] !== 0xef && bytes[0] > 0x20))
        return null;
    const head = bytes.toString('utf8', 0, Math.min(bytes.length, LIMITS.reads.xmlHead));
    const rest = head.slice(PROLOG.exec(head)?.[0].length ?? 0);
    const name = ROOT.exec(rest)?.[1];
    return name ? { name, tag: rest.slice(0, rest.indexOf('>') + 1), head } : null;
}
/** The value of an attribute in a start tag, or null. */
function xmlAttribute(tag, name) {
    return new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`).exec(tag)?.[1] ?? null;
}

// Weights of frameworks with no loader here, each told by its header: MXNet / Gluon `.params`
// (an NDArray list), Caffe `.caffemodel` (a NetParameter protobuf), Darknet `.weights` (a version
// header, by name), OpenVINO IR (the `.xml` graph whose `.bin` beside it holds the weights).
const MXNET_LIST_MAGIC = 0x112;
// NDArray V1, V2 (storage types) and V3 (NumPy shape semantics) magics.
const NDARRAY_MAGICS = new Set([0xf993fac8, 0xf993fac9, 0xf993faca]);
/** NDArray::Save of a list: u64 0x112, u64 reserved 0, u64 array count, then each array (its magic first). */
function sniffMxnet(blob) {
    const { bytes } = blob;
    const arrays = u64(bytes, 16);
    if (u64(bytes, 0) !== MXNET_LIST_MAGIC || u64(bytes, 8) !== 0 || arrays === null || arrays > 1_000_000)
        return null;
    const first = u32(bytes, 24);
    if (arrays > 0 && !(first !== null && (NDARRAY_MAGICS.has(first) || first <= 32)))
        return null; // legacy: ndim first
    return { format: 'mxnet', kind: 'weights', detail: { arrays } };
}
// NetParameter fields and their wire types: name, layers (V1), input, input_dim, force_backward,
// state, debug_info, input_shape, layer.
const NET_FIELDS = {
    1: [2],
    2: [2],
    3: [2],
    4: [0, 2],
    5: [0],
    6: [2],
    7: [0],
    8: [2],
    100: [2]
};
const LAYER_TYPE = /^[A-Z][A-Za-z0-9]{1,40}$/;
/** A NetParameter whose layers have a name and a type (LayerParameter 1 and 2; V1LayerParameter 4 and 5). */
function sniffCaffe(blob) {
    const { bytes } = blob;
    if (bytes[0] !== 0x0a && bytes[0] !== 0x12 && !(bytes[0] === 0xa2 && bytes[1] === 0x06))
        return null;
    const top = pbFields(bytes, 0, blob.size, 256);
    if (top.error || !top.fields.every((f) => NET_FIELDS[f.num]?.includes(f.wire)))
        return null;
    const layers = top.fields.filter((f) => f.num === 100 || f.num === 2);
    const named = (f) => (f.num === 100 ? isLayer(bytes, f) : isV1Layer(bytes, f));
    if (!layers.some(named) || !layers.filter((f) => f.end <= bytes.length).every(named))
        return null;
    const name = top.fields.find((f) => f.num === 1);
    return { format: 'caffe', kind: 'weights', detail: { net: name ? pbString(bytes, name, 128) : null } };
}
function isLayer(bytes, layer) {
    const { fields } = pbFields(bytes, layer.start, layer.end, 16);
    const type = fields.find((f) => f.num === 2 && f.wire === 2);
    return fields.some((f) => f.num === 1 && f.wire === 2) && !!type && LAYER_TYPE.test(pbString(bytes, type, 64));
}
function isV1Layer(bytes, layer) {
    const { fields } = pbFields(bytes, layer.start, layer.end, 16);
    return fields.some((f) => f.num === 4 && f.wire === 2) && fields.some((f) => f.num === 5 && f.wire === 0);
}
/**
 * darknet's save_weights: i32 major, minor, revision, then the images seen (u64 from version 0.2, u32
 * before), then float32 weights. Only for `.weights` files: the header is three small integers.
 */
function sniffDarknet(blob) {
    if (extensionOf(blob.path) !== '.weights' || blob.bytes.length < 16)
        return null;
    const [major, minor, revision] = [0, 4, 8].map((at) => blob.bytes.readInt32LE(at));
    if (major < 0 || major > 9 || minor < 0 || minor > 99 || revision < 0 || revision > 9999)
        return null;
    const header = major * 10 + minor >= 2 ? 20 : 16;
    if (blob.size <= header || (blob.size - header) % 4 !== 0)
        return null;
    return { format: 'darknet', kind: 'weights', detail: { version: `${major}.${minor}.${revision}` } };
}
/** OpenVINO IR: an XML document whose root is `<net>` with a version and a `<layers>` element. */
function sniffOpenvino(blob) {
    const root = xmlRoot(blob.bytes);
    if (root?.name !== 'net' || !/<layers[\s>]/.test(root.head))
        return null;
    const version = xmlAttribute(root.tag, 'version');
    if (version === null)
        return null;
    return { format: 'openvino', kind: 'weights', detail: { net: xmlAttribute(root.tag, 'name'), irVersion: version } };
}

// Java serialization (ObjectOutputStream: AC ED 00 05), how Weka, Smile, Deeplearning4j, H2O, MOA,
// Spark MLlib, LIBSVM and hnswlib-java save models. The class descriptors (TC_CLASSDESC 0x72, then
// the class name as a u16-length string) name every class in the stream; nothing is deserialized.
// A stream with no model class stays quiet when it was read to its end, else it is not inspected.
const STREAM_MAGIC = [0xac, 0xed, 0x00, 0x05];
const TC_CLASSDESC = 0x72;
const CLASS_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/;
// Instance-based learners and neighbour searches: they keep the training records themselves.
const NEIGHBOURS$2 = new RegExp([
    '^weka\\.classifiers\\.lazy\\.(IBk|KStar|LWL|LBR)$',
    '^weka\\.core\\.neighboursearch\\.',
    '^smile\\.(classification\\.KNN|neighbor\\.)',
    '^moa\\.classifiers\\.lazy\\.',
    '^org\\.tribuo\\.common\\.nearest\\.',
    '^net\\.sf\\.javaml\\.classification\\.KNearestNeighbors',
    '^jsat\\.classifiers\\.knn\\.',
    '^com\\.github\\.jelmerk\\.knn\\.'
].join('|'));
const MODELS$1 = new RegExp([
    '^weka\\.(classifiers|clusterers)\\.',
    '^smile\\.(classification|regression|clustering|anomaly|sequence|manifold|projection|feature\\.extraction)\\.',
    '^org\\.deeplearning4j\\.nn\\.',
    '^(hex\\.[\\w$.]*Model|ai\\.h2o\\.[\\w$.]*)$',
    '^moa\\.(classifiers|clusterers)\\.',
    '^org\\.apache\\.spark\\.ml(lib)?\\.[\\w$.]*Model$',
    '^(libsvm\\.svm_model|de\\.bwaldvogel\\.liblinear\\.Model|ml\\.dmlc\\.xgboost4j\\.(java|scala)\\.Booster)$',
    '^org\\.tribuo\\.[\\w$.]*Model$',
    '^(jsat\\.(classifiers|regression|clustering)|net\\.sf\\.javaml\\.(classification|clustering))\\.',
    '^(edu\\.stanford\\.nlp\\.(classify|ie\\.crf|tagger\\.maxent)|opennlp\\.tools\\.ml\\.model)\\.'
].join('|'));
/** A Java object stream: read like a pickle (model classes can sit past the first 64 KiB). */
function javaWants(head) {
    return hasBytes(head, 0, STREAM_MAGIC) ? LIMITS.reads.serialized : null;
}
function sniffJavaSerialized(blob) {
    if (!hasBytes(blob.bytes, 0, STREAM_MAGIC))
        return null;
    const classes = classNames(blob.bytes);
    const neighbours = classes.filter((c) => NEIGHBOURS$2.test(c));
    const models = classes.filter((c) => MODELS$1.test(c));
    const detail = { topClass: classes[0] ?? null, classes: classes.slice(0, 32) };
    if (neighbours.length > 0)
        return { format: 'java-serialized', kind: 'knn-index', detail: { ...detail, neighbours } };
    if (models.length > 0)
        return { format: 'java-serialized', kind: 'pickle', detail: { ...detail, models } };
    if (blob.bytes.length >= blob.size)
        return null;
    const reason = `Java serialization stream longer than the ${blob.bytes.length} bytes read, no model class in them: not fully inspected`;
    return { format: 'java-serialized', kind: 'unknown', detail: { reason, ...detail } };
}
/** The class names of the stream's descriptors, in order, each once. */
function classNames(bytes) {
    const names = new Set();
    for (let at = bytes.indexOf(TC_CLASSDESC, 4); at >= 0 && names.size < LIMITS.javaClasses;) {
        const length = at + 3 <= bytes.length ? bytes.readUInt16BE(at + 1) : 0;
        const name = bytes.toString('latin1', at + 3, Math.min(bytes.length, at + 3 + length));
        if (length > 0 && name.length === length && CLASS_NAME.test(name))
            names.add(name);
        at = bytes.indexOf(TC_CLASSDESC, at + 1);
    }
    return [...names];
}

// R serialization (`saveRDS` → `.rds`, `save` → `.RData` / `.rda`; gzip, bzip2 or xz around it are
// unwrapped first). The XDR stream is walked only as far as plain data goes (vectors, lists,
// attributes, symbols): a stream of nothing else, whose classes are all data classes, is `data`. A
// class attribute naming a model (`lm`, `randomForest`, `knn3`, ...) makes it a model; any other R
// object (closures, formulas, environments, a class we do not know) is `unknown`: never passed.
const NEIGHBOURS$1 = new Set(['knn3', 'knnreg', 'kknn', 'train.kknn', 'ipredknn', 'knn']);
const MODELS = new Set(('lm glm mlm nls loess randomForest randomForest.formula ranger xgb.Booster lgb.Booster train train.formula ' +
    'svm svm.formula ksvm gbm GBMFit nnet nnet.formula multinom rpart glmnet cv.glmnet elnet lognet naiveBayes ' +
    'lda qda C5.0 earth gam Gam coxph survreg model_fit workflow keras.engine.training.Model lmerMod glmerMod').split(' '));
const DATA_CLASSES = new Set(('data.frame tbl_df tbl data.table factor ordered Date POSIXct POSIXt POSIXlt difftime table matrix array ' +
    'integer64 noquote hms units AsIs').split(' '));
/** "X\n" then format version 2 or 3, the writer's R version, the oldest R that reads it. */
function xdrStart(bytes) {
    const at = hasBytes(bytes, 0, 'RDX2\n') || hasBytes(bytes, 0, 'RDX3\n') ? 5 : 0;
    if (!hasBytes(bytes, at, 'X\n') || bytes.length < at + 14)
        return null;
    const version = bytes.readInt32BE(at + 2);
    const writer = bytes.readInt32BE(at + 6) >> 16;
    const reader = bytes.readInt32BE(at + 10) >> 16;
    if (version < 2 || version > 3 || writer < 1 || writer > 9 || reader < 1 || reader > writer)
        return null;
    return version === 3 ? at + 18 + Math.max(0, bytes.readInt32BE(at + 14)) : at + 14; // v3: native encoding name
}
/** The ASCII ("A\n") and native binary ("B\n") variants, alone or after save()'s "RDA3\n" / "RDB3\n". */
function otherStart(bytes) {
    const text = bytes.toString('latin1', 0, 32);
    const binary = text.startsWith('RDB2\n') || text.startsWith('RDB3\n') ? 5 : 0;
    const native = hasBytes(bytes, binary, 'B\n') && (bytes[binary + 2] === 2 || bytes[binary + 2] === 3);
    return /^(RDA[23]\n)?A\n[23]\n\d{5,7}\n\d{5,7}\n/.test(text) || (native && hasBytes(bytes, binary + 3, [0, 0, 0]));
}
function rWants(head) {
    return xdrStart(head) !== null || otherStart(head) ? LIMITS.reads.serialized : null;
}
function sniffRObject(blob) {
    const start = xdrStart(blob.bytes);
    if (start === null)
        return otherStart(blob.bytes) ? unknownObject([], 'an ASCII or native R stream') : null;
    const walk = walkData(blob.bytes, start);
    const classes = [...new Set([...walk.classes.flat(), ...(walk.stopped ? knownClasses(blob.bytes) : [])])];
    const detail = { classes: classes.slice(0, 32) };
    if (classes.some((c) => NEIGHBOURS$1.has(c)))
        return { format: 'r-object', kind: 'knn-index', detail };
    if (classes.some((c) => MODELS.has(c)))
        return { format: 'r-object', kind: 'pickle', detail };
    const whole = walk.stopped === undefined && walk.end === blob.size && blob.bytes.length >= blob.size;
    if (whole && classes.every((c) => DATA_CLASSES.has(c)))
        return { format: 'r-object', kind: 'data', detail };
    return unknownObject(detail.classes, walk.stopped ?? 'bytes after it, or not read to its end');
}
/** Known class names among the class-shaped attributes: where the exact walk stopped, they still tell a model. */
function knownClasses(bytes) {
    return classAttributes(bytes).filter((c) => NEIGHBOURS$1.has(c) || MODELS.has(c) || DATA_CLASSES.has(c));
}
function unknownObject(classes, why) {
    const reason = `R object with no model class recognised (${why}): its content was not inspected`;
    return { format: 'r-object', kind: 'unknown', detail: { reason, classes } };
}
// ---------------------------------------------------------------- class attributes anywhere
const STRSXP = Buffer.from([0, 0, 0, 0x10]);
const CLASS_SYMBOL = [0, 0, 0, 5, ...Buffer.from('class')];
/**
 * Class vectors found by their shape, past where the data walk stops (a model's class is its last
 * attribute, after its formulas and environments): an attribute node (LISTSXP with a tag), the tag
 * `class` or a reference to a symbol, then a short character vector.
 */
function classAttributes(bytes) {
    const found = [];
    let at = bytes.indexOf(STRSXP);
    for (let n = 0; at >= 0 && n < LIMITS.rObject.classCandidates; n++, at = bytes.indexOf(STRSXP, at + 1)) {
        const byReference = bytes[at - 1] === 0xff && isTaggedNode(bytes, at - 8);
        const bySymbol = hasBytes(bytes, at - CLASS_SYMBOL.length, CLASS_SYMBOL) && isTaggedNode(bytes, at - 21);
        if (byReference || bySymbol)
            found.push(...(strings(bytes, at + 4) ?? []));
    }
    return found;
}
function isTaggedNode(bytes, at) {
    return hasBytes(bytes, at, [0, 0]) && (bytes[at + 2] & 0xfd) === 0x04 && bytes[at + 3] === 0x02;
}
/** A character vector's elements from its length on (CHARSXPs), up to 16; null when it is no such thing. */
function strings(bytes, at) {
    const count = at + 4 <= bytes.length ? bytes.readInt32BE(at) : -1;
    if (count < 1 || count > 16)
        return null;
    const values = [];
    for (let i = 0, p = at + 4; i < count; i++) {
        const length = p + 8 <= bytes.length && (bytes[p + 3] & 0xff) === 0x09 ? bytes.readInt32BE(p + 4) : -2;
        if (length < 0 || length > 256 || p + 8 + length > bytes.length)
            return null;
        values.push(bytes.toString('utf8', p + 8, p + 8 + length));
        p += 8 + length;
    }
    return values;
}
// ---------------------------------------------------------------- the plain-data walk
const { maxDepth: MAX_DEPTH, maxItems: MAX_ITEMS } = LIMITS.rObject;
const HAS_ATTR = 1 << 9;
const HAS_TAG = 1 << 10;
const NIL = 254;
// Constants without a payload: NILVALUE, GLOBALENV, UNBOUNDVALUE, MISSINGARG, BASENAMESPACE, EMPTYENV, BASEENV.
const CONSTANTS = new Set([254, 253, 252, 251, 250, 242, 241]);
// Atomic vectors: bytes per element (LGLSXP, INTSXP, REALSXP, CPLXSXP, RAWSXP).
const ATOMIC = { 10: 4, 13: 4, 14: 8, 15: 16, 24: 1 };
class Stop {
    why;
    constructor(why) {
        this.why = why;
    }
}
/** Walks one item from `start`: where it ended, the class attributes met, or why it stopped (not plain data). */
function walkData(bytes, start) {
    const w = { bytes, at: start, items: 0, symbols: [], classes: [] };
    try {
        readItem(w, 0);
        return { end: w.at, classes: w.classes };
    }
    catch (error) {
        if (!(error instanceof Stop))
            throw error;
        return { end: w.at, classes: w.classes, stopped: error.why };
    }
}
function int(w) {
    if (w.at + 4 > w.bytes.length)
        throw new Stop('the bytes read end inside it');
    w.at += 4;
    return w.bytes.readInt32BE(w.at - 4);
}
function readItem(w, depth) {
    if (++w.items > MAX_ITEMS || depth > MAX_DEPTH)
        throw new Stop('walk limit');
    const flags = int(w);
    const type = flags & 0xff;
    if (CONSTANTS.has(type))
        return null;
    if (type === 2)
        return readPairlist(w, flags, depth);
    const value = readBody(w, type, flags, depth);
    if (type !== 255 && flags & HAS_ATTR)
        readItem(w, depth); // a reference's flags carry its index instead
    return value;
}
function readBody(w, type, flags, depth) {
    if (ATOMIC[type])
        return skip(w, vectorLength(w) * ATOMIC[type]);
    switch (type) {
        case 255: // REFSXP: to an earlier symbol (the only references plain data makes)
            return { symbol: w.symbols[(flags >>> 8 || int(w)) - 1] ?? '' };
        case 1: {
            const name = readItem(w, depth + 1);
            w.symbols.push(Array.isArray(name) ? name[0] : '');
            return { symbol: w.symbols[w.symbols.length - 1] };
        }
        case 9:
            return readChars(w);
        case 16:
        case 19:
        case 20:
            return readVector(w, type, depth);
        case 238: // ALTREP (compact sequences, deferred strings): class info, state, attributes
            for (let i = 0; i < 3; i++)
                readItem(w, depth + 1);
            return null;
        default:
            throw new Stop(`R type ${type} is not plain data`);
    }
}
function vectorLength(w) {
    const n = int(w);
    return n === -1 ? int(w) * 2 ** 32 + (int(w) >>> 0) : n;
}
function skip(w, bytes) {
    if (!(bytes >= 0))
        throw new Stop(`a length of ${bytes}`); // R writes none below -1 (NA), which callers take first
    if (w.at + bytes > w.bytes.length)
        throw new Stop('the bytes read end inside it');
    w.at += bytes;
    return null;
}
function readChars(w) {
    const n = int(w);
    if (n === -1)
        return ['NA'];
    const start = w.at;
    skip(w, n);
    return [w.bytes.toString('utf8', start, Math.min(w.at, start + 256))];
}
/** STRSXP (its first strings), VECSXP and EXPRSXP (their elements walked). */
function readVector(w, type, depth) {
    const n = vectorLength(w);
    const values = [];
    for (let i = 0; i < n; i++) {
        const item = readItem(w, depth + 1);
        if (type === 16 && Array.isArray(item) && values.length < 16)
            values.push(item[0]);
    }
    return type === 16 ? values : null;
}
/** A pairlist (attributes, save()'s list of objects): attribute, tag, value per node; `class` tags recorded. */
function readPairlist(w, flags, depth) {
    for (let node = flags;; node = int(w)) {
        if ((node & 0xff) === NIL)
            return null;
        if ((node & 0xff) !== 2)
            throw new Stop(`a pairlist ends in R type ${node & 0xff}`);
        if (++w.items > MAX_ITEMS)
            throw new Stop('walk limit');
        if (node & HAS_ATTR)
            readItem(w, depth + 1);
        const tag = node & HAS_TAG ? readItem(w, depth + 1) : null;
        const value = readItem(w, depth + 1);
        if (tag && !Array.isArray(tag) && tag.symbol === 'class' && Array.isArray(value))
            w.classes.push(value);
    }
}

// Model formats of ecosystems with no loader here, registered together in index.ts: Java
// serialization (Weka, Smile, DL4J, H2O), R objects, Flax msgpack, MXNet, Caffe, Darknet, OpenVINO IR.
const ECOSYSTEM_SNIFFERS = [
    sniffJavaSerialized,
    sniffRObject,
    sniffFlax,
    sniffMxnet,
    sniffCaffe,
    sniffDarknet,
    sniffOpenvino
];
/** Object streams whose class names can sit past the first 64 KiB are read further. */
function ecosystemWants(head) {
    return javaWants(head) ?? rWants(head);
}

// Our own non-executing pickle walker (protocols 0-5). It decodes opcodes and simulates the stack
// just enough to name the imported globals, the objects built and their state; nothing is ever
// instantiated. What the globals mean is pickle.ts's business.
const { maxOps: MAX_OPS, maxPickles: MAX_PICKLES, maxStack: MAX_STACK, maxMemo: MAX_MEMO } = LIMITS.pickle;
const { maxGlobals: MAX_GLOBALS, maxLine: MAX_LINE } = LIMITS.pickle;
/** Items kept of a tuple, keys of a dict, objects with state: enough for shapes and estimator attributes. */
const KEEP_ITEMS = 16;
const KEEP_ENTRIES = 64;
const KEEP_BUILT = 4096;
// Opcode → how its argument is encoded (CPython Lib/pickletools.py).
const ARGS = {};
for (const op of '(.012NQRabde}l]o0st)u\x81\x85\x86\x87\x88\x89\x8f\x90\x91\x92\x93\x94\x97\x98')
    ARGS[op] = 'none';
for (const op of 'FILgpP')
    ARGS[op] = 'line';
// String literals of protocol 0/1: as long as the read allows (a 100 KB string is still a pickle).
for (const op of 'SV')
    ARGS[op] = 'text';
for (const op of 'ci')
    ARGS[op] = 'line2';
for (const op of 'Khq\x80\x82')
    ARGS[op] = 'u1';
for (const op of 'M\x83')
    ARGS[op] = 'u2';
for (const op of 'Jjr\x84')
    ARGS[op] = 'i4';
ARGS.G = 'f8';
for (const op of 'UC\x8c\x8a')
    ARGS[op] = 'len1';
for (const op of 'TXB\x8b')
    ARGS[op] = 'len4';
for (const op of '\x8d\x8e\x96')
    ARGS[op] = 'len8';
ARGS['\x95'] = 'frame';
// Ops that show the stream builds objects, as opposed to text that happens to parse (`I1\n.`).
const STRUCTURAL = new Set('ci\x93Rb\x81\x92o(ltd}])\x85\x86\x87aesu\x8f\x90\x91');
// Ops that call something on load: a REDUCE, NEWOBJ, INST, OBJ or BUILD of an imported class.
const CALLS = new Set('R\x81\x92iob');
// Ops a stream can begin with (they need nothing on the stack): what pickle.load accepts first.
const FIRST_OPS = new Set('(]})NIJKLMFGSTUVXBCcP\x80\x8a\x8b\x8c\x8d\x8e\x88\x89\x95\x96\x82\x83\x84');
// Text opcodes a text stream (protocol 0/1, no PROTO) starts with: printable, unlike binary ones.
const TEXT_FIRST_OPS = new Set('(]})NIJLFSVcP');
class Halt {
    why;
    constructor(why) {
        this.why = why;
    }
}
function looksLikePickleStart(buf) {
    if (buf.length < 2)
        return false;
    if (buf[0] === 0x80)
        return buf[1] <= 5;
    return FIRST_OPS.has(String.fromCharCode(buf[0]));
}
/** Walks consecutive pickles from `start`; never throws. */
function scanPickles(buf, start = 0, isPrefix = false) {
    const w = newWalk(buf, start);
    const tops = [];
    let stopped;
    let unseen;
    let end = start;
    let topClass = null;
    while (w.pos < buf.length && unseen === undefined) {
        if (tops.length >= MAX_PICKLES) {
            unseen = `pickle limit (${MAX_PICKLES} pickles)`;
            break;
        }
        const outcome = walkOne(w);
        if (tops.length === 0)
            topClass = classOf(outcome.top ?? w.stack.find((v) => v.t !== 'mark'));
        if (!outcome.top) {
            if (tops.length === 0)
                stopped = outcome.why;
            unseen = tops.length === 0 ? outcome.why : `pickle ${tops.length + 1}: ${outcome.why}`;
            break;
        }
        tops.push(outcome.top);
        end = w.pos;
        if (w.pos < buf.length && !looksLikePickleStart(buf.subarray(w.pos, w.pos + 2)))
            unseen = `bytes after pickle ${tops.length} are no pickle`;
    }
    if (unseen === undefined && isPrefix)
        unseen = 'the read ends before the blob does';
    const { globals, protocol, ops, needs, built, calls } = w;
    return {
        valid: isValid(w, tops.length > 0, stopped, isPrefix),
        protocol,
        pickles: tops.length,
        ops,
        globals: [...globals],
        topClass,
        tops,
        built,
        calls,
        stopped,
        unseen,
        end,
        cleanPrefix: isCleanPrefix(w, stopped),
        needs
    };
}
/**
 * A pickle is judged by what loading it does: one that imports and calls something before it
 * ends or breaks off runs code on load, however short or odd it is. Otherwise it must reach STOP
 * (or a joblib array, or the end of a prefix) with enough opcodes that build something, so text
 * that happens to parse (`I1\n.`) stays quiet.
 */
function isValid(w, complete, stopped, isPrefix) {
    if (w.calls > 0 && w.globals.size > 0)
        return true;
    const first = complete || acceptPartial(w, stopped, isPrefix);
    const textStart = TEXT_FIRST_OPS.has(String.fromCharCode(w.buf[w.start]));
    const minOps = w.protocol >= 2 ? 3 : textStart ? 6 : 8;
    return first && w.ops >= minOps && w.structural > 0;
}
function newWalk(buf, pos) {
    return {
        buf,
        pos,
        stack: [],
        memo: new Map(),
        globals: new Set(),
        built: [],
        ops: 0,
        structural: 0,
        calls: 0,
        protocol: 0,
        start: pos
    };
}
// Halts that mean the walker gave up on a big stream, not that the bytes are no pickle.
const WALK_LIMITS = new Set(['opcode limit', 'stack limit', 'memo limit']);
// Text opcodes a protocol 0/1 stream must parse before a cut counts: short text parses as a few ops too.
const MIN_TEXT_PREFIX_OPS = 64;
// Or this many memo PUTs (`p0\n`, `p1\n`): lines prose does not have.
const MIN_TEXT_PREFIX_PUTS = 2;
/**
 * A stream unfinished only for want of bytes or walker room: a PROTO 2-5 header, or text opcodes
 * that build something and are either many or memoized (`(dp0\nVkey\np1\nV<a long string…`).
 */
function isCleanPrefix(w, stopped) {
    if (stopped !== 'truncated' && !WALK_LIMITS.has(stopped ?? ''))
        return false;
    if (w.buf[w.start] === 0x80 && w.protocol >= 2)
        return true;
    return w.structural > 0 && (w.ops >= MIN_TEXT_PREFIX_OPS || w.memo.size >= MIN_TEXT_PREFIX_PUTS);
}
/** Records how far an opcode needed to read, then halts: a cut pickle declares no length past its blob. */
function truncated(w, needs) {
    w.needs = needs;
    return new Halt('truncated');
}
/** An unfinished stream still counts when the bytes ran out (a prefix) or raw joblib arrays follow. */
function acceptPartial(w, stopped, isPrefix) {
    if (stopped === 'joblib-array')
        return true;
    if (stopped !== 'truncated')
        return false;
    return (isPrefix || w.protocol >= 2) && w.ops >= 8 && w.globals.size > 0;
}
function walkOne(w) {
    w.stack = [];
    w.memo = new Map();
    try {
        while (w.ops < MAX_OPS) {
            if (w.pos >= w.buf.length)
                throw truncated(w, w.pos + 1);
            const op = String.fromCharCode(w.buf[w.pos]);
            const kind = ARGS[op];
            if (kind === undefined)
                return { why: `unknown opcode 0x${w.buf[w.pos].toString(16)} at ${w.pos}` };
            w.pos += 1;
            const arg = readArg(w, kind);
            w.ops += 1;
            if (STRUCTURAL.has(op))
                w.structural += 1;
            if (op === '.')
                return { top: pop(w) };
            apply(w, op, arg);
            if (CALLS.has(op))
                w.calls += 1;
        }
        return { why: 'opcode limit' };
    }
    catch (error) {
        if (error instanceof Halt)
            return { why: error.why };
        throw error;
    }
}
/** A whole pickle nested in the stream (joblib writes object arrays so), walked on its own stack. */
function walkNested(w) {
    const { stack, memo } = w;
    const outcome = walkOne(w);
    w.stack = stack;
    w.memo = memo;
    if (!outcome.top)
        throw new Halt(outcome.why ?? 'nested pickle');
}
function readArg(w, kind) {
    const { buf } = w;
    const need = (n) => {
        if (w.pos + n > buf.length)
            throw truncated(w, w.pos + n);
        const at = w.pos;
        w.pos += n;
        return at;
    };
    switch (kind) {
        case 'none':
            return null;
        case 'line':
            return readLine(w);
        case 'text':
            return readLine(w, Infinity);
        case 'line2':
            return `${readLine(w)}\n${readLine(w)}`;
        case 'u1':
            return buf[need(1)];
        case 'u2':
            return buf.readUInt16LE(need(2));
        case 'i4':
            return buf.readInt32LE(need(4));
        case 'f8':
        case 'frame':
            need(8);
            return null;
        case 'len1':
            return sliceOf(w, buf[need(1)]);
        case 'len4':
            return sliceOf(w, buf.readUInt32LE(need(4)));
        case 'len8':
            return sliceOf(w, Number(buf.readBigUInt64LE(need(8))));
    }
}
function readLine(w, maxLine = MAX_LINE) {
    const nl = w.buf.indexOf(0x0a, w.pos);
    if (nl < 0) {
        if (w.buf.length - w.pos > maxLine)
            throw new Halt('line too long');
        throw truncated(w, w.buf.length + 1);
    }
    if (nl - w.pos > maxLine)
        throw new Halt('line too long');
    const line = w.buf.toString('latin1', w.pos, nl);
    w.pos = nl + 1;
    return line;
}
/** Skips a length-prefixed payload, keeping only a short head (enough for module and class names). */
function sliceOf(w, length) {
    if (w.pos + length > w.buf.length)
        throw truncated(w, w.pos + length);
    const head = w.buf.subarray(w.pos, w.pos + Math.min(length, 512));
    w.pos += length;
    return head;
}
function apply(w, op, arg) {
    if (pushLiteral(w, op, arg))
        return;
    if (memoOp(w, op, arg))
        return;
    if (buildOp(w, op, arg))
        return;
    collectionOp(w, op);
}
function push(w, v) {
    if (w.stack.length >= MAX_STACK)
        throw new Halt('stack limit');
    w.stack.push(v);
}
function pop(w) {
    const v = w.stack.pop();
    if (!v || v.t === 'mark')
        throw new Halt('stack underflow');
    return v;
}
function popMark(w) {
    for (let i = w.stack.length - 1; i >= 0; i--) {
        if (w.stack[i].t === 'mark')
            return w.stack.splice(i).slice(1);
    }
    throw new Halt('no mark');
}
function pushLiteral(w, op, arg) {
    const text = () => (Buffer.isBuffer(arg) ? arg.toString('utf8') : String(arg));
    if ('SVUTX\x8c\x8d'.includes(op))
        push(w, { t: 'str', v: op === 'S' ? unquote(text()) : text() });
    else if (op === 'I' || op === 'L')
        push(w, { t: 'int', v: checkInt(text()) });
    else if ('JKM'.includes(op))
        push(w, { t: 'int', v: String(arg) });
    else if (op === '\x8a' || op === '\x8b')
        push(w, { t: 'int', v: longOf(arg) });
    else if (op === 'F')
        push(w, { t: 'other', ...checkFloat(text()) });
    else if ('GNCB\x8e\x96\x88\x89\x97\x82\x83\x84P'.includes(op))
        push(w, { t: 'other' });
    else if (op === 'c')
        push(w, { t: 'global', name: globalName(w, String(arg)) });
    else if (op === '\x80')
        w.protocol = protocolOf(arg);
    else
        return op === '\x95' || op === '\x98';
    return true;
}
function unquote(s) {
    const q = s[0];
    if ((q !== "'" && q !== '"') || s[s.length - 1] !== q || s.length < 2)
        throw new Halt('bad STRING');
    return s.slice(1, -1);
}
function checkInt(s) {
    if (!/^[-+]?\d+L?$/.test(s))
        throw new Halt('bad INT');
    return s.replace(/L$/, '');
}
function checkFloat(s) {
    if (!/^([-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|[-+]?inf|nan)$/i.test(s))
        throw new Halt('bad FLOAT');
    return {};
}
function longOf(bytes) {
    let value = 0n;
    for (let i = bytes.length - 1; i >= 0; i--)
        value = (value << 8n) | BigInt(bytes[i]);
    if (bytes.length > 0 && bytes[bytes.length - 1] & 0x80)
        value -= 1n << BigInt(8 * bytes.length);
    return value.toString();
}
function protocolOf(p) {
    if (p > 5)
        throw new Halt(`protocol ${p}`);
    return p;
}
function globalName(w, moduleAndName) {
    const [module, name] = moduleAndName.split('\n');
    if (!/^[\x21-\x7e]{1,256}$/.test(module) || !/^[\x21-\x7e]{1,256}$/.test(name))
        throw new Halt('bad GLOBAL');
    const full = `${module}.${name}`;
    if (w.globals.size < MAX_GLOBALS)
        w.globals.add(full);
    return full;
}
function memoOp(w, op, arg) {
    if ('pqr\x94'.includes(op)) {
        const top = w.stack[w.stack.length - 1];
        if (!top)
            throw new Halt('memo of empty stack');
        if (w.memo.size >= MAX_MEMO)
            throw new Halt('memo limit');
        const key = op === '\x94' ? w.memo.size : memoKey(arg);
        w.memo.set(key, top);
        return true;
    }
    if (!'ghj'.includes(op))
        return false;
    const value = w.memo.get(memoKey(arg));
    if (!value)
        throw new Halt('memo miss');
    push(w, value);
    return true;
}
function memoKey(arg) {
    if (typeof arg === 'number')
        return arg;
    if (typeof arg !== 'string' || !/^\d+$/.test(arg))
        throw new Halt('bad memo index');
    return Number(arg);
}
function buildOp(w, op, arg) {
    switch (op) {
        case '\x93': {
            const name = pop(w);
            const module = pop(w);
            const dotted = `${module.t === 'str' ? module.v : '?'}\n${name.t === 'str' ? name.v : '?'}`;
            push(w, { t: 'global', name: globalName(w, dotted) });
            return true;
        }
        case 'R': {
            const args = pop(w);
            push(w, reduced(pop(w), args));
            return true;
        }
        case '\x81': {
            const args = pop(w);
            push(w, { t: 'obj', cls: nameOf(pop(w)), args: itemsOf(args), entries: new Map() });
            return true;
        }
        case '\x92':
            pop(w);
            pop(w);
            push(w, { t: 'obj', cls: nameOf(pop(w)) });
            return true;
        case 'b':
            build(w);
            return true;
        case 'i':
            popMark(w);
            push(w, { t: 'obj', cls: globalName(w, String(arg)) });
            return true;
        case 'o': {
            const items = popMark(w);
            push(w, { t: 'obj', cls: items[0] ? nameOf(items[0]) : null });
            return true;
        }
        case 'Q':
            pop(w);
            push(w, { t: 'other' });
            return true;
    }
    return false;
}
/** BUILD sets state on the object below; joblib writes an array's raw bytes right after its wrapper's BUILD. */
function build(w) {
    const state = pop(w);
    const target = w.stack[w.stack.length - 1];
    if (!target || target.t === 'mark')
        throw new Halt('stack underflow');
    if (target.t !== 'obj')
        return;
    target.state = state;
    if (w.built.length < KEEP_BUILT)
        w.built.push(target);
    if (target.cls === 'joblib.numpy_pickle.NumpyArrayWrapper')
        skipJoblibArray(w, state);
}
/**
 * joblib follows a NumpyArrayWrapper with the array: a whole pickle for object arrays, else an
 * optional padding (a length byte, then that many 0xff) and shape × itemsize raw bytes. An array
 * whose size the wrapper does not tell halts the walk ('joblib-array'), keeping what was seen.
 */
function skipJoblibArray(w, state) {
    const entries = state.t === 'obj' ? state.entries : undefined;
    const shape = entries ? intsOf(entries.get('shape')) : null;
    const itemSize = entries ? dtypeItemSize(entries.get('dtype')) : null;
    if (itemSize === 'object')
        return walkNested(w);
    if (!shape || itemSize === null)
        throw new Halt('joblib-array');
    const padding = w.buf[w.pos];
    if (padding >= 1 && padding <= 16 && w.buf.subarray(w.pos + 1, w.pos + 1 + padding).every((b) => b === 0xff))
        w.pos += 1 + padding;
    const bytes = shape.reduce((a, b) => a * b, itemSize);
    if (w.pos + bytes > w.buf.length)
        throw truncated(w, w.pos + bytes);
    w.pos += bytes;
}
/** Bytes per item of a pickled numpy.dtype ('f8', 'b1', 'V32', 'U5'); 'object' for 'O'; null when not known. */
function dtypeItemSize(dtype) {
    const code = dtype?.t === 'obj' && dtype.args?.[0]?.t === 'str' ? dtype.args[0].v : '';
    const match = /^[<>|=]?([biufcmMOSVU])(\d+)$/.exec(code);
    if (!match)
        return null;
    if (match[1] === 'O')
        return 'object';
    return Number(match[2]) * (match[1] === 'U' ? 4 : 1); // 'U5' is five UCS-4 characters
}
/** The integers of a tuple of ints (a shape); null when it is anything else. */
function intsOf(v) {
    if (v?.t !== 'tuple' || !v.items.every((i) => i.t === 'int'))
        return null;
    return v.items.map((i) => Number(i.v));
}
function collectionOp(w, op) {
    switch (op) {
        case '(':
            push(w, { t: 'mark' });
            return;
        case '}':
        case 'd':
            setItems(w, dict(), op === 'd' ? popMark(w) : []);
            return;
        case ']':
        case 'l':
            if (op === 'l')
                popMark(w);
            push(w, { t: 'obj', cls: 'list' });
            return;
        case '\x8f':
        case '\x91':
            if (op === '\x91')
                popMark(w);
            push(w, { t: 'obj', cls: 'set' });
            return;
        case ')':
            push(w, { t: 'tuple', items: [] });
            return;
        case 't':
            push(w, { t: 'tuple', items: popMark(w).slice(0, KEEP_ITEMS) });
            return;
        case '\x85':
        case '\x86':
        case '\x87':
            tupleN(w, op.charCodeAt(0) - 0x84);
            return;
        default:
            stackOp(w, op);
    }
}
function dict() {
    return { t: 'obj', cls: 'dict', entries: new Map() };
}
/** Pushes `target` after setting the key-value pairs in `items` on it. */
function setItems(w, target, items) {
    for (let i = 0; i + 1 < items.length; i += 2)
        setItem(target, items[i], items[i + 1]);
    push(w, target);
}
function setItem(target, key, value) {
    if (target.t !== 'obj' || !target.entries || key.t !== 'str')
        return;
    if (target.entries.size < KEEP_ENTRIES || target.entries.has(key.v))
        target.entries.set(key.v, value);
}
function stackOp(w, op) {
    switch (op) {
        case 'a':
            pop(w);
            if (!w.stack.length)
                fail('stack underflow');
            return;
        case 's': {
            const value = pop(w);
            const key = pop(w);
            setItem(w.stack[w.stack.length - 1] ?? fail('stack underflow'), key, value);
            return;
        }
        case 'u': {
            const items = popMark(w);
            const target = w.stack[w.stack.length - 1] ?? fail('stack underflow');
            for (let i = 0; i + 1 < items.length; i += 2)
                setItem(target, items[i], items[i + 1]);
            return;
        }
        case 'e':
        case '\x90':
            popMark(w);
            return;
        case '0':
            if (w.stack.pop() === undefined)
                fail('stack underflow');
            return;
        case '1':
            popMark(w);
            return;
        case '2':
            push(w, w.stack[w.stack.length - 1] ?? fail('stack underflow'));
            return;
        default:
            throw new Halt(`unhandled opcode ${op}`);
    }
}
function tupleN(w, n) {
    const items = [];
    for (let i = 0; i < n; i++)
        items.unshift(pop(w));
    push(w, { t: 'tuple', items });
}
function fail(why) {
    throw new Halt(why);
}
function itemsOf(v) {
    return v.t === 'tuple' ? v.items : [];
}
function nameOf(v) {
    if (v.t === 'global')
        return v.name;
    if (v.t === 'obj')
        return v.cls;
    return null;
}
// Reconstructor helpers take the real class as their first argument (copyreg, sklearn trees, numpy).
const RECONSTRUCTORS = /(_reconstructor|__newobj__|__newobj_ex__|\.newObj|multiarray\._reconstruct|_unpickle)$/;
/** REDUCE: an object of the callable's class (or of the class a reconstructor is given), with its arguments. */
function reduced(callable, args) {
    const name = nameOf(callable);
    const items = itemsOf(args);
    const first = items[0];
    const cls = name && RECONSTRUCTORS.test(name) && first?.t === 'global' ? first.name : name;
    // A dict made by a call (OrderedDict(), dict()) still takes SETITEMS.
    return { t: 'obj', cls, args: items, entries: new Map() };
}
function classOf(v) {
    if (!v)
        return null;
    if (v.t === 'obj')
        return v.cls;
    if (v.t === 'global')
        return v.name;
    if (v.t === 'tuple')
        return 'tuple';
    return v.t === 'str' ? 'str' : v.t === 'int' ? 'int' : null;
}

// What a walked pickle means: imports that run code, neighbour estimators (knn-index) and how many
// records they hold, pickles of plain data (kind data), and the pickle / joblib sniffer itself.
const NEIGHBOURS = /^sklearn\.neighbors\.[\w.]*?(KNeighbors(Classifier|Regressor|Transformer)|RadiusNeighbors(Classifier|Regressor|Transformer)|NearestNeighbors|KDTree\d*|BallTree\d*|LocalOutlierFactor|NeighborhoodComponentsAnalysis|NearestCentroid|KernelDensity)$/;
const UNSAFE_MODULES = new Set([
    'os',
    'posix',
    'nt',
    'subprocess',
    'sys',
    'socket',
    'shutil',
    'runpy',
    'importlib',
    'pty',
    'commands',
    'webbrowser',
    'ctypes',
    'marshal',
    'code',
    'multiprocessing',
    'pickle',
    '_pickle',
    'dill',
    'requests',
    'urllib',
    'httplib',
    'http',
    'ftplib',
    'telnetlib',
    'asyncio',
    'pdb',
    'bdb',
    'timeit',
    'platform'
]);
const UNSAFE_BUILTINS = new Set([
    'eval',
    'exec',
    'execfile',
    'compile',
    'getattr',
    'setattr',
    'delattr',
    '__import__',
    'open',
    'globals',
    'locals',
    'vars',
    'input',
    'breakpoint',
    'apply',
    'file',
    'reload'
]);
/** Imports that can run code or touch the system on load: reported as information. */
function unsafeImports(globals) {
    return globals.filter((g) => {
        const dot = g.lastIndexOf('.');
        const module = g.slice(0, dot);
        const root = module.split('.')[0];
        if (module === 'builtins' || module === '__builtin__')
            return UNSAFE_BUILTINS.has(g.slice(dot + 1));
        if (g === 'operator.attrgetter' || g === 'operator.methodcaller')
            return true;
        return UNSAFE_MODULES.has(root);
    });
}
/** The neighbour estimators among the globals: each one keeps its training set (`_fit_X`). */
function neighbourClasses(globals) {
    return globals.filter((g) => NEIGHBOURS.test(g));
}
/** Detail shared by every pickle-carrying format (pickle, joblib, torch data.pkl, npy objects). */
function pickleDetail(scan) {
    const detail = {
        topClass: scan.topClass,
        protocol: scan.protocol,
        pickles: scan.pickles,
        globals: scan.globals,
        unsafeImports: unsafeImports(scan.globals)
    };
    const neighbours = neighbourClasses(scan.globals);
    if (neighbours.length > 0)
        Object.assign(detail, { neighbourClasses: neighbours, ...storedRecords(scan.built) });
    if (scan.unseen)
        detail.walkStopped = scan.unseen;
    if (pickleKind(scan) === 'unknown')
        return {
            reason: `pickle stream not seen to its end (${scan.unseen}): bytes from offset ${scan.end} not inspected`,
            ...detail
        };
    return detail;
}
/**
 * knn-index when any estimator in it is a neighbour model; data when it holds only containers and
 * arrays and was walked to the blob's last byte; unknown when what was walked is data but bytes
 * after it were not (another `pickle.load(f)` reads them); else pickle.
 */
function pickleKind(scan) {
    const top = scan.topClass ?? '';
    if (NEIGHBOURS.test(top) || neighbourClasses(scan.globals).length > 0)
        return 'knn-index';
    if (!scan.valid || !scan.globals.every((g) => DATA_GLOBALS.test(g)))
        return 'pickle';
    return scan.unseen === undefined ? 'data' : 'unknown';
}
// Containers, arrays and plain values: what a pickle of data (not of a model) imports. Anything
// else, an estimator or a class we do not know, keeps the pickle a model.
const DATA_GLOBALS = new RegExp([
    '^(builtins|__builtin__)\\.(dict|list|set|frozenset|tuple|bytearray|bytes|str|int|float|complex|bool|slice|range|object)$',
    '^(copy_reg|copyreg)\\.(_reconstructor|__newobj__|__newobj_ex__)$',
    '^_codecs\\.encode$',
    '^collections\\.(OrderedDict|defaultdict|deque|Counter)$',
    '^(datetime\\.(datetime|date|time|timedelta|timezone)|decimal\\.Decimal|fractions\\.Fraction|uuid\\.UUID)$',
    '^numpy\\.(ndarray|dtype|(_?core\\.)(multiarray\\.(_reconstruct|scalar)|numeric\\._frombuffer)|ma\\.core\\.(MaskedArray|_mareconstruct))$',
    '^pandas\\.(core\\.(frame\\.DataFrame|series\\.Series|indexes|internals|arrays|dtypes)|_libs\\.(internals|tslibs|arrays|interval))(\\.|$)',
    '^joblib\\.numpy_pickle\\.NumpyArrayWrapper$'
].join('|'));
/**
 * How many training records a neighbour model keeps verbatim, and their dimension: the estimator's
 * `n_samples_fit_` / `n_features_in_`, else the shape of `_fit_X`, or a bare tree's data array.
 */
function storedRecords(built) {
    for (const object of built) {
        if (!NEIGHBOURS.test(object.cls ?? ''))
            continue;
        const state = object.state;
        const attrs = state?.t === 'obj' ? state.entries : undefined;
        const shape = attrs ? arrayShape(attrs.get('_fit_X')) : state?.t === 'tuple' ? arrayShape(state.items[0]) : null;
        const records = intOf(attrs?.get('n_samples_fit_')) ?? shape?.[0];
        const dimension = intOf(attrs?.get('n_features_in_')) ?? shape?.[1];
        if (records !== undefined || dimension !== undefined)
            return { records, dimension };
    }
    return {};
}
function intOf(v) {
    return v?.t === 'int' ? Number(v.v) : undefined;
}
/** The shape of a pickled ndarray: numpy's reduce state, protocol 5's _frombuffer, or joblib's wrapper. */
function arrayShape(v) {
    if (v?.t !== 'obj')
        return null;
    if (v.cls?.endsWith('._frombuffer'))
        return intsOf(v.args?.[2]);
    if (v.cls === 'joblib.numpy_pickle.NumpyArrayWrapper' && v.state?.t === 'obj')
        return intsOf(v.state.entries?.get('shape'));
    return v.state?.t === 'tuple' ? intsOf(v.state.items[1]) : null;
}
const scans = new WeakMap();
/** The scan of a blob from offset 0, computed once per buffer (torch-legacy and pickle share it). */
function scanBlob(blob) {
    if (!looksLikePickleStart(blob.bytes))
        return null;
    let scan = scans.get(blob.bytes);
    if (!scan) {
        scan = scanPickles(blob.bytes, 0, blob.size > blob.bytes.length);
        scans.set(blob.bytes, scan);
    }
    return scan;
}
/**
 * A PROTO header, or a text-protocol (0/1) head that parses cleanly to its end or holds pickles
 * (more may follow past the head): read like any pickle.
 */
function pickleWants(head) {
    if (head[0] === 0x80 && head[1] <= 5)
        return LIMITS.reads.pickle;
    if (!looksLikePickleStart(head) || head.length < LIMITS.headBytes)
        return null;
    const scan = scanPickles(head.subarray(0, LIMITS.headBytes), 0, true);
    return scan.cleanPrefix || scan.valid ? LIMITS.reads.pickle : null;
}
const JOBLIB_EXTENSIONS = new Set(['.joblib', '.jl', '.z']);
function sniffPickle(blob) {
    const scan = scanBlob(blob);
    if (!scan)
        return null;
    const joblib = scan.globals.some((g) => g.startsWith('joblib.')) || JOBLIB_EXTENSIONS.has(extensionOf(blob.path));
    const format = joblib ? 'joblib' : 'pickle';
    if (scan.valid)
        return { format, kind: pickleKind(scan), detail: pickleDetail(scan) };
    const reason = uninspectedReason(blob, scan);
    return reason ? { format, kind: 'unknown', detail: { reason, ...pickleDetail(scan) } } : null;
}
/**
 * Why a pickle that did not walk to its end fails closed: it imported something that runs code
 * before it broke off (the loader imports, and may call, before it fails), or a clean prefix was
 * cut by the read cap or a walker limit.
 */
function uninspectedReason(blob, scan) {
    const unsafe = unsafeImports(scan.globals);
    // Cut short (or binary from its PROTO on), not text that parsed as a GLOBAL then stopped making sense.
    const brokenOff = scan.stopped === 'truncated' || scan.protocol >= 2;
    if (unsafe.length > 0 && brokenOff)
        return `pickle stream imports ${unsafe.join(', ')}, then breaks off (${scan.stopped ?? 'not a complete pickle'})`;
    if (scan.pickles > 0 && endsAtTheCut(blob, scan))
        return `pickle ends where the ${blob.bytes.length}-byte read stops: what follows was not inspected`;
    if (!scan.cleanPrefix)
        return null;
    if (WALK_LIMITS.has(scan.stopped ?? ''))
        return `pickle walk stopped at its ${scan.stopped}: not fully inspected`;
    const cutByRead = blob.size > blob.bytes.length && (scan.needs ?? Infinity) <= blob.size;
    return cutByRead ? `pickle longer than the ${blob.bytes.length} bytes read: not fully inspected` : null;
}
/** The walk ended on the last byte read of a longer blob: another stream (a model) may follow unseen. */
function endsAtTheCut(blob, scan) {
    return blob.bytes.length < blob.size && scan.end === blob.bytes.length;
}

// NumPy .npy: numeric arrays are data and stay quiet; object arrays ('|O') carry a pickle after the
// header. Bytes after a numeric array (`np.save(f, a)` then `pickle.dump(model, f)`: `np.load` stops
// at the array's end) are a pickle to walk or, unseen, an unknown finding: never passed as data.
function headerEnd(bytes) {
    if (!hasBytes(bytes, 0, '\x93NUMPY'))
        return null;
    const major = bytes[6];
    const length = major === 1 ? u16(bytes, 8) : u32(bytes, 8);
    const start = major === 1 ? 10 : 12;
    if (length === null || major < 1 || major > 3)
        return null;
    return { end: start + length, header: bytes.toString('latin1', start, Math.min(start + length, bytes.length)) };
}
function npyWants(head, size) {
    const npy = headerEnd(head);
    if (!npy)
        return null;
    if (holdsObjects(npy.header))
        return LIMITS.reads.pickle;
    // Bytes after the array are read when the size is known (a decompressed stream's is not).
    const after = size < Number.MAX_SAFE_INTEGER && size > npy.end + (arrayBytes(npy.header) ?? Infinity);
    return after ? LIMITS.reads.pickle : null;
}
/** What a numeric array takes after the header: its shape × item size; null for a dtype not sized here (structured). */
function arrayBytes(header) {
    const descr = /['"]descr['"]\s*:\s*['"][|<>=]?([biufcmMSUV])(\d+)['"]/.exec(header);
    const shape = /['"]shape['"]\s*:\s*\(([\d\s,]*)\)/.exec(header)?.[1];
    if (!descr || shape === undefined)
        return null;
    const dims = shape.split(',').filter((d) => d.trim() !== '');
    const items = dims.reduce((n, d) => n * Number(d), 1);
    return items * Number(descr[2]) * (descr[1] === 'U' ? 4 : 1); // 'U5' is five UCS-4 characters
}
/**
 * The header is a Python dict literal (`ast.literal_eval`): keys in any order and either quote. An
 * object dtype (`'|O'`, `'O'`, `'O8'`), alone or as a field of a structured dtype, means a pickle follows.
 */
function holdsObjects(header) {
    const descr = /['"]descr['"]\s*:\s*(\[.*\]|['"][^'"]*['"])/s.exec(header)?.[1];
    return !!descr && /['"][|<>=]?O\d*['"]/.test(descr);
}
function sniffNpy(blob) {
    const npy = headerEnd(blob.bytes);
    if (!npy)
        return null;
    if (!holdsObjects(npy.header))
        return afterTheArray(blob, npy.end + (arrayBytes(npy.header) ?? blob.size));
    const scan = scanPickles(blob.bytes, npy.end, blob.size > blob.bytes.length);
    const shape = /['"]shape['"]:\s*\(([^)]*)\)/.exec(npy.header)?.[1];
    const detail = {
        container: 'npy',
        shape: shape?.trim() ?? null,
        ...(scan.valid ? pickleDetail(scan) : { pickle: 'not walked' })
    };
    return { format: 'pickle', kind: scan.valid ? pickleKind(scan) : 'pickle', detail };
}
/** A numeric array is data and stays quiet, unless bytes follow it: a pickle is walked, anything else is not inspected. */
function afterTheArray(blob, end) {
    const sizeUnknown = blob.size === Number.MAX_SAFE_INTEGER; // a decompressed prefix: judge only what it holds
    if (end >= blob.size || (sizeUnknown && end >= blob.bytes.length))
        return null;
    const rest = looksLikePickleStart(blob.bytes.subarray(end, end + 2))
        ? scanPickles(blob.bytes, end, blob.size > blob.bytes.length)
        : null;
    if (rest?.valid)
        return { format: 'pickle', kind: pickleKind(rest), detail: { container: 'npy', ...pickleDetail(rest) } };
    const reason = `${blob.size - end} bytes after the array (from offset ${end}) that np.load does not read: not inspected`;
    return { format: 'numpy', kind: 'unknown', detail: { reason } };
}

// ONNX ModelProto (protobuf, no magic): ir_version first, a graph, and only ModelProto field numbers.
// ModelProto fields read: the strings that say who made it. Fields may come in any order and
// unknown ones are allowed (protobuf semantics): what makes a model is its graph.
const STRING_FIELDS = {
    2: 'producer_name',
    3: 'producer_version',
    4: 'domain',
    6: 'doc_string'
};
const GRAPH = 7;
const IDENTIFIER = /^[A-Za-z_][\w.]{0,127}$/;
function onnxWants(head) {
    return looksLikeOnnxStart(head) ? LIMITS.reads.onnx : null;
}
/** Top-level fields that parse, with an ir_version or a graph among the first ones (junk after them is allowed). */
function looksLikeOnnxStart(bytes) {
    const walk = pbFields(bytes, 0, Number.MAX_SAFE_INTEGER, 32);
    if (walk.error && walk.fields.length < 2)
        return false;
    return walk.fields.some((f) => isIrVersion(f) || (f.num === GRAPH && f.wire === 2));
}
function isIrVersion(f) {
    return f.num === 1 && f.wire === 0 && f.value >= 1 && f.value <= 20;
}
function sniffOnnx(blob) {
    const { bytes } = blob;
    if (!looksLikeOnnxStart(bytes))
        return null;
    const walk = pbFields(bytes, 0, blob.size);
    if (walk.error && !walk.fields.some((f) => f.num === GRAPH))
        return null;
    const ir = walk.fields.find((f) => f.num === 1);
    if (ir && !isIrVersion(ir))
        return null;
    const graph = walk.fields.find((f) => f.num === GRAPH && f.wire === 2);
    if (!graph || !graphLooksValid(bytes, graph))
        return null;
    const detail = { irVersion: ir?.value ?? null, ...graphCounts(bytes, graph) };
    detail.metadata = metadataOf(bytes, walk.fields);
    detail.opsetCount = walk.fields.filter((f) => f.num === 8).length;
    if (walk.truncated)
        detail.truncated = true;
    if (walk.error)
        detail.trailingBytes = true;
    return { format: 'onnx', kind: 'weights', detail };
}
/**
 * GraphProto fields parse (any numbers: unknown fields are legal), and it holds a node with an
 * operator name (NodeProto.op_type, field 4) or an initializer tensor with a data type (field 2).
 */
function graphLooksValid(bytes, graph) {
    const inner = pbFields(bytes, graph.start, graph.end, 2000);
    if (inner.error || inner.fields.length === 0)
        return false;
    return inner.fields.some((f) => (f.num === 1 && f.wire === 2 && hasOpType(bytes, f)) || (f.num === 5 && f.wire === 2 && hasDataType(bytes, f)));
}
function hasOpType(bytes, node) {
    const { fields, error } = pbFields(bytes, node.start, node.end, 64);
    const op = fields.find((f) => f.num === 4 && f.wire === 2);
    return !error && !!op && IDENTIFIER.test(pbString(bytes, op, 128));
}
function hasDataType(bytes, tensor) {
    const { fields } = pbFields(bytes, tensor.start, tensor.end, 64);
    return fields.some((f) => f.num === 2 && f.wire === 0 && f.value >= 1 && f.value <= 30);
}
function graphCounts(bytes, graph) {
    const { fields } = pbFields(bytes, graph.start, graph.end, 100_000);
    return { nodeCount: fields.filter((f) => f.num === 1).length, tensorCount: fields.filter((f) => f.num === 5).length };
}
/** metadata_props plus producer, domain and doc strings: what the file says about itself. */
function metadataOf(bytes, fields) {
    const metadata = {};
    for (const field of fields) {
        if (STRING_FIELDS[field.num] && field.wire === 2)
            metadata[STRING_FIELDS[field.num]] = pbString(bytes, field);
        if (field.num === 14 && field.wire === 2) {
            const entry = pbKeyValue(bytes, field);
            if (entry)
                metadata[entry[0]] = entry[1];
        }
    }
    return metadata;
}

function sniffPmml(blob) {
    const root = xmlRoot(blob.bytes);
    if (root?.name !== 'PMML')
        return null;
    const version = xmlAttribute(root.tag, 'version');
    const model = /<(?:[\w.-]+:)?(\w+Model|MiningModel|Scorecard|NearestNeighborModel)[\s>]/.exec(root.head)?.[1];
    const kind = model === 'NearestNeighborModel' ? 'knn-index' : 'weights';
    return { format: 'pmml', kind, detail: { version, ...(model ? { modelElement: model } : {}) } };
}

// RAR listing (RAR5 and RAR 1.5-4.x) by walking the block headers of the bytes read: each member's
// header, with its name, sits right before its data. A member stored uncompressed and in the clear
// is its bytes, read like any archive member; a compressed or encrypted one (no RAR decoder is
// bundled or permissively licensed) is listed by name only. Encrypted headers list nothing.
const RAR4 = 'Rar!\x1a\x07\x00';
const RAR5 = 'Rar!\x1a\x07\x01\x00';
function isRar(head) {
    return hasBytes(head, 0, RAR4) || hasBytes(head, 0, RAR5);
}
const COMPRESSED = 'RAR-compressed (not decoded here)';
const ENCRYPTED = 'encrypted (RAR)';
function listRar(blob) {
    const walk = hasBytes(blob.bytes, 0, RAR5) ? walkRar5(blob.bytes) : walkRar4(blob.bytes);
    const entries = walk.entries.filter((e) => !e.unreadable);
    const unopened = walk.entries.filter((e) => e.unreadable);
    const archive = { type: 'rar', entries, unopened, read: (entry, limit) => readEntry$1(blob, entry, limit) };
    if (walk.encrypted)
        return { ...archive, unreadable: 'its headers are encrypted: members not listed' };
    if (walk.ended)
        return archive;
    const cut = blob.bytes.length < blob.size ? readShort('rar', blob.size, blob.bytes.length) : 'it ends early';
    return { ...archive, truncated: `${cut}: members past that point not listed` };
}
/** A header whose checksum fails: not a RAR we can trust (bytes after a RAR signature by chance, or corrupt). */
function badCrc(at) {
    return new MalformedInput(`rar header at byte ${at} fails its CRC32`);
}
async function readEntry$1(blob, entry, limit) {
    const { offset, size } = entry;
    return blob.bytes.subarray(offset, Math.min(offset + size, offset + limit, blob.bytes.length));
}
/** A member entry: readable when stored in the clear and its data starts within the bytes read. */
function memberEntry$1(bytes, name, at, how) {
    const entry = { name, size: at.size, packedSize: at.packed, offset: at.offset };
    if (how.encrypted)
        return { ...entry, unreadable: ENCRYPTED };
    if (!how.stored)
        return { ...entry, unreadable: COMPRESSED };
    if (at.size > 0 && at.offset >= bytes.length)
        return { ...entry, unreadable: 'its data lies past the bytes read' };
    return entry;
}
// ------------------------------------------------------------------ RAR5 (rarlab's "RAR 5.0 archive format")
const RAR5_TYPE = { file: 2, encryption: 4, end: 5 };
/** RAR5's variable-length integer: 7 bits a byte, least significant first, at most 10 bytes; null past the end. */
function vintAt(bytes, at) {
    let value = 0;
    for (let i = 0; i < 10; i++) {
        const byte = bytes[at + i];
        if (byte === undefined)
            return null;
        value += (byte & 0x7f) * 2 ** (7 * i);
        if ((byte & 0x80) === 0)
            return { value, next: at + i + 1 };
    }
    throw new MalformedInput('rar number longer than 10 bytes');
}
function vint(bytes, at) {
    const read = vintAt(bytes, at);
    if (!read)
        throw new MalformedInput('rar header ends early');
    return read;
}
/** Reads fields in order from one header. */
class Fields {
    bytes;
    at;
    constructor(bytes, at) {
        this.bytes = bytes;
        this.at = at;
    }
    vint() {
        const { value, next } = vint(this.bytes, this.at);
        this.at = next;
        return value;
    }
    skip(length) {
        this.at += length;
    }
}
function walkRar5(bytes) {
    const entries = [];
    let at = RAR5.length;
    while (entries.length < LIMITS.maxListed) {
        const size = vintAt(bytes, at + 4); // after the header's CRC32
        if (!size || size.next + size.value > bytes.length)
            break; // cut by the read
        const headerEnd = size.next + size.value;
        if (crc32(bytes.subarray(at + 4, headerEnd)) !== u32(bytes, at))
            throw badCrc(at);
        const f = new Fields(bytes, size.next);
        const type = f.vint();
        const flags = f.vint();
        const extraSize = flags & 1 ? f.vint() : 0;
        const dataSize = flags & 2 ? f.vint() : 0;
        if (type === RAR5_TYPE.encryption)
            return { entries, encrypted: true, ended: false };
        if (type === RAR5_TYPE.end)
            return { entries, ended: true };
        if (type === RAR5_TYPE.file) {
            const entry = rar5File(bytes, f, { headerEnd, extraSize, dataSize });
            if (entry)
                entries.push(entry);
        }
        at = headerEnd + dataSize;
    }
    return { entries, ended: false };
}
/** A file header's fields after the common ones; null for a directory. */
function rar5File(bytes, f, block) {
    const fileFlags = f.vint();
    const size = f.vint();
    f.vint(); // attributes
    if (fileFlags & 2)
        f.skip(4); // modification time
    if (fileFlags & 4)
        f.skip(4); // data CRC32
    const method = (f.vint() >> 7) & 7;
    f.vint(); // host OS
    const nameLength = f.vint();
    const name = bytes.toString('utf8', f.at, f.at + nameLength);
    if (fileFlags & 1)
        return null;
    const encrypted = hasRecord(bytes, block.headerEnd - block.extraSize, block.headerEnd, RAR5_FILE_ENCRYPTION);
    const at = { offset: block.headerEnd, packed: block.dataSize, size };
    return memberEntry$1(bytes, name, at, { stored: method === 0, encrypted });
}
const RAR5_FILE_ENCRYPTION = 1;
/** Whether the extra area holds a record of this type. */
function hasRecord(bytes, at, end, type) {
    while (at < end) {
        const size = vint(bytes, at);
        if (vint(bytes, size.next).value === type)
            return true;
        at = size.next + size.value;
    }
    return false;
}
// ------------------------------------------------------------------ RAR 1.5-4.x (rarlab's technote)
const RAR4_TYPE = { main: 0x73, file: 0x74, end: 0x7b };
const RAR4_FLAG = {
    mainEncryptedHeaders: 0x0080,
    long: 0x8000,
    encrypted: 0x0004,
    large: 0x0100,
    directory: 0x00e0
};
const RAR4_STORE = 0x30;
function walkRar4(bytes) {
    const entries = [];
    let at = RAR4.length;
    while (at + 7 <= bytes.length && entries.length < LIMITS.maxListed) {
        const type = bytes[at + 2];
        const flags = u16(bytes, at + 3) ?? 0;
        const size = u16(bytes, at + 5) ?? 0;
        if (size < 7)
            throw new MalformedInput(`rar block at ${at} of ${size} bytes`);
        if (at + size <= bytes.length && (crc32(bytes.subarray(at + 2, at + size)) & 0xffff) !== u16(bytes, at))
            throw badCrc(at);
        if (type === RAR4_TYPE.main && flags & RAR4_FLAG.mainEncryptedHeaders)
            return { entries, encrypted: true, ended: false };
        if (type === RAR4_TYPE.end)
            return { entries, ended: true };
        if (at + size > bytes.length)
            break;
        if (type === RAR4_TYPE.file) {
            const entry = rar4File(bytes, at, flags, size);
            if (entry)
                entries.push(entry);
            at += size + rar4Sizes(bytes, at, flags).packed;
        }
        else
            at += size + (flags & RAR4_FLAG.long ? (u32(bytes, at + 7) ?? 0) : 0);
    }
    return { entries, ended: false };
}
/** Packed and unpacked sizes of a RAR4 file block: above 4 GiB, their high halves follow the attributes. */
function rar4Sizes(bytes, at, flags) {
    const large = (flags & RAR4_FLAG.large) !== 0;
    const packed = (u32(bytes, at + 7) ?? 0) + (large ? (u32(bytes, at + 32) ?? 0) * 2 ** 32 : 0);
    const unpacked = (u32(bytes, at + 11) ?? 0) + (large ? (u32(bytes, at + 36) ?? 0) * 2 ** 32 : 0);
    return { packed, unpacked, large };
}
/** A RAR4 file block; null for a directory. */
function rar4File(bytes, at, flags, size) {
    const { packed, unpacked, large } = rar4Sizes(bytes, at, flags);
    const nameAt = at + 32 + (large ? 8 : 0);
    const raw = bytes.subarray(nameAt, nameAt + (u16(bytes, at + 26) ?? 0));
    // A Unicode name follows the plain one after a zero byte, in RAR's own packing: the plain one is kept.
    const nul = raw.indexOf(0);
    const name = raw.toString('utf8', 0, nul < 0 ? raw.length : nul);
    if ((flags & RAR4_FLAG.directory) === RAR4_FLAG.directory)
        return null;
    const how = { stored: bytes[at + 25] === RAR4_STORE, encrypted: (flags & RAR4_FLAG.encrypted) !== 0 };
    return memberEntry$1(bytes, name, { offset: at + size, packed, size: unpacked }, how);
}

// safetensors: u64 LE header length N, then N bytes of JSON starting with '{' (tensor table + __metadata__).
const MAX_HEADER = 100_000_000; // the reference implementation's MAX_HEADER_SIZE
function safetensorsWants(head) {
    const n = headerLength(head, Number.MAX_SAFE_INTEGER);
    return n === null ? null : Math.min(8 + n, LIMITS.reads.safetensorsHeader);
}
function headerLength(bytes, size) {
    const n = u64(bytes, 0);
    if (n === null || n < 2 || n > MAX_HEADER || 8 + n > size || bytes[8] !== 0x7b)
        return null;
    // After the brace: a key, the closing brace, or any whitespace the JSON grammar allows.
    return [0x22, 0x7d, 0x20, 0x09, 0x0a, 0x0d].includes(bytes[9]) ? n : null;
}
function sniffSafetensors(blob) {
    const n = headerLength(blob.bytes, blob.size);
    if (n === null)
        return lyingHeader(blob);
    if (8 + n > blob.bytes.length) {
        return { format: 'safetensors', kind: 'weights', detail: { headerBytes: n, headerTruncated: true } };
    }
    let header;
    try {
        header = JSON.parse(blob.bytes.toString('utf8', 8, 8 + n));
    }
    catch {
        return null;
    }
    if (!header || typeof header !== 'object' || Array.isArray(header))
        return null;
    const { __metadata__: meta, ...tensors } = header;
    const entries = Object.values(tensors);
    if (!entries.every(isTensorInfo))
        return null;
    return { format: 'safetensors', kind: 'weights', detail: { tensorCount: entries.length, metadata: stringMap(meta) } };
}
function isTensorInfo(value) {
    const info = value;
    return !!info && typeof info.dtype === 'string' && Array.isArray(info.shape) && Array.isArray(info.data_offsets);
}
/** `__metadata__` is a string→string map by spec; anything else is stringified. */
function stringMap(value) {
    const out = {};
    if (!value || typeof value !== 'object')
        return out;
    for (const [key, v] of Object.entries(value))
        out[key] = typeof v === 'string' ? v : JSON.stringify(v);
    return out;
}
/**
 * A tensor table whose declared length the file cannot hold (or the loader's maximum): not loadable
 * as it stands, but unmistakably safetensors, so it is reported as uninspected rather than passed.
 */
function lyingHeader(blob) {
    const n = u64(blob.bytes, 0) ?? Number.MAX_SAFE_INTEGER;
    if (blob.bytes[8] !== 0x7b)
        return null;
    const start = blob.bytes.toString('latin1', 8, 8 + 4096);
    if (!/^\{\s*"/.test(start) || !start.includes('"dtype"') || !start.includes('"data_offsets"'))
        return null;
    const reason = `safetensors header declares ${n < Number.MAX_SAFE_INTEGER ? n : 'over 2^53'} bytes, more than the file's ${blob.size}`;
    return { format: 'safetensors', kind: 'unknown', detail: { reason } };
}

// 7z listing from its header, read only where it is stored plain. The 32-byte signature header
// says where the header sits (at the end); a plain header (kHeader) names every member, its size
// and its folder's coders. A member stored with the Copy coder is its bytes in the file, read like
// any archive member when those bytes were read; any other coder (LZMA, LZMA2, PPMd, AES...) is
// not decoded here, so such members are listed by name only. An encoded header (kEncodedHeader,
// 7z's default: LZMA over the header itself) names nothing: the archive is one unknown finding.
const SIGNATURE = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
const SIGNATURE_HEADER = 32;
// Property ids of the header (7zFormat.txt).
const K = {
    end: 0x00,
    header: 0x01,
    archiveProperties: 0x02,
    additionalStreams: 0x03,
    mainStreams: 0x04,
    filesInfo: 0x05,
    packInfo: 0x06,
    unpackInfo: 0x07,
    subStreamsInfo: 0x08,
    size: 0x09,
    crc: 0x0a,
    folder: 0x0b,
    codersUnpackSize: 0x0c,
    numUnpackStream: 0x0d,
    emptyStream: 0x0e,
    emptyFile: 0x0f,
    name: 0x11,
    encodedHeader: 0x17
};
const COPY = '00';
const CODERS = {
    '00': 'Copy',
    '21': 'LZMA2',
    '030101': 'LZMA',
    '030401': 'PPMd',
    '03030103': 'BCJ',
    '0303011b': 'BCJ2',
    '03': 'Delta',
    '040108': 'Deflate',
    '040109': 'Deflate64',
    '040202': 'BZip2',
    '06f10701': 'AES-256'
};
const AES = '06f10701';
/** 7-Zip's own bound on the coder streams of a folder. */
const MAX_CODER_STREAMS = 64;
/** A 7z signature (its major version is 0 in every 7z written so far). */
function is7z(head) {
    return hasBytes(head, 0, SIGNATURE) && head[6] === 0;
}
/** Where the header is (from the signature header): detection wants the blob up to its end. */
function sevenZipHeaderEnd(head) {
    const offset = u64(head, 12);
    const size = u64(head, 20);
    return offset === null || size === null ? null : SIGNATURE_HEADER + offset + size;
}
/** The trailing bytes that hold the header (the end of a 7z is its header): what a 7z wants of its tail. */
function sevenZipTailWanted(head, size) {
    const offset = u64(head, 12);
    return offset === null ? 0 : Math.max(0, size - (SIGNATURE_HEADER + offset));
}
function list7z(blob) {
    const end = sevenZipHeaderEnd(blob.bytes);
    if (end === null)
        return unlisted(blob, 'its signature header is cut short');
    if (crc32(blob.bytes.subarray(12, SIGNATURE_HEADER)) !== u32(blob.bytes, 8))
        throw new MalformedInput('7z signature header fails its CRC32');
    const at = end - (u64(blob.bytes, 20) ?? 0);
    if (end === at)
        return archiveOf$2(blob, [], []); // an empty archive has no header
    if (end > blob.size)
        return unlisted(blob, `its header ends at byte ${end}, past the end of the file`);
    let header = heldRange(blob, at, end - at);
    if (typeof header !== 'string' && crc32(header) !== u32(blob.bytes, 28))
        throw new MalformedInput('7z header fails its CRC32');
    // An encoded header is a folder of its own: read on only when its coder is Copy (7-Zip never writes one).
    for (let round = 0; typeof header !== 'string' && round < MAX_ENCODINGS; round++) {
        const parsed = parseHeader(new Cursor(header));
        if ('files' in parsed)
            return membersOf(blob, parsed.streams, parsed.files);
        const folder = parsed.encoded.folders[0];
        if (!folder)
            throw new MalformedInput('7z encoded header without a folder');
        if (!isCopy(folder))
            return unlisted(blob, encodedReason(folder));
        header = heldRange(blob, parsed.encoded.packStart, folder.unpackSize);
    }
    return unlisted(blob, typeof header === 'string' ? header : `its header is encoded more than ${MAX_ENCODINGS} times`);
}
const MAX_ENCODINGS = 4;
/** Header bytes [at, at + length), or why they are not at hand. */
function heldRange(blob, at, length) {
    if (length > LIMITS.readCap)
        return `its header of ${length} bytes is over the read cap`;
    const bytes = heldBytes(blob, at, length);
    return bytes && bytes.length === length ? bytes : `its header (bytes ${at}-${at + length}) was not read`;
}
function isCopy(folder) {
    return folder.coders.length === 1 && folder.coders[0] === COPY;
}
function encodedReason(folder) {
    if (folder.coders.includes(AES))
        return 'its header is encrypted (7z AES-256): members not listed';
    return `its header is compressed (${coderNames(folder)}), as 7z writes by default: members not listed`;
}
function coderNames(folder) {
    return folder.coders.map((id) => CODERS[id] ?? `coder ${id}`).join('+');
}
function unlisted(blob, why) {
    return { ...archiveOf$2(blob, [], []), unreadable: why };
}
function archiveOf$2(blob, entries, unopened) {
    const read = async (entry, limit) => {
        const { offset, size, name } = entry;
        const bytes = heldBytes(blob, offset, Math.min(size, limit));
        if (!bytes)
            throw new MalformedInput(`7z member ${name}: its data was not read`);
        return bytes;
    };
    return { type: '7z', entries, unopened, read };
}
/** Members in the order of their streams; each readable one points at its bytes (Copy folders only). */
function membersOf(blob, streams, files) {
    const entries = [];
    const unopened = [];
    const sizes = streams.files.flatMap((list, folder) => list.map((size, i) => ({ folder, size, i })));
    let stream = 0;
    for (const file of files) {
        if (file.directory)
            continue;
        if (!file.hasStream) {
            entries.push({ name: file.name, size: 0, packedSize: 0, offset: 0 });
            continue;
        }
        const place = sizes[stream++];
        if (!place)
            throw new MalformedInput('7z header: more files than streams');
        const entry = memberEntry(blob, streams, file.name, place);
        if (entry.unreadable)
            unopened.push(entry);
        else
            entries.push(entry);
    }
    return archiveOf$2(blob, entries.slice(0, LIMITS.maxListed), unopened.slice(0, LIMITS.maxListed));
}
function memberEntry(blob, streams, name, place) {
    const folder = streams.folders[place.folder];
    const entry = { name, size: place.size, packedSize: place.size, offset: 0 };
    if (!isCopy(folder))
        return { ...entry, unreadable: coderReason(folder) };
    const before = streams.files[place.folder].slice(0, place.i).reduce((sum, size) => sum + size, 0);
    const offset = packOffset(streams, place.folder) + before;
    const held = place.size === 0 || heldBytes(blob, offset, 1) !== null;
    return held ? { ...entry, offset } : { ...entry, unreadable: 'its data lies past the bytes read' };
}
function packOffset(streams, folder) {
    const first = streams.folders.slice(0, folder).reduce((sum, f) => sum + f.packStreams, 0);
    return streams.packStart + streams.packSizes.slice(0, first).reduce((sum, size) => sum + size, 0);
}
function coderReason(folder) {
    if (folder.coders.includes(AES))
        return 'encrypted (7z AES-256)';
    return `${coderNames(folder)}-compressed (not decoded here)`;
}
/** A plain header's streams and files, or an encoded header's streams (where the real header is packed). */
function parseHeader(c) {
    const id = c.byte();
    if (id === K.encodedHeader)
        return { encoded: readStreams(c) };
    if (id !== K.header)
        throw new MalformedInput(`7z header starts with property ${id}`);
    let streams = { packStart: SIGNATURE_HEADER, packSizes: [], folders: [], files: [] };
    let files = [];
    for (let type = c.byte(); type !== K.end; type = c.byte()) {
        if (type === K.archiveProperties)
            skipArchiveProperties(c);
        else if (type === K.additionalStreams)
            readStreams(c);
        else if (type === K.mainStreams)
            streams = readStreams(c);
        else if (type === K.filesInfo)
            files = readFiles(c);
        else
            throw new MalformedInput(`7z header: unexpected property ${type}`);
    }
    return { streams, files };
}
function skipArchiveProperties(c) {
    for (let type = c.byte(); type !== K.end; type = c.byte())
        c.skip(c.number());
}
function readStreams(c) {
    const streams = { packStart: SIGNATURE_HEADER, packSizes: [], folders: [], files: [] };
    let folderCrcs = [];
    for (let type = c.byte(); type !== K.end; type = c.byte()) {
        if (type === K.packInfo) {
            streams.packStart = SIGNATURE_HEADER + c.number();
            streams.packSizes = readPackSizes(c);
        }
        else if (type === K.unpackInfo) {
            ({ folders: streams.folders, crcs: folderCrcs } = readFolders(c));
        }
        else if (type === K.subStreamsInfo) {
            streams.files = readSubStreams(c, streams.folders, folderCrcs);
        }
        else
            throw new MalformedInput(`7z streams info: unexpected property ${type}`);
    }
    if (streams.files.length === 0)
        streams.files = streams.folders.map((f) => [f.unpackSize]);
    return streams;
}
function readPackSizes(c) {
    const count = c.count();
    let sizes = [];
    for (let type = c.byte(); type !== K.end; type = c.byte()) {
        if (type === K.size)
            sizes = Array.from({ length: count }, () => c.number());
        else if (type === K.crc)
            readDigests(c, count);
        else
            c.skip(c.number());
    }
    return sizes;
}
function readFolders(c) {
    if (c.byte() !== K.folder)
        throw new MalformedInput('7z unpack info without folders');
    const count = c.count();
    if (c.byte() !== 0)
        throw new MalformedInput('7z folders stored outside the header');
    const shapes = Array.from({ length: count }, () => readFolder$1(c));
    if (c.byte() !== K.codersUnpackSize)
        throw new MalformedInput('7z folders without unpack sizes');
    const folders = shapes.map((shape) => {
        const sizes = Array.from({ length: shape.outStreams }, () => c.number());
        return { coders: shape.coders, packStreams: shape.packStreams, unpackSize: sizes[shape.mainOut] ?? 0 };
    });
    let crcs = folders.map(() => false);
    for (let type = c.byte(); type !== K.end; type = c.byte()) {
        if (type === K.crc)
            crcs = readDigests(c, count);
        else
            c.skip(c.number());
    }
    return { folders, crcs };
}
/** One folder's coders and streams; `mainOut` is the output no bind pair consumes (the folder's content). */
function readFolder$1(c) {
    const coders = [];
    let inStreams = 0;
    let outStreams = 0;
    const coderCount = c.count();
    for (let i = 0; i < coderCount; i++) {
        const flags = c.byte();
        coders.push(c.bytes(flags & 0x0f).toString('hex'));
        const complex = (flags & 0x10) !== 0;
        inStreams += complex ? c.number() : 1;
        outStreams += complex ? c.number() : 1;
        if (inStreams > MAX_CODER_STREAMS || outStreams > MAX_CODER_STREAMS)
            throw new MalformedInput(`7z folder with more than ${MAX_CODER_STREAMS} coder streams`);
        if (flags & 0x20)
            c.skip(c.number());
        if (flags & 0x80)
            throw new MalformedInput('7z coder with alternative methods');
    }
    const bound = new Set();
    for (let i = 0; i < outStreams - 1; i++) {
        c.number();
        bound.add(c.number());
    }
    const packStreams = inStreams - (outStreams - 1);
    if (packStreams > 1)
        for (let i = 0; i < packStreams; i++)
            c.number();
    const mainOut = Array.from({ length: outStreams }, (_, i) => i).find((i) => !bound.has(i)) ?? 0;
    return { coders, packStreams, outStreams, mainOut };
}
/** The size of every file stream, per folder; a folder's last file is what its other files leave. */
function readSubStreams(c, folders, folderCrcs) {
    const counts = folders.map(() => 1);
    let type = c.byte();
    if (type === K.numUnpackStream) {
        for (let i = 0; i < folders.length; i++)
            counts[i] = c.count();
        type = c.byte();
    }
    const withSizes = type === K.size;
    const files = folders.map((folder, i) => {
        if (counts[i] === 0)
            return [];
        const sizes = withSizes ? Array.from({ length: counts[i] - 1 }, () => c.number()) : [];
        const rest = folder.unpackSize - sizes.reduce((sum, size) => sum + size, 0);
        if (rest < 0)
            throw new MalformedInput('7z file sizes exceed their folder');
        return [...sizes, rest];
    });
    if (withSizes)
        type = c.byte();
    for (; type !== K.end; type = c.byte()) {
        const unknownCrcs = folders.reduce((sum, _, i) => sum + (counts[i] !== 1 || !folderCrcs[i] ? counts[i] : 0), 0);
        if (type === K.crc)
            readDigests(c, unknownCrcs);
        else
            c.skip(c.number());
    }
    return files;
}
/** CRCs: which are defined (all, or a bit vector), then four bytes each. */
function readDigests(c, count) {
    if (count > LIMITS.maxListed)
        throw new MalformedInput(`7z header: ${count} checksums (more than ${LIMITS.maxListed})`);
    const defined = c.byte() !== 0 ? Array.from({ length: count }, () => true) : bitVector(c.bytes(Math.ceil(count / 8)), count);
    c.skip(4 * defined.filter(Boolean).length);
    return defined;
}
function bitVector(bytes, count) {
    return Array.from({ length: count }, (_, i) => ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
}
function readFiles(c) {
    const count = c.count();
    let emptyStream = [];
    let emptyFile = [];
    let names = [];
    for (let type = c.byte(); type !== K.end; type = c.byte()) {
        const data = c.bytes(c.number());
        if (type === K.emptyStream)
            emptyStream = bitVector(data, count);
        else if (type === K.emptyFile)
            emptyFile = bitVector(data, emptyStream.filter(Boolean).length);
        else if (type === K.name)
            names = readNames(data, count);
    }
    let empties = 0;
    return Array.from({ length: count }, (_, i) => {
        const hasStream = !emptyStream[i];
        const directory = !hasStream && !emptyFile[empties++];
        return { name: names[i] ?? `(file ${i + 1})`, hasStream, directory };
    });
}
/** UTF-16LE names, each ended by a zero code unit. */
function readNames(data, count) {
    if (data[0] !== 0)
        throw new MalformedInput('7z file names stored outside the header');
    const names = [];
    let start = 1;
    for (let at = 1; at + 1 < data.length && names.length < count; at += 2) {
        if (data[at] !== 0 || data[at + 1] !== 0)
            continue;
        names.push(data.toString('utf16le', start, at));
        start = at + 2;
    }
    return names;
}
/** A bounded reader over the header: every read past its end throws. */
class Cursor {
    buf;
    at = 0;
    constructor(buf) {
        this.buf = buf;
    }
    byte() {
        if (this.at >= this.buf.length)
            throw new MalformedInput('7z header ends early');
        return this.buf[this.at++];
    }
    bytes(length) {
        if (this.at + length > this.buf.length)
            throw new MalformedInput('7z header ends early');
        this.at += length;
        return this.buf.subarray(this.at - length, this.at);
    }
    skip(length) {
        this.bytes(length);
    }
    /** 7z's NUMBER: the first byte's leading one bits say how many little-endian bytes follow. */
    number() {
        const first = this.byte();
        let value = 0;
        for (let i = 0, mask = 0x80; i < 8; i++, mask >>= 1) {
            if ((first & mask) === 0)
                return value + (first & (mask - 1)) * 2 ** (8 * i);
            value += this.byte() * 2 ** (8 * i);
        }
        if (!Number.isSafeInteger(value))
            throw new MalformedInput('7z header: a number above 2^53');
        return value;
    }
    /** A count of things the header then lists: bounded, so a corrupt count cannot make us loop long. */
    count() {
        const value = this.number();
        if (value > LIMITS.maxListed)
            throw new MalformedInput(`7z header: ${value} entries (more than ${LIMITS.maxListed})`);
        return value;
    }
}

// tar listing (ustar, GNU long names, pax paths, v7) over the bytes read; data past them is not listed.
const BLOCK = 512;
/** ustar magic at 257, or a v7 header whose checksum adds up. */
function isTar(head) {
    if (head.length < BLOCK)
        return false;
    if (head.toString('latin1', 257, 262) === 'ustar')
        return checksumOk(head, 0);
    return head[0] !== 0 && checksumOk(head, 0) && octal(head, 124, 12) !== null;
}
function checksumOk(buf, at) {
    const stored = octal(buf, at + 148, 8);
    if (stored === null)
        return false;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? 0x20 : buf[at + i];
    return sum === stored;
}
function octal(buf, at, length) {
    if (buf[at] & 0x80)
        return base256(buf, at, length);
    const text = buf
        .toString('latin1', at, at + length)
        .replace(/\0.*$/s, '')
        .trim();
    return /^[0-7]+$/.test(text) ? parseInt(text, 8) : text === '' ? 0 : null;
}
function base256(buf, at, length) {
    let value = buf[at] & 0x7f;
    for (let i = 1; i < length; i++)
        value = value * 256 + buf[at + i];
    return value;
}
function cString(buf, at, length) {
    const raw = buf.subarray(at, at + length);
    const nul = raw.indexOf(0);
    return raw.toString('utf8', 0, nul < 0 ? raw.length : nul);
}
// Types whose data is not a member's content: links, devices, directories, FIFOs, pax and GNU
// metadata records, volume labels, GNU dump directories. Every other type, known or not, is read
// as a file, as GNU tar and Python's tarfile extract an unknown type.
const NOT_CONTENT = new Set('123456gxXLKVDN');
function listTar(bytes, size) {
    const entries = [];
    let at = 0;
    let next = {};
    let truncated;
    // The end is a zero block: a header whose name is empty (a pax path names it) is still a header.
    while (at + BLOCK <= bytes.length && !isZeroBlock(bytes, at) && entries.length < LIMITS.maxListed) {
        if (!checksumOk(bytes, at))
            return { ...archiveOf$1(bytes, entries), truncated: `bad tar header at ${at}` };
        const type = String.fromCharCode(bytes[at + 156] || 0x30);
        const length = (type === 'x' || type === 'L' ? null : next.size) ?? octal(bytes, at + 124, 12) ?? 0;
        const dataAt = at + BLOCK;
        if (type === 'L' || type === 'x')
            next = { ...next, ...override(bytes, dataAt, length, type) };
        else if (!NOT_CONTENT.has(type))
            entries.push(entryAt(bytes, at, dataAt, length, next.name ?? null));
        if (type !== 'L' && type !== 'x')
            next = {};
        at = dataAt + Math.ceil(length / BLOCK) * BLOCK;
    }
    if (entries.length >= LIMITS.maxListed)
        truncated = `more than ${LIMITS.maxListed} members`;
    else if (at + BLOCK > bytes.length && bytes.length < size)
        truncated = readShort('tar', size, bytes.length);
    return { ...archiveOf$1(bytes, entries), truncated };
}
function entryAt(bytes, at, dataAt, length, longName) {
    const prefix = bytes.toString('latin1', at + 257, at + 262) === 'ustar' ? cString(bytes, at + 345, 155) : '';
    const short = cString(bytes, at, 100);
    const name = longName ?? (prefix ? `${prefix}/${short}` : short);
    return { name: name.replace(/^\.\//, ''), size: length, packedSize: length, offset: dataAt };
}
function isZeroBlock(bytes, at) {
    return bytes.subarray(at, at + BLOCK).every((byte) => byte === 0);
}
/** GNU 'L' records hold the next member's name; pax 'x' records may hold `path=` and `size=`. */
function override(bytes, at, length, type) {
    const text = cString(bytes, at, Math.min(length, 64 * 1024));
    if (type === 'L')
        return { name: text };
    const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text)?.[1];
    const size = /(?:^|\n)\d+ size=(\d+)\n/.exec(text)?.[1];
    return { ...(path !== undefined ? { name: path } : {}), ...(size !== undefined ? { size: Number(size) } : {}) };
}
function archiveOf$1(bytes, entries) {
    return {
        type: 'tar',
        entries,
        read: async (entry, limit) => {
            const { offset } = entry;
            return bytes.subarray(offset, Math.min(offset + entry.size, offset + limit, bytes.length));
        }
    };
}

// skops (`.skops`): a zip whose `schema.json` describes the estimator tree (`__class__`,
// `__module__`, `__loader__`) and whose arrays are `.npy` members. No pickle, but a model all the same.
async function sniffSkops(archive) {
    if (archive.type !== 'zip')
        return null;
    const schema = archive.entries.find((e) => e.name === 'schema.json');
    if (!schema || schema.unreadable)
        return null;
    const bytes = await archive.read(schema, LIMITS.reads.archiveMetadata);
    const parsed = looksLikeText(bytes) ? parseJson(bytes.toString('utf8')) : undefined;
    if (!isSkopsSchema(parsed)) {
        if (bytes.length >= schema.size)
            return null; // a whole schema.json that is not skops': another zip
        const reason = 'skops-like schema.json longer than the bytes read: not inspected';
        return { format: 'skops', kind: 'unknown', detail: { reason } };
    }
    const classes = classesIn(parsed);
    const neighbours = neighbourClasses(classes);
    const detail = { topClass: classes[0] ?? null, classes: classes.slice(0, 64) };
    if (neighbours.length > 0)
        detail.neighbourClasses = neighbours;
    return { format: 'skops', kind: neighbours.length > 0 ? 'knn-index' : 'weights', detail };
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function isSkopsSchema(value) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return false;
    const node = value;
    return typeof node.__class__ === 'string' && ('_skops_version' in node || 'protocol' in node);
}
/** `module.Class` of every node in the schema tree, in document order (bounded). */
function classesIn(root) {
    const found = [];
    const queue = [root];
    for (let seen = 0; queue.length > 0 && seen < LIMITS.skopsNodes; seen++) {
        const node = queue.shift();
        if (!node || typeof node !== 'object')
            continue;
        const record = node;
        if (typeof record.__class__ === 'string' && typeof record.__module__ === 'string')
            found.push(`${record.__module__}.${record.__class__}`);
        queue.push(...Object.values(record));
    }
    return [...new Set(found)];
}

// TFLite / LiteRT: a FlatBuffer with the file identifier TFL3 at bytes 4..7 and a sane root table.
function sniffTflite(blob) {
    const { bytes } = blob;
    if (!hasBytes(bytes, 4, 'TFL3'))
        return null;
    const root = u32(bytes, 0);
    if (root === null || root < 8 || root % 4 !== 0 || root >= blob.size)
        return null;
    const toVtable = i32(bytes, root);
    const vtableSize = toVtable === null ? null : u16(bytes, root - toVtable);
    if (vtableSize !== null && (vtableSize < 4 || vtableSize % 2 !== 0))
        return null;
    const detail = {};
    if (bytes.includes('TFLITE_METADATA'))
        detail.hasMetadata = true;
    return { format: 'tflite', kind: 'weights', detail };
}

// PyTorch: torch.save zip (`pytorch`), TorchScript zip (`torchscript`), and the legacy formats
// (`pytorch-legacy`): stacked pickles opened by the magic number, and the pre-0.4 tar layout.
// torch.serialization MAGIC_NUMBER, written as the first pickle of a legacy file.
const LEGACY_MAGIC = BigInt('0x1950a86a20f9469cfc6c').toString();
function sniffTorchLegacy(blob) {
    const scan = scanBlob(blob);
    const first = scan?.tops[0];
    if (!scan || first?.t !== 'int' || first.v !== LEGACY_MAGIC)
        return null;
    const second = scan.tops[1];
    const detail = { ...pickleDetail(scan), layout: 'stacked-pickles' };
    detail.protocolVersion = second?.t === 'int' ? Number(second.v) : null;
    detail.topClass = classOf(scan.tops[3]); // magic, protocol version, sys_info, then the saved object
    return { format: 'pytorch-legacy', kind: 'weights', detail };
}
/** The folder holding data.pkl (`archive/`, or the file stem torch used); null when there is none. */
function rootOf(entries) {
    const data = entries.find((e) => /(^|\/)data\.pkl$/.test(e.name) && e.name.split('/').length <= 2);
    if (data)
        return data.name.slice(0, data.name.length - 'data.pkl'.length);
    const model = entries.find((e) => /(^|\/)model\.json$/.test(e.name) && e.name.split('/').length <= 2);
    return model && entries.some((e) => e.name.endsWith('attributes.pkl'))
        ? model.name.slice(0, -'model.json'.length)
        : null;
}
async function sniffTorchArchive(archive) {
    if (archive.type === 'tar')
        return sniffLegacyTar(archive);
    if (archive.type !== 'zip')
        return null; // a 7z or rar of a checkpoint's files: each member is judged
    const root = rootOf(archive.entries);
    if (root === null)
        return null;
    const names = new Set(archive.entries.map((e) => e.name.slice(root.length)));
    const scripted = names.has('constants.pkl') || names.has('model.json') || [...names].some((n) => n.startsWith('code/'));
    const marked = scripted || ['byteorder', 'version', '.format_version', '.data/version'].some((n) => names.has(n));
    if (!marked && ![...names].some((n) => n.startsWith('data/')))
        return null;
    const detail = { storageCount: [...names].filter((n) => /^data\/\d+$/.test(n)).length };
    Object.assign(detail, await dataPickle(archive, root));
    if (scripted)
        detail.metadata = await extraFiles(archive, root);
    if (archive.truncated)
        detail.partialListing = archive.truncated;
    const kind = detail.kind === 'knn-index' ? 'knn-index' : 'weights';
    delete detail.kind;
    return { format: scripted ? 'torchscript' : 'pytorch', kind, detail };
}
async function dataPickle(archive, root) {
    const entry = archive.entries.find((e) => e.name === `${root}data.pkl`);
    if (!entry || entry.unreadable)
        return {};
    const bytes = await archive.read(entry, LIMITS.reads.pickle);
    const scan = scanPickles(bytes, 0, bytes.length < entry.size);
    return scan.valid ? { ...pickleDetail(scan), kind: pickleKind(scan) } : { dataPkl: 'not a valid pickle' };
}
/** TorchScript `_extra_files` land in extra/: small text ones are the model's own metadata. */
async function extraFiles(archive, root) {
    const metadata = {};
    const { files, maxSize, bytes: read } = LIMITS.reads.torchExtraFiles;
    const extras = archive.entries.filter((e) => e.name.startsWith(`${root}extra/`) && !e.unreadable && e.size <= maxSize);
    for (const entry of extras.slice(0, files)) {
        const bytes = await archive.read(entry, read);
        if (looksLikeText(bytes))
            metadata[entry.name.slice(root.length)] = bytes.toString('utf8');
    }
    return metadata;
}
const LEGACY_TAR_MEMBERS = ['sys_info', 'pickle', 'storages', 'tensors'];
function sniffLegacyTar(archive) {
    const names = new Set(archive.entries.map((e) => e.name));
    if (!LEGACY_TAR_MEMBERS.every((n) => names.has(n)))
        return null;
    return { format: 'pytorch-legacy', kind: 'weights', detail: { layout: 'tar', members: LEGACY_TAR_MEMBERS } };
}

// USearch dense index: a 64-byte head starting "usearch"; unless saved without vectors, a
// [rows][bytes per row] matrix comes first (u32 pair or u64 pair), so the head sits after it.
const MAGIC = 'usearch';
const HEAD = 64;
/** Where the head would be: offset 0, after a u32-sized matrix, or after a u64-sized matrix. */
function candidates(head) {
    const offsets = [0];
    const [r32, c32] = [u32(head, 0), u32(head, 4)];
    if (r32 !== null && c32 !== null)
        offsets.push(8 + r32 * c32);
    const [r64, c64] = [u64(head, 0), u64(head, 8)];
    if (r64 !== null && c64 !== null && r64 * c64 < Number.MAX_SAFE_INTEGER)
        offsets.push(16 + r64 * c64);
    return offsets;
}
/** Asks for the bytes up to a head that lies past the first 64 KiB (up to the read cap). */
function usearchWants(head, size) {
    const far = candidates(head).filter((at) => at + HEAD <= size && at + HEAD <= LIMITS.readCap && at + HEAD > head.length);
    return far.length > 0 ? Math.max(...far) + HEAD : null;
}
function sniffUsearch(blob) {
    const at = candidates(blob.bytes).find((offset) => hasBytes(blob.bytes, offset, MAGIC));
    if (at === undefined)
        return null;
    const { bytes } = blob;
    const version = [u16(bytes, at + 7), u16(bytes, at + 9), u16(bytes, at + 11)].join('.');
    const detail = { version, records: u64(bytes, at + 17), dimension: u64(bytes, at + 33), vectorsIncluded: at > 0 };
    return { format: 'usearch', kind: 'knn-index', detail };
}

// Spotify Voyager: 'VOYA', i32 version, i32 dimensions, u8 space, u8 storage, f32 max norm, bool,
// then an hnswlib index body (Metadata.h).
const SPACES = { 0: 'euclidean', 1: 'inner_product', 2: 'cosine' };
function sniffVoyager(blob) {
    const { bytes } = blob;
    if (!hasBytes(bytes, 0, 'VOYA'))
        return null;
    const version = i32(bytes, 4);
    const dimension = i32(bytes, 8);
    if (version === null || version < 1 || version > 100 || dimension === null || dimension < 1)
        return null;
    const space = u8(bytes, 12);
    const inner = hnswHeader(bytes, 19);
    const detail = {
        version,
        dimension,
        space: space === null ? null : (SPACES[space] ?? space)
    };
    if (inner)
        detail.records = inner.records;
    return { format: 'voyager', kind: 'knn-index', detail };
}

// ZIP listing as tolerant as the tools that extract zips: the central directory (walked to its
// end whatever the end record counts) plus every local header (a member the directory leaves out
// is still in the file); bytes before the zip (a self-extractor, a polyglot) are allowed. The end
// record and the directory are read from the blob's tail when its middle was not read (a large
// zip, or a zip appended after other bytes, which Python's zipfile opens): members whose bytes
// were not read are listed by name. Without a tail, the local headers found in the prefix (enough
// to name a PyTorch checkpoint).
const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const DESCRIPTOR = 0x08074b50;
const METHODS = new Set([0, 8]);
/** Where the zip starts in a head: 0, or a well-formed local header after other bytes; -1 for none. */
function zipStart(head) {
    if (u32(head, 0) === LOCAL || u32(head, 0) === EOCD)
        return 0;
    for (let at = head.indexOf('PK\x03\x04', 1, 'latin1'); at > 0; at = head.indexOf('PK\x03\x04', at + 1, 'latin1')) {
        if (isLocalHeader(head, at))
            return at;
    }
    return -1;
}
/** A zip from its first byte. */
function isZip(head) {
    return zipStart(head) === 0;
}
/**
 * A zip after other bytes (a self-extractor stub, a polyglot): a well-formed local header in the
 * head, or an end record at the end (of the blob read whole, or of its tail) whose directory
 * parses. Tried after everything else.
 */
function hasEmbeddedZip(blob) {
    if (zipStart(blob.bytes.subarray(0, LIMITS.headBytes)) > 0)
        return true;
    const end = endOf(blob);
    const eocd = end ? findEocd(end.bytes) : -1;
    return end !== null && eocd >= 0 && directoryAt(end, eocd) !== null;
}
/** A local header a zip tool writes: a sane version, a known method, a short printable name. */
function isLocalHeader(bytes, at) {
    const version = u16(bytes, at + 4) ?? 999;
    const nameLength = u16(bytes, at + 26) ?? 0;
    if (version > 63 || !METHODS.has(u16(bytes, at + 8) ?? -1) || nameLength < 1 || nameLength > 1024)
        return false;
    const name = bytes.subarray(at + 30, at + 30 + nameLength);
    return name.length === nameLength && name.every((byte) => byte >= 0x20 && byte !== 0x7f);
}
function endOf(blob) {
    if (blob.bytes.length >= blob.size)
        return { bytes: blob.bytes, base: 0 };
    return blob.tail ? { bytes: blob.tail, base: blob.size - blob.tail.length } : null;
}
function listZip(blob) {
    const { bytes, size } = blob;
    const start = Math.max(0, zipStart(bytes.subarray(0, LIMITS.headBytes)));
    const end = endOf(blob);
    const eocd = end ? findEocd(end.bytes) : -1;
    if (bytes.length >= size && end && eocd >= 0)
        return archiveOf(blob, allEntries(blob, end, eocd, start));
    // Read whole and still no directory: not a zip we can trust, so no member names made of noise.
    if (bytes.length >= size)
        return { ...archiveOf(blob, []), unreadable: 'starts like a zip but has no central directory' };
    if (end && eocd >= 0 && directoryAt(end, eocd))
        return fromTail(blob, allEntries(blob, end, eocd, start));
    const why = end && eocd >= 0 ? 'its end record was read, its directory was not' : 'listed from local headers';
    return {
        ...archiveOf(blob, localEntries(bytes, start)),
        truncated: `${readShort('zip', size, bytes.length)}: ${why}`
    };
}
/** Listed from the tail's directory: a member whose local header was not read is named, not opened. */
function fromTail(blob, entries) {
    const held = (e) => (heldBytes(blob, e.localOffset, 30)?.length ?? 0) === 30;
    const unread = entries.filter((e) => !held(e));
    const unopened = unread.map((e) => ({ ...e, unreadable: 'its data lies past the bytes read' }));
    return { ...archiveOf(blob, entries.filter(held)), unopened };
}
function archiveOf(blob, entries) {
    return { type: 'zip', entries, read: (entry, limit) => readEntry(blob, entry, limit) };
}
function findEocd(bytes) {
    const at = bytes.lastIndexOf('PK\x05\x06', bytes.length - 22, 'latin1');
    return at >= 0 && at >= bytes.length - 22 - 65_535 ? at : -1;
}
/** The central directory's entries, then members only local headers (in the prefix) know of. */
function allEntries(blob, end, eocd, start) {
    const central = centralEntries(end, eocd);
    const known = new Set(central.map((e) => e.localOffset));
    const hidden = localEntries(blob.bytes, central[0]?.localOffset ?? start).filter((e) => !known.has(e.localOffset));
    return [...central, ...hidden].slice(0, LIMITS.maxListed);
}
/**
 * Where the directory starts in `end.bytes`, from the end record (or the zip64 record before it).
 * Offsets in it are from the start of the zip, which bytes before it (a self-extractor stub)
 * shift: the shift is the gap between where the directory is (right before the end records) and
 * where the end record says it is.
 */
function directoryAt(end, eocd) {
    const extent = directoryExtent(end, eocd);
    if (u32(end.bytes, extent.offset - end.base) === CENTRAL)
        return { at: extent.offset - end.base, shift: 0 };
    const at = extent.endsAt - extent.length;
    const shift = end.base + at - extent.offset;
    return shift > 0 && u32(end.bytes, at) === CENTRAL ? { at, shift } : null;
}
/** The directory's offset (from the zip's start) and length, and where the end records start in `end.bytes`. */
function directoryExtent(end, eocd) {
    const record = zip64Record(end, eocd);
    if (record !== null) {
        return { offset: u64(end.bytes, record + 48) ?? 0, length: u64(end.bytes, record + 40) ?? 0, endsAt: record };
    }
    return { offset: u32(end.bytes, eocd + 16) ?? 0, length: u32(end.bytes, eocd + 12) ?? 0, endsAt: eocd };
}
/** The zip64 end record: right before its locator, or where the locator points (a zip with nothing before it). */
function zip64Record(end, eocd) {
    if (u32(end.bytes, eocd - 20) !== EOCD64_LOCATOR)
        return null;
    const pointed = (u64(end.bytes, eocd - 12) ?? -1) - end.base;
    return [eocd - 20 - 56, pointed].find((at) => u32(end.bytes, at) === EOCD64) ?? null;
}
/**
 * A well-formed end record ends the tail (its comment runs exactly to the end) but the directory
 * it points at was not read (larger than the read cap): why, or null.
 */
function zipDirectoryUnread(blob) {
    const end = blob.tail && blob.bytes.length < blob.size ? endOf(blob) : null;
    const eocd = end ? findEocd(end.bytes) : -1;
    if (!end || eocd < 0 || eocd + 22 + (u16(end.bytes, eocd + 20) ?? 0) !== end.bytes.length)
        return null;
    if (directoryAt(end, eocd))
        return null;
    return `its directory (${directoryExtent(end, eocd).length} bytes) lies before the last ${end.bytes.length} bytes read`;
}
/**
 * The trailing bytes a zip whose end record is in the tail wants: all of it when it starts past the
 * prefix (a zip appended to other bytes) and fits in `cap`, else its directory (members past the
 * prefix are then named only).
 */
function zipTailWanted(blob, cap) {
    const end = blob.tail ? endOf(blob) : null;
    const eocd = end ? findEocd(end.bytes) : -1;
    if (!end || eocd < 0)
        return 0;
    const extent = directoryExtent(end, eocd);
    const directory = end.base + extent.endsAt - extent.length;
    const zip = directory - extent.offset;
    if (zip >= blob.bytes.length && blob.size - zip <= cap)
        return blob.size - zip;
    return Math.min(Math.max(0, blob.size - directory), cap);
}
function centralEntries(end, eocd) {
    const directory = directoryAt(end, eocd);
    if (!directory)
        return [];
    const { bytes } = end;
    const entries = [];
    let at = directory.at;
    // Walked to the last directory header: an end record that counts fewer hides nothing.
    while (entries.length < LIMITS.maxListed && u32(bytes, at) === CENTRAL) {
        const nameLength = u16(bytes, at + 28) ?? 0;
        const extraLength = u16(bytes, at + 30) ?? 0;
        const entry = entryOf(bytes, at, at + 46, nameLength, extraLength, true);
        entry.localOffset += directory.shift;
        entries.push(entry);
        at += 46 + nameLength + extraLength + (u16(bytes, at + 32) ?? 0);
    }
    return entries;
}
/** Reads name, sizes and method from a central (46-byte) or local (30-byte) header. */
function entryOf(bytes, at, nameAt, nameLength, extraLength, central) {
    const shift = central ? 2 : 0;
    const flags = u16(bytes, at + 6 + shift) ?? 0;
    const method = u16(bytes, at + 8 + shift) ?? 0;
    let packedSize = u32(bytes, at + 18 + shift) ?? 0;
    let size = u32(bytes, at + 22 + shift) ?? 0;
    let localOffset = central ? (u32(bytes, at + 42) ?? 0) : at;
    const name = bytes.toString('utf8', nameAt, nameAt + nameLength);
    const z64 = zip64Extra(bytes, nameAt + nameLength, extraLength);
    if (z64.length > 0) {
        if (size === 0xffffffff)
            size = z64.shift() ?? size;
        if (packedSize === 0xffffffff)
            packedSize = z64.shift() ?? packedSize;
        if (central && localOffset === 0xffffffff)
            localOffset = z64.shift() ?? localOffset;
    }
    const unreadable = METHODS.has(method) ? undefined : `compression method ${method}`;
    return { name, size, packedSize, method, localOffset, unreadable, encrypted: (flags & 1) === 1 };
}
/** The zip64 extended-information extra field (0x0001): its 8-byte values in order. */
function zip64Extra(bytes, at, length) {
    const end = Math.min(at + length, bytes.length);
    while (at + 4 <= end) {
        const id = u16(bytes, at) ?? 0;
        const size = u16(bytes, at + 2) ?? 0;
        if (id === 1) {
            const values = [];
            for (let v = at + 4; v + 8 <= at + 4 + size; v += 8)
                values.push(u64(bytes, v) ?? 0);
            return values;
        }
        at += 4 + size;
    }
    return [];
}
/** Walks local headers from `at`; entries with a data descriptor end at the next header found. */
function localEntries(bytes, at) {
    const entries = [];
    while (entries.length < LIMITS.maxListed && u32(bytes, at) === LOCAL) {
        const nameLength = u16(bytes, at + 26) ?? 0;
        const extraLength = u16(bytes, at + 28) ?? 0;
        const entry = entryOf(bytes, at, at + 30, nameLength, extraLength, false);
        const dataStart = at + 30 + nameLength + extraLength;
        let next = entry.packedSize > 0 ? dataStart + entry.packedSize : nextHeader(bytes, dataStart);
        if (next < 0)
            next = bytes.length;
        entry.dataEnd = Math.min(next, bytes.length);
        // Sizes sit in a trailing data descriptor: use the packed span as a stand-in.
        if (entry.packedSize === 0)
            entry.packedSize = entry.size = Math.max(0, entry.dataEnd - dataStart);
        entries.push(entry);
        if (next >= bytes.length)
            break;
        at = u32(bytes, next) === DESCRIPTOR ? nextHeader(bytes, next + 4) : next;
        if (at < 0)
            break;
    }
    return entries;
}
function nextHeader(bytes, from) {
    return bytes.indexOf('PK\x03\x04', from, 'latin1');
}
async function readEntry(blob, entry, limit) {
    if (entry.unreadable)
        throw new MalformedInput(`zip member ${entry.name}: ${entry.unreadable}`);
    const at = entry.localOffset;
    const header = heldBytes(blob, at, 30);
    if (!header || u32(header, 0) !== LOCAL)
        throw new MalformedInput(`zip member ${entry.name}: no local header at ${at}`);
    const start = at + 30 + (u16(header, 26) ?? 0) + (u16(header, 28) ?? 0);
    const end = entry.dataEnd ?? start + entry.packedSize;
    const packed = heldBytes(blob, start, Math.max(0, end - start)) ?? Buffer.alloc(0);
    if (entry.method === 0)
        return packed.subarray(0, limit);
    return (await unpack('deflate-raw', packed, limit)).data;
}

// The end of a blob: a zip's end record and directory, a 7z header. Detection reads a blob's prefix
// and, when its middle is not read, its tail: `tailWanted` says how much from the head, and
// `tailWantedAfter` how much in all once the first tail is in (a zip directory larger than it, or
// a whole zip appended after the prefix). A blob whose end was never read (above
// LIMITS.tailScanMax in git) fails closed unless it is text or media.
/** The last bytes to read besides the prefix of `prefix` bytes: 0 when the prefix holds the whole blob. */
function tailWanted(head, size, prefix) {
    const rest = size - prefix;
    if (rest <= 0)
        return 0;
    const header = is7z(head) ? sevenZipTailWanted(head, size) : 0;
    return Math.min(rest, LIMITS.readCap, Math.max(LIMITS.tailBytes, header));
}
/** Once the tail is in: how many last bytes detection wants in all (more than it holds: read again). */
function tailWantedAfter(blob) {
    const held = blob.tail?.length ?? 0;
    return Math.min(blob.size - blob.bytes.length, Math.max(held, zipTailWanted(blob, LIMITS.readCap)));
}
/** A prefix and a tail that meet are the whole blob. */
function joined(blob) {
    const { path, size, bytes, tail } = blob;
    if (!tail || bytes.length >= size)
        return { path, size, bytes };
    if (bytes.length + tail.length < size)
        return { path, size, bytes, tail };
    return { path, size, bytes: Buffer.concat([bytes, tail.subarray(bytes.length + tail.length - size)]) };
}
/**
 * A blob whose end was not read and in whose prefix nothing was found: an archive appended there (a
 * zip after other bytes, which Python's zipfile, Keras and skops open) would be missed, so a binary
 * one is an unknown finding. Text (a 2 GiB CSV) and media names stay quiet: the trade-off keeps
 * large data files from burying the findings that matter, at the cost of a zip hidden behind them.
 */
function sniffUnreadEnd(blob) {
    if (blob.tail || blob.bytes.length >= blob.size)
        return null;
    if (obviouslyNotAModel(blob.path) || looksLikeTextPrefix(blob.bytes.subarray(0, 4096)))
        return null;
    const reason = `its last bytes were not read (${blob.size} bytes, over ${LIMITS.tailScanMax / 2 ** 20} MiB): an archive appended to it would be missed`;
    return { format: 'unknown', kind: 'unknown', detail: { reason } };
}

// Detection: what is a model artifact, judged by content first and by name second.
// Contract used by the scan engine (keep these signatures stable):
//   bytesWanted(head, size, path) → how many leading bytes of the blob detection needs
//   tailWanted(head, size, prefix) → how many last bytes besides them (0: the prefix is the whole blob)
//   tailWantedAfter({ path, size, bytes, tail }) → how many last bytes in all, once the tail is in
//   detect({ path, size, bytes, tail }, options) → zero or more detections (archives yield one per member)
// A reader error never escapes: it becomes a `kind: unknown` detection with the reason.
const HEAD_BYTES = LIMITS.headBytes;
// Content sniffers, most specific first: fixed magics, then structural checks, then header invariants.
const SNIFFERS = [
    sniffSafetensors,
    sniffGguf,
    sniffGgml,
    sniffHdf5Keras,
    sniffTflite,
    sniffNpy,
    sniffFaiss,
    sniffVoyager,
    sniffUsearch,
    sniffTorchLegacy,
    sniffPickle,
    sniffCoreml,
    sniffSavedModel,
    sniffOnnx,
    sniffHnswlib,
    sniffAnnoy,
    sniffTensorBundle,
    sniffXgboost,
    sniffLightgbm,
    sniffCatboost,
    sniffPmml,
    sniffExecutorch,
    sniffTensorrt,
    sniffPaddle,
    ...ECOSYSTEM_SNIFFERS
];
// Formats that are whole archives; tried before an archive is opened as a container of members.
const ARCHIVE_SNIFFERS = [sniffTorchArchive, sniffKerasArchive, sniffSkops];
/** How many leading bytes detection reads, decided from the first HEAD_BYTES: what it needs, up to the read cap. */
function bytesWanted(head, size, path) {
    return Math.min(size, LIMITS.readCap, Math.max(HEAD_BYTES, bytesNeeded(head, size, path)));
}
/** What judging the content needs, before the read cap: a blob read shorter than this is not judged clean. */
function bytesNeeded(head, size, path) {
    if (isArchive(head) || isExecutable(head) || zipStart(head) > 0)
        return size;
    const packing = packingOf(head);
    if (packing)
        return packedWants(head, packing, path);
    return annoyWants(path, size) ?? formatWants(head, size);
}
/**
 * A gzip or zlib stream whose start decodes to plain content (a log, a CSV) needs only its head:
 * reading a large one whole would cost its full size for nothing. Anything else inside (an
 * archive, a pickle, a format that wants more), or a packing we cannot peek into, is read whole.
 */
function packedWants(head, packing, path) {
    const inner = peekInflated(head, packing);
    if (inner === null || inner.length === 0)
        return LIMITS.readCap;
    const innerPath = unpackedPath(path, packing);
    const plain = !isZip(inner) && !isTar(inner) && !packingOf(inner) && formatWants(inner, MAX_SIZE) <= HEAD_BYTES;
    return plain && !SNIFFERS.some((sniff) => sniff({ path: innerPath, size: MAX_SIZE, bytes: inner }))
        ? HEAD_BYTES
        : LIMITS.readCap;
}
function formatWants(head, size) {
    return (pickleWants(head) ??
        hdf5Wants(head, size) ??
        ggufWants(head) ??
        safetensorsWants(head) ??
        onnxWants(head) ??
        npyWants(head, size) ??
        usearchWants(head, size) ??
        ecosystemWants(head) ??
        HEAD_BYTES);
}
/** Archives are read whole (up to the cap): their members, and a 7z's header, lie anywhere in them. */
function isArchive(head) {
    return isZip(head) || isTar(head) || is7z(head) || isRar(head);
}
/** Self-extracting archives are executables with the zip appended: read whole (up to the cap) to find it. */
function isExecutable(head) {
    return head.toString('latin1', 0, 2) === 'MZ' || head.toString('latin1', 0, 4) === '\x7fELF';
}
/** Size of a stream whose end is not known (a decompressed prefix). */
const MAX_SIZE = Number.MAX_SAFE_INTEGER;
/**
 * `input.bytes` holds at least min(size, HEAD_BYTES) bytes, up to what bytesWanted asked for;
 * `input.tail` the last bytes tailWanted asked for (none: the end was not read).
 */
async function detect(input, options) {
    const blob = joined(input);
    const ctx = { depth: 0, layers: 0, budget: { bytes: LIMITS.decompressBudget, members: LIMITS.maxMembers } };
    try {
        const pointer = lfsPointerOf(blob);
        return pointer ? await detectLfs(blob.path, pointer, options, ctx) : await judgeNamed(blob, options, ctx);
    }
    catch (error) {
        if (!(error instanceof MalformedInput))
            throw error;
        return [unknown(`reader error: ${error.message}`)];
    }
}
/** The content judged first; when it says nothing, a model name or the registry's word still counts. */
async function judgeNamed(blob, options, ctx) {
    const found = await judge(blob, ctx);
    if (found.length > 0)
        return found;
    const declared = { model: options.declaredModel?.(blob.path) ?? false, included: options.includedByName(blob.path) };
    const fallback = sniffByName(blob) ?? sniffDeclared(blob, declared) ?? sniffUnreadEnd(blob);
    return fallback ? [detection(fallback)] : [];
}
/** A pointer's content when it is stored locally, judged like the blob it stands for; else its name. */
async function detectLfs(path, pointer, options, ctx) {
    const content = await readLfsObject(path, pointer, options);
    if (content) {
        const found = await judgeNamed(joined({ path, size: pointer.size, ...content }), options, ctx);
        return found.map((d) => ({ ...d, detail: { ...d.detail, lfs: lfsDetail(pointer, true) } }));
    }
    const registryNames = (options.declaredModel?.(path) ?? false) || options.includedByName(path);
    const absent = sniffAbsentLfs(path, pointer, registryNames, options.lfsAbsent);
    return absent ? [detection(absent)] : [];
}
/** A locally stored LFS object as detection wants it: prefix and tail, read again when the tail asks for more. */
async function readLfsObject(path, pointer, options) {
    if (!options.lfsObject)
        return null;
    const { oid, size } = pointer;
    const keep = (head, headSize) => bytesWanted(head, headSize, path);
    const first = await options.lfsObject(oid, size, keep, tailWanted);
    const more = first?.tail ? tailWantedAfter({ size, bytes: first.bytes, tail: first.tail }) : 0;
    return first && more > (first.tail?.length ?? 0) ? options.lfsObject(oid, size, keep, () => more) : first;
}
/** What a blob or member is; nothing only when it was read as far as its format needs. */
async function judge(blob, ctx) {
    const found = await classify(blob, ctx);
    if (found.length > 0)
        return found;
    const short = shortRead(blob);
    return short ? [unknown(short)] : [];
}
function shortRead(blob) {
    // An archive listed from its tail accounts for what was not read: members past it are findings of their own.
    if (blob.tail && isArchive(blob.bytes))
        return null;
    const need = Math.min(blob.size, bytesNeeded(blob.bytes.subarray(0, HEAD_BYTES), blob.size, blob.path));
    if (blob.bytes.length >= need)
        return null;
    return `only ${blob.bytes.length} of the ${need} bytes detection needs were read`;
}
/** Everything found in one blob or member: unwraps compression, opens archives, runs the sniffers. */
async function classify(blob, ctx) {
    const packing = packingOf(blob.bytes);
    if (packing) {
        const unpacked = await unwrap(blob, packing, ctx);
        if (unpacked)
            return unpacked;
    }
    if (isZip(blob.bytes))
        return openArchive(blob, listZip(blob), ctx);
    if (isTar(blob.bytes))
        return openArchive(blob, listTar(blob.bytes, blob.size), ctx);
    if (is7z(blob.bytes))
        return openArchive(blob, list7z(blob), ctx);
    if (isRar(blob.bytes))
        return openArchive(blob, listRar(blob), ctx);
    for (const sniff of SNIFFERS) {
        const hit = sniff(blob);
        if (hit)
            return [detection(hit)];
    }
    // A zip after other bytes (a self-extractor, a polyglot), found by its end record.
    if (hasEmbeddedZip(blob))
        return openArchive(blob, listZip(blob), ctx);
    const unread = zipDirectoryUnread(blob);
    return unread ? [unknown(`a zip's end record closes this blob, but ${unread}: its members are not listed`)] : [];
}
/**
 * Decompresses a prefix (HEAD_BYTES, then what the inner format wants) and judges it. A stream
 * that does not decode is an unknown finding, unless its header was likely a coincidence (null:
 * the raw bytes are sniffed instead).
 */
async function unwrap(blob, packing, ctx) {
    if (ctx.layers >= LIMITS.maxLayers)
        return [unknown(`compression nested more than ${LIMITS.maxLayers} layers deep`)];
    const notDecoded = (why) => [
        unknown(`${packing}-compressed content not inspected: ${why}`, { compression: [packing] })
    ];
    if (ctx.budget.bytes <= 0)
        return notDecoded(`decompression budget of ${LIMITS.decompressBudget / MiB} MiB used up`);
    let out;
    try {
        out = await decompress(blob, packing, ctx);
    }
    catch (error) {
        if (error instanceof DecoderMissing)
            return notDecoded(error.message);
        throw error;
    }
    if (out.error !== undefined && out.inner.bytes.length === 0)
        return surelyPacked(packing, blob.bytes) ? notDecoded(`the stream does not decode (${out.error})`) : null;
    if (out.inner.bytes.length === 0)
        return null; // an empty stream holds nothing
    const innerCtx = { ...ctx, layers: ctx.layers + 1 };
    const found = out.error === undefined ? await judge(out.inner, innerCtx) : await classify(out.inner, innerCtx);
    if (found.length > 0)
        return found.map((d) => withCompression(d, packing));
    // Nothing inside a stream that decoded: a compressed file that is no model. One that broke off is not judged.
    return out.error === undefined
        ? null
        : notDecoded(`the stream stops decoding after ${out.inner.bytes.length} bytes (${out.error})`);
}
async function decompress(blob, packing, ctx) {
    const path = unpackedPath(blob.path, packing);
    let limit = Math.min(HEAD_BYTES, ctx.budget.bytes);
    let out = await unpack(packing, blob.bytes, limit);
    if (!out.complete && out.error === undefined) {
        const want = bytesWanted(out.data, MAX_SIZE, path);
        if (want > out.data.length)
            out = await unpack(packing, blob.bytes, (limit = Math.min(want, ctx.budget.bytes)));
    }
    ctx.budget.bytes -= out.data.length;
    const cutByRead = blob.bytes.length < blob.size;
    const complete = out.complete && !cutByRead;
    // A stream we cut ourselves (the read cap) ends early by our doing; a whole one that ends early is broken.
    const endedEarly = !out.complete && out.data.length < limit ? 'the stream ends before its end' : undefined;
    const error = cutByRead ? undefined : (out.error ?? endedEarly);
    return { inner: { path, size: complete ? out.data.length : MAX_SIZE, bytes: out.data }, error };
}
/** Compression of a single stream is recorded on the finding; a compressed pickle from zlib/lzma is joblib's. */
function withCompression(d, packing) {
    if (d.member !== null || (d.kind === 'unknown' && d.detail.compression))
        return d;
    const compression = [packing, ...(d.detail.compression ?? [])];
    const format = d.format === 'pickle' && (packing === 'zlib' || packing === 'lzma') ? 'joblib' : d.format;
    return { ...d, format, detail: { ...d.detail, compression } };
}
async function openArchive(blob, archive, ctx) {
    for (const sniff of ARCHIVE_SNIFFERS) {
        const hit = await sniff(archive);
        if (hit)
            return [detection(hit)];
    }
    if (ctx.depth >= LIMITS.maxDepth) {
        return [archiveUnknown(archive, `${archive.type} nested deeper than ${LIMITS.maxDepth} archive levels: not opened`)];
    }
    const found = [];
    for (const entry of archive.entries) {
        if (ctx.budget.members <= 0) {
            found.push(unknown(`archive member limit (${LIMITS.maxMembers}) reached: remaining members not examined`));
            break;
        }
        ctx.budget.members -= 1;
        found.push(...(await member(archive, entry, ctx)));
    }
    found.push(...unopened(archive));
    if (archive.unreadable)
        found.push(archiveUnknown(archive, `${archive.type} not readable: ${archive.unreadable}`));
    if (archive.truncated) {
        const reason = `${archive.type} not fully read (${archive.truncated}): members past that point not examined`;
        found.push(archiveUnknown(archive, reason));
    }
    return found;
}
/**
 * Members listed but not readable (a 7z member compressed with LZMA, an encrypted RAR member): one
 * named like a model is reported by its name; the rest, one finding per reason listing their names.
 */
function unopened(archive) {
    const named = [];
    const byReason = new Map();
    for (const entry of archive.unopened ?? []) {
        const why = entry.unreadable ?? 'not readable';
        const byName = sniffByName({ path: entry.name, size: entry.size, bytes: Buffer.alloc(0) });
        if (byName) {
            const reason = `named like a model; content not inspected: ${why}`;
            named.push(inMember(detection({ ...byName, detail: { ...byName.detail, reason } }), entry.name));
        }
        else
            byReason.set(why, [...(byReason.get(why) ?? []), entry.name]);
    }
    const grouped = [...byReason].map(([why, names]) => {
        const listed = names.slice(0, LIMITS.namesReported);
        const more = names.length > listed.length ? { moreMembers: names.length - listed.length } : {};
        const reason = `${names.length} ${archive.type} member${names.length === 1 ? '' : 's'} not inspected: ${why}`;
        return archiveUnknown(archive, reason, { members: listed, ...more });
    });
    return [...named, ...grouped];
}
/** A finding about the archive as a whole: a 7z or rar keeps its name as the format (nothing else says what it is). */
function archiveUnknown(archive, reason, extra = {}) {
    const found = unknown(reason, extra);
    return archive.type === '7z' || archive.type === 'rar' ? { ...found, format: archive.type } : found;
}
/** One archive member: bounds first, then its prefix classified like a blob of its own. */
async function member(archive, entry, ctx) {
    const refusal = refuseMember(entry, ctx);
    if (refusal)
        return [inMember(unknown(refusal), entry.name)];
    try {
        const head = await archive.read(entry, HEAD_BYTES);
        const want = bytesWanted(head, entry.size, entry.name);
        const bytes = want > head.length ? await archive.read(entry, Math.min(want, ctx.budget.bytes)) : head;
        if (archive.type === 'zip')
            ctx.budget.bytes -= bytes.length;
        const child = { path: entry.name, size: entry.size, bytes };
        let found = await judge(child, { ...ctx, depth: ctx.depth + 1 });
        if (found.length === 0)
            found = [sniffByName(child)].filter((s) => s !== null).map(detection);
        if (entry.encrypted)
            found = encryptedMember(found);
        return found.map((d) => inMember(d, entry.name));
    }
    catch (error) {
        if (!(error instanceof MalformedInput))
            throw error;
        return [inMember(unknown(`reader error: ${error.message}`), entry.name)];
    }
}
/** A member marked encrypted is what was found in its bytes (stored in the clear), else unknown. */
function encryptedMember(found) {
    if (!found.some((d) => d.kind !== 'unknown'))
        return [unknown('member not readable: encrypted')];
    return found.map((d) => ({ ...d, detail: { ...d.detail, encryptedFlag: true } }));
}
function refuseMember(entry, ctx) {
    if (entry.unreadable)
        return `member not readable: ${entry.unreadable}`;
    const ratio = entry.packedSize > 0 ? entry.size / entry.packedSize : 0;
    if (entry.size > LIMITS.bombMinBytes && ratio > LIMITS.bombRatio) {
        return `compression ratio ${Math.round(ratio)}:1 exceeds ${LIMITS.bombRatio}:1 (zip-bomb guard): not opened`;
    }
    if (ctx.budget.bytes <= 0)
        return `decompression budget of ${LIMITS.decompressBudget / MiB} MiB used up: not opened`;
    return null;
}
function inMember(d, name) {
    return { ...d, member: d.member === null ? name : `${name}/${d.member}` };
}
function detection(s) {
    return { member: null, format: s.format, kind: s.kind, detail: s.detail };
}
function unknown(reason, extra = {}) {
    return { member: null, format: 'unknown', kind: 'unknown', detail: { reason, ...extra } };
}

// YAML read for provenance: the parsed value, every parse error with its line, and the line of any
// key path, so each claim can say where it was read.
/** Parses YAML that starts at `firstLine` of its file (front matter starts on line 2). */
function parseYamlFile(text, firstLine = 1) {
    const { doc, lines, value, problems } = parseYaml(text, { uniqueKeys: false });
    const toFileLine = (offset) => lines.linePos(offset).line + firstLine - 1;
    return {
        value,
        errors: problems.map((p) => ({ line: toFileLine(p.offset), message: p.message })),
        lineOf(path) {
            const node = path.length ? doc.getIn(path, true) : doc.contents;
            const range = node?.range;
            return range ? toFileLine(range[0]) : undefined;
        }
    };
}
/** A YAML value as a list of names: a string is one name, a list keeps its scalar items. */
function namesIn(value) {
    if (typeof value === 'string' || typeof value === 'number')
        return [{ name: String(value), index: null }];
    if (!Array.isArray(value))
        return [];
    return value.flatMap((item, index) => typeof item === 'string' || typeof item === 'number' ? [{ name: String(item), index }] : []);
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds a source from its consult function; `claims` is the report's claims. */
function defineSource(name, consult) {
    const run = async (artifact, context) => ({
        source: name,
        ...(await consult(artifact, context))
    });
    return { name, consult: run, claims: async (artifact, context) => (await run(artifact, context)).claims };
}
/**
 * A provenance file the user clearly meant for this artifact but that cannot be read: a claim, not
 * silence, so `policy.unregistered_dataset` decides instead of the data being dropped.
 */
function unreadableClaim(source, file, line, problem) {
    return { type: 'unreadable', file, line, problem, source, evidence: { file, line, note: problem } };
}
/** What a claim names, for notes and explain: the dataset name, or `unreadable FILE`. */
function claimName(claim) {
    return claim.type === 'dataset' ? claim.name : `unreadable ${claim.file}`;
}
/** A parent model that is a folder rather than a file gets this format. */
const DIRECTORY_FORMAT = 'directory';
/** The folder whose README.md and dvc files speak for an artifact: its own for a model folder. */
function artifactFolder(artifact) {
    const path = artifact.blob.path;
    if (artifact.format === DIRECTORY_FORMAT)
        return path;
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '' : path.slice(0, slash);
}
/** The folder and its ancestors up to the repository root ('' is the root), nearest first. */
function foldersUpToRoot(folder) {
    const folders = [];
    let current = folder;
    for (;;) {
        folders.push(current);
        if (current === '')
            return folders;
        const slash = current.lastIndexOf('/');
        current = slash < 0 ? '' : current.slice(0, slash);
    }
}
/** `s3://bucket/x`, `https://host/x`: a URL, not a repository path. */
function isUrl(text) {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}
function joinPath(folder, name) {
    return folder === '' ? name : `${folder}/${name}`;
}

// DVC pipeline files as DVC writes them: `dvc.yaml` (declared stages) and `dvc.lock` (schema 2.0,
// what ran; 1.x lock files without `schema` too). Both become stages whose deps and outs are
// repository paths (or URLs for external deps), each with the line it was read from.
/** A path as written in a dvc file, relative to its folder and the stage's wdir, as a repository path. */
function repositoryPath(folder, wdir, written) {
    if (isUrl(written))
        return written;
    const joined = posix.normalize(joinPath(joinPath(folder, wdir), written).replace(/^\/+/, ''));
    return joined.replace(/\/+$/, '').replace(/^\.\//, '');
}
/** The stages of one dvc.yaml; templated stages (foreach, matrix, ${...}) are left to dvc.lock. */
function dvcYamlStages(yaml, file, folder) {
    const stages = isRecord(yaml.value) && isRecord(yaml.value.stages) ? yaml.value.stages : {};
    const problems = [];
    const read = Object.entries(stages).flatMap(([name, stage]) => {
        if (!isRecord(stage))
            return [];
        if ('foreach' in stage || 'matrix' in stage) {
            problems.push({
                file,
                line: yaml.lineOf(['stages', name]),
                message: `stage ${name} is templated (foreach/matrix): read from dvc.lock`
            });
            return [];
        }
        const wdir = typeof stage.wdir === 'string' ? stage.wdir : '';
        const entries = (key) => (Array.isArray(stage[key]) ? stage[key] : []).flatMap((entry, i) => {
            const written = typeof entry === 'string' ? entry : isRecord(entry) ? Object.keys(entry)[0] : undefined;
            if (written === undefined || written.includes('${'))
                return [];
            return [{ path: repositoryPath(folder, wdir, written), file, line: yaml.lineOf(['stages', name, key, i]) }];
        });
        return [{ name, file, line: yaml.lineOf(['stages', name]), deps: entries('deps'), outs: entries('outs') }];
    });
    return { stages: read, problems };
}
/** The stages of one dvc.lock; wdirs come from dvc.yaml (`train@a` takes `train`'s). */
function dvcLockStages(yaml, file, folder, wdirOf) {
    const root = isRecord(yaml.value) ? yaml.value : {};
    const v2 = 'schema' in root;
    const stages = v2 ? (isRecord(root.stages) ? root.stages : {}) : root;
    const problems = [];
    if (v2 && String(root.schema) !== '2.0')
        problems.push({
            file,
            line: yaml.lineOf(['schema']),
            message: `schema ${String(root.schema)} is not 2.0: read as 2.0`
        });
    const prefix = v2 ? ['stages'] : [];
    const read = Object.entries(stages).flatMap(([name, stage]) => {
        if (!isRecord(stage))
            return [];
        const wdir = wdirOf(name);
        if (wdir === null)
            problems.push({
                file,
                line: yaml.lineOf([...prefix, name]),
                message: `stage ${name}: the dvc.yaml wdir cannot be resolved: paths read as relative to ${folder || '.'}`
            });
        const entries = (key) => (Array.isArray(stage[key]) ? stage[key] : []).flatMap((entry, i) => isRecord(entry) && typeof entry.path === 'string'
            ? [
                {
                    path: repositoryPath(folder, wdir ?? '', entry.path),
                    file,
                    line: yaml.lineOf([...prefix, name, key, i, 'path'])
                }
            ]
            : []);
        return [{ name, file, line: yaml.lineOf([...prefix, name]), deps: entries('deps'), outs: entries('outs') }];
    });
    return { stages: read, problems };
}
/** The wdir dvc.yaml gives each lock entry: `train@a` of a foreach stage takes `do.wdir`. */
function stageWdirs(yaml) {
    const stages = yaml && isRecord(yaml.value) && isRecord(yaml.value.stages) ? yaml.value.stages : {};
    return (lockName) => {
        const at = lockName.indexOf('@');
        const stage = stages[at < 0 ? lockName : lockName.slice(0, at)];
        return isRecord(stage) ? stageWdir(stage, at < 0 ? undefined : lockName.slice(at + 1)) : '';
    };
}
/** A stage's wdir (a foreach stage's is under `do`), its foreach `${item}` or `${key}` filled in from the lock name. */
function stageWdir(stage, key) {
    const body = isRecord(stage.do) ? stage.do : stage;
    const wdir = typeof body.wdir === 'string' ? body.wdir : '';
    if (!wdir.includes('${'))
        return wdir;
    const values = key === undefined ? {} : foreachValues(stage.foreach, key);
    const filled = wdir.replace(/\$\{\s*(item|key)\s*\}/g, (written, name) => values[name] ?? written);
    return filled.includes('${') ? null : filled;
}
/** What `${item}` and `${key}` are for the lock entry `<stage>@key`: a list of scalars names entries by value, a dict by key. */
function foreachValues(foreach, key) {
    const scalar = (value) => ['string', 'number', 'boolean'].includes(typeof value);
    if (Array.isArray(foreach))
        return foreach.some((item) => scalar(item) && String(item) === key) ? { item: key } : {};
    if (!isRecord(foreach) || !(key in foreach))
        return {};
    const item = foreach[key];
    return scalar(item) ? { key, item: String(item) } : { key };
}

// The walk from a model back through a DVC pipeline: the stage that outputs it, that stage's deps,
// and on through deps that are other stages' outs. Each stage is visited once (no loops).
/** Deps that are code or configuration, not training data. */
const CODE_EXTENSIONS = new Set([
    'py',
    'ipynb',
    'r',
    'jl',
    'sh',
    'bash',
    'js',
    'mjs',
    'ts',
    'scala',
    'java',
    'kt',
    'go',
    'rs',
    'c',
    'cc',
    'cpp',
    'h',
    'hpp',
    'sql',
    'toml',
    'cfg',
    'ini',
    'yaml',
    'yml',
    'lock'
]);
const CODE_NAMES = new Set([
    'src',
    'source',
    'code',
    'scripts',
    'lib',
    'utils',
    'notebooks',
    'conf',
    'config',
    'configs',
    'makefile',
    'dockerfile',
    'requirements.txt'
]);
function isCode(path) {
    const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
    const dot = name.lastIndexOf('.');
    return CODE_NAMES.has(name) || (dot > 0 && CODE_EXTENSIONS.has(name.slice(dot + 1)));
}
/** Whether two repository paths are the same or one holds the other. */
function overlaps(a, b) {
    return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}
/** Datasets a dep reads: its paths globs match the dep, or the dep is a folder holding them; URLs match uris. */
function datasetsForDep(registry, dep) {
    if (isUrl(dep)) {
        const dataset = registry.datasetByUri(dep) ?? registry.dataset(dep);
        return dataset ? [dataset] : [];
    }
    return registry.data.datasets.filter((dataset) => Registry.matchesOrHoldsAnyGlob(dep, dataset.paths));
}
class PipelineWalk {
    commit;
    stages;
    context;
    claims = [];
    parents = [];
    notes = [];
    visited = new Set();
    constructor(commit, stages, context) {
        this.commit = commit;
        this.stages = stages;
        this.context = context;
    }
    /** Follows every stage that outputs `path`; `chain` names the stages that led here. */
    async followOutput(path, chain) {
        for (const stage of this.stages) {
            const out = stage.outs.find((o) => overlaps(o.path, path));
            if (!out || this.visited.has(stage))
                continue;
            this.visited.add(stage);
            this.notes.push({ file: out.file, line: out.line, text: `stage ${stage.name} outputs ${out.path}` });
            for (const dep of stage.deps)
                await this.followDep(dep, [...chain, stage.name]);
        }
    }
    async followDep(dep, chain) {
        const via = `dep ${dep.path} of stage ${chain.join(' ← ')}`;
        const datasets = datasetsForDep(this.context.registry, dep.path);
        if (datasets.length > 0) {
            for (const dataset of datasets)
                this.claim(dataset.id, dep, `${via} is under dataset ${dataset.id}'s paths`);
        }
        else if (this.stages.some((stage) => stage.outs.some((o) => overlaps(o.path, dep.path)))) {
            this.notes.push({ file: dep.file, line: dep.line, text: `${via} is produced by another stage` });
            await this.followOutput(dep.path, chain);
        }
        else if (isCode(dep.path)) {
            this.notes.push({ file: dep.file, line: dep.line, text: `${via}: code or configuration` });
        }
        else if (await this.isModel(dep.path)) {
            this.parents.push({
                names: [dep.path],
                relativeTo: '',
                evidence: { file: dep.file, line: dep.line, note: `${via} is a model` }
            });
            this.notes.push({ file: dep.file, line: dep.line, text: `${via} is a model: its datasets are inherited` });
        }
        else {
            this.claim(dep.path, dep, `${via} is under no dataset's paths`);
        }
    }
    claim(name, dep, note) {
        this.claims.push({ type: 'dataset', name, source: 'dvc', evidence: { file: dep.file, line: dep.line, note } });
        this.notes.push({ file: dep.file, line: dep.line, text: `${note} → ${name}` });
    }
    async isModel(path) {
        if (isUrl(path))
            return false;
        const artifacts = await this.context.artifactsAt(this.commit, path);
        return (artifacts ?? []).some((a) => a.format !== 'unknown' || a.kind !== 'unknown');
    }
}

// Per-context memory: many artifacts of one commit share a README.md or a dvc.lock, read it once.
const MEMORY = new WeakMap();
function memoized(context, key, compute) {
    let entries = MEMORY.get(context);
    if (!entries)
        MEMORY.set(context, (entries = new Map()));
    let value = entries.get(key);
    if (!value)
        entries.set(key, (value = compute()));
    return value;
}

/** Pipelines are text; a lock file over 1 MiB is read up to there and reported if that breaks it. */
const DVC_MAX_BYTES = 1024 * 1024;
const dvcSource = defineSource('dvc', async (artifact, context) => {
    const folders = foldersUpToRoot(artifactFolder(artifact));
    const read = await Promise.all(folders.map((folder) => memoized(context, `dvc\0${artifact.blob.commit}\0${folder}`, () => readFolder(artifact.blob.commit, folder, context))));
    const files = read.flatMap((r) => r.files);
    if (files.length === 0) {
        return {
            claims: [],
            parents: [],
            notes: [{ text: `no dvc.yaml or dvc.lock in ${folders.map((f) => f || '.').join(', ')}` }]
        };
    }
    const walk = new PipelineWalk(artifact.blob.commit, read.flatMap((r) => r.stages), context);
    await walk.followOutput(artifact.blob.path, []);
    const broken = read.flatMap((r) => r.broken);
    const name = artifact.blob.path.slice(artifact.blob.path.lastIndexOf('/') + 1);
    const unreadable = broken
        .filter((b) => b.text.includes(name))
        .map((b) => unreadableClaim('dvc', b.file, b.line, b.message));
    const notes = [...read.flatMap((r) => r.notes), ...walk.notes];
    if (walk.notes.length === 0)
        notes.push({ text: `no stage in ${files.join(', ')} outputs ${artifact.blob.path}` });
    return { claims: [...walk.claims, ...unreadable], parents: walk.parents, notes };
});
async function readFolder(commit, folder, context) {
    const yamlFile = joinPath(folder, 'dvc.yaml');
    const lockFile = joinPath(folder, 'dvc.lock');
    const [yamlBytes, lockBytes] = await Promise.all([
        context.readFile(commit, yamlFile, DVC_MAX_BYTES),
        context.readFile(commit, lockFile, DVC_MAX_BYTES)
    ]);
    const result = { files: [], stages: [], notes: [], broken: [] };
    const parse = (file, bytes) => {
        if (!bytes)
            return null;
        result.files.push(file);
        const text = bytes.toString('utf8');
        const yaml = parseYamlFile(text);
        const truncated = bytes.length >= DVC_MAX_BYTES ? ` (read only its first ${DVC_MAX_BYTES} bytes)` : '';
        if (yaml.errors.length === 0)
            return yaml;
        const problem = {
            file,
            line: yaml.errors[0].line,
            message: `not valid YAML: ${yaml.errors[0].message}${truncated}`
        };
        result.broken.push({ ...problem, text });
        result.notes.push({ file, line: problem.line, text: problem.message });
        return null;
    };
    const yaml = parse(yamlFile, yamlBytes);
    const lock = parse(lockFile, lockBytes);
    // dvc.lock first: it records what ran, with resolved templates.
    const reads = [
        lock && dvcLockStages(lock, lockFile, folder, stageWdirs(yaml)),
        yaml && dvcYamlStages(yaml, yamlFile, folder)
    ];
    for (const read of reads) {
        if (!read)
            continue;
        result.stages.push(...read.stages);
        result.notes.push(...read.problems.map((p) => ({ file: p.file, line: p.line, text: p.message })));
    }
    return result;
}

// Lineage: a model trained from another model inherits every dataset of its parent, transitively.
// A parent named by a path in the repository (file or model folder) is consulted through every
// source, as of the commit that last changed it (trailer included) and as of the child's; a name the repository lacks but the registry's models[] knows
// (a Hub id, say) through the registry; anything else is unknown provenance, said in a note.
// A cycle stops the walk where it closes.
/** Deeper than any real fine-tuning chain; stops a pathological registry or card graph. */
const MAX_LINEAGE_DEPTH = 16;
async function lineageReport(artifact, parents, context, chain, consult) {
    const resolvedParents = [];
    const report = { source: 'lineage', claims: [], parents: [], notes: [], resolvedParents };
    if (parents.length === 0)
        report.notes.push({ text: 'no source names a parent model' });
    for (const parent of parents) {
        const declared = { file: parent.evidence.file, line: parent.evidence.line };
        const resolved = await resolveParent(parent, artifact.blob.commit, context);
        if (resolved)
            resolvedParents.push(parentRef(resolved));
        const problem = resolved
            ? lineageProblem(chain, resolved.path)
            : `parent model ${parent.names.join(' or ')} is neither in the repository at ${artifact.blob.commit.slice(0, 12)} nor a registry model: its training data is unknown`;
        if (problem || !resolved) {
            report.notes.push({ ...declared, text: problem });
            continue;
        }
        const reports = (await Promise.all(resolved.views.map((view) => consult(view.artifact, [...chain, resolved.path], view.sources)))).flat();
        const claims = distinct(reports.flatMap((r) => r.claims).map((claim) => inherited(claim, artifact.blob.path, resolved.path)));
        report.claims.push(...claims);
        report.notes.push({ ...declared, text: inheritanceNote(resolved, claims) });
    }
    return report;
}
/** The blob read at a parent's path (the same at its own commit and the child's: it did not change between them). */
function parentRef(parent) {
    return { path: parent.path, blob: parent.views[0]?.artifact.blob.id || null };
}
function lineageProblem(chain, parent) {
    if (chain.includes(parent))
        return `lineage cycle ${[...chain, parent].join(' → ')}: stopped there`;
    if (chain.length >= MAX_LINEAGE_DEPTH)
        return `lineage deeper than ${MAX_LINEAGE_DEPTH} models at ${parent}: stopped there`;
    return null;
}
function inheritanceNote(parent, claims) {
    const names = [...new Set(claims.map(claimName))];
    const what = names.length ? `inherits ${names.join(', ')}` : 'no source says what it was trained on';
    return `parent ${parent.shown}: ${what}`;
}
/** A parent's claim as this model's: source `lineage`, the original file and line, the chain in the note. */
function inherited(claim, child, parent) {
    const note = claim.evidence?.note;
    const origin = claim.source === 'lineage' && note?.startsWith('via ')
        ? note.slice(4)
        : `${parent} (${claim.source}${note ? `: ${note}` : ''})`;
    const evidence = {
        file: claim.evidence?.file ?? parent,
        line: claim.evidence?.line,
        note: `via ${child} → ${origin}`
    };
    return { ...claim, source: 'lineage', evidence };
}
/** The same claim read at both commits of a parent (an unchanged README) is listed once. */
function distinct(claims) {
    const seen = new Map(claims.map((claim) => [
        JSON.stringify([claimName(claim), claim.evidence?.file, claim.evidence?.line, claim.evidence?.note]),
        claim
    ]));
    return [...seen.values()];
}
async function resolveParent(parent, commit, context) {
    for (const path of candidatePaths(parent)) {
        const found = await inRepository(path, commit, context);
        if (found)
            return readAtOwnCommit(path, found.kind, found.artifacts, commit, context);
    }
    const known = parent.names.find((name) => context.registry.modelsFor(name).length > 0);
    if (known === undefined)
        return null;
    return {
        path: known,
        shown: `${known} (registry models[])`,
        views: [{ artifact: pseudoArtifact(known, commit, 'unknown'), sources: 'registry' }]
    };
}
async function inRepository(path, commit, context) {
    const artifacts = await context.artifactsAt(commit, path);
    if (artifacts)
        return { kind: 'file', artifacts: artifacts.length ? artifacts : [pseudoArtifact(path, commit, 'unknown')] };
    if (await context.isDirectory(commit, path))
        return { kind: 'model folder', artifacts: [pseudoArtifact(path, commit, DIRECTORY_FORMAT)] };
    return null;
}
/**
 * A parent is read as of the commit that last changed it, whose trailer speaks for it, and (a union,
 * so nothing found before is lost) as of the child's commit, whose trailer speaks for the child.
 */
async function readAtOwnCommit(path, kind, artifacts, commit, context) {
    const own = (await context.lastChange(commit, path)) ?? commit;
    const atChild = artifacts.map((artifact) => ({ artifact, sources: 'without-trailer' }));
    if (own === commit)
        return { path, shown: `${path} (${kind})`, views: atChild };
    // Unchanged since `own`, so the blob (or tree) detected at the child's commit is the one there.
    const atOwn = artifacts.map((artifact) => ({
        artifact: { ...artifact, blob: { ...artifact.blob, commit: own } },
        sources: 'all'
    }));
    return { path, shown: `${path} (${kind}, last changed in commit ${own.slice(0, 12)})`, views: [...atOwn, ...atChild] };
}
/** A name as a repository path: from the root, then from the folder of the file that named it. */
function candidatePaths(parent) {
    const paths = parent.names
        .filter((name) => !/^[a-z][a-z0-9+.-]*:/i.test(name) && !name.startsWith('/'))
        .flatMap((name) => [name, joinPath(parent.relativeTo, name)])
        .map((path) => posix.normalize(path).replace(/\/+$/, ''))
        .filter((path) => path !== '.' && !path.startsWith('..'));
    return [...new Set(paths)];
}
function pseudoArtifact(path, commit, format) {
    return { member: null, format, kind: 'unknown', detail: {}, blob: { id: '', path, commit, size: 0 } };
}

// Which embedded-metadata keys name training data and which name a parent model. Pure.
// A key names training data when its words include dataset/data/corpus, or train(ing|ed) with
// on/source/set/uri/path/dir/file/input; words like format/version/config/count mean it describes
// something else (`format: pt`, `training_config`, `dataset_version`), so it is not a name.
const DATA_WORDS = new Set(['dataset', 'datasets', 'data', 'corpus', 'corpora']);
const TRAIN_WORDS = new Set(['train', 'training', 'trained']);
const TRAIN_OBJECT_WORDS = new Set([
    'on',
    'source',
    'sources',
    'set',
    'sets',
    'uri',
    'uris',
    'url',
    'urls',
    'path',
    'paths',
    'dir',
    'dirs',
    'file',
    'files',
    'input',
    'inputs'
]);
const NOT_A_NAME_WORDS = new Set([
    'format',
    'type',
    'dtype',
    'version',
    'count',
    'size',
    'shape',
    'config',
    'hash',
    'md5',
    'sha256',
    'checksum',
    'split',
    'splits',
    'loader',
    'args',
    'date',
    'time',
    'steps',
    'length',
    'seed',
    'ratio',
    'fraction',
    'frequency'
]);
/** The words of a key: `general.datasets` → general, datasets; `trainingDataURI` → training, data, uri. */
function keyWords(key) {
    return key
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .split(/[^A-Za-z0-9]+/)
        .filter((word) => word.length > 0)
        .map((word) => word.toLowerCase());
}
function namesTrainingData(key) {
    const words = keyWords(key);
    if (words.some((w) => NOT_A_NAME_WORDS.has(w)) || namesParentModel(key))
        return false;
    if (words.some((w) => DATA_WORDS.has(w)))
        return true;
    return words.some((w) => TRAIN_WORDS.has(w)) && words.some((w) => TRAIN_OBJECT_WORDS.has(w));
}
/** `base_model`, `baseModel`, GGUF `general.base_model.N.*`, and GGUF `general.source.*` (converted from). */
function namesParentModel(key) {
    const words = keyWords(key);
    if (words.includes('count'))
        return false;
    const base = words.findIndex((w, i) => w === 'base' && words[i + 1] === 'model');
    return base >= 0 || key.startsWith('general.source.');
}
/** Of GGUF's parent fields only these name the parent (not author, version, doi, uuid, ...). */
const GGUF_PARENT_NAME_FIELDS = new Set(['name', 'repo_url', 'url']);
/** Whether a parent-model key's value is a name to resolve. */
function namesParentByValue(key) {
    if (!key.startsWith('general.'))
        return true;
    return GGUF_PARENT_NAME_FIELDS.has(key.slice(key.lastIndexOf('.') + 1));
}
/** The group a parent key belongs to: `general.base_model.0.name` → `general.base_model.0`. */
function parentGroup(key) {
    const gguf = /^(general\.base_model\.\d+)\./.exec(key);
    if (gguf)
        return gguf[1];
    return key.startsWith('general.source.') ? 'general.source' : key;
}
/** A metadata value as names: JSON lists and objects (their keys) are opened, text is split on commas. */
function valueNames(value) {
    if (Array.isArray(value))
        return value.flatMap(valueNames);
    if (typeof value !== 'string')
        return value === null || value === undefined ? [] : [String(value)];
    const text = value.trim();
    if (text.startsWith('[') || text.startsWith('{')) {
        try {
            const parsed = JSON.parse(text);
            if (Array.isArray(parsed))
                return parsed.flatMap(valueNames);
            if (parsed && typeof parsed === 'object')
                return Object.keys(parsed);
        }
        catch (error) {
            if (!(error instanceof SyntaxError))
                throw error; // not JSON after all: read it as text
        }
    }
    return text
        .split(/[,\n]/)
        .map((name) => name.trim())
        .filter((name) => name.length > 0);
}
/** A Hugging Face URL names a Hub id: https://huggingface.co/org/name → org/name. */
function hubId(url) {
    const match = /^https?:\/\/(?:www\.)?huggingface\.co\/([^/?#\s]+\/[^/?#\s]+)/.exec(url.trim());
    return match ? match[1] : null;
}
/** Words of free text, trimmed of surrounding punctuation: where a registered id or uri may hide. */
function textWords(text) {
    return text
        .split(/\s+/)
        .map((word) => word.replace(/^[("'`[<]+|[)"'`\]>.,;:!?]+$/g, ''))
        .filter((word) => word.length > 0);
}
/** Keys a JSON-object value opens into (`extra/training.json` → `extra/training.json.datasets`). */
const MAX_JSON_DEPTH = 3;
/**
 * The metadata as flat key → value pairs: a JSON object under a key that does not itself name
 * training data is opened, so `{"datasets": [...]}` in a TorchScript extra file is seen.
 */
function flatEntries(metadata, depth = 0) {
    return Object.entries(metadata).flatMap(([key, value]) => {
        const object = depth < MAX_JSON_DEPTH && !namesTrainingData(key) ? jsonObject(value) : null;
        if (!object)
            return [[key, value]];
        return flatEntries(Object.fromEntries(Object.entries(object).map(([k, v]) => [`${key}.${k}`, v])), depth + 1);
    });
}
function jsonObject(value) {
    if (value && typeof value === 'object' && !Array.isArray(value))
        return value;
    if (typeof value !== 'string' || !value.trim().startsWith('{'))
        return null;
    try {
        const parsed = JSON.parse(value);
        return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : null;
    }
    catch (error) {
        if (error instanceof SyntaxError)
            return null;
        throw error;
    }
}

function embeddedMetadata(artifact) {
    const metadata = artifact.detail.metadata;
    return metadata && typeof metadata === 'object' && !Array.isArray(metadata)
        ? metadata
        : null;
}
function artifactLabel(artifact) {
    return artifact.member ? `${artifact.blob.path}!${artifact.member}` : artifact.blob.path;
}
const metadataSource = defineSource('metadata', async (artifact, context) => {
    const metadata = embeddedMetadata(artifact);
    const file = artifactLabel(artifact);
    if (!metadata || Object.keys(metadata).length === 0) {
        return {
            claims: [],
            parents: [],
            notes: [{ text: `${file} carries no embedded metadata that detection read (${artifact.format})` }]
        };
    }
    const entries = flatEntries(metadata);
    const claims = entries.flatMap(([key, value]) => metadataClaims(key, value, file, context.registry));
    const parents = metadataParents(entries, file);
    const notes = [
        ...claims.map((c) => ({ file, text: `${c.evidence?.note}: ${c.name}` })),
        ...parents.map((p) => ({ file, text: `${p.evidence.note}: ${p.names.join(' or ')}` }))
    ];
    if (notes.length === 0)
        notes.push({ file, text: `metadata keys ${Object.keys(metadata).join(', ')} name no dataset or base model` });
    return { claims, parents, notes };
});
function metadataClaims(key, value, file, registry) {
    if (namesParentModel(key))
        return [];
    const training = namesTrainingData(key);
    const registered = (name) => Boolean(registry.dataset(name) ?? registry.datasetByUri(name));
    const names = training ? valueNames(value) : [...new Set(valueNames(value).flatMap(textWords))].filter(registered);
    const note = training ? `metadata ${key}` : `metadata ${key} (names a registered dataset)`;
    return names.map((name) => ({ type: 'dataset', name, source: 'metadata', evidence: { file, note } }));
}
/** Base-model keys grouped per parent (GGUF general.base_model.N.*); each group's values are alternatives. */
function metadataParents(entries, file) {
    const groups = new Map();
    for (const [key, value] of entries) {
        if (!namesParentModel(key) || !namesParentByValue(key))
            continue;
        const names = valueNames(value).flatMap((name) => [hubId(name), name].filter((n) => n !== null));
        const group = parentGroup(key);
        groups.set(group, [...(groups.get(group) ?? []), ...names]);
    }
    return [...groups.entries()]
        .filter(([, names]) => names.length > 0)
        .map(([group, names]) => ({
        names: [...new Set(names)],
        relativeTo: '',
        evidence: { file, note: `metadata ${group}${group.startsWith('general.') ? '.*' : ''}` }
    }));
}

function frontMatter(markdown) {
    const text = markdown.startsWith('\ufeff') ? markdown.slice(1) : markdown;
    const lines = text.split(/\r?\n/);
    if (lines[0]?.trimEnd() !== '---')
        return { kind: 'none' };
    const end = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'));
    if (end < 0)
        return { kind: 'unterminated' };
    return { kind: 'yaml', text: lines.slice(1, end).join('\n'), firstLine: 2 };
}

const registrySource = defineSource('registry', async (artifact, context) => {
    const { registry } = context;
    const claims = [];
    const parents = [];
    const notes = [];
    const privacy = [];
    for (const { entry, index } of registry.modelsFor(artifact.blob.path)) {
        notes.push({
            file: registry.file,
            line: registry.lineOf(['models', index, 'path']),
            text: `models[${index}].path "${entry.path}" matches`
        });
        if (entry.privacy) {
            const evidence = { file: registry.file, line: registry.lineOf(['models', index, 'privacy']) };
            privacy.push({ ...entry.privacy, source: 'registry', evidence });
            notes.push({ ...evidence, text: `privacy: ${privacyText(entry.privacy)}` });
        }
        entry.trained_on.forEach((name, j) => {
            const evidence = { file: registry.file, line: registry.lineOf(['models', index, 'trained_on', j]) };
            if (registry.dataset(name))
                claims.push({ type: 'dataset', name, source: 'registry', evidence });
            else
                parents.push({ names: [name], relativeTo: '', evidence: { ...evidence, note: `trained_on model ${name}` } });
        });
    }
    if (notes.length === 0)
        notes.push({ text: `no models[] entry in ${registry.file} matches ${artifact.blob.path}` });
    return { claims, parents, notes, privacy };
});
/** `dp-sgd, ε=3, δ=1e-5`, as explain shows a declared guarantee. */
function privacyText(privacy) {
    return `${privacy.mechanism}, ε=${privacy.epsilon}, δ=${privacy.delta}`;
}

// Source `model-card`: the Hugging Face model card in the nearest README.md with front matter (the
// artifact's folder, then its parents up to the root). `datasets:` is training data, `base_model:` a
// parent model; `model-index` results name evaluation data, reported but never claimed.
/** Model cards are small; a bigger README still has its front matter at the top. */
const MODEL_CARD_MAX_BYTES = 64 * 1024;
const modelCardSource = defineSource('model-card', async (artifact, context) => {
    const folders = foldersUpToRoot(artifactFolder(artifact));
    return memoized(context, `model-card\0${artifact.blob.commit}\0${folders[0]}`, () => nearestCard(artifact.blob.commit, folders, context));
});
async function nearestCard(commit, folders, context) {
    for (const folder of folders) {
        const file = joinPath(folder, 'README.md');
        const bytes = await context.readFile(commit, file, MODEL_CARD_MAX_BYTES);
        const matter = bytes ? frontMatter(bytes.toString('utf8')) : { kind: 'none' };
        if (matter.kind === 'unterminated')
            return unreadableCard(file, 1, 'front matter has no closing --- line', bytes);
        if (matter.kind === 'yaml')
            return readCard(file, parseYamlFile(matter.text, matter.firstLine), bytes);
    }
    const searched = folders.map((f) => (f === '' ? '.' : f)).join(', ');
    return { claims: [], parents: [], notes: [{ text: `no README.md with front matter found in ${searched}` }] };
}
function readCard(file, yaml, bytes) {
    if (yaml.errors.length > 0)
        return unreadableCard(file, yaml.errors[0].line, `front matter is not valid YAML: ${yaml.errors[0].message}`, bytes);
    const card = isRecord(yaml.value) ? yaml.value : {};
    const claims = namesIn(card.datasets).map(({ name, index }) => ({
        type: 'dataset',
        name,
        source: 'model-card',
        evidence: {
            file,
            line: yaml.lineOf(index === null ? ['datasets'] : ['datasets', index]),
            note: 'datasets: in the model card'
        }
    }));
    const parents = namesIn(card.base_model).map(({ name, index }) => ({
        names: [name],
        relativeTo: file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '',
        evidence: {
            file,
            line: yaml.lineOf(index === null ? ['base_model'] : ['base_model', index]),
            note: `base_model: ${name}`
        }
    }));
    const privacy = cardPrivacy(file, card.privacy, yaml);
    const notes = [
        ...claims.map((c) => ({ file, line: c.evidence?.line, text: `datasets: ${c.name}` })),
        ...parents.map((p) => ({ file, line: p.evidence.line, text: `base_model: ${p.names[0]}` })),
        ...privacy.notes,
        ...evaluationNotes(file, card['model-index'], yaml)
    ];
    if (claims.length === 0 && parents.length === 0)
        notes.unshift({ file, text: 'model card names no datasets and no base_model' });
    return { claims, parents, notes, privacy: privacy.claims };
}
/** `privacy: { mechanism, epsilon, delta }` in the card: a claim when well-formed, a note either way. */
function cardPrivacy(file, value, yaml) {
    if (value === undefined)
        return { claims: [], notes: [] };
    const line = yaml.lineOf(['privacy']);
    const fields = isRecord(value) ? { mechanism: value.mechanism, epsilon: value.epsilon, delta: value.delta } : value;
    const parsed = PrivacySchema.safeParse(fields);
    if (!parsed.success)
        return {
            claims: [],
            notes: [
                {
                    file,
                    line,
                    text: 'privacy: ignored: expected { mechanism: NAME, epsilon: NUMBER >= 0, delta: NUMBER in [0, 1) }'
                }
            ]
        };
    const evidence = { file, line, note: 'privacy: in the model card' };
    return {
        claims: [{ ...parsed.data, source: 'model-card', evidence }],
        notes: [{ file, line, text: `privacy: ${privacyText(parsed.data)}` }]
    };
}
/** `model-index[].results[].dataset` is what the model was evaluated on, not trained on. */
function evaluationNotes(file, modelIndex, yaml) {
    if (!Array.isArray(modelIndex))
        return [];
    return modelIndex.flatMap((model, i) => {
        const results = isRecord(model) && Array.isArray(model.results) ? model.results : [];
        return results.flatMap((result, j) => {
            const dataset = isRecord(result) && isRecord(result.dataset) ? result.dataset : null;
            const name = dataset ? (dataset.name ?? dataset.type) : null;
            if (name === null || name === undefined)
                return [];
            const line = yaml.lineOf(['model-index', i, 'results', j, 'dataset']);
            return [
                { file, line, text: `model-index evaluation dataset ${String(name)} (evaluation data, not training data)` }
            ];
        });
    });
}
/** Broken front matter: a claim when it names datasets or a base model, a note either way. */
function unreadableCard(file, line, problem, bytes) {
    const meant = /^\s*(datasets|base_model)\s*:/m.test(bytes.toString('utf8'));
    const notes = [{ file, line, text: `${problem}${meant ? '' : ' (it names no datasets or base_model: ignored)'}` }];
    return { claims: meant ? [unreadableClaim('model-card', file, line, problem)] : [], parents: [], notes };
}

const TRAILER = /^trained-on\s*:(.*)$/i;
/** Every Trained-on trailer in a commit message, with its 1-based line. Pure. */
function trainedOnTrailers(message) {
    const lines = message.split(/\r?\n/);
    const found = [];
    lines.forEach((text, i) => {
        const match = TRAILER.exec(text);
        if (!match)
            return;
        let value = match[1];
        for (let next = i + 1; next < lines.length && /^[ \t]+\S/.test(lines[next]); next++)
            value += ` ${lines[next].trim()}`;
        found.push({ line: i + 1, names: splitNames(value) });
    });
    return found;
}
function splitNames(value) {
    return value
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name.length > 0);
}
function commitLabel(commit) {
    return `commit ${commit.slice(0, 12)}`;
}
const trailerSource = defineSource('trailer', async (artifact, context) => {
    const file = commitLabel(artifact.blob.commit);
    const trailers = trainedOnTrailers(await context.commitMessage(artifact.blob.commit));
    const claims = trailers.flatMap(({ line, names }) => names.map((name) => ({
        type: 'dataset',
        name,
        source: 'trailer',
        evidence: { file, line, note: 'Trained-on trailer' }
    })));
    const notes = trailers.length
        ? trailers.map(({ line, names }) => ({ file, line, text: `Trained-on: ${names.join(', ')}` }))
        : [{ text: `${file} has no Trained-on trailer` }];
    return { claims, parents: [], notes };
});

// Provenance: what each artifact was trained on. Every source is one module; their claims are
// merged as a union (no source can remove what another found), lineage adds every parent model's
// datasets, then the claims are resolved against the registry.
const SOURCES = [registrySource, modelCardSource, dvcSource, metadataSource, trailerSource];
const SOURCE_SETS = {
    all: () => true,
    'without-trailer': (source) => source.name !== 'trailer',
    registry: (source) => source.name === 'registry'
};
/** Every source's report for an artifact, then lineage's. `chain` is the lineage walked to get here. */
async function consultSources(artifact, context, chain = [artifact.blob.path], sources = 'all') {
    const direct = await Promise.all(SOURCES.filter(SOURCE_SETS[sources]).map((source) => consultSafely(source, artifact, context)));
    const parents = direct.flatMap((report) => report.parents);
    const lineage = await lineageReport(artifact, parents, context, chain, (parent, parentChain, parentSources) => consultParent(parent, context, parentChain, parentSources));
    return [...direct, lineage];
}
/** Memoized: a parent read at two commits names its grandparents twice, which must not double per generation. */
function consultParent(parent, context, chain, sources) {
    const key = ['lineage', ...chain, parent.blob.commit, parent.member ?? '', sources].join('\0');
    return memoized(context, key, () => consultSources(parent, context, chain, sources));
}
/**
 * A source that meets bytes it cannot parse says so in a claim (never silently losing data); any
 * other error (git failing, a bug) propagates: it is not the user's provenance that is wrong.
 */
async function consultSafely(source, artifact, context) {
    try {
        return await source.consult(artifact, context);
    }
    catch (error) {
        if (!(error instanceof MalformedInput))
            throw error;
        const problem = `the ${source.name} source failed: ${error.message}`;
        return {
            source: source.name,
            claims: [unreadableClaim(source.name, `${source.name} source`, undefined, problem)],
            parents: [],
            notes: [{ text: problem }]
        };
    }
}
/** Maps claimed names to registry datasets; one entry per dataset, from the first source that named it. */
function resolveClaims(claims, registry) {
    const resolved = new Map();
    for (const claim of claims) {
        const entry = resolveClaim(claim, registry);
        const key = datasetKey(entry);
        if (!resolved.has(key))
            resolved.set(key, entry);
    }
    return [...resolved.values()];
}
function resolveClaim(claim, registry) {
    const { source } = claim;
    if (claim.type === 'unreadable')
        return { status: 'unreadable', file: claim.file, line: claim.line, problem: claim.problem, source };
    const dataset = registry.dataset(claim.name) ?? registry.datasetByUri(claim.name);
    return dataset
        ? { status: 'registered', id: dataset.id, label: dataset.label, source }
        : { status: 'unregistered', name: claim.name, source };
}
/** One entry per dataset id, per unknown name, per unreadable file. */
function datasetKey(dataset) {
    if (dataset.status === 'registered')
        return `registered\0${dataset.id}`;
    if (dataset.status === 'unregistered')
        return `unregistered\0${dataset.name}`;
    return `unreadable\0${dataset.file}`;
}

// One artifact judged, the same way in `scan`, `explain` and the inventory: provenance read at
// every path of its bytes (a model must not pass under its most harmless name), the datasets
// resolved, the datasets whose paths hold it, the declared privacy, then the policy.
/** The format of a finding for a file that is not a model but lies under a blocking dataset's `paths`. */
const DATASET_FILE_FORMAT = 'dataset-file';
async function judgeArtifact(artifact, judging) {
    if (artifact.format === DATASET_FILE_FORMAT)
        return { finding: findingFrom(artifact, [], judging), provenance: [] };
    const context = artifact.blob.unreached ? treeless(judging.provenance) : judging.provenance;
    const provenance = await Promise.all(placesOf(artifact.blob).map(async (place) => ({
        place,
        reports: await consultSources({ ...artifact, blob: { ...artifact.blob, ...place } }, context)
    })));
    return {
        finding: findingFrom(artifact, provenance.flatMap((atPlace) => atPlace.reports), judging),
        provenance
    };
}
/**
 * A blob no pushed ref reaches stands in no tree and no commit: nothing beside it is read (an
 * empty commit would name the index of a non-bare server), only its own bytes and the registry speak.
 */
function treeless(context) {
    const nothing = async () => null;
    return {
        ...context,
        readFile: nothing,
        artifactsAt: nothing,
        lastChange: nothing,
        commitMessage: async () => '',
        isDirectory: async () => false
    };
}
/** The finding for an artifact whose sources were consulted: datasets resolved, parents listed, the policy applied. */
function findingFrom(artifact, reports, judging) {
    const { registry } = judging.policy;
    const trainedOn = resolveClaims(reports.flatMap((report) => report.claims), registry);
    const privacy = reports.flatMap((report) => report.privacy ?? []);
    const holds = datasetsHolding(artifact.blob, registry);
    const listed = new Set(trainedOn.flatMap((d) => (d.status === 'registered' ? [d.id] : [])));
    return {
        path: artifact.blob.path,
        member: artifact.member,
        blob: artifact.blob.id,
        commit: artifact.blob.staged ? '' : artifact.blob.commit,
        ...(artifact.blob.staged ? { staged: true } : {}),
        ...(artifact.blob.unreached ? { unreached: true } : {}),
        alsoAt: artifact.blob.alsoAt ?? [],
        format: artifact.format,
        kind: artifact.kind,
        datasets: [...trainedOn, ...holds.filter((d) => !listed.has(d.id))],
        parents: distinctParents(reports.flatMap((report) => report.resolvedParents ?? [])),
        ...judge$1(artifact, { datasets: trainedOn, holds, privacy }, judging.policy),
        detail: artifact.detail
    };
}
/** A parent named at two paths of the same bytes, or by two sources, is listed once. */
function distinctParents(parents) {
    return [...new Map(parents.map((parent) => [`${parent.path}\0${parent.blob ?? ''}`, parent])).values()];
}
/** The datasets whose `paths` globs hold any path of these bytes: the file is their data. */
function datasetsHolding(blob, registry) {
    const ids = new Set(placesOf(blob).flatMap((place) => registry.datasetsByPath(place.path).map((d) => d.id)));
    return registry.data.datasets
        .filter((d) => ids.has(d.id))
        .map((d) => ({ status: 'registered', id: d.id, label: d.label, source: 'registry' }));
}
/**
 * Blobs detection found nothing in that lie under the `paths` of a dataset whose label blocks
 * its data: the raw records leaving, each a `kind: data` artifact judged by that label.
 */
function datasetFiles(blobs, detected, registry) {
    const withArtifacts = new Set(detected.map((a) => a.blob.id));
    return blobs.flatMap((blob) => {
        if (withArtifacts.has(blob.id))
            return [];
        const ids = datasetsHolding(blob, registry)
            .filter((d) => registry.blocksKind(d.label, 'data'))
            .map((d) => d.id);
        return ids.length
            ? [{ member: null, format: DATASET_FILE_FORMAT, kind: 'data', detail: { datasets: ids }, blob }]
            : [];
    });
}
/** Every path a blob leaves at, the one it is reported at first. */
function placesOf(blob) {
    return [{ path: blob.path, commit: blob.commit }, ...(blob.alsoAt ?? [])];
}
/** Drops the paths `artifacts.exclude` covers; a blob leaves the scan only when every path of it is excluded. */
function withoutExcludedPaths(blob, registry) {
    const places = placesOf(blob).filter((p) => !registry.isExcluded(p.path));
    if (places.length === 0)
        return null;
    const [first, ...rest] = places;
    return { ...blob, ...first, alsoAt: rest.length > 0 ? rest : undefined };
}

// The read loop: blobs are asked for as soon as they are named, many requests in flight (topped
// up in groups, so one pipe write carries many names) through the repository's shared cat-file
// process, or, for a long stream of blobs, a buffered one of its own (git answers in large
// writes), and each is judged as soon as its bytes arrive, one at a time.
// Memory stays bounded: at most IN_FLIGHT answers of at most WINDOW_KEEP bytes (and a tail of at
// most TAIL_KEEP) wait, and a blob that wants more is read again, alone, through the repository's
// shared reader; whoever names blobs is asked to wait while the backlog is long. A buffered git holds a few kilobytes of
// answers until more requests or the end of them (finish) arrive: REFILL_AT is far above what
// that holds, so the loop never waits on answers git is sitting on. Each answer also keeps the
// blob's last bytes when detection wants them (a zip's end record: a zip appended to other bytes).
/** Requests in flight: enough to keep git busy while answers are judged. */
const IN_FLIGHT = 1024;
/** Requests are topped up once this few are left, so each pipe write carries many names. */
const REFILL_AT = IN_FLIGHT / 2;
/** What each answer in flight may keep (IN_FLIGHT × this bounds the memory); more is read again, alone. */
const WINDOW_KEEP = HEAD_BYTES;
/** What each answer in flight may keep of its tail; more is read again, alone. */
const TAIL_KEEP = LIMITS.tailBytes;
/** Blobs named and not yet asked for, beyond which whoever names them is asked to wait. */
const BACKLOG = 4096;
/**
 * The last bytes detection wants of a git object: git cannot seek into one, so a tail costs the
 * whole object streaming past, paid up to LIMITS.tailScanMax (detection fails closed above it).
 */
function gitTailWanted(head, size, prefix) {
    return size > LIMITS.tailScanMax ? 0 : tailWanted(head, size, prefix);
}
/** A blob read as detection wants it, alone: its prefix and tail, and once more when the tail asks for more of it. */
async function readForDetection(reader, name, path) {
    let wanted = HEAD_BYTES;
    const keep = (head, size) => (wanted = bytesWanted(head, size, path));
    const first = await reader.read(name, HEAD_BYTES, keep, (head, size) => gitTailWanted(head, size, wanted));
    const more = first?.tail ? tailWantedAfter({ size: first.size, bytes: first.bytes, tail: first.tail }) : 0;
    return first && more > (first.tail?.length ?? 0) ? reader.read(name, HEAD_BYTES, keep, () => more) : first;
}
class BlobReader {
    git;
    judge;
    many;
    /** The judgement of each blob added, by id, once made. */
    results = new Map();
    reader;
    waiting = new Fifo();
    requested = new Fifo();
    consuming;
    ended = false;
    room;
    /** `many`: a stream of blobs worth a buffered process of its own; otherwise the shared reader saves a process. */
    constructor(git, judge, many = false) {
        this.git = git;
        this.judge = judge;
        this.many = many;
    }
    /** Queues a blob; when the backlog is long, the promise returned settles once there is room again. */
    add(blob) {
        this.waiting.push(blob);
        this.pump();
        if (this.waiting.length < BACKLOG)
            return undefined;
        if (!this.room) {
            let release = () => undefined;
            const promise = new Promise((resolve) => (release = resolve));
            this.room = { promise, release };
        }
        return this.room.promise;
    }
    /** Settles once every blob added has been judged; rejects with the first failure. */
    async finish() {
        this.ended = true;
        this.pump();
        while (this.consuming)
            await this.consuming;
    }
    pump() {
        if (this.requested.length <= REFILL_AT) {
            for (let blob = this.nextWaiting(); blob; blob = this.nextWaiting())
                this.request(blob);
        }
        if (this.ended && this.waiting.length === 0 && this.many)
            this.reader?.endRequests();
        if (this.room && this.waiting.length < BACKLOG / 2)
            this.freeRoom();
        if (this.consuming || this.requested.length === 0)
            return;
        this.consuming = this.consume();
        this.consuming.catch(() => this.freeRoom()); // whoever waits for room must not wait forever; finish() reports it
    }
    nextWaiting() {
        return this.requested.length < IN_FLIGHT ? this.waiting.shift() : undefined;
    }
    request(blob) {
        this.reader ??= this.many ? this.git.bulkReader() : this.git.catFile();
        const entry = { blob, read: Promise.resolve(null), wanted: HEAD_BYTES, tailWanted: 0 };
        const keepTail = (head, size) => {
            entry.tailWanted = gitTailWanted(head, size, entry.wanted);
            // A blob read again for its prefix gets its tail then: a huge one is not streamed twice for it.
            return entry.wanted > WINDOW_KEEP ? 0 : Math.min(entry.tailWanted, TAIL_KEEP);
        };
        entry.read = this.reader.read(blob.id, HEAD_BYTES, (head, size) => {
            // A blob no larger than the head is kept whole: what detection wants of it is all of it.
            entry.wanted = size <= HEAD_BYTES ? size : bytesWanted(head, size, blob.path);
            return Math.min(entry.wanted, WINDOW_KEEP);
        }, keepTail);
        this.requested.push(entry);
    }
    async consume() {
        for (let next = this.requested.shift(); next; next = this.requested.shift()) {
            this.pump();
            const first = await next.read;
            const content = first && isShort(next, first) ? await this.readAlone(next) : first;
            this.results.set(next.blob.id, await this.judge(next.blob, content));
        }
        this.consuming = undefined;
    }
    readAlone({ blob }) {
        return readForDetection(this.git.catFile(), blob.id, blob.path);
    }
    freeRoom() {
        this.room?.release();
        this.room = undefined;
    }
}
/** An answer in flight holds less than detection wants: of its prefix, of its tail, or of the zip directory the tail points at. */
function isShort({ blob, wanted, tailWanted: tail }, first) {
    if (first.bytes.length < Math.min(wanted, first.size))
        return true;
    const held = first.tail?.length ?? 0;
    if (held < tail)
        return true;
    return held > 0 && tailWantedAfter({ path: blob.path, size: first.size, bytes: first.bytes, tail: first.tail }) > held;
}

// The local Git LFS object store (`.git/lfs/objects/aa/bb/<oid>`, or where `lfs.storage` points):
// on the pusher's machine and in a CI checkout with `lfs: true`, a pointer's real content is here,
// and detection reads it like any blob. Reads are bounded like cat-file's: a head, then what the
// caller keeps, and the last bytes it keeps (a file can be read at its end, unlike a git object).
const OID = /^[0-9a-f]{64}$/;
/** The store of the repository `git` runs in; git is asked where it is only when a pointer is first met. */
function localLfsObjects(git) {
    let root;
    return {
        async read(oid, size, headBytes, keep, keepTail) {
            if (!OID.test(oid))
                return null;
            root ??= storageDir(git);
            const path = join(await root, 'objects', oid.slice(0, 2), oid.slice(2, 4), oid);
            return readBounded(path, size, headBytes, keep, keepTail);
        }
    };
}
/** `lfs.storage` (relative to the git directory when not absolute), else `<git-common-dir>/lfs`. */
async function storageDir(git) {
    const common = resolve(git.dir, (await git.run(['rev-parse', '--git-common-dir'])).stdout.trim());
    const configured = await git.configGet('lfs.storage');
    if (!configured)
        return join(common, 'lfs');
    return isAbsolute(configured) ? configured : resolve(common, configured);
}
/** A stored object whose size is not the pointer's is not that object (a partial download): absent. */
async function readBounded(path, size, headBytes, keep, keepTail) {
    let file;
    try {
        file = await open(path, 'r');
    }
    catch {
        return null; // not downloaded (or not readable): the pointer is judged without its content
    }
    try {
        if ((await file.stat()).size !== size)
            return null;
        const head = await readAt(file, Math.min(size, headBytes));
        const wanted = Math.min(size, keep(head, size));
        const bytes = wanted > head.length ? await readAt(file, wanted) : head;
        const tailLength = Math.max(0, Math.min(size - bytes.length, keepTail?.(head, size, bytes.length) ?? 0));
        return tailLength > 0 ? { bytes, tail: await readAt(file, tailLength, size - tailLength) } : { bytes };
    }
    finally {
        await file.close();
    }
}
async function readAt(file, length, position = 0) {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
}

// The one engine every entry point (CLI, hooks, Action) calls:
// range → detect → provenance → policy → report data.
async function scan(request) {
    const started = Date.now();
    const git = request.git ?? (await GitRepository.open(request.repoDir));
    try {
        const { registry } = request;
        const options = detectOptions(registry, git, request.runsIn ?? 'cli');
        // Blobs are read and detected while git log still streams the range (a path under artifacts.exclude waits).
        git.catFile(); // started now, while git log walks: the first looks or provenance read through it
        // A walk of whole histories streams many blobs; a range that excludes something is usually a push's few.
        const many = !request.objects && !hasNegativeSide(request.revisions);
        const firstLooks = new BlobReader(git, (blob, content) => firstLook(blob, content, options), many);
        const look = (blob) => (registry.isExcluded(blob.path) ? undefined : firstLooks.add(blob));
        const leaving = request.objects
            ? await request.objects(git, look)
            : await listLeavingObjects(git, request.revisions, look);
        await firstLooks.finish();
        const judging = judgingFor(git, request);
        const { judged, inspected } = await judgeBlobs(git, leaving.blobs, judging, leaving.missing, firstLooks.results);
        const findings = judged.map((j) => j.finding);
        return {
            version: 1,
            verdict: worst(findings.map((f) => f.verdict)),
            mode: request.registry.policy.mode,
            findings,
            notices: staleWaivers(request.registry.waivers, findings),
            stats: {
                commits: leaving.commits.length,
                blobs: leaving.blobs.length,
                artifacts: findings.length,
                bytesRead: git.bytesRead(),
                ms: Date.now() - started,
                excluded: leaving.blobs.length - inspected,
                missingBlobs: leaving.missing.size,
                submodules: leaving.submodules
            }
        };
    }
    finally {
        if (!request.git)
            await git.close();
    }
}
/**
 * What happens to each leaving blob, in `scan` and in `explain` alike: paths under
 * `artifacts.exclude` are dropped, the rest is detected (and, when not a model, checked against
 * the datasets' `paths`), and every artifact judged. `inspected` counts the blobs left after exclusion.
 */
async function judgeBlobs(git, blobs, judging, missing = new Set(), looks = new Map()) {
    const { registry } = judging.policy;
    const inspected = blobs.flatMap((blob) => withoutExcludedPaths(blob, registry) ?? []);
    const detected = await detectArtifacts(git, inspected, judging.policy, missing, looks);
    const judged = [];
    for (const artifact of [...detected, ...datasetFiles(inspected, detected, registry)])
        judged.push(await judgeArtifact(artifact, judging));
    return { judged, inspected: inspected.length };
}
/** Provenance through this repository, the policy as the request says. */
function judgingFor(git, request) {
    return {
        provenance: provenanceContext(git, request.registry, request.runsIn),
        policy: {
            registry: request.registry,
            destination: request.destination,
            runsIn: request.runsIn ?? 'cli',
            today: request.today ?? new Date().toISOString().slice(0, 10)
        }
    };
}
/**
 * The artifacts of each blob, in order. A first look under the blob's reported path decides it,
 * unless it found nothing and other paths may still (or the blob was first named under an excluded
 * path): those are read again, pipelined, and every path gets its say. A blob the repository lacks
 * is never asked for (in a partial clone git would try to fetch it).
 */
async function detectArtifacts(git, blobs, { registry, runsIn }, missing, looks) {
    const options = detectOptions(registry, git, runsIn);
    const again = new BlobReader(git, (blob, content) => detectBlob(blob, content, options));
    const decided = blobs.map((blob) => {
        const known = missing.has(blob.id) ? [missingArtifact(blob)] : fromFirstLook(blob, looks.get(blob.id));
        if (!known)
            void again.add(blob);
        return known;
    });
    await again.finish();
    return decided.flatMap((known, i) => known ?? again.results.get(blobs[i].id) ?? []);
}
async function firstLook(blob, content, options) {
    if (!content)
        return null;
    const detections = await detectAt(blob, blob.path, content, options);
    return { path: blob.path, size: content.size, detections, symlink: Boolean(blob.symlink) };
}
/** The artifacts a first look settles; null when the blob must be read again. */
function fromFirstLook(blob, look) {
    if (look === undefined)
        return null;
    if (look === null)
        return [missingArtifact(blob)];
    const sameLook = look.path === blob.path && look.symlink === Boolean(blob.symlink);
    if (!sameLook || (look.detections.length === 0 && blob.alsoAt))
        return null;
    return look.detections.map((detection) => ({ ...detection, blob: { ...blob, size: look.size } }));
}
function missingArtifact(blob) {
    return { member: null, format: 'unknown', kind: 'unknown', detail: { reason: MISSING_BLOB }, blob };
}
/** What detection asks the registry and the repository; `runsIn` decides how an absent LFS object is judged. */
function detectOptions(registry, git, runsIn) {
    const lfs = localLfsObjects(git);
    return {
        includedByName: (path) => registry.isIncluded(path),
        declaredModel: (path) => registry.modelsFor(path).length > 0,
        lfsObject: (oid, size, keep, keepTail) => lfs.read(oid, size, HEAD_BYTES, keep, keepTail),
        lfsAbsent: lfsAbsentRule(runsIn, registry.policy.lfs_absent)
    };
}
const MISSING_BLOB = 'git cannot read this blob: it is missing from this repository (a partial clone, or a damaged object store), so its content was not inspected';
/** Detections for one blob; when its content says nothing, each of its other names gets a say. */
async function detectBlob(blob, content, options) {
    if (!content)
        return [missingArtifact(blob)];
    const sized = { ...blob, size: content.size };
    for (const { path } of placesOf(blob)) {
        const detections = await detectAt(blob, path, content, options);
        if (detections.length > 0)
            return detections.map((detection) => ({ ...detection, blob: sized }));
    }
    return [];
}
/**
 * What detection says of a blob's bytes under one of its paths. A blob committed as a symlink is
 * judged like any blob, but when it holds a real link target, a model name names the target, not these bytes.
 */
async function detectAt(blob, path, content, options) {
    const detections = await detect({ path, size: content.size, bytes: content.bytes, tail: content.tail }, options);
    if (!blob.symlink || !isLinkTarget(content))
        return detections;
    return detections.filter((detection) => detection.detail.detectedBy !== 'name');
}
/** What a real symlink holds: one short line of text, a path; a model name on it names the target, not these bytes. */
function isLinkTarget(content) {
    const LINK_MAX = 4096; // PATH_MAX: a longer target is no path a system can follow
    if (content.size > LINK_MAX || content.bytes.length < content.size)
        return false;
    return !content.bytes.includes(0) && !content.bytes.includes(0x0a) && content.size > 0;
}
function provenanceContext(git, registry, runsIn = 'cli') {
    const options = detectOptions(registry, git, runsIn);
    return {
        registry,
        async readFile(commit, path, maxBytes = HEAD_BYTES) {
            return (await git.readAt(commit, path, maxBytes))?.bytes ?? null;
        },
        commitMessage: (commit) => git.commitMessage(commit),
        async artifactsAt(commit, path) {
            // One read (two when a zip's directory wants more of the tail): the header names the blob.
            const object = await readForDetection(git.catFile(), `${commit}:${path}`, path);
            if (!object || object.type !== 'blob')
                return null;
            return detectBlob({ id: object.id, path, commit, size: object.size }, object, options);
        },
        async isDirectory(commit, path) {
            return (await git.objectInfo(`${commit}:${path}`))?.type === 'tree';
        },
        lastChange: (commit, path) => git.lastChange(commit, path)
    };
}

export { LIMITS as L, scan as a, rewriteSteps as b, foldersUpToRoot as c, joinPath as d, judgeBlobs as e, failsTheGate as f, claimName as g, isUrl as i, judgingFor as j, redactUrl as r, severity as s, worst as w };
