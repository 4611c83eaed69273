// Real pushes over file:// to a bare repository whose pre-receive hook runs the built CLI.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { chmodSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_REGISTRY } from '../../src/commands/demo-repository.js'
import { cleanup, tempDir, TestRepo } from '../helpers/repo.js'
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
  pushPackWith,
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

/** How the server's hook runs the CLI. */
interface HookSetup {
  /** Options of `pre-receive`. */
  options?: string
  /** Where the server's hooks are (a non-bare server's are in .git/hooks). */
  hooks?: string
  /** What starts the CLI: another node, or a wrapper that changes the environment (a hosting layer may pass no GIT_QUARANTINE_PATH). */
  node?: string
  /** Whether the quarantine probe (a git process a line) runs first; default yes. */
  probe?: boolean
}

function installServerHook(origin: TestRepo, setup: HookSetup = {}): void {
  const { options = '', hooks = join(origin.dir, 'hooks'), node = 'node', probe = true } = setup
  const hook = join(hooks, 'pre-receive')
  const input = probe ? `${QUARANTINE_PROBE} | ` : ''
  const script = `#!/bin/sh\nZERO=0000000000000000000000000000000000000000\n${input}${node} ${cliPath} pre-receive ${options}\n`
  writeFileSync(hook, script)
  chmodSync(hook, 0o755)
}

