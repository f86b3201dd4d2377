/**
 * Versioned publishing of service descriptions. A submission is parsed,
 * validated against the service-description shapes, checked for ownership and conflicts, and
 * compared with what it replaces; only then is it written — the active graph and the history in
 * one all-or-nothing durable write. A rejected submission writes nothing.
 */
import type { Quad } from '@rdfjs/types'
import { DataFactory } from 'n3'
import type { Catalog } from '../catalog/types.js'
import { nameServiceNodes } from '../catalog/service-node-names.js'
import { SymphonyError } from '../errors.js'
import { formatOfMediaType, inDefaultGraph, parseRdf, terms } from '../rdf/index.js'
import { contentAfter } from '../store/index.js'
import type { GraphContent, Store } from '../store/index.js'
import { canonicalNTriples, parseNTriples } from './canonical.js'
import { activeVersion, historyFromQuads, versionToQuads } from './history.js'
import type { DescriptionRecord, VersionRecord } from './history.js'
import { diffBundles, diffMatches } from './impact.js'
import type { BundleSnapshot, Impact, PairMatch } from './impact.js'
import { activeGraphOf, checkKey, descriptionIriOf, historyGraphOf, keyOfHistoryGraph, publishingGraphs, versionGraphOf } from './names.js'
import type { DescriptionKey } from './names.js'
import { checkOwnership, servicesIn } from './services.js'
import { checkDerivedEffects, checkNoVocabularyNodes, checkSecretBindings, checkSecretNames, checkSubjects, defaultNamespaceOf } from './boundaries.js'
import { describedElsewhere } from './described-elsewhere.js'
import { checkEndpoints } from './endpoints.js'
import { checkDescriptionGraph, checkDescriptionText } from './limits.js'

/** One SHACL result as publishing reports it. */
export interface ValidationIssue {
  readonly node: string
  readonly path?: string
  readonly message: string
  readonly severity: string
  readonly shape?: string
  readonly constraint?: string
  readonly value?: string
}

export interface ValidationReport {
  readonly conforms: boolean
  readonly results: ReadonlyArray<{ focusNode: string, path?: string, message: string, severity: string, sourceShape?: string, constraint?: string, value?: string }>
}

/** What the publisher needs from the engine, as plain functions. */
export interface PublishingDeps {
  readonly store: Store
  /** SHACL validation of a description against the service-description shapes. */
  validate (quads: readonly Quad[], options: { language: string }): Promise<ValidationReport>
  /** The catalog in use now. */
  catalog (): Promise<Catalog>
  /** A catalog compiled from these quads (every graph: ontology and catalog). */
  compile (quads: readonly Quad[]): Promise<Catalog>
  /** Matches of a service with the others, both directions. */
  pairs (catalog: Catalog, service: string): readonly PairMatch[]
  /** Bundles found for the reference composition requests, best first per request. */
  bundles (catalog: Catalog): Promise<readonly BundleSnapshot[]>
  /**
   * Told after every write, so the engine drops its compiled catalog; with the catalog compiled
   * from exactly the public quads the write leaves (`contentAfter`), which the engine may keep.
   */
  changed (compiled?: Catalog): void
  /**
   * Told when a catalog `compile` made is not handed to `changed` (a refused, dry-run or
   * unchanged publication, a failed write), so the engine lets go of what it kept of it.
   */
  discard? (compiled: Catalog): void
  /** The namespaces a provider may mint IRIs under (default: its IRI up to the last `#` or `/`). */
  namespaces? (provider: string): Promise<readonly string[]>
  /** The provider the operator bound a credential name to (`secrets.json`), if any. */
  credentialProvider? (name: string): Promise<string | undefined>
  /** Endpoints may name `localhost` and private IP literals (default false: such descriptions are refused). */
  readonly allowPrivateProviders?: boolean
  now? (): Date
}

/** Media types a description may be submitted in. */
export const descriptionMediaTypes = ['text/turtle', 'application/ld+json', 'application/n-triples'] as const

/**
 * A description sent as text, parsed within the publishing limits (size, nesting depth, triples)
 * into the default graph, its unnamed interfaces and offers named as an import names them.
 * Throws UNSUPPORTED_FORMAT for another media type, PARSE_ERROR, INVALID_REQUEST when empty and
 * TOO_LARGE past a limit.
 */
