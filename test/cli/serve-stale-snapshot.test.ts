import { existsSync } from 'node:fs'
import { open, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../src/project.js'
import { spawnInGroup, stderrMatch, stopAllGroups, stopGroup } from '../support/process-group.js'
import { temporaryFolder } from './run-cli.js'

/** The key in the snapshot's header, and where it starts in the file. */
async function snapshotKeyIn (file: string): Promise<{ key: string, at: number }> {
  const handle = await open(file, 'r')
  try {
    const head = Buffer.alloc(512)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    const text = head.subarray(0, bytesRead).toString('latin1')
    const at = text.indexOf('"key":"') + '"key":"'.length
    return { key: text.slice(at, at + 64), at }
  } finally {
    await handle.close()
  }
}

describe('symphony serve on a data directory whose catalog snapshot is stale', () => {
  afterAll(async () => { await stopAllGroups() })

  it('answers /health and says it is starting (phase catalog) while it compiles and takes over the catalog, then saves a new snapshot', async () => {
    const folder = await temporaryFolder()
    const data = join(folder.path, 'data')
    const snapshot = join(data, 'catalog.snapshot')
    const serve = (env: Record<string, string> = {}) => spawnInGroup(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/cli/bin.ts'), 'serve', '--no-sandbox', '--port', '0', '--data-dir', data, '--log-level', 'warn'], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }
    })
    try {
      // A first start seeds the example catalog and saves its snapshot.
      const first = serve()
      await stderrMatch(first, /serving at (\S+)\//)
      while (!existsSync(snapshot)) await delay(100)
      await stopGroup(first)

      // Another key in the header: the snapshot is stale (as after a change of the compiler's code).
      const { key, at } = await snapshotKeyIn(snapshot)
      const stale = key.replace(/^./, key.startsWith('0') ? '1' : '0')
      const handle = await open(snapshot, 'r+')
      await handle.write(Buffer.from(stale, 'latin1'), 0, stale.length, at)
      await handle.close()

      const go = join(folder.path, 'go')
      const second = serve({ SYMPHONY_HOLD_START: go })
      const serving = stderrMatch(second, /serving at (\S+)\//)
      let served = false
      void serving.then(() => { served = true }, () => undefined)
      const address = (await stderrMatch(second, /listening at (\S+)\/ and loading its catalog/))[1]!
      // Until it says it serves: every /health answers 200, every /health/ready 503 "starting" in the catalog phase
      // (the first of them seen while the start is held, so the list is never empty).
      const readyAnswers: Array<{ status: number, phase?: string }> = []
      for (;;) {
        const ready = await fetch(`${address}/health/ready`)
        const body = await ready.json() as { status: string, phase?: string }
        expect(ready.status).toBe(503)
        if (body.phase === 'catalog') {
          readyAnswers.push({ status: ready.status, phase: body.phase })
          break
        }
        await delay(100)
      }
      await writeFile(go, '')

      while (!served) {
        const health = await fetch(`${address}/health`)
        expect(health.status).toBe(200)
        const ready = await fetch(`${address}/health/ready`)
        const body = await ready.json() as { status: string, phase?: string }
        if (ready.status === 200) break
        readyAnswers.push({ status: ready.status, phase: body.phase })
        expect(body.status).toBe('starting')
      }
      expect(readyAnswers.filter(answer => answer.status !== 503 || answer.phase !== 'catalog')).toEqual([])
      await serving
      const now = await fetch(`${address}/health/ready`)
      expect(now.status).toBe(200)
      const services = await fetch(`${address}/catalog/services?limit=1`)
      expect(services.status).toBe(200)

      // The compile thread replaces the stale snapshot with one for the catalog it compiled.
      while ((await snapshotKeyIn(snapshot)).key === stale) await delay(100)
      expect((await snapshotKeyIn(snapshot)).key).toBe(key)
      await stopGroup(second)
    } finally {
      await folder.remove()
    }
  }, 300_000)
})
