// Every model fixture is found by its content alone: under a neutral name (no extension, no
// folder) it gives the same findings as under its own name. The few formats that are defined by
// their path (Annoy has no header, TensorFlow data shards, Darknet weights, a SavedModel's own
// variables, Git LFS pointers) are listed and skipped.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { detectFixture, summary } from './helpers.js'

const ROOT = fileURLToPath(new URL('../fixtures/models/', import.meta.url))
// Known by their path by design; bombs are exercised by `npm run bench:bombs`, not here.
const BY_PATH =
  /^(tiny\.ann|savedmodel\/variables\/|tf\/.*\.data-|darknet\/|lfs\/|bomb|README\.md|corpus\/manifest\.tsv|tolerant\/encrypted\.zip)/

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [relative(ROOT, path)]
  })
}

const MODELS = files(ROOT)
  .filter((name) => !BY_PATH.test(name))
  .sort()

describe('every fixture gives the same findings under a neutral name', () => {
  it.each(MODELS)('%s', async (name) => {
    const named = summary(await detectFixture(name))
    const neutral = summary(await detectFixture(name, { path: 'neutral' }))
    expect(neutral).toEqual(named)
  })

  it('covers the fixtures', () => {
    expect(MODELS.length).toBeGreaterThan(150)
  })
})
