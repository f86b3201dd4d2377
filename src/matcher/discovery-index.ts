/**
 * What discovery needs of a catalog that no request changes, kept per catalog (a compiled
 * catalog is never modified; a new version is a new object): services and classes as small
 * integers; per class the services whose interfaces state it (provided, required), and from them
 * the services providing a comparable type and the services consuming it; per wanted class which
 * services provide a relative of it; per service its interfaces' most specific types as class
 * numbers (`profile`). Built piecewise on first use of a class or service — never by a scan over
 * every service — or ahead of the first request, a slice at a time (`prepareDiscovery`).
 */
import type { Catalog, InterfaceNode, Service } from '../catalog/index.js'
import { wuPalmer } from '../catalog/class-similarity.js'
import { nextTurn, SliceClock } from '../turns.js'
import { effectiveTypes } from './degree.js'
import type { DiscoveryRequest } from './request.js'

/** Whether a service provides (a class is) a relative of one wanted class: 0 not asked yet. */
const unknown = 0
const related = 1
const unrelated = 2

/** Wanted classes whose relatives are kept: the oldest is dropped beyond this. */
const relativesKept = 64

/** Services numbered or profiled between two looks at the clock in `prepare`. */
const servicesPerLook = 256

/** Consumers asked whether they provide a relative of the wanted types between two looks at the clock in `candidateSteps` (each may be profiled first). */
const consumersPerLook = 64

/** Which interfaces of a service `stating` looks at: provided ones, or required and optionally required ones. */
type StatedRole = 'provides' | 'requires'

const none = new Int32Array(0)

export class DiscoveryIndex {
  readonly #catalog: Catalog
  /** Services by ordinal, in the order they were first met (prepared: in catalog order). */
  readonly #services: Service[] = []
  readonly #ordinals = new Map<string, number>()
  readonly #classes = new Map<string, number>()
  readonly #classNames: string[] = []
  readonly #comparable = new Map<string, Int32Array>()
  readonly #consumers = new Map<string, Int32Array>()
  readonly #stated: Record<StatedRole, Map<string, Int32Array>> = { provides: new Map(), requires: new Map() }
  /** Every service numbered (in catalog order) and every class's stating services known: see `prepared`. */
  #prepared = false
  readonly #relatives = new Map<string, Relatives>()
  /** Per service ordinal: the mark of the last search that took it; marks only grow. */
  readonly #seen: Int32Array
  #mark = 0
  /** Per service ordinal: where its profile starts in `profiles`, -1 until asked. */
  readonly #profileStart: Int32Array
  #profiles = new Int32Array(1024)
  #profilesLength = 0

  constructor (catalog: Catalog) {
    this.#catalog = catalog
    const size = catalog.services.size
    this.#seen = new Int32Array(size)
    this.#profileStart = new Int32Array(size).fill(-1)
  }

  /** The profiles of every service asked about so far; read from a `profile` offset. */
  get profiles (): Int32Array {
    return this.#profiles
  }

  /** Whether the index was built ahead (`prepared`) rather than on demand. */
  get prepared (): boolean {
    return this.#prepared
  }

  /** How many classes are numbered so far (every class number is below it). */
  get classCount (): number {
    return this.#classes.size
  }

  /** The service of an ordinal. */
  service (s: number): Service {
    return this.#services[s]!
  }

  /**
   * The ordinals of the services that may be a result of `request` (see `discover`): those
   * providing something comparable to the rarest wanted type (full matches only), or to any
   * wanted type; with near misses also those meeting a requirement exactly or as a plugin with an
   * available type and providing a relative of every wanted type (the related-outputs kind,
   * which uses what is offered). All services when nothing is wanted. In the index's own order:
   * the ranking does not depend on it.
   */
  candidates (request: DiscoveryRequest): Iterable<number> {
    const steps = this.candidateSteps(request)
    let step = steps.next()
    while (step.done !== true) step = steps.next()
    return step.value
  }

