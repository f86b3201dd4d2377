/**
 * What a provider's description may touch. It may only state triples about nodes the provider
 * owns: the provider itself, blank nodes of its own graph, and IRIs under the provider's
 * namespaces (by default the provider IRI up to its last `#` or `/`). And it may not change what
 * the catalog derives about anything it does not own: no other provider's service may look
 * different with the description than without it, and no new subclass or equivalence may
 * appear between classes outside its namespaces (vocabulary changes are the operator's).
 */
import type { Quad } from '@rdfjs/types'
import type { Catalog, InterfaceNode, Service } from '../catalog/types.js'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import { iri, terms } from '../rdf/index.js'
import { SliceClock, nextTurn } from '../turns.js'
import { sameJson } from './same-json.js'

/** The default namespace of a provider: its IRI up to and including the last `#` or `/`. */
export function defaultNamespaceOf (provider: string): string {
  const cut = Math.max(provider.lastIndexOf('#'), provider.lastIndexOf('/'))
  return cut < 0 ? provider : provider.slice(0, cut + 1)
}

function ownedBy (iri: string, provider: string, namespaces: readonly string[]): boolean {
  return iri === provider || namespaces.some(ns => iri.startsWith(ns))
}

/** FORBIDDEN when a triple's subject is an IRI outside the provider's namespaces. */
export function checkSubjects (quads: readonly Quad[], provider: string, namespaces: readonly string[]): void {
  const foreign = [...new Set(quads.filter(q => q.subject.termType === 'NamedNode' && !ownedBy(q.subject.value, provider, namespaces)).map(q => q.subject.value))].sort()
  if (foreign.length === 0) return
  const under = namespaces.map(ns => `<${ns}>`).join(', ')
  const more = foreign.length - 1
  throw new SymphonyError('FORBIDDEN', {
    en: `you publish as <${provider}> and may only describe IRIs under ${under}; <${foreign[0]}>${more > 0 ? ` (and ${more} more)` : ''} is not yours — mint your own IRIs, or ask the operator to assign you that namespace`,
    de: `Sie veröffentlichen als <${provider}> und dürfen nur IRIs unter ${under} beschreiben; <${foreign[0]}>${more > 0 ? ` (und ${more} weitere)` : ''} gehört nicht Ihnen — prägen Sie eigene IRIs oder bitten Sie den Betreiber, Ihnen diesen Namensraum zuzuweisen`
  }, { node: foreign[0], details: { foreign } })
}

/**
 * Terms whose nodes act on the whole catalog: inference rules run over every graph, and
 * reference requests decide what every publication is checked against. They are vocabulary,
 * the operator's to add (`symphony vocabulary add`).
 */
const inferenceRule: ErrorMessages = { en: 'an inference rule', de: 'eine Inferenzregel' }
const referenceRequest: ErrorMessages = { en: 'a reference request', de: 'eine Referenzanfrage' }
const operatorTerms = new Map([
  [iri('sym', 'InferenceRule'), inferenceRule], [iri('sym', 'sparql'), inferenceRule],
  [iri('sym', 'ReferenceRequest'), referenceRequest], [iri('sym', 'compositionRequest'), referenceRequest]
])

/** FORBIDDEN when the description states an inference rule or a reference request. */
export function checkNoVocabularyNodes (quads: readonly Quad[]): void {
  const found = quads.find(q => operatorTerms.has(q.predicate.value) || (q.predicate.value === terms.type && operatorTerms.has(q.object.value)))
  if (found === undefined) return
  const what = operatorTerms.get(found.predicate.value) ?? operatorTerms.get(found.object.value)!
  const named = found.subject.termType === 'NamedNode'
  const node = named ? `<${found.subject.value}>` : undefined
  throw new SymphonyError('FORBIDDEN', {
    en: `the description states ${what.en} (${node ?? 'a blank node'}); it would act on the whole catalog, so it is vocabulary the operator adds (symphony vocabulary add) — ask the operator`,
    de: `die Beschreibung gibt ${what.de} an (${node ?? 'einen leeren Knoten'}); sie würde auf den ganzen Katalog wirken und ist daher Vokabular, das der Betreiber hinzufügt (symphony vocabulary add) — fragen Sie den Betreiber`
  }, found.subject.termType === 'NamedNode' ? { node: found.subject.value } : {})
}

