/**
 * Where a blank node is first written in a Turtle / TriG / N-Triples / N-Quads text. Parsing
 * gives blank nodes new labels (`_:x` becomes `b0_x`, `[]` a counter), so the labels of quads
 * parsed once cannot be looked up in the text: the text is parsed again, noting the line of the
 * token at which each blank node is made, and the two parses are laid side by side — the same
 * text gives the same quads in the same order, only the blank labels differ.
 */
import type { Quad, Term } from '@rdfjs/types'
import { DataFactory, Parser } from 'n3'

/** The formats whose text is read token by token. */
export type LinedFormat = 'turtle' | 'trig' | 'n-triples' | 'n-quads'

const parserFormats: Readonly<Record<LinedFormat, string>> = { turtle: 'Turtle', trig: 'TriG', 'n-triples': 'N-Triples', 'n-quads': 'N-Quads' }

interface TokenCallbacks { onToken: (token: { line: number }) => void }

/**
 * Maps the label of every blank node of `quads` (as parsed from `text`) to the line where the
 * text first writes it: its `_:label`, its `[`, or the `(` of a list. Empty when the text does
 * not parse to quads that match `quads` term for term (another text, or another parser).
 *
 * @example blankNodeLines('\n[] a <urn:x:Offer> .', quads, { format: 'turtle' }).get(quads[0].subject.value) // 2
 */
export function blankNodeLines (text: string, quads: readonly Quad[], options: { readonly format: LinedFormat, readonly baseIRI?: string }): Map<string, number> {
  const madeOn = new Map<string, number>()
  let line = 0
  const factory = {
    ...DataFactory,
    blankNode: (name?: string) => {
      const node = DataFactory.blankNode(name)
      if (!madeOn.has(node.value)) madeOn.set(node.value, line)
      return node
    }
  }
  let again: Quad[]
  try {
    const parser = new Parser({ format: parserFormats[options.format], factory, ...(options.baseIRI === undefined ? {} : { baseIRI: options.baseIRI }) })
    const callbacks: TokenCallbacks = { onToken: token => { line = token.line } }
    again = (parser.parse as unknown as (input: string, callbacks: TokenCallbacks) => Quad[])(text, callbacks)
  } catch {
    return new Map()
  }
  const lines = new Map<string, number>()
  if (again.length !== quads.length) return lines
  for (let i = 0; i < quads.length; i++) {
    const [given, parsed] = [quads[i]!, again[i]!]
    for (const position of ['subject', 'predicate', 'object', 'graph'] as const) {
      if (!pair(given[position], parsed[position], madeOn, lines)) return new Map()
    }
  }
  return lines
}

/** Notes a blank node's line; false when the terms are not the same but for a blank label. */
function pair (given: Term, parsed: Term, madeOn: ReadonlyMap<string, number>, lines: Map<string, number>): boolean {
  if (given.termType === 'BlankNode' && parsed.termType === 'BlankNode') {
    const line = madeOn.get(parsed.value)
    if (line !== undefined && !lines.has(given.value)) lines.set(given.value, line)
    return true
  }
  return given.equals(parsed)
}
