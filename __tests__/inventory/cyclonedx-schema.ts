// Validates an ML-BOM against the official CycloneDX 1.6 JSON schema and the schemas it references
// (SPDX license ids, JSF signatures), kept as fixtures: no network at test time. The files are the
// copies @cyclonedx/cyclonedx-library ships, whose `$ref`s name the `.SNAPSHOT` files; each is
// registered under the URI its reference resolves to, as the library's own validator does.
import { expect } from '@jest/globals'
import { Ajv } from 'ajv'
import addFormatsPlugin from 'ajv-formats'
import addDraft2019Formats from 'ajv-formats-draft2019'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const FIXTURES = resolve(import.meta.dirname, '../fixtures/inventory')
const BASE = 'http://cyclonedx.org/schema/'

function schema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(FIXTURES, file), 'utf8')) as Record<string, unknown>
}

function compileSchema(): (data: unknown) => boolean {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    addUsedSchema: false,
    schemas: {
      [`${BASE}spdx.SNAPSHOT.schema.json`]: schema('spdx.SNAPSHOT.schema.json'),
      [`${BASE}jsf-0.82.SNAPSHOT.schema.json`]: schema('jsf-0.82.SNAPSHOT.schema.json')
    }
  })
  const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv
  addFormats(ajv)
  addDraft2019Formats(ajv, { formats: ['idn-email', 'iri-reference'] })
  const validate = ajv.compile(schema('bom-1.6.SNAPSHOT.schema.json'))
  return (data) => {
    const valid = validate(data)
    if (!valid) throw new Error(`not valid CycloneDX 1.6:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`)
    return valid
  }
}

let validator: ((data: unknown) => boolean) | undefined

/** Parses the text as JSON and expects it to be a valid CycloneDX 1.6 BOM. */
export function expectValidCycloneDx(text: string): CycloneDxBom {
  validator ??= compileSchema()
  const bom = JSON.parse(text) as CycloneDxBom
  expect(validator(bom)).toBe(true)
  return bom
}

export interface CdxProperty {
  name: string
  value: string
}

export interface CdxComponent {
  type: string
  name: string
  'bom-ref': string
  hashes?: { alg: string; content: string }[]
  properties?: CdxProperty[]
  description?: string
  modelCard?: { modelParameters?: { datasets?: { ref: string }[] } }
  data?: { type: string; name?: string; classification?: string }[]
}

export interface CycloneDxBom {
  bomFormat: string
  specVersion: string
  serialNumber?: string
  metadata: {
    timestamp?: string
    tools: { components: { name: string; version: string }[] }
    properties?: CdxProperty[]
  }
  components?: CdxComponent[]
  dependencies?: { ref: string; dependsOn?: string[] }[]
}

/** Every value of a `model-leak-guard:` property, in order. */
export function propertyValues(item: { properties?: CdxProperty[] }, name: string): string[] {
  return (item.properties ?? []).filter((p) => p.name === `model-leak-guard:${name}`).map((p) => p.value)
}

/** The one component with this bom-ref, or else with this name. */
export function component(bom: CycloneDxBom, refOrName: string): CdxComponent {
  const components = bom.components ?? []
  const byRef = components.filter((c) => c['bom-ref'] === refOrName)
  const found = byRef.length > 0 ? byRef : components.filter((c) => c.name === refOrName)
  if (found.length !== 1)
    throw new Error(`${found.length} components named ${refOrName}: ${components.map((c) => c.name).join(', ')}`)
  return found[0]
}

/** The names of the components one component depends on, sorted. */
export function dependsOn(bom: CycloneDxBom, refOrName: string): string[] {
  const ref = component(bom, refOrName)['bom-ref']
  const names = new Map((bom.components ?? []).map((c) => [c['bom-ref'], c.name]))
  const refs = (bom.dependencies ?? []).find((d) => d.ref === ref)?.dependsOn ?? []
  return refs.map((r) => names.get(r) ?? `(unknown ref ${r})`).sort()
}
