/**
 * A store on a remote SPARQL 1.1 endpoint (query, update and graph store protocol), for
 * catalogs that outgrow one process. Tested against Virtuoso in its stock configuration.
 *
 * Reads page through unordered results (`LIMIT`/`OFFSET` without `ORDER BY`: a global sort per
 * page is quadratic and stock Virtuoso refuses sorted pages past 10,000 rows); a read counts the
 * triples first, checks the pages add up to that many distinct triples and that no write landed
 * meanwhile, and starts over otherwise.
 *
 * Writes of several graphs are all or nothing: each new content is first uploaded to a staging
 * graph with the graph store protocol (in batches that keep quads linked by blank nodes in one
 * request, so those stay one node), then one update request moves every staging graph into place
 * and changes the store's version, which every instance over the same endpoint checks before it
 * trusts what it derived from the store. A write larger than one transaction of the endpoint is
 * committed as a journal of moves instead and carried out in batches (`endpoint-moves.ts`).
 */
import { randomUUID } from 'node:crypto'
import { DataFactory, Parser } from 'n3'
import type { NamedNode, Quad, Term } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import { batchesOf } from './batches.js'
import { commitMoves, finishMoves, journal } from './endpoint-moves.js'
import { toNQuads } from './n-quads.js'
import { quadsOfLines } from '../rdf/parse.js'
import { keptQuad, restoredQuad, restoredTerm, restoredText } from './kept-literals.js'
import { isPrivateGraph } from '../project.js'
import type { GraphContent, GraphSummary, QueryResult, ScopeOptions, Store } from './types.js'

export interface SparqlEndpointOptions {
  /** SPARQL query endpoint, e.g. `http://127.0.0.1:8890/sparql`. */
  readonly queryUrl: string
  /** SPARQL update endpoint; default: the query endpoint. */
  readonly updateUrl?: string
  /** Graph store protocol endpoint, e.g. `http://127.0.0.1:8890/sparql-graph-crud`. */
  readonly graphStoreUrl: string
  /** Only graphs whose IRI starts with this belong to the catalog (endpoints hold system graphs too). */
  readonly graphPrefix?: string
  /** Extra request headers, e.g. `Authorization`. */
  readonly headers?: Readonly<Record<string, string>>
  /** Per-request timeout in milliseconds (default 30 s). */
  readonly timeoutMs?: number
  /** Timeout of each upload and update when writing (default 10 min: moving a large graph takes long). */
  readonly writeTimeoutMs?: number
  /**
   * Rows per request when reading (default 10,000): endpoints cap result sizes (Virtuoso's
   * `ResultSetMaxRows` defaults to 10,000), so large reads go page by page.
   */
  readonly pageSize?: number
  /** Pages requested at the same time (default 2). */
  readonly concurrency?: number
  /** Triples per upload request when writing a graph, and per update when moving one in batches (default 50,000). */
  readonly batchSize?: number
  /**
   * Triples one update may add and remove at most (default 250,000): stock Virtuoso aborts a
   * transaction whose log passes 50 MB (`SR325`). A write that touches more (new and replaced
   * triples together) is committed as a journal and moved into place in batches.
   */
  readonly transactionLimit?: number
  /**
   * How long a journal of moves may go without progress before a reader finishes it itself, in
   * milliseconds (default 60,000): its writer is then taken to have stopped.
   */
  readonly moveStallMs?: number
  /**
   * How long a version read from the endpoint is trusted, in milliseconds (default 1,000): the
   * delay after which an instance sees another instance's write.
   */
  readonly versionCacheMs?: number
}

interface SparqlJsonTerm { type: 'uri' | 'bnode' | 'literal' | 'typed-literal', value: string, 'xml:lang'?: string, datatype?: string }
interface SparqlJson { head: { vars?: string[] }, results?: { bindings: Array<Record<string, SparqlJsonTerm>> }, boolean?: boolean }

/** The store's version (every write) and its public version (writes to public graphs). */
const versionPredicates = {
  all: 'https://w3id.org/symphony/ontology#storeVersion',
  public: 'https://w3id.org/symphony/ontology#publicStoreVersion'
} as const
/** Attempts at a consistent read while writes keep landing. */
const readAttempts = 3

