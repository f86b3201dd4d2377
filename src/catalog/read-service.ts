/**
 * Reading one service description from the subject index into the typed view
 * (docs/describing-services.md is the contract: every property read here is listed there).
 */
import { termKinds, type TermTable } from '../reasoner/index.js'
import type { ClassHierarchy, Compliance, InterfaceNode, InterfaceRole, LangText, Offer, PriceComponentDefinition, PriceSpecification, SupportPromise } from './types.js'
import type { SubjectIndex, SubjectValues } from './subject-index.js'
import { catalogTerms as t, countingBases } from './vocabulary.js'

/**
 * What a subject without values gets: one frozen empty list and text, shared. At 100,000 services
 * the interfaces alone held 1.3 M empty lists (protocols, data formats, data carried), each an
 * object the collector copied and marked.
 */
const none: readonly never[] = Object.freeze([])
const noText: LangText = Object.freeze({})

/** The empty list and text every reader shares (a snapshot writes each once: `CatalogParts.shared`). */
export const sharedEmpties: readonly object[] = [none, noText]

/**
 * Reads the values of subjects from the index. Values are term ids until written out: IRIs and
 * blank nodes as the table's string of each (one string per distinct term, however often read),
 * literals as their lexical form.
 */
export class NodeReader {
  private lastSubject = ''
  private last: SubjectValues | undefined
  private readonly table: TermTable
  /** Term ids of the predicates asked for (-1: not in the table). */
  private readonly predicateIds = new Map<string, number>()

  constructor (private readonly index: SubjectIndex) {
    this.table = index.terms
  }

  /** Term ids of the values of the predicate, asserted then derived; only the asserted ones with `assertedOnly`. */
  ids (subject: string, predicate: string, assertedOnly = false): readonly number[] {
    const values = this.values(subject)
    if (values === undefined) return none
    const p = this.predicateId(predicate)
    let found: number[] | undefined
    const end = assertedOnly ? values.asserted : values.predicates.length
    for (let i = 0; i < end; i++) {
      if (values.predicates[i] === p) (found ??= []).push(values.objects[i]!)
    }
    return found ?? none
  }

  /** IRIs and blank nodes as term strings, literals as their lexical form; sorted, unique. */
  strings (subject: string, predicate: string, assertedOnly = false): readonly string[] {
    return this.stringsOf(this.ids(subject, predicate, assertedOnly))
  }

  /** The terms written out as `strings` does; sorted, unique. */
  stringsOf (ids: readonly number[]): readonly string[] {
    if (ids.length === 0) return none
    if (ids.length === 1) return [this.string(ids[0]!)]
    return [...new Set(ids.map(id => this.string(id)))].sort()
  }

  first (subject: string, predicate: string): string | undefined {
    const values = this.values(subject)
    const i = values === undefined ? -1 : values.predicates.indexOf(this.predicateId(predicate))
    return i < 0 ? undefined : this.string(values!.objects[i]!)
  }

  boolean (subject: string, predicate: string): boolean | undefined {
    const value = this.first(subject, predicate)
    return value === undefined ? undefined : value === 'true' || value === '1'
  }

  number (subject: string, predicate: string): number | undefined {
    const value = this.first(subject, predicate)
    const number = value === undefined ? NaN : Number(value)
    return Number.isFinite(number) ? number : undefined
  }

  /** Language-tagged literals of the predicates, earlier predicates first; `''` for untagged. */
  text (subject: string, ...predicates: string[]): LangText {
    let text: Record<string, string> | undefined
    for (const predicate of predicates) {
      for (const id of this.ids(subject, predicate)) {
        if (this.table.kinds[id] !== termKinds.literal) continue
        const term = this.table.term(id)
        if (term.termType === 'Literal') (text ??= {})[term.language] ??= term.value
      }
    }
    return text ?? noText
  }

  graph (subject: string): string | undefined {
    return this.index.graph(subject)
  }

  /** Subjects with at least one value for `rdf:type`, an interface property or `sym:includesCountry`. */
  subjects (predicate: string): Iterable<string> {
    return this.index.subjectsWith.get(predicate) ?? none
  }

