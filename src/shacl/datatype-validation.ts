/**
 * `sh:datatype` for shacl-engine (SHACL §4.1.2: the value must be a well-formed literal of the
 * datatype). shacl-engine checks lexical forms with regular expressions of rdf-validation, which
 * accept days a month does not have (`2026-02-30`) and refuse every character outside the Basic
 * Multilingual Plane (`😀` is not "a valid xsd:string"). This one checks those datatypes by
 * their XSD 1.1 Part 2 definitions and leaves the others to shacl-engine.
 */
import type { EngineContext, EngineShape } from 'shacl-engine'
import { compileDatatype as engineDatatype } from 'shacl-engine/lib/validations/type.js'
import { DataFactory } from 'n3'
import { ns } from '../rdf/index.js'

const datatypeTerm = DataFactory.namedNode(`${ns.sh}datatype`)
const component = DataFactory.namedNode(`${ns.sh}DatatypeConstraintComponent`)
const x = (local: string): string => ns.xsd + local

/** XML 1.0 `Char` (XSD 1.1 Part 2 §3.3.1): no lone surrogates, no U+FFFE/U+FFFF, no C0 controls but tab, LF, CR. */
const chars = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u
const zone = '(Z|[+-]((0\\d|1[0-3]):[0-5]\\d|14:00))?'
const year = '-?([1-9]\\d{3,}|0\\d{3})'
const time = '(([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?|24:00:00(\\.0+)?)'
const date = new RegExp(`^${year}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])${zone}$`)
const dateTime = new RegExp(`^${year}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T${time}${zone}$`)

/** Does the day exist in that month? Year 0000 is 1 BCE, a leap year (XSD 1.1 §D.3.1, proleptic Gregorian). */
function dayExists (lexical: string): boolean {
  const m = /^(-?\d{4,})-(\d\d)-(\d\d)/.exec(lexical)
  if (m === null) return false
  const y = Math.abs(Number(m[1]))
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Number(m[2]) - 1] ?? 0
  return Number(m[3]) <= days
}

/** Lexical-space checks by datatype IRI; datatypes not listed are checked by shacl-engine. */
const lexicalSpaces: Readonly<Record<string, (lexical: string) => boolean>> = {
  [x('string')]: lexical => chars.test(lexical),
  [x('normalizedString')]: lexical => chars.test(lexical) && !/[\t\n\r]/.test(lexical),
  [x('token')]: lexical => chars.test(lexical) && !/[\t\n\r]|^ | $| {2}/.test(lexical),
  [x('anyURI')]: lexical => chars.test(lexical),
  [x('date')]: lexical => date.test(lexical) && dayExists(lexical),
  [x('dateTime')]: lexical => dateTime.test(lexical) && dayExists(lexical),
  [x('dateTimeStamp')]: lexical => dateTime.test(lexical) && /(Z|[+-]\d\d:\d\d)$/.test(lexical) && dayExists(lexical)
}

/** The `sh:datatype` validation in shacl-engine's plugin form (cf. shacl-engine `lib/validations/type.js`). */
export function compileDatatype (shape: EngineShape): { generic?: (context: EngineContext) => void } | null {
  const datatype = shape.ptr.out([datatypeTerm]).term
  const lexicalSpace = lexicalSpaces[datatype.value]
  if (lexicalSpace === undefined) return engineDatatype(shape)
  return {
    generic: context => {
      const term = context.valueOrNode.term
      const ok = term.termType === 'Literal' && term.datatype.value === datatype.value && lexicalSpace(term.value)
      context.test(ok, component, {
        args: { datatype },
        message: [context.factory.literal('Value does not have datatype {$datatype}')],
        value: context.valueOrNode
      })
    }
  }
}
