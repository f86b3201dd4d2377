/**
 * TypeScript types for a form's values (`symphony form <type> --types`), generated with
 * json-schema-to-typescript. Titles are labels in a human language; they become comments,
 * and type names come from `name` and the `$defs` names, so types do not change with the language.
 */
import type { JSONSchema4 } from 'json-schema'
import type { Form, Json, JsonSchema } from './types.js'

/**
 * `formToTypeScript(form, 'PbxConfiguration')` → `export interface PbxConfiguration { … }`.
 */
export async function formToTypeScript (form: Form, name: string, options: { bannerComment?: string } = {}): Promise<string> {
  const { compile } = await import('json-schema-to-typescript')
  return compile(withoutTitles(form.schema) as JSONSchema4, name, {
    bannerComment: options.bannerComment ?? '',
    additionalProperties: false,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
    format: true
  })
}

/** Moves `title` into `description` (json-schema-to-typescript names types after titles). */
export function withoutTitles (schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(withoutTitles)
  if (schema === null || typeof schema !== 'object') return schema
  const out: JsonSchema = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'title') continue
    // Keys of `properties` and `$defs` are names, not keywords.
    if ((key === 'properties' || key === '$defs') && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutTitles(v)]))
    } else {
      out[key] = withoutTitles(value)
    }
  }
  // A $ref with sibling annotations would be copied into a new type; keep the reference alone.
  if (typeof schema.$ref === 'string') return { $ref: schema.$ref }
  if (typeof schema.title === 'string' && schema.description === undefined) out.description = schema.title
  return out
}
