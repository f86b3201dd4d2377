/**
 * Temporary folders and engines of one test file: each engine opened through `open` is closed
 * after its test (one closed by the test itself is taken off `engines` first), every folder is
 * removed after the file. Call at the top level of the test file.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach } from 'vitest'
import { openEngine } from '../../src/engine.js'
import type { Engine } from '../../src/engine.js'

export function engineLifecycle (prefix: string): { folder: () => Promise<string>, open: typeof openEngine, engines: Engine[] } {
  const folders: string[] = []
  const engines: Engine[] = []
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.close()
  })
  afterAll(async () => {
    for (const made of folders.splice(0)) await rm(made, { recursive: true, force: true })
  })
  return {
    folder: async () => {
      const made = await mkdtemp(join(tmpdir(), prefix))
      folders.push(made)
      return made
    },
    open: async options => {
      const engine = await openEngine(options)
      engines.push(engine)
      return engine
    },
    engines
  }
}

/**
 * Makes `folder` hold one extra inference rule (interfaces of format "call-events" are call event
 * feeds): a catalog compiled with it differs from one without, so a snapshot of the other is stale.
 */
export async function writeExtraRule (folder: string): Promise<string> {
  await mkdir(folder)
  await writeFile(join(folder, 'call-events-by-format.rq'), `PREFIX sym: <https://w3id.org/symphony/ontology#>
PREFIX ex:  <https://example.org/rules#>
CONSTRUCT { ?interface a sym:CallEventFeed }
WHERE { ?interface ex:format "call-events" }
`)
  return folder
}