/** The store's version (every graph, public graphs only), and when it was read. */
interface StoreVersion { all: string, public: string, read: number }

/** The endpoint's requests as failure messages name them. */
const sparqlRequest: Readonly<Record<'query' | 'update', ErrorMessages>> = {
  query: { en: 'SPARQL query', de: 'die SPARQL-Abfrage' },
  update: { en: 'SPARQL update', de: 'das SPARQL-Update' }
}

export class SparqlEndpointStore implements Store {
  readonly #options: Required<Omit<SparqlEndpointOptions, 'headers'>> & { headers: Readonly<Record<string, string>> }
  /** Staging graphs and the version graph: the store's own, never part of the catalog. */
  readonly #internal: string
  readonly #versionGraph: string
  #version: StoreVersion | undefined
  /** This instance finishing a journal of moves, which its own reads wait for. */
  #moving: Promise<void> | undefined
  #summaries: { version: string, graphs: GraphSummary[] } | undefined

  constructor (options: SparqlEndpointOptions) {
    this.#options = {
      updateUrl: options.queryUrl,
      graphPrefix: 'https://w3id.org/symphony/graph/',
      headers: {},
      timeoutMs: 30_000,
      writeTimeoutMs: 600_000,
      pageSize: 10_000,
      concurrency: 2,
      batchSize: 50_000,
      transactionLimit: 250_000,
      moveStallMs: 60_000,
      versionCacheMs: 1_000,
      ...options
    }
    this.#internal = `${this.#options.graphPrefix}.store/`
    this.#versionGraph = `${this.#internal}version`
  }

  async graphs (): Promise<GraphSummary[]> {
    // Read afresh, not from the cache: a large write of another instance may be moving into place.
    return await this.#graphsAt((await this.#readVersion()).all)
  }

  /** The graphs as of `version`, read just before (a summary is kept for the version it was counted at). */
  async #graphsAt (version: string): Promise<GraphSummary[]> {
    if (this.#summaries?.version === version) return this.#summaries.graphs.slice()
    const result = await this.#select(`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } ${this.#catalogFilter('?g')} } GROUP BY ?g ORDER BY ?g`)
    const graphs = result.rows.map(row => ({ graph: row.g!.value, triples: Number(row.n!.value) }))
    this.#summaries = { version, graphs }
    return graphs.slice()
  }

  async graph (graph: string): Promise<Quad[]> {
    return await this.#read(DataFactory.namedNode(graph), { publicOnly: !isPrivateGraph(graph) }, await this.#readVersion())
  }

  /**
   * Graph by graph: a page of one named graph costs the endpoint far less than a page over
   * `GRAPH ?g` filtered by IRI (Virtuoso: 3.2 s against 7.4 s for 10,000 services), and the read
   * starts over when a write lands before the last graph is in. The version is read before and
   * after, not again for each graph: a write that lands meanwhile changes it either way.
   */
  async quads (options: ScopeOptions = {}): Promise<Quad[]> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.#readVersion()
      const graphs = (await this.#graphsAt(before.all)).filter(({ graph }) => options.publicOnly !== true || !isPrivateGraph(graph))
      const quads: Quad[] = []
      for (const { graph } of graphs) for (const q of await this.#read(DataFactory.namedNode(graph), { publicOnly: !isPrivateGraph(graph) }, before)) quads.push(q)
      const after = await this.#readVersion()
      if (options.publicOnly === true ? before.public === after.public : before.all === after.all) return quads
      if (attempt === readAttempts) throw this.#unsettled()
    }
  }

  async version (options: ScopeOptions = {}): Promise<string> {
    const cached = this.#version
    const version = cached !== undefined && Date.now() - cached.read < this.#options.versionCacheMs ? cached : await this.#readVersion()
    return options.publicOnly === true ? version.public : version.all
  }

  async putGraphs (graphs: readonly GraphContent[]): Promise<void> {
    const staged: Array<{ staging: string, graph: string }> = []
    try {
      for (const { graph, quads } of graphs) {
        const staging = `${this.#internal}staging/${randomUUID()}`
        staged.push({ staging, graph })
        for (const [index, batch] of batchesOf(quads, this.#options.batchSize).entries()) await this.#upload(staging, batch, index === 0 ? 'PUT' : 'POST')
      }
      const added = graphs.reduce((sum, { quads }) => sum + quads.length, 0)
      if (added + await this.#triplesIn(graphs.map(g => g.graph)) > this.#options.transactionLimit) {
        return await this.#journaled(graphs.map(g => g.graph), staged.map(({ staging, graph }) => ({ id: `${staging}/move`, to: graph, from: staging })))
      }
      await this.#update([
        ...staged.map(({ staging, graph }) => `DROP SILENT GRAPH <${graph}> ; MOVE SILENT GRAPH <${staging}> TO GRAPH <${graph}>`),
        this.#nextVersion(graphs.map(g => g.graph))
      ].join(' ;\n'))
    } catch (error) {
      // Not written: the staging graphs go (a committed journal drops its own when it is done).
      if (!(error instanceof CommittedWrite)) await this.#update(staged.map(({ staging }) => `DROP SILENT GRAPH <${staging}>`).join(' ;\n')).catch(() => undefined)
      throw error instanceof CommittedWrite ? error.error : error
    } finally {
      this.#version = undefined
    }
  }

  async deleteGraphs (graphs: readonly string[]): Promise<void> {
    if (graphs.length === 0) return
    try {
      if (await this.#triplesIn(graphs) > this.#options.transactionLimit) {
        return await this.#journaled(graphs, graphs.map(graph => ({ id: `${this.#internal}delete/${randomUUID()}`, to: graph })))
      }
      await this.#update([...graphs.map(graph => `DROP SILENT GRAPH <${graph}>`), this.#nextVersion(graphs)].join(' ;\n'))
    } catch (error) {
      throw error instanceof CommittedWrite ? error.error : error
    } finally {
      this.#version = undefined
    }
  }

  /** Triples the graphs hold now, once any journal of moves before this write is finished. */
  async #triplesIn (graphs: readonly string[]): Promise<number> {
    const written = new Set(graphs)
    return (await this.graphs()).reduce((sum, { graph, triples }) => written.has(graph) ? sum + triples : sum, 0)
  }

  /**
   * A write too large for one transaction: its journal is committed with the new version in one
   * update, then carried out. A failure after the commit is a `CommittedWrite`: the write stands
   * and the next read finishes it.
   */
  async #journaled (written: readonly string[], moves: ReadonlyArray<{ id: string, to: string, from?: string }>): Promise<void> {
    await this.#update(`${commitMoves(this.#versionGraph, moves)} ;\n${this.#nextVersion(written)}`)
    try {
      await this.#finishMoves()
    } catch (error) {
      throw new CommittedWrite(new SymphonyError('STORE_ERROR', {
        en: `the write of ${written.length} graph(s) is recorded at ${this.#options.queryUrl}, but moving it into place stopped: ${(error as Error).message}; the next read finishes it`,
        de: `das Schreiben von ${written.length} Graph(en) ist in ${this.#options.queryUrl} festgehalten, aber das Einsetzen wurde unterbrochen: ${(error as Error).message}; der nächste Lesezugriff schließt es ab`
      }, { cause: error }))
    }
  }

  /** Carries out the journal of moves (once per instance at a time). */
  async #finishMoves (): Promise<void> {
    this.#moving ??= finishMoves({
      update: sparql => this.#update(sparql),
      select: async sparql => (await this.#select(sparql)).rows
    }, this.#versionGraph, this.#options.batchSize).finally(() => { this.#moving = undefined })
    await this.#moving
  }

  async query (sparql: string): Promise<QueryResult> {
    await this.#readVersion()
    const form = /^\s*(?:(?:PREFIX|BASE)[^\n]*\n|#[^\n]*\n|\s)*(SELECT|ASK|CONSTRUCT|DESCRIBE)/i.exec(sparql)?.[1]?.toUpperCase()
    if (form === 'CONSTRUCT' || form === 'DESCRIBE') {
      const text = await this.#request(this.#options.queryUrl, 'query', sparql, 'application/n-triples')
      return { type: 'quads', quads: (new Parser({ format: 'N-Triples' }).parse(text) as Quad[]).map(restoredQuad) }
    }
    const json = JSON.parse(await this.#request(this.#options.queryUrl, 'query', sparql, 'application/sparql-results+json')) as SparqlJson
    if (typeof json.boolean === 'boolean') return { type: 'boolean', value: json.boolean }
    return toBindings(json)
  }

  /**
   * Sends a read-only query to the endpoint as it is and returns the endpoint's answer text in
   * the requested media type (for the API's SPARQL endpoint, which then needs no copy of the data).
   */
  async forward (sparql: string, options: { accept: string, defaultGraphs?: readonly string[], namedGraphs?: readonly string[], timeoutMs?: number }): Promise<string> {
    const body = new URLSearchParams({ query: sparql })
    for (const graph of options.defaultGraphs ?? []) body.append('default-graph-uri', graph)
    for (const graph of options.namedGraphs ?? []) body.append('named-graph-uri', graph)
    await this.#readVersion()
    // The answer goes to whoever asked the API's public endpoint: its errors do not say where the store lives.
    return restoredText(await this.#fetch(this.#options.queryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: options.accept },
      body: body.toString()
    }, sparqlRequest.query, options.timeoutMs, { en: "at the store's endpoint", de: 'am Endpunkt des Speichers' }))
  }

  async close (): Promise<void> {}

  /** Catalog graphs only: under the prefix, not the store's own. */
  #catalogFilter (variable: string): string {
    const { graphPrefix } = this.#options
    return `FILTER(STRSTARTS(STR(${variable}), ${JSON.stringify(graphPrefix)}) && !STRSTARTS(STR(${variable}), ${JSON.stringify(this.#internal)}))`
  }

  /**
   * The store's version, once no journal of moves is pending: a reader waits while another
   * instance moves a large write into place, and finishes the journal itself when that instance
   * made no progress for `moveStallMs` (it stopped) or when it is this instance's own.
   */
  async #readVersion (): Promise<StoreVersion> {
    for (;;) {
      const result = await this.#select(`SELECT ?p ?v WHERE { GRAPH <${this.#versionGraph}> { <${this.#versionGraph}> ?p ?v } }`)
      const valueOf = (predicate: string): string => result.rows.filter(row => row.p?.value === predicate).map(row => row.v?.value ?? '').sort().join(' ')
      if (valueOf(journal.pending) === '') {
        this.#version = { all: valueOf(versionPredicates.all), public: valueOf(versionPredicates.public), read: Date.now() }
        return this.#version
      }
      const moving = this.#moving
      if (moving !== undefined) await moving.catch(() => undefined)
      else if (Date.now() - Number(valueOf(journal.progress)) >= this.#options.moveStallMs) await this.#finishMoves()
      else await new Promise(resolve => setTimeout(resolve, 500))
    }
  }

  /** The update that gives the store a new version (and a new public one when a public graph is written), appended to every write. */
  #nextVersion (written: readonly string[]): string {
    const graph = this.#versionGraph
    const moved = written.some(g => !isPrivateGraph(g)) ? [versionPredicates.all, versionPredicates.public] : [versionPredicates.all]
    return moved.map(predicate =>
      `DELETE { GRAPH <${graph}> { <${graph}> <${predicate}> ?v } } WHERE { GRAPH <${graph}> { <${graph}> <${predicate}> ?v } } ;\n` +
      `INSERT DATA { GRAPH <${graph}> { <${graph}> <${predicate}> ${JSON.stringify(randomUUID())} } }`).join(' ;\n')
  }

  /**
   * Every quad of a graph, at or after `version` (read just before). Less than a page is one
   * query, consistent by itself; more is read in unordered pages, started over when a write to
   * the graphs in scope lands meanwhile.
   */
  async #read (graph: NamedNode, scope: ScopeOptions, version: StoreVersion): Promise<Quad[]> {
    const { pageSize } = this.#options
    // A full page may be cut short by the endpoint's own row limit: then read in pages.
    const first = await this.#page(graph, 0, pageSize)
    if (first.length < pageSize) return first
    for (let attempt = 1; ; attempt++) {
      const before = attempt === 1 ? version : await this.#readVersion()
      const counted = await this.#select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph.value}> { ?s ?p ?o } }`)
      const expected = Number(counted.rows[0]?.n?.value ?? 0)
      const quads = await this.#readPages(graph, expected)
      const after = await this.#readVersion()
      const unmoved = scope.publicOnly === true ? before.public === after.public : before.all === after.all
      if (quads !== undefined && unmoved) return quads
      if (attempt === readAttempts) throw this.#unsettled()
    }
  }

  /** A read that saw writes land (or pages disagree) every time it tried. */
  #unsettled (): SymphonyError {
    const url = this.#options.queryUrl
    return new SymphonyError('STORE_ERROR', {
      en: `reading from ${url} gave no consistent answer in ${readAttempts} attempts (writes kept landing, or the endpoint pages unstably); try again later`,
      de: `das Lesen von ${url} ergab in ${readAttempts} Versuchen keine stimmige Antwort (es kamen laufend Schreibzugriffe an, oder der Endpunkt blättert instabil); versuchen Sie es später erneut`
    })
  }

  /**
   * `limit` quads of the graph from `offset` on, in no particular order: a CONSTRUCT answered as
   * N-Triples (half the bytes of SPARQL JSON results, read by the line reader without a JSON
   * tree). Blank node labels are the endpoint's own ids (Virtuoso: `_:b123` for `nodeID://b123`),
   * the same on every page, so they are read without a prefix of their own.
   */
  async #page (graph: NamedNode, offset: number, limit: number): Promise<Quad[]> {
    const sparql = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${graph.value}> { ?s ?p ?o } } OFFSET ${offset} LIMIT ${limit}`
    const text = await this.#request(this.#options.queryUrl, 'query', sparql, 'application/n-triples')
    const triples = quadsOfLines(text, { format: 'n-triples', source: `${this.#options.queryUrl} (graph ${graph.value}, from ${offset})`, blankPrefix: '' })
    return triples.map(t => DataFactory.quad(t.subject, t.predicate, restoredTerm(t.object), graph) as Quad)
  }

  /** The pages of one read, or `undefined` when they do not add up to `expected` distinct quads. */
  async #readPages (graph: NamedNode, expected: number): Promise<Quad[] | undefined> {
    const { pageSize, concurrency } = this.#options
    const pages = Math.ceil(expected / pageSize)
    const results: Quad[][] = new Array<Quad[]>(pages)
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < pages) {
        const page = next++
        results[page] = await this.#page(graph, page * pageSize, pageSize)
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, pages) }, worker))
    const quads: Quad[] = []
    const seen = new Set<string>()
    for (const page of results) {
      for (const q of page) {
        quads.push(q)
        seen.add(quadKey(q))
      }
    }
    return seen.size === expected && quads.length === expected ? quads : undefined
  }

  async #select (sparql: string): Promise<Extract<QueryResult, { type: 'bindings' }>> {
    return toBindings(JSON.parse(await this.#request(this.#options.queryUrl, 'query', sparql, 'application/sparql-results+json')) as SparqlJson)
  }

  async #update (sparql: string): Promise<void> {
    await this.#request(this.#options.updateUrl, 'update', sparql, '*/*', this.#options.writeTimeoutMs)
  }

  /** One batch of a graph's content: `PUT` replaces, `POST` adds. */
  async #upload (graph: string, quads: readonly Quad[], method: 'PUT' | 'POST'): Promise<void> {
    const url = `${this.#options.graphStoreUrl}?graph=${encodeURIComponent(graph)}`
    const body = toNQuads(quads.map(q => keptQuad(DataFactory.quad(q.subject, q.predicate, q.object) as Quad)))
    await this.#fetch(url, { method, headers: { 'content-type': 'application/n-triples' }, body }, { en: `upload of graph ${graph}`, de: `das Hochladen des Graphen ${graph}` }, this.#options.writeTimeoutMs)
  }

  async #request (url: string, kind: 'query' | 'update', sparql: string, accept: string, timeoutMs = this.#options.timeoutMs): Promise<string> {
    const response = await this.#fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
      body: new URLSearchParams({ [kind]: sparql }).toString()
    }, sparqlRequest[kind], timeoutMs)
    return response
  }

  /** `where` names the endpoint in messages (default: `at <url>`). */
  async #fetch (url: string, init: RequestInit, what: ErrorMessages, timeoutMs = this.#options.timeoutMs, where: ErrorMessages = { en: `at ${url}`, de: `an ${url}` }): Promise<string> {
    let response: Response
    try {
      response = await fetch(url, { ...init, headers: { ...this.#options.headers, ...init.headers as Record<string, string> }, signal: AbortSignal.timeout(timeoutMs) })
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') {
        throw new SymphonyError('QUERY_TIMEOUT', {
          en: `${what.en} ${where.en} took longer than ${timeoutMs} ms and was abandoned; narrow it (more specific patterns, LIMIT)`,
          de: `${what.de} ${where.de} dauerte länger als ${timeoutMs} ms und wurde abgebrochen; grenzen Sie die Anfrage ein (spezifischere Muster, LIMIT)`
        }, { cause: error })
      }
      const reason = (error as Error).message
      throw new SymphonyError('STORE_ERROR', {
        en: `${what.en} ${where.en} failed: ${reason}; check the endpoint is running and reachable`,
        de: `${what.de} ${where.de} ist gescheitert: ${reason}; prüfen Sie, ob der Endpunkt läuft und erreichbar ist`
      }, { cause: error })
    }
    const text = await response.text()
    if (!response.ok) {
      const code = response.status === 400 ? 'INVALID_QUERY' : 'STORE_ERROR'
      const answer = text.trim().slice(0, 500)
      throw new SymphonyError(code, {
        en: `${what.en} ${where.en} answered ${response.status}: ${answer}`,
        de: `${what.de} ${where.de} wurde mit ${response.status} beantwortet: ${answer}`
      })
    }
    return text
  }
}

