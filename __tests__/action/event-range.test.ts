// The event payload → range and registry side, in-process: a table of what each event scans and
// whose registry judges it, and properties over random and mutated payloads (fast-check): the
// parser returns a range or throws a ScanError that names what is missing, never anything else.
import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import {
  rangeForEvent,
  registrySideFor,
  SUPPORTED_EVENTS,
  type EventRange,
  type ScanTarget
} from '../../src/range/event-range.js'
import { ScanError } from '../../src/errors.js'

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const ZERO = '0'.repeat(40)
const repository = { default_branch: 'main' }

const VALID: Record<(typeof SUPPORTED_EVENTS)[number], Record<string, unknown>> = {
  push: { ref: 'refs/heads/feature', before: A, after: B, repository },
  pull_request: { number: 7, pull_request: { base: { sha: A }, head: { sha: B } }, repository },
  pull_request_target: { number: 7, pull_request: { base: { sha: A }, head: { sha: B } }, repository },
  merge_group: { merge_group: { base_sha: A, head_sha: B }, repository },
  workflow_dispatch: { inputs: {}, repository },
  schedule: { schedule: '0 3 * * 1' }
}

describe('what each event scans', () => {
  test.each([
    ['push', 'push', VALID.push, { kind: 'between', base: A, head: B }],
    ['pull_request', 'pull_request', VALID.pull_request, { kind: 'between', base: A, head: B }],
    ['merge_group', 'merge_group', VALID.merge_group, { kind: 'between', base: A, head: B }],
    ['workflow_dispatch', 'workflow_dispatch', VALID.workflow_dispatch, { kind: 'all' }],
    [
      'a new branch',
      'push',
      { ...VALID.push, before: ZERO },
      { kind: 'new-branch', head: B, ref: 'refs/heads/feature' }
    ],
    [
      'a deletion',
      'push',
      { ...VALID.push, after: ZERO },
      { kind: 'nothing', reason: 'refs/heads/feature was deleted' }
    ]
  ])('%s', (_label, event, payload, expected) => {
    expect(rangeForEvent(event, payload).target).toMatchObject(expected as Partial<ScanTarget>)
  })

  test('a push measures a force-pushed base that is gone as a new branch', () => {
    const { target } = rangeForEvent('push', VALID.push)
    expect(target.kind === 'between' && target.ifBaseIsGone).toEqual({
      kind: 'new-branch',
      head: B,
      ref: 'refs/heads/feature'
    })
  })

  test('the default branch: from the payload, for schedule from GITHUB_REF, else unknown', () => {
    expect(rangeForEvent('pull_request', VALID.pull_request).defaultBranch).toBe('main')
    expect(rangeForEvent('schedule', VALID.schedule, 'refs/heads/trunk').defaultBranch).toBe('trunk')
    expect(rangeForEvent('schedule', VALID.schedule, 'refs/tags/v1').defaultBranch).toBeUndefined()
    expect(rangeForEvent('workflow_dispatch', { inputs: {} }, 'refs/heads/side').defaultBranch).toBeUndefined()
  })

  test('a default branch name git would refuse in a refspec is a payload error', () => {
    expect(() => rangeForEvent('push', { ...VALID.push, repository: { default_branch: 'main:evil' } })).toThrow(
      /repository\.default_branch: expected a branch name/
    )
  })

  test('an unsupported event names the supported ones', () => {
    expect(() => rangeForEvent('issues', {})).toThrow(ScanError)
    expect(() => rangeForEvent('issues', {})).toThrow(/"issues" events; supported events: push, pull_request/)
  })
})

describe('whose registry judges', () => {
  const side = (event: EventRange, defaultBranch?: string): ReturnType<typeof registrySideFor> =>
    registrySideFor(event, event.target, defaultBranch)

  test.each(['pull_request', 'pull_request_target', 'merge_group', 'workflow_dispatch'] as const)(
    "%s: the default branch's tip, whatever the base",
    (event) => expect(side(rangeForEvent(event, VALID[event]), 'main')).toEqual({ kind: 'branch-tip', branch: 'main' })
  )

  test("a push to another branch, or of a new one: the default branch's tip", () => {
    expect(side(rangeForEvent('push', VALID.push), 'main')).toEqual({ kind: 'branch-tip', branch: 'main' })
    const created = rangeForEvent('push', { ...VALID.push, before: ZERO })
    expect(side(created, 'main')).toEqual({ kind: 'branch-tip', branch: 'main' })
  })

  test('a push to the default branch: its tip before the push; creating it: unborn, as for pre-receive', () => {
    const toMain = rangeForEvent('push', { ...VALID.push, ref: 'refs/heads/main' })
    expect(side(toMain, 'main')).toEqual({ kind: 'commit', commit: A, branch: 'main' })
    const creating = rangeForEvent('push', { ...VALID.push, ref: 'refs/heads/main', before: ZERO })
    expect(side(creating, 'main')).toMatchObject({
      kind: 'unborn',
      branch: 'main',
      why: expect.stringContaining('refs/heads/main')
    })
  })

  test('an unknown default branch, or a deletion: none', () => {
    expect(side(rangeForEvent('pull_request', VALID.pull_request), undefined)).toMatchObject({ kind: 'none' })
    expect(side(rangeForEvent('push', { ...VALID.push, after: ZERO }), 'main')).toMatchObject({ kind: 'none' })
  })
})

