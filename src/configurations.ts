/**
 * Configurations: the forms generated for a service type, a service or a bundle, the values
 * checked against them and stored as RDF (one graph each, with the account that stored it), the
 * stored ones listed and checked again. The engine opens one over its store and catalog.
 */
import { randomUUID } from 'node:crypto'
import type { Quad } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { SymphonyError } from './errors.js'
import { graphs } from './project.js'
import { inDefaultGraph, ns } from './rdf/index.js'
import type { Store } from './store/index.js'
import { nameServiceNodes, namedLocations } from './catalog/index.js'
import type { Catalog, Service } from './catalog/index.js'
import { bundleLinks, requireKnownClasses, requireService } from './matcher/index.js'
import { compileShapes } from './shacl/index.js'
import type { SparqlLimits } from './shacl/index.js'
import { bundleForm, formForService, formForType, validateConfiguration } from './forms/index.js'
import type { ConfigurationIssue, Form, FormRegion, Json } from './forms/index.js'

/** What a configuration form is for. */
export type FormTarget =
  | { readonly type: string }
  | { readonly service: string }
  | { readonly bundle: { readonly services: readonly string[], readonly links?: ReadonlyArray<{ readonly from: string, readonly to: string, readonly interfaceTypes: readonly string[] }>, readonly existing?: readonly string[] } }

/** Values a form is prefilled with, by property IRI. */
export type FormPrefill = Readonly<Record<string, Json>>

/**
 * The data-location demand of the composition request a form is for (its
 * `constraints.dataLocation` and `dataLocationMode`): fields whose values come from the services'
 * `sym:dataLocation` (`symsh:valuesFrom`) are kept inside it.
 */
export interface FormConstraints {
  readonly dataLocation?: readonly string[]
  readonly dataLocationMode?: 'strict' | 'safeguarded'
}

/** What a form is generated with besides its target. */
export interface FormRequestOptions {
  readonly language?: string
  readonly prefill?: FormPrefill
  readonly constraints?: FormConstraints
}

/** How values are checked and stored: the form's options, a dry run (checked only), the storing account. */
export interface ConfigureOptions extends FormRequestOptions {
  readonly dryRun?: boolean
  readonly owner?: string
}

export type ConfigureOutcome =
  | { readonly ok: true, readonly id: string, readonly quads: readonly Quad[], readonly warnings: readonly ConfigurationIssue[] }
  | { readonly ok: false, readonly issues: readonly ConfigurationIssue[] }

/** Who stored a configuration: the account id (operator or customer IRI). */
const storedBy = 'https://w3id.org/symphony/ontology#storedBy'
const dctermsCreated = 'http://purl.org/dc/terms/created'

/** A stored configuration as `GET /configurations` lists it. */
export interface ConfigurationSummary {
  readonly id: string
  /** The services (and, for a link, both ends) it configures. */
  readonly configures: readonly string[]
  /** When it was stored (xsd:dateTime); absent for one stored before this was recorded. */
  readonly createdAt?: string
}

/** The value a configuration graph states of its own node for `predicate`. */
function ownValue (id: string, quads: readonly Quad[], predicate: string): string | undefined {
  return quads.find(q => q.subject.value === id && q.predicate.value === predicate)?.object.value
}

/** The services a configuration graph configures. */
function configuredBy (quads: readonly Quad[]): string[] {
  return [...new Set(quads.filter(q => q.predicate.value === `${ns.sym}configures`).map(q => q.object.value))]
}

/** A configuration graph's summary and the account that stored it. */
function summarizeConfiguration (id: string, quads: readonly Quad[]): { owner: string | undefined, summary: ConfigurationSummary } {
  const createdAt = ownValue(id, quads, dctermsCreated)
  const configures = configuredBy(quads).sort()
  return { owner: ownValue(id, quads, storedBy), summary: { id, configures, ...(createdAt === undefined ? {} : { createdAt }) } }
}

/** What configurations are read from and written through. */
export interface ConfigurationsDependencies {
  readonly store: Store
  /** The current compiled catalog. */
  readonly catalog: () => Promise<Catalog>
  /** The vocabulary: ontology, shapes and stored vocabularies (the forms' shapes among them). */
  readonly vocabulary: () => Promise<readonly Quad[]>
  /** Runs a store write the way the engine runs every write. */
  readonly write: <T>(work: () => Promise<T>) => Promise<T>
  /** How every SHACL validation bounds its SPARQL queries. */
  readonly shacl: { readonly sparqlLimits?: SparqlLimits }
}

/** A stored configuration checked again against every form shape (an order does before it books). */
export interface ConfigurationCheck {
  readonly ok: boolean
  readonly configures: string[]
  readonly issues: string[]
  readonly quads: Quad[]
  readonly owner: string | undefined
}

export class Configurations {
  readonly #deps: ConfigurationsDependencies
  /**
   * What `list` read of each configuration graph, by graph, with the graph's size when read: a
   * configuration is written once, so only a new or resized graph is read again.
   */
  readonly #configurationSummaries = new Map<string, { readonly triples: number, readonly owner: string | undefined, readonly summary: ConfigurationSummary }>()

