// A provenance source that meets bytes it cannot parse reports them as unreadable (a claim the
// policy judges); anything else that goes wrong (git failing, a bug) propagates instead of being
// dressed up as a provenance problem.
import { describe, expect, it } from '@jest/globals'
import { MalformedInput, ScanError } from '../../src/errors.js'
import { consultSources, type ProvenanceContext } from '../../src/provenance/index.js'
import { parseRegistry } from '../../src/registry/load.js'
import type { Artifact } from '../../src/types.js'
import { registryYaml } from './helpers.js'

const artifact: Artifact = {
  member: null,
  format: 'safetensors',
  kind: 'weights',
  detail: {},
  blob: { id: 'a'.repeat(40), path: 'models/m.safetensors', commit: 'c'.repeat(40), size: 1 }
}

/** A context whose file reads fail with `error`; everything else answers "nothing here". */
function failingReads(error: Error): ProvenanceContext {
  return {
    registry: parseRegistry(registryYaml(), '.model-registry.yml'),
    readFile: () => Promise.reject(error),
    commitMessage: async () => '',
    artifactsAt: async () => null,
    isDirectory: async () => false,
    lastChange: async () => null
  }
}

describe('a source that fails', () => {
  it('on bytes it cannot parse: an unreadable claim naming the source, so the policy decides', async () => {
    const reports = await consultSources(artifact, failingReads(new MalformedInput('truncated front matter')))
    const card = reports.find((r) => r.source === 'model-card')
    expect(card?.claims).toEqual([
      expect.objectContaining({
        type: 'unreadable',
        file: 'model-card source',
        problem: 'the model-card source failed: truncated front matter'
      })
    ])
  })

  it('for any other reason: the error propagates (a git failure is exit 2, not "unknown provenance")', async () => {
    const gitFailed = new ScanError('git cat-file --batch exited (128) early: fatal: bad object')
    await expect(consultSources(artifact, failingReads(gitFailed))).rejects.toBe(gitFailed)
    const bug = new TypeError('x is undefined')
    await expect(consultSources(artifact, failingReads(bug))).rejects.toBe(bug)
  })
})
