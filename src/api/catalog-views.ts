/**
 * What the catalog routes and the console show: the service-type tree, service summaries with
 * filters, and the vocabulary for the request form — plain data from the compiled catalog,
 * labels in the requested language.
 */
import { countriesOf, factEntryOfText, factTextSyntax, meetsFactTests, parseFactTest, parseFactTests, resolveLocation } from '../catalog/index.js'
import type { Catalog, FactConstraint, InterfaceNode, LangText, Service } from '../catalog/index.js'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import { expandPrefixed, ns, terms as rdfTerms } from '../rdf/index.js'
import type { TermIndex } from './ontology/term-index.js'
import { localName } from './ontology/term-index.js'

export interface Labelled {
  readonly iri: string
  readonly label: string
}

export interface TypeNode extends Labelled {
  /** Services of this type or a subclass. */
  readonly services: number
  readonly children: readonly TypeNode[]
}

export interface ServiceSummary extends Labelled {
  readonly description: string
  readonly types: readonly Labelled[]
  readonly provider: Labelled | null
  readonly dataLocations: readonly string[]
  readonly certifications: readonly Labelled[]
  readonly offersDPA: boolean | null
  readonly suitableForProfessionalSecrecy: boolean | null
  readonly provides: readonly Labelled[]
  readonly requires: readonly Labelled[]
  readonly optionallyRequires: readonly Labelled[]
}

export interface ServiceFilters {
  readonly type?: string
  readonly provider?: string
  /** Case-insensitive text in the label, description or IRI. */
  readonly q?: string
  /** Country codes and/or region IRIs (`sym:EEA` or the full IRI), comma-separated. */
  readonly location?: string
  readonly certification?: string
  /**
   * Fact tests as text, `<property> <test> <value>` (`sym:certification hasValue sym:ISO27001`);
   * every one must hold. The same tests as a composition's `constraints.facts`.
   */
  readonly fact?: string | readonly string[]
  /** Fact tests as a JSON array of `constraints.facts` entries; every one must hold too. */
  readonly facts?: string
  readonly offset?: number
  readonly limit?: number
}

export function pickLabel (text: LangText | undefined, language: string, iri: string): string {
  if (text === undefined) return localName(iri) || iri
  return text[language] ?? text.en ?? text[''] ?? Object.values(text)[0] ?? (localName(iri) || iri)
}

function classLabel (catalog: Catalog, iri: string, language: string): Labelled {
  return { iri, label: pickLabel(catalog.hierarchy.label(iri), language, iri) }
}

const trees = new WeakMap<Catalog, Map<string, readonly string[]>>()

/** Direct subclasses of `c` (one of each set of equivalent classes), from the transitive hierarchy. */
function directSubclasses (catalog: Catalog, c: string): readonly string[] {
  let cache = trees.get(catalog)
  if (cache === undefined) trees.set(catalog, cache = new Map())
  const known = cache.get(c)
  if (known !== undefined) return known
  const h = catalog.hierarchy
  const below = [...h.subClasses(c)].filter(s => !s.startsWith('_:') && !h.isSubClassOf(c, s)).sort()
  const direct: string[] = []
  for (const s of below) {
    const between = below.some(t => t !== s && !h.areEquivalent(s, t) && h.isSubClassOf(s, t))
    if (!between && !direct.some(d => h.areEquivalent(d, s))) direct.push(s)
  }
  cache.set(c, direct)
  return direct
}

/** The tree of service types under `root` (default `sym:Service`), with service counts. */
export function typeTree (catalog: Catalog, language: string, root: string = rdfTerms.Service): TypeNode[] {
  const build = (c: string, depth: number): TypeNode => ({
    ...classLabel(catalog, c, language),
    services: catalog.servicesOfType(c).length,
    children: depth > 20 ? [] : directSubclasses(catalog, c).map(s => build(s, depth + 1)).sort(byLabel)
  })
  return directSubclasses(catalog, root).map(c => build(c, 0)).sort(byLabel)
}

function byLabel (a: Labelled, b: Labelled): number {
  return a.label.localeCompare(b.label) || a.iri.localeCompare(b.iri)
}

function interfaceTypes (catalog: Catalog, nodes: readonly InterfaceNode[], language: string): Labelled[] {
  const seen = new Map<string, Labelled>()
  for (const node of nodes) for (const type of node.types) if (!seen.has(type)) seen.set(type, classLabel(catalog, type, language))
  return [...seen.values()]
}

