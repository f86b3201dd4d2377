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
  configuration: 'https://w3id.org/symphony/graph/configuration/'
} as const

/** Default data directory of the embedded store. */
export const defaultDataDir = join(projectRoot, 'data')
