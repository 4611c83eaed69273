// `validate-registry`: every error at once with FILE:LINE:COL and the nearest known name, the
// registry found at the top of the working tree from any folder in it, the baseline beside it too.
import { afterAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'

const root = tempDir()
afterAll(() => cleanup(root))

describe('model-leak-guard validate-registry', () => {
  const repo = TestRepo.init(join(root, 'repo'))
  repo.write('src/deep/app.py', 'print(1)\n')

  it('finds the registry at the top of the working tree from a subfolder, as scan does', async () => {
    repo.write('.model-registry.yml', 'version: 1\ndatasets:\n  - { id: ukbb, label: restricted }\n')
    expect(await cli(join(repo.dir, 'src', 'deep'), ['validate-registry'])).toEqual({
      code: 0,
      stdout: 'ok\n',
      stderr: ''
    })
  })

  it('reports every error in one run, schema and cross-checks alike, with what was probably meant', async () => {
    repo.write(
      '.model-registry.yml',
      'version: 1\ndatsets:\n  - { id: a, label: public }\nmodels:\n  - { path: "m/**", trained_on: [nothing] }\npolicy: { unknown_provenance: blok }\n'
    )
    const result = await cli(join(repo.dir, 'src'), ['validate-registry'])
    expect(result.code).toBe(2)
    expect(result.stderr.trim().split('\n')).toEqual([
      'model-leak-guard: ../.model-registry.yml:2:1 datsets: unknown key "datsets" (did you mean "datasets"?)',
      '../.model-registry.yml:5:34 models[0].trained_on[0]: "nothing" is neither a dataset id or alias nor a model path in models[]',
      '../.model-registry.yml:6:31 policy.unknown_provenance: expected one of "block", "warn", "allow", got "blok" (did you mean "block"?)'
    ])
  })

  it('checks the baseline beside the registry', async () => {
    repo.write('.model-registry.yml', 'version: 1\n')
    repo.write('.model-baseline.yml', 'version: 1\nrecorded: 2025-13-01\nartifacts: []\n')
    const result = await cli(repo.dir, ['validate-registry'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      '.model-baseline.yml:2:11 recorded: expected a date as YYYY-MM-DD, got "2025-13-01"'
    )
  })

  it('reports the registry and the baseline beside it in the same run, not one file at a time', async () => {
    repo.write('.model-registry.yml', 'version: 1\nlabels: []\n')
    repo.write('.model-baseline.yml', 'version: 1\nrecorded: 2025-13-01\nartifacts: []\n')
    const result = await cli(repo.dir, ['validate-registry'])
    expect(result.code).toBe(2)
    expect(result.stderr.trim().split('\n')).toEqual([
      'model-leak-guard: .model-registry.yml:2:9 labels: expected at least 1 item(s), got []',
      '.model-baseline.yml:2:11 recorded: expected a date as YYYY-MM-DD, got "2025-13-01"'
    ])
  })

  it('says so when there is no registry to validate', async () => {
    const empty = TestRepo.init(join(root, 'empty'))
    const result = await cli(empty.dir, ['validate-registry'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('.model-registry.yml: cannot read the registry: ENOENT')
  })
})
