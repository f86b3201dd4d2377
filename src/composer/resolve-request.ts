/**
 * Checking a composition request against the catalog and normalising it for the search:
 * classes and providers must be known, regions are expanded to countries, defaults filled in.
 */
import { countriesOf, resolveLocation } from '../catalog/index.js'
import type { Catalog } from '../catalog/index.js'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import { shortName } from './names.js'
import type { Budget, CompositionRequest, DataLocationMode, DataLocationScope, FactConstraint, Wiring } from './types.js'

/** Ranking weights, see `CompositionPreferences`. */
export interface Weights {
  readonly size: number
  readonly degree: number
  readonly price: number
}

export const defaultWeights: Weights = { size: 1, degree: 0.5, price: 0.01 }

/** The allowed data locations: countries after expanding regions, and how to name them. */
export interface AllowedLocations {
  readonly countries: ReadonlySet<string>
  /** What the request named, for explanations: region IRIs and country codes (`sym:EEA`, `CH`). */
  readonly places: readonly string[]
  readonly scope: DataLocationScope
  /** `strict`: only services inside; `safeguarded`: also outside under a transfer safeguard, flagged as a warning. */
  readonly mode: DataLocationMode
}

export interface ResolvedRequest {
  readonly available: readonly string[]
  readonly wanted: readonly string[]
  readonly serviceTypes: readonly string[]
  readonly locations?: AllowedLocations
  readonly requireDPA: boolean
  readonly certifications: readonly string[]
  readonly professionalSecrecy: boolean
  readonly excludeProviders: ReadonlySet<string>
  readonly budget?: Budget
  /** Generic fact constraints (`constraints.facts`). */
  readonly facts: readonly FactConstraint[]
  /** Expected usage of usage-counted price components, by component IRI. */
  readonly usage: ReadonlyMap<string, number>
  readonly seats: number
  readonly concurrentSeats: number
  readonly limit: number
  readonly weights: Weights
  readonly wiring: Wiring
  readonly timeoutMs: number
}

/** Default and largest time budget of a composition, in milliseconds. */
export const defaultTimeoutMs = 10_000
export const maxTimeoutMs = 60_000

/**
 * Largest `limit` of a composition, and most types in `wanted`, `serviceTypes` and `available`
 * each: they bound the search's work and memory per request.
 */
export const maxLimit = 100
export const maxGoalTypes = 32
export const maxAvailableTypes = 256
/** Most seats a request may price: far above any small business, and prices stay exact below it. */
export const maxSeats = 100_000

/**
 * Resolves a (shape-checked) request against the catalog. Throws `UNKNOWN_CLASS` for a
 * service or interface type the class hierarchy does not know, `UNKNOWN_PROVIDER` for an
 * excluded provider the catalog does not know, `INVALID_REQUEST` for an empty goal or an
 * unknown region, `CONTRADICTORY_CONSTRAINTS` when the allowed locations are empty.
 */
