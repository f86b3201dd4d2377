/**
 * `nameServiceNodes` over a statement table in term ids (a `.nt` / `.nq` file read by the line
 * reader): the same names, minted by the same rules (`mintNames`), without a quad object. The
 * table's subjects and objects are renamed in place.
 */
import type { Literal } from '@rdfjs/types'
import { termKinds, type TermTable } from '../reasoner/index.js'
import type { ServiceNodeRoles } from './types.js'
import { catalogTerms as t } from './vocabulary.js'
import { literalContent, mintNames, nodeName, offerLabelOf, typeLabel } from './service-node-names.js'

/** Statements in term ids: `size` of them, `g` the graph of each (the default graph's key is `''`). */
export interface StatementTable {
  readonly terms: TermTable
  readonly s: Int32Array
  readonly p: Int32Array
  readonly o: Int32Array
  readonly g: Int32Array
  readonly size: number
}

/** In `pointer`: no statement points to the node; more than one does. */
const none = -1
const many = -2
/** In `graphOf`: the node was not seen yet; it appears in more than one graph. */
const unseen = -1
const several = -2

/** The blank nodes of a table to name, and what naming them reads. */
interface Unnamed {
  /** Graph → its nodes to name, in order of appearance. */
  readonly candidates: Map<number, number[]>
  readonly roleOf: Map<number, string>
  readonly firstOwn: Int32Array
  readonly nextOwn: Int32Array
  readonly pointer: Int32Array
}

/**
 * Names the unnamed interfaces and offers of the table (see `nameServiceNodes`; `roles` are the
 * role properties with the sub-properties stated); returns whether any was named.
 */
export function nameTableNodes (table: StatementTable, roles: ServiceNodeRoles): boolean {
  const unnamed = unnamedNodes(table, roles)
  return unnamed !== undefined && nameNodes(table, unnamed)
}

/** Whether the table holds a node `nameTableNodes` would name. */
export function hasUnnamedNodes (table: StatementTable, roles: ServiceNodeRoles): boolean {
  return unnamedNodes(table, roles) !== undefined
}

function unnamedNodes (table: StatementTable, roles: ServiceNodeRoles): Unnamed | undefined {
  const { terms, s, p, o, g, size } = table
  const kinds = terms.kinds
  const roleOf = new Map<number, string>()
  for (const [property, role] of roles) {
    const id = terms.iri(property)
    if (id !== undefined) roleOf.set(id, role)
  }
  let points = false
  for (let i = 0; i < size && !points; i++) points = kinds[o[i]!] === termKinds.blank && kinds[s[i]!] === termKinds.iri && roleOf.has(p[i]!)
  if (!points) return undefined

  // Per blank node (by term id): its own statements threaded through `nextOwn`, the one
  // statement pointing to it, its graph; and the blank nodes in order of appearance.
  const count = terms.size
  const firstOwn = new Int32Array(count).fill(-1)
  const lastOwn = new Int32Array(count).fill(-1)
  const nextOwn = new Int32Array(size).fill(-1)
  const pointer = new Int32Array(count).fill(none)
  const graphOf = new Int32Array(count).fill(unseen)
  const order: number[] = []
  const seen = (node: number, graph: number): void => {
    if (graphOf[node] === unseen) {
      graphOf[node] = graph
      order.push(node)
    } else if (graphOf[node] !== graph) {
      graphOf[node] = several
    }
  }
  for (let i = 0; i < size; i++) {
    const subject = s[i]!
    if (kinds[subject] === termKinds.blank) {
      seen(subject, g[i]!)
      if (firstOwn[subject] === -1) firstOwn[subject] = i
      else nextOwn[lastOwn[subject]!] = i
      lastOwn[subject] = i
    }
    const object = o[i]!
    if (kinds[object] === termKinds.blank) {
      seen(object, g[i]!)
      pointer[object] = pointer[object] === none ? i : many
    }
  }
  const candidates = new Map<number, number[]>()
  for (const node of order) {
    const from = pointer[node]!
    // Only a node its service alone points to, within one graph, is the service's own.
    if (from < 0 || graphOf[node] === several) continue
    if (kinds[s[from]!] !== termKinds.iri || !roleOf.has(p[from]!)) continue
    const list = candidates.get(g[from]!)
    if (list === undefined) candidates.set(g[from]!, [node])
    else list.push(node)
  }
  return candidates.size === 0 ? undefined : { candidates, roleOf, firstOwn, nextOwn, pointer }
}

