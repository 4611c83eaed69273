// Property tests for the registry loader: whatever the bytes, parsing ends in a Registry or a
// RegistryError whose every line is FILE:LINE:COL, never an uncaught throw of any other kind.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { stringify } from 'yaml'
import { parseRegistry, RegistryError } from '../../src/registry/load.js'
import { type Registry } from '../../src/registry/registry.js'
import { parseBaseline } from '../../src/registry/baseline.js'

const FILE = 'reg.yml'
const POSITIONED = /^reg\.yml:\d+:\d+ /

const VALID = `version: 1
labels:
  - { name: public }
  - { name: internal, block: [knn-index], allowed_destinations: [private] }
  - { name: restricted, block: true, dp_max_epsilon: 2 }
datasets:
  - { id: ukbb, label: restricted, aliases: [uk-biobank], paths: ["data/ukbb/**"] }
  - { id: cifar, label: public }
models:
  - { path: "models/**", trained_on: [ukbb], privacy: { mechanism: dp-sgd, epsilon: 1, delta: 0.00001 } }
policy: { unknown_provenance: warn, data_pickles: warn, mode: enforce }
waivers:
  - { blob: 0123456789abcdef000000000000000000000000, reason: audit, approved_by: alice, expires: 2030-01-01 }
`

/** The outcome of parsing: 'ok', or the error lines; anything else thrown fails the property. */
function outcome(parse: (text: string) => unknown, text: string): 'ok' | string[] {
  try {
    parse(text)
    return 'ok'
  } catch (error) {
    if (error instanceof RegistryError) return error.message.split('\n')
    throw error
  }
}

function everyLinePositioned(result: 'ok' | string[]): boolean {
  return result === 'ok' || (result.length > 0 && result.every((line) => POSITIONED.test(line)))
}

const registry = (text: string): Registry => parseRegistry(text, FILE)
const baseline = (text: string): unknown => parseBaseline(text, FILE)

/** A valid registry with a slice removed, replaced or repeated. */
const mutated = fc
  .tuple(fc.nat(VALID.length), fc.nat(40), fc.string({ maxLength: 12 }), fc.boolean())
  .map(([at, length, insert, repeat]) =>
    repeat
      ? VALID.slice(0, at) + VALID.slice(at, at + length).repeat(3) + VALID.slice(at + length)
      : VALID.slice(0, at) + insert + VALID.slice(at + length)
  )

const KEYS = [
  'version',
  'labels',
  'datasets',
  'models',
  'policy',
  'artifacts',
  'waivers',
  'name',
  'block',
  'id',
  'label'
]
/** Documents with the registry's own keys and values of any shape under them. */
const shaped = fc
  .dictionary(fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 })
  .map((doc) => stringify({ version: 1, ...doc }))

describe('the registry loader never throws anything but a positioned RegistryError', () => {
  it('for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) =>
        everyLinePositioned(outcome(registry, text))
      ),
      {
        numRuns: 300
      }
    )
  })

  it('for a valid registry mutated', () => {
    fc.assert(
      fc.property(mutated, (text) => everyLinePositioned(outcome(registry, text))),
      { numRuns: 300 }
    )
  })

  it('for YAML shaped like a registry with values of any type', () => {
    fc.assert(
      fc.property(shaped, (text) => everyLinePositioned(outcome(registry, text))),
      { numRuns: 300 }
    )
  })

  it('for any date-like text where a date goes (an impossible day once threw RangeError)', () => {
    const dates = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
        .map(
          ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
        ),
      fc.string({ maxLength: 12 })
    )
    fc.assert(
      fc.property(dates, (date) => {
        const waiver = `version: 1\nwaivers:\n  - { blob: 0123456789abcccccccccccccccccccccccccccc, reason: r, approved_by: a, expires: ${JSON.stringify(date)} }\n`
        const recorded = `version: 1\nrecorded: ${JSON.stringify(date)}\nartifacts: []\n`
        return everyLinePositioned(outcome(registry, waiver)) && everyLinePositioned(outcome(baseline, recorded))
      }),
      { numRuns: 300 }
    )
  })

  it('for the baseline file too', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), shaped), (text) =>
        everyLinePositioned(outcome(baseline, text))
      ),
      { numRuns: 200 }
    )
  })

  it('and the unmutated registry is read (the properties are not true of nothing)', () => {
    expect(outcome(registry, VALID)).toBe('ok')
    expect(outcome(registry, 'version: 2\n')).toEqual([`${FILE}:1:10 version: expected one of 1, got 2`])
  })
})