  constructor (deps: ConfigurationsDependencies) {
    this.#deps = deps
  }

  /**
   * The configuration form of a service type, of a service, or — for a bundle —
   * the joint form of its members and the links between them. Links are the given ones (e.g. a
   * composer bundle's) or, when omitted, found by the matcher among the members.
   */
  async form (target: FormTarget, options: FormRequestOptions = {}): Promise<Form> {
    const catalog = await this.#deps.catalog()
    const vocabulary = await this.#deps.vocabulary()
    const language = options.language ?? 'en'
    const region = regionOf(catalog, options.constraints)
    // The configured services' descriptions: fields with symsh:valuesFrom offer only what they state.
    const configured = 'type' in target ? [] : 'service' in target ? [target.service] : target.bundle.services
    const context = await this.#descriptionsOf(configured)
    const formOptions = {
      language,
      isSubClassOf: (a: string, b: string) => catalog.hierarchy.isSubClassOf(a, b),
      ...(options.prefill === undefined ? {} : { prefill: checkPrefill(options.prefill) }),
      ...(context.length === 0 ? {} : { context }),
      ...(region === undefined ? {} : { region })
    }
    const labelOf = (service: Service) => service.label[language] ?? service.label.en ?? service.label['']
    if ('type' in target) {
      requireKnownClasses(catalog, [target.type], 'type')
      return formForType(vocabulary, target.type, formOptions)
    }
    if ('service' in target) {
      const service = requireService(catalog, target.service)
      return formForService(vocabulary, { id: service.id, types: service.types, label: labelOf(service) }, formOptions)
    }
    const services = target.bundle.services.map(iri => requireService(catalog, iri))
    const links = target.bundle.links ?? bundleLinks(catalog, target.bundle.services)
    const existing = target.bundle.existing ?? []
    const strangers = existing.filter(iri => !target.bundle.services.includes(iri))
    if (strangers.length > 0) {
      throw new SymphonyError('INVALID_REQUEST', {
        en: `existing names ${strangers.join(', ')}, which is not among the bundle's services; list in existing only members of services`,
        de: `existing nennt ${strangers.join(', ')}, der nicht zu den Diensten des Bündels gehört; führen Sie in existing nur Mitglieder von services auf`
      })
    }
    return bundleForm(vocabulary, {
      services: services.map(service => ({ id: service.id, types: service.types, label: labelOf(service) })),
      links: links.map(({ from, to, interfaceTypes }) => ({ from, to, interfaceTypes })),
      existing
    }, formOptions)
  }

