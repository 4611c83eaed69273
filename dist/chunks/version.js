// A ScanError is the user's mistake (bad registry, bad revision, not a git repo): exit code 2
// with a message that names the file and line or the git command. Anything else is a bug.
class ScanError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ScanError';
    }
}
const EXIT = { pass: 0, blocked: 1, error: 2 };

// Kept equal to package.json's version by a test (importing package.json would bundle it whole).
const VERSION = '0.1.0';

export { EXIT as E, ScanError as S, VERSION as V };
