/**
 * Matcher fixture cases: `test/fixtures/matcher/<case>/` with `catalog.ttl`, `request.json`
 * (`{"operation": "discover" | "canCombine" | "combinableWith" | "matchInterface", …}`) and the
 * golden `expected.json` (the answer, or `{"error": {"code", "message"}}`).
 * `UPDATE_GOLDEN=1` rewrites the golden files (review the diff before keeping it).
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DataFactory, Parser } from 'n3'
import type { Quad, Term } from '@rdfjs/types'
import { compileCatalog, type Catalog, type InterfaceNode } from '../../src/catalog/index.js'
import { SymphonyError } from '../../src/errors.js'
import { canCombine, combinableWith, discover, matchInterface } from '../../src/matcher/index.js'

export const fixtures = fileURLToPath(new URL('../fixtures/matcher/', import.meta.url))

export function caseNames (): string[] {
  return readdirSync(fixtures, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => entry.name).sort()
}

/**
 * Parses a case's Turtle. Labelled blank nodes keep their labels (`_:feed`); anonymous ones
 * (`[ … ]`) are numbered in order of appearance (`_:anon1`, …) so golden answers are stable.
 */
export function readCatalogQuads (name: string): Quad[] {
  const quads = new Parser({ blankNodePrefix: '_:' }).parse(readFileSync(join(fixtures, name, 'catalog.ttl'), 'utf8')) as Quad[]
  const names = new Map<string, string>()
  const rename = <T extends Term>(term: T): T => {
    if (term.termType !== 'BlankNode' || !term.value.startsWith('n3-')) return term
    let label = names.get(term.value)
    if (label === undefined) names.set(term.value, label = `anon${names.size + 1}`)
    return DataFactory.blankNode(label) as unknown as T
  }
  return quads.map(q => DataFactory.quad(rename(q.subject), q.predicate, rename(q.object), q.graph) as Quad)
}

export function readJson (name: string, file: string): unknown {
  return JSON.parse(readFileSync(join(fixtures, name, file), 'utf8'))
}

interface Operation {
  operation: 'discover' | 'canCombine' | 'combinableWith' | 'matchInterface'
  request?: unknown
  a?: string
  b?: string
  service?: string
  options?: Record<string, unknown>
  required?: string
  provided?: string
}

/** Runs the case's operation; a `SymphonyError` becomes `{ error: { code, message } }`. */
export function answer (catalog: Catalog, operation: Operation): unknown {
  try {
    return JSON.parse(JSON.stringify(run(catalog, operation)))
  } catch (error) {
    if (!(error instanceof SymphonyError)) throw error
    return { error: { code: error.code, message: error.message } }
  }
}

function run (catalog: Catalog, op: Operation): unknown {
  switch (op.operation) {
    case 'discover': return discover(catalog, op.request)
    case 'canCombine': return canCombine(catalog, op.a!, op.b!)
    case 'combinableWith': return combinableWith(catalog, op.service!, op.options ?? {})
    case 'matchInterface': return matchInterface(node(catalog, op.required!), node(catalog, op.provided!), catalog.hierarchy)
  }
}

/** Every interface node of the catalog. */
export function interfaceNodes (catalog: Catalog): InterfaceNode[] {
  return [...catalog.services.values()].flatMap(s => [...s.provides, ...s.requires, ...s.optionallyRequires])
}

function node (catalog: Catalog, id: string): InterfaceNode {
  const found = interfaceNodes(catalog).find(n => n.id === id)
  if (found === undefined) throw new Error(`no interface node ${id} in the fixture`)
  return found
}

export function compile (name: string): Catalog {
  return compileCatalog(readCatalogQuads(name))
}