  /**
   * Checks configuration values against the target's form (ajv, then SHACL) and, when they are
   * valid, stores them as RDF in a graph of their own, linked to the services they configure.
   */
  async configure (target: FormTarget, values: Json, options: ConfigureOptions = {}): Promise<ConfigureOutcome> {
    const form = await this.form(target, options)
    const id = randomUUID()
    const subject = `${graphs.configuration}${id}`
    // A bundle's configuration configures the members its form asks about (all of them, unless some already exist).
    const configures = 'type' in target ? [] : 'service' in target ? [target.service] : target.bundle.existing === undefined ? target.bundle.services : [...new Set(form.uiSchema.sections.flatMap(section => section.configures))]
    const context = await this.#descriptionsOf(configures)
    const result = await validateConfiguration(form, values, { subject, configures, context, ...this.#deps.shacl, ...(options.language === undefined ? {} : { language: options.language }) })
    if (!result.ok) return result
    if (options.dryRun !== true) {
      // The owner travels with the configuration so that only its account (and the operator) reads it back.
      const node = DataFactory.namedNode(subject)
      const owner = options.owner === undefined ? [] : [DataFactory.quad(node, DataFactory.namedNode(storedBy), DataFactory.literal(options.owner)) as Quad]
      const created = DataFactory.quad(node, DataFactory.namedNode(dctermsCreated), DataFactory.literal(new Date().toISOString(), DataFactory.namedNode(`${ns.xsd}dateTime`))) as Quad
      await this.#deps.write(() => this.#deps.store.putGraphs([{ graph: subject, quads: [...result.quads, ...owner, created] }]))
    }
    return { ok: true, id: subject, quads: result.quads, warnings: result.warnings }
  }

  /**
   * The description graphs of the services (what configuration shapes may check values
   * against), in the default graph, where SHACL-SPARQL constraints look.
   */
  async #descriptionsOf (services: readonly string[]): Promise<Quad[]> {
    const catalog = await this.#deps.catalog()
    const sources = new Set(services.flatMap(iri => catalog.services.get(iri)?.graph ?? []))
    // Named as the catalog names them, so values may refer to an interface or offer by its id.
    const quads = (await Promise.all([...sources].map(async graph => nameServiceNodes(await this.#deps.store.graph(graph), catalog.serviceNodeRoles)))).flat()
    return quads.map(inDefaultGraph)
  }

  /**
   * Stored configurations, newest first: each with the services it configures and when it was
   * stored (none for one stored before that was recorded); with `owner`, only those that account stored.
   */
  async list (owner?: string): Promise<ConfigurationSummary[]> {
    const listed = (await this.#deps.store.graphs()).filter(g => g.graph.startsWith(graphs.configuration))
    const found: ConfigurationSummary[] = []
    const seen = new Set<string>()
    for (const { graph: id, triples } of listed) {
      seen.add(id)
      let known = this.#configurationSummaries.get(id)
      if (known?.triples !== triples) {
        known = { triples, ...summarizeConfiguration(id, await this.#deps.store.graph(id)) }
        this.#configurationSummaries.set(id, known)
      }
      if (owner === undefined || known.owner === owner) found.push(known.summary)
    }
    for (const id of this.#configurationSummaries.keys()) if (!seen.has(id)) this.#configurationSummaries.delete(id)
    return found.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.id.localeCompare(b.id))
  }

  /** The account id that stored a configuration (`undefined` for one stored before owners were recorded); NOT_FOUND when there is none. */
  async owner (id: string): Promise<string | undefined> {
    const quads = id.startsWith(graphs.configuration) ? await this.#deps.store.graph(id) : []
    if (quads.length === 0) {
      throw new SymphonyError('NOT_FOUND', {
        en: `no stored configuration <${id}>; GET /configurations lists yours`,
        de: `keine gespeicherte Konfiguration <${id}>; GET /configurations listet Ihre`
      })
    }
    return ownValue(id, quads, storedBy)
  }

  /** A stored configuration checked again with SHACL against every form shape. */
  async check (id: string): Promise<ConfigurationCheck> {
    const quads = id.startsWith(graphs.configuration) ? await this.#deps.store.graph(id) : []
    if (quads.length === 0) {
      throw new SymphonyError('NOT_FOUND', {
        en: `no stored configuration ${id}; submit the form to POST /configurations first`,
        de: `keine gespeicherte Konfiguration ${id}; senden Sie das Formular zuerst an POST /configurations`
      })
    }
    const configures = configuredBy(quads)
    const vocabulary = await this.#deps.vocabulary()
    const catalog = await this.#deps.catalog()
    const terms = vocabulary.filter(q => q.subject.termType === 'NamedNode' && !catalog.services.has(q.subject.value))
    const report = await compileShapes(vocabulary, this.#deps.shacl).validate([...quads, ...terms, ...await this.#descriptionsOf(configures)])
    // Only results about the configuration's own nodes: the descriptions are there for its shapes
    // to look values up in, not to be checked against the publishing shapes again.
    const own = new Set(quads.map(q => q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value))
    const issues = report.results.filter(r => r.severity === 'Violation' && own.has(r.focusNode)).map(r => `${r.path ?? r.focusNode}: ${r.message}`)
    return { ok: issues.length === 0, configures, issues, quads, owner: ownValue(id, quads, storedBy) }
  }
}

/** The region a request's data-location constraint names, as forms narrow fields to it. */
function regionOf (catalog: Catalog, constraints: FormConstraints | undefined): FormRegion | undefined {
  if (constraints?.dataLocation === undefined) return undefined
  const mode = constraints.dataLocationMode ?? 'safeguarded'
  if (mode !== 'strict' && mode !== 'safeguarded') {
    throw new SymphonyError('INVALID_REQUEST', {
      en: `constraints.dataLocationMode must be strict or safeguarded, got ${String(mode)}`,
      de: `constraints.dataLocationMode muss strict oder safeguarded sein, nicht ${String(mode)}`
    })
  }
  const { countries, names } = namedLocations(catalog, constraints.dataLocation)
  return { property: `${ns.sym}dataLocation`, values: countries, names, mode }
}

/** Prefill values are keyed by property IRI and are plain values (or lists of them). */
function checkPrefill (prefill: FormPrefill): FormPrefill {
  for (const [key, value] of Object.entries(prefill)) {
    if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(key)) {
      throw new SymphonyError('INVALID_REQUEST', {
        en: `prefill key "${key}" is not a property IRI; key prefill values by the IRI of the property they fill, e.g. "https://w3id.org/symphony/ontology#seatCount"`,
        de: `der prefill-Schlüssel "${key}" ist keine IRI einer Eigenschaft; geben Sie prefill-Werte unter der IRI der Eigenschaft an, die sie füllen, z. B. "https://w3id.org/symphony/ontology#seatCount"`
      })
    }
    const plain = (v: Json): boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    if (!(plain(value) || (Array.isArray(value) && value.every(plain)))) {
      throw new SymphonyError('INVALID_REQUEST', {
        en: `prefill value of <${key}> must be a string, number, boolean or a list of them`,
        de: `der prefill-Wert von <${key}> muss eine Zeichenkette, eine Zahl, ein Wahrheitswert oder eine Liste davon sein`
      })
    }
  }
  return prefill
}
