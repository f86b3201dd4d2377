import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHarness, settled, t } from './harness.js'
import type { Harness } from './harness.js'
import type { HistoryEntry, Order, OrderItem, Subscription } from '../../src/operations/index.js'

describe('orders through real HTTP adapters', () => {
  let h: Harness
  // Epsilon answers after 3 s: a 1 s timeout makes it fail, the others answer well within it.
  beforeEach(async () => { h = await openHarness({ operations: { policy: { timeoutMs: 1000, attempts: 2, backoffMs: 20 } } }) })
  afterEach(async () => { await h.close() })

  const book = (services: string[], token = 'symp_customer-a') =>
    h.call('POST', '/orders', token, { request: h.request, services: services.map(s => t + s), seats: 3 })

  it('books a bundle: one item per provider, each completed, then a subscription', async () => {
    const catalog = await h.engine.catalog()
    const placed = await book(['AlphaPBX', 'BetaCRM', 'GammaArchive'])
    expect(placed.status).toBe(201)
    expect(placed.body.state).toBe('acknowledged')
    expect(placed.body.items.map((i: OrderItem) => [i.provider, i.action, i.state])).toEqual([
      [`${t}Alpha`, 'order', 'new'], [`${t}Beta`, 'order', 'new'], [`${t}Gamma`, 'order', 'new']
    ])
    // Services and providers by their labels, for clients that show names rather than IRIs
    expect(placed.body.names).toEqual({
      [`${t}AlphaPBX`]: 'Alpha PBX', [`${t}BetaCRM`]: 'Beta CRM', [`${t}GammaArchive`]: 'Gamma Archive',
      [`${t}Alpha`]: 'Alpha', [`${t}Beta`]: 'Beta', [`${t}Gamma`]: 'Gamma'
    })
    // 5.00 × 3 + 30.00 + 2.00 × 3 = 51.00 EUR a month
    expect(placed.body.monthlyCents).toBe(5100)
    const order = await settled(h, placed.body.id)
    expect(order.state).toBe('completed')
    expect(order.items.map((i: OrderItem) => i.state)).toEqual(['completed', 'completed', 'completed'])
    expect(order.history.map((e: HistoryEntry) => e.to)).toEqual(['acknowledged', 'inProgress', 'completed'])
    // Beta reported by callback; Gamma's state was polled, or, when a slow machine made the
    // adapter send again after Gamma had finished, its answer to that retry said completed.
    expect(order.items[1]!.history.at(-1)).toMatchObject({ to: 'completed', by: { role: 'provider', id: `${t}Beta` }, why: 'provider reported completed' })
    expect(order.items[2]!.history.at(-1)).toMatchObject({ to: 'completed', by: { role: 'provider', id: `${t}Gamma` }, why: expect.stringMatching(/^(?:status|answered) completed$/) })
    // Each provider got exactly one order, with the payload its description maps.
    const log = h.sandbox.log()
    expect(log.map(e => e.provider).sort()).toEqual(['alpha', 'beta', 'gamma'])
    const alpha = log.find(e => e.provider === 'alpha')!.body as { lines: unknown, idempotencyKey: string }
    expect(alpha.lines).toEqual([{ product: `${t}AlphaPBX`, users: 3, price: 15 }])
    expect(alpha.idempotencyKey).toBe(`${order.id}-1`)
    // The unnamed offers are booked by their stable names, which the catalog knows and a provider without a payload query is sent.
    const offers = Object.fromEntries(order.items.flatMap((i: OrderItem) => i.lines).map(line => [line.service, line.offer]))
    expect(offers).toEqual({ [`${t}AlphaPBX`]: `${t}AlphaPBX-offer-eur`, [`${t}BetaCRM`]: `${t}BetaCRM-offer-eur`, [`${t}GammaArchive`]: `${t}GammaArchive-offer-eur` })
    for (const [service, offer] of Object.entries(offers)) expect(catalog.services.get(service)!.offers.map(o => o.id)).toContain(offer)
    expect((log.find(e => e.provider === 'beta')!.body as { lines: unknown }).lines).toEqual([{ service: `${t}BetaCRM`, offer: `${t}BetaCRM-offer-eur`, monthlyPrice: 30 }])
    const subscriptions = await h.call('GET', '/subscriptions', 'symp_customer-a')
    expect(subscriptions.body.map((s: Subscription) => [s.id, s.state, s.seats, s.monthlyCents])).toEqual([[order.id, 'active', 3, 5100]])
    expect(subscriptions.body[0].names).toEqual(placed.body.names)
    // Orders, events and subscriptions are private graphs: the catalog was not compiled again.
    expect(await h.engine.catalog()).toBe(catalog)
  })

  it('a provider that refuses: the items already done are cancelled and the order fails with the reason', async () => {
    const placed = await book(['AlphaPBX', 'BetaCRM', 'DeltaArchive'])
    const order = await settled(h, placed.body.id)
    expect(order.state).toBe('failed')
    expect(order.reason).toBe(`failed, every other item cancelled: item 3: Delta reported: “the sandbox provider has no capacity left in this region”`)
    const states = Object.fromEntries(order.items.map((i: OrderItem) => [i.provider.split('#')[1], i.state]))
    expect(states).toEqual({ Alpha: 'cancelled', Beta: 'cancelled', Delta: 'failed' })
    const undo = h.sandbox.log().filter(e => e.action === 'cancel').map(e => [e.provider, e.idempotencyKey]).sort()
    expect(undo).toEqual([['alpha', `${order.id}-1:undo`], ['beta', `${order.id}-2:undo`]])
    expect((await h.call('GET', '/subscriptions', 'symp_customer-a')).body).toEqual([])
  })

  it('says why an order failed in the language asked for: a refusal in the provider\'s own words, a timeout in German words', async () => {
    const german = { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' }
    const refused = await settled(h, (await book(['AlphaPBX', 'BetaCRM', 'DeltaArchive'])).body.id)
    const inGerman = (await h.call('GET', `/orders/${refused.id}`, 'symp_customer-a', undefined, german)).body as Order
    const words = 'the sandbox provider has no capacity left in this region'
    expect(inGerman.items.find(i => i.provider === `${t}Delta`)!.reason).toBe(`Delta meldete: „${words}“`)
    expect(inGerman.reason).toBe(`gescheitert, jede andere Position storniert: Position 3: Delta meldete: „${words}“`)
    expect(refused.items.find(i => i.provider === `${t}Delta`)!.reason).toBe(`Delta reported: “${words}”`)
    // The event of the failure says it in both languages.
    const events = (await h.call('GET', '/events?lang=de', 'symp_customer-a')).body as Array<{ type: string, data: { order?: string, state?: string }, message: string }>
    expect(events.find(e => e.type === 'order.state' && e.data.order === refused.id && e.data.state === 'failed')!.message)
      .toBe(`Bestellung ${refused.id} ist jetzt fehlgeschlagen: gescheitert, jede andere Position storniert: Position 3: Delta meldete: „${words}“`)

    const late = await settled(h, (await book(['AlphaPBX', 'BetaCRM', 'EpsilonArchive'])).body.id)
    const lateInGerman = (await h.call('GET', `/orders/${late.id}`, 'symp_customer-a', undefined, german)).body as Order
    const epsilon = lateInGerman.items.find(i => i.provider === `${t}Epsilon`)!
    expect(epsilon.reason).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\S+ hat nicht innerhalb von 1000 ms geantwortet \(nach 2 Versuchen aufgegeben\)$/)
    expect(late.items.find(i => i.provider === `${t}Epsilon`)!.reason).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\S+ did not answer within 1000 ms \(gave up after 2 attempts\)$/)
  })

  it('shows a reason stored as plain text by an earlier version as it is, beside reasons in both languages', async () => {
    const placed = await settled(h, (await book(['AlphaPBX', 'BetaCRM', 'DeltaArchive'])).body.id)
    const stored = await h.engine.operations.order(placed.id)
    const old = 'failed, every other item cancelled: Delta: no capacity'
    await h.engine.operations.records.write({ orders: [{ ...stored, reason: old }] })
    const words = 'the sandbox provider has no capacity left in this region'
    for (const [language, item] of [['de', `Delta meldete: „${words}“`], ['en', `Delta reported: “${words}”`]]) {
      const shown = (await h.call('GET', `/orders/${placed.id}?lang=${language}`, 'symp_customer-a')).body as Order
      expect([shown.reason, shown.items.find(i => i.state === 'failed')!.reason]).toEqual([old, item])
    }
  })

  it('says why every state changed in the language asked for; a history entry of an earlier version as it is', async () => {
    const placed = await settled(h, (await book(['AlphaPBX', 'BetaCRM', 'GammaArchive'])).body.id)
    const whys = (entries: readonly HistoryEntry[]) => entries.map(e => e.why)
    // Beta's item: created, then (after what its endpoint answered) completed by its callback.
    const ends = (item: OrderItem) => [item.history.at(0)!.why, item.history.at(-1)!.why]
    const german = (await h.call('GET', `/orders/${placed.id}?lang=de`, 'symp_customer-a')).body as Order
    expect(whys(german.history)).toEqual(['gebucht', 'ein Anbieter hat seine Position aufgenommen', 'jede Position abgeschlossen'])
    expect(ends(german.items[1]!)).toEqual(['Beta CRM bestellen', 'Anbieter meldete abgeschlossen'])
    const english = (await h.call('GET', `/orders/${placed.id}`, 'symp_customer-a', undefined, { 'accept-language': 'en' })).body as Order
    expect(whys(english.history)).toEqual(['booked', 'a provider took up its item', 'every item completed'])
    expect(ends(english.items[1]!)).toEqual(['order Beta CRM', 'provider reported completed'])
    const subscription = (lang: string) => h.call('GET', `/subscriptions/${placed.id}?lang=${lang}`, 'symp_customer-a')
    expect(whys((await subscription('de')).body.history)).toEqual([`Bestellung ${placed.id} abgeschlossen`])
    expect(whys((await subscription('en')).body.history)).toEqual([`order ${placed.id} completed`])
    // The list answers in the language asked for as well.
    const listed = (await h.call('GET', '/subscriptions?lang=de', 'symp_customer-a')).body as Subscription[]
    expect(whys(listed[0]!.history)).toEqual([`Bestellung ${placed.id} abgeschlossen`])
    // A record written before reasons had languages holds plain strings: shown as they are in both.
    const stored = await h.engine.operations.order(placed.id)
    await h.engine.operations.records.write({ orders: [{ ...stored, history: stored.history.map(e => ({ ...e, why: typeof e.why === 'string' ? e.why : e.why.en })) }] })
    for (const lang of ['de', 'en']) {
      expect(whys(((await h.call('GET', `/orders/${placed.id}?lang=${lang}`, 'symp_customer-a')).body as Order).history)).toEqual(['booked', 'a provider took up its item', 'every item completed'])
    }
  })

  it('a provider that does not answer in time fails its item after the bounded retries', async () => {
    const placed = await book(['AlphaPBX', 'BetaCRM', 'EpsilonArchive'])
    const order = await settled(h, placed.body.id)
    expect(order.state).toBe('failed')
    const epsilon = order.items.find((i: OrderItem) => i.provider === `${t}Epsilon`)!
    expect(epsilon.state).toBe('failed')
    expect(epsilon.reason).toMatch(/did not answer within 1000 ms \(gave up after 2 attempts\)/)
    expect(epsilon.attempts).toBe(2)
  })

  it('duplicate callbacks change nothing; a step back is refused', async () => {
    const placed = await book(['AlphaPBX', 'BetaCRM', 'GammaArchive'])
    const order = await settled(h, placed.body.id)
    const again = await h.call('POST', `/orders/${order.id}/items/2/status`, 'symp_beta', { status: 'completed' })
    expect(again.status).toBe(200)
    expect(again.body.items[0].history).toEqual(order.items[1]!.history)
    const back = await h.call('POST', `/orders/${order.id}/items/2/status`, 'symp_beta', { status: 'inProgress' })
    expect(back.status).toBe(409)
    expect(back.body.code).toBe('ILLEGAL_TRANSITION')
  })

  it('tenancy: another customer gets 403, a provider may not report on an item not its own', async () => {
    const placed = await book(['AlphaPBX', 'BetaCRM', 'GammaArchive'])
    expect((await h.call('GET', `/orders/${placed.body.id}`, 'symp_customer-b')).status).toBe(403)
    expect((await h.call('GET', '/orders', 'symp_customer-b')).body).toEqual([])
    expect((await h.call('GET', `/orders/${placed.body.id}`)).status).toBe(401)
    const foreign = await h.call('POST', `/orders/${placed.body.id}/items/1/status`, 'symp_beta', { status: 'failed' })
    expect(foreign.status).toBe(403)
    // A provider sees only its own items.
    const asBeta = await h.call('GET', `/orders/${placed.body.id}`, 'symp_beta')
    expect(asBeta.body.items.map((i: OrderItem) => i.provider)).toEqual([`${t}Beta`])
    expect((await h.call('GET', `/orders/${placed.body.id}`, 'symp_operator')).status).toBe(200)
    await settled(h, placed.body.id)
  })

  it('a manual provider confirms its item through the API', async () => {
    const placed = await book(['AlphaPBX', 'ZetaCRM', 'GammaArchive'])
    const id = placed.body.id
    const items = await h.call('GET', '/orders', 'symp_zeta')
    expect(items.body.map((o: Order) => [o.id, o.items.length])).toEqual([[id, 1]])
    const zetaItem = items.body[0].items[0].id
    expect((await h.call('POST', `/orders/${id}/items/${zetaItem}/status`, 'symp_zeta', { status: 'inProgress' })).status).toBe(200)
    expect((await h.call('POST', `/orders/${id}/items/${zetaItem}/status`, 'symp_zeta', { status: 'completed', reference: 'Z-1' })).status).toBe(200)
    const order = await settled(h, id)
    expect(order.state).toBe('completed')
  })

  it('refuses a bundle the composer does not answer for the request', async () => {
    const wrong = await book(['AlphaPBX', 'BetaCRM'])
    expect(wrong.status).toBe(422)
    expect(wrong.body.code).toBe('NOT_CONFORMING')
  })
})
