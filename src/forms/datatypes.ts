/**
 * JSON Schema and widget per datatype, keyed by datatype IRI (XSD 1.1 Part 2, RDF 1.1).
 * A datatype not listed is edited as text and written with its own IRI.
 */
import { ns } from '../rdf/index.js'
import type { JsonSchema, Widget } from './types.js'

/** How values of one datatype are edited and checked. */
export interface DatatypeForm {
  readonly schema: JsonSchema
  readonly widget: Widget
  /** Facets (`sh:minInclusive` …) compare as numbers, as `format` values (ajv-formats), or not at all. */
  readonly ordering: 'number' | 'format' | 'none'
}

const x = (local: string): string => ns.xsd + local
const integer = (minimum?: number, maximum?: number): DatatypeForm => ({
  schema: { type: 'integer', ...(minimum === undefined ? {} : { minimum }), ...(maximum === undefined ? {} : { maximum }) },
  widget: 'number',
  ordering: 'number'
})
const text: DatatypeForm = { schema: { type: 'string' }, widget: 'text', ordering: 'none' }

/** `rdf:langString`: values are `{ "@value", "@language" }` objects. */
export const langString = `${ns.rdf}langString`

/** BCP 47 language tag (RDF 1.1 Concepts §3.3, simplified to its syntax). */
export const languageTagPattern = '^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$'

/** An absolute IRI (RFC 3987): a scheme, a colon, and no characters it excludes. */
export const iriPattern = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/u

/** xsd:duration lexical space (XSD 1.1 Part 2 §3.3.6.2). */
export const durationPattern = '^-?P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$'

/** JSON Schema and widget per datatype IRI; add an entry to support another datatype. */
export const datatypeForms: Readonly<Record<string, DatatypeForm>> = {
  [x('string')]: text,
  [x('normalizedString')]: text,
  [x('token')]: text,
  [x('language')]: { schema: { type: 'string', pattern: languageTagPattern }, widget: 'text', ordering: 'none' },
  [x('boolean')]: { schema: { type: 'boolean' }, widget: 'checkbox', ordering: 'none' },
  [x('integer')]: integer(),
  // The ends of xsd:long and xsd:unsignedLong are beyond JSON's exact integers, but 2^63 and 2^64
  // are exact doubles: bounds that exclude them keep out every value SHACL refuses.
  [x('long')]: { ...integer(-(2 ** 63)), schema: { type: 'integer', minimum: -(2 ** 63), exclusiveMaximum: 2 ** 63 } },
  [x('int')]: integer(-2147483648, 2147483647),
  [x('short')]: integer(-32768, 32767),
  [x('byte')]: integer(-128, 127),
  [x('nonNegativeInteger')]: integer(0),
  [x('positiveInteger')]: integer(1),
  [x('nonPositiveInteger')]: integer(undefined, 0),
  [x('negativeInteger')]: integer(undefined, -1),
  [x('unsignedLong')]: { ...integer(0), schema: { type: 'integer', minimum: 0, exclusiveMaximum: 2 ** 64 } },
  [x('unsignedInt')]: integer(0, 4294967295),
  [x('unsignedShort')]: integer(0, 65535),
  [x('unsignedByte')]: integer(0, 255),
  [x('decimal')]: { schema: { type: 'number' }, widget: 'number', ordering: 'number' },
  [x('double')]: { schema: { type: 'number' }, widget: 'number', ordering: 'number' },
  [x('float')]: { schema: { type: 'number' }, widget: 'number', ordering: 'number' },
  // XSD dates, times and years allow a time zone or none, 24:00:00 and year 0000, and time pickers
  // leave out the seconds: formats of our own (time-formats.ts), not RFC 3339's.
  [x('date')]: { schema: { type: 'string', format: 'xsd-date' }, widget: 'date', ordering: 'format' },
  [x('dateTime')]: { schema: { type: 'string', format: 'xsd-date-time' }, widget: 'dateTime', ordering: 'format' },
  [x('dateTimeStamp')]: { schema: { type: 'string', format: 'date-time' }, widget: 'dateTime', ordering: 'format' },
  [x('time')]: { schema: { type: 'string', format: 'xsd-time' }, widget: 'time', ordering: 'format' },
  // XSD durations (signed, fractional seconds, no weeks); not RFC 3339's "duration" format.
  [x('duration')]: { schema: { type: 'string', pattern: durationPattern }, widget: 'duration', ordering: 'none' },
  [x('gYear')]: { schema: { type: 'string', format: 'xsd-g-year' }, widget: 'text', ordering: 'format' },
  // xsd:anyURI's lexical space is any string (XSD 1.1 §3.3.17): relative references and ones
  // with spaces are values of it, so the form asks for no IRI syntax SHACL would not ask for.
  [x('anyURI')]: { schema: { type: 'string' }, widget: 'uri', ordering: 'none' },
  [langString]: {
    schema: {
      type: 'object',
      properties: { '@value': { type: 'string' }, '@language': { type: 'string', pattern: languageTagPattern } },
      required: ['@value', '@language'],
      additionalProperties: false
    },
    widget: 'langString',
    ordering: 'none'
  }
}

/** The datatype of values whose shape names none. */
export const defaultDatatype = x('string')
