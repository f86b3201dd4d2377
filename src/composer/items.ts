/**
 * What the search must satisfy: the request's goals (a service type to cover, an interface
 * type to provide) and every `sym:requires` node of every member.
 */
import type { InterfaceNode, Service } from '../catalog/index.js'
import type { ResolvedRequest } from './resolve-request.js'
import type { ServiceTable } from './service-table.js'

export type Item =
  | { readonly kind: 'serviceType', readonly key: string, readonly type: string }
  | { readonly kind: 'wanted', readonly key: string, readonly type: string }
  | { readonly kind: 'requires', readonly key: string, readonly node: InterfaceNode, readonly consumer: number }

export type GoalItem = Extract<Item, { kind: 'serviceType' | 'wanted' }>

/** The goals of a request, service types first, in request order. */
export function goalItems (request: ResolvedRequest): GoalItem[] {
  return [
    ...request.serviceTypes.map(type => ({ kind: 'serviceType' as const, key: `serviceType ${type}`, type })),
    ...request.wanted.map(type => ({ kind: 'wanted' as const, key: `wanted ${type}`, type }))
  ]
}

/**
 * The requirement items of each service, built on first use. They depend on the catalog only
 * (service indices are the same for every request of a catalog), so they are kept per catalog
 * (by its services in index order) and shared by every request.
 */
export class RequirementItems {
  private readonly cache: Array<readonly Item[] | undefined>

  constructor (private readonly table: ServiceTable) {
    let cache = itemsOfCatalog.get(table.services)
    if (cache === undefined) itemsOfCatalog.set(table.services, cache = [])
    this.cache = cache
  }

  of (service: number): readonly Item[] {
    let items = this.cache[service]
    if (items === undefined) {
      // Ordered by content, not by node id: blank-node labels differ between parses.
      items = [...this.table.services[service]!.requires].sort(byContent)
        .map((node, i) => ({ kind: 'requires' as const, key: `${service} ${i} ${node.id}`, node, consumer: service }))
      this.cache[service] = items
    }
    return items
  }
}

/** Requirement items by service index, per catalog (its services in index order). */
const itemsOfCatalog = new WeakMap<readonly Service[], Array<readonly Item[] | undefined>>()

/** Orders interface nodes by types, protocols, formats and version, then id. */
export function byContent (a: InterfaceNode, b: InterfaceNode): number {
  return compare(contentKey(a), contentKey(b)) || compare(a.id, b.id)
}

/** Content keys of the catalog's nodes (read-only, so a key never changes). */
const contentKeys = new WeakMap<InterfaceNode, string>()

/** What matching a node depends on: its types, protocols, formats, version (range) and personal data. */
export function contentKey (node: InterfaceNode): string {
  let key = contentKeys.get(node)
  if (key === undefined) {
    key = [node.types.join(' '), node.protocols.join(' '), node.dataFormats.join(' '), node.version ?? '', node.versionRange ?? '', node.carriesData.join(' ')].join('|')
    contentKeys.set(node, key)
  }
  return key
}

function compare (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
