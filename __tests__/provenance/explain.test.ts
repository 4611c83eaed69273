import { describe, expect, test } from '@jest/globals'
import { cli } from '../helpers/repo.js'
import { freshRepoForEachTest, model, registryYaml, repo, root } from './helpers.js'

freshRepoForEachTest()

describe('model-leak-guard explain PATH [REV]', () => {
  test('a blocked fine-tune: every source with file:line, the datasets, the deciding rule and the fixes', async () => {
    repo
      .write('models/base/model.safetensors', model('base'))
      .write('models/base/README.md', '---\nlicense: mit\ndatasets:\n  - ukbb\n---\n')
    repo
      .write('models/ft/model.safetensors', model('ft'))
      .write('models/ft/README.md', '---\nbase_model: models/base\ndatasets: [cifar10]\n---\n')
    repo.commit('Add models\n\nTrained-on: cifar10')
    const { code, stdout } = await cli(repo.dir, ['explain', 'models/ft/model.safetensors'])
    expect(code).toBe(1)
    expect(stdout).toMatch(
      /^models\/ft\/model\.safetensors in the working tree \(blob [0-9a-f]{12}, last changed in commit [0-9a-f]{12}\)$/m
    )
    expect(stdout).toMatch(/^detected: format safetensors, kind weights$/m)
    expect(stdout).toMatch(
      /^ {2}registry:\n {4}no models\[\] entry in \.model-registry\.yml matches models\/ft\/model\.safetensors$/m
    )
    expect(stdout).toMatch(/^ {4}models\/ft\/README\.md:2: base_model: models\/base$/m)
    expect(stdout).toMatch(/^ {4}models\/ft\/README\.md:3: datasets: cifar10$/m)
    expect(stdout).toMatch(/^ {2}dvc:\n {4}no dvc\.yaml or dvc\.lock in models\/ft, models, \.$/m)
    expect(stdout).toMatch(/^ {4}commit [0-9a-f]{12}:3: Trained-on: cifar10$/m)
    expect(stdout).toMatch(/^ {4}models\/ft\/README\.md:2: parent models\/base \(model folder\): inherits ukbb$/m)
    expect(stdout).toMatch(
      /^ {2}ukbb {2}from lineage {2}models\/base\/README\.md:4 {2}\(via models\/ft\/model\.safetensors → models\/base \(model-card: datasets: in the model card\)\)$/m
    )
    expect(stdout).toMatch(/^ {2}ukbb {2}\(label restricted, blocks; first named by lineage\)$/m)
    expect(stdout).toMatch(/^verdict: BLOCK\n {2}rule: trained on ukbb \(restricted\)\n {2}fix: /m)
  })

  test('says which folders it searched when a source found nothing', async () => {
    repo.write('models/risk/model.safetensors', model('risk'))
    repo.commit('add')
    const { code, stdout } = await cli(repo.dir, ['explain', 'models/risk/model.safetensors', 'HEAD'])
    expect(code).toBe(1)
    expect(stdout).toContain('model-card:\n    no README.md with front matter found in models/risk, models, .')
    expect(stdout).toMatch(/rule: unknown provenance: no source says what it was trained on/)
  })

  test('passes (exit 0) for a public model; -C and a relative REV work', async () => {
    repo.write('models/m.safetensors', model('m')).write('models/README.md', '---\ndatasets: [cifar10]\n---\n')
    repo.commit('add')
    repo.write('notes.txt', 'later').commit('later')
    const { code, stdout } = await cli(root, ['explain', '-C', 'repo', 'models/m.safetensors', 'HEAD~1'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^verdict: PASS$/m)
  })

  test('not a model: says so, exit 0; a path not in REV: exit 2', async () => {
    repo.write('notes.txt', 'hello').commit('add')
    const notModel = await cli(repo.dir, ['explain', 'notes.txt'])
    expect(notModel.code).toBe(0)
    expect(notModel.stdout).toMatch(/not a model artifact/)
    const missing = await cli(repo.dir, ['explain', 'models/none.pt'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/models\/none\.pt is not in the working tree/)
    const notInRev = await cli(repo.dir, ['explain', 'models/none.pt', 'HEAD'])
    expect(notInRev.stderr).toMatch(/models\/none\.pt is not in HEAD/)
  })
})

describe('explain and scan judge the same bytes the same way', () => {
  test('the same bytes at a public-card path and a restricted-card path block in explain as in scan', async () => {
    const bytes = model('shared')
    repo
      .write('models/a/model.safetensors', bytes)
      .write('models/a/README.md', '---\ndatasets: [cifar10]\n---\n')
      .write('models/b/model.safetensors', bytes)
      .write('models/b/README.md', '---\ndatasets: [ukbb]\n---\n')
    repo.commit('add')
    const { code, stdout } = await cli(repo.dir, ['explain', 'models/a/model.safetensors'])
    expect(code).toBe(1)
    expect(stdout).toContain('the same bytes are also at models/b/model.safetensors: judged by what every path says')
    expect(stdout).toMatch(/^provenance of models\/b\/model\.safetensors \(files as in commit [0-9a-f]{12}\):$/m)
    expect(stdout).toMatch(/^verdict: BLOCK\n {2}rule: trained on ukbb \(restricted\)$/m)
  })

  test('a path artifacts.exclude covers is not inspected, as in scan', async () => {
    repo.write('.model-registry.yml', registryYaml('artifacts:\n  exclude: ["vendor/**"]\n'))
    repo.write('vendor/m.safetensors', model('vendored')).commit('add')
    const { code, stdout } = await cli(repo.dir, ['explain', 'vendor/m.safetensors'])
    expect(code).toBe(0)
    expect(stdout).toContain('not inspected: artifacts.exclude in .model-registry.yml covers every path of these bytes')
  })
})

describe('explain without REV reads the working tree', () => {
  test('a staged model and an untracked one, with the cards as they are on disk; the repository is not written to', async () => {
    repo.commit('Add the registry')
    repo
      .write('models/staged.safetensors', model('staged'))
      .write('models/README.md', '---\ndatasets: [cifar10]\n---\n')
    repo.git('add', 'models')
    repo.write('models/README.md', '---\ndatasets: [ukbb]\n---\n') // edited again, not staged
    repo.write('scratch/untracked.safetensors', model('untracked')).write('.gitignore', 'scratch/\n')
    const objectsBefore = repo.git('count-objects', '-v')
    const indexBefore = repo.read('.git/index')

    const staged = await cli(repo.dir, ['explain', 'models/staged.safetensors'])
    expect(staged.stdout).toMatch(
      /^models\/staged\.safetensors in the working tree \(blob [0-9a-f]{12}, not committed yet\)$/m
    )
    expect(staged.stdout).toContain('provenance (files as in the working tree):')
    expect(staged.stdout).toMatch(/^ {4}models\/README\.md:2: datasets: ukbb$/m)
    expect(staged.stdout).toMatch(/^verdict: BLOCK\n {2}rule: trained on ukbb \(restricted\)$/m)
    expect(staged.code).toBe(1)

    const ignored = await cli(repo.dir, ['explain', 'scratch/untracked.safetensors'])
    expect(ignored.stdout).toMatch(/^scratch\/untracked\.safetensors in the working tree .*not committed yet\)$/m)
    expect(ignored.stdout).toMatch(/^verdict: BLOCK\n {2}rule: unknown provenance/m)

    expect(repo.git('count-objects', '-v')).toBe(objectsBefore)
    expect(repo.read('.git/index').equals(indexBefore)).toBe(true)
    expect(repo.git('status', '--porcelain')).toBe('AM models/README.md\nA  models/staged.safetensors\n?? .gitignore\n')
  })
})
