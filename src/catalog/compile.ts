/**
 * Compiling quads into the read-only, indexed catalog view the matcher and composer run on
 * (RDF at the edges, typed data in the core). Compile once, rebuild on publish.
 */
import type { Quad } from '@rdfjs/types'
import { builtinRules, compileRules, hierarchyOf, propertyHierarchyOf, reason, storedRules, type Reasoned, type Rule } from '../reasoner/index.js'
import type { Catalog, ClassHierarchy, InterfaceNode, LangText, Region, Service, ServiceNodeRoles } from './types.js'
import { indexSubjects } from './subject-index.js'
import { builtinCommerce } from './builtin-commerce.js'
import { InterfaceTypes, NodeReader, PriceComponents, readCompliance, readInterfaces, readOffers, sharedEmpties } from './read-service.js'
import { catalogTerms as t, interfaceProperties } from './vocabulary.js'
import { collectFactTable, serviceFacts, type FactTable, type ServiceFacts } from './service-facts.js'
import type { SubjectIndex } from './subject-index.js'
import { nameServiceNodes, serviceNodeRoles } from './service-node-names.js'

export interface CompileOptions {
  /**
   * Inference rules besides the built-in ones (`src/reasoner/rules/`) and those stored in the
   * quads (`a sym:InferenceRule`): e.g. the rule folders given with `--rules`.
   */
  readonly rules?: readonly Rule[]
  /** Told the reasoner's result (the bench and tests read it). */
  readonly onReasoned?: (reasoned: Reasoned) => void
}

/**
 * Compiles a catalog from every quad loaded (ontologies and service descriptions).
 *
 * A service is any node typed by `sym:Service` or a subclass (inferred through the class
 * hierarchy), and any node with `sym:provides`, `sym:requires` or `sym:optionallyRequires`
 * (or a sub-property, or an inverse of one): the minimal description of docs/describing-services.md is enough.
 * Unnamed interfaces and offers get their stable names first (`nameServiceNodes`), so every
 * answer refers to them the same way, however the quads were loaded. The inference rules run
 * next, to a fixpoint; the class hierarchy, the service and interface types and the interface
 * properties are read from their result.
 *
 * @example
 * const catalog = compileCatalog(quads)
 * catalog.providersOf(sym + 'ContactDirectoryInterface') // every provided interface ⊑ it
 */
export function compileCatalog (quads: Iterable<Quad>, options: CompileOptions = {}): Catalog {
  return catalogOfParts(compileParts(quads, options))
}

/** How a catalog is indexed. */
export interface IndexOptions {
  /**
   * Build the lookup indexes on the first lookup that needs them, not now: a process that
   * compiles a catalog without reading it (an `import` that prints its counts and ends) spares
   * them (0.3–0.5 s at 100,000 services); a reader gets the same answers.
   */
  readonly onFirstUse?: boolean
}

/** The catalog indexed from compiled parts (`compileCatalog` is `compileParts`, then this). */
export function catalogOfParts (parts: CatalogParts, options: IndexOptions = {}): Catalog {
  return indexCatalog(parts.hierarchy, parts.services, parts.providers, parts.regions,
    serviceFacts(parts.facts, propertyHierarchyOf(parts.reasoned)), parts.nodeRoles, options)
}

/** What a catalog is indexed from: the services read, and what they were read from. */
export interface CatalogParts {
  /** The statements made about each service in the input (unnamed interfaces and offers named). */
  readonly facts: FactTable
  readonly reasoned: Reasoned
  readonly hierarchy: ClassHierarchy
  /** By id, in id order. */
  readonly services: ReadonlyMap<string, Service>
  readonly providers: ReadonlyMap<string, LangText>
  readonly regions: ReadonlyMap<string, Region>
  readonly nodeRoles: ServiceNodeRoles
  /**
   * Objects that several places of the parts hold (the same object): the empty list and text,
   * price component declarations, fact values stated by more than one service. The snapshot
   * writes each once and reads it back as one object; found as they are made, not by walking.
   */
  readonly shared: ReadonlySet<object>
}

/** The steps of `compileCatalog` before indexing (a compile thread sends their result on). */
export function compileParts (quads: Iterable<Quad>, options: CompileOptions = {}): CatalogParts {
  const input = Array.isArray(quads) ? quads as readonly Quad[] : [...quads]
  const nodeRoles = serviceNodeRoles(input)
  const all = nameServiceNodes(input, nodeRoles)
  const program = compileRules([...builtinRules(), ...options.rules ?? [], ...storedRules(all)])
  const reasoned = reason(all, program)
  options.onReasoned?.(reasoned)
  const hierarchy = hierarchyOf(reasoned)
  const index = indexSubjects(all, reasoned, hierarchy.subClasses(t.Service))
  return readParts(index, reasoned, hierarchy, nodeRoles, (services, shared) => collectFactTable(all, services, shared))
}

