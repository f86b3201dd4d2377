/**
 * The compiled, read-only view of the catalog that the matcher and composer work on.
 * IRIs are plain strings; blank nodes are `_:id` strings. Built once from the store's quads
 * (see `compileCatalog`) and rebuilt on publish.
 */
import type { FactValue } from './service-facts.js'

export type { FactValue } from './service-facts.js'

/** A language-tagged text: `{ en: 'Hosted PBX', de: 'Virtuelle Telefonanlage' }`; `''` key for untagged. */
export type LangText = Readonly<Record<string, string>>

export type InterfaceRole = 'provides' | 'requires' | 'optionallyRequires'

/** One `sym:provides` / `sym:requires` / `sym:optionallyRequires` node of a service. */
export interface InterfaceNode {
  /** IRI of the interface node (an unnamed one gets a stable name, docs/describing-services.md); `_:` label only for a blank node several triples point to. */
  readonly id: string
  readonly service: string
  readonly role: InterfaceRole
  /** `rdf:type`s of the node except `sym:Interface` (kept when it is the only one): the interface types, sorted. */
  readonly types: readonly string[]
  readonly protocols: readonly string[]
  readonly dataFormats: readonly string[]
  /** `sym:version` (provided interfaces). */
  readonly version?: string
  /** `sym:versionRange` (required interfaces), a semver range. */
  readonly versionRange?: string
  readonly carriesData: readonly string[]
}

/**
 * What a price component's amount is multiplied by (`sym:countedBy`): `sym:Seats`,
 * `sym:ConcurrentSeats`, `sym:Flat` (quantity 1) or `sym:UsageQuantity` (metered usage).
 */
export type CountingBasis = 'seats' | 'concurrentSeats' | 'flat' | 'usage'

/** A price component as the vocabulary declares it (an IRI typed `sym:PriceComponent`). */
export interface PriceComponentDefinition {
  /** IRI of the component, e.g. `sym:PerUserMonthly`. */
  readonly id: string
  readonly label: LangText
  /** `sym:countedBy`; `null` when the component does not state a counting basis the engine knows. */
  readonly countedBy: CountingBasis | null
  /** `sym:billingPeriod` IRI, e.g. `sym:Monthly`; `null` when not stated. */
  readonly period: string | null
  /** `sym:periodMonths` of the period (1 monthly, 12 yearly); `null` for a one-off period or none stated. */
  readonly periodMonths: number | null
}

export interface PriceSpecification {
  /** IRI of the `sym:priceComponent`. */
  readonly component: string
  /** The component's declaration; `undefined` when the vocabulary does not declare it (an unknown component). */
  readonly definition?: PriceComponentDefinition
  /** `schema:price` as a number of currency units. */
  readonly price: number
  /** `schema:price` as written (a decimal string, e.g. `"6.50"`), for exact arithmetic. */
  readonly amount: string
  readonly currency: string
  /**
   * `true` when `amount` is no non-negative number (`"19,00"`, `"-5.00"`): `price` is then 0 and
   * means nothing, and the offer cannot be priced (the composer reports it).
   */
  readonly unreadable?: true
}

/**
 * What an offer promises for faults: when support works (`sym:BusinessHours` or
 * `sym:AlwaysOn`, as IRIs) and the response and resolution targets in support hours.
 */
export interface SupportPromise {
  readonly supportHours: string
  readonly responseTimeHours?: number
  readonly resolutionTimeHours?: number
}

export interface Offer {
  readonly id: string
  readonly currency: string
  readonly minimumTermMonths?: number
  /** The offer's support promise, when it states support hours or target times. */
  readonly support?: SupportPromise
  readonly prices: readonly PriceSpecification[]
}

export interface Compliance {
  /** ISO 3166-1 alpha-2 codes, upper case. */
  readonly dataLocations: readonly string[]
  readonly certifications: readonly string[]
  readonly offersDPA?: boolean
  readonly transferSafeguards: readonly string[]
  readonly suitableForProfessionalSecrecy?: boolean
}

export interface Service {
  readonly id: string
  /**
   * Asserted types that are subclasses of `sym:Service` (sorted), then the inferred ones (sorted);
   * all asserted types when none is a service type. Always includes `sym:Service`.
   */
  readonly types: readonly string[]
  readonly provider?: string
  readonly label: LangText
  readonly description: LangText
  readonly provides: readonly InterfaceNode[]
  readonly requires: readonly InterfaceNode[]
  readonly optionallyRequires: readonly InterfaceNode[]
  readonly compliance: Compliance
  readonly offers: readonly Offer[]
  /** Named graph the description came from, when known. */
  readonly graph?: string
}

