import { rmSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'

import { datasetsOf, findingFor, freshRepoForEachTest, model, repo, scanJson } from './helpers.js'

freshRepoForEachTest()

// A two-stage project as `dvc stage add` and `dvc repro` write it: prepare → train.
const DVC_YAML = `stages:
  prepare:
    cmd: python src/prepare.py data/ukbb/visits.csv data/prepared
    deps:
    - data/ukbb/visits.csv
    - src/prepare.py
    outs:
    - data/prepared
  train:
    cmd: python src/train.py data/prepared models/risk.safetensors
    deps:
    - data/prepared
    - src/train.py
    params:
    - train.epochs
    outs:
    - models/risk.safetensors
`

const DVC_LOCK = `schema: '2.0'
stages:
  prepare:
    cmd: python src/prepare.py data/ukbb/visits.csv data/prepared
    deps:
    - path: data/ukbb/visits.csv
      hash: md5
      md5: 3f2a8b4c0d6e1f2a3b4c5d6e7f8091a2
      size: 104857
    - path: src/prepare.py
      hash: md5
      md5: 9b1c2d3e4f5a6b7c8d9e0f1a2b3c4d77
      size: 2048
    outs:
    - path: data/prepared
      hash: md5
      md5: 5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b.dir
      size: 40960
      nfiles: 2
  train:
    cmd: python src/train.py data/prepared models/risk.safetensors
    deps:
    - path: data/prepared
      hash: md5
      md5: 5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b.dir
      size: 40960
      nfiles: 2
    - path: src/train.py
      hash: md5
      md5: 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d
      size: 3072
    params:
      params.yaml:
        train.epochs: 10
    outs:
    - path: models/risk.safetensors
      hash: md5
      md5: 7d4e5f6a7b8c9d0e1f2a3b4c5d6e7f0a
      size: 1024
`

function dvcProject(): void {
  repo.write('dvc.yaml', DVC_YAML).write('dvc.lock', DVC_LOCK).write('params.yaml', 'train:\n  epochs: 10\n')
  repo.write('src/prepare.py', 'print("prepare")\n').write('src/train.py', 'print("train")\n')
  repo.write('data/.gitignore', '/ukbb\n/prepared\n').write('.dvc/config', '')
  repo.write('models/risk.safetensors', model('risk'))
}

describe('dvc source', () => {
  test('the model stage, through the stage that produced its input, to a dataset under paths', async () => {
    dvcProject()
    repo.commit('dvc repro')
    const { code, report } = await scanJson(repo)
    const finding = findingFor(report, 'models/risk.safetensors')
    expect(code).toBe(1)
    expect(datasetsOf(finding)).toEqual(['ukbb:dvc'])
    expect(finding.reasons).toEqual(['trained on ukbb (restricted)'])
  })

  test('dvc.yaml alone is enough', async () => {
    dvcProject()
    rmSync(`${repo.dir}/dvc.lock`)
    repo.commit('no lock yet')
    const { report } = await scanJson(repo)
    expect(datasetsOf(findingFor(report, 'models/risk.safetensors'))).toEqual(['ukbb:dvc'])
  })

  test('conflicting sources: card says public, DVC says restricted → blocked, both listed', async () => {
    dvcProject()
    repo.write('models/README.md', '---\ndatasets: [cifar10]\n---\n')
    repo.commit('add')
    const { code, report } = await scanJson(repo)
    const finding = findingFor(report, 'models/risk.safetensors')
    expect(code).toBe(1)
    expect(datasetsOf(finding)).toEqual(['cifar10:model-card', 'ukbb:dvc'])
    expect(finding.verdict).toBe('block')
  })

  test('a data dep under no dataset paths is an unregistered dataset; code and params are not', async () => {
    repo.write(
      'dvc.yaml',
      'stages:\n  train:\n    cmd: python train.py\n    deps: [data/other.csv, train.py, config]\n    outs: [model.safetensors]\n'
    )
    repo.write('model.safetensors', model('m')).write('train.py', '')
    repo.commit('add')
    const { report } = await scanJson(repo)
    const finding = findingFor(report, 'model.safetensors')
    expect(finding.datasets).toEqual([
      { id: 'data/other.csv', label: null, source: 'dvc', registered: false, status: 'unregistered' }
    ])
    expect(finding.reasons[0]).toMatch(/unregistered dataset "data\/other\.csv"/)
  })

  test('stage paths are relative to the dvc.yaml folder and wdir; an external dep matches uris', async () => {
    const yaml =
      'stages:\n  train:\n    wdir: ..\n    cmd: python train.py\n    deps: [s3://lab-bucket/ukbb/2023/visits.parquet]\n    outs: [models/m.safetensors]\n'
    repo.write('pipelines/dvc.yaml', yaml).write('models/m.safetensors', model('m'))
    repo.commit('add')
    const { report } = await scanJson(repo)
    // pipelines/ is not on the model's folder path: nothing found.
    expect(findingFor(report, 'models/m.safetensors').datasets).toEqual([])
    repo.write('models/dvc.yaml', yaml) // wdir .. makes models/m.safetensors a repository-root path again
    repo.write('models/m.safetensors', model('m2'))
    repo.commit('move the pipeline next to the model')
    const second = await scanJson(repo, ['HEAD~1..HEAD'])
    expect(datasetsOf(findingFor(second.report, 'models/m.safetensors'))).toEqual(['ukbb:dvc'])
  })

  test('a malformed dvc.lock that mentions the model is an unreadable claim', async () => {
    repo.write('dvc.lock', "schema: '2.0'\nstages:\n  train:\n    outs:\n    - path: model.safetensors\n   md5: [\n")
    repo.write('model.safetensors', model('m'))
    repo.commit('add')
    const { code, report } = await scanJson(repo)
    expect(code).toBe(1)
    expect(findingFor(report, 'model.safetensors').datasets.map((d) => d.id)).toEqual(['unreadable: dvc.lock'])
  })
})

// `dvc repro` of a templated stage writes one lock entry per value (`train@a`); its paths are relative to `do.wdir`.
const lockEntry = (name: string, dep: string, out: string): string =>
  `  ${name}:\n    cmd: python train.py\n    deps:\n    - path: ${dep}\n      md5: 3f2a8b4c0d6e1f2a3b4c5d6e7f8091a2\n    - path: train.py\n      md5: 9b1c2d3e4f5a6b7c8d9e0f1a2b3c4d77\n    outs:\n    - path: ${out}\n      md5: 7d4e5f6a7b8c9d0e1f2a3b4c5d6e7f0a\n`

describe('dvc templated stages', () => {
  test('foreach: dvc.lock entries train@a take do.wdir; a public card does not hide the restricted input', async () => {
    const yaml =
      'stages:\n  train:\n    foreach: [a, b]\n    do:\n      wdir: training\n      cmd: python train.py ${item}\n      deps:\n      - ../data/ukbb/${item}.csv\n      - train.py\n      outs:\n      - out/model-${item}.safetensors\n'
    const lock = `schema: '2.0'\nstages:\n${lockEntry('train@a', '../data/ukbb/a.csv', 'out/model-a.safetensors')}${lockEntry('train@b', '../data/ukbb/b.csv', 'out/model-b.safetensors')}`
    repo.write('dvc.yaml', yaml).write('dvc.lock', lock).write('training/train.py', '')
    repo
      .write('training/out/model-a.safetensors', model('a'))
      .write('training/out/README.md', '---\ndatasets: [cifar10]\n---\n')
    repo.commit('dvc repro')
    const { code, report } = await scanJson(repo)
    const finding = findingFor(report, 'training/out/model-a.safetensors')
    expect(code).toBe(1)
    expect(datasetsOf(finding)).toEqual(['cifar10:model-card', 'ukbb:dvc'])
    expect(finding.verdict).toBe('block')
  })

  test('foreach: ${item} in do.wdir (a list) and ${key} (a dict) are filled in from the lock name', async () => {
    const yaml = (foreach: string, wdir: string): string =>
      `stages:\n  train:\n    foreach: ${foreach}\n    do:\n      wdir: ${wdir}\n      cmd: python train.py\n      deps: [../../data/ukbb/v.csv]\n      outs: [model.safetensors]\n`
    const lock = `schema: '2.0'\nstages:\n${lockEntry('train@uk', '../../data/ukbb/v.csv', 'model.safetensors')}`
    repo.write('dvc.yaml', yaml('[uk, us]', 'sites/${item}')).write('dvc.lock', lock)
    repo.write('sites/uk/model.safetensors', model('uk'))
    repo.write('dicts/dvc.yaml', yaml('{uk: {epochs: 3}}', '${key}')).write('dicts/dvc.lock', lock)
    repo.write('dicts/uk/model.safetensors', model('dict-uk'))
    repo.commit('dvc repro')
    const { report } = await scanJson(repo)
    expect(datasetsOf(findingFor(report, 'sites/uk/model.safetensors'))).toEqual(['ukbb:dvc'])
    // dicts/dvc.yaml's wdir is relative to dicts/: ../../data from dicts/uk is data/.
    expect(datasetsOf(findingFor(report, 'dicts/uk/model.safetensors'))).toEqual(['ukbb:dvc'])
  })

  test('matrix: lock entries train@<values> take the stage wdir', async () => {
    const yaml =
      'stages:\n  train:\n    matrix:\n      site: [uk, us]\n      arch: [cnn]\n    wdir: training\n    cmd: python train.py\n    deps:\n    - ../data/ukbb/${item.site}.csv\n    outs:\n    - out/${item.site}-${item.arch}.safetensors\n'
    const lock = `schema: '2.0'\nstages:\n${lockEntry('train@uk-cnn', '../data/ukbb/uk.csv', 'out/uk-cnn.safetensors')}`
    repo.write('dvc.yaml', yaml).write('dvc.lock', lock).write('training/out/uk-cnn.safetensors', model('uk-cnn'))
    repo.commit('dvc repro')
    const { report } = await scanJson(repo)
    expect(datasetsOf(findingFor(report, 'training/out/uk-cnn.safetensors'))).toEqual(['ukbb:dvc'])
  })
})
