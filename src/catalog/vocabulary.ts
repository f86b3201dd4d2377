/** The IRIs the catalog reads (docs/describing-services.md, "What the engine reads"). */
import { iri, terms } from '../rdf/index.js'
import type { CountingBasis } from './types.js'

export const catalogTerms = {
  type: terms.type,
  label: terms.label,
  comment: terms.comment,
  Service: terms.Service,
  Interface: terms.Interface,
  provides: terms.provides,
  requires: terms.requires,
  optionallyRequires: terms.optionallyRequires,
  protocol: terms.protocol,
  dataFormat: terms.dataFormat,
  version: terms.version,
  versionRange: terms.versionRange,
  carriesData: terms.carriesData,
  provider: terms.provider,
  offers: terms.offers,
  name: iri('schema', 'name'),
  description: iri('schema', 'description'),
  priceCurrency: iri('schema', 'priceCurrency'),
  priceSpecification: iri('schema', 'priceSpecification'),
  price: iri('schema', 'price'),
  priceComponent: iri('sym', 'priceComponent'),
  minimumTermMonths: iri('sym', 'minimumTermMonths'),
  supportHours: iri('sym', 'supportHours'),
  responseTimeHours: iri('sym', 'responseTimeHours'),
  resolutionTimeHours: iri('sym', 'resolutionTimeHours'),
  countedBy: iri('sym', 'countedBy'),
  billingPeriod: iri('sym', 'billingPeriod'),
  periodMonths: iri('sym', 'periodMonths'),
  dataLocation: iri('sym', 'dataLocation'),
  certification: iri('sym', 'certification'),
  offersDPA: iri('sym', 'offersDPA'),
  transferSafeguard: iri('sym', 'transferSafeguard'),
  suitableForProfessionalSecrecy: iri('sym', 'suitableForProfessionalSecrecy'),
  includesCountry: iri('sym', 'includesCountry'),
  altLabel: iri('skos', 'altLabel')
} as const

/** The counting bases the engine knows quantities for (`sym:countedBy` values). */
export const countingBases: ReadonlyMap<string, CountingBasis> = new Map([
  [iri('sym', 'Flat'), 'flat'],
  [iri('sym', 'Seats'), 'seats'],
  [iri('sym', 'ConcurrentSeats'), 'concurrentSeats'],
  [iri('sym', 'UsageQuantity'), 'usage']
])

/** `sym:provides`, `sym:requires`, `sym:optionallyRequires`: the properties that make a service. */
export const interfaceProperties = [catalogTerms.provides, catalogTerms.requires, catalogTerms.optionallyRequires] as const

/** Every predicate the catalog reads, besides sub-properties and inverses of the interface properties. */
export const readPredicates: ReadonlySet<string> = new Set(Object.values(catalogTerms))
