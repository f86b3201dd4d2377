import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../src/project.js'
import { doorOf, running } from '../support/door.js'
import { spawnInGroup, stderrMatch, stopAllGroups, stopGroup } from '../support/process-group.js'
import { temporaryFolder } from './run-cli.js'

describe('symphony serve while it starts', () => {
  afterAll(async () => { await stopAllGroups() })

  it('listens first: /health answers, /health/ready and every other route say what is loading, until the catalog is ready', async () => {
    const folder = await temporaryFolder()
    const go = join(folder.path, 'go')
    const server = spawnInGroup(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/cli/bin.ts'), 'serve', '--no-sandbox', '--port', '0', '--data-dir', join(folder.path, 'data'), '--log-level', 'warn'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Held before it loads its catalog until `go` exists: the starting answers are observed without timing.
      env: { ...process.env, SYMPHONY_HOLD_START: go }
    })
    try {
      const serving = stderrMatch(server, /serving at (\S+)\//)
      const address = (await stderrMatch(server, /listening at (\S+)\/ and loading its catalog/))[1]!

      const health = await fetch(`${address}/health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toMatchObject({ status: 'ok' })

      // Every answer on the way says "starting" with a known phase; the hold keeps it at the catalog.
      const phases = new Set<string>()
      let ready: { status: string, phase: string, done: number, total: number }
      for (;;) {
        const response = await fetch(`${address}/health/ready`)
        expect(response.status).toBe(503)
        ready = await response.json() as typeof ready
        expect(ready.status).toBe('starting')
        phases.add(ready.phase)
        if (ready.phase === 'catalog') break
        await delay(100)
      }
      expect([...phases].filter(phase => !['store', 'operations', 'catalog'].includes(phase))).toEqual([])
      expect(ready).toMatchObject({ status: 'starting', phase: 'catalog', done: 0, total: 1 })

      const services = await fetch(`${address}/catalog/services`, { headers: { 'accept-language': 'de' } })
      expect(services.status).toBe(503)
      expect(services.headers.get('retry-after')).toBe('5')
      expect(services.headers.get('content-type')).toBe('application/problem+json')
      const problem = await services.json() as Record<string, unknown>
      expect(problem).toMatchObject({
        status: 503,
        code: 'STARTING',
        title: 'Startet',
        phase: 'catalog',
        done: 0,
        total: 1,
        detail: 'der Katalog wird noch geladen: Katalog lesen oder kompilieren 0 von 1; fragen Sie in 5 Sekunden erneut (GET /health/ready meldet, wann er bereit ist)'
      })
      expect((problem.messages as { en: string }).en).toBe('the catalog is still loading: reading or compiling the catalog 0 of 1; ask again in 5 seconds (GET /health/ready says when it is ready)')
      const discover = await fetch(`${address}/discover`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"available": [], "wanted": []}' })
      expect(discover.status).toBe(503)
      expect(discover.headers.get('retry-after')).toBe('5')

      await writeFile(go, '')
      expect((await serving)[1]).toBe(address)
      const now = await fetch(`${address}/health/ready`)
      expect(now.status).toBe(200)
      expect(await now.json()).toMatchObject({ status: 'ready', version: expect.any(String) as string, graphs: expect.any(Number) as number })
      const answered = await fetch(`${address}/catalog/services?limit=1`)
      expect(answered.status).toBe(200)
      expect(((await answered.json()) as { services: unknown[] }).services).toHaveLength(1)
    } finally {
      await stopGroup(server)
      await folder.remove()
    }
  }, 180_000)

  it('answers from its door while the main process is stopped, and the door ends with it on kill -9', async () => {
    const folder = await temporaryFolder()
    const server = spawnInGroup(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/cli/bin.ts'), 'serve', '--no-sandbox', '--port', '0', '--data-dir', join(folder.path, 'data'), '--log-level', 'warn'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SYMPHONY_HOLD_START: join(folder.path, 'never') }
    })
    try {
      const address = (await stderrMatch(server, /listening at (\S+)\/ and loading its catalog/))[1]!
      const door = await doorOf(server.pid!)
      // The door has the socket once a fresh connection is answered while `serve` cannot run.
      for (;;) {
        process.kill(server.pid!, 'SIGSTOP')
        const health = await fetch(`${address}/health`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(2000) }).catch(() => undefined)
        if (health !== undefined) {
          expect([health.status, await health.json()]).toMatchObject([200, { status: 'ok' }])
          break
        }
        process.kill(server.pid!, 'SIGCONT')
        await delay(200)
      }
      process.kill(server.pid!, 'SIGKILL')
      while (await running(door)) await delay(50)
      await expect(fetch(`${address}/health`)).rejects.toThrow()
    } finally {
      await stopGroup(server)
      await folder.remove()
    }
  }, 180_000)
})