  /**
   * `candidates`, yielding whenever `clock`'s slice is over (the caller resumes after a turn of
   * the event loop and starts the clock's next slice; without a clock it never yields). Between
   * yields another request may use the index, so a search with a clock marks the services it
   * took in an array of its own.
   */
  * candidateSteps (request: DiscoveryRequest, clock?: SliceClock): Generator<void, Iterable<number>> {
    if (request.wanted.length === 0) {
      return this.#prepared ? this.#services.keys() : Array.from(this.#catalog.services.keys(), id => this.#ordinal(id))
    }
    const sets = request.wanted.map(type => this.#comparableTo(type))
    if (!request.includePartial) return sets.reduce((min, set) => set.length < min.length ? set : min)
    const consumers: Int32Array[] = []
    for (const type of request.available) {
      if (clock?.over() === true) yield
      consumers.push(this.#consumersOf(type))
    }
    const seen = clock === undefined ? this.#seen : new Int32Array(this.#seen.length)
    const mark = clock === undefined ? this.#nextMark() : 1
    const found: number[] = []
    for (const set of sets) {
      for (const s of set) {
        if (seen[s] === mark) continue
        seen[s] = mark
        found.push(s)
      }
    }
    // A service providing no comparable type can only be a near miss with related outputs:
    // every requirement met exactly or as a plugin, so it consumes an available type that way.
    const relatives = request.wanted.map(type => this.#relativesOf(type))
    let looked = 0
    for (const set of consumers) {
      for (const s of set) {
        if (seen[s] === mark) continue
        seen[s] = mark
        if (clock !== undefined && ++looked % consumersPerLook === 0 && clock.over()) yield
        let all = true
        for (let k = 0; k < relatives.length && all; k++) all = this.#provides(relatives[k]!, request.wanted[k]!, s)
        if (all) found.push(s)
      }
    }
    return found
  }

  /**
   * The index with everything requests would build on first use built now, from one pass over
   * the services: each numbered in catalog order and profiled, and per class the services stating
   * it on a provided or a required interface. With a clock, yields whenever its slice is over (the
   * caller resumes after a turn of the event loop): at 100,000 services about 0.3 s of work.
   * Its answers are those of an index built on demand; only the numbering of services
   * differs, which no ranking depends on.
   */
  static * prepared (catalog: Catalog, clock?: SliceClock): Generator<void, DiscoveryIndex> {
    const index = new DiscoveryIndex(catalog)
    const stated = { provides: new Map<string, number[]>(), requires: new Map<string, number[]>() }
    const state = (role: StatedRole, nodes: readonly InterfaceNode[], s: number): void => {
      for (const node of nodes) {
        for (const type of node.types) {
          const list = stated[role].get(type)
          if (list === undefined) stated[role].set(type, [s])
          else if (list.at(-1) !== s) list.push(s)
        }
      }
    }
    for (const service of catalog.services.values()) {
      const s = index.#services.length
      if (clock !== undefined && s > 0 && s % servicesPerLook === 0 && clock.over()) {
        yield
        clock.start()
      }
      index.#services.push(service)
      state('provides', service.provides, s)
      state('requires', service.requires, s)
      state('requires', service.optionallyRequires, s)
      index.profile(s)
    }
    for (const role of ['provides', 'requires'] as const) {
      for (const [type, list] of stated[role]) index.#stated[role].set(type, Int32Array.from(list))
    }
    index.#prepared = true
    return index
  }

  /**
   * Where the profile of service `s` starts in `profiles`: its provided interfaces, its
   * requirements and its optional requirements, each as a count followed by that many
   * interfaces; an interface as the count of its most specific types (`effectiveTypes`)
   * followed by their class numbers.
   */
  profile (s: number): number {
    let start = this.#profileStart[s]!
    if (start === -1) {
      const service = this.#services[s]!
      const { hierarchy } = this.#catalog
      const values: number[] = []
      for (const nodes of [service.provides, service.requires, service.optionallyRequires]) {
        values.push(nodes.length)
        for (const node of nodes) {
          const types = effectiveTypes(node.types, hierarchy)
          values.push(types.length)
          for (const type of types) values.push(this.classNumber(type))
        }
      }
      start = this.#append(values)
      this.#profileStart[s] = start
    }
    return start
  }

  /** The number of a class, given one on first sight. */
  classNumber (c: string): number {
    let n = this.#classes.get(c)
    if (n === undefined) {
      this.#classes.set(c, n = this.#classNames.length)
      this.#classNames.push(c)
    }
    return n
  }

  /** The class of a number. */
  className (n: number): string {
    return this.#classNames[n]!
  }

  #append (values: readonly number[]): number {
    const start = this.#profilesLength
    if (start + values.length > this.#profiles.length) {
      const grown = new Int32Array(Math.max(2 * this.#profiles.length, start + values.length))
      grown.set(this.#profiles)
      this.#profiles = grown
    }
    this.#profiles.set(values, start)
    this.#profilesLength += values.length
    return start
  }

  #ordinal (service: string): number {
    let ordinal = this.#ordinals.get(service)
    if (ordinal === undefined) {
      ordinal = this.#services.length
      this.#services.push(this.#catalog.services.get(service)!)
      this.#ordinals.set(service, ordinal)
    }
    return ordinal
  }

  #nextMark (): number {
    if (this.#mark === 0x7fffffff) {
      this.#seen.fill(0)
      this.#mark = 0
    }
    return ++this.#mark
  }

  /** Services providing a subclass of `type` or one of its superclasses, each once. */
  #comparableTo (type: string): Int32Array {
    let set = this.#comparable.get(type)
    if (set === undefined) {
      // The subclasses' services are `catalog.providersOf(type)`'s, without its order.
      const { hierarchy } = this.#catalog
      const mark = this.#nextMark()
      const found: number[] = []
      for (const sub of hierarchy.subClasses(type)) for (const s of this.#stating(sub, 'provides')) this.#take(s, mark, found)
      for (const sup of hierarchy.superClasses(type)) for (const s of this.#stating(sup, 'provides')) this.#take(s, mark, found)
      this.#comparable.set(type, set = Int32Array.from(found))
    }
    return set
  }

  /**
   * Services with a requirement an interface of `type` meets exactly or as a plugin, each once:
   * those with a requirement stating one of its superclasses (as `catalog.consumersOf`, without
   * its order). Each superclass's services are looked up once, however many classes share it.
   */
  #consumersOf (type: string): Int32Array {
    let set = this.#consumers.get(type)
    if (set === undefined) {
      const mark = this.#nextMark()
      const found: number[] = []
      for (const sup of this.#catalog.hierarchy.superClasses(type)) for (const s of this.#stating(sup, 'requires')) this.#take(s, mark, found)
      this.#consumers.set(type, set = Int32Array.from(found))
    }
    return set
  }

  /** Adds service `s` to `found` unless `mark` says it is there. */
  #take (s: number, mark: number, found: number[]): void {
    if (this.#seen[s] === mark) return
    this.#seen[s] = mark
    found.push(s)
  }

  /** Services with an interface of `role` that states `type` itself among its types, each once, in catalog order. */
  #stating (type: string, role: StatedRole): Int32Array {
    const memo = this.#stated[role]
    let set = memo.get(type)
    if (set === undefined && this.#prepared) return none
    if (set === undefined) {
      const ids: number[] = []
      // In service order: a service stating the type on two interfaces comes twice in a row (a
      // repeat elsewhere would be dropped by the unions above).
      for (const node of this.#catalog.interfacesTyped(type, role)) {
        const s = this.#ordinal(node.service)
        if (ids.at(-1) !== s) ids.push(s)
      }
      memo.set(type, set = Int32Array.from(ids))
    }
    return set
  }

  /**
   * Per service and per class number, whether it provides (is) a relative of `wanted`: filled as
   * services and classes are asked about.
   */
  #relativesOf (wanted: string): Relatives {
    let known = this.#relatives.get(wanted)
    if (known === undefined) {
      if (this.#relatives.size >= relativesKept) this.#relatives.delete(this.#relatives.keys().next().value!)
      this.#relatives.set(wanted, known = { services: new Uint8Array(this.#seen.length), classes: new Uint8Array(Math.max(this.classCount, 16)) })
    }
    return known
  }

  /**
   * Does service `s` provide an interface with a type related to `wanted` (Wu–Palmer similarity
   * > 0)? Asked only of services providing nothing comparable to `wanted`, so the most specific
   * types of its interfaces (its profile) answer for all of them: the named ancestor a type
   * shares with `wanted` below the roots is an ancestor of its subclasses too.
   */
  #provides (known: Relatives, wanted: string, s: number): boolean {
    if (known.services[s] === unknown) {
      let at = this.profile(s)
      const profile = this.#profiles
      let found = false
      for (let i = profile[at++]!; i > 0 && !found; i--) {
        for (let t = profile[at++]!; t > 0; t--) {
          const c = profile[at++]!
          if (!found && this.#isRelative(known, wanted, c)) found = true
        }
      }
      known.services[s] = found ? related : unrelated
    }
    return known.services[s] === related
  }

  #isRelative (known: Relatives, wanted: string, c: number): boolean {
    if (c >= known.classes.length) {
      const grown = new Uint8Array(Math.max(2 * known.classes.length, c + 1))
      grown.set(known.classes)
      known.classes = grown
    }
    if (known.classes[c] === unknown) known.classes[c] = wuPalmer(this.#catalog.hierarchy, wanted, this.className(c)) > 0 ? related : unrelated
    return known.classes[c] === related
  }
}

/** Per service ordinal and per class number: whether it provides (is) a relative of one wanted class; 0 not asked yet. */
interface Relatives {
  readonly services: Uint8Array
  classes: Uint8Array
}

const indexes = new WeakMap<Catalog, DiscoveryIndex>()

/** The catalog's discovery index, made on first use and dropped with the catalog. */
export function discoveryIndex (catalog: Catalog): DiscoveryIndex {
  let index = indexes.get(catalog)
  if (index === undefined) indexes.set(catalog, index = new DiscoveryIndex(catalog))
  return index
}

/**
 * Prepares the catalog's discovery index (`DiscoveryIndex.prepared`) a slice of a few milliseconds
 * at a time, with a turn of the event loop between slices: a server does this before a catalog
 * becomes the one requests get, so no request builds it in one piece.
 */
export async function prepareDiscovery (catalog: Catalog, clock = new SliceClock()): Promise<void> {
  const steps = DiscoveryIndex.prepared(catalog, clock)
  let step = steps.next()
  while (step.done !== true) {
    await nextTurn()
    step = steps.next()
  }
  indexes.set(catalog, step.value)
}
