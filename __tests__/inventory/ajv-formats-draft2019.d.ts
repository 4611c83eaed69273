// The package ships no types: it adds the draft 2019-09 formats (idn-email, iri-reference, ...) to an Ajv.
declare module 'ajv-formats-draft2019' {
  import type { Ajv } from 'ajv'
  export default function addDraft2019Formats(ajv: Ajv, options?: { formats?: string[] }): Ajv
}
