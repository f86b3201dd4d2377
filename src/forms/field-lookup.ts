/** Finding the field of a form for a JSON pointer into its values, through sections, arrays and nested objects. */
import type { UiField, UiObject, UiSchema } from './types.js'

/** The field a pointer leads to, if any. */
export interface FieldAt {
  readonly field?: UiField
  /** Pointer of the field itself (without array indexes or `@value`). */
  readonly pointer: string
}

/** `fieldAt(ui, '/outbound/host')` → the `host` field of the nested `outbound` object. */
export function fieldAt (ui: UiSchema, pointer: string): FieldAt {
  const section = [...ui.sections]
    .filter(s => s.pointer === '' || pointer === s.pointer || pointer.startsWith(`${s.pointer}/`))
    .sort((a, b) => b.pointer.length - a.pointer.length)[0]
  if (section === undefined) return { pointer }
  let object: UiObject | undefined = section.object
  let current = section.pointer
  let found: FieldAt = { pointer }
  const tokens = pointer.slice(section.pointer.length).split('/').slice(1)
  for (let i = 0; i < tokens.length; i++) {
    const field: UiField | undefined = object?.fields[tokens[i]!]
    if (field === undefined) break
    current = `${current}/${tokens[i]}`
    found = { field, pointer: current }
    if (field.multiple && /^\d+$/.test(tokens[i + 1] ?? '')) {
      i++
      current = `${current}/${tokens[i]}`
    }
    object = field.value.kind === 'node' ? ui.definitions[field.value.definition] : undefined
  }
  return found
}
