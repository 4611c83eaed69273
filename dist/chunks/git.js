import { stat, readFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { S as ScanError, I as InternalError } from './version.js';
import { e as exists } from './leaving.js';
import { spawn } from 'node:child_process';
import { devNull } from 'node:os';

// A queue with O(1) shift: the read loop moves a hundred thousand requests through one.
class Fifo {
    items = [];
    head = 0;
    get length() {
        return this.items.length - this.head;
    }
    push(item) {
        this.items.push(item);
    }
    shift() {
        if (this.head === this.items.length)
            return undefined;
        const item = this.items[this.head];
        this.items[this.head++] = undefined;
        if (this.head > 1024 && this.head * 2 > this.items.length) {
            this.items = this.items.slice(this.head);
            this.head = 0;
        }
        return item;
    }
    /** Every item, oldest first; the queue is left empty. */
    drain() {
        const items = this.items.slice(this.head);
        this.items = [];
        this.head = 0;
        return items;
    }
}

// The one place a git process starts, with one environment policy (docs/hooks.md, "What git is
// trusted with"): git must see objects exactly as `git push` sends them and the server stores
// them, so replace refs, grafts and lazy fetches of missing objects are switched off for every
// process, and no process may stop to ask for a password. Everything else is inherited: a
// pre-receive hook's quarantine variables (GIT_DIR, GIT_OBJECT_DIRECTORY, ...) must reach git.
/** Command-line config wins over every config file and GIT_CONFIG_* variable git inherits. */
const OBJECT_VIEW_CONFIG = ['-c', 'core.useReplaceRefs=false', '-c', 'advice.graftFileDeprecated=false'];
const OBJECT_VIEW_ENV = {
    // Replace refs (`git replace`) change what log, rev-list and cat-file show, not what push sends.
    GIT_NO_REPLACE_OBJECTS: '1',
    // Grafts (`info/grafts`, still honoured by git 2.39) rewrite parents the same way; an empty file has none.
    GIT_GRAFT_FILE: devNull,
    // A partial clone would fetch each missing blob from its remote, one request at a time: missing is an answer.
    GIT_NO_LAZY_FETCH: '1',
    // A hook has no one to answer a prompt; a request that needs credentials fails instead of hanging.
    GIT_TERMINAL_PROMPT: '0'
};
function spawnGit(dir, args, options = {}) {
    return spawn('git', [...OBJECT_VIEW_CONFIG, ...args], {
        cwd: dir,
        stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
        env: gitEnvironment(process.env, options),
        timeout: options.timeout
    });
}
/** The environment every git process gets: the caller's, plus the object-view policy, plus secrets. */
function gitEnvironment(base, options = {}) {
    const env = { ...base, ...options.env, ...OBJECT_VIEW_ENV };
    let count = Number(base.GIT_CONFIG_COUNT ?? 0) || 0;
    for (const [key, value] of Object.entries(options.secretConfig ?? {})) {
        env[`GIT_CONFIG_KEY_${count}`] = key;
        env[`GIT_CONFIG_VALUE_${count}`] = value;
        count += 1;
    }
    if (count > 0)
        env.GIT_CONFIG_COUNT = String(count);
    return env;
}

/** Objects larger than this are not streamed whole through a batch process (a 1 GiB blob, of which 64 MiB is read at most). */
const HUGE_OBJECT = 16 * 1024 * 1024;
function objectReading(request, id, type, size) {
    const current = { request, id, type, size, received: 0, store: Buffer.alloc(0), filled: 0, decided: false };
    current.store = Buffer.allocUnsafe(Math.min(request.headBytes, size));
    return current;
}
/** How many last bytes the caller keeps besides the `kept` first ones: never past them. */
function tailLength(request, head, size, kept) {
    return request.keepTail ? Math.max(0, Math.min(size - kept, request.keepTail(head, size, kept))) : 0;
}
/** Copies the part of `data` (the object's bytes from `at`) that falls in the kept tail. */
function copyTail(object, data, at) {
    if (!object.tail)
        return;
    const tailStart = object.size - object.tail.length;
    const from = Math.max(at, tailStart);
    if (from < at + data.length)
        data.copy(object.tail, from - tailStart, from - at);
}
function answer(object, bytes) {
    return { id: object.id, size: object.size, type: object.type, bytes, ...(object.tail ? { tail: object.tail } : {}) };
}
function copyInto(object, data) {
    const copied = data.copy(object.store, object.filled, 0, Math.min(data.length, object.store.length - object.filled));
    object.filled += copied;
    return copied;
}
/** git's last words when it dies on an object a partial clone never fetched (lazy fetch is off). */
const PROMISOR_MISSING = /could not fetch \S+ from promisor remote/;
class CatFileBatch {
    dir;
    mode;
    env;
    flow;
    child;
    queue = new Fifo();
    current;
    buffer = Buffer.alloc(0);
    failure;
    stderr = '';
    /** Names asked since the last write: written together, one pipe write for many requests. */
    outgoing = [];
    ended = false;
    bytesKept = 0;
    /** `info` runs `--batch-check`: type and size only, so asking what a path is never streams its content. */
    constructor(dir, mode = 'contents', env = {}, flow = {}) {
        this.dir = dir;
        this.mode = mode;
        this.env = env;
        this.flow = flow;
        this.start();
    }
    get format() {
        return this.mode === 'contents' ? '--batch' : '--batch-check';
    }
    start() {
        const buffer = this.flow.buffered ? ['--buffer'] : [];
        const child = spawnGit(this.dir, ['cat-file', this.format, ...buffer], {
            stdin: 'pipe',
            env: this.env
        });
        this.child = child;
        this.stderr = '';
        child.stdout.on('data', (chunk) => {
            if (child === this.child)
                this.consume(chunk); // a process given up on (a huge object) may still be writing
        });
        child.stderr.on('data', (chunk) => (this.stderr += chunk.toString('utf8')));
        child.on('error', (error) => this.fail(new ScanError(`cannot run git cat-file ${this.format}: ${error.message}`)));
        child.on('close', (code) => this.closed(child, code));
        child.stdin.on('error', () => undefined);
    }
    /** Reads an object (`<sha>` or `<rev>:<path>`); null when git says it is missing. */
    read(name, headBytes, keep = () => headBytes, keepTail) {
        if (this.failure)
            return Promise.reject(this.failure);
        if (this.ended)
            return Promise.reject(new InternalError(`cat-file: ${name} asked for after the last request`));
        if (/[\n\r]/.test(name))
            return Promise.resolve(null);
        return new Promise((resolve, reject) => {
            this.queue.push({ name, headBytes, keep, keepTail, resolve, reject });
            if (this.outgoing.push(name) === 1)
                process.nextTick(() => this.flush());
        });
    }
    flush() {
        if (this.outgoing.length > 0)
            this.child.stdin.write(`${this.outgoing.join('\n')}\n`);
        this.outgoing = [];
        if (this.ended)
            this.child.stdin.end();
    }
    /** No more requests: a buffered git writes out what it holds and exits once it has answered them all. */
    endRequests() {
        this.ended = true;
        this.flush();
    }
    async close() {
        if (this.child.exitCode !== null || this.child.signalCode !== null)
            return;
        const closed = new Promise((resolve) => this.child.once('close', resolve));
        this.child.stdin.end();
        await closed;
    }
    /**
     * git died with requests unanswered. When it died on an object a partial clone lacks, that one
     * request is answered "missing" and a new process takes the rest; anything else fails them all.
     */
    closed(child, code) {
        if (child !== this.child || (this.queue.length === 0 && !this.current))
            return;
        if (!PROMISOR_MISSING.test(this.stderr)) {
            this.fail(new ScanError(`git cat-file ${this.format} exited (${code}) early: ${this.stderr.trim()}`));
            return;
        }
        const request = this.current?.request ?? this.queue.shift();
        request.resolve(null);
        this.restart();
    }
    /** A new process for the requests still unanswered (the old one died, or is given up on and killed). */
    restart() {
        const old = this.child;
        this.current = undefined;
        this.buffer = Buffer.alloc(0);
        this.start();
        const unanswered = this.queue.drain();
        for (const pending of unanswered)
            this.queue.push(pending);
        this.outgoing = unanswered.map((pending) => pending.name);
        this.flush();
        if (old.exitCode === null && old.signalCode === null)
            old.kill();
    }
    fail(error) {
        this.failure = error;
        const waiting = this.current ? [this.current.request, ...this.queue.drain()] : this.queue.drain();
        this.current = undefined;
        for (const request of waiting)
            request.reject(error);
    }
    consume(chunk) {
        this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
        while (this.buffer.length > 0) {
            if (!this.current && !this.startObject())
                return;
            if (this.current && !this.continueObject())
                return;
        }
    }
    /** Parses a response header line; false when it has not fully arrived yet. */
    startObject() {
        const newline = this.buffer.indexOf(10);
        if (newline < 0)
            return false;
        const header = this.buffer.subarray(0, newline).toString('utf8');
        this.buffer = this.buffer.subarray(newline + 1);
        const request = this.queue.shift();
        if (!request) {
            this.fail(new InternalError(`git cat-file --batch sent an unexpected line: ${header}`));
            return false;
        }
        // `<name> missing` echoes the name asked for, which may hold spaces; found objects are `<oid> <type> <size>`.
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
            request.resolve(null);
            return true;
        }
        const [id, type, sizeText] = header.split(' ');
        const size = Number(sizeText);
        if (!Number.isSafeInteger(size)) {
            this.fail(new InternalError(`git cat-file --batch sent an unreadable header: ${header}`));
            return false;
        }
        if (this.mode === 'info') {
            request.resolve({ id, type, size, bytes: Buffer.alloc(0) });
            return true;
        }
        if (this.buffer.length > size)
            return this.takeWhole(request, id, type, size);
        if (size > HUGE_OBJECT) {
            // Never the whole of it through the pipe: its prefix comes from a process of its own, stopped once read.
            this.restart();
            this.readPrefix(objectReading(request, id, type, size));
            return false;
        }
        this.current = objectReading(request, id, type, size);
        return true;
    }
    /** An object that has arrived whole with its LF (most blobs are small): one copy of what is kept, no bookkeeping. */
    takeWhole(request, id, type, size) {
        const head = this.buffer.subarray(0, Math.min(request.headBytes, size));
        const kept = Math.min(size, Math.max(request.headBytes, request.keep(head, size)));
        const bytes = Buffer.from(this.buffer.subarray(0, kept)); // a copy, so the big stdout chunk can be freed
        const tailKept = tailLength(request, head, size, kept);
        const tail = tailKept > 0 ? Buffer.from(this.buffer.subarray(size - tailKept, size)) : undefined;
        this.buffer = this.buffer.subarray(size + 1);
        this.bytesKept += bytes.length + tailKept;
        request.resolve({ id, type, size, bytes, ...(tail ? { tail } : {}) });
        return true;
    }
    /** Takes content bytes for the current object; false when more input is needed. */
    continueObject() {
        const object = this.current;
        const take = Math.min(object.size - object.received, this.buffer.length);
        this.keepBytes(object, this.buffer.subarray(0, take));
        copyTail(object, this.buffer.subarray(0, take), object.received);
        object.received += take;
        this.buffer = this.buffer.subarray(take);
        if (object.received < object.size)
            return false;
        if (this.buffer.length === 0)
            return false; // the trailing LF has not arrived
        this.buffer = this.buffer.subarray(1);
        this.current = undefined;
        const bytes = object.store.subarray(0, object.filled);
        this.bytesKept += bytes.length + (object.tail?.length ?? 0);
        object.request.resolve(answer(object, bytes));
        return true;
    }
    /** Copies what is kept of `data` (the rest streams past); once the head is in, asks the caller how much to keep. */
    keepBytes(object, data) {
        const taken = copyInto(object, data);
        if (object.decided || object.filled < object.store.length)
            return;
        object.decided = true;
        const { request, size, store } = object;
        const keep = Math.min(size, Math.max(request.headBytes, request.keep(store, size)));
        const tailKept = tailLength(request, store, size, keep);
        if (tailKept > 0)
            object.tail = Buffer.allocUnsafe(tailKept);
        if (keep > store.length) {
            object.store = Buffer.allocUnsafe(keep);
            store.copy(object.store);
            copyInto(object, data.subarray(taken));
        }
    }
    /**
     * `git cat-file <type> <id>` read until what is kept is in, then stopped: a huge object is streamed
     * whole only when the caller keeps its tail.
     */
    readPrefix(object) {
        const child = spawnGit(this.dir, ['cat-file', object.type, object.id], { env: this.env });
        let done = false;
        const finish = () => {
            done = true;
            this.bytesKept += object.filled + (object.tail?.length ?? 0);
            object.request.resolve(answer(object, object.store));
            child.kill();
        };
        child.stdout?.on('data', (chunk) => {
            if (done)
                return;
            this.keepBytes(object, chunk);
            copyTail(object, chunk, object.received);
            object.received += chunk.length;
            const tailIn = !object.tail || object.received >= object.size;
            if (object.decided && object.filled === object.store.length && tailIn)
                finish();
        });
        const failed = (why) => {
            if (!done)
                object.request.reject(new ScanError(`git cat-file ${object.type} ${object.id} ${why}`));
            done = true;
        };
        child.on('error', (error) => failed(`could not run: ${error.message}`));
        child.on('close', (code) => failed(`ended (${code}) before ${object.store.length} bytes were read`));
    }
}

