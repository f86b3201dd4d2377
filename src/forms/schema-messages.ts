/**
 * Messages for ajv's errors in German and English, keyed by JSON Schema keyword. ajv's own
 * messages are English and technical ("must match format \"iri\""); these speak to the person
 * filling in the form.
 */
import type { ErrorObject } from 'ajv/dist/2020.js'
import { patternExample } from './pattern-example.js'
import type { UiField } from './types.js'

type Params = Record<string, unknown>
type Texts = Readonly<Record<'en' | 'de', (params: Params, field: UiField | undefined, schema?: unknown) => string>>

const typeNames: Record<'en' | 'de', Record<string, string>> = {
  en: { string: 'text', integer: 'a whole number', number: 'a number', boolean: 'yes or no', object: 'a group of values', array: 'a list of values', null: 'empty' },
  de: { string: 'ein Text', integer: 'eine ganze Zahl', number: 'eine Zahl', boolean: 'ja oder nein', object: 'eine Gruppe von Werten', array: 'eine Liste von Werten', null: 'leer' }
}

const formatNames: Record<'en' | 'de', Record<string, string>> = {
  en: {
    date: 'a date (YYYY-MM-DD)',
    'xsd-date': 'a date (YYYY-MM-DD)',
    'xsd-g-year': 'a year (YYYY)',
    'date-time': 'a date and time with time zone (YYYY-MM-DDThh:mm:ssZ)',
    'xsd-time': 'a time (hh:mm or hh:mm:ss, e.g. 09:30)',
    'xsd-date-time': 'a date and time (e.g. 2026-12-02T09:30)',
    time: 'a time with time zone (hh:mm:ssZ)',
    iri: 'an IRI such as https://example.org/x',
    uri: 'a URI such as https://example.org/x',
    email: 'an e-mail address',
    hostname: 'a host name'
  },
  de: {
    date: 'ein Datum (JJJJ-MM-TT)',
    'xsd-date': 'ein Datum (JJJJ-MM-TT)',
    'xsd-g-year': 'eine Jahreszahl (JJJJ)',
    'date-time': 'ein Datum mit Uhrzeit und Zeitzone (JJJJ-MM-TTThh:mm:ssZ)',
    'xsd-time': 'eine Uhrzeit (hh:mm oder hh:mm:ss, z. B. 09:30)',
    'xsd-date-time': 'ein Datum mit Uhrzeit (z. B. 2026-12-02T09:30)',
    time: 'eine Uhrzeit mit Zeitzone (hh:mm:ssZ)',
    iri: 'eine IRI wie https://example.org/x',
    uri: 'eine URI wie https://example.org/x',
    email: 'eine E-Mail-Adresse',
    hostname: 'ein Hostname'
  }
}

const limit = (p: Params): string => String(p.limit)
const plural = (p: Params, one: string, many: string): string => p.limit === 1 ? one : many
const comparisons: Record<string, Texts> = {
  '>=': { en: p => `Must be at least ${limit(p)}.`, de: p => `Muss mindestens ${limit(p)} sein.` },
  '<=': { en: p => `Must be at most ${limit(p)}.`, de: p => `Darf höchstens ${limit(p)} sein.` },
  '>': { en: p => `Must be greater than ${limit(p)}.`, de: p => `Muss größer als ${limit(p)} sein.` },
  '<': { en: p => `Must be less than ${limit(p)}.`, de: p => `Muss kleiner als ${limit(p)} sein.` }
}
const compare: Texts = {
  en: (p, f) => comparisons[String(p.comparison)]!.en(p, f),
  de: (p, f) => comparisons[String(p.comparison)]!.de(p, f)
}
const optionLabels = (field: UiField | undefined, values: unknown): string => {
  const list = Array.isArray(values) ? values : []
  return list.map(value => field?.options?.find(option => option.value === value)?.label ?? JSON.stringify(value)).join(', ')
}

/** A description as one sentence: ending with a full stop. */
const sentence = (text: string): string => /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`

/** The example a schema documents: its default, else its first `examples` entry; only a string. */
function documentedExample (schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined
  const s = schema as { default?: unknown, examples?: unknown }
  const candidate = s.default ?? (Array.isArray(s.examples) ? s.examples[0] : undefined)
  return typeof candidate === 'string' && candidate !== '' ? candidate : undefined
}

/**
 * A value of the expected form to show: the documented one when it matches the pattern, else one
 * made from the pattern; none when the field's description already shows it.
 */
function exampleOf (schema: unknown, field: UiField | undefined, pattern: string): string | undefined {
  let documented = documentedExample(schema)
  try {
    if (documented !== undefined && !new RegExp(pattern, 'u').test(documented)) documented = undefined
  } catch {
    documented = undefined
  }
  const example = documented ?? patternExample(pattern)
  return example === undefined || field?.help?.includes(example) === true || showsMatch(field?.help, pattern) ? undefined : example
}

/** Whether a word of the description matches the pattern: the description gives its own example. */
function showsMatch (help: string | undefined, pattern: string): boolean {
  if (help === undefined) return false
  try {
    const expression = new RegExp(pattern, 'u')
    return help.split(/[\s,;()]+/).map(word => word.replace(/[.:!?]+$/, '')).some(word => word !== '' && expression.test(word))
  } catch {
    return false
  }
}

/** The field's example after a format's name, unless the name shows one already (`09:30`, `https://example.org/x`). */
function formatExample (format: string, schema: unknown, field: UiField | undefined, lead: string): string {
  const named = formatNames.en[format]
  return named !== undefined && /\d|example\.org/.test(named) ? '' : exampleAfter(schema, field, lead)
}

