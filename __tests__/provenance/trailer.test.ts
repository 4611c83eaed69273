import { describe, expect, test } from '@jest/globals'
import { trainedOnTrailers } from '../../src/provenance/trailer.js'

import { datasetsOf, findingFor, freshRepoForEachTest, model, repo, scanJson } from './helpers.js'

describe('Trained-on trailers (parsing)', () => {
  test('several lines, several names, any case, folded continuation', () => {
    const message =
      'Add model\n\nBody text.\n\nTrained-on: ukbb, cifar10\ntrained-ON: extra\nSigned-off-by: A <a@b>\nTrained-on: first,\n  second\n'
    expect(trainedOnTrailers(message)).toEqual([
      { line: 5, names: ['ukbb', 'cifar10'] },
      { line: 6, names: ['extra'] },
      { line: 8, names: ['first', 'second'] }
    ])
    expect(trainedOnTrailers('Trained on ukbb, in prose\n')).toEqual([])
  })
})

describe('trailer source', () => {
  freshRepoForEachTest()

  test('trailers on the introducing commit are claims; a later commit does not speak for it', async () => {
    repo.write('models/a.safetensors', model('a'))
    repo.commit('Add model a\n\nTrained-on: ukbb, cifar10\nTRAINED-ON: uk-biobank')
    repo.write('models/b.safetensors', model('b'))
    repo.commit('Add model b\n\nTrained-on: cifar10')
    const { code, report } = await scanJson(repo)
    expect(code).toBe(1)
    expect(datasetsOf(findingFor(report, 'models/a.safetensors'))).toEqual(['cifar10:trailer', 'ukbb:trailer'])
    expect(datasetsOf(findingFor(report, 'models/b.safetensors'))).toEqual(['cifar10:trailer'])
    expect(findingFor(report, 'models/b.safetensors').verdict).toBe('pass')
  })
})