export async function parseDescription (text: string, mediaType: string, baseIRI: string): Promise<Quad[]> {
  const type = mediaType.split(';')[0]!.trim().toLowerCase()
  const format = (descriptionMediaTypes as readonly string[]).includes(type) ? formatOfMediaType(type) : undefined
  if (format === undefined) {
    const types = descriptionMediaTypes.join(', ')
    throw new SymphonyError('UNSUPPORTED_FORMAT', {
      en: `a description must be sent as ${types}, not "${mediaType}"`,
      de: `eine Beschreibung muss als ${types} gesendet werden, nicht als "${mediaType}"`
    })
  }
  checkDescriptionText(text)
  const quads = await parseRdf(text, { format, source: 'request body', baseIRI })
  if (quads.length === 0) {
    throw new SymphonyError('INVALID_REQUEST', {
      en: 'the description is empty; send the Turtle or JSON-LD of your services',
      de: 'die Beschreibung ist leer; senden Sie das Turtle oder JSON-LD Ihrer Dienste'
    })
  }
  checkDescriptionGraph(quads)
  // Unnamed interfaces and offers get the stable names an import gives them.
  return nameServiceNodes(quads).map(inDefaultGraph)
}

export interface Submission extends DescriptionKey {
  readonly text: string
  readonly mediaType: string
  /** Language of validation messages (default en). */
  readonly language?: string
}

export interface PublishOutcome extends DescriptionKey {
  /** `accepted`: a new version; `unchanged`: same graph as the active version; `dry-run`: nothing written. */
  readonly status: 'accepted' | 'unchanged' | 'dry-run'
  readonly version: number
  readonly services: readonly string[]
  /** SHACL results below Violation (warnings, infos); they do not block publishing. */
  readonly warnings: readonly ValidationIssue[]
  readonly impact: Impact
}

export type VersionSummary = Omit<VersionRecord, 'content'>

export interface DescriptionSummary extends DescriptionKey {
  readonly description: string
  /** The version the catalog uses; `null` when every version is deprecated. */
  readonly active: number | null
  readonly versions: readonly VersionSummary[]
}

export interface DeprecateOutcome {
  readonly description: DescriptionSummary
  readonly impact: Impact
}

function toIssue (result: ValidationReport['results'][number]): ValidationIssue {
  return {
    node: result.focusNode,
    ...(result.path === undefined ? {} : { path: result.path }),
    message: result.message,
    severity: result.severity,
    ...(result.sourceShape === undefined ? {} : { shape: result.sourceShape }),
    ...(result.constraint === undefined ? {} : { constraint: result.constraint }),
    ...(result.value === undefined ? {} : { value: withoutCredentials(result.value) })
  }
}

/**
 * A refused value as the report may show it: a URL's user and password (`https://user:pw@host/`,
 * refused by the adapter shapes) become `***`, so the refusal does not spread the credential
 * into answers, terminals and logs.
 */
function withoutCredentials (value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/i, '$1***@')
}

export function summarize (record: DescriptionRecord): DescriptionSummary {
  return {
    provider: record.provider,
    name: record.name,
    description: descriptionIriOf(record),
    active: activeVersion(record)?.version ?? null,
    versions: record.versions.map(({ content: _content, ...version }) => version)
  }
}

export class Publisher {
  readonly #deps: PublishingDeps
  #lock: Promise<unknown> = Promise.resolve()

  constructor (deps: PublishingDeps) {
    this.#deps = deps
  }

