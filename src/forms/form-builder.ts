/**
 * State of one form generation: the graph, language, class hierarchy, and the `$defs` of
 * nested node shapes. A node shape (or set of shapes) gets its definition once, registered
 * before it is built, so recursive shapes end in a `$ref` instead of an endless expansion.
 */
import type { Quad, Term } from '@rdfjs/types'
import { terms } from '../rdf/index.js'
import { buildObject } from './object-schema.js'
import { uniqueName } from './property-names.js'
import { ShapesGraph, iriTerm, localName, sh, termKey } from './shapes-graph.js'
import type { FormRegion, IsSubClassOf, Json, JsonSchema, UiObject } from './types.js'

export class FormBuilder {
  readonly defs = new Map<string, JsonSchema>()
  readonly uiDefs = new Map<string, UiObject>()
  private readonly names = new Map<string, string>()
  private readonly used = new Set<string>()

  /**
   * @param prefill Values the caller already knows, by property IRI: they become the defaults of
   *   the fields with that path (e.g. the seats of the request a bundle was composed for).
   * @param context The configured services' descriptions and the request's region, which narrow
   *   fields with `symsh:valuesFrom`.
   */
  /** The configured services' descriptions, for `symsh:valuesFrom`. */
  readonly facts: ShapesGraph
  readonly region: FormRegion | undefined
  /** Shapes the form adds to its graph (the region checks), as quads. */
  readonly added: Quad[] = []

  constructor (readonly graph: ShapesGraph, readonly language: string, readonly isSubClassOf: IsSubClassOf, readonly prefill: Readonly<Record<string, Json>> = {},
    context: { readonly facts?: readonly Quad[], readonly region?: FormRegion } = {}) {
    this.facts = new ShapesGraph(context.facts ?? [])
    this.region = context.region
  }

  /** The `$defs` name for objects conforming to these node shapes. */
  definition (shapes: readonly Term[], hint: string): string {
    const unique = [...new Map(shapes.map(shape => [termKey(shape), shape])).values()]
    const key = unique.map(termKey).sort().join(' ')
    const known = this.names.get(key)
    if (known !== undefined) return known
    const named = unique.filter(shape => shape.termType === 'NamedNode').map(shape => localName(shape.value))
    const name = uniqueName(named.length > 0 ? named.join('_') : hint, this.used)
    this.names.set(key, name)
    this.defs.set(name, {})
    const { schema, ui } = buildObject(this, unique, { hint: name })
    this.defs.set(name, schema)
    this.uiDefs.set(name, ui)
    return name
  }

  /** Shapes that target a class: `sh:targetClass`, or the class itself as a node shape (SHACL §2.1.3.3). */
  targetShapesOf (cls: string): Term[] {
    const node = iriTerm(cls)
    const explicit = this.graph.subjects(sh('targetClass'), node)
    const implicit = this.graph.has(node, terms.type, iriTerm(sh('NodeShape'))) ? [node] : []
    return [...explicit, ...implicit]
  }

  /** `$defs` and their UI layouts, sorted by name. */
  definitions (): { schemas: Record<string, JsonSchema>, ui: Record<string, UiObject> } {
    const names = [...this.defs.keys()].sort()
    return {
      schemas: Object.fromEntries(names.map(name => [name, this.defs.get(name)!])),
      ui: Object.fromEntries(names.map(name => [name, this.uiDefs.get(name)!]))
    }
  }
}
