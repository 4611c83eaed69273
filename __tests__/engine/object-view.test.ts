// The scan sees objects exactly as `git push` sends them: replace refs, grafts and a repository's
// core.useReplaceRefs cannot hide a model from it. (The hooks' real pushes are in __tests__/hooks.)
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_REGISTRY, safetensorsBytes } from '../../src/commands/demo-repository.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'

/** A neutral name: once its bytes are replaced by text, nothing about the path says model. */
const RESTRICTED_MODEL = 'models/risk/weights.bin'

let root: string
let count = 0
beforeAll(() => {
  root = tempDir('mlg-object-view-')
})
afterAll(() => cleanup(root))

/** A clone whose origin has the registry, then a commit adding a restricted model and one removing it. */
function hiddenModelProject(): { repo: TestRepo; pushed: string; added: string; removed: string; blob: string } {
  const base = join(root, `p${++count}`)
  TestRepo.bare(join(base, 'origin.git'))
  const repo = TestRepo.init(join(base, 'work'))
  const pushed = repo.write('.model-registry.yml', DEMO_REGISTRY).commit('registry')
  repo.git('remote', 'add', 'origin', join(base, 'origin.git'))
  repo.git('push', '-q', 'origin', 'main')
  const added = repo.write(RESTRICTED_MODEL, safetensorsBytes({ n: String(count) }, [count, 1])).commit('model')
  const blob = repo.git('rev-parse', `${added}:${RESTRICTED_MODEL}`).trim()
  repo.git('rm', '-q', RESTRICTED_MODEL)
  const removed = repo.commit('remove the model again')
  return { repo, pushed, added, removed, blob }
}

async function scanBlocks(repo: TestRepo): Promise<void> {
  const result = await cli(repo.dir, ['scan'])
  expect(result.stdout).toContain(`BLOCK ${RESTRICTED_MODEL}`)
  expect(result.code).toBe(1)
}

describe('what git shows is what push sends', () => {
  it('a blob replaced with harmless text (git replace) is read as its real bytes', async () => {
    const { repo, blob } = hiddenModelProject()
    const harmless = repo.write('harmless.txt', 'just text\n').git('hash-object', '-w', 'harmless.txt').trim()
    repo.git('replace', blob, harmless)
    expect(repo.git('cat-file', '-p', blob)).toBe('just text\n') // git itself is fooled
    await scanBlocks(repo)
  })

  it('a commit replaced to skip the one that added the model (git replace --graft) is walked as pushed', async () => {
    const { repo, pushed, removed } = hiddenModelProject()
    repo.git('replace', '--graft', removed, pushed)
    expect(repo.git('rev-list', '--count', 'HEAD', '--not', '--remotes').trim()).toBe('1')
    await scanBlocks(repo)
  })

  it('core.useReplaceRefs=true in the repository config does not bring replace refs back', async () => {
    const { repo, pushed, removed } = hiddenModelProject()
    repo.git('replace', '--graft', removed, pushed)
    repo.git('config', 'core.useReplaceRefs', 'true')
    await scanBlocks(repo)
  })

  it('a graft in info/grafts (still honoured by git 2.39) does not hide the commit that added the model', async () => {
    const { repo, pushed, removed } = hiddenModelProject()
    writeFileSync(join(repo.dir, '.git', 'info', 'grafts'), `${removed} ${pushed}\n`)
    expect(repo.git('rev-list', '--count', 'HEAD', '--not', '--remotes').trim()).toBe('1')
    await scanBlocks(repo)
  })
})
