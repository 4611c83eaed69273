// Every sample of the shared corpus (copied into fixtures/models/corpus) is classified as its manifest says.
import { describe, expect, it } from '@jest/globals'
import { detectFixture, fixture } from './helpers.js'

const rows = fixture('corpus/manifest.tsv')
  .toString('utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))

describe('corpus manifest', () => {
  it('has every sample', () => {
    expect(rows.length).toBeGreaterThanOrEqual(23)
  })

  it.each(rows.filter(([, expect]) => expect === 'model'))('%s is a model (%s, %s: %s)', async (name, _e, kind) => {
    const found = await detectFixture(`corpus/${name}`)
    if (kind === 'archive') {
      expect(found.some((d) => d.member !== null && d.kind !== 'unknown')).toBe(true)
    } else {
      expect(found).toHaveLength(1)
      expect(found[0]).toMatchObject({ member: null, kind })
    }
  })

  it.each(rows.filter(([, expect]) => expect === 'clean'))('%s stays quiet (%s: %s)', async (name) => {
    expect(await detectFixture(`corpus/${name}`)).toEqual([])
  })
})
