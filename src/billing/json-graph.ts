/**
 * Small records of billing (settings, customer profiles, usage) kept whole as one `rdf:JSON`
 * literal in their own operations graph: written all or nothing, read back exactly.
 */
import { DataFactory } from 'n3'
import { SymphonyError } from '../errors.js'
import { ns } from '../rdf/index.js'
import type { Store } from '../store/index.js'

const { namedNode, literal, quad } = DataFactory

/** The record stored in `graph`, or `undefined`. */
export async function readJsonGraph<T> (store: Store, graph: string): Promise<T | undefined> {
  const found = (await store.graph(graph)).find(q => q.predicate.value === `${ns.rdf}value`)
  if (found === undefined) return undefined
  try {
    return JSON.parse(found.object.value) as T
  } catch (error) {
    throw new SymphonyError('STORE_ERROR', { en: `the record in graph ${graph} is not readable JSON`, de: `der Datensatz im Graphen ${graph} ist kein lesbares JSON` }, { node: graph, cause: error })
  }
}

/** Replaces the record in `graph` (about `subject`); the graphs in `removing` are emptied in the same write. */
export async function writeJsonGraph (store: Store, graph: string, subject: string, value: unknown, removing: readonly string[] = []): Promise<void> {
  await store.putGraphs([{
    graph,
    quads: [quad(namedNode(subject), namedNode(`${ns.rdf}value`), literal(JSON.stringify(value), namedNode(`${ns.rdf}JSON`)), namedNode(graph))]
  }, ...removing.filter(other => other !== graph).map(other => ({ graph: other, quads: [] }))], { durable: true })
}