/**
 * The class hierarchy after reasoning (RDFS + the OWL 2 RL schema rules in
 * `src/reasoner/rules/`). Every class is a subclass of itself.
 */
export interface ClassHierarchy {
  /** Is `sub` a (reflexive, transitive, inferred) subclass of `sup`? */
  isSubClassOf (sub: string, sup: string): boolean
  /** Are the two classes equivalent (each a subclass of the other)? */
  areEquivalent (a: string, b: string): boolean
  /** All superclasses of `c`, including `c` itself. */
  superClasses (c: string): ReadonlySet<string>
  /** All subclasses of `c`, including `c` itself. */
  subClasses (c: string): ReadonlySet<string>
  /**
   * A shortest chain of classes proving `sub ⊑ sup`, from `sub` to `sup` inclusive, each step a
   * stated or inferred axiom; `undefined` when `sub` is not a subclass of `sup`.
   */
  path (sub: string, sup: string): readonly string[] | undefined
  /** Is the IRI known as a class (declared, used in an axiom or as a type)? */
  has (c: string): boolean
  /** Labels of a class, by language. */
  label (c: string): LangText
  /** Every known class (IRIs, and `_:` labels of anonymous class expressions), in first-seen order. */
  classes (): Iterable<string>
}

/** Everything the matcher and composer need, indexed. */
export interface Catalog {
  readonly hierarchy: ClassHierarchy
  readonly services: ReadonlyMap<string, Service>
  /** Providers known to the catalog (`schema:provider` values), with labels. */
  readonly providers: ReadonlyMap<string, LangText>
  /**
   * Provided interfaces with a type that is a subclass of `interfaceType` (equivalent classes
   * included): the candidates that satisfy a requirement of that type exactly or as a plugin.
   * Sorted by service, then interface id.
   */
  providersOf (interfaceType: string): readonly InterfaceNode[]
  /**
   * Required and optionally required interfaces with a type that is a superclass of
   * `interfaceType`: the requirements an interface of that type satisfies exactly or as a
   * plugin. Sorted by service, then interface id.
   */
  consumersOf (interfaceType: string): readonly InterfaceNode[]
  /**
   * Interfaces that state `interfaceType` itself among their types: provided ones for
   * `'provides'`, required and optionally required ones for `'requires'`. The matcher builds its
   * `subsumes` (more general) lookups from this.
   */
  interfacesTyped (interfaceType: string, role: 'provides' | 'requires'): readonly InterfaceNode[]
  /** Services that are instances of the class or one of its subclasses. */
  servicesOfType (serviceType: string): readonly Service[]
  /** Countries of a `sym:Region` (e.g. `sym:EEA`), from `sym:includesCountry`. */
  regionCountries (region: string): ReadonlySet<string> | undefined
  /** Every region (a node with `sym:includesCountry`), by IRI. */
  readonly regions: ReadonlyMap<string, Region>
  /**
   * What the service states for `property` or one of its sub-properties (any predicate, not
   * only those the catalog reads): the facts generic constraints are checked against.
   */
  facts (service: string, property: string): readonly FactValue[]
  /** The predicates the service states (any, as written): what `facts` can be asked about it. */
  statedProperties (service: string): Iterable<string>
  /**
   * The properties that point from a service to its interfaces and offers (`sym:provides` …
   * and the sub-properties the vocabulary states): what names a single graph's unnamed nodes
   * as the catalog names them (`nameServiceNodes`).
   */
  readonly serviceNodeRoles: ServiceNodeRoles
}

/** Properties from a service to its own nodes, with the role each gives their names. */
export type ServiceNodeRoles = ReadonlyMap<string, string>

/** A region of countries, such as `sym:EEA`: what a data-location constraint may name instead of countries. */
export interface Region {
  readonly id: string
  /** `rdfs:label` per language. */
  readonly label: LangText
  /** Labels and alternative labels (`skos:altLabel`) in every language, as written. */
  readonly names: readonly string[]
  /** ISO 3166-1 alpha-2 codes, upper case. */
  readonly countries: ReadonlySet<string>
}
