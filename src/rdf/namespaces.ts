/** Namespace IRIs used across Symphony, and a helper to build IRIs in them. */

export const ns = {
  sym: 'https://w3id.org/symphony/ontology#',
  symsh: 'https://w3id.org/symphony/shapes#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  dcterms: 'http://purl.org/dc/terms/',
  sh: 'http://www.w3.org/ns/shacl#',
  dash: 'http://datashapes.org/dash#',
  shui: 'http://www.w3.org/ns/shacl-ui#',
  schema: 'https://schema.org/',
  dpv: 'https://w3id.org/dpv#',
  pd: 'https://w3id.org/dpv/pd#'
} as const

export type Prefix = keyof typeof ns

/** `iri('sym', 'provides')` → `https://w3id.org/symphony/ontology#provides`. */
export function iri (prefix: Prefix, local: string): string {
  return ns[prefix] + local
}

/** Frequently used terms, as full IRIs. */
export const terms = {
  type: iri('rdf', 'type'),
  first: iri('rdf', 'first'),
  rest: iri('rdf', 'rest'),
  nil: iri('rdf', 'nil'),
  label: iri('rdfs', 'label'),
  comment: iri('rdfs', 'comment'),
  subClassOf: iri('rdfs', 'subClassOf'),
  subPropertyOf: iri('rdfs', 'subPropertyOf'),
  domain: iri('rdfs', 'domain'),
  range: iri('rdfs', 'range'),
  owlClass: iri('owl', 'Class'),
  equivalentClass: iri('owl', 'equivalentClass'),
  equivalentProperty: iri('owl', 'equivalentProperty'),
  inverseOf: iri('owl', 'inverseOf'),
  altLabel: iri('skos', 'altLabel'),
  prefLabel: iri('skos', 'prefLabel'),
  Service: iri('sym', 'Service'),
  Interface: iri('sym', 'Interface'),
  provides: iri('sym', 'provides'),
  requires: iri('sym', 'requires'),
  optionallyRequires: iri('sym', 'optionallyRequires'),
  protocol: iri('sym', 'protocol'),
  dataFormat: iri('sym', 'dataFormat'),
  version: iri('sym', 'version'),
  versionRange: iri('sym', 'versionRange'),
  carriesData: iri('sym', 'carriesData'),
  configurationShape: iri('sym', 'configurationShape'),
  provider: iri('schema', 'provider'),
  offers: iri('schema', 'offers')
} as const

/**
 * A prefixed name with one of Symphony's prefixes expanded (`sym:ISO27001` → the full IRI);
 * any other text (full IRIs, `urn:…`, plain strings) as given.
 */
export function expandPrefixed (text: string): string {
  const colon = text.indexOf(':')
  const prefix = text.slice(0, colon)
  return colon > 0 && Object.hasOwn(ns, prefix) && !text.startsWith(`${prefix}://`) ? ns[prefix as Prefix] + text.slice(colon + 1) : text
}

/** Whether `text` is an absolute IRI (a scheme, then no spaces or characters IRIs exclude). */
export function isAbsoluteIri (text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(text)
}
