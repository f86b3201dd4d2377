/**
 * Where a node is written in a Turtle / TriG / N-Triples text: the line of each IRI's first
 * occurrence, so validation reports can say `file.ttl:12` instead of only an IRI.
 */
import { Lexer, Parser } from 'n3'

interface Token { type: string, value: string, prefix: string, line: number }

/** Where the text's relative IRIs are resolved against before `@base` / `BASE` says otherwise. */
export interface NodeLinesOptions {
  /** The base IRI the text was parsed with (a file's `file:` URL), so relative IRIs match the parsed nodes. */
  readonly baseIRI?: string
}

/**
 * Maps every IRI in the text (full, relative or prefixed) to the line it first appears on.
 * Relative IRIs are resolved as the parser resolved them: against `@base` / `BASE`, else
 * `options.baseIRI`.
 *
 * @example nodeLines('@base <https://ex.org/> .\n<a> a <B> .').get('https://ex.org/a') // 2
 */
export function nodeLines (text: string, options: NodeLinesOptions = {}): Map<string, number> {
  const lines = new Map<string, number>()
  let tokens: Token[]
  try {
    tokens = new Lexer().tokenize(text) as unknown as Token[]
  } catch {
    return lines
  }
  const prefixes = new Map<string, string>()
  let base = options.baseIRI
  for (const [index, token] of tokens.entries()) {
    const previous = tokens[index - 1]
    if (token.type === 'prefix') {
      const next = tokens[index + 1]
      if (next?.type === 'IRI') prefixes.set(token.value, resolve(next.value, base) ?? next.value)
      continue
    }
    if (token.type === 'IRI' && previous?.type === 'prefix') continue
    if (token.type === 'IRI' && (previous?.type === '@base' || previous?.type === 'BASE')) {
      base = resolve(token.value, base) ?? token.value
      continue
    }
    const iri = token.type === 'IRI' ? resolve(token.value, base) : token.type === 'prefixed' ? expand(prefixes, token) : undefined
    if (iri !== undefined && !lines.has(iri)) lines.set(iri, token.line)
  }
  return lines
}

function expand (prefixes: ReadonlyMap<string, string>, token: Token): string | undefined {
  const namespace = prefixes.get(token.prefix)
  return namespace === undefined ? undefined : namespace + token.value
}

/** Absolute IRIs as they are; a relative one resolved by N3.js itself, so it is the same IRI the parsed quads hold. */
function resolve (iri: string, base: string | undefined): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(iri)) return iri
  if (base === undefined) return iri
  try {
    const [quad] = new Parser({ baseIRI: base }).parse(`<${iri.replace(/[\\>]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}> <urn:x:p> <urn:x:o> .`)
    return quad?.subject.value
  } catch {
    return undefined
  }
}
