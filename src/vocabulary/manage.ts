/**
 * Vocabulary graphs the operator manages: one named graph per extension, under
 * `graphs.vocabulary`. Names are short slugs so that a graph IRI is predictable.
 */
import type { Quad } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { SymphonyError } from '../errors.js'
import { graphs } from '../project.js'
import type { GraphContent, Store } from '../store/index.js'

/** A stored vocabulary graph. */
export interface VocabularyGraph {
  readonly name: string
  readonly graph: string
  readonly triples: number
}

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** The graph IRI of a vocabulary name; throws `INVALID_REQUEST` for a name that is not a slug. */
export function vocabularyGraphOf (name: string): string {
  if (!namePattern.test(name)) {
    throw new SymphonyError('INVALID_REQUEST', {
      en: `vocabulary name ${JSON.stringify(name)} must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit`,
      de: `der Vokabularname ${JSON.stringify(name)} muss aus 1–64 Buchstaben, Ziffern, ".", "_" oder "-" bestehen und mit einem Buchstaben oder einer Ziffer beginnen`
    }, { path: 'name' })
  }
  return graphs.vocabulary + name
}

/** Every vocabulary graph, sorted by name. */
export async function listVocabularies (store: Store): Promise<VocabularyGraph[]> {
  return (await store.graphs())
    .filter(g => g.graph.startsWith(graphs.vocabulary))
    .map(g => ({ name: g.graph.slice(graphs.vocabulary.length), graph: g.graph, triples: g.triples }))
    .sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
}

/** A vocabulary graph's content: the quads moved into its graph. Refuses an empty graph. */
export function vocabularyContent (name: string, quads: readonly Quad[]): GraphContent {
  const graph = vocabularyGraphOf(name)
  if (quads.length === 0) {
    throw new SymphonyError('INVALID_REQUEST', {
      en: `vocabulary ${name}: no triples; send Turtle, JSON-LD or N-Triples with the terms`,
      de: `Vokabular ${name}: keine Tripel; senden Sie die Begriffe als Turtle, JSON-LD oder N-Triples`
    })
  }
  return { graph, quads: quads.map(q => DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(graph)) as Quad) }
}

/** Stores (replaces) a vocabulary graph; the quads' own graphs are dropped. Refuses an empty graph. */
export async function putVocabulary (store: Store, name: string, quads: readonly Quad[]): Promise<VocabularyGraph> {
  const content = vocabularyContent(name, quads)
  await store.putGraphs([content])
  return { name, graph: content.graph, triples: content.quads.length }
}

/** Deletes a vocabulary graph; throws `NOT_FOUND` when there is none of that name. */
export async function deleteVocabulary (store: Store, name: string): Promise<void> {
  const graph = vocabularyGraphOf(name)
  if (!(await listVocabularies(store)).some(v => v.graph === graph)) {
    throw new SymphonyError('NOT_FOUND', {
      en: `there is no vocabulary ${name}; GET /vocabulary (symphony vocabulary list) lists them`,
      de: `es gibt kein Vokabular ${name}; GET /vocabulary (symphony vocabulary list) listet die vorhandenen`
    })
  }
  await store.deleteGraphs([graph])
}
