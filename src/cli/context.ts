/** Opening the engine the way a command needs it. */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { SymphonyError } from '../errors.js'
import { openEngine } from '../engine.js'
import type { Engine } from '../engine.js'
import { defaultDataDir } from '../project.js'
import type { SparqlEndpointOptions } from '../store/index.js'
import type { OptionValues } from './command.js'
import type { Io } from './io.js'
import { progressBar } from './progress.js'

/** `--data-dir`, else `SYMPHONY_DATA_DIR`, else `data/` in the project. */
export function dataDirOf (values: OptionValues, io: Io): string {
  const given = values['data-dir'] ?? io.env.SYMPHONY_DATA_DIR
  return typeof given === 'string' && given !== '' ? resolve(io.cwd, given) : defaultDataDir
}

/** `--endpoint` / `SYMPHONY_SPARQL_ENDPOINT` with `--graph-store` / `SYMPHONY_GRAPH_STORE`: a remote store. */
function endpointOf (values: OptionValues, io: Io): SparqlEndpointOptions | undefined {
  const queryUrl = values.endpoint ?? io.env.SYMPHONY_SPARQL_ENDPOINT
  if (typeof queryUrl !== 'string' || queryUrl === '') return undefined
  const graphStoreUrl = values['graph-store'] ?? io.env.SYMPHONY_GRAPH_STORE
  if (typeof graphStoreUrl !== 'string' || graphStoreUrl === '') {
    throw new SymphonyError('BAD_REQUEST', '--endpoint needs --graph-store <url> too (the SPARQL 1.1 graph store protocol endpoint, e.g. http://127.0.0.1:8890/sparql-graph-crud)')
  }
  return { queryUrl, graphStoreUrl }
}

function dataFilesOf (values: OptionValues, io: Io): string[] {
  const files = values.data
  return Array.isArray(files) ? files.map(file => resolve(io.cwd, file)) : []
}

/**
 * For commands that only read. With `--data`, the catalog is the built-in ontology plus those
 * files; otherwise the data directory's catalog, or the example catalog when there is none yet.
 */
export async function openForReading (values: OptionValues, io: Io): Promise<Engine> {
  const rules = ruleFoldersOf(values, io)
  const dataFiles = dataFilesOf(values, io)
  if (dataFiles.length > 0) return openEngine({ dataFiles, rules })
  const endpoint = endpointOf(values, io)
  if (endpoint !== undefined) return openEngine({ endpoint, rules })
  const dataDir = dataDirOf(values, io)
  if (existsSync(dataDir)) return openEngine({ dataDir, rules })
  return openEngine({ seedExamples: true, rules })
}

/** `--rules DIR` (repeatable): folders of inference rule files applied besides the built-in ones. */
export function ruleFoldersOf (values: OptionValues, io: Io): string[] {
  const folders = values.rules
  return Array.isArray(folders) ? folders.map(folder => resolve(io.cwd, folder)) : []
}

/** For commands that write to the data directory (`serve` seeds the examples into a new one). */
export async function openForWriting (values: OptionValues, io: Io, options: { seedExamples?: boolean } = {}): Promise<Engine> {
  const onProgress = progressBar(io)
  const endpoint = endpointOf(values, io)
  return openEngine({
    ...(endpoint === undefined ? { dataDir: dataDirOf(values, io) } : { endpoint }),
    dataFiles: dataFilesOf(values, io),
    rules: ruleFoldersOf(values, io),
    seedExamples: options.seedExamples === true,
    ...(onProgress === undefined ? {} : { onProgress })
  })
}

/** Runs `work` with an engine and always closes it. */
export async function withEngine<T> (engine: Engine, work: (engine: Engine) => Promise<T>): Promise<T> {
  try {
    return await work(engine)
  } finally {
    await engine.close()
  }
}
