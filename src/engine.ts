/**
 * The composition root: wires store, reasoner, catalog, matcher, composer and forms with plain
 * arguments. The API and CLI talk to the engine only.
 *
 * @example
 * const engine = await openEngine({ dataDir: 'data', seedExamples: true })
 * const answer = engine.discover({ available: [], wanted: ['https://w3id.org/symphony/ontology#CallEventFeed'], limit: 5 })
 * await engine.close()
 */
import { basename, extname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Quad } from '@rdfjs/types'
import { SymphonyError, type ErrorMessages } from './errors.js'
import { filterInSlices, forEachInSlices } from './turns.js'
import { builtinFiles, builtinFolders, graphs, isPrivateGraph, projectRoot } from './project.js'
import { formatOfFile, listTurtleFiles, nodeLines, readRdfBytes, readRdfFile, serializeRdf, terms as rdfTerms } from './rdf/index.js'
import type { SerializationFormat } from './rdf/index.js'
import { EmbeddedStore, gatherQuads, MemoryStore, SparqlEndpointStore } from './store/index.js'
import type { GraphContent, HeldGraph, OpenProgress, QueryResult, SparqlEndpointOptions, Store } from './store/index.js'
import { BackgroundCompiler, type SnapshotTarget } from './catalog-thread/compiler.js'
import { storedOrQuads, storedRuns } from './catalog-thread/store-graphs.js'
import { catalogOfParts, catalogSlices, compileCatalog, compileLineParts, compileParts, isServiceNodePredicate, LineGraph, nameServiceNodes, offerPriceModels, priceModel } from './catalog/index.js'
import { describedTwice, readSnapshot, removeSnapshotLeftovers, snapshotFileOf, snapshotKey, writeSnapshot } from './catalog/index.js'
import { deleteVocabulary, listVocabularies, putVocabulary, selectVocabulary, vocabularyContent } from './vocabulary/index.js'
import type { VocabularyGraph } from './vocabulary/index.js'
import type { Catalog, CatalogParts, OfferPriceModel } from './catalog/index.js'
import { readRuleFolders, type Rule } from './reasoner/index.js'
import { canCombine, combinableWith, discoverInSlices, prepareDiscovery } from './matcher/index.js'
import type { Combinable, CombinableOptions, DiscoveryAnswer, PairCheck } from './matcher/index.js'
import { compose, loadSolver, parseCompositionRequest, tighterLimits } from './composer/index.js'
import type { ComposeLimits, CompositionAnswer } from './composer/index.js'
import { compileShapes, equivalenceLinks, reachableData } from './shacl/index.js'
import type { ShaclOptions, ShaclReport, SparqlLimits } from './shacl/index.js'
import type { Form, Json } from './forms/index.js'
import { Publisher, namespacesOf, referenceBundles, referenceRequestQuads, referenceRequestsIn } from './publishing/index.js'
import { loadSecrets, notifyServiceChange, Operations, OperationsStore } from './operations/index.js'
import type { OperationsDependencies, ServiceChange, Subscription } from './operations/index.js'
import { TicketDesk } from './tickets/index.js'
import { Configurations } from './configurations.js'
import type { ConfigurationSummary, ConfigureOptions, ConfigureOutcome, FormRequestOptions, FormTarget } from './configurations.js'
import type { TicketDeskDependencies } from './tickets/index.js'
import type {
  DeprecateOutcome, DescriptionKey, DescriptionSummary, PairMatch, PublishOutcome, ReferenceRequest,
  Submission, VersionSummary
} from './publishing/index.js'

export interface EngineOptions {
  /** Data directory of the embedded store; without it (and `endpoint`) the engine keeps everything in memory. */
  readonly dataDir?: string
  /** A remote SPARQL 1.1 endpoint to use instead of the embedded store. */
  readonly endpoint?: SparqlEndpointOptions
  /** Extra RDF files, loaded into memory only (never written to the data directory). */
  readonly dataFiles?: readonly string[]
  /** Import the example catalog when the store holds no catalog graph yet. */
  readonly seedExamples?: boolean
  /** Told about long work (imports), for progress bars. */
  readonly onProgress?: (progress: Progress) => void
  /** Folders of inference rule files (`*.rq`) applied besides the built-in ones (`--rules`). */
  readonly rules?: readonly string[]
  /** Read a snapshot of the data directory: no lock, no recovery, no durable writes. */
  readonly readOnly?: boolean
  /** What the process runs (`serve`, `import`…), named in the data directory's lock. */
  readonly command?: string
  /** Told after each stored graph of the data directory is read (`serve` reports it while starting). */
  readonly onOpen?: OpenProgress
  /**
   * Compile the catalog in a worker thread (`serve` does): the event loop stays free while a
   * large catalog recompiles after a write, and requests meanwhile get the previous catalog.
   * Each catalog's discovery index is then prepared a slice at a time before reads get it, so
   * the first discovery on it does not build the index in one piece.
   */
  readonly compileInBackground?: boolean
  /**
   * The operator's budgets of every composition (`symphony serve --compose-max-states` …);
   * requests may lower them, never raise them. Absent ones are the composer's defaults.
   */
  readonly composeLimits?: ComposeLimits
  /**
   * Limits of each query of a SHACL-SPARQL constraint (`--shacl-sparql-timeout-ms`,
   * `--shacl-sparql-max-rows`); default `$SYMPHONY_SHACL_SPARQL_TIMEOUT_MS` and
   * `$SYMPHONY_SHACL_SPARQL_MAX_ROWS`, else 10 s and 10,000 rows.
   */
  readonly shaclSparqlLimits?: SparqlLimits
  /**
   * Told what went wrong without failing anything (a damaged catalog snapshot set aside, a
   * snapshot that could not be saved), for the operator to read.
   */
  readonly onWarning?: (messages: ErrorMessages) => void
  /**
   * Providers may be on local and private addresses (`serve --allow-private-providers`, on-premise
   * setups): published descriptions may name such endpoints, and operations call them (unless
   * `openOperations` says otherwise). Default false.
   */
  readonly allowPrivateProviders?: boolean
}

