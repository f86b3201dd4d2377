/**
 * A ticket endpoint on a private address is not called when the operator allows only the
 * sandbox: the delivery is recorded as refused, with the reason, and the endpoint receives
 * nothing; orders to the allowed sandbox go through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTicketHarness, t } from './harness.js'
import type { Answer, TicketHarness } from './harness.js'

describe('fault desk: ticket endpoints on private addresses', { timeout: 60_000 }, () => {
  let h: TicketHarness
  beforeAll(async () => { h = await openTicketHarness({ privateProviders: 'sandbox' }) }, 120_000)
  afterAll(async () => { await h?.close() })

  it('records the refusal on the route, in both languages, and sends nothing', async () => {
    const answer = await h.call('POST', '/tickets', 'symp_customer-a', { subscription: h.subscription, services: [`${t}AlphaPBX`], summary: 'no dial tone', text: 'since 8:00' })
    expect(answer.status).toBe(201)
    await h.engine.tickets.idle()
    expect(h.webhooks).toEqual([])
    const routeIn = async (lang: string) => (await h.call('GET', `/tickets/${answer.body.id as string}?lang=${lang}`, 'symp_operator')).body.routes[0]
    const route = await routeIn('en')
    const endpoint = route.desk.endpoint as string
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/alpha\/tickets$/)
    expect(route.deliveries.map((d: Answer) => [d.event, d.ok, d.attempts])).toEqual([['ticket.opened', false, 0]])
    expect(route.deliveries[0].reason).toBe(`${endpoint} was not called: 127.0.0.1 is a loopback address, to which this server sends no provider requests; the provider publishes an endpoint on a public address, or the operator allows private provider addresses (serve --allow-private-providers)`)
    expect((await routeIn('de')).deliveries[0].reason).toBe(`${endpoint} wurde nicht aufgerufen: 127.0.0.1 ist eine Loopback-Adresse, an die dieser Server keine Anfragen an Anbieter sendet; der Anbieter veröffentlicht einen Endpunkt unter einer öffentlichen Adresse, oder der Betreiber erlaubt private Anbieteradressen (serve --allow-private-providers)`)
  })
})