  /** A term as `strings` writes it out. */
  private string (id: number): string {
    return this.table.kinds[id] === termKinds.literal ? this.table.term(id).value : this.table.key(id)
  }

  private predicateId (predicate: string): number {
    let id = this.predicateIds.get(predicate)
    if (id === undefined) this.predicateIds.set(predicate, id = this.table.iri(predicate) ?? -1)
    return id
  }

  /** The statements of a subject; the last one is remembered, as a service is read field by field. */
  private values (subject: string): SubjectValues | undefined {
    if (subject !== this.lastSubject) {
      this.lastSubject = subject
      this.last = this.index.values(subject)
    }
    return this.last
  }
}

/** The interface nodes of a service in one role, sorted by id. */
export function readInterfaces (reader: NodeReader, service: string, role: InterfaceRole, types: InterfaceTypes): InterfaceNode[] {
  return reader.strings(service, t[role]).filter(id => !id.startsWith('"')).map(id => {
    const version = reader.first(id, t.version)
    const versionRange = reader.first(id, t.versionRange)
    const node: InterfaceNode = {
      id,
      service,
      role,
      types: types.of(reader, id),
      protocols: reader.strings(id, t.protocol),
      dataFormats: reader.strings(id, t.dataFormat),
      carriesData: reader.strings(id, t.carriesData)
    }
    return version === undefined && versionRange === undefined
      ? node
      : { ...node, ...(version === undefined ? {} : { version }), ...(versionRange === undefined ? {} : { versionRange }) }
  })
}

/**
 * The types of interface nodes (`interfaceTypes`), worked out once for each distinct list of
 * asserted and of all types (term ids): at 100,000 services, 300,000 interfaces have a few
 * hundred such lists, and comparing each node's types with the hierarchy was most of reading them.
 */
export class InterfaceTypes {
  private readonly known = new Map<string, readonly string[]>()

  constructor (private readonly hierarchy: ClassHierarchy) {}

  /** The types of the node, as `interfaceTypes` gives them. */
  of (reader: NodeReader, node: string): string[] {
    const asserted = reader.ids(node, t.type, true)
    const all = reader.ids(node, t.type)
    const key = `${asserted.join(' ')}|${all.join(' ')}`
    let types = this.known.get(key)
    if (types === undefined) this.known.set(key, types = interfaceTypes(reader.stringsOf(asserted), reader.stringsOf(all), this.hierarchy))
    return [...types]
  }
}

/**
 * The types of an interface node: the asserted ones, then the derived ones that say more
 * (neither a superclass nor an equivalent of an asserted type, nor a strict superclass of
 * another derived one; anonymous classes only when nothing is named). `sym:Interface` is
 * ignored next to other types, and is the type when it is the only one. Sorted.
 */
export function interfaceTypes (asserted: readonly string[], all: readonly string[], hierarchy: ClassHierarchy): string[] {
  const named = all.filter(type => !type.startsWith('_:'))
  const candidates = named.length > 0 ? named : all
  const derived = candidates.filter(type => !asserted.includes(type) && !asserted.some(a => hierarchy.isSubClassOf(a, type)))
  const specific = derived.filter(type => !derived.some(other => other !== type && hierarchy.isSubClassOf(other, type) && !hierarchy.isSubClassOf(type, other)))
  const types = [...new Set([...asserted, ...specific])].sort()
  const withoutInterface = types.filter(type => type !== t.Interface)
  return withoutInterface.length > 0 ? withoutInterface : types
}

export function readCompliance (reader: NodeReader, service: string): Compliance {
  const offersDPA = reader.boolean(service, t.offersDPA)
  const suitable = reader.boolean(service, t.suitableForProfessionalSecrecy)
  return {
    dataLocations: [...new Set(reader.strings(service, t.dataLocation).map(code => code.trim().toUpperCase()))].sort(),
    certifications: reader.strings(service, t.certification),
    transferSafeguards: reader.strings(service, t.transferSafeguard),
    ...(offersDPA === undefined ? {} : { offersDPA }),
    ...(suitable === undefined ? {} : { suitableForProfessionalSecrecy: suitable })
  }
}

