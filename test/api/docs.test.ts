/**
 * docs/api.md works as written: every shell block that talks to `$API` runs against the app
 * listening on 127.0.0.1 with the example catalog (bash with `set -euo pipefail`, so a failing
 * curl or a jq that gets no JSON fails the test); CLI commands in them talk to the same server.
 * The one line that issues a token with the CLI is replaced by a token issued the same way into
 * the test's data directory.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/api/index.js'
import { openEngine } from '../../src/engine.js'
import type { Engine } from '../../src/engine.js'
import { projectRoot } from '../../src/project.js'
import { TokenRegistry } from '../../src/accounts/index.js'
import type { FastifyInstance } from 'fastify'
import { exampleProviders, sandboxPort, sandboxSecrets, startSandbox } from '../../src/sandbox/index.js'
import type { Sandbox } from '../../src/sandbox/index.js'
import { runInGroup, stopAllGroups } from '../support/process-group.js'
import { ciiSchemaErrors, embeddedXml } from '../billing/e-invoice-validation.js'
import { brokenRules } from '../billing/en16931-rules.js'
import { checkFacturXPdf } from '../billing/pdfa-structure.js'

const run = promisify(execFile)
const hasTools = await Promise.all(['curl', 'jq'].map(tool => run('which', [tool]).then(() => true, () => false))).then(all => all.every(Boolean))

describe.skipIf(!hasTools && process.env.CI !== 'true')('docs/api.md', () => {
  let folder: string
  let engine: Engine
  let app: FastifyInstance
  let api: string
  let token: string
  let customer: string
  let operator: string
  let sandbox: Sandbox
  let blocks: string[]

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'symphony-docs-'))
    // Blocks run in the folder, as from a checkout: ./bin/symphony.js and examples/ are there too.
    for (const name of ['bin', 'examples']) await symlink(join(projectRoot, name), join(folder, name))
    engine = await openEngine({ dataDir: join(folder, 'data'), seedExamples: true })
    const tokens = await TokenRegistry.open({ dataDir: join(folder, 'data') })
    token = (await tokens.add({ role: 'provider', provider: 'https://example.org/acme#Acme' })).token
    customer = (await tokens.add({ role: 'customer', name: 'Kanzlei Weber' })).token
    operator = (await tokens.add({ role: 'operator' })).token
    app = buildApp(engine, { tokens })
    api = await app.listen({ port: 0, host: '127.0.0.1' })
    // The example adapters order from the provider sandbox, as under `symphony serve`.
    sandbox = await startSandbox({ port: sandboxPort, providers: exampleProviders })
    await engine.openOperations({ callbackBase: api, env: sandboxSecrets(), providerOrigins: [sandbox.url] })
    // docs/api.md and the README's short tour; a block's own `API=` line is replaced by the test server's.
    const text = (await Promise.all(['docs/api.md', 'README.md'].map(file => readFile(join(projectRoot, file), 'utf8')))).join('\n')
    blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map(m => m[1]!.replace(/^API=.*\n/m, ''))
      .filter(block => block.includes('$API') || block.startsWith('TOKEN='))
  })
  afterAll(async () => {
    // A block cut off by the test's timeout takes what it started with it.
    await stopAllGroups()
    await app?.close()
    await engine?.close()
    await sandbox?.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('has examples for every part of the API', () => {
    const all = blocks.join('\n')
    for (const path of ['/health', '/ontology', '/shapes', '/sparql', '/catalog/types', '/catalog/services', '/catalog/vocabulary', '/discover', '/match', '/combinable', '/compose', '/forms', '/configurations', '/descriptions', '/dry-run', '/deprecate', '/orders', '/subscriptions', '/seats', '/cancel', '/events', '/me/webhook', '/tickets', '/links', '/reports/sla', '/billing/settings', '/billing/profile', '/billing/runs', '/invoices']) {
      expect(all.includes(path), path).toBe(true)
    }
  })

  it("waits in the README's tour until the catalog is ready before it asks for it", async () => {
    // `serve` listens before it loads its catalog: `/health` answers 200 at once, while every
    // catalog route answers 503 STARTING until `/health/ready` answers 200.
    const readme = await readFile(join(projectRoot, 'README.md'), 'utf8')
    const tour = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map(m => m[1]!).find(block => block.includes('$API/catalog/services'))!
    const lines = tour.split('\n')
    const wait = lines.findIndex(line => /\buntil curl -sf \$API\/health\/ready\b/.test(line))
    const firstCatalogCall = lines.findIndex(line => /\$API\/(?!health)/.test(line))
    expect([wait >= 0, wait < firstCatalogCall]).toEqual([true, true])
    expect(lines.filter(line => /\$API\/health(?!\/ready)/.test(line))).toEqual([])
  })

  it('fails on an error status unless the example shows that status', () => {
    // Without -f a 4xx problem body piped into jq would pass; examples that demonstrate an error
    // name its status in a comment on the line or the line before, or print it with -w.
    const showsError = (line: string): boolean => /#.*\b[45]\d\d\b/.test(line)
    const unguarded = blocks.flatMap(block => block.split('\n').filter((line, n, lines) =>
      /\bcurl\b/.test(line) && !/\bcurl -s?f/.test(line) && !line.includes('%{http_code}') && !showsError(line) && !showsError(lines[n - 1] ?? '')))
    expect(unguarded).toEqual([])
  })

  it('runs every example without an error', async () => {
    for (const block of blocks) {
      const script = block.startsWith('TOKEN=') ? `TOKEN=${token}` : block
      const { stdout, stderr } = await runInGroup('bash', ['-c', `set -euo pipefail\nAPI=${api}\nTOKEN=${token}\nCUSTOMER=${customer}\nOPERATOR_TOKEN=${operator}\n${script}`], { cwd: folder, timeout: 300_000 })
        .catch((error: { stdout?: string, stderr?: string, message: string }) => {
          throw new Error(`docs/api.md block failed:\n${block}\n${error.stderr ?? ''}${error.message}`)
        })
      if (process.env.SHOW_DOCS_OUTPUT === '1') console.log(stdout.slice(0, 3000))
      // The CLI reports progress on stderr; its errors, and curl's, jq's and bash's, start with their name.
      if (block.includes('./bin/symphony.js ')) expect(stderr.split('\n').filter(line => /^(symphony|curl|jq|bash)\b/.test(line)), block).toEqual([])
      else expect(stderr, block).toBe('')
      expect(stdout.includes('"code": "INTERNAL"') || stdout.includes('"code":"INTERNAL"'), block).toBe(false)
    }
  }, 600_000)

  it("bills the booked example bundle's month: one line per component, each provider's share, e-invoices that validate", async () => {
    // The invoice the "Invoices" example issued for the bundle booked under "Orders and subscriptions"
    const headers = { authorization: `Bearer ${customer}` }
    const { invoices } = await (await fetch(`${api}/invoices`, { headers })).json() as { invoices: Array<{ number: string, period: string, kind: string }> }
    expect(invoices.map(i => [i.number, i.kind])).toEqual([[`INV-${invoices[0]!.period}-kanzlei-weber`, 'invoice']])
    const { draft } = await (await fetch(`${api}/invoices/${invoices[0]!.number}`, { headers })).json() as { draft: { lines: Array<{ subscription: string, service: string, provider: string, component: string }>, shares: Array<{ provider: string, net: number }>, net: number } }
    const subscriptions = await (await fetch(`${api}/subscriptions`, { headers })).json() as Array<{ iri: string, startedAt: string, members: Array<{ service: string, provider: string }> }>
    const subscription = subscriptions.find(s => s.iri === draft.lines[0]!.subscription)!
    expect([new Set(draft.lines.map(l => l.subscription)).size, invoices[0]!.period]).toEqual([1, subscription.startedAt.slice(0, 7)])
    // The seats were changed on the day of the booking: each component is one line for the rest of the month.
    expect(draft.lines.map(l => `${l.service} ${l.component}`).sort()).toEqual([...new Set(draft.lines.map(l => `${l.service} ${l.component}`))].sort())
    expect([...new Set(draft.lines.map(l => l.service))].sort()).toEqual(subscription.members.map(m => m.service).sort())
    expect(draft.shares.map(s => s.provider).sort()).toEqual([...new Set(subscription.members.map(m => m.provider))].sort())
    expect(draft.shares.reduce((sum, s) => sum + s.net, 0)).toBe(draft.net)

    // What the example downloaded: CII against the EN 16931 schema, both syntaxes against the business rules, the PDF's structure and its embedded CII
    const cii = await readFile(join(folder, 'invoice-cii.xml'), 'utf8')
    const ubl = await readFile(join(folder, 'invoice-ubl.xml'), 'utf8')
    const pdf = new Uint8Array(await readFile(join(folder, 'invoice.pdf')))
    expect(ciiSchemaErrors(cii)).toEqual([])
    expect([brokenRules(cii, 'cii'), brokenRules(ubl, 'ubl')]).toEqual([{}, {}])
    expect([...(await embeddedXml(pdf)).values()]).toEqual([cii])
    expect(await checkFacturXPdf(pdf)).toEqual({ xmpIdentification: [], facturXSchema: [], embeddedXml: [], outputIntent: [], fonts: [], infoMatchesXmp: [] })
    expect(await readFile(join(folder, 'invoice-ubl-cli.xml'), 'utf8')).toBe(ubl)
  }, 120_000)

  it("routes the example's link fault to the providers at both ends and measures its resolution", async () => {
    // The ticket the "Tickets" example reported on a link, resolved and closed
    const tickets = await (await fetch(`${api}/tickets`, { headers: { authorization: `Bearer ${customer}` } })).json() as Array<{ scope: string, state: string, services: string[], routes: Array<{ provider: string, services: string[] }>, sla: Array<{ provider: string, resolutionHours: number | null, resolutionBreached: boolean }> }>
    const ticket = tickets.find(x => x.scope === 'link' && x.state === 'closed')!
    expect(ticket.routes.map(r => r.services).flat().sort()).toEqual([...ticket.services].sort())
    expect(ticket.sla.map(s => s.provider).sort()).toEqual(ticket.routes.map(r => r.provider).sort())
    expect(ticket.sla.map(s => [typeof s.resolutionHours, s.resolutionBreached])).toEqual(ticket.sla.map(() => ['number', false]))
  })
})
