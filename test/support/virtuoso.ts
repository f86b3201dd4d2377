/**
 * Vitest global setup: starts a private Virtuoso (Debian's virtuoso-opensource-7) on free
 * loopback ports in a temporary folder, for the remote-store tests. Without Virtuoso installed
 * the remote tests are reported as skipped locally, and fail in CI (`CI=true`), where `.ci/run`
 * installs it.
 */
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    virtuoso: { queryUrl: string, graphStoreUrl: string } | { missing: string }
  }
}

const binary = '/usr/bin/virtuoso-t'
const isql = '/usr/bin/isql-vt'
const template = '/etc/virtuoso-opensource-7/virtuoso.ini'

let server: ChildProcess | undefined
let folder: string | undefined

function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}

async function waitFor (url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 250))
  }
  throw new Error(`Virtuoso did not answer at ${url} in time; see ${folder}/virtuoso.log`)
}

export async function setup (project: TestProject): Promise<void> {
  if (spawnSync(binary, ['-?']).error !== undefined) {
    const missing = 'Virtuoso is not installed: apt-get install virtuoso-opensource-7 (.ci/run does it)'
    if (process.env.CI === 'true') throw new Error(missing)
    project.provide('virtuoso', { missing })
    return
  }
  folder = await mkdtemp(join(tmpdir(), 'symphony-virtuoso-'))
  const [sqlPort, httpPort] = [await freePort(), await freePort()]
  const ini = (await readFile(template, 'utf8'))
    .replaceAll('/var/lib/virtuoso-opensource-7/db', folder)
    .replace(/^ServerPort(\s*)=\s*1111$/m, `ServerPort$1= ${sqlPort}`)
    .replace(/^ServerPort(\s*)=\s*8890$/m, `ServerPort$1= ${httpPort}`)
  await writeFile(join(folder, 'virtuoso.ini'), ini)
  server = spawn(binary, ['+configfile', join(folder, 'virtuoso.ini'), '+foreground'], { stdio: 'ignore' })
  const queryUrl = `http://127.0.0.1:${httpPort}/sparql`
  await waitFor(`${queryUrl}?query=${encodeURIComponent('ASK {}')}`, Date.now() + 60_000)
  const grants = ['SPARQL_UPDATE TO "SPARQL"', ...['SPARQL_INSERT_DICT_CONTENT', 'SPARQL_DELETE_DICT_CONTENT', 'SPARUL_RUN', 'L_O_LOOK', 'RDF_OBJ_ADD_KEYWORD_FOR_GRAPH']
    .map(procedure => `EXECUTE ON DB.DBA.${procedure} TO "SPARQL"`)]
  const granted = spawnSync(isql, [String(sqlPort), 'dba', 'dba', `exec=${grants.map(g => `GRANT ${g};`).join(' ')}`], { encoding: 'utf8' })
  if (granted.status !== 0) throw new Error(`could not grant SPARQL update rights: ${granted.stderr}`)
  project.provide('virtuoso', { queryUrl, graphStoreUrl: `http://127.0.0.1:${httpPort}/sparql-graph-crud` })
}

export async function teardown (): Promise<void> {
  server?.kill('SIGTERM')
  await new Promise(resolve => setTimeout(resolve, 500))
  if (folder !== undefined) await rm(folder, { recursive: true, force: true })
}