function nameNodes (table: StatementTable, { candidates, roleOf, firstOwn, nextOwn, pointer }: Unnamed): boolean {
  const { terms, s, p, o } = table
  const kinds = terms.kinds
  const own = (node: number): number[] => {
    const found: number[] = []
    for (let i = firstOwn[node]!; i !== -1; i = nextOwn[i]!) found.push(i)
    return found
  }
  const typeId = terms.iri(t.type) ?? -1
  const labels = new Map<string, string>()
  const baseName = (node: number): string => {
    const from = pointer[node]!
    const role = roleOf.get(p[from]!)!
    const statements = own(node)
    const label = role === 'offer'
      ? offerLabelOf(predicate => statements.filter(i => terms.key(p[i]!) === predicate && kinds[o[i]!] === termKinds.literal).map(i => terms.term(o[i]!).value))
      : interfaceLabel(statements)
    return nodeName(terms.key(s[from]!), role, label)
  }
  const interfaceLabel = (statements: readonly number[]): string => {
    let first: string | undefined
    for (const i of statements) {
      if (p[i] !== typeId || kinds[o[i]!] !== termKinds.iri) continue
      const name = typeLabel(terms.key(o[i]!), labels)
      if (name !== '' && (first === undefined || name < first)) first = name
    }
    return first ?? ''
  }
  const content = (node: number, path: ReadonlySet<number> = new Set()): string => {
    const inner = new Set([...path, node])
    return own(node).map(i => {
      const object = o[i]!
      const kind = kinds[object]
      const written = kind === termKinds.iri
        ? `<${terms.key(object)}>`
        : kind === termKinds.literal
          ? literalContent(terms.term(object) as Literal)
          : kind === termKinds.blank && pointer[object]! >= 0 && !inner.has(object)
            ? `[${content(object, inner)}]`
            : '_'
      return `<${terms.key(p[i]!)}> ${written}`
    }).sort().join(' ; ')
  }

  // A named node's own statements are those with it as subject; its one pointer, the only
  // statement with it as object.
  let named = 0
  const rename = (node: number, name: string): void => {
    const id = terms.internKey(name)
    for (let i = firstOwn[node]!; i !== -1; i = nextOwn[i]!) s[i] = id
    o[pointer[node]!] = id
    named++
  }
  const used = usedNames(table)
  for (const [graph, nodes] of candidates) mintNames(nodes, used(graph), baseName, node => content(node), rename)
  return named > 0
}

/**
 * Per graph, the IRIs it uses as subject or object (never minted again) and the names minted in
 * it: one flag per term when the table holds one graph, else a set of term ids per graph.
 */
function usedNames (table: StatementTable): (graph: number) => { has: (name: string) => boolean, add: (name: string) => unknown } {
  const { terms, s, o, g, size } = table
  let single = true
  for (let i = 1; i < size && single; i++) single = g[i] === g[0]
  let inGraph: (graph: number, id: number) => boolean
  if (single) {
    const used = new Uint8Array(terms.size)
    for (let i = 0; i < size; i++) {
      used[s[i]!] = 1
      used[o[i]!] = 1
    }
    inGraph = (_graph, id) => used[id] === 1
  } else {
    const used = new Map<number, Set<number>>()
    for (let i = 0; i < size; i++) {
      let ids = used.get(g[i]!)
      if (ids === undefined) used.set(g[i]!, ids = new Set())
      ids.add(s[i]!)
      ids.add(o[i]!)
    }
    inGraph = (graph, id) => used.get(graph)?.has(id) === true
  }
  return graph => {
    const minted = new Set<string>()
    return {
      has: name => {
        if (minted.has(name)) return true
        const id = terms.iri(name)
        return id !== undefined && terms.kinds[id] === termKinds.iri && inGraph(graph, id)
      },
      add: name => minted.add(name)
    }
  }
}