/** How orders reach providers (see `Engine.openOperations`). */
export interface OperationsOptions extends Partial<Pick<OperationsDependencies, 'clock' | 'sleep' | 'policy' | 'pollIntervalMs' | 'allowPrivateWebhooks' | 'webhookPolicy' | 'endpointAddress' | 'allowPrivateProviders' | 'providerOrigins' | 'lookupAddresses'>> {
  /** Base URL of the API that providers call back to. */
  readonly callbackBase: string
  /** Environment with `SYMPHONY_SECRET_<NAME>` credentials (besides `<dataDir>/secrets.json`). */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Pick up unfinished orders right away (default true). */
  readonly resume?: boolean
  /** The fault desk: days until a resolved ticket closes by itself, largest attachment. */
  readonly tickets?: Pick<TicketDeskDependencies, 'autoCloseDays' | 'attachmentLimitBytes'>
}

export interface Progress {
  readonly phase: 'parse' | 'store'
  readonly done: number
  readonly total: number
  readonly file?: string
}

/** Where a catalog came from: the data directory's snapshot, or compiled from the quads. */
export type CatalogOrigin = 'snapshot' | 'compiled'

/** What `/health/ready` reports. */
export interface Readiness {
  /** The compiled catalog matches the store's current version: requests answer at once. */
  readonly ready: boolean
  /** Changes with every write to a public graph (the catalog, vocabulary, ontology, shapes). */
  readonly version: string
  /** Public graphs: operations data and stored configurations are not counted. */
  readonly graphs: number
  readonly triples: number
}

export interface ImportedGraph {
  readonly graph: string
  readonly file: string
  readonly triples: number
}

/** Graph IRI for an imported file: one graph per file, named by the file's stem. */
export type { ConfigurationSummary, ConfigureOptions, ConfigureOutcome, FormConstraints, FormPrefill, FormRequestOptions, FormTarget } from './configurations.js'

export function graphOfFile (file: string, base: string = graphs.imported): string {
  return base + encodeURIComponent(basename(file, extname(file)))
}


export class Engine {
  readonly store: Store
  readonly #onProgress: ((progress: Progress) => void) | undefined
  readonly #dataDir: string | undefined
  /** The shapes a published description must conform to (the vocabulary is in the data graph). */
  #publishingShapes: readonly Quad[] = []
  /** The latest compiled catalog and the store's version it was read at. */
  #current: { readonly version: string, readonly catalog: Catalog } | undefined
  /** The compile in flight, for the version it reads. */
  #compiling: { readonly version: string, readonly catalog: Promise<Catalog> } | undefined
  /** Writes through the engine that have not returned yet: meanwhile reads get `#current`. */
  #writing = 0
  /** The compile thread, with `compileInBackground`. */
  readonly #compiler: BackgroundCompiler | undefined

  /** Inference rules of the `rules` folders; the built-in and stored ones are added by `compileCatalog`. */
  #rules: readonly Rule[] = []
  /** The operator's budgets of every composition. */
  readonly composeLimits: ComposeLimits
  /** How every SHACL validation bounds its SPARQL queries (empty: the defaults). */
  readonly #shacl: { readonly sparqlLimits?: SparqlLimits }
  /**
   * The compiled catalog's snapshot beside the data directory's graphs: read when current,
   * written after a compile by a process that holds the directory (`writable`). Not used with
   * `--data` files or an endpoint.
   */
  readonly #snapshot: { readonly file: string, readonly writable: boolean } | undefined
  readonly #onWarning: (messages: ErrorMessages) => void
  readonly #allowPrivateProviders: boolean
  /** Configuration forms, and the configurations stored with them. */
  readonly #configurations: Configurations