/** A server with the demo registry on main and the hook installed; a clone pushing over file://. */
function server(setup: HookSetup = {}): { origin: TestRepo; work: TestRepo; url: string } {
  const { origin, work } = originAndClone(join(root, `s${++count}`))
  installServerHook(origin, setup)
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
    const { origin, work, url } = server({ options: `--registry ${registry}` })
    const before = refId(origin, 'main')
    commitModel(work, PUBLIC_MODEL)
    const push = gitMayFail(work.dir, ['push', url, 'main'])
    expect(push.code).not.toBe(0)
    expect(push.output).toContain(`judged by the server's ${registry}`)
    expect(push.output).toContain('trained on cifar10 (restricted)')
    expect(refId(origin, 'main')).toBe(before)
  })

  it('rejects a mirror push of 5,000 tags, more ids than the command line may hold, judging every commit once', () => {
    const { origin, work, url } = server({ node: NODE_FOR_SMALL_STACK, probe: false })
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

describe('pre-receive hook, every object the pack brings', () => {
  /** A blob written to the clone's object store only: no commit, no ref reaches it. */
  function looseBlob(work: TestRepo, bytes: Buffer): string {
    const file = join(work.dir, '.loose-blob')
    writeFileSync(file, bytes)
    const id = work.git('hash-object', '-w', file).trim()
    rmSync(file)
    return id
  }

  const stored = (origin: TestRepo, id: string): boolean => gitMayFail(origin.dir, ['cat-file', '-e', id]).code === 0

  const UNPACKED_OR_KEPT = [
    ['unpacked into loose objects (a small push)', 100],
    ['kept as a pack (receive.unpackLimit 1)', 1]
  ] as const

  it.each([
    ...UNPACKED_OR_KEPT.map(([how, limit]) => [how, limit, 'node'] as const),
    [
      'the quarantine known by GIT_OBJECT_DIRECTORY alone (old git, or a hosting layer that passes only that)',
      1,
      'env -u GIT_QUARANTINE_PATH node'
    ] as const
  ])(
    'rejects a pack carrying a model blob no pushed ref reaches, %s: it is judged and never stored',
    async (_how, unpackLimit, launcher) => {
      const { origin, work } = server({ node: launcher })
      origin.git('config', 'receive.unpackLimit', String(unpackLimit))
      const model = looseBlob(work, modelBytes())
      work.write('notes.txt', 'clean change\n').commit('A clean commit')
      const output = await pushPackWith(work, origin.dir, 'refs/heads/clean', [model])
      expect(output).toContain(
        `BLOCK blob ${model}, which no pushed ref reaches  [safetensors, weights] in the pushed pack`
      )
      expect(output).toContain('no ref you push reaches this object, yet the pack your client sent carries it')
      expect(output).not.toContain('no quarantine')
      expect({ accepted: output.includes('ok refs/heads/clean'), stored: stored(origin, model) }).toEqual({
        accepted: false,
        stored: false
      })
      expect(refId(origin, 'clean')).toBeNull()
    }
  )

  it("judges such a blob by its own bytes only: a non-bare server's index is no tree it stands in", async () => {
    // A server with a working tree: `:README.md` names its index, whose model card claims a public dataset.
    const origin = TestRepo.init(join(root, `non-bare${++count}`))
    origin
      .write('.model-registry.yml', DEMO_REGISTRY)
      .write('README.md', '---\ndatasets:\n  - cifar10\n---\n# project\n')
      .commit('Add the registry')
    installServerHook(origin, { hooks: join(origin.dir, '.git', 'hooks') })
    const work = TestRepo.init(join(root, `non-bare-work${count}`))
    work.git('pull', '-q', origin.dir, 'main')
    work.git('update-ref', 'refs/remotes/origin/main', 'main')
    const model = looseBlob(work, modelBytes())
    work.write('notes.txt', 'clean change\n').commit('A clean commit')
    const output = await pushPackWith(work, origin.dir, 'refs/heads/clean', [model])
    expect(output).toContain(`BLOCK blob ${model}, which no pushed ref reaches`)
    expect(stored(origin, model)).toBe(false)
  })

  it.each(UNPACKED_OR_KEPT)(
    'accepts a pack whose other objects the server already holds, or that are no models, %s',
    async (_how, unpackLimit) => {
      const { origin, work, url } = server()
      origin.git('config', 'receive.unpackLimit', String(unpackLimit))
      const path = 'models/vision/other.safetensors' // the demo registry maps it to a public dataset
      work.write(path, modelBytes()).commit('A public model')
      expect(gitMayFail(work.dir, ['push', url, 'main']).code).toBe(0)
      const held = work.git('rev-parse', `HEAD:${path}`).trim()
      const text = looseBlob(work, Buffer.from('a note no ref reaches\n'))
      work.write('notes.txt', 'clean change\n').commit('A clean commit')
      // The server holds `held` (a thin pack's bases and re-sent objects are like it): not judged again at no path.
      const output = await pushPackWith(work, origin.dir, 'refs/heads/clean', [held, text])
      expect(output).toContain('scanned 1 commit, 2 blobs, 0 artifacts')
      expect(output).toContain('ok refs/heads/clean')
      expect(stored(origin, text)).toBe(true)
    }
  )
})

describe('pre-receive hook, Git LFS pointers', () => {
  /** A pointer as `git lfs track "*.png"` and `git add` commit it; the object goes to the LFS server, not to git. */
  function commitPointer(work: TestRepo, path: string, content: Buffer): { oid: string } {
    const oid = createHash('sha256').update(content).digest('hex')
    work
      .write('.gitattributes', '*.png filter=lfs diff=lfs merge=lfs -text\n')
      .write(path, `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${content.length}\n`)
      .commit(`Add ${path}`)
    return { oid }
  }

  it('rejects a pointer with an image name whose object the server does not hold, naming the object', () => {
    const { origin, work, url } = server()
    const before = refId(origin, 'main')
    const model = modelBytes()
    const { oid } = commitPointer(work, 'assets/figure.png', model)
    const push = gitMayFail(work.dir, ['push', url, 'main'])
    expect(push.output).toContain('remote: BLOCK assets/figure.png  [lfs-pointer, unknown]')
    expect(push.output).toContain(`remote:       lfs object: sha256:${oid}, ${model.length} bytes.`)
    expect(push.output).toContain('its name decides nothing (policy.lfs_absent: unknown)')
    expect(refId(origin, 'main')).toBe(before)
  })

  it('policy.lfs_absent: by-name on the default branch lets an image name pass, as before a push', () => {
    const { origin, work } = originAndClone(join(root, `s${++count}`), `${DEMO_REGISTRY}  lfs_absent: by-name\n`)
    installServerHook(origin)
    commitPointer(work, 'assets/figure.png', modelBytes())
    const push = gitMayFail(work.dir, ['push', `file://${origin.dir}`, 'main'])
    expect(push.output).toContain('remote: scanned 1 commit, 2 blobs, 0 artifacts')
    expect(push.code).toBe(0)
  })

  it('judges an LFS object the server stores by its content (git-lfs uploads it before the push)', () => {
    const { origin, work, url } = server()
    const before = refId(origin, 'main')
    work.git('lfs', 'install', '--local')
    work.git('lfs', 'track', '*.png')
    work.write('assets/figure.png', modelBytes()).commit('Add a figure')
    const push = gitMayFail(work.dir, ['push', url, 'main'])
    expect(push.output).toContain('remote: BLOCK assets/figure.png  [safetensors, weights]')
    expect(refId(origin, 'main')).toBe(before)
  })
})

/** A path the demo registry maps to a restricted dataset, whose name alone says nothing about a model. */
const HIDDEN_PATH = 'models/risk/weights.bin'
