/**
 * A private Virtuoso (Debian's virtuoso-opensource-7, stock configuration) on free loopback
 * ports in a temporary folder, with SPARQL update rights granted: for the remote-store tests
 * (`virtuoso.ts`) and `bench/remote.ts`.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const binary = '/usr/bin/virtuoso-t'
const isql = '/usr/bin/isql-vt'
const template = '/etc/virtuoso-opensource-7/virtuoso.ini'

export interface PrivateVirtuoso {
  readonly queryUrl: string
  readonly graphStoreUrl: string
  /** Stops the server and removes its folder. */
  stop (): Promise<void>
}

/** Is Virtuoso installed? */
export function virtuosoInstalled (): boolean {
  return spawnSync(binary, ['-?']).error === undefined
}

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

async function waitFor (url: string, deadline: number, folder: string): Promise<void> {
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

/** Starts a private Virtuoso and waits until it answers SPARQL. */
export async function startPrivateVirtuoso (): Promise<PrivateVirtuoso> {
  const folder = await mkdtemp(join(tmpdir(), 'symphony-virtuoso-'))
  const [sqlPort, httpPort] = [await freePort(), await freePort()]
  const ini = (await readFile(template, 'utf8'))
    .replaceAll('/var/lib/virtuoso-opensource-7/db', folder)
    .replace(/^ServerPort(\s*)=\s*1111$/m, `ServerPort$1= ${sqlPort}`)
    .replace(/^ServerPort(\s*)=\s*8890$/m, `ServerPort$1= ${httpPort}`)
  await writeFile(join(folder, 'virtuoso.ini'), ini)
  const server = spawn(binary, ['+configfile', join(folder, 'virtuoso.ini'), '+foreground'], { stdio: 'ignore' })
  const stop = async (): Promise<void> => {
    server.kill('SIGTERM')
    await new Promise(resolve => setTimeout(resolve, 500))
    await rm(folder, { recursive: true, force: true })
  }
  try {
    const queryUrl = `http://127.0.0.1:${httpPort}/sparql`
    await waitFor(`${queryUrl}?query=${encodeURIComponent('ASK {}')}`, Date.now() + 60_000, folder)
    const grants = ['SPARQL_UPDATE TO "SPARQL"', ...['SPARQL_INSERT_DICT_CONTENT', 'SPARQL_DELETE_DICT_CONTENT', 'SPARUL_RUN', 'L_O_LOOK', 'RDF_OBJ_ADD_KEYWORD_FOR_GRAPH']
      .map(procedure => `EXECUTE ON DB.DBA.${procedure} TO "SPARQL"`)]
    const granted = spawnSync(isql, [String(sqlPort), 'dba', 'dba', `exec=${grants.map(g => `GRANT ${g};`).join(' ')}`], { encoding: 'utf8' })
    if (granted.status !== 0) throw new Error(`could not grant SPARQL update rights: ${granted.stderr}`)
    return { queryUrl, graphStoreUrl: `http://127.0.0.1:${httpPort}/sparql-graph-crud`, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