/**
 * `schema:offers` with their price specifications. Every specification with a component and a
 * `schema:price` is kept; one whose component the vocabulary does not declare has no
 * `definition`, one whose price is no non-negative number is `unreadable` (the composer reports
 * both instead of pricing them: dropped, "19,00" would make the offer look cheaper than it is).
 */
export function readOffers (reader: NodeReader, service: string, components: PriceComponents): Offer[] {
  return reader.strings(service, t.offers).map(id => {
    const currency = reader.first(id, t.priceCurrency) ?? ''
    const prices: PriceSpecification[] = []
    for (const spec of reader.strings(id, t.priceSpecification)) {
      const component = reader.first(spec, t.priceComponent)
      const amount = reader.first(spec, t.price)
      if (component === undefined || amount === undefined) continue
      const number = amount.trim() === '' ? NaN : Number(amount)
      const readable = Number.isFinite(number) && number >= 0
      const definition = components.get(component)
      prices.push({
        component, price: readable ? number : 0, amount: amount.trim(), currency: reader.first(spec, t.priceCurrency) ?? currency,
        ...(definition === undefined ? {} : { definition }), ...(readable ? {} : { unreadable: true as const })
      })
    }
    const minimumTermMonths = reader.number(id, t.minimumTermMonths)
    const support = readSupport(reader, id)
    return { id, currency, prices, ...(minimumTermMonths === undefined ? {} : { minimumTermMonths }), ...(support === undefined ? {} : { support }) }
  })
}

/** `sym:supportHours` (default business hours) and the target times of an offer, when it states any. */
function readSupport (reader: NodeReader, offer: string): SupportPromise | undefined {
  const hours = reader.first(offer, t.supportHours)
  const response = reader.number(offer, t.responseTimeHours)
  const resolution = reader.number(offer, t.resolutionTimeHours)
  if (hours === undefined && response === undefined && resolution === undefined) return undefined
  return {
    supportHours: hours ?? businessHours,
    ...(response === undefined ? {} : { responseTimeHours: response }),
    ...(resolution === undefined ? {} : { resolutionTimeHours: resolution })
  }
}

const businessHours = 'https://w3id.org/symphony/ontology#BusinessHours'

/**
 * Price component declarations by IRI, read once each: from the compiled quads, or, when they
 * do not declare the component, from `fallback` (the built-in commerce vocabulary).
 */
export class PriceComponents {
  private readonly known = new Map<string, PriceComponentDefinition | undefined>()

  constructor (private readonly reader: NodeReader, private readonly fallback?: () => NodeReader) {}

  /** The declaration of a component: `undefined` unless it states `sym:countedBy` or `sym:billingPeriod`. */
  get (component: string): PriceComponentDefinition | undefined {
    if (this.known.has(component)) return this.known.get(component)
    const months = (period: string): number | undefined =>
      this.reader.number(period, t.periodMonths) ?? this.fallback?.().number(period, t.periodMonths)
    let definition = read(this.reader, component, months)
    if (definition === undefined && this.fallback !== undefined) definition = read(this.fallback(), component, months)
    this.known.set(component, definition)
    return definition
  }

  /** The declarations read so far: each is shared by every price of its component. */
  * definitions (): Iterable<PriceComponentDefinition> {
    for (const definition of this.known.values()) if (definition !== undefined) yield definition
  }
}

function read (reader: NodeReader, component: string, months: (period: string) => number | undefined): PriceComponentDefinition | undefined {
  const basis = reader.first(component, t.countedBy)
  const period = reader.first(component, t.billingPeriod)
  if (basis === undefined && period === undefined) return undefined
  return {
    id: component,
    label: reader.text(component, t.label),
    countedBy: basis === undefined ? null : countingBases.get(basis) ?? null,
    period: period ?? null,
    periodMonths: period === undefined ? null : positive(months(period))
  }
}

function positive (value: number | undefined): number | null {
  return value !== undefined && value > 0 ? value : null
}
