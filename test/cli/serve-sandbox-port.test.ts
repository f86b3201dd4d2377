/**
 * `symphony serve --sandbox-port`: two servers on the example catalog, each with its providers'
 * sandbox on a free port (one by the flag, one by `$SYMPHONY_SANDBOX_PORT`), run side by side and
 * each books a bundle whose items reach its own sandbox, though the example adapters name
 * `http://127.0.0.1:8091`.
 */
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../src/project.js'
import { servingAddress, spawnInGroup, stderrMatch, stopAllGroups, stopGroup } from '../support/process-group.js'
import { runCli, temporaryFolder } from './run-cli.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads fields of JSON answers
type Answer = any

const sym = 'https://w3id.org/symphony/ontology#'
/** A CRM (which needs a PBX): Callstream, Relata and Kundenwerk answer at once in the sandbox. */
const request = { available: [], wanted: [], serviceTypes: [`${sym}CRM`], constraints: { dataLocation: [`${sym}EEA`] }, seats: 3, limit: 5 }
const instant = ['https://example.org/callstream#', 'https://example.org/relata#', 'https://example.org/kundenwerk#']

async function call (url: string, token: string, method: string, body?: unknown): Promise<{ status: number, body: Answer }> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  return { status: response.status, body: await response.json() }
}

describe('symphony serve --sandbox-port', () => {
  afterAll(async () => { await stopAllGroups() })

  it('runs two servers with their sandboxes on free ports side by side, and each books through its own sandbox', async () => {
    const folder = await temporaryFolder()
    const servers: ChildProcess[] = []
    try {
      const started = await Promise.all([
        { name: 'a', args: ['--sandbox-port', '0'], env: {} },
        { name: 'b', args: [], env: { SYMPHONY_SANDBOX_PORT: '0' } }
      ].map(async ({ name, args, env }) => {
        const dataDir = join(folder.path, name)
        const account = await runCli(['account', 'add', '--customer', `Kanzlei ${name}`, '--data-dir', dataDir])
        expect(account.code, account.stderr).toBe(0)
        const server = spawnInGroup(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/cli/bin.ts'), 'serve', '--port', '0', ...args, '--data-dir', dataDir, '--compose-workers', '1', '--log-level', 'warn', '--lang', 'en'], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, ...env }
        })
        servers.push(server)
        const sandbox = (await stderrMatch(server, /Provider sandbox at (http:\/\/127\.0\.0\.1:(\d+))\//))
        return { url: await servingAddress(server), sandbox: sandbox[1]!, sandboxPort: Number(sandbox[2]), token: account.stdout.trim() }
      }))
      const ports = started.map(s => s.sandboxPort)
      expect(ports).not.toContain(8091)
      expect(new Set(ports).size).toBe(2)
      for (const server of started) {
        const composed = await call(`${server.url}/compose`, server.token, 'POST', request)
        expect(composed.status).toBe(200)
        const bundle = (composed.body.bundles as Answer[]).find(b => (b.services as string[]).every(s => instant.some(p => s.startsWith(p))))
        expect(bundle, JSON.stringify(composed.body.bundles.map((b: Answer) => b.services))).toBeDefined()
        const placed = await call(`${server.url}/orders`, server.token, 'POST', { request, services: bundle.services, seats: 3 })
        expect(placed.status, JSON.stringify(placed.body)).toBe(201)
        let order = placed.body
        for (let tries = 0; order.state !== 'completed' && order.state !== 'failed' && tries < 300; tries++) {
          await new Promise(resolve => setTimeout(resolve, 200))
          order = (await call(`${server.url}/orders/${order.id}`, server.token, 'GET')).body
        }
        expect([order.state, order.items.map((item: Answer) => item.state)]).toEqual(['completed', order.items.map(() => 'completed')])
        // The items went to this server's sandbox, and to it only.
        const log = await (await fetch(`${server.sandbox}/_sandbox/log`)).json() as Answer[]
        expect(log.map(entry => entry.idempotencyKey).sort()).toEqual(order.items.map((item: Answer) => item.idempotencyKey).sort())
      }
    } finally {
      await Promise.all(servers.map(server => stopGroup(server)))
      await folder.remove()
    }
  }, 420_000)

  it('refuses a sandbox port that is not a whole number from 0 to 65535, from the flag or the variable', async () => {
    expect(await runCli(['serve', '--sandbox-port', 'high'])).toEqual({ code: 2, stdout: '', stderr: 'symphony: --sandbox-port high is not a whole number from 0 to 65535\n' })
    expect((await runCli(['serve'], { env: { SYMPHONY_SANDBOX_PORT: '70000' } })).stderr).toBe('symphony: --sandbox-port 70000 is not a whole number from 0 to 65535\n')
  })

  it('is described in serve --help in English and German', async () => {
    const english = await runCli(['serve', '--help', '--lang', 'en'])
    expect(english.stdout.replace(/\s+/g, ' ')).toContain('--sandbox-port <n> the TCP port of the example providers\' sandbox (0: any free one); the example adapters order from the port bound (default: $SYMPHONY_SANDBOX_PORT, else 8091)')
    const german = await runCli(['serve', '--help', '--lang', 'de'])
    expect(german.stdout.replace(/\s+/g, ' ')).toContain('--sandbox-port <n> der TCP-Port der Sandbox der Beispielanbieter (0: ein beliebiger freier); die Beispieladapter bestellen am gebundenen Port (Vorgabe: $SYMPHONY_SANDBOX_PORT, sonst 8091)')
  })
})