export function resolveRequest (catalog: Catalog, request: CompositionRequest): ResolvedRequest {
  const available = unique(request.available ?? [])
  const wanted = unique(request.wanted ?? [])
  const serviceTypes = unique(request.serviceTypes ?? [])
  checkClasses(catalog, available, 'available', interfaceType)
  checkClasses(catalog, wanted, 'wanted', interfaceType)
  checkClasses(catalog, serviceTypes, 'serviceTypes', serviceType)
  if (wanted.length === 0 && serviceTypes.length === 0) {
    throw new SymphonyError('INVALID_REQUEST', {
      en: 'composition request has an empty goal: give at least one interface type in "wanted" or one service type in "serviceTypes"',
      de: 'die Anfrage zur Zusammenstellung hat ein leeres Ziel: geben Sie mindestens einen Schnittstellentyp in "wanted" oder einen Diensttyp in "serviceTypes" an'
    }, { path: 'wanted' })
  }
  const c = request.constraints ?? {}
  const excludeProviders = unique(c.excludeProviders ?? [])
  excludeProviders.forEach((provider, index) => {
    if (!catalog.providers.has(provider)) {
      throw new SymphonyError('UNKNOWN_PROVIDER', {
        en: `composition request field "constraints.excludeProviders[${index}]": ${shortName(provider)} is not a provider (schema:provider) of any service in the catalog; check the IRI`,
        de: `Feld "constraints.excludeProviders[${index}]" der Anfrage zur Zusammenstellung: ${shortName(provider)} ist bei keinem Dienst des Katalogs Anbieter (schema:provider); prüfen Sie die IRI`
      }, { path: `constraints.excludeProviders[${index}]`, node: provider })
    }
  })
  const seats = request.seats ?? 1
  const locations = c.dataLocation === undefined ? undefined : allowedLocations(catalog, c.dataLocation, c.dataLocationScope ?? 'all-data', c.dataLocationMode ?? 'safeguarded')
  return {
    available,
    wanted,
    serviceTypes,
    ...(locations === undefined ? {} : { locations }),
    requireDPA: c.requireDPA ?? false,
    certifications: unique(c.certifications ?? []),
    professionalSecrecy: c.professionalSecrecy ?? false,
    excludeProviders: new Set(excludeProviders),
    ...(c.budget === undefined ? {} : { budget: c.budget }),
    facts: c.facts ?? [],
    usage: new Map(Object.entries(request.usage ?? {})),
    seats,
    concurrentSeats: request.concurrentSeats ?? seats,
    limit: request.limit ?? 5,
    wiring: request.wiring ?? 'static',
    timeoutMs: request.timeoutMs ?? defaultTimeoutMs,
    weights: {
      size: request.preferences?.size ?? defaultWeights.size,
      degree: request.preferences?.degree ?? defaultWeights.degree,
      price: request.preferences?.price ?? defaultWeights.price
    }
  }
}

function allowedLocations (catalog: Catalog, entries: readonly string[], scope: DataLocationScope, mode: DataLocationMode): AllowedLocations {
  const countries = new Set<string>()
  const names: string[] = []
  entries.forEach((entry, index) => {
    const location = resolveLocation(catalog, entry)
    if (location === undefined) {
      const regions = (language: 'en' | 'de'): string => [...catalog.regions.values()].map(region => region.label[language] ?? region.label.en ?? shortName(region.id)).sort().join(', ')
      throw new SymphonyError('INVALID_REQUEST', {
        en: `composition request field "constraints.dataLocation[${index}]": "${entry}" is neither a region (${regions('en')}; by IRI, name or abbreviation) nor an ISO 3166-1 alpha-2 country code such as DE`,
        de: `Feld "constraints.dataLocation[${index}]" der Anfrage zur Zusammenstellung: "${entry}" ist weder eine Region (${regions('de')}; per IRI, Name oder Abkürzung) noch ein Ländercode nach ISO 3166-1 Alpha-2 wie DE`
      }, { path: `constraints.dataLocation[${index}]`, node: entry })
    }
    for (const country of countriesOf(location)) countries.add(country)
    names.push(location.kind === 'country' ? location.code : location.region.id)
  })
  if (countries.size === 0) {
    const regions = entries.map(shortName).join(', ')
    throw new SymphonyError('CONTRADICTORY_CONSTRAINTS', {
      en: `composition request field "constraints.dataLocation": the regions ${regions} include no country, so no service can qualify`,
      de: `Feld "constraints.dataLocation" der Anfrage zur Zusammenstellung: die Regionen ${regions} umfassen kein Land, also kommt kein Dienst in Frage`
    }, { path: 'constraints.dataLocation' })
  }
  return { countries, places: names, scope, mode }
}

const interfaceType: ErrorMessages = { en: 'interface type', de: 'Schnittstellentyp' }
const serviceType: ErrorMessages = { en: 'service type', de: 'Diensttyp' }

function checkClasses (catalog: Catalog, classes: readonly string[], field: string, what: ErrorMessages): void {
  classes.forEach((type, index) => {
    if (!catalog.hierarchy.has(type)) {
      throw new SymphonyError('UNKNOWN_CLASS', {
        en: `composition request field "${field}[${index}]": ${shortName(type)} is not a known ${what.en} (no class of that IRI in the loaded ontologies); check the IRI or load the ontology that defines it`,
        de: `Feld "${field}[${index}]" der Anfrage zur Zusammenstellung: ${shortName(type)} ist kein bekannter ${what.de} (keine Klasse mit dieser IRI in den geladenen Ontologien); prüfen Sie die IRI oder laden Sie die Ontologie, die sie definiert`
      }, { path: `${field}[${index}]`, node: type })
    }
  })
}

function unique (items: readonly string[]): string[] {
  return [...new Set(items)]
}
