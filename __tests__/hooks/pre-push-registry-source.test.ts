// Pre-push judges by the destination's registry however the destination is named. A push to a URL
// (`git push <url> main`, a CI script, a mirror helper) or to a remote never fetched has no
// remote-tracking refs: the hook asks the destination for its default branch (one ls-remote) and
// reads the registry there; when that commit is not here, the built-in defaults judge. Never the
// registry the push brings, so a relabel committed with the model does not let it out.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_REGISTRY } from '../../src/commands/demo-repository.js'
import { GitRepository } from '../../src/range/git.js'
import { destinationDefaultBranchSource, registryForPush } from '../../src/registry/trusted.js'
import { cleanup, tempDir, TestRepo } from '../helpers/repo.js'
import { BUILD_TIMEOUT, builtCli, gitMayFail, modelBytes, originAndClone, refId, RESTRICTED_MODEL } from './helpers.js'

let root: string
let cliPath: string
let count = 0

beforeAll(() => {
  root = tempDir('mlg-pre-push-source-')
  cliPath = builtCli()
}, BUILD_TIMEOUT)

afterAll(() => cleanup(root))

/** A clone with the hook installed and one commit that relabels ukbb public and adds its model. */
function relabelledPush(): { origin: TestRepo; work: TestRepo; before: string | null } {
  const { origin, work } = originAndClone(join(root, `repos${++count}`))
  const hook = join(work.dir, '.git', 'hooks', 'pre-push')
  writeFileSync(hook, `#!/bin/sh\nexec node ${cliPath} pre-push "$@"\n`)
  chmodSync(hook, 0o755)
  work.write('.model-registry.yml', DEMO_REGISTRY.replace('{ id: ukbb, label: restricted', '{ id: ukbb, label: public'))
  work.write(RESTRICTED_MODEL, modelBytes()).commit('Relabel ukbb and add the risk model')
  return { origin, work, before: refId(origin, 'main') }
}

describe('pre-push to a destination with no remote-tracking refs', () => {
  it('named by its URL: judged by the registry on its default branch, as it says now', () => {
    const { origin, work, before } = relabelledPush()
    const pushed = gitMayFail(work.dir, ['push', origin.dir, 'main'])
    expect(pushed.output).toContain(`judged by ${origin.dir} refs/heads/main:.model-registry.yml`)
    expect(pushed.output).toContain('trained on ukbb (restricted)')
    expect(pushed.output).toContain('takes effect once it is on main, not for this push')
    expect(pushed.code).not.toBe(0)
    expect(refId(origin, 'main')).toBe(before)
  })

  it('a remote never fetched: the same', () => {
    const { origin, work, before } = relabelledPush()
    work.git('remote', 'add', 'mirror', origin.dir)
    const pushed = gitMayFail(work.dir, ['push', 'mirror', 'main'])
    expect(pushed.output).toContain(`judged by ${origin.dir} refs/heads/main:.model-registry.yml`)
    expect(pushed.code).not.toBe(0)
    expect(refId(origin, 'main')).toBe(before)
  })

  it('whose default branch is not here: the built-in defaults judge, never the registry the push brings', () => {
    const { origin, work, before } = relabelledPush()
    const other = new TestRepo(join(root, `other${count}`))
    origin.git('clone', '-q', origin.dir, other.dir)
    other.write('NOTES.md', 'moved on\n').commit('Someone else pushes first')
    other.git('push', '-q', 'origin', 'HEAD:main')
    const pushed = gitMayFail(work.dir, ['push', origin.dir, 'HEAD:refs/heads/side'])
    expect(pushed.output).toMatch(/judged by the built-in defaults .*which is not in this repository \(git fetch it\)/)
    expect(pushed.output).not.toContain('label: public')
    expect(pushed.code).not.toBe(0)
    expect(refId(origin, 'side')).toBeNull()
    expect(refId(origin, 'main')).not.toBe(before) // only the other push landed
  })

  it('that cannot be asked: the built-in defaults judge (git pushes nowhere then, so asked in-process)', async () => {
    const { work } = relabelledPush()
    const git = await GitRepository.open(work.dir)
    try {
      const nowhere = join(root, 'nowhere.git')
      const source = await destinationDefaultBranchSource(git, nowhere, nowhere)
      expect(source).toMatchObject({ rev: null, unreadable: `${nowhere} cannot be asked for its default branch` })
      const judging = await registryForPush(git, source, [{ commit: work.head(), ref: 'refs/heads/main' }])
      expect(judging.origin).toMatch(/^the built-in defaults .*cannot be asked/)
      expect(judging.registry.dataset('ukbb')).toBeUndefined() // not the relabelled registry the push brings
    } finally {
      await git.close()
    }
  })
})
