/**
 * `symphony order` and `symphony subscriptions` against a running server with real provider
 * adapters (the operations harness): book and follow an order, read it back, change seats,
 * cancel, read the event feed — and another customer's order refused.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerA, openHarness, settled, t } from '../operations/harness.js'
import type { Harness } from '../operations/harness.js'
import { runCli, temporaryFolder } from './run-cli.js'

describe('symphony order / subscriptions on a running server', () => {
  let h: Harness
  let folder: { path: string, remove: () => Promise<void> }
  let requestFile: string
  const as = (token: string): string[] => ['--api', h.url, '--token', token]
  let orderId: string
  let subscriptionId: string

  beforeAll(async () => {
    h = await openHarness()
    folder = await temporaryFolder()
    requestFile = join(folder.path, 'request.json')
    await writeFile(requestFile, JSON.stringify(h.request))
  })
  afterAll(async () => {
    await h.close()
    await folder.remove()
  })

  it('books a bundle and follows the order until it completes', async () => {
    const services = ['AlphaPBX', 'BetaCRM', 'GammaArchive'].flatMap(s => ['--service', t + s])
    const run = await runCli(['order', 'book', '--request', requestFile, ...services, '--seats', '3', '--wait', ...as('symp_customer-a')])
    expect(run.code, run.stderr).toBe(0)
    const order = JSON.parse(run.stdout)
    expect([order.state, order.kind, order.seats]).toEqual(['completed', 'book', 3])
    expect(order.items.map((item: { state: string }) => item.state)).toEqual(['completed', 'completed', 'completed'])
    expect(run.stderr).toContain(`order ${order.id} placed: 3 item(s), one per provider`)
    orderId = order.id
  }, 60_000)

  it('shows and lists the order, as text too', async () => {
    const status = await runCli(['order', 'status', orderId, ...as('symp_customer-a')])
    expect([status.code, JSON.parse(status.stdout).id]).toEqual([0, orderId])
    const list = await runCli(['order', 'list', ...as('symp_customer-a')])
    expect(JSON.parse(list.stdout).map((o: { id: string }) => o.id)).toEqual([orderId])
    const text = await runCli(['order', 'status', orderId, '--format', 'text', ...as('symp_customer-a')])
    expect(text.stdout).toContain(orderId)
    // Following an order says each item's state, in German with --lang de
    const items = JSON.parse(status.stdout).items as Array<{ id: string, provider: string }>
    const followed = await runCli(['order', 'status', orderId, '--wait', '--lang', 'de', ...as('symp_customer-a')])
    const providerNames: Record<string, string> = { [`${t}Alpha`]: 'Alpha', [`${t}Beta`]: 'Beta', [`${t}Gamma`]: 'Gamma' }
    expect(followed.stderr).toBe(items.map(item => `  Position ${item.id} (${providerNames[item.provider]}): abgeschlossen\n`).join(''))
    // The listing in German: providers and services by label, kinds, actions and states, times as
    // German writes them; JSON as the API gives it in German.
    const german = await runCli(['order', 'list', '--format', 'text', '--lang', 'de', ...as('symp_customer-a')])
    // (The provider's reference of the item stands in brackets.)
    expect(german.stdout.split('\n').slice(0, 4).map(line => line.replace(/ \[alpha-[\w-]+\]$/, ' [ref]'))).toEqual([
      `Bestellung ${orderId} (Buchung): abgeschlossen`,
      '  3 Plätze, 51,00\u00a0€ im Monat',
      '  Position 1 bestellen → Alpha: abgeschlossen [ref]',
      '      Alpha PBX  15,00\u00a0€'
    ])
    // Its history says why each state changed, in German: the item's after its lines, then the order's.
    const orderHistory = (text: string) => text.slice(text.search(/^ {2}(?:Verlauf|history):$/m))
    const atless = (line: string) => line.replace(/\d\d\.\d\d\.\d{4}, \d\d:\d\d|\d{1,2} \w{3} \d{4}, \d\d:\d\d/, '<at>')
    expect(orderHistory(german.stdout).split('\n').slice(0, 4).map(atless)).toEqual([
      '  Verlauf:',
      `    <at>  bestätigt  (Kunde ${customerA.id}): gebucht`,
      '    <at>  bestätigt → in Arbeit  (Plattform): ein Anbieter hat seine Position aufgenommen',
      '    <at>  in Arbeit → abgeschlossen  (Plattform): jede Position abgeschlossen'
    ])
    expect(german.stdout.split('\n').slice(4, 6).map(atless)).toEqual(['    Verlauf:', `      <at>  neu  (Kunde ${customerA.id}): Alpha PBX bestellen`])
    expect(orderHistory(text.stdout).split('\n').slice(0, 4).map(atless)).toEqual([
      '  history:',
      `    <at>  acknowledged  (customer ${customerA.id}): booked`,
      '    <at>  acknowledged → inProgress  (platform): a provider took up its item',
      '    <at>  inProgress → completed  (platform): every item completed'
    ])
    const germanJson = await runCli(['order', 'list', '--lang', 'de', ...as('symp_customer-a')])
    expect(JSON.parse(germanJson.stdout)).toEqual((await h.call('GET', '/orders', 'symp_customer-a', undefined, { 'accept-language': 'de' })).body)
    const english = await runCli(['order', 'status', orderId, '--wait', ...as('symp_customer-a')])
    expect(english.stderr).toBe(items.map(item => `  item ${item.id} (${providerNames[item.provider]}): completed\n`).join(''))
  })

  it('says why an order failed in the CLI\'s language, the provider\'s own words quoted as it wrote them', async () => {
    const placed = await h.call('POST', '/orders', 'symp_customer-b', { request: h.request, services: ['AlphaPBX', 'BetaCRM', 'DeltaArchive'].map(s => t + s), seats: 3 })
    const failed = await settled(h, placed.body.id, 'symp_customer-b')
    expect(failed.state).toBe('failed')
    const words = 'the sandbox provider has no capacity left in this region'
    const german = await runCli(['order', 'status', failed.id, '--format', 'text', '--lang', 'de', ...as('symp_customer-b')])
    expect(german.code).toBe(1)
    expect(german.stdout).toContain(`Bestellung ${failed.id} (Buchung): fehlgeschlagen — gescheitert, jede andere Position storniert: Position 3: Delta meldete: „${words}“\n`)
    expect(german.stdout).toMatch(new RegExp(`→ Delta: fehlgeschlagen \\[delta-[\\w-]+\\] — Delta meldete: „${words}“\n`))
    const english = await runCli(['order', 'status', failed.id, '--format', 'text', ...as('symp_customer-b')])
    expect(english.stdout).toMatch(new RegExp(`→ Delta: failed \\[delta-[\\w-]+\\] — Delta reported: “${words}”\n`))
  }, 60_000)

  it('refuses another customer\'s order with the API\'s reason', async () => {
    const foreign = await runCli(['order', 'status', orderId, ...as('symp_customer-b')])
    expect(foreign.code).toBe(2)
    expect(foreign.stderr).toBe(`symphony: GET /orders/${orderId}: 403 order ${orderId} belongs to another account; a customer account sees only its own\n`)
  })

  it('changes the seats of the subscription and cancels it, reading the events', async () => {
    const list = await runCli(['subscriptions', 'list', ...as('symp_customer-a')])
    const subscriptions = JSON.parse(list.stdout) as Array<{ id: string, state: string, seats: number }>
    expect(subscriptions.map(s => [s.state, s.seats])).toEqual([['active', 3]])
    subscriptionId = subscriptions[0]!.id

    const seats = await runCli(['subscriptions', 'seats', subscriptionId, '5', '--wait', ...as('symp_customer-a')])
    expect(seats.code, seats.stderr).toBe(0)
    expect([JSON.parse(seats.stdout).kind, JSON.parse(seats.stdout).state]).toEqual(['changeSeats', 'completed'])
    const shown = await runCli(['subscriptions', 'show', subscriptionId, ...as('symp_customer-a')])
    expect(JSON.parse(shown.stdout).seats).toBe(5)
    // As text: members and providers by label, the start in German date form (this machine's zone)
    const shownText = await runCli(['subscriptions', 'show', subscriptionId, '--format', 'text', '--lang', 'de', ...as('symp_customer-a')])
    const started = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(JSON.parse(shown.stdout).startedAt))
    expect(shownText.stdout.split('\n').slice(0, 4)).toEqual([
      `Abonnement ${subscriptionId}: aktiv, 5 Plätze, 65,00\u00a0€ im Monat, seit ${started}`,
      '  Alpha PBX (Alpha)', '  Beta CRM (Beta)', '  Gamma Archive (Gamma)'
    ])

    const cancel = await runCli(['subscriptions', 'cancel', subscriptionId, '--wait', ...as('symp_customer-a')])
    expect([cancel.code, JSON.parse(cancel.stdout).state]).toEqual([0, 'completed'])
    const after = await runCli(['subscriptions', 'show', subscriptionId, ...as('symp_customer-a')])
    expect(JSON.parse(after.stdout).state).toBe('cancelled')

    const events = await runCli(['subscriptions', 'events', ...as('symp_customer-a')])
    const types = new Set((JSON.parse(events.stdout) as Array<{ type: string }>).map(e => e.type))
    expect([...types].sort()).toEqual(['item.state', 'order.state', 'subscription.changed'])
    // As text, in German with --lang de
    const changed = (stdout: string): string[] => stdout.split('\n').filter(line => line.includes('  subscription.changed  ')).map(line => line.slice(line.indexOf('subscription.changed')))
    const german = await runCli(['subscriptions', 'events', '--format', 'text', '--lang', 'de', ...as('symp_customer-a')])
    expect(changed(german.stdout)).toContain(`subscription.changed  Abonnement ${subscriptionId} ist aktiv`)
    const english = await runCli(['subscriptions', 'events', '--format', 'text', ...as('symp_customer-a')])
    expect(changed(english.stdout)).toContain(`subscription.changed  subscription ${subscriptionId} is active`)
    // --since takes a date (midnight UTC) or a time with its zone; the feed is what the API answers for that time
    const all = JSON.parse(events.stdout) as Array<{ id: string, at: string }>
    const day = all[0]!.at.slice(0, 10)
    const fromDay = await runCli(['subscriptions', 'events', '--since', day, ...as('symp_customer-a')])
    expect((JSON.parse(fromDay.stdout) as Array<{ id: string }>).map(e => e.id)).toEqual(all.map(e => e.id))
    // Just before the last event, written in UTC+01:00: only the events from then on
    const before = new Date(Date.parse(all.at(-1)!.at) - 1)
    const plusOne = new Date(before.getTime() + 3_600_000).toISOString().replace('Z', '+01:00')
    const recent = await runCli(['subscriptions', 'events', '--since', plusOne, ...as('symp_customer-a')])
    const expected = all.filter(e => e.at > before.toISOString()).map(e => e.id)
    expect([expected.length > 0, (JSON.parse(recent.stdout) as Array<{ id: string }>).map(e => e.id)]).toEqual([true, expected])
    const unreadable = await runCli(['subscriptions', 'events', '--since', 'yesterday', ...as('symp_customer-a')])
    expect([unreadable.code, unreadable.stderr.trim()]).toEqual([2, 'symphony: --since yesterday is not a date (2026-12-01) or UTC time (2026-12-01T00:00:00Z)'])
  }, 90_000)

  it('sets, shows and removes the webhook: the secret is printed once, private addresses refused', async () => {
    const refused = await runCli(['subscriptions', 'webhook', 'set', 'http://127.0.0.1:9/hook', ...as('symp_customer-a')])
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/400 url: 127\.0\.0\.1 is a local or private address.*--allow-private-webhooks/)

    const set = await runCli(['subscriptions', 'webhook', 'set', 'https://hooks.example.org/weber', '--format', 'text', ...as('symp_customer-a')])
    expect(set.code, set.stderr).toBe(0)
    const secret = /^secret +(\S+)$/m.exec(set.stdout)?.[1]
    expect(Buffer.from(secret ?? '', 'base64url')).toHaveLength(32)
    expect(set.stdout).toMatch(/^url +https:\/\/hooks\.example\.org\/weber$/m)
    expect(set.stderr).toContain('it is shown only now')

    const shown = await runCli(['subscriptions', 'webhook', 'show', ...as('symp_customer-a')])
    expect(JSON.parse(shown.stdout)).toEqual({ url: 'https://hooks.example.org/weber', createdAt: expect.any(String) })
    const text = await runCli(['subscriptions', 'webhook', 'show', '--format', 'text', ...as('symp_customer-a')])
    expect(text.stdout).toMatch(/^last delivery +nothing delivered yet$/m)
    expect(shown.stdout + text.stdout).not.toContain(secret)

    const removed = await runCli(['subscriptions', 'webhook', 'remove', ...as('symp_customer-a')])
    expect(removed.code, removed.stderr).toBe(0)
    const gone = await runCli(['subscriptions', 'webhook', 'show', ...as('symp_customer-a')])
    expect(gone.code).not.toBe(0)
    expect(gone.stderr).toMatch(/404 .*kanzlei-weber has no webhook; set one with PUT \/me\/webhook .* \(symphony subscriptions webhook set <url>\)/)
    const usage = await runCli(['subscriptions', 'webhook', 'set', ...as('symp_customer-a')])
    expect(usage.stderr).toMatch(/usage: symphony subscriptions webhook set <https URL>/)
  }, 60_000)

  it('stops following after --wait-limit when a provider confirms by hand, and says how to go on', async () => {
    const services = ['AlphaPBX', 'ZetaCRM', 'GammaArchive'].flatMap(s => ['--service', t + s])
    const run = await runCli(['order', 'book', '--request', requestFile, ...services, '--seats', '3', '--wait', '--wait-limit', '1', ...as('symp_customer-a')])
    const order = JSON.parse(run.stdout)
    expect(run.code).toBe(1)
    expect(['acknowledged', 'inProgress']).toContain(order.state)
    const manual = order.items.find((item: { provider: string }) => item.provider === `${t}Zeta`)
    expect(run.stderr).toContain(`order ${order.id} is still ${order.state} after 1 s, waiting for ${manual.id} (Zeta): ${manual.state}`)
    expect(run.stderr).toContain(`follow it with \`symphony order status ${order.id} --wait\``)
    const bad = await runCli(['order', 'status', order.id, '--wait', '--wait-limit', 'soon', ...as('symp_customer-a')])
    expect([bad.code, bad.stderr]).toEqual([2, 'symphony: --wait-limit soon is not a number of seconds above 0\n'])
  }, 60_000)
})
