/**
 * The version history of one description, as typed records and as RDF (DCTERMS/OWL terms), one
 * graph per version. Each version keeps its canonical N-Triples (`rdf:value`), so any version can be
 * served again exactly and the active one restored after a deprecation.
 */
import { DataFactory } from 'n3'
import type { Quad } from '@rdfjs/types'
import { ns } from '../rdf/index.js'
import { descriptionIriOf, versionGraphOf, versionIriOf } from './names.js'
import type { DescriptionKey } from './names.js'

export interface VersionRecord {
  readonly version: number
  /** ISO 8601 date-time of acceptance. */
  readonly created: string
  /** Media type the provider submitted. */
  readonly mediaType: string
  /** Services the version describes. */
  readonly services: readonly string[]
  readonly triples: number
  readonly deprecated: boolean
  readonly deprecatedAt?: string
  /** Canonical N-Triples (RDF Dataset Canonicalization) of the version. */
  readonly content: string
}

export interface DescriptionRecord extends DescriptionKey {
  readonly versions: readonly VersionRecord[]
}

const p = {
  type: ns.rdf + 'type',
  value: ns.rdf + 'value',
  publisher: ns.dcterms + 'publisher',
  identifier: ns.dcterms + 'identifier',
  hasVersion: ns.dcterms + 'hasVersion',
  isVersionOf: ns.dcterms + 'isVersionOf',
  created: ns.dcterms + 'created',
  modified: ns.dcterms + 'modified',
  format: ns.dcterms + 'format',
  references: ns.dcterms + 'references',
  extent: ns.dcterms + 'extent',
  versionInfo: ns.owl + 'versionInfo',
  deprecated: ns.owl + 'deprecated'
} as const

/** The version the catalog uses: the newest one not deprecated. */
export function activeVersion (record: DescriptionRecord): VersionRecord | undefined {
  return [...record.versions].reverse().find(version => !version.deprecated)
}

/** One version's record in its own graph, with the description's triples, so each graph stands alone. */
export function versionToQuads (key: DescriptionKey, version: VersionRecord): Quad[] {
  const { namedNode, literal, quad } = DataFactory
  const graph = namedNode(versionGraphOf(key, version.version))
  const description = namedNode(descriptionIriOf(key))
  const node = namedNode(versionIriOf(key, version.version))
  const typed = (value: string, type: string): ReturnType<typeof literal> => literal(value, namedNode(ns.xsd + type))
  const quads: Quad[] = [
    quad(description, namedNode(p.publisher), namedNode(key.provider), graph),
    quad(description, namedNode(p.identifier), literal(key.name), graph),
    quad(description, namedNode(p.hasVersion), node, graph),
    quad(node, namedNode(p.isVersionOf), description, graph),
    quad(node, namedNode(p.versionInfo), typed(String(version.version), 'integer'), graph),
    quad(node, namedNode(p.created), typed(version.created, 'dateTime'), graph),
    quad(node, namedNode(p.format), literal(version.mediaType), graph),
    quad(node, namedNode(p.extent), typed(String(version.triples), 'integer'), graph),
    quad(node, namedNode(p.value), literal(version.content), graph),
    ...version.services.map(service => quad(node, namedNode(p.references), namedNode(service), graph))
  ]
  if (version.deprecated) {
    quads.push(quad(node, namedNode(p.deprecated), typed('true', 'boolean'), graph))
    if (version.deprecatedAt !== undefined) quads.push(quad(node, namedNode(p.modified), typed(version.deprecatedAt, 'dateTime'), graph))
  }
  return quads
}

/** The quads of a version's graph (or of several, or of an earlier data directory's single history graph) as the record. */
export function historyFromQuads (key: DescriptionKey, quads: readonly Quad[]): DescriptionRecord {
  const byVersion = new Map<string, Quad[]>()
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode' || q.subject.value === descriptionIriOf(key)) continue
    const list = byVersion.get(q.subject.value) ?? []
    list.push(q)
    byVersion.set(q.subject.value, list)
  }
  const versions: VersionRecord[] = []
  for (const list of byVersion.values()) {
    const one = (predicate: string): string | undefined => list.find(q => q.predicate.value === predicate)?.object.value
    const version = Number(one(p.versionInfo))
    if (!Number.isInteger(version)) continue
    const deprecatedAt = one(p.modified)
    versions.push({
      version,
      created: one(p.created) ?? '',
      mediaType: one(p.format) ?? 'application/n-triples',
      services: list.filter(q => q.predicate.value === p.references).map(q => q.object.value).sort(),
      triples: Number(one(p.extent) ?? 0),
      deprecated: one(p.deprecated) === 'true',
      ...(deprecatedAt === undefined ? {} : { deprecatedAt }),
      content: one(p.value) ?? ''
    })
  }
  versions.sort((a, b) => a.version - b.version)
  return { provider: key.provider, name: key.name, versions }
}
