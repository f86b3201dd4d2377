/** Opening the engine the way a command needs it. */
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { relative, resolve } from 'node:path'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import { openEngine } from '../engine.js'
import { shaclLimitsOf } from './shacl-limits.js'
import type { Engine } from '../engine.js'
import { defaultDataDir } from '../project.js'
import type { OpenProgress, SparqlEndpointOptions } from '../store/index.js'
import type { OptionValues } from './command.js'
import type { Io } from './io.js'
import { progressBar } from './progress.js'
import type { ComposeLimits } from '../composer/index.js'
import { textLanguageOf } from './language.js'

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
    throw new SymphonyError('BAD_REQUEST', {
      en: '--endpoint needs --graph-store <url> too (the SPARQL 1.1 graph store protocol endpoint, e.g. http://127.0.0.1:8890/sparql-graph-crud)',
      de: '--endpoint braucht auch --graph-store <url> (den Endpunkt des SPARQL 1.1 Graph Store Protocol, z. B. http://127.0.0.1:8890/sparql-graph-crud)'
    })
  }
  return { queryUrl, graphStoreUrl }
}

function dataFilesOf (values: OptionValues, io: Io): string[] {
  const files = values.data
  return Array.isArray(files) ? files.map(file => resolve(io.cwd, file)) : []
}

/** Which catalog answers, in each language of the CLI. */
const sources = {
  en: {
    catalog: 'catalog',
    endpoint: 'endpoint',
    graphs: (n: number) => `${n} catalog graph${n === 1 ? '' : 's'}`,
    emptyDir: (dir: string) => `examples (${dir} has no catalog graphs yet; add some with \`symphony import\`)`,
    noDir: (dir: string) => `examples (no ${dir} yet)`
  },
  de: {
    catalog: 'Katalog',
    endpoint: 'Endpunkt',
    graphs: (n: number) => `${n} Katalog-Graph${n === 1 ? '' : 'en'}`,
    emptyDir: (dir: string) => `Beispiele (${dir} hat noch keine Katalog-Graphen; fügen Sie welche mit \`symphony import\` hinzu)`,
    noDir: (dir: string) => `Beispiele (noch kein ${dir})`
  }
} as const

/**
 * For commands that only read. With `--data`, the catalog is the built-in ontology plus those
 * files; otherwise a snapshot of the data directory's catalog (no lock, no recovery: a server
 * may be writing), or the example catalog when the directory holds no catalog graph. Which one
 * answers is said on stderr (`catalog: …`), so nobody reads the examples by surprise.
 */
export async function openForReading (values: OptionValues, io: Io): Promise<Engine> {
  const language = textLanguageOf(values, io)
  const rules = ruleFoldersOf(values, io)
  const shaclSparqlLimits = shaclLimitsOf(values, io)
  const dataFiles = dataFilesOf(values, io)
  if (dataFiles.length > 0) {
    const engine = await openEngine({ dataFiles, rules, shaclSparqlLimits, onWarning: warningsTo(values, io) })
    io.stderr(`${sources[language].catalog}: --data ${dataFiles.map(file => shown(file, io)).join(' ')}\n`)
    return engine
  }
  const endpoint = endpointOf(values, io)
  if (endpoint !== undefined) {
    const engine = await openEngine({ endpoint, rules, shaclSparqlLimits })
    io.stderr(`${sources[language].catalog}: ${sources[language].endpoint} ${endpoint.queryUrl}\n`)
    return engine
  }
  const dataDir = dataDirOf(values, io)
  if (existsSync(dataDir)) {
    const engine = await openEngine({ dataDir, rules, shaclSparqlLimits, readOnly: true, onWarning: warningsTo(values, io) })
    const catalogGraphs = (await engine.catalogGraphs()).length
    if (catalogGraphs > 0) {
      io.stderr(`${sources[language].catalog}: ${shown(dataDir, io)} (${sources[language].graphs(catalogGraphs)})\n`)
      return engine
    }
    await engine.close()
  }
  const examples = await openEngine({ seedExamples: true, rules, shaclSparqlLimits })
  io.stderr(`${sources[language].catalog}: ${existsSync(dataDir) ? sources[language].emptyDir(shown(dataDir, io)) : sources[language].noDir(shown(dataDir, io))}\n`)
  return examples
}

