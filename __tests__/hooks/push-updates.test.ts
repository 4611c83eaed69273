// The pure parts of the hooks: git's stdin protocols, the one range per push, URL redaction,
// the hook script text. No git here: the real pushes are in pre-push.test.ts.
import { describe, expect, it } from '@jest/globals'
import { blockAdvice, redactUrl } from '../../src/commands/pre-push.js'
import { hookScript } from '../../src/commands/install-hook.js'
import {
  isZeroId,
  parsePushUpdates,
  parseRefUpdates,
  planPush,
  receiveRevisions,
  revisionsExcluding
} from '../../src/range/push-updates.js'
import type { Finding } from '../../src/types.js'

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const C = 'c'.repeat(40)
const Z = '0'.repeat(40)
const Z256 = '0'.repeat(64)

describe('parsePushUpdates', () => {
  it('reads git pre-push lines, ignoring blank lines and CRs', () => {
    expect(parsePushUpdates(`refs/heads/main ${A} refs/heads/main ${B}\r\n\n`)).toEqual([
      { localRef: 'refs/heads/main', localSha: A, remoteRef: 'refs/heads/main', remoteSha: B }
    ])
  })

  it('keeps a local ref given as an expression with spaces, parsing from the right', () => {
    expect(parsePushUpdates(`HEAD@{1 day ago} ${A} refs/heads/x ${Z}`)[0].localRef).toBe('HEAD@{1 day ago}')
  })

  it('rejects what is not the protocol, naming the line', () => {
    expect(() => parsePushUpdates('main HEAD')).toThrow(/pre-push: unexpected line on stdin.*"main HEAD"/)
    expect(() => parsePushUpdates(`${A} refs/heads/x ${Z}`)).toThrow(/unexpected line/)
  })

  it('takes SHA-256 object names', () => {
    expect(parsePushUpdates(`refs/tags/v1 ${'e'.repeat(64)} refs/tags/v1 ${Z256}`)).toHaveLength(1)
  })
})

describe('parseRefUpdates', () => {
  it('reads pre-receive lines', () => {
    expect(parseRefUpdates(`${Z} ${A} refs/heads/new\n${B} ${Z} refs/heads/gone\n`)).toEqual([
      { oldSha: Z, newSha: A, ref: 'refs/heads/new' },
      { oldSha: B, newSha: Z, ref: 'refs/heads/gone' }
    ])
    expect(() => parseRefUpdates(`${Z} ${A}`)).toThrow(/pre-receive: unexpected line/)
  })
})

describe('isZeroId', () => {
  it('matches zeros of any length (SHA-1 and SHA-256), nothing else', () => {
    expect([Z, Z256].map(isZeroId)).toEqual([true, true])
    expect(isZeroId(`1${Z.slice(1)}`)).toBe(false)
  })
})

describe('planPush and revisionsExcluding', () => {
  const update = (localSha: string, remoteSha: string, ref = 'refs/heads/main') => ({
    localRef: ref,
    localSha,
    remoteRef: ref,
    remoteSha
  })

  it('update: the local tip minus the remote tip git named, nothing else (no remote-tracking refs)', () => {
    const plan = planPush([update(A, B)])
    expect(plan).toEqual({ include: [A], remoteTips: [B], createsRefs: false })
    expect(revisionsExcluding(plan.include, plan.remoteTips, false)).toEqual([A, '--not', B])
  })

  it('new branch: no tip bounds it, so the destination must be asked', () => {
    expect(planPush([update(A, Z)])).toEqual({ include: [A], remoteTips: [], createsRefs: true })
    expect(planPush([update(A, Z256)]).createsRefs).toBe(true)
  })

  it('deletions send nothing; a push of only deletions has nothing to scan', () => {
    expect(planPush([update(Z, B)])).toEqual({ include: [], remoteTips: [], createsRefs: false })
    expect(revisionsExcluding([], [B], true)).toEqual([])
    expect(planPush([update(Z, B, 'refs/heads/x'), update(A, C)])).toEqual({
      include: [A],
      remoteTips: [C],
      createsRefs: false
    })
  })

  it('several refs: one range over the union, each tip once', () => {
    const plan = planPush([update(A, B), update(C, Z, 'refs/heads/other'), update(A, Z, 'refs/tags/v1')])
    expect(plan).toEqual({ include: [A, C], remoteTips: [B], createsRefs: true })
    expect(revisionsExcluding(plan.include, [...plan.remoteTips, B, C], true)).toEqual([
      '--ignore-missing',
      A,
      C,
      '--not',
      B,
      C
    ])
  })

  it('nothing to exclude: the whole history of the tips (more, never less)', () => {
    expect(revisionsExcluding([A], [], true)).toEqual([A])
  })
})

