// policy.trusted_sources on a server: a model card or commit trailer the pusher writes can clear
// the pushed model by default (the careful colleague's case); with `[registry]` only the trusted
// registry can, so an insider cannot vouch for their own model (SECURITY.md). Real pushes over
// file:// to a bare repository whose pre-receive hook runs the built CLI.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_REGISTRY } from '../../src/commands/demo-repository.js'
import { cleanup, tempDir, type TestRepo } from '../helpers/repo.js'
import { BUILD_TIMEOUT, builtCli, gitMayFail, modelBytes, originAndClone, refId } from './helpers.js'

const STRICT_REGISTRY = DEMO_REGISTRY.replace(/^policy:\n/m, 'policy:\n  trusted_sources: [registry]\n')

let root: string
let cliPath: string
let count = 0

beforeAll(() => {
  root = tempDir('mlg-trusted-sources-')
  cliPath = builtCli()
}, BUILD_TIMEOUT)

afterAll(() => cleanup(root))

/** A server whose default branch holds `registry`, and a clone whose next commit adds a model with a card saying cifar10. */
function pushVouchedModel(registry: string): { origin: TestRepo; pushed: { code: number; output: string } } {
  const { origin, work } = originAndClone(join(root, `s${++count}`), registry)
  const hook = join(origin.dir, 'hooks', 'pre-receive')
  writeFileSync(hook, `#!/bin/sh\nnode ${cliPath} pre-receive\n`)
  chmodSync(hook, 0o755)
  work
    .write('models/new/model.safetensors', modelBytes())
    .write('models/new/README.md', '---\ndatasets: [cifar10]\n---\n# a model card the pusher wrote\n')
    .commit('Add a model and a card that says it was trained on public data')
  return { origin, pushed: gitMayFail(work.dir, ['push', `file://${origin.dir}`, 'main']) }
}

describe('pre-receive and policy.trusted_sources', () => {
  it('by default a model card in the push vouches for its model: accepted', () => {
    expect(STRICT_REGISTRY).not.toBe(DEMO_REGISTRY) // the replacement took
    const { pushed } = pushVouchedModel(DEMO_REGISTRY)
    expect(pushed.output).toMatch(/remote: PASS +models\/new\/model\.safetensors/)
    expect(pushed.code).toBe(0)
  })

  it('[registry]: the card cannot clear its own model; the push is rejected and says why', () => {
    const { origin, pushed } = pushVouchedModel(STRICT_REGISTRY)
    const before = refId(origin, 'main')
    expect(pushed.code).not.toBe(0)
    expect(pushed.output).toContain(
      'remote:       why: unknown provenance: only model-card says what it was trained on, and policy.trusted_sources does not list it'
    )
    expect(refId(origin, 'main')).toBe(before)
  })
})
