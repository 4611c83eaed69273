// Real pushes over file:// to a bare repository whose pre-receive hook runs the built CLI.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_REGISTRY } from '../../src/commands/demo-repository.js'
import { cleanup, tempDir, type TestRepo } from '../helpers/repo.js'
import {
  BUILD_TIMEOUT,
  builtCli,
  gitMayFail,
  gitUnderSmallArgLimit,
  manyTags,
  modelBytes,
  NODE_FOR_SMALL_STACK,
  originAndClone,
  PUBLIC_MODEL,
  refId,
  RESTRICTED_MODEL
} from './helpers.js'

let root: string
let cliPath: string
let count = 0

beforeAll(() => {
  root = tempDir('mlg-pre-receive-')
  cliPath = builtCli()
}, BUILD_TIMEOUT)

afterAll(() => cleanup(root))

/** Shows, before the scan, that the pushed commit is visible only through the quarantine variables. */
const QUARANTINE_PROBE = `while read old new ref; do
  if [ "$new" != "$ZERO" ] && ! env -u GIT_OBJECT_DIRECTORY -u GIT_ALTERNATE_OBJECT_DIRECTORIES -u GIT_QUARANTINE_PATH git cat-file -e "$new" 2>/dev/null; then
    echo "probe: $new is only in quarantine" >&2
  fi
  printf '%s %s %s\\n' "$old" "$new" "$ref"
done`

/** How the server's hook runs the CLI: which node, and whether the quarantine probe (a git process a line) runs first. */
interface HookRunner {
  node: string
  probe: boolean
}

const PROBED: HookRunner = { node: 'node', probe: true }

function installServerHook(origin: TestRepo, options: string, runner: HookRunner): void {
  const hook = join(origin.dir, 'hooks', 'pre-receive')
  const input = runner.probe ? `${QUARANTINE_PROBE} | ` : ''
  const script = `#!/bin/sh\nZERO=0000000000000000000000000000000000000000\n${input}${runner.node} ${cliPath} pre-receive ${options}\n`
  writeFileSync(hook, script)
  chmodSync(hook, 0o755)
}

/** A server with the demo registry on main and the hook installed; a clone pushing over file://. */
function server(options = '', runner = PROBED): { origin: TestRepo; work: TestRepo; url: string } {
  const { origin, work } = originAndClone(join(root, `s${++count}`))
  installServerHook(origin, options, runner)
  return { origin, work, url: `file://${origin.dir}` }
}

function commitModel(work: TestRepo, path: string): string {
  return work.write(path, modelBytes()).commit(`Add ${path}`)
}

