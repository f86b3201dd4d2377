/** What every route module gets: the engine and the API's own services. */
import type { Engine } from '../engine.js'
import type { ApiOptions } from './options.js'
import type { SparqlRunner } from './sparql/runner.js'
import type { TermIndex } from './ontology/term-index.js'
import type { ComposePool } from './compose-pool/index.js'

export interface RouteContext {
  readonly engine: Engine
  readonly options: ApiOptions
  readonly runner: SparqlRunner
  /** Composition worker threads; `undefined` when the API composes on the main thread (`compose.workers: 0`). */
  readonly composer: ComposePool | undefined
  /** The vocabulary's terms (built-in ontology graph), indexed once. */
  readonly terms: () => Promise<TermIndex>
}
