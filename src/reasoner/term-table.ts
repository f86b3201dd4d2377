/**
 * RDF terms ↔ dense integer ids, so the reasoner joins numbers. Equal terms get the same id;
 * the first term object seen is kept for output. The key of a term is N3.js's id (IRIs as is,
 * blank nodes `_:label`, as `termId`; literals `"lexical"@lang` / `"lexical"^^datatype`),
 * which N3.js terms carry ready-made.
 */
import type { Term } from '@rdfjs/types'
import { DataFactory, termFromId, termToId } from 'n3'
import { termId } from './term-id.js'

/** What a term is, as the rule filters and the triple check need it. */
export const termKinds = { iri: 0, blank: 1, literal: 2, other: 3 } as const

/** Interned terms with their kinds. */
export class TermTable {
  private readonly ids = new Map<string, number>()
  readonly terms: Term[] = []
  readonly kinds: number[] = []

  /** The id of a term, assigning the next one when it is new. */
  intern (term: Term): number {
    const key = termToId(term as Parameters<typeof termToId>[0])
    let id = this.ids.get(key)
    if (id === undefined) {
      id = this.terms.length
      this.ids.set(key, id)
      this.terms.push(term)
      this.kinds.push(kindOf(term))
    }
    return id
  }

  /**
   * The id of a term given by its key (N3.js's id string, as `readNTriples` produces it), building
   * the term object only when it is new.
   */
  internKey (key: string): number {
    let id = this.ids.get(key)
    if (id === undefined) {
      id = this.terms.length
      this.ids.set(key, id)
      const term = termFromId(key, DataFactory) as Term
      this.terms.push(term)
      this.kinds.push(kindOf(term))
    }
    return id
  }

  /** The id of an IRI, or undefined when it never occurred. */
  iri (value: string): number | undefined {
    return this.ids.get(value)
  }

  /** The id of an IRI or blank node given by its `termId` string, or undefined. */
  get (key: string): number | undefined {
    return this.ids.get(key)
  }

  /** The `termId` string of an id. */
  key (id: number): string {
    const term = this.terms[id]!
    return term.termType === 'NamedNode' ? term.value : termId(term)
  }

  get size (): number {
    return this.terms.length
  }
}

function kindOf (term: Term): number {
  switch (term.termType) {
    case 'NamedNode': return termKinds.iri
    case 'BlankNode': return termKinds.blank
    case 'Literal': return termKinds.literal
    default: return termKinds.other
  }
}