describe('pre-receive hook, pushes over file://', () => {
  it('rejects a restricted model: the ref is unchanged and the pusher sees why as remote: lines', () => {
    const { origin, work, url } = server()
    const before = refId(origin, 'main')
    commitModel(work, RESTRICTED_MODEL)
    const push = gitMayFail(work.dir, ['push', url, 'main'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain('pre-receive hook declined')
    expect(push.output).toMatch(/remote: BLOCK models\/risk\/model\.safetensors/)
    expect(push.output).toContain(
      'remote: model-leak-guard: refs/heads/main judged by refs/heads/main:.model-registry.yml'
    )
    expect(refId(origin, 'main')).toBe(before)
  })

  it('accepts a public model, reading the pushed objects from the quarantine it inherits', () => {
    const { origin, work, url } = server()
    const head = commitModel(work, PUBLIC_MODEL)
    const push = gitMayFail(work.dir, ['push', url, 'main'])
    expect(push.code).toBe(0)
    expect(push.output).toContain(`probe: ${head} is only in quarantine`)
    expect(push.output).toContain('remote: scanned 1 commit, 1 blob, 1 artifact')
    expect(refId(origin, 'main')).toBe(head)
  })

  it('judges a new branch by the default branch registry, and handles a deletion', () => {
    const { origin, work, url } = server()
    work.git('checkout', '-q', '-b', 'feature')
    const head = commitModel(work, PUBLIC_MODEL)
    const created = gitMayFail(work.dir, ['push', url, 'feature'])
    expect(created.code).toBe(0)
    expect(created.output).toContain('refs/heads/feature judged by refs/heads/main:.model-registry.yml')
    expect(created.output).toContain('scanned 1 commit')
    expect(refId(origin, 'feature')).toBe(head)
    commitModel(work, RESTRICTED_MODEL)
    expect(gitMayFail(work.dir, ['push', url, 'HEAD:refs/heads/risky']).code).not.toBe(0)
    expect(refId(origin, 'risky')).toBeNull()
    const deleted = gitMayFail(work.dir, ['push', url, '--delete', 'feature'])
    expect(deleted.code).toBe(0)
    expect(refId(origin, 'feature')).toBeNull()
  })

  it('ignores a registry the push brings: relabelling the dataset public in the pushed commit still blocks', () => {
    const { origin, work, url } = server()
    const before = refId(origin, 'main')
    work.write(
      '.model-registry.yml',
      DEMO_REGISTRY.replace('{ id: ukbb, label: restricted', '{ id: ukbb, label: public')
    )
    commitModel(work, RESTRICTED_MODEL)
    const push = gitMayFail(work.dir, ['push', url, 'main'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain('trained on ukbb (restricted)')
    expect(refId(origin, 'main')).toBe(before)
  })

  it('judges every branch by the default branch registry: relabelling on a side branch first does not open a door', () => {
    const { origin, work, url } = server()
    work.git('checkout', '-q', '-b', 'side')
    work.write(
      '.model-registry.yml',
      DEMO_REGISTRY.replace('{ id: ukbb, label: restricted', '{ id: ukbb, label: public')
    )
    work.commit('Relabel ukbb as public')
    expect(gitMayFail(work.dir, ['push', url, 'side']).code).toBe(0) // no model: nothing to stop
    const relabelled = refId(origin, 'side')
    commitModel(work, RESTRICTED_MODEL)
    const push = gitMayFail(work.dir, ['push', url, 'side'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain('refs/heads/side judged by refs/heads/main:.model-registry.yml')
    expect(push.output).toContain('trained on ukbb (restricted)')
    expect(refId(origin, 'side')).toBe(relabelled)
  })

  it("uses the server's --registry file when given", () => {
    const registry = join(root, 'server-registry.yml')
    writeFileSync(
      registry,
      DEMO_REGISTRY.replace('{ id: cifar10, label: public }', '{ id: cifar10, label: restricted }')
    )
    const { origin, work, url } = server(`--registry ${registry}`)
    const before = refId(origin, 'main')
    commitModel(work, PUBLIC_MODEL)
    const push = gitMayFail(work.dir, ['push', url, 'main'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain(`judged by the server's ${registry}`)
    expect(push.output).toContain('trained on cifar10 (restricted)')
    expect(refId(origin, 'main')).toBe(before)
  })

  it('rejects a mirror push of 5,000 tags, more ids than the command line may hold, judging every commit once', () => {
    const { origin, work, url } = server('', { node: NODE_FOR_SMALL_STACK, probe: false })
    manyTags(work, TAGS)
    work.git('checkout', '-q', '-b', 'side')
    commitModel(work, RESTRICTED_MODEL)
    work.git('checkout', '-q', 'main')
    const push = gitUnderSmallArgLimit(work.dir, ['push', '--mirror', url])
    expect(push.output).toMatch(/remote: model-leak-guard: refs\/heads\/side, [^\n]* and 4997 more refs judged by /)
    expect(push.output).toContain(`remote: scanned ${TAGS + 1} commits, 1 blob, 1 artifact`)
    expect(push.output).toContain(`remote: BLOCK ${RESTRICTED_MODEL}`)
    expect(push.code).not.toBe(0)
    expect(refId(origin, 'refs/tags/v1')).toBeNull()
  })

  it.each([
    ['a blob replaced with harmless text', 'blob'],
    ['a commit replaced to skip the one that added the model', 'commit']
  ])('rejects a model hidden by %s, the replace ref pushed first: the server reads the real objects', (_name, how) => {
    const { origin, work, url } = server()
    const before = refId(origin, 'main') as string
    const added = commitModel(work, HIDDEN_PATH)
    const blob = work.git('rev-parse', `${added}:${HIDDEN_PATH}`).trim()
    work.git('rm', '-q', HIDDEN_PATH)
    const removed = work.commit('remove it again')
    if (how === 'blob') {
      work.git('replace', blob, work.write('harmless.txt', 'text\n').git('hash-object', '-w', 'harmless.txt').trim())
    } else work.git('replace', '--graft', removed, before)
    const replaceRefs = gitMayFail(work.dir, ['push', url, 'refs/replace/*:refs/replace/*'])
    expect(replaceRefs.code).toBe(0)
    expect(refId(origin, `refs/replace/${how === 'blob' ? blob : removed}`)).not.toBeNull()
    const push = gitMayFail(work.dir, ['push', url, 'main'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain(`remote: BLOCK ${HIDDEN_PATH}`)
    expect(refId(origin, 'main')).toBe(before)
  })
})

/** A release history's worth of tags: 41 bytes of a command line each, 205 KB in all. */
const TAGS = 5000

/** A path the demo registry maps to a restricted dataset, whose name alone says nothing about a model. */
const HIDDEN_PATH = 'models/risk/weights.bin'
