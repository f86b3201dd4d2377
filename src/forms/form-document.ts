/** Putting a form together: the 2020-12 root schema with `$defs`, and the UI schema. */
import type { Quad } from '@rdfjs/types'
import type { FormBuilder } from './form-builder.js'
import type { Form, JsonSchema, UiSection } from './types.js'

/** The `$schema` of every generated schema. */
export const jsonSchemaDialect = 'https://json-schema.org/draft/2020-12/schema'

/** The form from its builder (for `$defs`), root schema, title and sections. */
export function assembleForm (b: FormBuilder, root: JsonSchema, title: string, sections: readonly UiSection[], graph: readonly Quad[]): Form {
  const defs = b.definitions()
  return {
    schema: { $schema: jsonSchemaDialect, ...root, ...(Object.keys(defs.schemas).length === 0 ? {} : { $defs: defs.schemas }) },
    uiSchema: { language: b.language, title, sections, definitions: defs.ui },
    graph
  }
}