/** `lead` and the documented example, unless the field's description already shows it. */
function exampleAfter (schema: unknown, field: UiField | undefined, lead: string): string {
  const example = documentedExample(schema)
  return example === undefined || field?.help?.includes(example) === true ? '' : `${lead}${example}`
}

/** Message texts by ajv keyword; `schema` is the failing value's schema, when ajv gives it. */
export const schemaMessages: Readonly<Record<string, Texts>> = {
  required: { en: () => 'This field is required.', de: () => 'Dieses Feld ist erforderlich.' },
  type: {
    en: p => `Must be ${typeNames.en[String(p.type)] ?? String(p.type)}.`,
    de: p => `Muss ${typeNames.de[String(p.type)] ?? String(p.type)} sein.`
  },
  minimum: compare,
  maximum: compare,
  exclusiveMinimum: compare,
  exclusiveMaximum: compare,
  formatMinimum: compare,
  formatMaximum: compare,
  formatExclusiveMinimum: compare,
  formatExclusiveMaximum: compare,
  minLength: {
    en: p => plural(p, 'Must not be empty.', `Must be at least ${limit(p)} characters long.`),
    de: p => plural(p, 'Darf nicht leer sein.', `Muss mindestens ${limit(p)} Zeichen lang sein.`)
  },
  maxLength: { en: p => `Must be at most ${limit(p)} characters long.`, de: p => `Darf höchstens ${limit(p)} Zeichen lang sein.` },
  pattern: {
    en: (p, f, schema) => {
      const example = exampleOf(schema, f, String(p.pattern))
      const such = example === undefined ? '' : `, such as ${example}`
      return f?.help === undefined
        ? `Expected text of the form ${String(p.pattern)}${such}.`
        : `Not in the expected form: ${sentence(f.help)}${example === undefined ? '' : ` For example: ${example}.`}`
    },
    de: (p, f, schema) => {
      const example = exampleOf(schema, f, String(p.pattern))
      const such = example === undefined ? '' : `, etwa ${example}`
      return f?.help === undefined
        ? `Erwartet wird ein Text der Form ${String(p.pattern)}${such}.`
        : `Nicht in der erwarteten Form: ${sentence(f.help)}${example === undefined ? '' : ` Zum Beispiel: ${example}.`}`
    }
  },
  format: {
    en: (p, f, schema) => `Must be ${formatNames.en[String(p.format)] ?? `a valid ${String(p.format)}`}${formatExample(String(p.format), schema, f, ', such as ')}.`,
    de: (p, f, schema) => `Muss ${formatNames.de[String(p.format)] ?? `ein gültiger Wert (${String(p.format)})`} sein${formatExample(String(p.format), schema, f, ', etwa ')}.`
  },
  enum: {
    en: (p, f) => `Must be one of: ${optionLabels(f, p.allowedValues)}.`,
    de: (p, f) => `Muss einer dieser Werte sein: ${optionLabels(f, p.allowedValues)}.`
  },
  const: { en: p => `Must be ${JSON.stringify(p.allowedValue)}.`, de: p => `Muss ${JSON.stringify(p.allowedValue)} sein.` },
  minItems: {
    en: p => plural(p, 'At least one value is required.', `At least ${limit(p)} values are required.`),
    de: p => plural(p, 'Mindestens ein Wert ist erforderlich.', `Mindestens ${limit(p)} Werte sind erforderlich.`)
  },
  maxItems: {
    en: p => plural(p, 'Only one value is allowed.', `At most ${limit(p)} values are allowed.`),
    de: p => plural(p, 'Nur ein Wert ist erlaubt.', `Höchstens ${limit(p)} Werte sind erlaubt.`)
  },
  uniqueItems: { en: () => 'Values must not repeat.', de: () => 'Werte dürfen sich nicht wiederholen.' },
  additionalProperties: { en: () => 'This field is not part of the form.', de: () => 'Dieses Feld gehört nicht zum Formular.' },
  anyOf: { en: () => 'Fill in at least one of the alternatives.', de: () => 'Mindestens eine der Alternativen muss ausgefüllt sein.' },
  oneOf: { en: () => 'Fill in exactly one of the alternatives.', de: () => 'Genau eine der Alternativen muss ausgefüllt sein.' },
  not: { en: () => 'This value is not allowed.', de: () => 'Dieser Wert ist nicht erlaubt.' },
  contains: { en: () => 'A required value is missing.', de: () => 'Ein erforderlicher Wert fehlt.' }
}

/** The message for one ajv error in the language; the field's own `sh:message` wins for value errors. */
export function schemaMessage (error: ErrorObject, field: UiField | undefined, language: string): string {
  const lang = language.toLowerCase().startsWith('de') ? 'de' : 'en'
  if (error.keyword === 'const' && field?.readOnly === true) {
    const value = (error.params as Params).allowedValue
    const fixed = typeof value === 'boolean' ? ({ en: ['off', 'on'], de: ['aus', 'an'] }[lang][value ? 1 : 0]!) : optionLabels(field, [value])
    return lang === 'de' ? `Dieser Wert ist fest vorgegeben (${fixed}) und kann nicht geändert werden.` : `This value is fixed (${fixed}) and cannot be changed.`
  }
  const valueError = !['required', 'additionalProperties', 'minItems', 'maxItems'].includes(error.keyword)
  if (valueError && field?.message !== undefined) return field.message
  const texts = schemaMessages[error.keyword]
  return texts === undefined ? error.message ?? error.keyword : texts[lang](error.params as Params, field, error.parentSchema)
}