  private constructor (store: Store, options: EngineOptions) {
    this.store = store
    this.composeLimits = options.composeLimits ?? {}
    this.#shacl = options.shaclSparqlLimits === undefined ? {} : { sparqlLimits: options.shaclSparqlLimits }
    this.#onProgress = options.onProgress
    this.#dataDir = options.endpoint === undefined ? options.dataDir : undefined
    this.#onWarning = options.onWarning ?? (() => undefined)
    this.#allowPrivateProviders = options.allowPrivateProviders === true
    this.#configurations = new Configurations({
      store,
      catalog: () => this.catalog(),
      vocabulary: () => this.vocabulary(),
      write: work => this.#write(work),
      shacl: this.#shacl
    })
    this.#compiler = options.compileInBackground === true ? new BackgroundCompiler(this.#onWarning) : undefined
    this.#snapshot = store instanceof EmbeddedStore && this.#dataDir !== undefined && (options.dataFiles ?? []).length === 0
      ? { file: snapshotFileOf(this.#dataDir), writable: options.readOnly !== true }
      : undefined
  }

  /** Opens the store, loads the built-in ontology and shapes, `--data` files, and seeds examples when asked. */
  static async open (options: EngineOptions = {}): Promise<Engine> {
    const store = options.endpoint !== undefined
      ? new SparqlEndpointStore(options.endpoint)
      : options.dataDir === undefined
        ? new MemoryStore()
        : await EmbeddedStore.open(options.dataDir, { readOnly: options.readOnly === true, ...(options.command === undefined ? {} : { command: options.command }), ...(options.onOpen === undefined ? {} : { onProgress: options.onOpen }) })
    const engine = new Engine(store, options)
    try {
      if (engine.#snapshot?.writable === true) await removeSnapshotLeftovers(engine.#snapshot.file)
      engine.#rules = await readRuleFolders(options.rules ?? [])
      const ontology = await readFolder(builtinFolders.ontology)
      engine.#publishingShapes = await readRdfFile(builtinFiles.publishingShapes)
      const shapes = await readFolder(builtinFolders.shapes)
      const builtins: GraphContent[] = [
        { graph: graphs.ontology, quads: ontology },
        { graph: graphs.shapes, quads: shapes }
      ]
      // `--data` files live only in memory: numbered, so two files with the same name never clash.
      const dataGraph = (file: string, index: number): string => graphOfFile(file, `${graphs.data}${index + 1}/`)
      if (store instanceof MemoryStore) {
        // N-Triples and N-Quads are held as term ids: compiled from them, their quads built only when read.
        const data = await engine.#readFiles(options.dataFiles ?? [], dataGraph)
        await engine.#noticeDescribedTwice(data)
        store.holdGraphs([...builtins, ...data])
      } else {
        // An endpoint stores whatever it is given: there is no keeping in memory only.
        const data = await engine.#parseFiles(options.dataFiles ?? [], dataGraph)
        await engine.#noticeDescribedTwice(data)
        await store.putGraphs([...builtins, ...data.map(({ graph, quads }) => ({ graph, quads }))])
      }
      if (options.seedExamples === true && (await engine.catalogGraphs()).length === 0) {
        const examples = await engine.#parseFiles(await listTurtleFiles(builtinFolders.examples), file => graphOfFile(file))
        // The demo's reference requests for publishing impact: the example composition requests.
        // One write with the examples, so the seeded catalog is compiled (and its snapshot saved) once.
        const requests = vocabularyContent('reference-requests', await referenceRequestQuads(exampleRequestsFolder, 'https://example.org/requests#'))
        await engine.#write(() => store.putGraphs([...examples, requests]))
      }
    } catch (error) {
      await store.close()
      throw error
    }
    return engine
  }

  /** The SPARQL endpoint the engine runs on, if any (the API forwards read-only queries to it). */
  get endpoint (): SparqlEndpointStore | undefined {
    return this.store instanceof SparqlEndpointStore ? this.store : undefined
  }

  /** Named graphs that hold catalog data (everything but the built-in ontology and shapes, and operations data). */
  async catalogGraphs (): Promise<string[]> {
    return (await this.publicGraphs()).filter(g => g !== graphs.ontology && g !== graphs.shapes)
  }

  /** Every graph anyone may read: all but operations data. */
  async publicGraphs (): Promise<string[]> {
    return (await this.store.graphs()).map(g => g.graph).filter(g => !isPrivateGraph(g))
  }

  /** The quads of every public graph: what the catalog is compiled from and the SPARQL endpoint answers over. */
  async publicQuads (): Promise<Quad[]> {
    return this.store.quads({ publicOnly: true })
  }

  /**
   * Imports RDF files, one graph per file, all or nothing: every file is parsed before anything
   * is written, so one bad file leaves the store unchanged.
   */
  async importFiles (files: readonly string[]): Promise<ImportedGraph[]> {
    const store = this.store
    // In this process's memory (and data directory), `.nt` / `.nq` files are held as term ids:
    // their graph files are written from the ids and the catalog compiled from them, no quad built.
    const read = store instanceof MemoryStore
      ? await this.#readFiles(files, file => graphOfFile(file))
      : await this.#parseFiles(files, file => graphOfFile(file))
    this.#onProgress?.({ phase: 'store', done: 0, total: read.length })
    await this.#write(() => store instanceof MemoryStore
      ? store.putGraphs(read)
      : store.putGraphs(read.map(content => 'held' in content ? { graph: content.graph, quads: content.held.quadsNow() } : content)))
    this.#onProgress?.({ phase: 'store', done: read.length, total: read.length })
    return read.map(content => ({ graph: content.graph, file: content.file, triples: 'held' in content ? content.held.triples : content.quads.length }))
  }

  /**
   * Validates a service description against the publishing shapes (`shapes/service-description.ttl`),
   * with the vocabulary terms its nodes reach in the data graph (their classes up to `sym:Service`,
   * the certifications and protocols they name): a term it uses but defines wrongly is reported,
   * terms it does not reach are not validated again. Classes are those the reasoner derives:
   * an `owl:equivalentClass` counts as `rdfs:subClassOf` both ways.
   */
  async validateDescription (quads: readonly Quad[], options: ShaclOptions = {}): Promise<ShaclReport> {
    const catalog = await this.catalog()
    // The vocabulary's terms, without the services, their interfaces and offers, and the blank
    // nodes of graphs that mix both (they are not under review).
    const vocabulary = await this.vocabulary()
    const serviceNodes = new Set<string>()
    const equivalences: Quad[] = []
    await forEachInSlices(vocabulary, q => {
      if (isServiceNodePredicate(q.predicate.value)) serviceNodes.add(q.object.value)
      else if (q.predicate.value === rdfTerms.equivalentClass) equivalences.push(q)
    })
    const terms = await filterInSlices(vocabulary, q => q.subject.termType === 'NamedNode' && !catalog.services.has(q.subject.value) && !serviceNodes.has(q.subject.value))
    // The hierarchy the reasoner derives: the subclass links that equivalent classes entail
    // (of the description and of the vocabulary), in the data graph only, never stored.
    const links = equivalenceLinks([...quads, ...equivalences])
    // Only the terms the description's nodes reach: its results are the same, and the rest of a
    // large vocabulary is neither indexed nor validated on every publication.
    const reached = await reachableData(quads, links.length === 0 ? terms : terms.concat(links), this.#publishingShapes)
    return compileShapes(this.#publishingShapes, this.#shacl).validate([...quads, ...reached], options)
  }

  /** All catalog data (not the built-in ontology and shapes), serialized. */
  async export (format: SerializationFormat): Promise<string> {
    const keep = new Set(await this.catalogGraphs())
    const quads = (await this.store.quads()).filter(q => keep.has(q.graph.value))
    return serializeRdf(quads, format)
  }

  /**
   * The compiled catalog view over every graph (ontology, shapes, catalog, `--data`), built on
   * first use and rebuilt when the store's public version moves.
   *
   * Consistency: a write through the engine (import, publish, deprecate, vocabulary change)
   * returns only once the catalog is recompiled, so every read after it sees the write. While
   * a write is in flight, reads get the previous catalog (never a half-built one). A version
   * moved by someone else (another instance over the same endpoint) is compiled before the
   * read answers. With `compileInBackground` the compile runs in a worker thread and other
   * requests are answered meanwhile; `here` compiles `--data` files and stores without a
   * snapshot on this thread all the same (a server while another process answers for it, its
   * start: the compile is then not handed over from the thread).
   */
  async catalog (options: { readonly here?: boolean } = {}): Promise<Catalog> {
    // The store's version also moves with writes by other instances over the same endpoint;
    // orders, tickets and configurations (private graphs) leave it as it is.
    const version = await this.store.version({ publicOnly: true })
    const current = this.#current
    if (current?.version === version) return current.catalog
    const compiling = this.#compile(version, undefined, options.here === true)
    return current !== undefined && this.#writing > 0 ? current.catalog : compiling
  }

  /**
   * The catalog of `version`: the compile in flight for it, or a new one; or `written`, the
   * catalog a write compiled of what it stored, when the public quads are now exactly those;
   * `here`: as `catalog` says.
   */
  #compile (version: string, written?: Catalog, here = false): Promise<Catalog> {
    if (this.#compiling?.version === version) return this.#compiling.catalog
    const built = written === undefined ? this.#build(here) : this.#adopt(written).then(adopted => adopted ?? this.#build())
    const catalog = built.then(async ({ vocabularyOf, catalog: compiled, from }) => {
      // A server prepares what discovery needs of it with turns between slices: the first
      // discovery on a catalog of 100,000 services would otherwise hold every request for a second or more.
      if (this.#compiler !== undefined) await prepareDiscovery(compiled)
      // Selected on first use: a catalog read from its snapshot then parses no stored graph until asked.
      let vocabulary: Promise<readonly Quad[]> | undefined
      this.#vocabularyOf.set(compiled, () => {
        if (vocabulary === undefined) {
          const selecting = vocabularyOf()
          // A stored graph that turns out corrupt fails this read; the next one tries again.
          selecting.catch(() => { if (vocabulary === selecting) vocabulary = undefined })
          vocabulary = selecting
        }
        return vocabulary
      })
      this.#fromOf.set(compiled, from)
      return compiled
    })
    const entry = { version, catalog }
    this.#compiling = entry
    catalog.then(compiled => {
      if (this.#compiling === entry) {
        this.#compiling = undefined
        this.#current = { version, catalog: compiled }
      }
    }, () => {
      if (this.#compiling === entry) this.#compiling = undefined
    })
    return catalog
  }

  /**
   * The catalog of the public quads as they are now: read from the snapshot when it was saved
   * for exactly this content, these rules and this code (no stored graph is parsed then);
   * otherwise compiled (and saved, by a process that holds the data directory). A damaged
   * snapshot is set aside with a warning. `vocabularyOf` selects the vocabulary of the public
   * quads the catalog is of. `here`: without a snapshot, compiled on this thread, not in the
   * compile thread.
   */
  async #build (here = false): Promise<Built> {
    const snapshot = this.#snapshot
    if (snapshot === undefined || !(this.store instanceof EmbeddedStore)) {
      const compiler = here ? undefined : this.#compiler
      const fromLines = await this.#compileLines(compiler)
      if (fromLines !== undefined) return fromLines
      const quads = await this.publicQuads()
      const catalog = compiler === undefined ? compileCatalog(quads, { rules: this.#rules }) : await compiler.compile(quads, this.#rules)
      // Selected now: the catalog then keeps its vocabulary, not every quad of a store that may be remote.
      const vocabulary = await selectVocabulary(quads)
      return { vocabularyOf: async () => vocabulary, from: 'compiled', catalog }
    }
    // The built-in graphs' digests taken a slice per turn first, not in one piece below.
    await this.store.takeDigests()
    // The digest and the quads of one moment: a write made later is in neither.
    const content = this.store.publicContent()
    const key = snapshotKey(content.digest, this.#rules)
    const read = await readSnapshot(snapshot.file, key)
    // The stored graphs are gathered again when the vocabulary is first asked: a catalog read
    // from its snapshot parses none of them until then, and no catalog keeps every quad alive.
    const vocabularyOf = async (): Promise<readonly Quad[]> => selectVocabulary(await content.quads())
    if (read.status === 'loaded') {
      this.#snapshotOf.set(read.catalog, { file: snapshot.file, key })
      return { vocabularyOf, catalog: read.catalog, from: 'snapshot' }
    }
    if (read.status === 'corrupt') {
      this.#onWarning({
        en: `${read.reason.en}; the catalog is compiled from the data directory instead${snapshot.writable ? ' and the snapshot replaced' : ''}`,
        de: `${read.reason.de}; der Katalog wird stattdessen aus dem Datenverzeichnis kompiliert${snapshot.writable ? ' und der Snapshot ersetzt' : ''}`
      })
    }
    const target = snapshot.writable ? { file: snapshot.file, key } : undefined
    if (this.#compiler !== undefined) {
      const compiled = await this.#compiler.compileStored(await storedOrQuads(content.held), this.#rules, target) ??
        await this.#compiler.compile(await content.quads(), this.#rules, target)
      // Saved by the compile thread after the hand-over: until it is (or when it could not be),
      // a reader finds the previous snapshot's key or none, and compiles instead.
      if (target !== undefined) this.#snapshotOf.set(compiled, target)
      return { vocabularyOf, catalog: compiled, from: 'compiled' }
    }
    // Graphs written from term ids (an imported `.nt` / `.nq` file) are compiled from them.
    const split = splitLines(content.held)
    const parts = (split === undefined ? undefined : compileLineParts(await gatherQuads(content.held.slice(0, split.first)), split.lines, { rules: this.#rules })) ??
      compileParts(await content.quads(), { rules: this.#rules })
    let saved: SnapshotTarget | undefined
    if (target !== undefined) {
      await writeSnapshot(target.file, target.key, catalogSlices(parts), parts.shared).then(() => { saved = target }, (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error)
        this.#onWarning({
          en: `the compiled catalog was not saved as ${target.file} (${reason}); the next start compiles it again`,
          de: `der kompilierte Katalog wurde nicht als ${target.file} gespeichert (${reason}); der nächste Start kompiliert ihn erneut`
        })
      })
    }
    // Indexed when first read: an `import` that prints its counts and ends never reads it.
    const compiled = catalogOfParts(parts, { onFirstUse: true })
    if (saved !== undefined) this.#snapshotOf.set(compiled, saved)
    return { vocabularyOf, catalog: compiled, from: 'compiled' }
  }

  /**
   * The catalog of an in-memory store (or a data directory's) whose public graphs are quads
   * followed by files held as term ids (`--data` N-Triples / N-Quads), compiled from the ids
   * (`compileLineParts`; in `compiler` when given, their quads not built here);
   * the vocabulary is selected from the graphs of this moment when first asked. Undefined when
   * the store holds anything else, or (compiled here) a node is left to name across the graphs:
   * the quads are compiled then (`compiler` builds them of its own copy instead).
   */
  async #compileLines (compiler: BackgroundCompiler | undefined): Promise<Built | undefined> {
    const split = this.#heldAsLines()
    if (split === undefined) return undefined
    const { held, first, lines } = split
    const vocabularyOf = async (): Promise<readonly Quad[]> => selectVocabulary(await gatherQuads(held))
    const quads = await gatherQuads(held.slice(0, first))
    if (compiler !== undefined) return { vocabularyOf, from: 'compiled', catalog: await compiler.compileLines(quads, lines, this.#rules) }
    const parts = compileLineParts(quads, lines, { rules: this.#rules })
    if (parts === undefined) return undefined
    return { vocabularyOf, from: 'compiled', catalog: catalogOfParts(parts, { onFirstUse: true }) }
  }

  /**
   * The public graphs of an in-memory store (or a data directory's) as they are now, when they
   * are quads followed (from `first` on) by graphs held as term ids (`lines`); undefined when the
   * store holds anything else.
   */
  #heldAsLines (): { held: ReturnType<MemoryStore['heldNow']>, first: number, lines: LineGraph[] } | undefined {
    const store = this.store
    if (!(store instanceof MemoryStore)) return undefined
    const held = store.heldNow({ publicOnly: true })
    const split = splitLines(held)
    return split === undefined ? undefined : { held, ...split }
  }

  /**
   * A catalog a write compiled (`#compileForWrite`) as the one after the write: kept when the
   * public quads are now exactly those it was compiled of (compared quad by quad, a slice per
   * turn), and saved as the snapshot as `#build` saves what it compiles. Not over a SPARQL
   * endpoint, whose quads are read over the network (and which other instances write to).
   */
  async #adopt (catalog: Catalog): Promise<Built | undefined> {
    const compiled = this.#compiledForWrite.get(catalog)
    this.#compiledForWrite.delete(catalog)
    const snapshot = this.#snapshot
    const embedded = this.store instanceof EmbeddedStore ? this.store : undefined
    if (compiled === undefined || this.store instanceof SparqlEndpointStore) return undefined
    await embedded?.takeDigests()
    // The quads of one moment, read after the version the catalog will be filed under: a write
    // made meanwhile is in them, and then they are not those compiled.
    const content = embedded?.publicContent()
    const quads = content === undefined ? await this.publicQuads() : await content.quads()
    if (!await sameQuads(quads, compiled.quads)) {
      this.#letGo(catalog)
      return undefined
    }
    if (content === undefined || snapshot === undefined) {
      const vocabulary = await selectVocabulary(quads)
      return { vocabularyOf: async () => vocabulary, from: 'compiled', catalog }
    }
    const vocabularyOf = async (): Promise<readonly Quad[]> => selectVocabulary(await content.quads())
    if (!snapshot.writable) return { vocabularyOf, catalog, from: 'compiled' }
    const target = { file: snapshot.file, key: snapshotKey(content.digest, this.#rules) }
    if (this.#compiler !== undefined) {
      this.#compiler.saveSnapshot(catalog, target)
      this.#snapshotOf.set(catalog, target)
    } else if (compiled.parts !== undefined) {
      await writeSnapshot(target.file, target.key, catalogSlices(compiled.parts), compiled.parts.shared).then(() => { this.#snapshotOf.set(catalog, target) }, (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error)
        this.#onWarning({
          en: `the compiled catalog was not saved as ${target.file} (${reason}); the next start compiles it again`,
          de: `der kompilierte Katalog wurde nicht als ${target.file} gespeichert (${reason}); der nächste Start kompiliert ihn erneut`
        })
      })
    }
    return { vocabularyOf, catalog, from: 'compiled' }
  }

  /**
   * Compiles the catalog a write checks before it stores anything (publishing): in the compile
   * thread when there is one, kept there (or its parts here) to be saved as the snapshot should
   * the write hand it over (`#adopt`).
   */
  async #compileForWrite (quads: readonly Quad[]): Promise<Catalog> {
    const saves = this.#snapshot?.writable === true && this.store instanceof EmbeddedStore
    if (this.#compiler !== undefined) {
      const later = saves ? 'later' : undefined
      // The graphs the write leaves as stored are read from their files in the thread, not packed here.
      const graphs = this.store instanceof EmbeddedStore ? storedRuns(quads, this.store.heldNow({ publicOnly: true })) : undefined
      const catalog = (graphs === undefined ? undefined : await this.#compiler.compileStored(graphs, this.#rules, later)) ??
        await this.#compiler.compile(quads, this.#rules, later)
      this.#compiledForWrite.set(catalog, { quads })
      return catalog
    }
    const parts = compileParts(quads, { rules: this.#rules })
    const catalog = catalogOfParts(parts, { onFirstUse: true })
    this.#compiledForWrite.set(catalog, saves ? { quads, parts } : { quads })
    return catalog
  }

  /** Lets go of a catalog compiled for a write that did not keep it: the compile thread drops its slices. */
  #letGo (catalog: Catalog): void {
    this.#compiledForWrite.delete(catalog)
    this.#compiler?.dropSnapshot(catalog)
  }

  /** What each catalog compiled for a write was compiled of. */
  readonly #compiledForWrite = new WeakMap<Catalog, { readonly quads: readonly Quad[], readonly parts?: CatalogParts }>()
  /** The catalog the write in flight handed over (`PublishingDeps.changed`). */
  #written: Catalog | undefined

  readonly #fromOf = new WeakMap<Catalog, CatalogOrigin>()
  /** The snapshot each catalog was read from or saved to (its key names exactly that catalog's content, rules and code). */
  readonly #snapshotOf = new WeakMap<Catalog, SnapshotTarget>()

  /** Where the current catalog came from: its snapshot, or compiled in this process. */
  async catalogOrigin (): Promise<CatalogOrigin> {
    return this.#fromOf.get(await this.catalog()) ?? 'compiled'
  }

  /**
   * Runs a write and returns after the catalog is recompiled for what it wrote; reads made
   * meanwhile get the previous catalog. A catalog that does not compile (e.g. a stored rule
   * with an error) does not fail the write: the next read reports it.
   */
  async #write<T> (work: () => Promise<T>): Promise<T> {
    this.#writing++
    try {
      const result = await work()
      const written = this.#written
      this.#written = undefined
      const version = await this.store.version({ publicOnly: true })
      if (this.#current?.version !== version) await this.#compile(version, written).catch(() => undefined)
      return result
    } finally {
      this.#writing--
    }
  }

  /** The vocabulary quads (see `selectVocabulary`) of each compiled catalog, selected when first asked. */
  readonly #vocabularyOf = new WeakMap<Catalog, () => Promise<readonly Quad[]>>()

  /**
   * The vocabulary as stored now: the built-in ontology and shapes, the operator's vocabulary
   * graphs and every other graph that declares terms (`--data`, imports, publications). Forms,
   * configuration and publishing validation read it; it is rebuilt with the catalog.
   */
  async vocabulary (): Promise<readonly Quad[]> {
    const catalog = await this.catalog()
    return await this.#vocabularyOf.get(catalog)?.() ?? []
  }

  /** Operator-managed vocabulary graphs. */
  async vocabularies (): Promise<VocabularyGraph[]> {
    return listVocabularies(this.store)
  }

  /** Stores (replaces) a vocabulary graph; it takes effect at once (the catalog is recompiled on next use). */
  async putVocabulary (name: string, quads: readonly Quad[]): Promise<VocabularyGraph> {
    return this.#write(() => putVocabulary(this.store, name, quads))
  }

  /** Deletes a vocabulary graph (`NOT_FOUND` when there is none of that name). */
  async deleteVocabulary (name: string): Promise<void> {
    await this.#write(() => deleteVocabulary(this.store, name))
  }

  /**
   * Readiness without a scan: whether the compiled catalog is current, the store's version and
   * what it holds (counted on every write in memory; asked from a remote store once per version).
   */
  async readiness (): Promise<Readiness> {
    // Anyone may ask: only the public graphs are counted, so orders, tickets and configurations
    // written by anyone leave the answer as it is.
    const version = await this.store.version({ publicOnly: true })
    const counts = this.store instanceof MemoryStore
      ? this.store.counts({ publicOnly: true })
      : await this.store.graphs().then(all => all.filter(g => !isPrivateGraph(g.graph))).then(graphs => ({ graphs: graphs.length, triples: graphs.reduce((sum, g) => sum + g.triples, 0) }))
    return { ready: this.#current?.version === version, version, ...counts }
  }

  /**
   * What the catalog is compiled from now: the store's version, the public quads followed by
   * the graphs held as term ids (`--data` N-Triples / N-Quads: their quads are not built here),
   * and the extra inference rules (a composition worker thread compiles its own copy from it when
   * it cannot read `catalogSnapshot`).
   */
  async catalogSource (): Promise<{ version: string, quads: Quad[], lines: readonly LineGraph[], rules: readonly Rule[] }> {
    const version = await this.store.version({ publicOnly: true })
    const split = this.#heldAsLines()
    if (split === undefined) return { version, quads: await this.publicQuads(), lines: [], rules: this.#rules }
    return { version, quads: await gatherQuads(split.held.slice(0, split.first)), lines: split.lines, rules: this.#rules }
  }

  /**
   * The version of the catalog reads get now, and the snapshot that catalog was read from or
   * saved to, if any: a composition worker reads it (`readSnapshot` with the key) instead of
   * compiling from `catalogSource`. Without a snapshot file (in memory, `--data` files, an
   * endpoint) only the store's version, at once; with one, after the catalog is built.
   */
  async catalogSnapshot (): Promise<{ version: string, snapshot?: SnapshotTarget }> {
    if (this.#snapshot === undefined) return { version: await this.store.version({ publicOnly: true }) }
    const catalog = await this.catalog()
    const current = this.#current
    const snapshot = this.#snapshotOf.get(catalog)
    if (current?.catalog !== catalog) return { version: await this.store.version({ publicOnly: true }) }
    return snapshot === undefined ? { version: current.version } : { version: current.version, snapshot }
  }

  /**
   * Discovery: validates the request and ranks services, in slices with turns of the event loop
   * between them (a server's other requests are answered meanwhile).
   */
  async discover (request: unknown): Promise<DiscoveryAnswer> {
    return discoverInSlices(await this.catalog(), request)
  }

  /**
   * The price model (docs/describing-services.md): every offer of the catalog, or of one
   * service, with its components as the vocabulary declares them.
   */
  async priceModel (service?: string): Promise<OfferPriceModel[]> {
    const catalog = await this.catalog()
    return service === undefined ? priceModel(catalog) : offerPriceModels(catalog, service)
  }

  /** "Does A fit B": the pairwise check both ways, explained per requirement. */
  async match (a: string, b: string): Promise<PairCheck> {
    return canCombine(await this.catalog(), a, b)
  }

  /** Every service that can be linked to `x`, in either direction, ranked. */
  async combinable (x: string, options: CombinableOptions = {}): Promise<Combinable[]> {
    return combinableWith(await this.catalog(), x, options)
  }

  /**
   * Composition: validates the request and returns the top-k bundles, within the engine's
   * `composeLimits` tightened by `limits` (and by the request's own).
   */
  async compose (request: unknown, limits: ComposeLimits = {}): Promise<CompositionAnswer> {
    const parsed = parseCompositionRequest(request)
    await loadSolver()
    return compose(await this.catalog(), parsed, tighterLimits(this.composeLimits, limits))
  }

  /**
   * The configuration form of a service type, of a service, or — for a bundle —
   * the joint form of its members and the links between them. Links are the given ones (e.g. a
   * composer bundle's) or, when omitted, found by the matcher among the members.
   */
  async form (target: FormTarget, options: FormRequestOptions = {}): Promise<Form> {
    return this.#configurations.form(target, options)
  }

  /**
   * Checks configuration values against the target's form (ajv, then SHACL) and, when they are
   * valid, stores them as RDF in a graph of their own, linked to the services they configure.
   */
  async configure (target: FormTarget, values: Json, options: ConfigureOptions = {}): Promise<ConfigureOutcome> {
    return this.#configurations.configure(target, values, options)
  }

  /**
   * Stored configurations, newest first; with `owner`, only those that account stored.
   */
  async configurations (owner?: string): Promise<ConfigurationSummary[]> {
    return this.#configurations.list(owner)
  }

  /** The account id that stored a configuration (`undefined` for one stored before owners were recorded); NOT_FOUND when there is none. */
  async configurationOwner (id: string): Promise<string | undefined> {
    return this.#configurations.owner(id)
  }

  /**
   * Removes a stored configuration that no order and no subscription names: what a member change
   * the API refused leaves behind. NOT_FOUND when there is none, CONFLICT while one names it.
   */
  async deleteConfiguration (id: string): Promise<void> {
    await this.configurationOwner(id)
    await this.operations.deleteConfiguration(id, async () => await this.store.deleteGraphs([id]))
  }

  /** Read-only SPARQL over all graphs. */
  async query (sparql: string): Promise<QueryResult> {
    return this.store.query(sparql)
  }

  // ── Publishing (src/publishing/, ) ────────────────────────────────────────────
  #publisher: Publisher | undefined
  /** Per vocabulary: its reference requests, found once (a publication asks before and after it). */
  readonly #referenceRequestsOf = new WeakMap<readonly Quad[], Promise<ReferenceRequest[]>>()

  async #referenceRequests (): Promise<ReferenceRequest[]> {
    const vocabulary = await this.vocabulary()
    let found = this.#referenceRequestsOf.get(vocabulary)
    if (found === undefined) this.#referenceRequestsOf.set(vocabulary, found = referenceRequestsIn(vocabulary))
    return await found
  }

  get #publishing (): Publisher {
    return this.#publisher ??= new Publisher({
      store: this.store,
      validate: (quads, { language }) => this.validateDescription(quads, { language }),
      catalog: () => this.catalog(),
      compile: async quads => this.#compileForWrite(quads),
      pairs: (catalog, service): PairMatch[] => combinableWith(catalog, service)
        .flatMap(other => other.links.map(link => ({ from: link.from, to: link.to, degree: link.degree }))),
      bundles: async catalog => {
        await loadSolver()
        return referenceBundles(catalog, await this.#referenceRequests())
      },
      // publish and deprecate run as engine writes (`#write`): they return after the recompile,
      // or after keeping the catalog the publication compiled when that is of what it stored.
      changed: compiled => { this.#written = compiled },
      discard: compiled => { this.#letGo(compiled) },
      namespaces: async provider => namespacesOf(this.#dataDir, provider),
      // Read at each publication: the operator may bind a credential while the server runs.
      credentialProvider: async name => this.#dataDir === undefined ? undefined : (await loadSecrets({ dataDir: this.#dataDir }))(name)?.provider,
      allowPrivateProviders: this.#allowPrivateProviders
    })
  }

  /**
   * Publishes a new version of a provider's description, or with `dryRun` only reports what it
   * would change. `actor` is the authenticated provider. Throws PARSE_ERROR, NOT_CONFORMING
   * (with the SHACL report), FORBIDDEN, CONFLICT; writes nothing unless accepted.
   */
  async publish (submission: Submission, options: { actor: string, dryRun?: boolean }): Promise<PublishOutcome & { subscriptions: string[] }> {
    const outcome = await this.#write(() => this.#publishing.publish(submission, options))
    const affected = outcome.status === 'accepted' && outcome.version > 1
      ? await this.#serviceChanged({ type: 'service.newVersion', services: outcome.services, version: outcome.version, provider: outcome.provider })
      : undefined
    return { ...outcome, subscriptions: (affected ?? []).map(s => s.id) }
  }

  /** Deprecates a version; the catalog falls back to the newest version not deprecated. */
  async deprecate (key: DescriptionKey & { version: number }, options: { actor: string }): Promise<DeprecateOutcome & { subscriptions: string[] }> {
    const outcome = await this.#write(() => this.#publishing.deprecate(key, options))
    const services = outcome.description.versions.find(v => v.version === key.version)?.services ?? []
    const affected = await this.#serviceChanged({ type: 'service.deprecated', services, version: key.version, provider: key.provider })
    return { ...outcome, subscriptions: affected.map(s => s.id) }
  }

  /**
   * Tells the subscribers of a new or deprecated version: through operations when they are open,
   * else straight into the operations graphs (a publication on a stopped server's data
   * directory), so no customer misses it; webhooks deliver it once operations start.
   */
  async #serviceChanged (change: ServiceChange): Promise<Subscription[]> {
    if (this.#operations !== undefined) return this.#operations.serviceChanged(change)
    return notifyServiceChange({ records: new OperationsStore(this.store), catalog: () => this.catalog(), now: () => new Date().toISOString() }, change)
  }

  /** Published descriptions (of one provider, when given) with their versions. */
  async descriptions (provider?: string): Promise<DescriptionSummary[]> {
    return this.#publishing.descriptions(provider)
  }

  /** One published description with its versions. */
  async description (key: DescriptionKey): Promise<DescriptionSummary> {
    return this.#publishing.description(key)
  }

  /** One version of a published description: its metadata and triples. */
  async descriptionVersion (key: DescriptionKey & { version: number }): Promise<{ summary: VersionSummary, quads: Quad[] }> {
    return this.#publishing.version(key)
  }
  // ── end of publishing ──────────────────────────────────────────────────────────────────

  // ── Operations (src/operations/, ) ───────────────────────────────────────────
  #operations: Operations | undefined

  /** Orders, subscriptions and event feeds; opened by `openOperations` (the API server does). */
  get operations (): Operations {
    if (this.#operations === undefined) {
      throw new SymphonyError('INTERNAL', {
        en: 'operations are not open: call engine.openOperations first',
        de: 'der Betrieb ist nicht geöffnet: rufen Sie zuerst engine.openOperations auf'
      })
    }
    return this.#operations
  }

  #tickets: TicketDesk | undefined

  /** The fault desk; opened with operations. */
  get tickets (): TicketDesk {
    if (this.#tickets === undefined) {
      throw new SymphonyError('INTERNAL', {
        en: 'the fault desk is not open: call engine.openOperations first',
        de: 'die Störungsannahme ist nicht geöffnet: rufen Sie zuerst engine.openOperations auf'
      })
    }
    return this.#tickets
  }

  /** Starts operations (once): secrets from `<dataDir>/secrets.json` and the environment; resumes unfinished orders. */
  async openOperations (options: OperationsOptions): Promise<Operations> {
    if (this.#operations !== undefined) return this.#operations
    const { resume, env, tickets, ...timing } = options
    const secrets = await loadSecrets({ ...(this.#dataDir === undefined ? {} : { dataDir: this.#dataDir }), ...(env === undefined ? {} : { env }) })
    this.#operations = new Operations({
      allowPrivateProviders: this.#allowPrivateProviders,
      ...timing,
      store: this.store,
      compose: request => this.compose(request),
      catalog: () => this.catalog(),
      checkConfiguration: id => this.#configurations.check(id),
      secrets
    })
    const operations = this.#operations
    this.#tickets = new TicketDesk({
      ...tickets,
      ...(timing.clock === undefined ? {} : { clock: timing.clock }),
      ...(timing.sleep === undefined ? {} : { sleep: timing.sleep }),
      ...(timing.policy === undefined ? {} : { policy: timing.policy }),
      ...(timing.endpointAddress === undefined ? {} : { endpointAddress: timing.endpointAddress }),
      store: this.store,
      catalog: () => this.catalog(),
      subscriptions: { subscription: id => operations.subscription(id), links: id => operations.links(id) },
      secrets,
      egress: operations.egress
    })
    if (resume !== false) await this.#operations.resume()
    return this.#operations
  }

  // ── end of operations ──────────────────────────────────────────────────────────────────

  /** What opening the data directory had to repair, for the operator to read. */
  get notices (): readonly ErrorMessages[] {
    return this.store instanceof EmbeddedStore ? this.store.notices : []
  }

  async close (): Promise<void> {
    await this.#operations?.close()
    await this.#compiler?.close()
    await this.store.close()
  }

  /**
   * A notice per service that two `--data` files both describe (both state its
   * `schema:provider`): they are merged into one service all the same, which a file adding only
   * offers to a service of another file means, and a copy that disagrees does not. The lines are
   * looked up only in the files named, and only in files up to `linedFileBytes` (tokenizing a
   * catalog of 100,000 services again would cost seconds).
   */
  async #noticeDescribedTwice (data: readonly ReadFile[]): Promise<void> {
    if (data.length < 2) return
    const provider = rdfTerms.provider
    const twice = describedTwice(data.map(content => ({
      file: content.file,
      services: ('held' in content ? content.held.select([{ predicate: provider }]) : content.quads.filter(q => q.predicate.value === provider))
        .flatMap(q => q.subject.termType === 'NamedNode' ? [q.subject.value] : [])
    })))
    if (twice.length === 0) return
    const lines = new Map<string, ReadonlyMap<string, number>>()
    const at = async (file: string, service: string): Promise<string> => {
      let found = lines.get(file)
      if (found === undefined) {
        const bytes = await readRdfBytes(file)
        lines.set(file, found = bytes.length > linedFileBytes ? new Map() : nodeLines(bytes.toString('utf8'), { baseIRI: pathToFileURL(file).href }))
      }
      const line = found.get(service)
      return line === undefined ? file : `${file}:${line}`
    }
    for (const { service, files: [a, b] } of twice.slice(0, noticedTwice)) {
      const [first, second] = [await at(a, service), await at(b, service)]
      this.#onWarning({
        en: `<${service}> is described in both ${first} and ${second} (each states its schema:provider): --data merges them into one service with the facts, offers and providers of both; keep one description, or state the provider in one file only`,
        de: `<${service}> wird sowohl in ${first} als auch in ${second} beschrieben (beide nennen seinen schema:provider): --data führt sie zu einem Dienst mit den Angaben, Angeboten und Anbietern beider zusammen; behalten Sie eine Beschreibung, oder nennen Sie den Anbieter nur in einer Datei`
      })
    }
    if (twice.length > noticedTwice) {
      const more = twice.length - noticedTwice
      this.#onWarning({
        en: `${more} more service${more === 1 ? ' is' : 's are'} described in two --data files`,
        de: `${more} weitere${more === 1 ? 'r Dienst wird' : ' Dienste werden'} in zwei --data-Dateien beschrieben`
      })
    }
  }

  async #parseFiles (files: readonly string[], graphOf: (file: string, index: number) => string): Promise<Array<GraphContent & { file: string }>> {
    const parsed = await this.#readFiles(files, graphOf, { lines: false })
    return parsed.map(content => 'held' in content ? { graph: content.graph, file: content.file, quads: content.held.quadsNow() } : content)
  }

  /**
   * Reads files, one graph each, their unnamed interfaces and offers named: as quads, or (with
   * `lines`, the default) `.nt` / `.nq` files as term ids (`LineGraph`).
   */
  async #readFiles (files: readonly string[], graphOf: (file: string, index: number) => string,
    options: { lines?: boolean } = {}): Promise<ReadFile[]> {
    const read: ReadFile[] = []
    const seen = new Map<string, string>()
    for (const [index, file] of files.entries()) {
      const graph = graphOf(file, index)
      const previous = seen.get(graph)
      if (previous !== undefined) {
        throw new SymphonyError('CONFLICT', {
          en: `${file}: same graph name as ${previous} (${graph}); rename one of the files`,
          de: `${file}: derselbe Graphname wie ${previous} (${graph}); benennen Sie eine der Dateien um`
        }, { file })
      }
      seen.set(graph, file)
      const format = formatOfFile(file)
      // Unnamed interfaces and offers get stable names here, before anything reads them.
      const content: ReadFile = options.lines !== false && (format === 'n-triples' || format === 'n-quads')
        ? { graph, file, held: LineGraph.read({ text: await readRdfBytes(file), format, source: file, graph }) }
        : { graph, file, quads: nameServiceNodes(await readRdfFile(file)) }
      if (('held' in content ? content.held.triples : content.quads.length) === 0) {
        // An empty graph would also delete what an earlier import of the file stored.
        throw new SymphonyError('PARSE_ERROR', {
          en: `${file}: no triples found; for JSON-LD, check that an @context maps the keys to IRIs`,
          de: `${file}: keine Tripel gefunden; prüfen Sie bei JSON-LD, ob ein @context die Schlüssel auf IRIs abbildet`
        }, { file })
      }
      read.push(content)
      this.#onProgress?.({ phase: 'parse', done: index + 1, total: files.length, file })
    }
    return read
  }
}

/** Opens an engine; see `EngineOptions`. */
export function openEngine (options: EngineOptions = {}): Promise<Engine> {
  return Engine.open(options)
}

async function readFolder (folder: string): Promise<Quad[]> {
  const quads: Quad[] = []
  for (const file of await listTurtleFiles(folder)) quads.push(...await readRdfFile(file))
  return quads
}

/** How many services described in two `--data` files are named one by one; the rest are counted. */
const noticedTwice = 10

/** The largest `--data` file whose lines a notice looks up. */
const linedFileBytes = 8 * 1024 * 1024

/** The example composition requests, stored as the demo's reference requests. */
const exampleRequestsFolder = join(projectRoot, 'examples', 'requests')

/** A file read as one graph: its quads, or (`.nt` / `.nq`) its statements held as term ids. */
type ReadFile = (GraphContent | { readonly graph: string, readonly held: LineGraph }) & { readonly file: string }

/**
 * Where graphs held as term ids start (`first`) and those graphs, when every graph from there on
 * is held so; undefined when none is, or graphs of another form follow one.
 */
function splitLines (held: ReadonlyArray<readonly [string, HeldGraph]>): { first: number, lines: LineGraph[] } | undefined {
  const first = held.findIndex(([, content]) => content instanceof LineGraph)
  if (first === -1) return undefined
  const lines: LineGraph[] = []
  for (const [, content] of held.slice(first)) {
    if (!(content instanceof LineGraph)) return undefined
    lines.push(content)
  }
  return { first, lines }
}

/** A catalog ready to be used: where it came from, and how its vocabulary is selected. */
interface Built {
  readonly vocabularyOf: () => Promise<readonly Quad[]>
  readonly catalog: Catalog
  readonly from: CatalogOrigin
}

/** Whether two lists hold equal quads in the same order, compared a slice per turn. */
async function sameQuads (a: readonly Quad[], b: readonly Quad[]): Promise<boolean> {
  if (a.length !== b.length) return false
  let same = true
  await forEachInSlices(a, (q, i) => { if (same) same = q === b[i] || q.equals(b[i]!) })
  return same
}
