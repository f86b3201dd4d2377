import { describe, expect, it } from 'vitest'
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readSnapshot, snapshotFileOf } from '../../src/catalog/index.js'
import type { Engine } from '../../src/engine.js'
import type { EmbeddedStore } from '../../src/store/index.js'
import { generateCatalog } from '../../bench/catalog-generator.js'
import { engineLifecycle } from '../catalog/engine-lifecycle.js'

const { folder, open, engines } = engineLifecycle('symphony-stored-files-')

/**
 * A data directory holding two imported catalogs (two graph files, blank nodes among them), its
 * snapshot removed: a start compiles it. Stored graphs come before the built-in graphs, which are
 * held as quads.
 */
async function staleDataDir (): Promise<string> {
  const dir = await folder()
  await writeFile(join(dir, 'a.nt'), generateCatalog(200, { seed: 11 }).ntriples)
  await writeFile(join(dir, 'b.nt'), generateCatalog(60, { seed: 12 }).ntriples)
  const dataDir = join(dir, 'data')
  const engine = await open({ dataDir })
  await engine.importFiles([join(dir, 'a.nt'), join(dir, 'b.nt')])
  await close(engine)
  await rm(snapshotFileOf(dataDir))
  return dataDir
}

async function close (engine: Engine): Promise<void> {
  engines.splice(engines.indexOf(engine), 1)
  await engine.close()
}

/** A copy of the data directory, to open with other code paths. */
async function copyOf (dataDir: string): Promise<string> {
  const copy = join(await folder(), 'data')
  await cp(dataDir, copy, { recursive: true })
  return copy
}

/** Opens the data directory, compiles its catalog, waits for its snapshot; the snapshot's bytes and the graphs the serving thread parsed. */
async function compiled (dataDir: string, compileInBackground: boolean, change?: (graphFiles: string[]) => Promise<void>): Promise<{ snapshot: Buffer, parsed: number }> {
  const engine = await open({ dataDir, compileInBackground })
  const folderOfGraphs = join(dataDir, 'graphs')
  await change?.((await readdir(folderOfGraphs)).sort().map(name => join(folderOfGraphs, name)))
  await engine.catalog()
  const { parsed } = (engine.store as EmbeddedStore).parsedGraphs()
  const { snapshot } = await engine.catalogSnapshot()
  // The compile thread saves it after the hand-over: wait for it before closing.
  while ((await readSnapshot(snapshot!.file, snapshot!.key)).status !== 'loaded') await new Promise(resolve => setTimeout(resolve, 50))
  await close(engine)
  return { snapshot: await readFile(snapshotFileOf(dataDir)), parsed }
}

describe('a data directory without a current snapshot, compiled in the compile thread', () => {
  it('reads the graph files there into term ids, to the snapshot compiled from the quads in place, parsing none here', async () => {
    const dataDir = await staleDataDir()
    const inPlace = await compiled(await copyOf(dataDir), false)
    const inThread = await compiled(await copyOf(dataDir), true)
    expect(inPlace.parsed).toBe(2)
    expect(inThread.parsed).toBe(0)
    expect(inThread.snapshot.equals(inPlace.snapshot)).toBe(true)
  }, 240_000)

  it('compiles the quads the store holds when a graph file no longer has its digest, or is gone', async () => {
    const dataDir = await staleDataDir()
    const inPlace = await compiled(await copyOf(dataDir), false)
    // Changed after the store read it (as a later write would): the thread would read a service renamed.
    const changed = await compiled(await copyOf(dataDir), true, async files => {
      const text = await readFile(files[0]!, 'utf8')
      expect(text).toContain('#S1>')
      await writeFile(files[0]!, text.replaceAll('#S1>', '#S1-renamed>'))
    })
    expect(changed.parsed).toBe(2)
    expect(changed.snapshot.equals(inPlace.snapshot)).toBe(true)
    const gone = await compiled(await copyOf(dataDir), true, async files => { await rm(files[1]!) })
    expect(gone.parsed).toBe(2)
    expect(gone.snapshot.equals(inPlace.snapshot)).toBe(true)
  }, 240_000)
})
