import { execFileSync } from 'node:child_process'
import { Agent, get } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { StartingServer } from '../../src/api/starting.js'
import { doorOf, running } from '../support/door.js'

/** Asks `url` from another process, while this one's event loop waits for it: only the door can answer. */
function askBlocked (url: string, headers: Record<string, string> = {}): { status: number, retryAfter: string | null, body: Record<string, unknown> } {
  const script = `fetch(${JSON.stringify(url)}, { headers: ${JSON.stringify(headers)} }).then(async r => console.log(JSON.stringify({ status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.json() })))`
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 })) as ReturnType<typeof askBlocked>
}

let starting: StartingServer | undefined
afterEach(async () => {
  await starting?.close()
  starting = undefined
})

describe('the door: a child process answering while serve loads', () => {
  it('gives the starting answers with the progress serve reports, while serve\'s own thread is busy', async () => {
    starting = new StartingServer()
    const address = await starting.listen(0, '127.0.0.1')
    starting.report({ phase: 'store', done: 3, total: 7 })
    expect(await starting.lend()).toBe(true)

    expect(askBlocked(`${address}/health`)).toMatchObject({ status: 200, body: { status: 'ok', uptimeSeconds: expect.any(Number) as number } })
    expect(askBlocked(`${address}/health/ready`)).toMatchObject({ status: 503, body: { status: 'starting', phase: 'store', done: 3, total: 7 } })

    starting.report({ phase: 'catalog', done: 0, total: 1 })
    // The progress travels over IPC: asked (by fresh connections, which only the door accepts) until it arrived.
    for (;;) {
      const ready = await fetch(`${address}/health/ready`).then(async response => await response.json() as { phase: string })
      if (ready.phase === 'catalog') break
      await delay(20)
    }
    const problem = askBlocked(`${address}/catalog/services`, { 'accept-language': 'de' })
    expect(problem).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: {
        status: 503,
        code: 'STARTING',
        title: 'Startet',
        phase: 'catalog',
        done: 0,
        total: 1,
        detail: 'der Katalog wird noch geladen: Katalog lesen oder kompilieren 0 von 1; fragen Sie in 5 Sekunden erneut (GET /health/ready meldet, wann er bereit ist)'
      }
    })
  }, 120_000)

  it('hands the socket back when the app is ready without failing a request, and exits', async () => {
    starting = new StartingServer()
    const server = starting
    server.serverFactory((request, response) => {
      request.resume()
      response.end('app')
    })
    const address = await server.listen(0, '127.0.0.1')
    const { port } = new URL(address)
    expect(server.lent).toBe(false)
    expect(await server.lend()).toBe(true)
    expect(server.lent).toBe(true)
    const door = await doorOf(process.pid)

    let opened = false
    const failures: string[] = []
    const lateAnswers = new Set<string>()
    const keepAlive = new Agent({ keepAlive: true })
    const askOnce = (agent: Agent | false) => new Promise<string>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: '/health', agent }, response => {
        let body = ''
        response.on('data', (chunk: Buffer) => { body += chunk.toString() })
        response.on('end', () => { resolve(body) })
      }).once('error', reject)
    })
    // Clients asking one request after another: on one kept-alive connection, a fresh connection
    // each, and fetch's pool; each goes on until it had five answers after the hand-over.
    const client = async (ask: () => Promise<string>) => {
      let afterwards = 0
      while (afterwards < 5) {
        const late = opened
        try {
          const body = await ask()
          if (late) {
            lateAnswers.add(body)
            afterwards++
          }
        } catch (error) {
          failures.push(String(error))
        }
      }
    }
    const clients = Promise.all([
      client(() => askOnce(keepAlive)),
      client(() => askOnce(false)),
      client(() => fetch(`${address}/health`).then(response => response.text()))
    ])
    await delay(300)
    await server.open()
    expect(server.lent).toBe(false)
    opened = true
    await clients
    keepAlive.destroy()

    expect(failures).toEqual([])
    expect([...lateAnswers]).toEqual(['app'])
    while (await running(door)) await delay(50)
  }, 120_000)

  it('answers itself when the door cannot start, or takes the socket back when it dies', async () => {
    starting = new StartingServer()
    const address = await starting.listen(0, '127.0.0.1')
    expect(await starting.lend(new URL('./no-such-door.js', import.meta.url))).toBe(false)
    expect(starting.lent).toBe(false)
    expect((await fetch(`${address}/health`)).status).toBe(200)
    await starting.close()

    starting = new StartingServer()
    const again = await starting.listen(0, '127.0.0.1')
    const lent = starting.lend()
    expect(await lent).toBe(true)
    process.kill(await doorOf(process.pid), 'SIGKILL')
    // No connection is refused meanwhile: this process holds the socket all along.
    for (let asked = 0; asked < 20; asked++) {
      const response = await fetch(`${again}/health/ready`, { headers: { connection: 'close' } })
      expect(response.status).toBe(503)
      await response.arrayBuffer()
    }
    // Answered here: the socket was taken back, and `lent` says so.
    expect(starting.lent).toBe(false)
    expect(starting.server.listening).toBe(true)
  }, 120_000)
})
