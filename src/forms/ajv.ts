/**
 * The ajv instance for the quick check of configurations: JSON Schema 2020-12, all errors,
 * ajv-formats (with `formatMinimum` … keywords), the `iri` format of JSON Schema (RFC 3987),
 * which ajv-formats lacks, and the XSD time formats of `time-formats.ts`.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import type { FormatsPlugin } from 'ajv-formats'
import { iriPattern } from './datatypes.js'
import { timeFormats } from './time-formats.js'
import type { JsonSchema } from './types.js'

// ajv-formats is CommonJS with a `default` export; under NodeNext the default import is `module.exports`.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin

/**
 * A new ajv with Symphony's settings; `strictTypes`/`strictRequired` are off because generated
 * `anyOf` branches state only `required`. Errors carry their schema (`verbose`), so a message can
 * quote the field's default or example as what is expected.
 */
export function createAjv (): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false })
  addFormats(ajv)
  ajv.addFormat('iri', iriPattern)
  for (const [name, format] of Object.entries(timeFormats)) ajv.addFormat(name, format)
  return ajv
}

const ajv = createAjv()
const validators = new WeakMap<JsonSchema, ValidateFunction>()

/** The compiled validator of a form schema, compiled once per schema object. */
export function schemaValidator (schema: JsonSchema): ValidateFunction {
  const known = validators.get(schema)
  if (known !== undefined) return known
  const validate = ajv.compile(schema)
  validators.set(schema, validate)
  return validate
}