function toTerm (term: SparqlJsonTerm): Term {
  switch (term.type) {
    case 'uri': return DataFactory.namedNode(term.value)
    case 'bnode': return DataFactory.blankNode(blankNodeLabel(term.value))
    default: return term['xml:lang'] !== undefined
      ? DataFactory.literal(term.value, term['xml:lang'])
      : restoredTerm(DataFactory.literal(term.value, term.datatype === undefined ? undefined : DataFactory.namedNode(term.datatype)))
  }
}

/** A label valid in N-Triples: Virtuoso names blank nodes `nodeID://b123` in SPARQL results. */
function blankNodeLabel (value: string): string {
  const label = value.replace(/^nodeID:\/\//, '')
  return /^[A-Za-z0-9_]+$/.test(label) ? label : 'x' + Buffer.from(value).toString('hex')
}

function termKey (term: Term): string {
  if (term.termType !== 'Literal') return `${term.termType[0]!}${term.value}`
  return `L${term.value}\u0000${term.language}\u0000${term.datatype.value}`
}

function quadKey (q: Quad): string {
  return `${termKey(q.subject)}\u0001${q.predicate.value}\u0001${termKey(q.object)}\u0001${q.graph.value}`
}

function toBindings (json: SparqlJson): Extract<QueryResult, { type: 'bindings' }> {
  const rows = (json.results?.bindings ?? []).map(row => Object.fromEntries(Object.entries(row).map(([name, term]) => [name, toTerm(term)])))
  return { type: 'bindings', variables: json.head.vars ?? [], rows }
}

/** A write whose journal was committed before it failed: it stands, and the next read finishes it. */
class CommittedWrite extends Error {
  constructor (readonly error: SymphonyError) {
    super(error.message)
  }
}
