/**
 * What a person or a request may write for a data location: a region (its IRI, `sym:` CURIE,
 * local name, label or alternative label in any language: "EU", "EEA", "EWR", "European
 * Economic Area") or a country (ISO 3166-1 alpha-2 code). A region always wins, so "EU" is the
 * European Union, never a country code.
 */
import { SymphonyError } from '../errors.js'
import { ns } from '../rdf/index.js'
import type { Catalog, Region } from './types.js'

export type Location =
  | { readonly kind: 'region', readonly region: Region }
  | { readonly kind: 'country', readonly code: string }

/** The location `text` names, or `undefined` when it is neither a region of the catalog nor a two-letter code. */
export function resolveLocation (catalog: Catalog, text: string): Location | undefined {
  const given = text.trim()
  const iri = given.startsWith('sym:') ? ns.sym + given.slice(4) : given
  const byIri = catalog.regions.get(iri)
  if (byIri !== undefined) return { kind: 'region', region: byIri }
  const key = given.toLocaleLowerCase('en')
  for (const region of catalog.regions.values()) {
    if (localName(region.id).toLocaleLowerCase('en') === key || region.names.some(name => name.toLocaleLowerCase('en') === key)) {
      return { kind: 'region', region }
    }
  }
  return /^[A-Za-z]{2}$/.test(given) ? { kind: 'country', code: given.toUpperCase() } : undefined
}

/** The countries a location stands for. */
export function countriesOf (location: Location): ReadonlySet<string> {
  return location.kind === 'region' ? location.region.countries : new Set([location.code])
}

function localName (iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1)
}

/** The countries and the names (by language) of the locations a request lists, as a form narrows fields to them. */
export interface NamedLocations {
  readonly countries: readonly string[]
  readonly names: Readonly<Record<string, string>>
}

/**
 * Resolves a request's `constraints.dataLocation` entries (regions or country codes) to their
 * countries and their names in English and German; `INVALID_REQUEST` for an entry that is neither.
 */
export function namedLocations (catalog: Catalog, entries: readonly string[], field = 'constraints.dataLocation'): NamedLocations {
  const countries = new Set<string>()
  const names: Record<'en' | 'de', string[]> = { en: [], de: [] }
  entries.forEach((entry, index) => {
    const location = resolveLocation(catalog, entry)
    if (location === undefined) {
      const regions = (language: 'en' | 'de'): string => [...catalog.regions.values()].map(region => region.label[language] ?? region.label.en ?? localName(region.id)).sort().join(', ')
      throw new SymphonyError('INVALID_REQUEST', {
        en: `${field}[${index}]: "${entry}" is neither a region (${regions('en')}; by IRI, name or abbreviation) nor an ISO 3166-1 alpha-2 country code such as DE`,
        de: `${field}[${index}]: "${entry}" ist weder eine Region (${regions('de')}; per IRI, Name oder Abkürzung) noch ein Ländercode nach ISO 3166-1 Alpha-2 wie DE`
      }, { path: `${field}[${index}]`, node: entry })
    }
    for (const country of countriesOf(location)) countries.add(country)
    for (const language of ['en', 'de'] as const) {
      names[language].push(location.kind === 'country' ? location.code : location.region.label[language] ?? location.region.label.en ?? localName(location.region.id))
    }
  })
  return { countries: [...countries].sort(), names: { en: names.en.join(', '), de: names.de.join(', ') } }
}