/**
 * The services, providers and regions read from the subject index, and the facts of the
 * services (`factsOf`): the part of a compile after reasoning, whatever the input was read as.
 */
export function readParts (index: SubjectIndex, reasoned: Reasoned, hierarchy: ClassHierarchy, nodeRoles: ServiceNodeRoles,
  factsOf: (services: ReadonlySet<string>, shared: Set<object>) => FactTable): CatalogParts {
  const reader = new NodeReader(index)
  const ids = serviceIds(reader)

  const services = new Map<string, Service>()
  const providers = new Map<string, LangText>()
  const isServiceType = memo((type: string) => !type.startsWith('_:') && hierarchy.isSubClassOf(type, t.Service))
  const components = new PriceComponents(reader, builtinCommerce)
  const interfaceTypes = new InterfaceTypes(hierarchy)
  for (const id of ids) {
    const service = readService(reader, id, isServiceType, interfaceTypes, components)
    services.set(id, service)
    if (service.provider !== undefined && !providers.has(service.provider)) {
      providers.set(service.provider, reader.text(service.provider, t.name, t.label))
    }
  }
  const shared = new Set<object>([...sharedEmpties, ...components.definitions()])
  const facts = factsOf(new Set(services.keys()), shared)
  return { facts, reasoned, hierarchy, services, providers, regions: regions(reader), nodeRoles, shared }
}

function serviceIds (reader: NodeReader): string[] {
  const ids = new Set<string>(reader.subjects(t.type))
  for (const property of interfaceProperties) for (const subject of reader.subjects(property)) ids.add(subject)
  return [...ids].sort()
}

function readService (reader: NodeReader, id: string, isServiceType: (type: string) => boolean, interfaceTypes: InterfaceTypes,
  components: PriceComponents): Service {
  const asserted = reader.strings(id, t.type, true)
  const serviceTypes = new Set(reader.strings(id, t.type).filter(isServiceType))
  const inferred = [...serviceTypes].filter(type => !asserted.includes(type)).sort()
  const types = serviceTypes.size > 0 ? [...asserted.filter(type => serviceTypes.has(type)), ...inferred] : asserted
  const provider = reader.first(id, t.provider)
  const graph = reader.graph(id)
  return {
    id,
    types: types.includes(t.Service) ? types : [...types, t.Service],
    label: reader.text(id, t.name, t.label),
    description: reader.text(id, t.description, t.comment),
    provides: readInterfaces(reader, id, 'provides', interfaceTypes),
    requires: readInterfaces(reader, id, 'requires', interfaceTypes),
    optionallyRequires: readInterfaces(reader, id, 'optionallyRequires', interfaceTypes),
    compliance: readCompliance(reader, id),
    offers: readOffers(reader, id, components),
    ...(provider === undefined ? {} : { provider }),
    ...(graph === undefined ? {} : { graph })
  }
}

function regions (reader: NodeReader): Map<string, Region> {
  const regions = new Map<string, Region>()
  for (const id of reader.subjects(t.includesCountry)) {
    const label = reader.text(id, t.label)
    const names = [...new Set([...Object.values(label), ...reader.strings(id, t.altLabel)])]
    regions.set(id, { id, label, names, countries: new Set(reader.strings(id, t.includesCountry).map(code => code.trim().toUpperCase())) })
  }
  return regions
}

function memo<T> (compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>()
  return key => {
    let value = cache.get(key)
    if (value === undefined && !cache.has(key)) cache.set(key, value = compute(key))
    return value as T
  }
}

/** Builds the lookup indexes over compiled services (now, or with `onFirstUse` on the first lookup). */
export function indexCatalog (hierarchy: ClassHierarchy, services: ReadonlyMap<string, Service>,
  providers: ReadonlyMap<string, LangText>, regions: ReadonlyMap<string, Region>,
  facts: ServiceFacts = { values: () => [], properties: () => [] }, nodeRoles: ServiceNodeRoles = serviceNodeRoles([]),
  options: IndexOptions = {}): Catalog {
  const build = (): IndexMaps => {
    const index = new CatalogIndex(hierarchy)
    for (const service of services.values()) index.add(service)
    return index.maps
  }
  let built: IndexMaps | undefined = options.onFirstUse === true ? undefined : build()
  return catalogOf(hierarchy, services, providers, regions, facts, nodeRoles, () => (built ??= build()))
}

