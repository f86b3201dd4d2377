/**
 * oxigraph and sparqljs as the SPARQL worker uses them, loaded with `require`: both are CommonJS,
 * and imported as ES modules (through Node's ESM loader) they cost each start of the thread about
 * 100 ms more CPU (docs/scale.md, "The SPARQL worker as a module").
 */
import { createRequire } from 'node:module'
import type * as Oxigraph from 'oxigraph'
import type * as SparqlJs from 'sparqljs'

const require = createRequire(import.meta.url)

export const oxigraph = require('oxigraph') as typeof Oxigraph
export const sparqljs = require('sparqljs') as typeof SparqlJs
