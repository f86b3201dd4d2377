/**
 * Writes too large for one transaction of a SPARQL endpoint. Stock Virtuoso aborts an update
 * whose transaction log passes 50 MB (`SR325`), about 300,000–1,000,000 triples moved in one
 * `MOVE`. Such a write is first committed as a journal in the store's version graph, by one small
 * update that also gives the store its new version. The moves are then carried out batch by
 * batch, one update each: every target graph is cleared, then filled from its staging graph.
 *
 * Every step can be repeated, so whoever finds the journal finishes it: the writer, another
 * instance over the same endpoint, or the same one after a crash. Readers wait until the journal
 * is gone, so nobody sees a graph half moved. Once the journal is committed the write is no
 * longer lost.
 */

/** One graph's move: cleared, then (unless the write deletes it) filled from its staging graph. */
export interface Move {
  /** The journal's node for this move. */
  readonly id: string
  readonly to: string
  readonly from?: string
  /** The target has been cleared: only the filling is left. */
  readonly cleared: boolean
}

/** What the journal needs of the endpoint: updates and selects, as the store sends them. */
export interface MoveEndpoint {
  update (sparql: string): Promise<void>
  select (sparql: string): Promise<ReadonlyArray<Readonly<Record<string, { value: string } | undefined>>>>
}

const sym = 'https://w3id.org/symphony/ontology#'
/** The journal's terms, in the store's own version graph. */
export const journal = {
  pending: `${sym}pendingMove`,
  from: `${sym}moveFrom`,
  to: `${sym}moveTo`,
  cleared: `${sym}moveCleared`,
  /** When the journal was last advanced (milliseconds since 1970): how a reader tells a stalled writer. */
  progress: `${sym}moveProgress`
} as const

/** The update that commits the journal of `moves` (to be sent with the write's new version, in one request). */
export function commitMoves (versionGraph: string, moves: ReadonlyArray<Omit<Move, 'cleared'>>): string {
  const statements = moves.flatMap(({ id, to, from }) => [
    `<${versionGraph}> <${journal.pending}> <${id}> .`,
    `<${id}> <${journal.to}> <${to}> .`,
    ...(from === undefined ? [] : [`<${id}> <${journal.from}> <${from}> .`])
  ])
  return `${progressed(versionGraph)} ;\nINSERT DATA { GRAPH <${versionGraph}> { ${statements.join(' ')} } }`
}

/** The moves the journal still holds. */
export async function pendingMoves (endpoint: MoveEndpoint, versionGraph: string): Promise<Move[]> {
  const rows = await endpoint.select(`SELECT ?move ?to ?from ?cleared WHERE { GRAPH <${versionGraph}> {
    <${versionGraph}> <${journal.pending}> ?move . ?move <${journal.to}> ?to .
    OPTIONAL { ?move <${journal.from}> ?from } OPTIONAL { ?move <${journal.cleared}> ?cleared } } }`)
  return rows.map(row => ({
    id: row.move!.value,
    to: row.to!.value,
    ...(row.from === undefined ? {} : { from: row.from.value }),
    cleared: row.cleared !== undefined
  }))
}

/**
 * Carries out the journal's moves in batches of `batchSize` triples and then removes the journal
 * and the staging graphs.
 */
export async function finishMoves (endpoint: MoveEndpoint, versionGraph: string, batchSize: number): Promise<void> {
  const moves = await pendingMoves(endpoint, versionGraph)
  const count = async (graph: string): Promise<number> =>
    Number((await endpoint.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`))[0]?.n?.value ?? 0)
  const batchOf = (graph: string): string => `{ SELECT ?s ?p ?o WHERE { GRAPH <${graph}> { ?s ?p ?o } } LIMIT ${batchSize} }`
  for (const move of moves) {
    if (!move.cleared) {
      while (await count(move.to) > 0) {
        await endpoint.update(`DELETE { GRAPH <${move.to}> { ?s ?p ?o } } WHERE { ${batchOf(move.to)} } ;\n${progressed(versionGraph)}`)
      }
      await endpoint.update(`INSERT DATA { GRAPH <${versionGraph}> { <${move.id}> <${journal.cleared}> true } }`)
    }
    if (move.from === undefined) continue
    // Each batch leaves the staging graph as it enters the target: a repeated batch moves the next one.
    while (await count(move.from) > 0) {
      await endpoint.update(`DELETE { GRAPH <${move.from}> { ?s ?p ?o } } INSERT { GRAPH <${move.to}> { ?s ?p ?o } } WHERE { ${batchOf(move.from)} } ;\n${progressed(versionGraph)}`)
    }
  }
  await endpoint.update([
    `DELETE { GRAPH <${versionGraph}> { <${versionGraph}> <${journal.pending}> ?move . ?move ?p ?o } } WHERE { GRAPH <${versionGraph}> { <${versionGraph}> <${journal.pending}> ?move . ?move ?p ?o } }`,
    `DELETE { GRAPH <${versionGraph}> { <${versionGraph}> <${journal.progress}> ?t } } WHERE { GRAPH <${versionGraph}> { <${versionGraph}> <${journal.progress}> ?t } }`,
    ...moves.flatMap(move => move.from === undefined ? [] : [`DROP SILENT GRAPH <${move.from}>`])
  ].join(' ;\n'))
}

/** Marks the journal as advanced now. */
function progressed (versionGraph: string): string {
  return `DELETE { GRAPH <${versionGraph}> { <${versionGraph}> <${journal.progress}> ?t } } WHERE { GRAPH <${versionGraph}> { <${versionGraph}> <${journal.progress}> ?t } } ;\n` +
    `INSERT DATA { GRAPH <${versionGraph}> { <${versionGraph}> <${journal.progress}> ${Date.now()} } }`
}
