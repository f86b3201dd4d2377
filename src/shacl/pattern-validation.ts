/**
 * `sh:pattern` for shacl-engine with XPath semantics (SHACL §4.4.1). shacl-engine's own
 * validation passes the pattern and `sh:flags` to `new RegExp` unchanged, which gives `\d`,
 * `\w`, `.` ECMAScript's meaning, treats `\i` as `i`, and throws on the flags `x`, `q` and
 * on `s`/`m` spelled by XPath. This one compiles the translated expression instead.
 */
import type { Term } from '@rdfjs/types'
import { DataFactory } from 'n3'
import type { EngineContext, EngineShape } from 'shacl-engine'
import { SymphonyError } from '../errors.js'
import { ns } from '../rdf/index.js'
import { translateXsdPattern } from './xsd-regex.js'

const pattern = DataFactory.namedNode(`${ns.sh}pattern`)
const flagsTerm = DataFactory.namedNode(`${ns.sh}flags`)
const component = DataFactory.namedNode(`${ns.sh}PatternConstraintComponent`)

/** The `sh:pattern` validation in shacl-engine's plugin form (cf. shacl-engine `lib/validations/string.js`). */
export function compilePattern (shape: EngineShape): { generic: (context: EngineContext) => void } {
  const source = shape.ptr.out([pattern]).value ?? ''
  const flags = shape.ptr.out([flagsTerm]).value ?? ''
  const regex = xsdRegExp(source, flags, shape.ptr.term)
  return {
    generic: context => {
      const term = context.valueOrNode.term
      context.test(term.termType !== 'BlankNode' && regex.test(term.value), component, {
        args: { flags, pattern: source },
        message: [context.factory.literal('Value does not match pattern "{$pattern}"')],
        value: context.valueOrNode
      })
    }
  }
}

/** An ECMAScript `RegExp` with the meaning of an XPath pattern; throws `UNSUPPORTED_SHAPE` when there is none. */
export function xsdRegExp (source: string, flags: string, shape?: Term): RegExp {
  const exact = translateXsdPattern(source, flags)
  const translation = exact.ok ? exact : translateXsdPattern(source, flags, { caseFlag: true })
  if (!translation.ok) {
    throw new SymphonyError('UNSUPPORTED_SHAPE', {
      en: `sh:pattern "${source}"${shape === undefined ? '' : ` of shape ${shape.value}`} cannot be evaluated: ${translation.reasons.en}`,
      de: `sh:pattern "${source}"${shape === undefined ? '' : ` der Shape ${shape.value}`} lässt sich nicht auswerten: ${translation.reasons.de}`
    }, { node: shape?.value, path: pattern.value })
  }
  return new RegExp(translation.source, `u${translation.flags}`)
}
