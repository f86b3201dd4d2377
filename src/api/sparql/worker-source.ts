/**
 * The SPARQL worker, as CommonJS source for `new Worker(source, { eval: true })`: it holds an
 * oxigraph snapshot of the store and evaluates one query at a time. It is plain JavaScript in a
 * string so it runs the same under tsx, vitest and compiled `dist/` (a worker does not inherit
 * TypeScript loaders). Protocol:
 *   → { type: 'load', nquads }                       ← { type: 'loaded' }
 *   → { type: 'query', id, text, form, cap, format, defaultGraphs, namedGraphs }
 *   ← { type: 'answer', id, text, count } | { type: 'failed', id, code, message }
 */
export const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads')
const ox = require(workerData.oxigraph)
let store = new ox.Store()

function run (message) {
  const options = {}
  if (message.defaultGraphs.length > 0) options.default_graph = message.defaultGraphs.map(g => ox.namedNode(g))
  else options.use_default_graph_as_union = true
  if (message.namedGraphs.length > 0) options.named_graphs = message.namedGraphs.map(g => ox.namedNode(g))
  if (message.form === 'SELECT' || message.form === 'ASK') {
    const text = store.query(message.text, { ...options, results_format: 'application/sparql-results+json' })
    const count = message.form === 'SELECT' ? JSON.parse(text).results.bindings.length : 1
    return { text, count }
  }
  const triples = store.query(message.text, { ...options, results_format: 'application/n-triples' })
  const count = triples === '' ? 0 : triples.split('\n').filter(line => line !== '').length
  if (count > message.cap || message.format === 'application/n-triples') return { text: triples, count }
  const result = new ox.Store()
  result.load(triples, { format: 'application/n-triples' })
  return { text: result.dump({ format: message.format, from_graph_name: ox.defaultGraph() }), count }
}

parentPort.on('message', message => {
  if (message.type === 'load') {
    store = new ox.Store()
    if (message.nquads !== '') store.load(message.nquads, { format: 'application/n-quads' })
    parentPort.postMessage({ type: 'loaded' })
    return
  }
  try {
    const { text, count } = run(message)
    if (count > message.cap) parentPort.postMessage({ type: 'failed', id: message.id, code: 'RESULT_TOO_LARGE', message: String(count) })
    else parentPort.postMessage({ type: 'answer', id: message.id, text, count })
  } catch (error) {
    parentPort.postMessage({ type: 'failed', id: message.id, code: 'INVALID_QUERY', message: String(error && error.message || error) })
  }
})
`
