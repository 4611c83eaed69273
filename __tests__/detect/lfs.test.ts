// Git LFS with the real `git lfs`: a stored object is judged by its content like a blob, in every
// mode; a pointer whose object is absent is judged by its name before a push (only obvious
// non-models pass), and is a finding whatever its name in CI (policy.lfs_absent relaxes it).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Finding, ScanReport } from '../../src/types.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import { fixture } from './helpers.js'

const REGISTRY = `version: 1
datasets:
  - { id: clinic, label: restricted }
labels:
  - { name: restricted, block: true }
models:
  - { path: "declared/**", trained_on: [clinic] }
`

async function findings(
  dir: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {}
): Promise<Record<string, string>> {
  const result = await cli(dir, ['scan', '--format', 'json', ...args], '', env)
  if (!result.stdout) throw new Error(result.stderr)
  const report = JSON.parse(result.stdout) as ScanReport
  const summary: Record<string, string> = {}
  for (const f of report.findings as Finding[])
    summary[f.member ? `${f.path}!${f.member}` : f.path] = `${f.format}/${f.kind}`
  return summary
}

describe('Git LFS', () => {
  let root: string
  let repo: TestRepo
  let objects: string
  let remote: string

  beforeAll(() => {
    root = tempDir()
    repo = TestRepo.init(join(root, 'repo'))
    repo.git('lfs', 'install', '--local')
    repo.git('lfs', 'track', '*.bin', '*.tar.gz', '*.png', 'blob', '*.nemo', '*.csv')
    repo
      .write('.model-registry.yml', REGISTRY)
      .write('models/knn.bin', fixture('knn_p4.pkl'))
      .write('models/release.tar.gz', fixture('bundle.tar.gz'))
      .write('models/blob', fixture('hnsw.faiss'))
      .write('models/asr.nemo', fixture('bundle.tar'))
      .write('docs/photo.png', fixture('clean/photo.jpg'))
      .write('assets/figure.png', fixture('knn_p5.pkl')) // a model named as an image
      .write('docs/figure.png', fixture('polyglot/keras_after.png')) // a Keras zip after 77 KB of PNG
      .write('data/table.csv', fixture('corpus/results.csv'))
      .write('declared/embeddings.npy', fixture('clean/numbers.npy'))
      .write('declared/README.md', '# embeddings of the clinic notes\n')
    repo.commit('models in LFS')
    objects = join(repo.dir, '.git', 'lfs', 'objects')
    remote = TestRepo.bare(join(root, 'remote.git')).dir
  })

  afterAll(() => cleanup(root))

  it('the blobs in git are pointers', () => {
    expect(repo.git('cat-file', '-p', 'HEAD:models/knn.bin')).toMatch(
      /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n/
    )
  })

  it('with the objects stored locally, each is judged by its content', async () => {
    expect(await findings(repo.dir)).toEqual({
      'models/knn.bin': 'pickle/knn-index',
      'assets/figure.png': 'pickle/knn-index',
      'models/release.tar.gz!models/knn.pkl': 'pickle/knn-index',
      'models/release.tar.gz!models/net.pt': 'pytorch/weights',
      'models/release.tar.gz!models/meta.onnx': 'onnx/weights',
      'models/blob': 'faiss/knn-index',
      'docs/figure.png': 'keras/weights',
      'models/asr.nemo!models/knn.pkl': 'pickle/knn-index',
      'models/asr.nemo!models/net.pt': 'pytorch/weights',
      'models/asr.nemo!models/meta.onnx': 'onnx/weights',
      'declared/embeddings.npy': 'declared/unknown'
    })
  })

  it('the finding says its content came from the LFS object', async () => {
    const result = await cli(repo.dir, ['scan', '--format', 'json'])
    const knn = (JSON.parse(result.stdout) as ScanReport).findings.find((f) => f.path === 'models/knn.bin')
    expect(knn?.detail.lfs).toMatchObject({
      contentInRepo: false,
      contentRead: true,
      size: fixture('knn_p4.pkl').length
    })
  })

  it('the text report says how many training records a k-NN model keeps', async () => {
    const result = await cli(repo.dir, ['scan'])
    expect(result.stdout).toMatch(
      /models\/knn\.bin {2}\[pickle, knn-index\][^\n]*\n {6}datasets: [^\n]*\n {6}stores: 12 training records of dimension 3 verbatim\n/
    )
  })

  it('lfs.storage pointing elsewhere is followed', async () => {
    const elsewhere = join(root, 'lfs-elsewhere')
    mkdirSync(elsewhere)
    renameSync(objects, join(elsewhere, 'objects'))
    try {
      repo.git('config', 'lfs.storage', elsewhere)
      expect((await findings(repo.dir))['models/knn.bin']).toBe('pickle/knn-index')
    } finally {
      repo.git('config', '--unset', 'lfs.storage')
      renameSync(join(elsewhere, 'objects'), objects)
    }
  })

  it('an object whose size is not the pointer size is not that object', async () => {
    const copy = join(root, 'objects-copy')
    cpSync(objects, copy, { recursive: true })
    const oid = /oid sha256:([0-9a-f]{64})/.exec(repo.git('cat-file', '-p', 'HEAD:models/knn.bin'))?.[1] as string
    writeFileSync(join(objects, oid.slice(0, 2), oid.slice(2, 4), oid), 'short')
    try {
      expect((await findings(repo.dir))['models/knn.bin']).toBe('lfs-pointer/weights')
    } finally {
      cleanup(objects)
      renameSync(copy, objects)
    }
  })

  it('with the objects stored locally, CI and pre-push judge them by their content too', async () => {
    expect(await findings(repo.dir, [], { CI: 'true' })).toEqual(await findings(repo.dir))
    const result = await prePush()
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('BLOCK assets/figure.png  [pickle, knn-index]')
  })

  it('without the objects: model names give the kind, other names are unknown, images and text pass', async () => {
    await withoutObjects(async () => {
      expect(await findings(repo.dir)).toEqual({
        'models/knn.bin': 'lfs-pointer/weights',
        'models/release.tar.gz': 'lfs-pointer/unknown',
        'models/blob': 'lfs-pointer/unknown',
        'models/asr.nemo': 'lfs-pointer/unknown',
        'declared/embeddings.npy': 'declared/unknown'
      })
      // Before a push the object is normally on this machine: absent, its name decides (docs/formats.md).
      expect((await prePush()).stderr).not.toContain('assets/figure.png')
    })
  })

  it('without the objects in CI, every pointer is a finding whatever its name, with its oid and size', async () => {
    await withoutObjects(async () => {
      expect(await findings(repo.dir, [], { CI: 'true' })).toEqual({
        'models/knn.bin': 'lfs-pointer/weights',
        'models/release.tar.gz': 'lfs-pointer/unknown',
        'models/blob': 'lfs-pointer/unknown',
        'models/asr.nemo': 'lfs-pointer/unknown',
        'docs/photo.png': 'lfs-pointer/unknown',
        'assets/figure.png': 'lfs-pointer/unknown',
        'docs/figure.png': 'lfs-pointer/unknown',
        'data/table.csv': 'lfs-pointer/unknown',
        'declared/embeddings.npy': 'declared/unknown'
      })
      const text = await cli(repo.dir, ['scan'], '', { CI: 'true' })
      const oid = /oid (sha256:[0-9a-f]{64})/.exec(repo.git('cat-file', '-p', 'HEAD:assets/figure.png'))?.[1]
      expect(text.stdout).toContain(`BLOCK assets/figure.png  [lfs-pointer, unknown]`)
      expect(text.stdout).toContain(`lfs object: ${oid}, ${fixture('knn_p5.pkl').length} bytes.`)
    })
  })

  it('policy.lfs_absent: by-name lets CI judge an absent object by its name, as before a push', async () => {
    const relaxed = join(root, 'relaxed.yml')
    writeFileSync(relaxed, `${REGISTRY}policy:\n  lfs_absent: by-name\n`)
    await withoutObjects(async () => {
      const inCi = await findings(repo.dir, ['--registry', relaxed], { CI: 'true' })
      expect(inCi).toEqual(await findings(repo.dir, ['--registry', relaxed]))
      expect(inCi['assets/figure.png']).toBeUndefined()
    })
  })

  /** The pre-push hook for a push of main to a new, empty remote, judged by the committed registry. */
  function prePush(): ReturnType<typeof cli> {
    const refLine = `refs/heads/main ${repo.head()} refs/heads/main ${'0'.repeat(40)}\n`
    return cli(repo.dir, ['pre-push', '--registry', '.model-registry.yml', 'origin', remote], refLine)
  }

  async function withoutObjects(check: () => Promise<void>): Promise<void> {
    const away = join(root, 'objects-away')
    renameSync(objects, away)
    try {
      await check()
    } finally {
      renameSync(away, objects)
    }
  }
})
