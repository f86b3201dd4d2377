/**
 * The SPARQL worker, as CommonJS source for `new Worker(source, { eval: true })`: it parses
 * queries (sparqljs) and evaluates them over an oxigraph snapshot of the store, one at a time, so
 * neither step can hold up the server's event loop. It is plain JavaScript in a string so it runs
 * the same under tsx, vitest and compiled `dist/` (a worker does not inherit TypeScript loaders).
 * Protocol (every reply carries the id of its request; the thread says `started` with id -1):
 *   → { type: 'load', graphs: [{ graph, ntriples } | { graph, file, digest } | { graph, nquads }] }
 *   ← { type: 'loaded' } | { type: 'stale', graph } (a file no longer holds that text) | { type: 'failed', … }
 *   → { type: 'prepare', id, text, cap, privatePrefixes }
 *   ← { type: 'prepared', id, text, form, from } | { type: 'failed', id, code, message, hash? }
 *     (code INVALID_QUERY, TOO_DEEP, UPDATE_NOT_ALLOWED, or SERVICE_NOT_ALLOWED / FUNCTION_NOT_ALLOWED /
 *     PRIVATE_GRAPH with the IRI as message)
 *   → { type: 'query', id, text, form, cap, format, defaultGraphs, namedGraphs }
 *   ← { type: 'answer', id, text, count } | { type: 'failed', id, code, message }
 * A `failed` message with code ENGINE_FAILURE means the WebAssembly engine trapped: its memory
 * may be corrupt, and the worker must not be used again.
 */
export const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads')
const ox = require(workerData.oxigraph)
const sparqljs = require(workerData.sparqljs)
const { readFileSync } = require('node:fs')
const { createHash } = require('node:crypto')
let store = new ox.Store()
const post = (id, reply) => parentPort.postMessage({ ...reply, id })

function plainHash (hash) {
  if (hash === undefined || hash === null) return undefined
  const loc = hash.loc ? { last_line: hash.loc.last_line, last_column: hash.loc.last_column } : undefined
  return { text: typeof hash.text === 'string' ? hash.text : undefined, line: typeof hash.line === 'number' ? hash.line : undefined, loc }
}

const xsd = 'http://www.w3.org/2001/XMLSchema#'

// What in a parsed query would reach past the public graphs: SERVICE (on a remote store the
// endpoint would run it, against itself or any address it can reach), functions named by IRI
// other than the XSD casts (a store's own extensions, such as Virtuoso's bif: and sql:), and IRIs
// under the private graphs' prefixes (a remote store answers a constant GRAPH outside the dataset
// as it likes; the private graphs are not this endpoint's to answer about at all).
function reachingOut (node, privatePrefixes) {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = reachingOut(child, privatePrefixes)
      if (found !== undefined) return found
    }
    return undefined
  }
  if (node === null || typeof node !== 'object') return undefined
  if (node.termType === 'NamedNode' && privatePrefixes.some(prefix => node.value.startsWith(prefix))) return { code: 'PRIVATE_GRAPH', message: node.value }
  if (node.type === 'service') return { code: 'SERVICE_NOT_ALLOWED', message: node.name && node.name.termType === 'NamedNode' ? node.name.value : '' }
  if (node.type === 'functionCall' && node.function && node.function.termType === 'NamedNode' && !node.function.value.startsWith(xsd)) {
    return { code: 'FUNCTION_NOT_ALLOWED', message: node.function.value }
  }
  for (const key of Object.keys(node)) {
    if (key === 'prefixes') continue
    const found = reachingOut(node[key], privatePrefixes)
    if (found !== undefined) return found
  }
  return undefined
}

function prepare (message) {
  let parsed
  try {
    parsed = new sparqljs.Parser().parse(message.text)
  } catch (error) {
    if (error instanceof RangeError) return { code: 'TOO_DEEP', message: error.message }
    return { code: 'INVALID_QUERY', message: String(error && error.message || error), hash: plainHash(error && error.hash) }
  }
  if (parsed.type === 'update') return { code: 'UPDATE_NOT_ALLOWED', message: 'update' }
  let refused
  try {
    refused = reachingOut(parsed, message.privatePrefixes || [])
  } catch (error) {
    if (error instanceof RangeError) return { code: 'TOO_DEEP', message: error.message }
    throw error
  }
  if (refused !== undefined) return refused
  const form = parsed.queryType
  const from = { default: ((parsed.from && parsed.from.default) || []).map(g => g.value), named: ((parsed.from && parsed.from.named) || []).map(g => g.value) }
  const capped = form !== 'ASK' && (parsed.limit === undefined || parsed.limit > message.cap)
  if (!capped && parsed.from === undefined) return { text: message.text, form, from }
  const rewritten = { ...parsed }
  if (capped) rewritten.limit = message.cap + 1
  delete rewritten.from
  return { text: new sparqljs.Generator().stringify(rewritten), form, from }
}

