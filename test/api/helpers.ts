/** Building the API for tests: an engine (in memory or on a temporary data directory), tokens, the app. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { DataFactory } from 'n3'
import type { Quad } from '@rdfjs/types'
import { openEngine } from '../../src/engine.js'
import type { Engine } from '../../src/engine.js'
import { buildApp } from '../../src/api/index.js'
import type { ApiOptions } from '../../src/api/index.js'
import { TokenRegistry, customerIri, hashToken } from '../../src/accounts/index.js'
import { canonicalNTriples } from '../../src/publishing/canonical.js'

export const sym = 'https://w3id.org/symphony/ontology#'
export const acme = 'https://example.org/acme#Acme'
export const globex = 'https://example.org/globex#Globex'
export const acmeToken = 'symp_test-token-of-acme'
export const globexToken = 'symp_test-token-of-globex'
export const operatorToken = 'symp_test-token-of-the-operator'
/** Two customers, for tenant-boundary tests. */
export const berg = customerIri('Kanzlei Berg')
export const bergToken = 'symp_test-token-of-kanzlei-berg'
export const sonne = customerIri('Praxis Sonne')
export const sonneToken = 'symp_test-token-of-praxis-sonne'

export interface TestApp {
  readonly app: FastifyInstance
  readonly engine: Engine
  readonly dataDir: string | undefined
  close (): Promise<void>
}

/** The app over a fresh engine; `persistent` uses a temporary data directory (removed by `close`). */
export async function openTestApp (options: { persistent?: boolean, dataDir?: string, seedExamples?: boolean, fixtures?: readonly string[], dataFiles?: readonly string[], api?: ApiOptions, allowPrivateProviders?: boolean } = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? (options.persistent === true ? await mkdtemp(join(tmpdir(), 'symphony-api-')) : undefined)
  const dataFiles = [...(options.fixtures ?? []).map(name => join(fixtures, name)), ...options.dataFiles ?? []]
  const engine = await openEngine({ ...(dataDir === undefined ? {} : { dataDir }), dataFiles, seedExamples: options.seedExamples === true, ...(options.allowPrivateProviders === true ? { allowPrivateProviders: true } : {}) })
  const tokens = await TokenRegistry.open({
    env: [[acme, acmeToken], [globex, globexToken], ['operator', operatorToken], [berg, bergToken], [sonne, sonneToken]]
      .map(([id, token]) => `${id}=${hashToken(token!)}`).join(' ')
  })
  const app = buildApp(engine, { tokens, ...options.api })
  await app.ready()
  return {
    app,
    engine,
    dataDir,
    async close () {
      await app.close()
      await engine.close()
      if (options.dataDir === undefined && dataDir !== undefined) await rm(dataDir, { recursive: true, force: true })
    }
  }
}

/** URL path of a description. */
export function descriptionPath (provider: string, name: string): string {
  return `/providers/${encodeURIComponent(provider)}/descriptions/${encodeURIComponent(name)}`
}

/** Canonical N-Triples of quads (graph names dropped): equal ⇔ isomorphic. */
export async function canonical (quads: readonly Quad[]): Promise<string> {
  return canonicalNTriples(quads.map(q => DataFactory.quad(q.subject, q.predicate, q.object) as Quad))
}

/** Every quad in the store, canonical per graph: a fingerprint of the whole store. */
export async function storeFingerprint (engine: Engine): Promise<string> {
  const graphs = await engine.store.graphs()
  const parts: string[] = []
  for (const { graph } of graphs) parts.push(`# ${graph}\n${await canonical(await engine.store.graph(graph))}`)
  return parts.join('\n')
}

/** A fixture file of test/fixtures/api/ as text. */
export function fixture (name: string): Promise<string> {
  return readFile(join(fixtures, name), 'utf8')
}

const fixtures = fileURLToPath(new URL('../fixtures/api/', import.meta.url))