/** Classes everything is a subclass of. */
const tops = new Set(['http://www.w3.org/2002/07/owl#Thing', 'http://www.w3.org/2000/01/rdf-schema#Resource'])

function interfaceShape (node: InterfaceNode): unknown {
  return [node.role, node.types, node.protocols, node.dataFormats, node.version ?? null, node.versionRange ?? null, node.carriesData]
}

/** What the catalog derives about a service, without blank-node labels or the graph it came from; interfaces and offers in the service's order. */
function derivedOf (service: Service): { [key: string]: unknown, interfaces: unknown[], offers: unknown[] } {
  const { types, provider, label, description, compliance } = service
  return {
    types,
    provider,
    label,
    description,
    compliance,
    interfaces: [...service.provides, ...service.requires, ...service.optionallyRequires].map(interfaceShape),
    offers: service.offers.map(offer => [offer.currency, offer.minimumTermMonths ?? null, offer.prices])
  }
}

/** What the catalog derives about a service as one text, its interfaces and offers in any order. */
function fingerprint (service: Service | undefined): string {
  if (service === undefined) return 'absent'
  const { interfaces, offers, ...rest } = derivedOf(service)
  return JSON.stringify({ ...rest, interfaces: interfaces.map(n => JSON.stringify(n)).sort(), offers: offers.map(o => JSON.stringify(o)).sort() })
}

/**
 * Whether the catalog derives the same about a service in both: the fingerprints compared, after
 * a comparison without texts that settles almost every service (the same values in the same
 * order); only a service it cannot settle has its fingerprints built.
 */
function derivesTheSame (was: Service | undefined, is: Service | undefined): boolean {
  if (was !== undefined && is !== undefined && sameJson(derivedOf(was), derivedOf(is))) return true
  return fingerprint(was) === fingerprint(is)
}

/**
 * FORBIDDEN when `after` (the catalog with the description) differs from `before` (without it,
 * or with its previous version) in anything the provider does not own.
 */
export async function checkDerivedEffects (before: Catalog, after: Catalog, provider: string, namespaces: readonly string[], clock = new SliceClock()): Promise<void> {
  // Every class and service of both catalogs is compared: a few milliseconds of work at a time,
  // with a turn of the event loop between (seconds in all at 100,000 services).
  const foreign = (c: string): boolean => !c.startsWith('_:') && !tops.has(c) && !ownedBy(c, provider, namespaces)
  for (const c of after.hierarchy.classes()) {
    if (clock.over()) { await nextTurn(); clock.start() }
    if (!foreign(c)) continue
    for (const sup of after.hierarchy.superClasses(c)) {
      if (sup === c || !foreign(sup) || before.hierarchy.isSubClassOf(c, sup)) continue
      throw new SymphonyError('FORBIDDEN', {
        en: `the description makes <${c}> a subclass of <${sup}>, neither of which is yours; a description may not change the shared vocabulary — ask the operator`,
        de: `die Beschreibung macht <${c}> zur Unterklasse von <${sup}>, die beide nicht Ihnen gehören; eine Beschreibung darf das gemeinsame Vokabular nicht ändern — fragen Sie den Betreiber`
      }, { node: c, details: { subClass: c, superClass: sup } })
    }
  }
  const ids = new Set([...before.services.keys(), ...after.services.keys()])
  for (const id of [...ids].sort()) {
    if (clock.over()) { await nextTurn(); clock.start() }
    const was = before.services.get(id)
    const is = after.services.get(id)
    if (was?.provider === provider || (was === undefined && is?.provider === provider)) continue
    if (!derivesTheSame(was, is)) {
      throw new SymphonyError('FORBIDDEN', {
        en: `the description changes <${id}>, which is not a service of <${provider}>; describe only your own services (links such as sym:providedBy to other providers' services are refused)`,
        de: `die Beschreibung ändert <${id}>, das kein Dienst von <${provider}> ist; beschreiben Sie nur Ihre eigenen Dienste (Verbindungen wie sym:providedBy zu Diensten anderer Anbieter werden abgelehnt)`
      }, { node: id })
    }
  }
}

