import { describe, expect, test } from '@jest/globals'
import { cli } from '../helpers/repo.js'
import { card, datasetsOf, findingFor, freshRepoForEachTest, model, repo, scanJson } from './helpers.js'

freshRepoForEachTest()

describe('lineage reads a parent as of the commit that last changed it', () => {
  test("the parent's introducing commit trailer is inherited: a fine-tune of a ukbb base is blocked", async () => {
    repo.write('base/b.safetensors', model('base'))
    repo.commit('Add the base model\n\nTrained-on: ukbb')
    repo
      .write('ft/f.safetensors', model('ft'))
      .write('ft/README.md', card('base_model: base/b.safetensors\ndatasets: [cifar10]\n'))
    repo.commit('Add the fine-tune')
    const { code, report } = await scanJson(repo)
    expect(findingFor(report, 'base/b.safetensors').verdict).toBe('block')
    const ft = findingFor(report, 'ft/f.safetensors')
    expect(code).toBe(1)
    expect(ft.verdict).toBe('block')
    expect(datasetsOf(ft)).toEqual(['cifar10:model-card', 'ukbb:lineage'])
  })

  test("the parent's card as of its own commit counts, and so does its card at the child's commit (a union)", async () => {
    repo.write('base/b.safetensors', model('base')).write('base/README.md', card('datasets: [ukbb]\n'))
    repo.commit('Add the base model')
    repo.write('base/README.md', card('datasets: [cifar10]\n'))
    repo.write('ft/f.safetensors', model('ft')).write('ft/README.md', card('base_model: base/b.safetensors\n'))
    repo.commit('Add the fine-tune, and reword the base card')
    const { report } = await scanJson(repo)
    const ft = findingFor(report, 'ft/f.safetensors')
    expect(ft.verdict).toBe('block')
    expect(ft.datasets.map((d) => d.id).sort()).toEqual(['cifar10', 'ukbb'])
  })

  test('a parent card added after the parent still counts; transitive parents keep their own commits', async () => {
    repo.write('a/a.safetensors', model('a'))
    repo.commit('Add a\n\nTrained-on: ukbb')
    repo.write('b/b.safetensors', model('b')).write('b/README.md', card('base_model: a/a.safetensors\n'))
    repo.commit('Add b')
    repo.write('a/README.md', card('datasets: [uk-biobank-extra]\n'))
    repo.write('c/c.safetensors', model('c')).write('c/README.md', card('base_model: b/b.safetensors\n'))
    repo.commit('Add c, document a')
    const { report } = await scanJson(repo)
    expect(
      findingFor(report, 'c/c.safetensors')
        .datasets.map((d) => d.id)
        .sort()
    ).toEqual(['uk-biobank-extra', 'ukbb'])
  })

  test("explain names the parent's commit and the trailer it inherited", async () => {
    repo.write('base/b.safetensors', model('base'))
    repo.commit('Add the base model\n\nTrained-on: ukbb')
    repo.write('ft/f.safetensors', model('ft')).write('ft/README.md', card('base_model: base/b.safetensors\n'))
    repo.commit('Add the fine-tune')
    const { code, stdout } = await cli(repo.dir, ['explain', 'ft/f.safetensors'])
    expect(code).toBe(1)
    expect(stdout).toMatch(
      /^ {4}ft\/README\.md:2: parent base\/b\.safetensors \(file, last changed in commit [0-9a-f]{12}\): inherits ukbb$/m
    )
    expect(stdout).toMatch(
      /^ {2}ukbb {2}from lineage {2}commit [0-9a-f]{12}:3 {2}\(via ft\/f\.safetensors → base\/b\.safetensors \(trailer: Trained-on trailer\)\)$/m
    )
  })
})
