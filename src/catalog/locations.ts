/**
 * What a person or a request may write for a data location: a region (its IRI, `sym:` CURIE,
 * local name, label or alternative label in any language: "EU", "EEA", "EWR", "European
 * Economic Area") or a country (ISO 3166-1 alpha-2 code). A region always wins, so "EU" is the
 * European Union, never a country code.
 */
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
