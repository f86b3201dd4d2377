import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTicketHarness, t } from './harness.js'
import type { Answer, TicketHarness } from './harness.js'

const alpha = `${t}Alpha`
const beta = `${t}Beta`
const always = 'https://w3id.org/symphony/ontology#AlwaysOn'
const business = 'https://w3id.org/symphony/ontology#BusinessHours'

// Alpha promises 24x7 support (response 1 h, resolution 8 h); Beta business hours (4 h, 16 h).
describe('SLA: response and resolution against the offers\' promises, with a moved clock', { timeout: 60_000 }, () => {
  let h: TicketHarness
  let link: string
  beforeAll(async () => { h = await openTicketHarness() }, 120_000)
  afterAll(async () => { await h?.close() })

  const sla = async (id: string): Promise<Answer[]> => (await h.call('GET', `/tickets/${id}`, 'symp_customer-a')).body.sla

  it('states the due times of each provider on the ticket', async () => {
    h.setNow('2026-12-04T16:00:00Z') // Friday 17:00 in Berlin
    link = (await h.call('POST', '/tickets', 'symp_customer-a', { subscription: h.subscription, services: [`${t}AlphaPBX`, `${t}BetaCRM`], summary: 'calls are not journaled in the CRM' })).body.id
    h.setNow('2026-12-04T16:30:00Z')
    expect(await sla(link)).toEqual([
      { provider: alpha, supportHours: always, responseDue: '2026-12-04T17:00:00.000Z', resolutionDue: '2026-12-05T00:00:00.000Z', responseBreached: false, resolutionBreached: false, responseHours: null, resolutionHours: null },
      // One business hour on Friday, the rest from Monday 08:00 Berlin.
      { provider: beta, supportHours: business, responseDue: '2026-12-07T10:00:00.000Z', resolutionDue: '2026-12-08T12:00:00.000Z', responseBreached: false, resolutionBreached: false, responseHours: null, resolutionHours: null }
    ])
  })

  it('marks the breaches: the provider that did not answer in time, and not the one that did', async () => {
    h.setNow('2026-12-07T09:30:00Z')
    expect((await h.call('POST', `/tickets/${link}/notes`, 'symp_beta', { text: 'looking into it' })).status).toBe(201)
    expect((await sla(link)).map(s => [s.provider, s.responseBreached, s.resolutionBreached])).toEqual([[alpha, true, true], [beta, false, false]])
    // Beta's response took Friday 17–18 and Monday 08–10:30 Berlin; Alpha has not acted, nothing is resolved.
    expect((await sla(link)).map(s => [s.provider, s.responseHours, s.resolutionHours])).toEqual([[alpha, null, null], [beta, 3.5, null]])
    h.setNow('2026-12-08T11:00:00Z')
    expect((await h.call('POST', `/tickets/${link}/state`, 'symp_alpha', { state: 'resolved', why: 'feed reconnected' })).status).toBe(200)
    // Resolved at 11:00Z: within Beta's 16 business hours (due 12:00Z), far past Alpha's 8 hours.
    h.setNow('2026-12-09T11:00:00Z')
    expect((await sla(link)).map(s => [s.provider, s.responseBreached, s.resolutionBreached])).toEqual([[alpha, true, true], [beta, false, false]])
    // Measured in each provider's support hours: Alpha's first action was the resolution, 91 hours around the clock after the report; Beta's 15 business hours.
    expect((await sla(link)).map(s => [s.provider, s.responseHours, s.resolutionHours])).toEqual([[alpha, 91, 91], [beta, 3.5, 15]])
  })

  it('counts per provider in the report: the operator sees all, a provider its own', async () => {
    h.setNow('2026-12-08T11:00:00Z') // Tuesday 12:00 Berlin: Beta's response is due at 16:00 Berlin
    const member = (await h.call('POST', '/tickets', 'symp_customer-a', { subscription: h.subscription, services: [`${t}BetaCRM`], summary: 'contacts missing' })).body.id
    h.setNow('2026-12-08T15:00:01Z')
    expect((await sla(member)).map(s => [s.responseDue, s.resolutionDue, s.responseBreached, s.resolutionBreached]))
      .toEqual([['2026-12-08T15:00:00.000Z', '2026-12-09T17:00:00.000Z', true, false]])
    const all = await h.call('GET', '/reports/sla?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z', 'symp_operator')
    expect(all.status).toBe(200)
    expect(all.body).toEqual({
      from: '2026-12-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
      at: '2026-12-08T15:00:01.000Z',
      providers: [
        { provider: alpha, tickets: 1, responded: 1, responseBreached: 1, resolved: 1, resolutionBreached: 1 },
        { provider: beta, tickets: 2, responded: 1, responseBreached: 1, resolved: 1, resolutionBreached: 0 }
      ],
      names: { [alpha]: 'Alpha', [beta]: 'Beta' }
    })
    const own = await h.call('GET', '/reports/sla?from=2026-12-05T00:00:00Z&to=2027-01-01T00:00:00Z', 'symp_beta')
    expect(own.body.providers).toEqual([{ provider: beta, tickets: 1, responded: 0, responseBreached: 1, resolved: 0, resolutionBreached: 0 }])
    expect(own.body.names).toEqual({ [beta]: 'Beta' })
    expect((await h.call('GET', '/reports/sla?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z', 'symp_customer-a')).status).toBe(403)
    expect((await h.call('GET', '/reports/sla?from=2027-01-01T00:00:00Z&to=2026-12-01T00:00:00Z', 'symp_operator')).status).toBe(400)
  })
})