/** A range, or a ScanError; anything else thrown fails the property. */
function parsesOrRefuses(event: string, payload: unknown, githubRef?: string): EventRange | ScanError {
  try {
    return rangeForEvent(event, payload, githubRef)
  } catch (error) {
    if (error instanceof ScanError) return error
    throw error
  }
}

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/

/** What every range promises: commit ids where it names commits, a branch name git accepts. */
function expectWellFormed(range: EventRange): void {
  const { target } = range
  if (target.kind === 'between') expect([target.base, target.head].every((id) => OBJECT_ID.test(id))).toBe(true)
  if (target.kind === 'new-branch') expect(OBJECT_ID.test(target.head)).toBe(true)
  if (range.defaultBranch !== undefined) expect(range.defaultBranch).toMatch(/^[^\s:~^?*[\\]+$/)
}

const eventNames = fc.oneof(fc.constantFrom(...SUPPORTED_EVENTS), fc.string())
const shaLike = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{40}$/),
  fc.constant(ZERO),
  fc.string(),
  fc.stringMatching(/^[0-9a-fA-F]{38,66}$/)
)

/** A valid payload with one path set to a random value (or deleted). */
const mutatedPayload = fc
  .tuple(
    fc.constantFrom(...SUPPORTED_EVENTS),
    fc.constantFrom(
      ['ref'],
      ['before'],
      ['after'],
      ['number'],
      ['pull_request'],
      ['pull_request', 'base', 'sha'],
      ['pull_request', 'head'],
      ['merge_group', 'base_sha'],
      ['merge_group'],
      ['repository'],
      ['repository', 'default_branch']
    ),
    fc.oneof(fc.jsonValue(), shaLike, fc.constant(undefined))
  )
  .map(([event, path, value]) => {
    const payload = structuredClone(VALID[event]) as Record<string, unknown>
    let node = payload
    for (const key of path.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {}
      node = node[key] as Record<string, unknown>
    }
    node[path[path.length - 1]] = value
    return { event, payload }
  })

describe('properties', () => {
  test('any payload under any event name: a well-formed range or a ScanError', () => {
    fc.assert(
      fc.property(
        eventNames,
        fc.oneof(fc.anything(), fc.jsonValue()),
        fc.option(fc.string()),
        (event, payload, ref) => {
          const outcome = parsesOrRefuses(event, payload, ref ?? undefined)
          if (!(outcome instanceof ScanError)) expectWellFormed(outcome)
        }
      ),
      { numRuns: 2000 }
    )
  })

  test('a mutated valid payload: a well-formed range, or a ScanError that names the event', () => {
    fc.assert(
      fc.property(mutatedPayload, ({ event, payload }) => {
        const outcome = parsesOrRefuses(event, payload)
        if (outcome instanceof ScanError) expect(outcome.message).toContain(`the ${event} event payload lacks`)
        else expectWellFormed(outcome)
      }),
      { numRuns: 2000 }
    )
  })

  test('a push with any two commit ids scans exactly before..after (or what zeros mean)', () => {
    fc.assert(
      fc.property(shaLike, shaLike, fc.string(), (before, after, ref) => {
        const outcome = parsesOrRefuses('push', { ref, before, after })
        if (outcome instanceof ScanError) return
        const { target } = outcome
        if (/^0+$/.test(after)) expect(target.kind).toBe('nothing')
        else if (/^0+$/.test(before)) expect(target).toEqual({ kind: 'new-branch', head: after, ref })
        else expect(target).toMatchObject({ kind: 'between', base: before, head: after })
      }),
      { numRuns: 1000 }
    )
  })
})