describe('receiveRevisions', () => {
  it('the new tips minus every existing ref; deletions bring nothing', () => {
    expect(
      receiveRevisions([
        { oldSha: B, newSha: A, ref: 'refs/heads/main' },
        { oldSha: Z, newSha: C, ref: 'refs/heads/new' }
      ])
    ).toEqual([A, C, '--not', '--all'])
    expect(receiveRevisions([{ oldSha: B, newSha: Z, ref: 'refs/heads/gone' }])).toEqual([])
  })
})

describe('redactUrl', () => {
  it.each([
    ['https://alice:s3cr3t@example.com/org/repo.git', 'https://***@example.com/org/repo.git'],
    ['https://ghp_TOKEN123@github.com/org/repo.git', 'https://***@github.com/org/repo.git'],
    ['https://x-access-token:ghs_abc@github.com/o/r', 'https://***@github.com/o/r'],
    ['https://u:p@ss@host/r', 'https://***@host/r'],
    ['ssh://git@host/r.git', 'ssh://git@host/r.git'],
    ['ssh://git:pw@host/r.git', 'ssh://***@host/r.git'],
    ['https://host/r.git?private_token=abc&x=1', 'https://host/r.git?private_token=***&x=***'],
    ['git@github.com:org/repo.git', 'git@github.com:org/repo.git'],
    ['/srv/git/repo.git', '/srv/git/repo.git']
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown)
  })

  it('is applied to the remote in the block message', () => {
    const finding = { path: 'm.pkl', commit: A, alsoAt: [] } as unknown as Finding
    const url = 'https://alice:s3cr3t@example.com/r.git'
    const named = blockAdvice({ name: 'origin', url }, [finding])
    const unnamed = blockAdvice({ name: url, url }, [finding])
    for (const text of [named, unnamed]) {
      expect(text).not.toContain('s3cr3t')
      expect(text).not.toContain('alice')
      expect(text).toContain('https://***@example.com/r.git')
    }
  })
})

describe('hookScript', () => {
  it('a plain hook is an sh script running the command install-hook found (PATH included); husky’s is the line', () => {
    expect(hookScript('git', 'PATH="node_modules/.bin:$PATH" model-leak-guard', false)).toBe(
      '#!/bin/sh\n# model-leak-guard pre-push hook\nPATH="node_modules/.bin:$PATH" model-leak-guard pre-push "$@"\n'
    )
    expect(hookScript('husky', 'model-leak-guard', false)).toBe(
      '# model-leak-guard pre-push hook\nmodel-leak-guard pre-push "$@"\n'
    )
  })

  it('a chained hook saves stdin once and feeds the scan first, the previous hook only when it passed', () => {
    const script = hookScript('husky', 'model-leak-guard', true)
    expect(script).toContain('input=$(cat)')
    expect(script.indexOf('feed | model-leak-guard pre-push "$@" || exit $?')).toBeLessThan(
      script.indexOf('feed | sh -e "$(dirname "$0")/pre-push.local" "$@"')
    )
  })
})
