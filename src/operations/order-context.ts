/**
 * What an order needs from the catalog and the stored configurations: each service's provider
 * and adapter, the RDF an adapter's payload query sees, the configurations re-checked with
 * SHACL, and a provider's name for the reasons it is quoted in.
 */
import type { Quad } from '@rdfjs/types'
import type { Catalog } from '../catalog/index.js'
import { nameServiceNodes } from '../catalog/service-node-names.js'
import { catalogNamer } from '../matcher/index.js'
import { SymphonyError, type ErrorMessages } from '../errors.js'
import type { Store } from '../store/index.js'
import { adapterOf } from './adapter-description.js'
import { KeyedLock } from './keyed-lock.js'
import type { ServiceFacts } from './place-order.js'
import type { Actor, Order, OrderItem } from './types.js'

/**
 * The SHACL check of a stored configuration; `configures`: the services it is about; `owner`: the
 * account that stored it (absent for one stored before owners were recorded).
 */
export type ConfigurationCheck = (id: string) => Promise<{ ok: boolean, configures: readonly string[], issues: readonly string[], quads: readonly Quad[], owner?: string | undefined }>

export interface OrderContextDependencies {
  readonly store: Store
  readonly catalog: () => Promise<Catalog>
  readonly checkConfiguration: ConfigurationCheck
}

/** Throws INVALID_REQUEST unless both seat counts are whole numbers of at least 1. */
export function checkSeats (seats: number, concurrentSeats: number): void {
  for (const [name, value] of [['seats', seats], ['concurrentSeats', concurrentSeats]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new SymphonyError('INVALID_REQUEST', {
        en: `${name} must be a whole number of at least 1, not ${value}`,
        de: `${name} muss eine ganze Zahl von mindestens 1 sein, nicht ${value}`
      })
    }
  }
}

export class OrderContext {
  readonly #deps: OrderContextDependencies
  readonly #configurationLock = new KeyedLock()

  constructor (deps: OrderContextDependencies) {
    this.#deps = deps
  }

  /** Provider and adapter of each service, from its description in the catalog; UNKNOWN_SERVICE for one it lacks. */
  async facts (services: readonly string[]): Promise<Map<string, ServiceFacts>> {
    const catalog = await this.#deps.catalog()
    const graphs = new Map<string, Quad[]>()
    const facts = new Map<string, ServiceFacts>()
    for (const iri of services) {
      const service = catalog.services.get(iri)
      if (service === undefined) throw new SymphonyError('UNKNOWN_SERVICE', { en: `${iri} is not in the catalog`, de: `${iri} ist nicht im Katalog` })
      const graph = service.graph ?? ''
      if (!graphs.has(graph)) graphs.set(graph, graph === '' ? [] : await this.#deps.store.graph(graph))
      facts.set(iri, { provider: service.provider ?? iri, adapter: adapterOf(graphs.get(graph)!, iri) })
    }
    return facts
  }

  /**
   * Runs `work` — checking configurations and storing the order that names them, or deleting one
   * no order names — after every other such work has ended, so a configuration is never deleted
   * between an order's check and its write.
   */
  async withConfigurations<T> (work: () => Promise<T>): Promise<T> {
    return this.#configurationLock.run('configurations', work)
  }

  /**
   * The configurations, each stored by the order's `customer` (or by the operator, when the
   * operator places the order), still conforming and about members of the bundle only: an order
   * sends its configurations to the providers and may delete them when it fails, so it never
   * carries another account's.
   */
  async checkConfigurations (ids: readonly string[], services: readonly string[], owners: { customer: string, by: Actor }): Promise<string[]> {
    const members = new Set(services)
    for (const id of ids) {
      const check = await this.#deps.checkConfiguration(id)
      // One stored before owners were recorded is the operator's alone.
      const owner = check.owner ?? 'operator'
      if (owner !== owners.customer && !(owners.by.role === 'operator' && owner === 'operator')) {
        throw new SymphonyError('FORBIDDEN', {
          en: `configuration ${id} belongs to another account; an order carries only configurations its customer (${owners.customer}) stored`,
          de: `die Konfiguration ${id} gehört zu einem anderen Konto; ein Auftrag nimmt nur Konfigurationen mit, die sein Kunde (${owners.customer}) gespeichert hat`
        })
      }
      const foreign = check.configures.filter(s => !members.has(s))
      if (foreign.length > 0) {
        throw new SymphonyError('INVALID_REQUEST', {
          en: `configuration ${id} configures ${foreign.join(', ')}, which is not in the bundle`,
          de: `die Konfiguration ${id} konfiguriert ${foreign.join(', ')}, das nicht zum Bündel gehört`
        })
      }
      if (!check.ok) {
        // The issues are the shapes' own messages: quoted as they are in both languages.
        const issues = check.issues.join('; ')
        throw new SymphonyError('NOT_CONFORMING', {
          en: `configuration ${id} no longer conforms: ${issues}`,
          de: `die Konfiguration ${id} ist nicht mehr konform: ${issues}`
        }, { details: { issues: check.issues } })
      }
    }
    return [...ids]
  }

  /** RDF the payload query sees besides the item: the order's configurations and the item's service descriptions. */
  async contextQuads (order: Order, item: OrderItem): Promise<Quad[]> {
    const quads: Quad[] = []
    for (const id of order.configurations) quads.push(...(await this.#deps.checkConfiguration(id)).quads)
    const catalog = await this.#deps.catalog()
    const seen = new Set<string>()
    for (const line of item.lines) {
      const graph = catalog.services.get(line.service)?.graph
      if (graph === undefined || seen.has(graph)) continue
      seen.add(graph)
      // Interfaces and offers named as in the catalog: a line's offer is found in its description.
      quads.push(...nameServiceNodes(await this.#deps.store.graph(graph), catalog.serviceNodeRoles))
    }
    return quads
  }

  /** Names of the catalog's services and providers in English and German, else the IRI's local name. */
  async names (): Promise<(iri: string) => ErrorMessages> {
    const named = catalogNamer(await this.#deps.catalog())
    return iri => ({ en: named(iri, 'en'), de: named(iri, 'de') })
  }

  /** A provider's name in English and German as the catalog has it, else its IRI's local name. */
  async providerName (provider: string): Promise<ErrorMessages> {
    return (await this.names())(provider)
  }
}
