/**
 * The string form of an RDF term used throughout the compiled view: IRIs as is, blank nodes as
 * `_:label`, literals in an N-Triples-like form, so equal terms give equal strings.
 */
import type { Term } from '@rdfjs/types'

/** The string form of a term (see the file comment). */
export function termId (term: Term): string {
  switch (term.termType) {
    case 'BlankNode': {
      // N3.js terms carry this very string as `id`: reusing it saves an allocation and a
      // string hash per lookup, which shows in compile profiles (150k+ quads).
      const id = (term as { id?: unknown }).id
      return typeof id === 'string' && id.startsWith('_:') ? id : `_:${term.value}`
    }
    case 'Literal': {
      const lexical = JSON.stringify(term.value)
      return term.language !== '' ? `${lexical}@${term.language}` : `${lexical}^^<${term.datatype.value}>`
    }
    default: return term.value
  }
}
