import { readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { hashToken } from '../../src/accounts/index.js'
import { projectRoot } from '../../src/project.js'
import { servingAddress, spawnInGroup, stopAllGroups, stopGroup } from '../support/process-group.js'
import { runCli, temporaryFolder } from './run-cli.js'

/** GET with a chosen Host header (fetch does not let a page or client set it). */
function getWithHost (url: string, host: string): Promise<{ status: number, body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { host } }, response => {
      let body = ''
      response.on('data', (chunk: Buffer) => { body += chunk.toString() })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    }).on('error', reject).end()
  })
}

describe('symphony serve', () => {
  // A server a failed or timed-out test did not stop goes with its process group.
  afterAll(async () => { await stopAllGroups() })

  it('says which port is taken instead of failing with a stack trace', async () => {
    const blocker = createServer()
    await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    const folder = await temporaryFolder()
    try {
      const run = await runCli(['serve', '--port', String(port), '--empty', '--data-dir', join(folder.path, 'data')])
      expect(run).toEqual({ code: 2, stdout: '', stderr: `symphony: cannot listen on 127.0.0.1:${port} (the port is in use); pass another --port\n` })
    } finally {
      blocker.close()
      await folder.remove()
    }
  })

  it('refuses a port that is not a number', async () => {
    expect(await runCli(['serve', '--port', 'eighty'])).toEqual({ code: 2, stdout: '', stderr: 'symphony: --port eighty is not a whole number from 0 to 65535\n' })
  })

  it('refuses a compose worker count that is not a whole number from 0 to 64', async () => {
    expect(await runCli(['serve', '--compose-workers', 'many'])).toEqual({ code: 2, stdout: '', stderr: 'symphony: --compose-workers many is not a whole number from 0 to 64\n' })
    expect((await runCli(['serve'], { env: { SYMPHONY_COMPOSE_WORKERS: '-1' } })).stderr).toBe('symphony: --compose-workers -1 is not a whole number from 0 to 64\n')
  })

  it('refuses composition budgets outside their range, naming the option or variable and the range, in English and German', async () => {
    expect(await runCli(['serve', '--compose-max-states', '0'])).toEqual({ code: 2, stdout: '', stderr: 'symphony: --compose-max-states 0 is not a whole number from 1 to 3000000; give a value in that range or leave it out for the default (300000)\n' })
    expect((await runCli(['serve', '--compose-max-model-entries', '20000001', '--lang', 'de'])).stderr)
      .toBe('symphony: --compose-max-model-entries 20000001 ist keine ganze Zahl von 1 bis 20000000; geben Sie einen Wert in diesem Bereich an oder lassen Sie die Angabe weg für den Standard (2000000)\n')
    expect((await runCli(['serve'], { env: { SYMPHONY_COMPOSE_TIMEOUT_MS: '90s' } })).stderr)
      .toBe('symphony: $SYMPHONY_COMPOSE_TIMEOUT_MS=90s (--compose-timeout-ms) is not a whole number from 1 to 60000; give a value in that range or leave it out for the default (60000)\n')
    expect((await runCli(['serve'], { env: { SYMPHONY_COMPOSE_MAX_STATES: '-5', LANG: 'de_DE.UTF-8' } })).stderr)
      .toBe('symphony: $SYMPHONY_COMPOSE_MAX_STATES=-5 (--compose-max-states) ist keine ganze Zahl von 1 bis 3000000; geben Sie einen Wert in diesem Bereich an oder lassen Sie die Angabe weg für den Standard (300000)\n')
  })

  it('hands the composition budgets of its flags and environment to every compose it answers', async () => {
    const folder = await temporaryFolder()
    const server = spawnInGroup(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/cli/bin.ts'), 'serve', '--no-sandbox', '--port', '0', '--data-dir', join(folder.path, 'data'), '--compose-workers', '1', '--compose-max-states', '5', '--log-level', 'warn'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SYMPHONY_COMPOSE_MAX_MODEL_ENTRIES: '1' }
    })
    try {
      const address = await servingAddress(server)
      const request = JSON.parse(await readFile(join(projectRoot, 'examples/requests/compose-pbx-crm-acd-archiving-eu.json'), 'utf8')) as Record<string, unknown>
      const compose = async (body: Record<string, unknown>): Promise<{ bundles: unknown[], issues: Array<{ code: string }> }> => {
        const response = await fetch(`${address}/compose`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
        expect(response.status).toBe(200)
        return await response.json() as { bundles: unknown[], issues: Array<{ code: string }> }
      }
      // Without the budgets the example request has three bundles (test/cli/matching.test.ts).
      const cut = await compose(request)
      expect([cut.bundles, cut.issues.map(issue => issue.code)]).toEqual([[], ['SEARCH_CUT']])
      // A request cannot raise them.
      expect(await compose({ ...request, maxStates: 300_000, maxModelEntries: 2_000_000 })).toEqual(cut)
    } finally {
      await stopGroup(server)
      await folder.remove()
    }
  }, 180_000)

  it('refuses an unknown log level, naming the ones it knows', async () => {
    expect(await runCli(['serve', '--log-level', 'loud'])).toEqual({ code: 2, stdout: '', stderr: 'symphony: --log-level loud is not one of fatal, error, warn, info, debug, trace, silent\n' })
  })

  it('answers only its own host names and the allowed ones, logs no requests with --no-request-log and takes private webhook hosts with --allow-private-webhooks and private provider endpoints with --allow-private-providers', async () => {
    const folder = await temporaryFolder()
    const server = spawnInGroup(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/cli/bin.ts'), 'serve', '--empty', '--port', '0', '--data-dir', join(folder.path, 'data'), '--allowed-host', 'symphony.example.org', '--no-request-log', '--compose-workers', '2', '--allow-private-webhooks', '--allow-private-providers'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SYMPHONY_TOKENS: `https://w3id.org/symphony/customer/kanzlei-weber=${hashToken('symp_serve-customer')} https://example.org/acme#Acme=${hashToken('symp_serve-acme')}` }
    })
    let stdout = ''
    server.stdout!.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
    try {
      const address = await servingAddress(server)
      expect((await getWithHost(`${address}/health`, '127.0.0.1')).status).toBe(200)
      expect((await getWithHost(`${address}/health`, 'symphony.example.org:443')).status).toBe(200)
      // The pool has the workers asked for.
      expect(JSON.parse((await getWithHost(`${address}/health`, '127.0.0.1')).body).compose.workers).toBe(2)
      const refused = await getWithHost(`${address}/health`, 'rebound.example')
      expect([refused.status, JSON.parse(refused.body).code]).toEqual([421, 'MISDIRECTED_REQUEST'])
      // A webhook on a private address is taken (refused without the flag: test/operations/webhooks.test.ts).
      const webhook = await fetch(`${address}/me/webhook`, { method: 'PUT', headers: { authorization: 'Bearer symp_serve-customer', 'content-type': 'application/json' }, body: JSON.stringify({ url: 'http://127.0.0.1:9/hook' }) })
      expect([webhook.status, (await webhook.json() as { url: string }).url]).toEqual([200, 'http://127.0.0.1:9/hook'])
      // So is a description with an endpoint on a private address (refused without the flag: test/api/publishing-boundaries.test.ts).
      const publishing = join(projectRoot, 'test/fixtures/publishing')
      const description = `${await readFile(join(publishing, 'service.ttl'), 'utf8')}\n${(await readFile(join(publishing, 'adapter-valid.ttl'), 'utf8')).replaceAll('https://api.acme.example/', 'http://10.0.0.5/')}`
      expect(description).toContain('"http://10.0.0.5/orders"')
      const dryRun = await fetch(`${address}/providers/${encodeURIComponent('https://example.org/acme#Acme')}/descriptions/pbx/dry-run`, { method: 'POST', headers: { authorization: 'Bearer symp_serve-acme', 'content-type': 'text/turtle' }, body: description })
      expect(dryRun.status, await dryRun.clone().text()).toBe(200)
      // Logging is on (the server says where it listens), request lines are not.
      expect(stdout).toContain('Server listening')
      expect(stdout).not.toContain('incoming request')
    } finally {
      await stopGroup(server)
      await folder.remove()
    }
  }, 120_000)
})