/** What a failed command read on stdin, for its message: a few lines in full, many counted. */
function stdinShown(input) {
    const lines = (input ?? '').split('\n').filter(Boolean);
    if (lines.length === 0)
        return '';
    return lines.length <= 8 ? ` (stdin: ${lines.join(' ')})` : ` (stdin: ${lines.length} lines)`;
}
/** How long asking a remote which refs it has may take before the caller scans more instead. */
const LS_REMOTE_TIMEOUT_MS = 30_000;
class GitRepository {
    dir;
    view;
    onClose;
    batch;
    info;
    bulk = [];
    closedBytes = 0;
    lastChanges = new Map();
    constructor(dir, 
    /** Index and object directories other than the repository's own (a working-tree snapshot); empty normally. */
    view = {}, onClose) {
        this.dir = dir;
        this.view = view;
        this.onClose = onClose;
    }
    /**
     * The repository at `dir` read through another index and an extra object directory (its own
     * objects stay visible as an alternate): how `explain` reads a working tree without writing to
     * the repository. `onClose` removes them.
     */
    static viewedThrough(dir, view, onClose) {
        return new GitRepository(dir, view, onClose);
    }
    /**
     * The repository that contains `dir`. Nothing is started here: every process costs start-up time
     * on the pre-push path, so "not a git repository" is reported by the first command that runs.
     */
    static async open(dir) {
        try {
            if ((await stat(dir)).isDirectory())
                return new GitRepository(dir);
        }
        catch {
            // reported below
        }
        throw new ScanError(`not a git repository: ${dir} (no such directory)`);
    }
    /** Runs git in this repository. For src/range only: elsewhere, ask through a named operation. */
    async run(args, options = {}) {
        const stdout = [];
        const { done } = this.stream(args, (chunk) => stdout.push(chunk), options);
        const code = await done;
        return { stdout: Buffer.concat(stdout).toString('utf8'), code };
    }
    /**
     * Runs git and hands its output over as it arrives (`run` collects it). `pause`/`resume` hold git
     * back while the caller catches up; `done` settles with the exit code once git has exited.
     * For src/range only.
     */
    stream(args, onData, options = {}) {
        let child;
        try {
            child = spawnGit(this.dir, args, {
                ...options,
                env: { ...this.view, ...options.env },
                stdin: options.input === undefined ? 'ignore' : 'pipe'
            });
        }
        catch (error) {
            // A command line longer than the OS allows (E2BIG) is thrown here rather than emitted.
            const done = Promise.reject(new ScanError(`cannot run git ${args[0]}: ${error.message}`));
            return { done, pause: () => undefined, resume: () => undefined };
        }
        const stderr = [];
        // A reader that throws (output it cannot parse) stops git and fails `done`: never an uncaught error.
        let thrown;
        child.stdout?.on('data', (chunk) => {
            if (thrown)
                return;
            try {
                onData(chunk);
            }
            catch (error) {
                thrown = { error };
                child.kill();
            }
        });
        child.stderr?.on('data', (chunk) => stderr.push(chunk));
        child.stdin?.on('error', () => undefined); // git may exit before reading all of it
        child.stdin?.end(options.input);
        const done = new Promise((settle, reject) => {
            child.on('error', (error) => reject(new ScanError(`cannot run git: ${error.message}`)));
            child.on('close', (status) => {
                if (thrown)
                    return reject(thrown.error);
                const code = status ?? 128;
                if (code === 0 || (options.okCodes ?? []).includes(code))
                    settle(code);
                else
                    reject(this.failure(args, code, Buffer.concat(stderr).toString('utf8').trim(), options));
            });
        });
        return { done, pause: () => child.stdout?.pause(), resume: () => child.stdout?.resume() };
    }
    failure(args, code, stderr, options) {
        const secrets = (options.redact ?? []).filter((secret) => secret !== '');
        const redacted = secrets.reduce((text, s) => text.split(s).join('***'), stderr);
        if (/not a git repository/i.test(redacted))
            return new ScanError(`not a git repository: ${this.dir}`);
        return new ScanError(`git ${args.join(' ')}${stdinShown(options.input)} failed (exit ${code}): ${redacted}`);
    }
    /** The one long-lived `git cat-file --batch` process that every stage reads content through. */
    catFile() {
        this.batch ??= new CatFileBatch(this.dir, 'contents', this.view);
        return this.batch;
    }
    /** A `git cat-file --batch --buffer` of its own for a stream of reads that ends (endRequests); closed with the repository. */
    bulkReader() {
        const reader = new CatFileBatch(this.dir, 'contents', this.view, { buffered: true });
        this.bulk.push(reader);
        return reader;
    }
    /** Bytes kept from every object read so far, by every reader. */
    bytesRead() {
        return [this.batch, this.info, ...this.bulk].reduce((sum, reader) => sum + (reader?.bytesKept ?? 0), this.closedBytes);
    }
    /** Type and size of objects (`git cat-file --batch-check`), started only when first asked. */
    objectInfo(name) {
        this.info ??= new CatFileBatch(this.dir, 'info', this.view);
        return this.info.read(name, 0);
    }
    async close() {
        this.closedBytes = this.bytesRead();
        await Promise.all([this.batch?.close(), this.info?.close(), ...this.bulk.map((reader) => reader.close())]);
        this.batch = undefined;
        this.info = undefined;
        this.bulk = [];
        await this.onClose?.();
    }
    /** The object a revision names; null when there is none (exit 1). A repository git refuses is an error. */
    async revParse(rev) {
        const { stdout, code } = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', rev], {
            okCodes: [1]
        });
        return code === 0 ? stdout.trim() : null;
    }
    /** The commit a revision names (a tag is peeled to it); null when it names none. */
    commitOf(rev) {
        return this.revParse(`${rev}^{commit}`);
    }
    async hasCommit(id) {
        return (await this.commitOf(id)) !== null;
    }
    /** The ref a symbolic ref names (`HEAD` → `refs/heads/main`); null when it is not a symbolic ref. */
    async symbolicRef(name) {
        const { stdout, code } = await this.run(['symbolic-ref', '--quiet', '--end-of-options', name], { okCodes: [1] });
        return code === 0 ? stdout.trim() : null;
    }
    /** An absolute path inside the git directory as git resolves it (`hooks` follows core.hooksPath). */
    async gitPath(name) {
        const { stdout } = await this.run(['rev-parse', '--git-path', name]);
        return resolve(this.dir, stdout.trim());
    }
    hooksDir() {
        return this.gitPath('hooks');
    }
    /** The top of the working tree. */
    async topLevel() {
        return (await this.run(['rev-parse', '--show-toplevel'])).stdout.trim();
    }
    /** Where `dir` is inside the working tree (`sub/dir/`, or '' at the top). */
    async prefix() {
        return (await this.run(['rev-parse', '--show-prefix'])).stdout.trim();
    }
    /** One config value; null when unset. */
    async configGet(key) {
        const { stdout, code } = await this.run(['config', '--get', '--end-of-options', key], { okCodes: [1] });
        return code === 0 ? stdout.replace(/\n$/, '') : null;
    }
    /** Every config entry whose key matches a regular expression (`^http\..*extraheader$`). */
    async configGetRegexp(pattern) {
        const { stdout } = await this.run(['config', '--null', '--get-regexp', '--end-of-options', pattern], {
            okCodes: [1]
        });
        return stdout
            .split('\0')
            .filter(Boolean)
            .map((entry) => {
            const newline = entry.indexOf('\n');
            return newline < 0
                ? { key: entry, value: '' }
                : { key: entry.slice(0, newline), value: entry.slice(newline + 1) };
        });
    }
    /** A partial clone (`--filter`): objects may be absent by design, and asking for one would try to fetch it. */
    async isPartialClone() {
        const promisors = await this.configGetRegexp('^(extensions\\.partialclone|remote\\..*\\.promisor)$');
        return promisors.some(({ key, value }) => key === 'extensions.partialclone' || value === 'true');
    }
    /**
     * Does this repository lack some commits' parents? git answers "false" for a shallow list it
     * cannot read (a directory, no permission), so the list is read too: an error, never "not shallow".
     */
    async isShallow() {
        const [answer, cuts] = await Promise.all([
            this.run(['rev-parse', '--is-shallow-repository']),
            this.shallowCommits()
        ]);
        return answer.stdout.trim() === 'true' || cuts.size > 0;
    }
    /** The commits whose parents a shallow clone lacks (`.git/shallow`); empty when the file does not exist. */
    async shallowCommits() {
        const path = await this.gitPath('shallow');
        try {
            return new Set((await readFile(path, 'utf8')).split('\n').filter(Boolean));
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return new Set();
            throw new ScanError(`cannot read ${path}, the list of shallow commits: ${error.message}`);
        }
    }
    /** A best common ancestor of two commits; null when they share no history (here). */
    async mergeBase(a, b) {
        const { stdout, code } = await this.run(['merge-base', '--end-of-options', a, b], { okCodes: [1] });
        return code === 0 ? stdout.trim() : null;
    }
    /** The commits reachable from `head` and not from `base` (`git rev-list head ^base`). */
    async commitsBetween(base, head) {
        const { stdout } = await this.run(['rev-list', head, `^${base}`, '--']);
        return stdout.split('\n').filter(Boolean);
    }
    /**
     * The last commit up to `commit` that changed `path` (from the top, taken literally; cached: lineage
     * asks about the same parent often).
     */
    lastChange(commit, path) {
        const key = `${commit}\0${path}`;
        let answer = this.lastChanges.get(key);
        if (!answer) {
            answer = this.run([
                'log',
                '-1',
                '--format=%H',
                '--no-follow',
                '--end-of-options',
                commit,
                '--',
                `:(top,literal)${path}`
            ]).then(({ stdout }) => stdout.trim() || null);
            this.lastChanges.set(key, answer);
        }
        return answer;
    }
    /** The blob at `rev:path`, up to maxBytes of it (with its full size); null when absent or not a file. */
    async readAt(rev, path, maxBytes) {
        const object = await this.catFile().read(`${rev}:${path}`, maxBytes);
        return object && object.type === 'blob' ? object : null;
    }
    /** Every path in `commit`'s tree whose blob is `blobId` (the same bytes under several names). */
    async pathsOfBlob(commit, blobId) {
        const { stdout } = await this.run(['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', commit]);
        return stdout
            .split('\0')
            .filter(Boolean)
            .flatMap((entry) => {
            const tab = entry.indexOf('\t');
            const [, type, id] = entry.slice(0, tab).split(' ');
            return type === 'blob' && id === blobId ? [entry.slice(tab + 1)] : [];
        });
    }
    /** A commit's message (what follows its header); '' when the object is not a commit. */
    async commitMessage(commit) {
        const object = await this.catFile().read(commit, 1024 * 1024);
        if (!object || object.type !== 'commit')
            return '';
        const text = object.bytes.toString('utf8');
        const blank = text.indexOf('\n\n');
        return blank < 0 ? '' : text.slice(blank + 2);
    }
    /** `git fetch`; credentials travel in secretConfig, so a failure's message never holds them. */
    async fetch(request) {
        const args = [
            'fetch',
            '--quiet',
            request.tags ? '--tags' : '--no-tags',
            ...(request.depth === undefined ? [] : [`--depth=${request.depth}`]),
            ...(request.unshallow ? ['--unshallow'] : []),
            '--end-of-options',
            request.remote,
            ...request.refspecs
        ];
        const secrets = Object.values(request.secretConfig ?? {});
        await this.run(args, { secretConfig: request.secretConfig, redact: secrets });
    }
    /** The object ids of every ref a remote has (peeled tag lines left out); throws when it cannot be asked. */
    async lsRemote(url) {
        const { stdout } = await this.run(['ls-remote', '--end-of-options', url], { timeout: LS_REMOTE_TIMEOUT_MS });
        return stdout
            .split('\n')
            .map((line) => line.split('\t'))
            .filter(([id, ref]) => id && ref && !ref.endsWith('^{}'))
            .map(([id]) => id);
    }
    /**
     * What a remote's HEAD is now: the branch it names and its commit (one `ls-remote --symref`);
     * null for an empty repository. Throws (a ScanError) when the remote cannot be asked.
     */
    async remoteHead(url) {
        const { stdout } = await this.run(['ls-remote', '--symref', '--end-of-options', url, 'HEAD'], {
            timeout: LS_REMOTE_TIMEOUT_MS
        });
        const lines = stdout.split('\n').map((line) => line.split('\t'));
        const commit = lines.find(([id, name]) => name === 'HEAD' && /^[0-9a-f]{40,64}$/.test(id ?? ''))?.[0];
        if (commit === undefined)
            return null;
        const symref = lines.find(([id, name]) => name === 'HEAD' && id?.startsWith('ref: '))?.[0];
        return { ref: symref ? symref.slice('ref: '.length) : null, commit };
    }
    /** A new repository at `dir`, created if need be (for the demo). */
    static async init(dir, options = {}) {
        await mkdir(dir, { recursive: true });
        const git = new GitRepository(dir);
        await git.run([
            'init',
            '-q',
            ...(options.bare ? ['--bare'] : []),
            ...(options.branch ? ['-b', options.branch] : [])
        ]);
        return git;
    }
    /** Stages every change in the working tree and commits it. */
    async commitAll(message, identity) {
        await this.run(['add', '-A']);
        await this.run(['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', message], { env: identity });
    }
    /**
     * Stages every tracked change and `paths` (from the top, taken literally; forced past .gitignore;
     * absent ones skipped) in this repository's index, and commits the result on top of HEAD without
     * moving any ref. Meant for a repository viewed through a scratch index (snapshotWorkingTree).
     */
    async commitWorkingTree(paths, identity) {
        await this.run(['add', '-u']);
        const present = await Promise.all(paths.map(async (path) => ((await exists(resolve(this.dir, path))) ? path : null)));
        const adding = present.filter((path) => path !== null).map((path) => `:(top,literal)${path}`);
        if (adding.length > 0)
            await this.run(['add', '-f', '--', ...adding]);
        return this.commitIndex('the working tree, as model-leak-guard explain reads it', identity);
    }
    /** Commits the index as it is on top of HEAD (no parent on an unborn branch), moving no ref. For a scratch view. */
    async commitIndex(message, identity) {
        const tree = (await this.run(['write-tree'])).stdout.trim();
        const head = await this.revParse('HEAD^{commit}');
        const parent = head ? ['-p', head] : [];
        return (await this.run(['commit-tree', ...parent, '-m', message, tree], { env: identity })).stdout.trim();
    }
    /** The index's entries at these paths (from the top, taken literally), every stage of a conflict included. */
    async indexEntries(paths) {
        const pathspecs = paths.map((path) => `:(top,literal)${path}`);
        const { stdout } = await this.run(['ls-files', '--stage', '-z', '--', ...pathspecs]);
        return stdout
            .split('\0')
            .filter(Boolean)
            .map((record) => {
            // `<mode> SP <object> SP <stage> TAB <path>`
            const tab = record.indexOf('\t');
            const [mode, id] = record.slice(0, tab).split(' ');
            if (tab < 0 || !mode || !id)
                throw new InternalError(`unexpected output from git ls-files --stage: ${JSON.stringify(record.slice(0, 80))}`);
            return { mode, id, path: record.slice(tab + 1) };
        });
    }
    async addRemote(name, url) {
        await this.run(['remote', 'add', '--', name, url]);
    }
    async push(remote, refspec) {
        await this.run(['push', '-q', '--end-of-options', remote, refspec]);
    }
}

export { Fifo as F, GitRepository as G };
