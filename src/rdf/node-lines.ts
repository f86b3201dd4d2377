/**
 * Where a node is written in a Turtle / TriG / N-Triples text: the line of each IRI's first
 * occurrence, so validation reports can say `file.ttl:12` instead of only an IRI.
 */
import { Lexer } from 'n3'

interface Token { type: string, value: string, prefix: string, line: number }

/** Maps every IRI in the text (full or prefixed) to the line it first appears on. */
export function nodeLines (text: string): Map<string, number> {
  const lines = new Map<string, number>()
  let tokens: Token[]
  try {
    tokens = new Lexer().tokenize(text) as unknown as Token[]
  } catch {
    return lines
  }
  const prefixes = new Map<string, string>()
  for (const [index, token] of tokens.entries()) {
    if (token.type === 'prefix') {
      const next = tokens[index + 1]
      if (next?.type === 'IRI') prefixes.set(token.value, next.value)
      continue
    }
    const iri = token.type === 'IRI' ? token.value : token.type === 'prefixed' ? expand(prefixes, token) : undefined
    if (iri !== undefined && !lines.has(iri)) lines.set(iri, token.line)
  }
  return lines
}

function expand (prefixes: ReadonlyMap<string, string>, token: Token): string | undefined {
  const namespace = prefixes.get(token.prefix)
  return namespace === undefined ? undefined : namespace + token.value
}
