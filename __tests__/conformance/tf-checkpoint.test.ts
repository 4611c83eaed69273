// Red team, format side (docs/conformance.md), through `scan`: a TensorFlow checkpoint
// (`tf.train.Checkpoint.save`, Keras ModelCheckpoint with save_weights_only, TF1 `Saver`) is
// `ckpt-N.index` (a TensorBundle: a LevelDB-format table) plus `ckpt-N.data-00000-of-00001` (the
// raw tensors). Outside a SavedModel's `variables/` it used to leave unreported. No TensorFlow
// here: the bundle is the spec-built fixture (scripts/make-fixtures-formats.py).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import type { ScanReport } from '../../src/types.js'
import { fixture } from '../detect/helpers.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'

let root: string
let repo: TestRepo

beforeAll(() => {
  root = tempDir('mlg-conformance-tfckpt-')
  repo = TestRepo.init(join(root, 'repo'))
  repo
    .write('training/ckpt-1.index', fixture('tf/ckpt-1.index'))
    .write('training/ckpt-1.data-00000-of-00001', fixture('tf/ckpt-1.data-00000-of-00001'))
    .write('backup/weights-epoch3', fixture('savedmodel/variables/variables.index')) // another bundle's index, renamed
    .write('training/checkpoint', 'model_checkpoint_path: "ckpt-1"\nall_model_checkpoint_paths: "ckpt-1"\n')
    .commit('Save the training checkpoint')
})

afterAll(() => cleanup(root))

describe('a TensorFlow checkpoint outside a SavedModel', () => {
  it('is reported and blocks (unknown provenance); the checkpoint state file stays quiet', async () => {
    const result = await cli(repo.dir, ['scan', '--all', '--format', 'json'])
    const report = JSON.parse(result.stdout) as ScanReport
    const found = report.findings.map((f) => [f.path, f.format, f.kind, f.verdict])
    expect(found.sort()).toEqual([
      ['backup/weights-epoch3', 'tf-checkpoint', 'weights', 'block'],
      ['training/ckpt-1.data-00000-of-00001', 'tf-checkpoint', 'weights', 'block'],
      ['training/ckpt-1.index', 'tf-checkpoint', 'weights', 'block']
    ])
    expect(result.code).toBe(1)
  })
})
