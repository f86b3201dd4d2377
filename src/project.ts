/** Where the project's built-in data lives, wherever the code runs from (src/ or dist/). */
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

export const projectRoot = fileURLToPath(new URL('..', import.meta.url))

export const builtinFolders = {
  ontology: join(projectRoot, 'ontology'),
  shapes: join(projectRoot, 'shapes'),
  examples: join(projectRoot, 'examples', 'catalog')
} as const

export const builtinFiles = {
  publishingShapes: join(builtinFolders.shapes, 'service-description.ttl')
} as const

/** Graph IRIs of the built-in data, and the base for graphs of imported files. */
export const graphs = {
  ontology: 'https://w3id.org/symphony/graph/ontology',
  shapes: 'https://w3id.org/symphony/graph/shapes',
  imported: 'https://w3id.org/symphony/graph/import/',
  data: 'https://w3id.org/symphony/graph/data/',
  configuration: 'https://w3id.org/symphony/graph/configuration/',
  /** Vocabulary extensions the operator manages (`PUT /vocabulary/{name}`, `symphony vocabulary add`). */
  vocabulary: 'https://w3id.org/symphony/graph/vocabulary/',
  /** Operations data (accounts, orders, subscriptions, invoices, tickets): never public. */
  operations: 'https://w3id.org/symphony/graph/ops/'
} as const

/**
 * Is this graph operations data? Such graphs stay out of the catalog, its exports and the
 * public SPARQL endpoint; only the routes that check role and ownership read them.
 */
export function isOperationsGraph (graph: string): boolean {
  return graph.startsWith(graphs.operations)
}

/** Where private graphs live: operations data and stored configurations. */
export const privateGraphPrefixes: readonly string[] = [graphs.operations, graphs.configuration]

/**
 * May only an authenticated owner read this graph? Operations data and stored configurations
 * (customer names, SIP user names, addresses) stay out of the catalog, exports and SPARQL.
 */
export function isPrivateGraph (graph: string): boolean {
  return privateGraphPrefixes.some(prefix => graph.startsWith(prefix))
}

/** Default data directory of the embedded store. */
export const defaultDataDir = join(projectRoot, 'data')