  /**
   * Publishes a new version (or, with `dryRun`, reports what it would change). `actor` is the
   * authenticated provider; it must be the description's provider.
   */
  async publish (submission: Submission, options: { actor: string, dryRun?: boolean }): Promise<PublishOutcome> {
    checkKey(submission)
    authorize(submission, options.actor)
    const quads = await parseDescription(submission.text, submission.mediaType, descriptionIriOf(submission) + '/')
    const namespaces = await this.#deps.namespaces?.(submission.provider) ?? [defaultNamespaceOf(submission.provider)]
    checkSubjects(quads, submission.provider, namespaces)
    checkNoVocabularyNodes(quads)
    checkEndpoints(quads, { allowPrivate: this.#deps.allowPrivateProviders === true })
    const report = await this.#deps.validate(quads, { language: submission.language ?? 'en' })
    const violations = report.results.filter(r => r.severity === 'Violation')
    if (violations.length > 0) {
      const issues = violations.map(toIssue)
      const first = issues[0]!
      // The first violation's message is the shape's own, in the submission's language: quoted as it is.
      const where = `${first.node}${first.path === undefined ? '' : ` ${first.path}`}: ${first.message}`
      const count = issues.length
      throw new SymphonyError('NOT_CONFORMING', {
        en: `the description does not conform to the service-description shapes (${count} violation${count === 1 ? '' : 's'}); first: ${where}`,
        de: `die Beschreibung entspricht nicht den Shapes für Dienstbeschreibungen (${count} ${count === 1 ? 'Verstoß' : 'Verstöße'}); der erste: ${where}`
      }, { node: first.node, ...(first.path === undefined ? {} : { path: first.path }), details: { conforms: false, report: issues } })
    }
    const warnings = report.results.filter(r => r.severity !== 'Violation').map(toIssue)
    return this.#exclusive(async () => {
      const history = await this.#history(submission)
      const active = history === undefined ? undefined : activeVersion(history)
      const activeGraph = activeGraphOf(submission)
      const before = await this.#deps.catalog()
      const stored = await this.#deps.store.quads()
      const content = await canonicalNTriples(quads)
      const latest = history?.versions.at(-1)
      const version = (latest?.version ?? 0) + 1
      const created = this.#now().toISOString()
      const record = (services: readonly string[]): VersionRecord => ({
        version, created, mediaType: submission.mediaType, services: services.filter(s => !s.startsWith('_:')), triples: quads.length, deprecated: false, content
      })
      const writesOf = (services: readonly string[]): GraphContent[] => [
        { graph: activeGraph, quads: inGraph(quads, activeGraph) },
        ...historyWrites(submission, history, record(services))
      ]
      // The catalog is compiled with the write as it will be stored (its version graph names the
      // services, found with the hierarchy before; almost always those the new one finds), so the
      // engine can keep it as the catalog after the write instead of compiling it again.
      const guessed = servicesIn(quads, type => before.hierarchy.isSubClassOf(type, terms.Service))
      const planned = await contentAfter(stored, writesOf(guessed))
      const after = await this.#deps.compile(planned.quads)
      return await this.#handingOver(after, async handOver => {
        const services = servicesIn(quads, type => after.hierarchy.isSubClassOf(type, terms.Service))
        if (services.length === 0) {
          throw new SymphonyError('INVALID_REQUEST', {
            en: 'the description describes no service: give at least one node a service type (a subclass of sym:Service) and schema:provider',
            de: 'die Beschreibung beschreibt keinen Dienst: geben Sie mindestens einem Knoten einen Diensttyp (eine Unterklasse von sym:Service) und schema:provider'
          })
        }
        checkOwnership(quads, services, submission.provider)
        await checkDerivedEffects(before, after, submission.provider, namespaces)
        checkSecretNames(quads, stored, submission.provider, activeGraph)
        if (this.#deps.credentialProvider !== undefined) await checkSecretBindings(quads, submission.provider, this.#deps.credentialProvider)
        await this.#checkConflicts(quads, stored, submission)
        const impact = await this.#impact(before, after, [...services, ...active?.services ?? []])
        if (active !== undefined && active === latest && active.content === content) {
          return { provider: submission.provider, name: submission.name, status: 'unchanged', version: active.version, services, warnings, impact }
        }
        if (options.dryRun === true) {
          return { provider: submission.provider, name: submission.name, status: 'dry-run', version, services, warnings, impact }
        }
        const asPlanned = services.length === guessed.length && services.every((s, i) => s === guessed[i])
        await this.#deps.store.putGraphs(asPlanned ? planned.graphs : writesOf(services))
        handOver(asPlanned)
        return { provider: submission.provider, name: submission.name, status: 'accepted', version, services, warnings, impact }
      })
    })
  }

  /**
   * Deprecates a version. The catalog then uses the newest version that is not deprecated, or
   * none; the deprecated version stays in the history.
   */
  async deprecate (key: DescriptionKey & { version: number }, options: { actor: string }): Promise<DeprecateOutcome> {
    checkKey(key)
    authorize(key, options.actor)
    return this.#exclusive(async () => {
      const history = await this.#history(key)
      const target = history?.versions.find(v => v.version === key.version)
      if (history === undefined || target === undefined) throw notFound(key, key.version)
      if (target.deprecated) return { description: summarize(history), impact: { matches: [], bundles: [] } }
      const record: DescriptionRecord = {
        ...history,
        versions: history.versions.map(v => v.version === key.version ? { ...v, deprecated: true, deprecatedAt: this.#now().toISOString() } : v)
      }
      const oldActive = activeVersion(history)
      const newActive = activeVersion(record)
      const activeGraph = activeGraphOf(key)
      const activeQuads = newActive === undefined ? [] : parseNTriples(newActive.content, activeGraph)
      const before = await this.#deps.catalog()
      // Compiled with the write as it will be stored, so the engine keeps it as the catalog after
      // the write instead of compiling again (the version graph changes even when the active one does not).
      const planned = await contentAfter(await this.#deps.store.quads(), [
        { graph: activeGraph, quads: activeQuads },
        ...historyWrites(key, history, record.versions.find(v => v.version === key.version)!)
      ])
      const after = await this.#deps.compile(planned.quads)
      return await this.#handingOver(after, async handOver => {
        const impact = oldActive === newActive
          ? { matches: [], bundles: [] }
          : await this.#impact(before, after, [...oldActive?.services ?? [], ...newActive?.services ?? []])
        await this.#deps.store.putGraphs(planned.graphs)
        handOver(true)
        return { description: summarize(record), impact }
      })
    })
  }

  /**
   * Runs the rest of a write that compiled `compiled`. `handOver` tells the engine of the write
   * (`changed`), with the catalog when it is of exactly what was stored; when the write does not
   * hand it over (refused, dry run, unchanged, failed), the engine lets go of it (`discard`).
   */
  async #handingOver<T> (compiled: Catalog, rest: (handOver: (kept: boolean) => void) => Promise<T>): Promise<T> {
    let handedOver = false
    try {
      return await rest(kept => {
        handedOver = kept
        this.#deps.changed(kept ? compiled : undefined)
      })
    } finally {
      if (!handedOver) this.#deps.discard?.(compiled)
    }
  }

  /** Every published description, optionally of one provider, sorted. */
  async descriptions (provider?: string): Promise<DescriptionSummary[]> {
    const keys = new Map<string, DescriptionKey>()
    for (const { graph } of await this.#deps.store.graphs()) {
      const key = keyOfHistoryGraph(graph)
      if (key !== undefined && (provider === undefined || key.provider === provider)) keys.set(historyGraphOf(key), { provider: key.provider, name: key.name })
    }
    const records = await Promise.all([...keys.values()].map(key => this.#history(key)))
    return records.filter((r): r is LoadedHistory => r !== undefined).map(summarize)
      .sort((a, b) => a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name))
  }

  /** One description's versions; NOT_FOUND when it was never published. */
  async description (key: DescriptionKey): Promise<DescriptionSummary> {
    checkKey(key)
    const history = await this.#history(key)
    if (history === undefined) throw notFound(key)
    return summarize(history)
  }

  /** The triples of one version (in the default graph). */
  async version (key: DescriptionKey & { version: number }): Promise<{ summary: VersionSummary, quads: Quad[] }> {
    checkKey(key)
    const history = await this.#history(key)
    const found = history?.versions.find(v => v.version === key.version)
    if (found === undefined) throw notFound(key, key.version)
    const { content, ...summary } = found
    return { summary, quads: parseNTriples(content) }
  }

  /** Subjects of the submission described elsewhere (another description, an import, the ontology): CONFLICT. */
  async #checkConflicts (quads: readonly Quad[], stored: readonly Quad[], key: DescriptionKey): Promise<void> {
    const own = new Set([activeGraphOf(key), historyGraphOf(key)])
    const clashes = (await describedElsewhere(quads, stored, new Set([key.provider])))
      .filter(c => !own.has(c.graph) && !c.graph.startsWith(publishingGraphs.history))
      .sort((a, b) => a.subject.localeCompare(b.subject) || a.graph.localeCompare(b.graph))
    if (clashes.length === 0) return
    const first = clashes[0]!
    const more = clashes.length - 1
    throw new SymphonyError('CONFLICT', {
      en: `<${first.subject}> is already described in graph <${first.graph}>${more > 0 ? ` (and ${more} more)` : ''}; a description may only describe its own nodes — use other IRIs, or deprecate the other description first`,
      de: `<${first.subject}> ist bereits im Graphen <${first.graph}> beschrieben${more > 0 ? ` (und ${more} weitere)` : ''}; eine Beschreibung darf nur ihre eigenen Knoten beschreiben — verwenden Sie andere IRIs oder ziehen Sie zuerst die andere Beschreibung zurück`
    }, { node: first.subject, details: { conflicts: clashes } })
  }

  async #impact (before: Catalog, after: Catalog, services: readonly string[]): Promise<Impact> {
    const affected = [...new Set(services)].filter(s => !s.startsWith('_:'))
    const pairsOf = (catalog: Catalog): PairMatch[] => affected.filter(s => catalog.services.has(s)).flatMap(s => this.#deps.pairs(catalog, s))
    const [oldBundles, newBundles] = await Promise.all([this.#deps.bundles(before), this.#deps.bundles(after)])
    return { matches: diffMatches(pairsOf(before), pairsOf(after)), bundles: diffBundles(oldBundles, newBundles) }
  }

  /** The description's history from its version graphs (and the single graph of earlier data directories). */
  async #history (key: DescriptionKey): Promise<LoadedHistory | undefined> {
    const single = historyGraphOf(key)
    const graphs = (await this.#deps.store.graphs()).map(g => g.graph).filter(g => g === single || (g.startsWith(`${single}/`) && keyOfHistoryGraph(g)?.version !== undefined))
    const quads = (await Promise.all(graphs.map(g => this.#deps.store.graph(g)))).flat()
    return quads.length === 0 ? undefined : { ...historyFromQuads(key, quads), single: graphs.includes(single) }
  }

  #now (): Date {
    return this.#deps.now?.() ?? new Date()
  }

  #exclusive<T> (work: () => Promise<T>): Promise<T> {
    const result = this.#lock.then(work)
    this.#lock = result.catch(() => undefined)
    return result
  }
}

function authorize (key: DescriptionKey, actor: string): void {
  if (actor !== key.provider) {
    throw new SymphonyError('FORBIDDEN', {
      en: `your token belongs to <${actor}>; you cannot write descriptions of <${key.provider}>`,
      de: `Ihr Token gehört zu <${actor}>; Sie können keine Beschreibungen von <${key.provider}> schreiben`
    })
  }
}

/** A history as read, and whether it still is one graph of an earlier data directory. */
interface LoadedHistory extends DescriptionRecord {
  readonly single: boolean
}

/**
 * The graphs that record `changed`: its own version graph only, or, for a history still in one
 * graph, every version in its own graph and the single graph emptied, in the same write.
 */
function historyWrites (key: DescriptionKey, history: LoadedHistory | undefined, changed: VersionRecord): GraphContent[] {
  const versions = history?.single === true
    ? [...history.versions.filter(v => v.version !== changed.version), changed]
    : [changed]
  return [
    ...versions.map(version => ({ graph: versionGraphOf(key, version.version), quads: versionToQuads(key, version) })),
    ...history?.single === true ? [{ graph: historyGraphOf(key), quads: [] }] : []
  ]
}

function notFound (key: DescriptionKey, version?: number): SymphonyError {
  const which = { en: version === undefined ? '' : `version ${version} of the `, de: version === undefined ? 'keine Beschreibung' : `keine Version ${version} der Beschreibung` }
  return new SymphonyError('NOT_FOUND', {
    en: `no ${which.en}description "${key.name}" of <${key.provider}>; GET /providers/{provider}/descriptions lists what is published`,
    de: `${which.de} "${key.name}" von <${key.provider}>; GET /providers/{provider}/descriptions listet, was veröffentlicht ist`
  })
}

function inGraph (quads: readonly Quad[], graph: string): Quad[] {
  const node = DataFactory.namedNode(graph)
  return quads.map(q => DataFactory.quad(q.subject, q.predicate, q.object, node) as Quad)
}
