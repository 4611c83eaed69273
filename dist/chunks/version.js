// A ScanError is the user's mistake (bad registry, bad revision, not a git repo): exit code 2
// with a message that names the file and line or the git command. Anything else is a bug.
class ScanError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ScanError';
    }
}
const EXIT = { pass: 0, blocked: 1, error: 2 };
/**
 * An invariant of ours broke (git wrote what it never writes, a reader was asked out of order): a
 * bug to report, not the user's mistake, so never a ScanError. The CLI and the Action say "please
 * report it" for it, as for any error that is not a ScanError, and still fail (exit code 2).
 */
class InternalError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InternalError';
    }
}
/**
 * Bytes that do not parse as the format a reader expected. Readers throw it; detection and
 * provenance turn it into a finding (`kind: unknown`, an unreadable source). Any other error
 * escaping a reader is a bug and propagates.
 */
class MalformedInput extends Error {
    constructor(message) {
        super(message);
        this.name = 'MalformedInput';
    }
}

// Kept equal to package.json's version by a test (importing package.json would bundle it whole).
const VERSION = '0.1.0';

export { EXIT as E, InternalError as I, MalformedInput as M, ScanError as S, VERSION as V };