const secretName = iri('sym', 'secretName')
const provisionedBy = iri('sym', 'provisionedBy')
const schemaProvider = 'https://schema.org/provider'

/**
 * FORBIDDEN when an adapter of the description names a credential (`sym:secretName`) that an
 * adapter of another provider's services names in `stored` (the store's graphs but the
 * description's own): credentials are configured by name, and the platform sends an adapter's
 * credential to the adapter's endpoint, so another provider's name would hand its credential
 * to this one.
 */
export function checkSecretNames (quads: readonly Quad[], stored: readonly Quad[], provider: string, ownGraph: string): void {
  const named = new Map<string, string>()
  for (const q of quads) if (q.predicate.value === secretName) named.set(q.object.value, q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value)
  if (named.size === 0) return
  const byGraph = new Map<string, Quad[]>()
  for (const q of stored) {
    if (q.graph.value === ownGraph) continue
    let list = byGraph.get(q.graph.value)
    if (list === undefined) byGraph.set(q.graph.value, list = [])
    list.push(q)
  }
  for (const graph of byGraph.values()) {
    for (const q of graph) {
      if (q.predicate.value !== secretName || !named.has(q.object.value)) continue
      const services = graph.filter(s => s.predicate.value === provisionedBy && s.object.equals(q.subject)).map(s => s.subject.value)
      const other = graph.find(p => p.predicate.value === schemaProvider && services.includes(p.subject.value) && p.object.value !== provider)?.object.value
      if (other === undefined) continue
      const secret = q.object.value
      const node = named.get(secret)!
      throw new SymphonyError('FORBIDDEN', {
        en: `the adapter <${node}> names the credential "${secret}", which descriptions of <${other}> name; the platform sends a credential only to the provider it was issued for — ask the operator for one of your own and name it in sym:secretName`,
        de: `der Adapter <${node}> nennt die Zugangsdaten "${secret}", die Beschreibungen von <${other}> nennen; die Plattform sendet Zugangsdaten nur an den Anbieter, für den sie ausgestellt wurden — bitten Sie den Betreiber um eigene und nennen Sie sie in sym:secretName`
      }, { node, details: { secretName: secret, provider: other } })
    }
  }
}

/**
 * FORBIDDEN when an adapter of the description names a credential the operator bound to another
 * provider (`secrets.json`: `{ "<name>": { "provider": "<IRI>", "value": "…" } }`); `boundTo`
 * answers the provider a name is bound to, if any.
 */
export async function checkSecretBindings (quads: readonly Quad[], provider: string, boundTo: (name: string) => Promise<string | undefined>): Promise<void> {
  for (const q of quads) {
    if (q.predicate.value !== secretName) continue
    const owner = await boundTo(q.object.value)
    if (owner === undefined || owner === provider) continue
    const node = q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value
    const secret = q.object.value
    throw new SymphonyError('FORBIDDEN', {
      en: `the adapter <${node}> names the credential "${secret}", which the operator issued for <${owner}>; the platform sends a credential only to the provider it was issued for — ask the operator for one of your own and name it in sym:secretName`,
      de: `der Adapter <${node}> nennt die Zugangsdaten "${secret}", die der Betreiber für <${owner}> ausgestellt hat; die Plattform sendet Zugangsdaten nur an den Anbieter, für den sie ausgestellt wurden — bitten Sie den Betreiber um eigene und nennen Sie sie in sym:secretName`
    }, { node, path: secretName, details: { secretName: secret, provider: owner } })
  }
}
