/**
 * The requirement structure the relaxation runs on: the interface types some service of the
 * catalog requires (interned), which required types each provided type satisfies, and every
 * required node indexed by type. Depends on the catalog only (service indices are the same for
 * every request: IRI order), so it is built once per catalog and kept for its lifetime.
 */
import type { Catalog, InterfaceNode, Service } from '../catalog/index.js'
import type { Problem } from './problem.js'

/**
 * The interface types some service of the catalog requires, interned, and for each provided
 * type the required types it satisfies (its superclasses among them). Depends on the catalog
 * only, so it is kept for the catalog's lifetime.
 */
export class RequiredTypes {
  readonly ids = new Map<string, number>()
  private readonly satisfied = new Map<string, Int32Array>()

  constructor (private readonly catalog: Catalog) {
    for (const service of catalog.services.values()) {
      for (const node of service.requires) for (const type of node.types) if (!this.ids.has(type)) this.ids.set(type, this.ids.size)
    }
  }

  /** Ids of the required types a provided type satisfies. */
  satisfiedBy (type: string): Int32Array {
    let ids = this.satisfied.get(type)
    if (ids === undefined) {
      const found: number[] = []
      for (const sup of this.catalog.hierarchy.superClasses(type)) {
        const id = this.ids.get(sup)
        if (id !== undefined) found.push(id)
      }
      ids = Int32Array.from(found)
      this.satisfied.set(type, ids)
    }
    return ids
  }
}

const requiredTypes = new WeakMap<Catalog, RequiredTypes>()

function requiredTypesOf (catalog: Catalog): RequiredTypes {
  let types = requiredTypes.get(catalog)
  if (types === undefined) requiredTypes.set(catalog, types = new RequiredTypes(catalog))
  return types
}

/**
 * Every required node of the catalog's services, indexed for the fixpoint. Depends on the
 * catalog only (service indices are the same for every request), so it is kept for the
 * catalog's lifetime; a problem's relaxations skip the services it does not admit.
 */
export class RequirementGraph {
  readonly types: RequiredTypes
  /** Service of each required node, and its distinct type ids. */
  readonly nodeService: Int32Array
  readonly nodeTypes: Int32Array[] = []
  /** Required node ids of each service. */
  readonly serviceNodes: Int32Array[]
  /** Required node ids by type id. */
  readonly requiredBy: Int32Array[]
  private readonly fanOuts = new Map<number, number>()
  private readonly provided = new Map<number, Int32Array>()

  constructor (readonly catalog: Catalog, private readonly services: readonly Service[]) {
    this.types = requiredTypesOf(catalog)
    const nodeService: number[] = []
    const requiredBy: number[][] = Array.from({ length: this.types.ids.size }, () => [])
    this.serviceNodes = services.map((service, s) => Int32Array.from(service.requires, node => {
      const id = nodeService.length
      nodeService.push(s)
      const types = Int32Array.from(new Set(node.types), type => this.types.ids.get(type)!)
      this.nodeTypes.push(types)
      for (const type of types) requiredBy[type]!.push(id)
      return id
    }))
    this.nodeService = Int32Array.from(nodeService)
    this.requiredBy = requiredBy.map(ids => Int32Array.from(ids))
  }

  /** Ids of the required types the service's provided interfaces satisfy, each once. */
  providedIds (s: number): Int32Array {
    let ids = this.provided.get(s)
    if (ids === undefined) {
      const found = new Set<number>()
      for (const node of this.services[s]!.provides) for (const type of node.types) for (const id of this.types.satisfiedBy(type)) found.add(id)
      ids = Int32Array.from(found)
      this.provided.set(s, ids)
    }
    return ids
  }

  /** How many required nodes the service's interfaces can satisfy: the most its propagation can touch first. */
  fanOut (s: number, provides: readonly InterfaceNode[]): number {
    let count = this.fanOuts.get(s)
    if (count === undefined) {
      count = 0
      for (const node of provides) {
        for (const type of node.types) for (const id of this.types.satisfiedBy(type)) count += this.requiredBy[id]!.length
      }
      this.fanOuts.set(s, count)
    }
    return count
  }
}

const graphs = new WeakMap<Catalog, RequirementGraph>()

export function graphOf (problem: Problem): RequirementGraph {
  let graph = graphs.get(problem.catalog)
  if (graph === undefined) graphs.set(problem.catalog, graph = new RequirementGraph(problem.catalog, problem.table.services))
  return graph
}
