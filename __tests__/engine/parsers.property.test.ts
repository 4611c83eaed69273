// Property tests for the parsers of what git writes: the pre-push stdin protocol and
// `git log -z --raw`. Random valid input round-trips exactly; random junk is a ScanError on the
// hook's stdin (what the caller gave) and an InternalError from git log (a bug to report), never
// another exception and never a silent partial answer.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { InternalError, ScanError } from '../../src/errors.js'
import { parseRawLog } from '../../src/range/leaving.js'
import { parsePushUpdates, parseRefUpdates, type PushUpdate } from '../../src/range/push-updates.js'

const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length })
const objectId = fc.oneof(hex(40), hex(64), fc.constant('0'.repeat(40)))
/** A ref name as git writes it on the hook's stdin: no spaces, no line breaks. */
const refName = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/[\s]/.test(s))
/** A local ref may be an expression with spaces (`HEAD@{1 day ago}`), never a line break or a trailing space. */
const localRef = fc
  .string({ minLength: 1, maxLength: 30 })
  .filter((s) => !/[\n\r]/.test(s) && s.trim() === s && s !== '')

function rejectsOnlyWith(kind: typeof ScanError | typeof InternalError, run: () => unknown): void {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(kind)
  }
}

const rejectsOnlyWithScanError = (run: () => unknown): void => rejectsOnlyWith(ScanError, run)
const rejectsOnlyWithInternalError = (run: () => unknown): void => rejectsOnlyWith(InternalError, run)

describe('parsePushUpdates (pre-push stdin)', () => {
  const update = fc.record({ localRef, localSha: objectId, remoteRef: refName, remoteSha: objectId })

  it('reads back exactly what git wrote, with CRLF endings and blank lines anywhere', () => {
    fc.assert(
      fc.property(fc.array(update, { maxLength: 8 }), fc.boolean(), fc.nat(3), (updates, crlf, blanks) => {
        const end = crlf ? '\r\n' : '\n'
        const lines = updates.map((u: PushUpdate) => `${u.localRef} ${u.localSha} ${u.remoteRef} ${u.remoteSha}`)
        const text = [...lines, ...Array<string>(blanks).fill('')].join(end) + end
        expect(parsePushUpdates(text)).toEqual(updates)
      })
    )
  })

  it('throws a ScanError naming the line for anything else, and nothing but a ScanError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        rejectsOnlyWithScanError(() => parsePushUpdates(text))
      })
    )
    fc.assert(
      fc.property(update, fc.string({ minLength: 1, maxLength: 20 }), (u, junk) => {
        const line = `${u.localRef} ${u.localSha} ${u.remoteRef} ${u.remoteSha}${junk.replace(/[\n\r]/g, 'x')}`
        let parsed: PushUpdate[] | undefined
        try {
          parsed = parsePushUpdates(line)
        } catch (error) {
          expect(error).toBeInstanceOf(ScanError)
          expect((error as Error).message).toContain('pre-push: unexpected line')
          return
        }
        // Junk that still ends in an object id is a different, valid line: its fields must be the line's own.
        expect(line.endsWith(parsed[0].remoteSha)).toBe(true)
      })
    )
  })

  it('pre-receive lines: exact round trip, junk is a ScanError', () => {
    const refUpdate = fc.record({ oldSha: objectId, newSha: objectId, ref: refName })
    fc.assert(
      fc.property(fc.array(refUpdate, { maxLength: 8 }), (updates) => {
        const text = updates.map((u) => `${u.oldSha} ${u.newSha} ${u.ref}\n`).join('')
        expect(parseRefUpdates(text)).toEqual(updates)
      })
    )
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => rejectsOnlyWithScanError(() => parseRefUpdates(text)))
    )
  })
})

describe('parseRawLog (git log -z --raw --format=\\x01%H)', () => {
  const mode = fc.constantFrom('000000', '100644', '100755', '120000', '160000')
  /** Paths as git writes them with -z: anything but NUL, including spaces, newlines and a leading colon. */
  const path = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('\0'))
  /** One repository uses one hash: every id of an output is SHA-1 (40) or SHA-256 (64), zeros included. */
  const idOf = (length: number) => fc.oneof(hex(length), fc.constant('0'.repeat(length)))
  const entryOf = (length: number) =>
    fc.record({
      oldMode: mode,
      newMode: mode,
      oldId: idOf(length),
      newId: idOf(length),
      status: fc.constantFrom('A', 'M', 'D', 'T'),
      path
    })
  const commitOf = (length: number) =>
    fc.record({ id: hex(length), entries: fc.array(entryOf(length), { maxLength: 6 }) })
  const history = (limits: { minLength?: number; maxLength: number }) =>
    fc.constantFrom(40, 64).chain((length) => fc.array(commitOf(length), limits))
  type Commit = {
    id: string
    entries: { oldMode: string; newMode: string; oldId: string; newId: string; status: string; path: string }[]
  }

  /** The bytes git writes: `\x01<sha>\0`, then `\n` and NUL-separated `:<raw>\0<path>\0` entries. */
  function gitOutput(commits: Commit[]): string {
    return commits
      .map((c) => {
        const raw = c.entries.map((e) => `:${e.oldMode} ${e.newMode} ${e.oldId} ${e.newId} ${e.status}\0${e.path}\0`)
        return `\x01${c.id}\0${raw.length > 0 ? `\n${raw.join('')}` : ''}`
      })
      .join('')
  }

  it('finds every commit, and every added or changed blob with its exact path and commit', () => {
    fc.assert(
      fc.property(history({ maxLength: 6 }), (commits) => {
        const parsed = parseRawLog(gitOutput(commits))
        expect(parsed.commits).toEqual(commits.map((c) => c.id))
        const kept = commits.flatMap((c) => c.entries.map((e) => ({ ...e, commit: c.id })))
        const live = kept.filter((e) => e.status !== 'D' && !/^0+$/.test(e.newId))
        const blobs = live.filter((e) => e.newMode !== '160000')
        const symlink = (newMode: string): object => (newMode === '120000' ? { symlink: true } : {})
        expect(parsed.blobs).toEqual(
          blobs.map((e) => ({ id: e.newId, path: e.path, commit: e.commit, size: -1, ...symlink(e.newMode) }))
        )
        expect(parsed.submodules).toEqual(new Set(live.filter((e) => e.newMode === '160000').map((e) => e.newId)))
      })
    )
  })

  it('rejects output that is not git log -z --raw as a bug (InternalError), never another exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => rejectsOnlyWithInternalError(() => parseRawLog(text)))
    )
    fc.assert(
      fc.property(
        history({ minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.string({ maxLength: 5 }),
        (commits, at, junk) => {
          const output = gitOutput(commits)
          const cut = at % (output.length + 1)
          rejectsOnlyWithInternalError(() => parseRawLog(`${output.slice(0, cut)}${junk}${output.slice(cut)}`))
        }
      )
    )
  })
})
