import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { S as ScanError } from './version.js';

// A streaming reader over one `git cat-file --batch` process. Requests are pipelined: each
// read() writes one line and gets the matching response in order. Only a bounded prefix of each
// object is kept in memory; the rest streams past and is dropped.
class CatFileBatch {
    mode;
    child;
    queue = [];
    current;
    buffer = Buffer.alloc(0);
    failure;
    stderr = '';
    bytesKept = 0;
    /** `info` runs `--batch-check`: type and size only, so asking what a path is never streams its content. */
    constructor(dir, mode = 'contents') {
        this.mode = mode;
        const format = mode === 'contents' ? '--batch' : '--batch-check';
        this.child = spawn('git', ['cat-file', format], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
        this.child.stdout.on('data', (chunk) => this.consume(chunk));
        this.child.stderr.on('data', (chunk) => (this.stderr += chunk.toString('utf8')));
        this.child.on('error', (error) => this.fail(new ScanError(`cannot run git cat-file ${format}: ${error.message}`)));
        this.child.on('close', (code) => {
            if (this.queue.length > 0 || this.current) {
                this.fail(new ScanError(`git cat-file ${format} exited (${code}) early: ${this.stderr.trim()}`));
            }
        });
        this.child.stdin.on('error', () => undefined);
    }
    /** Reads an object (`<sha>` or `<rev>:<path>`); null when git says it is missing. */
    read(name, headBytes, keep = () => headBytes) {
        if (this.failure)
            return Promise.reject(this.failure);
        if (/[\n\r]/.test(name))
            return Promise.resolve(null);
        return new Promise((resolve, reject) => {
            this.queue.push({ name, headBytes, keep, resolve, reject });
            this.child.stdin.write(`${name}\n`);
        });
    }
    async close() {
        if (this.child.exitCode !== null)
            return;
        const closed = new Promise((resolve) => this.child.once('close', resolve));
        this.child.stdin.end();
        await closed;
    }
    fail(error) {
        this.failure = error;
        const waiting = this.current ? [this.current.request, ...this.queue] : [...this.queue];
        this.current = undefined;
        this.queue.length = 0;
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
            this.fail(new ScanError(`git cat-file --batch sent an unexpected line: ${header}`));
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
            this.fail(new ScanError(`git cat-file --batch sent an unreadable header: ${header}`));
            return false;
        }
        if (this.mode === 'info') {
            request.resolve({ id, type, size, bytes: Buffer.alloc(0) });
            return true;
        }
        this.current = {
            request,
            id,
            type,
            size,
            received: 0,
            keepLimit: request.headBytes,
            chunks: [],
            kept: 0,
            decided: false
        };
        return true;
    }
    /** Takes content bytes for the current object; false when more input is needed. */
    continueObject() {
        const object = this.current;
        const take = Math.min(object.size - object.received, this.buffer.length);
        this.keepBytes(object, this.buffer.subarray(0, take));
        object.received += take;
        this.buffer = this.buffer.subarray(take);
        if (object.received < object.size)
            return false;
        if (this.buffer.length === 0)
            return false; // the trailing LF has not arrived
        this.buffer = this.buffer.subarray(1);
        this.current = undefined;
        const bytes = Buffer.concat(object.chunks);
        this.bytesKept += bytes.length;
        object.request.resolve({ id: object.id, size: object.size, type: object.type, bytes });
        return true;
    }
    keepBytes(object, data) {
        while (data.length > 0 && object.kept < object.keepLimit) {
            const slice = data.subarray(0, object.keepLimit - object.kept);
            object.chunks.push(Buffer.from(slice)); // a copy, so the big stdout chunk can be freed
            object.kept += slice.length;
            data = data.subarray(slice.length);
            this.decideKeepLimit(object);
        }
        this.decideKeepLimit(object);
    }
    /** Once the head is in, asks the caller how much of the object to keep. */
    decideKeepLimit(object) {
        const { request } = object;
        if (object.decided || object.kept < Math.min(request.headBytes, object.size))
            return;
        object.decided = true;
        const head = Buffer.concat(object.chunks);
        object.chunks = [head];
        object.keepLimit = Math.max(request.headBytes, request.keep(head, object.size));
    }
}

// Git behind one interface: every git process the engine starts goes through here, inherits the
// caller's environment (a pre-receive hook's quarantine variables must reach git), and fails
// with a ScanError that names the command and its stderr.
class GitRepository {
    dir;
    batch;
    info;
    constructor(dir) {
        this.dir = dir;
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
    async run(args, options = {}) {
        const stdin = options.input === undefined ? 'ignore' : 'pipe';
        const child = spawn('git', args, { cwd: this.dir, stdio: [stdin, 'pipe', 'pipe'] });
        const stdout = [];
        const stderr = [];
        child.stdout?.on('data', (chunk) => stdout.push(chunk));
        child.stderr?.on('data', (chunk) => stderr.push(chunk));
        child.stdin?.on('error', () => undefined); // git may exit before reading all of it
        child.stdin?.end(options.input);
        const code = await new Promise((resolve, reject) => {
            child.on('error', (error) => reject(new ScanError(`cannot run git: ${error.message}`)));
            child.on('close', (status) => resolve(status ?? 128));
        });
        if (code === 0)
            return { stdout: Buffer.concat(stdout).toString('utf8'), code };
        const message = Buffer.concat(stderr).toString('utf8').trim();
        if (/not a git repository/i.test(message))
            throw new ScanError(`not a git repository: ${this.dir}`);
        if (!(options.okCodes ?? []).includes(code)) {
            throw new ScanError(`git ${args.join(' ')} failed (exit ${code}): ${message}`);
        }
        return { stdout: Buffer.concat(stdout).toString('utf8'), code };
    }
    /** The one long-lived `git cat-file --batch` process that every stage reads content through. */
    catFile() {
        this.batch ??= new CatFileBatch(this.dir);
        return this.batch;
    }
    /** Type and size of objects (`git cat-file --batch-check`), started only when first asked. */
    objectInfo(name) {
        this.info ??= new CatFileBatch(this.dir, 'info');
        return this.info.read(name, 0);
    }
    async close() {
        await Promise.all([this.batch?.close(), this.info?.close()]);
        this.batch = undefined;
        this.info = undefined;
    }
    async revParse(rev) {
        const { stdout, code } = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', rev], {
            okCodes: [1, 128]
        });
        return code === 0 ? stdout.trim() : null;
    }
}

export { GitRepository as G };