export function summarizeService (catalog: Catalog, service: Service, language: string): ServiceSummary {
  return {
    iri: service.id,
    label: pickLabel(service.label, language, service.id),
    description: service.description[language] ?? service.description.en ?? service.description[''] ?? Object.values(service.description)[0] ?? '',
    types: mostSpecific(catalog, service.types).map(type => classLabel(catalog, type, language)),
    provider: service.provider === undefined ? null : { iri: service.provider, label: pickLabel(catalog.providers.get(service.provider), language, service.provider) },
    dataLocations: service.compliance.dataLocations,
    certifications: service.compliance.certifications.map(c => classLabel(catalog, c, language)),
    offersDPA: service.compliance.offersDPA ?? null,
    suitableForProfessionalSecrecy: service.compliance.suitableForProfessionalSecrecy ?? null,
    provides: interfaceTypes(catalog, service.provides, language),
    requires: interfaceTypes(catalog, service.requires, language),
    optionallyRequires: interfaceTypes(catalog, service.optionallyRequires, language)
  }
}

/** The types that are not superclasses of another of the types (asserted `VirtualPBX`, not the inferred `Service`). */
function mostSpecific (catalog: Catalog, types: readonly string[]): string[] {
  const h = catalog.hierarchy
  return types.filter(t => !t.startsWith('_:') && !types.some(u => u !== t && h.isSubClassOf(u, t) && !h.areEquivalent(u, t)))
}

/** Countries a location filter stands for: regions (by IRI, name or abbreviation) expanded, country codes as given. */
function locationsOf (catalog: Catalog, filter: string): Set<string> {
  const countries = new Set<string>()
  for (const part of filter.split(',').map(p => p.trim()).filter(p => p !== '')) {
    const location = resolveLocation(catalog, part)
    if (location === undefined) {
      const regions = (language: 'en' | 'de'): string => [...catalog.regions.values()].map(region => region.label[language] ?? region.label.en ?? region.id).sort().join(', ')
      throw new SymphonyError('INVALID_REQUEST', {
        en: `location "${part}" is neither a region (${regions('en')}; by IRI, name or abbreviation) nor an ISO 3166-1 alpha-2 country code such as DE`,
        de: `der Standort "${part}" ist weder eine Region (${regions('de')}; per IRI, Name oder Abkürzung) noch ein Ländercode nach ISO 3166-1 Alpha-2 wie DE`
      }, { path: 'location' })
    }
    for (const country of countriesOf(location)) countries.add(country)
  }
  return countries
}

/** Services matching the filters, sorted by label, one page; `names` are the fact parameters' names in problems. */
export function listServices (catalog: Catalog, filters: ServiceFilters, language: string, names?: FactParameterNames): { total: number, offset: number, limit: number, services: ServiceSummary[] } {
  // `sym:VirtualPBX` means the same as its full IRI here, as in the location and fact filters and in compositions.
  const type = filters.type === undefined || filters.type === '' ? undefined : expandPrefixed(filters.type)
  const provider = filters.provider === undefined || filters.provider === '' ? undefined : expandPrefixed(filters.provider)
  const certification = filters.certification === undefined || filters.certification === '' ? undefined : expandPrefixed(filters.certification)
  let services: readonly Service[] = type === undefined ? [...catalog.services.values()] : catalog.servicesOfType(type)
  if (provider !== undefined) services = services.filter(s => s.provider === provider)
  if (certification !== undefined) {
    services = services.filter(s => s.compliance.certifications.some(c => catalog.hierarchy.isSubClassOf(c, certification) || c === certification))
  }
  if (filters.location !== undefined && filters.location !== '') {
    const allowed = locationsOf(catalog, filters.location)
    services = services.filter(s => s.compliance.dataLocations.length > 0 && s.compliance.dataLocations.every(l => allowed.has(l)))
  }
  const tests = factTests(filters, names)
  if (tests.length > 0) services = services.filter(s => meetsFactTests(catalog.facts, s.id, tests))
  const labelled = services.map(s => ({ service: s, label: pickLabel(s.label, language, s.id) }))
  const q = filters.q?.trim().toLowerCase()
  const matching = q === undefined || q === ''
    ? labelled
    : labelled.filter(({ service, label }) => label.toLowerCase().includes(q) || service.id.toLowerCase().includes(q) ||
      Object.values(service.description).some(d => d.toLowerCase().includes(q)))
  matching.sort((a, b) => a.label.localeCompare(b.label) || a.service.id.localeCompare(b.service.id))
  const offset = filters.offset ?? 0
  const limit = filters.limit ?? 50
  return { total: matching.length, offset, limit, services: matching.slice(offset, offset + limit).map(({ service }) => summarizeService(catalog, service, language)) }
}