/** The lookup indexes of a catalog. */
interface IndexMaps {
  readonly providedTyped: ReadonlyMap<string, InterfaceNode[]>
  readonly requiredTyped: ReadonlyMap<string, InterfaceNode[]>
  readonly providersByClass: ReadonlyMap<string, InterfaceNode[]>
  readonly servicesByClass: ReadonlyMap<string, Service[]>
}

/**
 * The lookup indexes, built one service at a time (a catalog that arrives from a compile
 * thread in slices is indexed slice by slice, with the event loop free between them).
 */
export class CatalogIndex {
  readonly #hierarchy: ClassHierarchy
  readonly #providedTyped = new Map<string, InterfaceNode[]>()
  readonly #requiredTyped = new Map<string, InterfaceNode[]>()
  readonly #providersByClass = new Map<string, InterfaceNode[]>()
  readonly #servicesByClass = new Map<string, Service[]>()

  constructor (hierarchy: ClassHierarchy) {
    this.#hierarchy = hierarchy
  }

  /** Indexes one service (services are added in id order). */
  add (service: Service): void {
    const hierarchy = this.#hierarchy
    for (const node of service.provides) {
      for (const type of node.types) push(this.#providedTyped, type, node)
      for (const sup of unionOfSupers(hierarchy, node.types)) push(this.#providersByClass, sup, node)
    }
    for (const node of [...service.requires, ...service.optionallyRequires]) {
      for (const type of node.types) push(this.#requiredTyped, type, node)
    }
    for (const sup of unionOfSupers(hierarchy, service.types)) push(this.#servicesByClass, sup, service)
  }

  /** The indexes of the services added. */
  get maps (): IndexMaps {
    return { providedTyped: this.#providedTyped, requiredTyped: this.#requiredTyped, providersByClass: this.#providersByClass, servicesByClass: this.#servicesByClass }
  }

  /** The catalog over the services added. */
  catalog (services: ReadonlyMap<string, Service>, providers: ReadonlyMap<string, LangText>, regions: ReadonlyMap<string, Region>,
    facts: ServiceFacts, nodeRoles: ServiceNodeRoles): Catalog {
    const maps = this.maps
    return catalogOf(this.#hierarchy, services, providers, regions, facts, nodeRoles, () => maps)
  }
}

function catalogOf (hierarchy: ClassHierarchy, services: ReadonlyMap<string, Service>, providers: ReadonlyMap<string, LangText>,
  regions: ReadonlyMap<string, Region>, facts: ServiceFacts, nodeRoles: ServiceNodeRoles, index: () => IndexMaps): Catalog {
  const consumersByClass = new Map<string, readonly InterfaceNode[]>()
  const none: readonly never[] = []
  return {
    hierarchy,
    services,
    providers,
    providersOf: type => index().providersByClass.get(type) ?? none,
    consumersOf: type => {
      let consumers = consumersByClass.get(type)
      if (consumers === undefined) {
        const found = new Set<InterfaceNode>()
        for (const sup of hierarchy.superClasses(type)) for (const node of index().requiredTyped.get(sup) ?? none) found.add(node)
        consumers = [...found].sort(byServiceAndId)
        consumersByClass.set(type, consumers)
      }
      return consumers
    },
    interfacesTyped: (type, role) => (role === 'provides' ? index().providedTyped : index().requiredTyped).get(type) ?? none,
    servicesOfType: type => index().servicesByClass.get(type) ?? none,
    regionCountries: region => regions.get(region)?.countries,
    regions,
    facts: (service, property) => facts.values(service, property),
    statedProperties: service => facts.properties(service),
    serviceNodeRoles: nodeRoles
  }
}

function unionOfSupers (hierarchy: ClassHierarchy, types: readonly string[]): Iterable<string> {
  if (types.length === 1) return hierarchy.superClasses(types[0]!)
  const all = new Set<string>()
  for (const type of types) for (const sup of hierarchy.superClasses(type)) all.add(sup)
  return all
}

function push<T> (map: Map<string, T[]>, key: string, value: T): void {
  const values = map.get(key)
  if (values === undefined) map.set(key, [value])
  else values.push(value)
}

function byServiceAndId (a: InterfaceNode, b: InterfaceNode): number {
  return a.service < b.service ? -1 : a.service > b.service ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