function evaluate (message) {
  const options = {}
  if (message.defaultGraphs.length > 0) options.default_graph = message.defaultGraphs.map(g => ox.namedNode(g))
  else options.use_default_graph_as_union = true
  if (message.namedGraphs.length > 0) options.named_graphs = message.namedGraphs.map(g => ox.namedNode(g))
  if (message.form === 'ASK') {
    return { text: store.query(message.text, { ...options, results_format: 'application/sparql-results+json' }), count: 1 }
  }
  // SELECT and CONSTRUCT carry a LIMIT of at most cap + 1 (added by prepare), so the answer built
  // here is bounded before it is counted.
  if (message.form === 'SELECT') {
    const text = store.query(message.text, { ...options, results_format: 'application/sparql-results+json' })
    return { text, count: JSON.parse(text).results.bindings.length }
  }
  const triples = store.query(message.text, { ...options, results_format: 'application/n-triples' })
  const count = triples === '' ? 0 : triples.split('\n').filter(line => line !== '').length
  if (count > message.cap || message.format === 'application/n-triples') return { text: triples, count }
  const result = new ox.Store()
  result.load(triples, { format: 'application/n-triples' })
  return { text: result.dump({ format: message.format, from_graph_name: ox.defaultGraph() }), count }
}

// A trap or a stack overflow inside the WebAssembly engine can leave its memory inconsistent.
function failure (error) {
  if (error instanceof WebAssembly.RuntimeError || error instanceof RangeError) return { type: 'failed', code: 'ENGINE_FAILURE', message: error.message }
  return { type: 'failed', code: 'INVALID_QUERY', message: String(error && error.message || error) }
}

// A data directory's graph file: a header line naming the graph, then the N-Quads text whose
// SHA-256 the store holds. A file replaced by a later write, damaged or gone is not loaded.
function storedText (entry) {
  let bytes
  try {
    bytes = readFileSync(entry.file)
  } catch {
    return undefined
  }
  const end = bytes.indexOf(10)
  if (end === -1 || bytes.toString('utf8', 0, end) !== '# graph <' + entry.graph + '>') return undefined
  const text = bytes.subarray(end + 1)
  return createHash('sha256').update(text).digest('hex') === entry.digest ? text : undefined
}

post(-1, { type: 'started' })

parentPort.on('message', message => {
  if (message.type === 'load') {
    try {
      store = new ox.Store()
      for (const entry of message.graphs) {
        if (entry.file !== undefined) {
          const text = storedText(entry)
          if (text === undefined) return post(message.id, { type: 'stale', graph: entry.graph })
          // Every line names its graph (the store writes each graph's file so).
          if (text.length > 0) store.load(text, { format: 'application/n-quads', no_transaction: true, lenient: true })
        } else if (entry.nquads !== undefined) {
          // Chunks of whole lines, each naming its graph: one load, so blank nodes keep one scope.
          if (entry.nquads.length > 0) store.load(entry.nquads, { format: 'application/n-quads', no_transaction: true, lenient: true })
        } else if (entry.ntriples !== '') {
          store.load(entry.ntriples, { format: 'application/n-triples', to_graph_name: ox.namedNode(entry.graph), no_transaction: true, lenient: true })
        }
      }
      post(message.id, { type: 'loaded' })
    } catch (error) {
      post(message.id, failure(error))
    }
    return
  }
  if (message.type === 'prepare') {
    const outcome = prepare(message)
    if (outcome.code !== undefined) post(message.id, { type: 'failed', ...outcome })
    else post(message.id, { type: 'prepared', text: outcome.text, form: outcome.form, from: outcome.from })
    return
  }
  try {
    const { text, count } = evaluate(message)
    if (count > message.cap) post(message.id, { type: 'failed', code: 'RESULT_TOO_LARGE', message: String(count) })
    else post(message.id, { type: 'answer', text, count })
  } catch (error) {
    post(message.id, failure(error))
  }
})
`