/** How a caller names the fact parameters in problems: `query parameter fact`, `--fact` (one name for both languages, or each). */
export interface FactParameterNames {
  readonly fact: string | ErrorMessages
  readonly facts: string | ErrorMessages
}

const queryParameters: FactParameterNames = {
  fact: { en: 'query parameter fact', de: 'Abfrageparameter fact' },
  facts: { en: 'query parameter facts', de: 'Abfrageparameter facts' }
}

function inBoth (name: string | ErrorMessages): ErrorMessages {
  return typeof name === 'string' ? { en: name, de: name } : name
}

/**
 * The fact tests of the `fact` (text, repeatable) and `facts` (JSON array) filters, read by the
 * same functions as a composition's `constraints.facts`. Throws `INVALID_REQUEST` naming the
 * parameter, what is expected and an example.
 */
export function factTests (filters: Pick<ServiceFilters, 'fact' | 'facts'>, names: FactParameterNames = queryParameters): FactConstraint[] {
  const texts = filters.fact === undefined ? [] : typeof filters.fact === 'string' ? [filters.fact] : filters.fact
  const fact = inBoth(names.fact)
  const facts = inBoth(names.facts)
  const tests = texts.map(text => {
    const fail = (field: string, problem: ErrorMessages): never => {
      const where = field === 'fact' ? '' : `${field.slice('fact.'.length)} `
      throw new SymphonyError('INVALID_REQUEST', {
        en: `${fact.en} "${text}": ${where}${problem.en}; write it as ${factTextSyntax.en}, e.g. "sym:certification hasValue sym:ISO27001" or "https://example.org/x#callsPerSecond minInclusive 10"`,
        de: `${fact.de} "${text}": ${where}${problem.de}; schreiben Sie den Test als ${factTextSyntax.de}, z. B. "sym:certification hasValue sym:ISO27001" oder "https://example.org/x#callsPerSecond minInclusive 10"`
      }, { path: 'fact' })
    }
    return parseFactTest(factEntryOfText(text, 'fact', fail), 'fact', fail)
  })
  if (filters.facts !== undefined && filters.facts !== '') {
    const fail = (field: string, problem: ErrorMessages): never => {
      const where = field === 'facts' ? ' ' : `: ${field} `
      throw new SymphonyError('INVALID_REQUEST', {
        en: `${facts.en}${where}${problem.en}; expected a JSON array of entries as in a composition's constraints.facts, e.g. [{"property": "sym:certification", "hasValue": "sym:ISO27001"}]`,
        de: `${facts.de}${where}${problem.de}; erwartet wird ein JSON-Array aus Einträgen wie in constraints.facts einer Zusammenstellung, z. B. [{"property": "sym:certification", "hasValue": "sym:ISO27001"}]`
      }, { path: 'facts' })
    }
    let json: unknown
    try {
      json = JSON.parse(filters.facts)
    } catch (error) {
      const reason = (error as Error).message
      fail('facts', { en: `is not JSON (${reason})`, de: `ist kein JSON (${reason})` })
    }
    tests.push(...parseFactTests(json, 'facts', fail))
  }
  return tests
}

export interface Vocabulary {
  readonly serviceTypes: readonly Labelled[]
  readonly interfaceTypes: readonly Labelled[]
  readonly certifications: readonly Labelled[]
  readonly regions: readonly Labelled[]
  readonly providers: readonly Labelled[]
}

/** Choices for a composition request: service and interface types, certifications, regions, providers. */
export function vocabulary (catalog: Catalog, terms: TermIndex, language: string): Vocabulary {
  const h = catalog.hierarchy
  const named = (c: string): boolean => !c.startsWith('_:')
  const serviceTypes = [...h.subClasses(rdfTerms.Service)].filter(c => c !== rdfTerms.Service && named(c)).map(c => classLabel(catalog, c, language))
  const interfaceClasses = new Set([...h.subClasses(rdfTerms.Interface)].filter(c => c !== rdfTerms.Interface && named(c)))
  for (const service of catalog.services.values()) {
    for (const node of [...service.provides, ...service.requires]) for (const type of node.types) if (named(type)) interfaceClasses.add(type)
  }
  const individuals = (type: string): Labelled[] => [...terms.terms.values()]
    .filter(term => term.types.includes(type))
    .map(term => ({ iri: term.iri, label: terms.label(term.iri, language) }))
  return {
    serviceTypes: serviceTypes.sort(byLabel),
    interfaceTypes: [...interfaceClasses].map(c => classLabel(catalog, c, language)).sort(byLabel),
    certifications: individuals(ns.sym + 'Certification').sort(byLabel),
    regions: [...catalog.regions.values()].map(region => ({ iri: region.id, label: pickLabel(region.label, language, region.id) })).sort(byLabel),
    providers: [...catalog.providers].map(([iri, label]) => ({ iri, label: pickLabel(label, language, iri) })).sort(byLabel)
  }
}

