/**
 * `sh:minLength` and `sh:maxLength` for shacl-engine, counting characters as SPARQL's STRLEN
 * does (SHACL §4.4.1, §4.4.2). shacl-engine counts UTF-16 code units, so `😀` was two
 * characters long: a value a form (JSON Schema counts code points) accepted could be refused.
 */
import type { EngineContext, EngineShape } from 'shacl-engine'
import { DataFactory } from 'n3'
import { ns } from '../rdf/index.js'

type Compiled = { generic: (context: EngineContext) => void }

/** Characters (Unicode code points) of a string. */
function characters (text: string): number {
  return Array.from(text).length
}

function compileLength (parameter: 'minLength' | 'maxLength', fits: (length: number, limit: number) => boolean, englishMessage: string): (shape: EngineShape) => Compiled {
  const predicate = DataFactory.namedNode(ns.sh + parameter)
  const component = DataFactory.namedNode(`${ns.sh}${parameter === 'minLength' ? 'Min' : 'Max'}LengthConstraintComponent`)
  return shape => {
    const limit = Number.parseInt(shape.ptr.out([predicate]).value ?? '0', 10)
    return {
      generic: context => {
        const term = context.valueOrNode.term
        // A blank node has no string form to measure (SHACL §4.4.1): it never conforms.
        context.test(term.termType !== 'BlankNode' && fits(characters(term.value), limit), component, {
          args: { [parameter]: limit },
          message: [context.factory.literal(englishMessage)],
          value: context.valueOrNode
        })
      }
    }
  }
}

/** The `sh:minLength` validation in shacl-engine's plugin form (cf. shacl-engine `lib/validations/string.js`). */
export const compileMinLength = compileLength('minLength', (length, limit) => length >= limit, 'Value has less than {$minLength} characters')
/** The `sh:maxLength` validation in shacl-engine's plugin form. */
export const compileMaxLength = compileLength('maxLength', (length, limit) => length <= limit, 'Value has more than {$maxLength} characters')
