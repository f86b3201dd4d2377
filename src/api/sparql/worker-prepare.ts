/**
 * The SPARQL worker's first step on a query: parse it (sparqljs), refuse what would reach past
 * the public graphs, and give the text to evaluate — with a LIMIT of cap + 1 where it has none
 * (or a larger one), and without its FROM clauses, which become the request's dataset. It runs in
 * the worker so that a huge or deeply nested query cannot hold up the serving thread.
 */
import type { Query, SparqlQuery } from 'sparqljs'
import { sparqljs } from './worker-packages.js'
import type { JisonHash, PrepareOutcome, PrepareRefusal } from './prepare.js'

const xsd = 'http://www.w3.org/2001/XMLSchema#'

/** The parts of a parse error's hash that can be posted (the hash holds functions and the lexer). */
function plainHash (hash: unknown): JisonHash | undefined {
  if (hash === undefined || hash === null || typeof hash !== 'object') return undefined
  const { text, line, loc } = hash as { text?: unknown, line?: unknown, loc?: { last_line: number, last_column: number } }
  return {
    text: typeof text === 'string' ? text : undefined,
    line: typeof line === 'number' ? line : undefined,
    loc: loc ? { last_line: loc.last_line, last_column: loc.last_column } : undefined
  }
}

/** A node of sparqljs's parse tree, as far as the checks below look into it. */
interface Node {
  readonly [key: string]: unknown
  readonly termType?: unknown
  readonly value?: unknown
  readonly type?: unknown
  readonly name?: Node
  readonly function?: Node
}

const namedNode = (node: Node | undefined): node is Node & { readonly value: string } =>
  node !== undefined && node.termType === 'NamedNode' && typeof node.value === 'string'

/**
 * What in a parsed query would reach past the public graphs: SERVICE (on a remote store the
 * endpoint would run it, against itself or any address it can reach), functions named by IRI
 * other than the XSD casts (a store's own extensions, such as Virtuoso's bif: and sql:), and IRIs
 * under the private graphs' prefixes (a remote store answers a constant GRAPH outside the dataset
 * as it likes; the private graphs are not this endpoint's to answer about at all).
 */
function reachingOut (node: unknown, privatePrefixes: readonly string[]): PrepareRefusal | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = reachingOut(child, privatePrefixes)
      if (found !== undefined) return found
    }
    return undefined
  }
  if (node === null || typeof node !== 'object') return undefined
  const at = node as Node
  if (namedNode(at) && privatePrefixes.some(prefix => at.value.startsWith(prefix))) return { code: 'PRIVATE_GRAPH', message: at.value }
  if (at.type === 'service') return { code: 'SERVICE_NOT_ALLOWED', message: namedNode(at.name) ? at.name.value : '' }
  if (at.type === 'functionCall' && namedNode(at.function) && !at.function.value.startsWith(xsd)) {
    return { code: 'FUNCTION_NOT_ALLOWED', message: at.function.value }
  }
  for (const key of Object.keys(at)) {
    if (key === 'prefixes') continue
    const found = reachingOut(at[key], privatePrefixes)
    if (found !== undefined) return found
  }
  return undefined
}

/** The query `text` to evaluate, or why it is refused; a stack overflow in the parser is TOO_DEEP. */
export function prepareQuery ({ text, cap, privatePrefixes }: { readonly text: string, readonly cap: number, readonly privatePrefixes: readonly string[] }): PrepareOutcome {
  let parsed: SparqlQuery
  try {
    parsed = new sparqljs.Parser().parse(text)
  } catch (error) {
    if (error instanceof RangeError) return { code: 'TOO_DEEP', message: error.message }
    const failed = error as { message?: unknown, hash?: unknown } | undefined
    return { code: 'INVALID_QUERY', message: String(failed?.message ?? error), hash: plainHash(failed?.hash) }
  }
  if (parsed.type === 'update') return { code: 'UPDATE_NOT_ALLOWED', message: 'update' }
  let refused: PrepareRefusal | undefined
  try {
    refused = reachingOut(parsed, privatePrefixes)
  } catch (error) {
    if (error instanceof RangeError) return { code: 'TOO_DEEP', message: error.message }
    throw error
  }
  if (refused !== undefined) return refused
  const form = parsed.queryType
  const from = { default: (parsed.from?.default ?? []).map(g => g.value), named: (parsed.from?.named ?? []).map(g => g.value) }
  // sparqljs reads and writes a LIMIT on every form, though its types give it to SELECT only.
  const limit = (parsed as { limit?: number }).limit
  const capped = form !== 'ASK' && (limit === undefined || limit > cap)
  if (!capped && parsed.from === undefined) return { text, form, from }
  const rewritten: Query & { limit?: number } = { ...parsed }
  if (capped) rewritten.limit = cap + 1
  delete rewritten.from
  return { text: new sparqljs.Generator().stringify(rewritten), form, from }
}