/** What kind of value a fact property holds, for the input that asks for it. */
export type FactKind = 'iri' | 'number' | 'boolean' | 'text'

/** A property the catalog's services state, with the values they state for it. */
export interface FactProperty extends Labelled {
  readonly kind: FactKind
  /** The services stating it. */
  readonly services: number
  /** IRIs with labels (`iri`), or the lexical forms stated (`text`, at most 100); none for numbers and booleans. */
  readonly values: ReadonlyArray<{ readonly value: string, readonly label: string }>
}

const xsd = 'http://www.w3.org/2001/XMLSchema#'
const numericDatatypes = new Set(['decimal', 'integer', 'double', 'float', 'int', 'long', 'short', 'byte', 'nonNegativeInteger', 'positiveInteger',
  'negativeInteger', 'nonPositiveInteger', 'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte'].map(local => xsd + local))
const shownTextValues = 100
/** The vocabulary's class of properties that say how a service is run, not what it offers. */
const operationalProperty = ns.sym + 'OperationalProperty'

/**
 * The properties the services of the catalog state — any predicate, an extension's too — that a
 * fact filter can test, labelled in the language: those pointing to a service's own interfaces
 * and offers, and those with only unnamed nodes as values, are left out. Values that are all
 * IRIs make an `iri` property with its values labelled (vocabulary terms, providers, regions);
 * all numbers `number`, all booleans `boolean`, anything else `text`. Labels come from the vocabulary, else the local name.
 */
/**
 * Is the property one the vocabulary marks as operational (`sym:OperationalProperty`), itself or
 * through a super-property? It tells the platform how to run a service, not what a customer gets.
 */
function isOperational (property: string, terms: TermIndex, seen = new Set<string>()): boolean {
  const info = terms.terms.get(property)
  if (info === undefined || seen.has(property)) return false
  seen.add(property)
  return info.types.includes(operationalProperty) || info.superProperties.some(parent => isOperational(parent, terms, seen))
}

export function factProperties (catalog: Catalog, terms: TermIndex, language: string): FactProperty[] {
  const found = new Map<string, { services: number, iris: Set<string>, texts: Set<string>, numbers: number, booleans: number, literals: number }>()
  for (const service of catalog.services.keys()) {
    for (const property of catalog.statedProperties(service)) {
      if (catalog.serviceNodeRoles.has(property) || isOperational(property, terms)) continue
      let entry = found.get(property)
      if (entry === undefined) found.set(property, entry = { services: 0, iris: new Set(), texts: new Set(), numbers: 0, booleans: 0, literals: 0 })
      entry.services++
      for (const value of catalog.facts(service, property)) {
        if (value.datatype === undefined) {
          if (!value.value.startsWith('_:')) entry.iris.add(value.value)
          continue
        }
        entry.literals++
        if (numericDatatypes.has(value.datatype)) entry.numbers++
        else if (value.datatype === xsd + 'boolean') entry.booleans++
        if (entry.texts.size < shownTextValues) entry.texts.add(value.value)
      }
    }
  }
  const labelOf = (iri: string): string => terms.terms.has(iri)
    ? terms.label(iri, language)
    : catalog.providers.has(iri) ? pickLabel(catalog.providers.get(iri), language, iri)
      : catalog.regions.has(iri) ? pickLabel(catalog.regions.get(iri)!.label, language, iri) : localName(iri)
  const properties: FactProperty[] = []
  for (const [iri, entry] of found) {
    if (entry.iris.size === 0 && entry.literals === 0) continue
    const kind: FactKind = entry.literals === 0 ? 'iri' : entry.iris.size > 0 ? 'text'
      : entry.numbers === entry.literals ? 'number' : entry.booleans === entry.literals ? 'boolean' : 'text'
    const values = kind === 'iri' ? [...entry.iris].map(value => ({ value, label: labelOf(value) })).sort((a, b) => a.label.localeCompare(b.label, language))
      : kind === 'text' ? [...entry.texts, ...entry.iris].sort().map(value => ({ value, label: value })) : []
    properties.push({ iri, label: terms.terms.has(iri) ? terms.label(iri, language) : localName(iri), kind, services: entry.services, values })
  }
  return properties.sort(byLabel)
}
