// Validates SARIF against the official OASIS 2.1.0 schema (errata01), kept as a fixture.
// The schema is draft-04; it uses no keyword whose meaning changed since, so Ajv's default
// draft-07 validator checks it once `id` is spelled `$id` and the draft-04 `$schema` dropped.
import { expect } from '@jest/globals'
import { Ajv } from 'ajv'
import addFormatsPlugin from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const SCHEMA_FILE = resolve(import.meta.dirname, '../fixtures/action/sarif-schema-2.1.0.json')

function compileSchema(): (data: unknown) => boolean {
  const { $schema: _draft04, id, ...schema } = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>
  const ajv = new Ajv({ allErrors: true, strict: false })
  const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv
  addFormats(ajv)
  const validate = ajv.compile({ ...schema, $id: id as string })
  return (data) => {
    const valid = validate(data)
    if (!valid) throw new Error(`SARIF is not valid 2.1.0:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`)
    return valid
  }
}

let validator: ((data: unknown) => boolean) | undefined

export function expectValidSarif(file: string): Record<string, unknown> {
  validator ??= compileSchema()
  const sarif = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  expect(validator(sarif)).toBe(true)
  return sarif
}