/** Warnings (e.g. a damaged catalog snapshot set aside) on stderr, in the CLI's language. */
function warningsTo (values: OptionValues, io: Io): (messages: ErrorMessages) => void {
  const language = textLanguageOf(values, io)
  return messages => io.stderr(`${language === 'de' ? 'Warnung' : 'warning'}: ${messages[language]}\n`)
}

/** A path as the user would type it: relative to the working directory when inside it. */
function shown (path: string, io: Io): string {
  const inside = relative(io.cwd, path)
  return inside !== '' && !inside.startsWith('..') && !inside.startsWith('/') ? `./${inside}` : path
}

/** `--rules DIR` (repeatable): folders of inference rule files applied besides the built-in ones. */
export function ruleFoldersOf (values: OptionValues, io: Io): string[] {
  const folders = values.rules
  return Array.isArray(folders) ? folders.map(folder => resolve(io.cwd, folder)) : []
}

/** Data directories created by a writing command, removed again when the command fails. */
const createdBy = new WeakMap<Engine, string>()

/**
 * For commands that write to the data directory (`serve` seeds the examples into a new one).
 * Takes the directory's lock: a second writer fails at once, naming the holder. A directory this
 * call creates is removed again when opening, or the command run by `withEngine`, fails.
 */
export async function openForWriting (values: OptionValues, io: Io, options: { seedExamples?: boolean, command?: string, compileInBackground?: boolean, composeLimits?: ComposeLimits, onOpen?: OpenProgress, allowPrivateProviders?: boolean } = {}): Promise<Engine> {
  const onProgress = progressBar(io, textLanguageOf(values, io))
  const endpoint = endpointOf(values, io)
  const dataDir = endpoint === undefined ? dataDirOf(values, io) : undefined
  const created = dataDir !== undefined && !existsSync(dataDir) ? dataDir : undefined
  let engine: Engine
  try {
    engine = await openEngine({
      ...(dataDir === undefined ? { endpoint: endpoint! } : { dataDir }),
      dataFiles: dataFilesOf(values, io),
      rules: ruleFoldersOf(values, io),
      shaclSparqlLimits: shaclLimitsOf(values, io),
      seedExamples: options.seedExamples === true,
      command: options.command ?? 'symphony',
      compileInBackground: options.compileInBackground === true,
      ...(options.composeLimits === undefined ? {} : { composeLimits: options.composeLimits }),
      ...(options.onOpen === undefined ? {} : { onOpen: options.onOpen }),
      ...(options.allowPrivateProviders === true ? { allowPrivateProviders: true } : {}),
      onWarning: warningsTo(values, io),
      ...(onProgress === undefined ? {} : { onProgress })
    })
  } catch (error) {
    if (created !== undefined && !isLocked(error)) await rm(created, { recursive: true, force: true })
    throw error
  }
  const warn = warningsTo(values, io)
  for (const notice of engine.notices) warn(notice)
  if (created !== undefined) createdBy.set(engine, created)
  return engine
}

function isLocked (error: unknown): boolean {
  return error instanceof SymphonyError && error.code === 'DATA_DIR_LOCKED'
}

/** Runs `work` with an engine and always closes it. */
export async function withEngine<T> (engine: Engine, work: (engine: Engine) => Promise<T>): Promise<T> {
  let failed = true
  try {
    const result = await work(engine)
    failed = false
    return result
  } finally {
    await engine.close()
    const created = createdBy.get(engine)
    if (failed && created !== undefined) await rm(created, { recursive: true, force: true })
  }
}
