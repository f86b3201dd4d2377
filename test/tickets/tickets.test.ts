import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTicketHarness, t } from './harness.js'
import type { Answer, TicketHarness } from './harness.js'

const alpha = `${t}Alpha`
const beta = `${t}Beta`
const gamma = `${t}Gamma`
const pbx = `${t}AlphaPBX`
const crm = `${t}BetaCRM`
const archive = `${t}GammaArchive`

describe('fault desk: routing, notes, lifecycle, webhooks, tenancy', { timeout: 60_000 }, () => {
  let h: TicketHarness
  beforeAll(async () => { h = await openTicketHarness({ attachmentLimitBytes: 1024, autoCloseDays: 7 }) }, 120_000)
  afterAll(async () => { await h?.close() })

  const open = (body: Record<string, unknown>, token = 'symp_customer-a') => h.call('POST', '/tickets', token, { subscription: h.subscription, ...body })

  it('routes a member fault to the member\'s provider only', async () => {
    const answer = await open({ services: [crm], summary: 'contacts do not load', text: 'since this morning' })
    expect(answer.status).toBe(201)
    const ticket = answer.body
    expect([ticket.scope, ticket.state, ticket.services]).toEqual(['member', 'acknowledged', [crm]])
    expect(ticket.routes.map((r: Answer) => [r.provider, r.services, r.desk.kind])).toEqual([[beta, [crm], 'manual']])
    // Services by their names, not their IRIs (those are in `services`)
    expect(ticket.routes[0].why).toEqual({ en: 'provides Beta CRM, the member the fault is about', de: 'stellt Beta CRM bereit, das Mitglied, das die Störung betrifft' })
    expect(ticket.notes.map((n: Answer) => [n.id, n.text, n.by.role])).toEqual([['1', 'since this morning', 'customer']])
    expect(ticket.history.map((e: Answer) => [e.from, e.to, e.by.id])).toEqual([[null, 'acknowledged', 'https://w3id.org/symphony/customer/kanzlei-weber']])
    await h.engine.tickets.idle()
    expect(h.webhooks.filter(w => w.body.ticket.id === ticket.id)).toEqual([])
  })

  it('routes a link fault to both ends, explains why, and both providers see each other\'s notes', async () => {
    const answer = await open({ services: [pbx, crm], summary: 'calls are not journaled in the CRM' })
    expect(answer.status).toBe(201)
    const ticket = answer.body
    expect(ticket.scope).toBe('link')
    // Services and interface types by their labels in each language
    expect(ticket.routes.map((r: Answer) => [r.provider, r.services, r.why.en])).toEqual([
      [alpha, [pbx], 'provides Alpha PBX, whose Call event feed meets the requirement Call event feed of Beta CRM (link Alpha PBX → Beta CRM)'],
      [beta, [crm], 'provides Beta CRM, whose requirement Call event feed is met by Alpha PBX (link Alpha PBX → Beta CRM)']
    ])
    expect(ticket.routes[1].why.de).toBe('stellt Beta CRM bereit, dessen Anforderung Anrufereignis-Feed Alpha PBX erfüllt (Verbindung Alpha PBX → Beta CRM)')

    // Alpha takes tickets by webhook: one POST with its credential and an idempotency key.
    await h.engine.tickets.idle()
    const opened = h.webhooks.filter(w => w.body.ticket.id === ticket.id)
    expect(opened.map(w => [w.path, w.headers.authorization, w.headers['idempotency-key'], w.body.event])).toEqual([
      ['/alpha/tickets', 'Bearer alpha-secret', `${ticket.id}:opened:${alpha}`, 'ticket.opened']
    ])

    expect((await h.call('POST', `/tickets/${ticket.id}/notes`, 'symp_beta', { text: 'we receive no call events from the PBX' })).status).toBe(201)
    expect((await h.call('POST', `/tickets/${ticket.id}/notes`, 'symp_alpha', { text: 'feed restarted, please check' })).status).toBe(201)
    for (const token of ['symp_alpha', 'symp_beta', 'symp_customer-a']) {
      const seen = await h.call('GET', `/tickets/${ticket.id}`, token)
      expect(seen.body.notes.map((n: Answer) => [n.by.id, n.text])).toEqual([[beta, 'we receive no call events from the PBX'], [alpha, 'feed restarted, please check']])
    }
    // The customer's note goes to Alpha's endpoint too, with its own key.
    await h.call('POST', `/tickets/${ticket.id}/notes`, 'symp_customer-a', { text: 'still missing' })
    await h.engine.tickets.idle()
    expect(h.webhooks.filter(w => w.body.ticket.id === ticket.id).map(w => [w.headers['idempotency-key'], w.body.event, w.body.ticket.notes.length])).toEqual([
      [`${ticket.id}:opened:${alpha}`, 'ticket.opened', 0],
      [`${ticket.id}:note:3:${alpha}`, 'ticket.note', 3]
    ])
    const stored = (await h.call('GET', `/tickets/${ticket.id}`, 'symp_operator')).body
    expect(stored.routes[0].deliveries.map((d: Answer) => [d.event, d.ok, d.attempts])).toEqual([['ticket.opened', true, 1], ['ticket.note', true, 1]])
  })

  it('retries a webhook the endpoint does not take, with the same idempotency key', async () => {
    h.failNext(1)
    const ticket = (await open({ services: [pbx], summary: 'no dial tone' })).body
    await h.engine.tickets.idle()
    const calls = h.webhooks.filter(w => w.body.ticket.id === ticket.id)
    expect(calls.map(w => [w.status, w.headers['idempotency-key']])).toEqual([[503, `${ticket.id}:opened:${alpha}`], [200, `${ticket.id}:opened:${alpha}`]])
    const stored = (await h.call('GET', `/tickets/${ticket.id}`, 'symp_customer-a')).body
    expect(stored.routes[0].deliveries.map((d: Answer) => [d.ok, d.attempts])).toEqual([[true, 2]])
  })

  it('says why a delivery was given up and why each state changed in the language asked for', async () => {
    // The harness's desk policy allows 3 attempts: every one of them is refused with 503.
    h.failNext(3)
    const ticket = (await open({ services: [pbx], summary: 'no dial tone' })).body
    await h.engine.tickets.idle()
    await h.call('POST', `/tickets/${ticket.id}/state`, 'symp_alpha', { state: 'inProgress' })
    const shown = async (lang: string) => (await h.call('GET', `/tickets/${ticket.id}?lang=${lang}`, 'symp_customer-a')).body
    const german = await shown('de')
    expect(german.routes[0].deliveries.map((d: Answer) => [d.ok, d.attempts])).toEqual([[false, 3]])
    expect(german.routes[0].deliveries[0].reason).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\S+ antwortete 503.* \(nach 3 Versuchen aufgegeben\)$/)
    expect(german.history.map((e: Answer) => e.why)).toEqual(['gemeldet: no dial tone', 'provider hat sie nach inProgress bewegt'])
    const english = await shown('en')
    expect(english.routes[0].deliveries[0].reason).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\S+ answered 503.* \(gave up after 3 attempts\)$/)
    expect(english.history.map((e: Answer) => e.why)).toEqual(['reported: no dial tone', 'provider moved it to inProgress'])
  })

  it('refuses a link that is not a link of the bundle, and services that are not members', async () => {
    const answer = await open({ services: [pbx, archive], summary: 'archive does not get recordings' })
    expect(answer.status).toBe(422)
    expect(answer.type).toContain('application/problem+json')
    expect(answer.body.detail).toBe(`${pbx} and ${archive} are not linked in the bundle of subscription ${h.subscription} (neither meets a requirement of the other); its links are ${pbx} → ${crm}`)
    expect(answer.body).toMatchObject({ code: 'FAULT_NOT_ROUTABLE', title: 'Fault cannot be routed to a provider', reason: 'NOT_A_LINK' })
    const stranger = await open({ services: [`${t}Nobody`], summary: 'x' })
    expect(stranger.status).toBe(422)
    expect(stranger.body).toMatchObject({ code: 'FAULT_NOT_ROUTABLE', reason: 'NOT_A_MEMBER' })
    const german = await h.call('POST', '/tickets?lang=de', 'symp_customer-a', { subscription: h.subscription, services: [pbx, archive], summary: 'x' })
    expect(german.body).toMatchObject({ status: 422, title: 'Störung kann keinem Anbieter zugeordnet werden' })
    expect(stranger.body.detail).toContain(`${t}Nobody is not a current member of subscription ${h.subscription}`)
  })

  it('moves through the lifecycle; illegal steps are 409, steps of another role 403', async () => {
    const id = (await open({ services: [crm], summary: 'sync stuck' })).body.id
    const move = (state: string, token: string, why?: string) => h.call('POST', `/tickets/${id}/state`, token, { state, ...(why === undefined ? {} : { why }) })
    expect((await move('closed', 'symp_beta')).body.code).toBe('ILLEGAL_TRANSITION')
    expect((await move('closed', 'symp_beta')).status).toBe(409)
    expect((await move('inProgress', 'symp_customer-a')).status).toBe(403)
    expect((await move('inProgress', 'symp_beta')).status).toBe(200)
    expect((await move('resolved', 'symp_beta', 'sync job restarted')).status).toBe(200)
    expect((await move('inProgress', 'symp_customer-a', 'still stuck')).status).toBe(200)
    expect((await move('resolved', 'symp_beta')).status).toBe(200)
    const closed = await move('closed', 'symp_customer-a', 'works now')
    expect(closed.status).toBe(200)
    expect(closed.body.history.map((e: Answer) => [e.from, e.to, e.by.role, e.why])).toEqual([
      [null, 'acknowledged', 'customer', 'reported: sync stuck'],
      ['acknowledged', 'inProgress', 'provider', 'provider moved it to inProgress'],
      ['inProgress', 'resolved', 'provider', 'sync job restarted'],
      ['resolved', 'inProgress', 'customer', 'still stuck'],
      ['inProgress', 'resolved', 'provider', 'provider moved it to resolved'],
      ['resolved', 'closed', 'customer', 'works now']
    ])
    const late = await h.call('POST', `/tickets/${id}/notes`, 'symp_beta', { text: 'one more thing' })
    expect([late.status, late.body.code]).toEqual([409, 'ILLEGAL_TRANSITION'])
  })

  it('closes a resolved ticket by itself after the confirmation period of the moved clock', async () => {
    h.setNow('2026-12-02T10:00:00Z')
    const id = (await open({ services: [crm], summary: 'export fails' })).body.id
    await h.call('POST', `/tickets/${id}/state`, 'symp_beta', { state: 'resolved' })
    h.setNow('2026-12-09T09:59:59Z')
    expect((await h.engine.tickets.sweep()).map(x => x.id)).not.toContain(id)
    expect((await h.call('GET', `/tickets/${id}`, 'symp_customer-a')).body.state).toBe('resolved')
    h.setNow('2026-12-09T10:00:00Z')
    expect((await h.engine.tickets.sweep()).map(x => x.id)).toContain(id)
    const ticket = (await h.call('GET', `/tickets/${id}`, 'symp_customer-a')).body
    expect([ticket.state, ticket.closedAt, ticket.history.at(-1).by.role, ticket.history.at(-1).why])
      .toEqual(['closed', '2026-12-09T10:00:00.000Z', 'platform', 'closed automatically 7 days after it was resolved without confirmation or reopening'])
  })

  it('keeps attachments up to the limit and refuses larger ones with 413 naming the limit', async () => {
    const id = (await open({ services: [crm], summary: 'screenshot' })).body.id
    const small = Buffer.alloc(1024, 7).toString('base64')
    const kept = await h.call('POST', `/tickets/${id}/notes`, 'symp_customer-a', { text: 'see screenshot', attachments: [{ name: 'error.png', mediaType: 'image/png', content: small }] })
    expect(kept.status).toBe(201)
    expect(kept.body.notes[0].attachments).toEqual([{ name: 'error.png', mediaType: 'image/png', size: 1024, content: small }])
    const large = await h.call('POST', `/tickets/${id}/notes`, 'symp_customer-a', { text: 'bigger', attachments: [{ name: 'log.txt', content: Buffer.alloc(1025, 1).toString('base64') }] })
    expect(large.status).toBe(413)
    expect(large.type).toContain('application/problem+json')
    expect(large.body.detail).toBe('attachment "log.txt" is 1025 bytes; the limit is 1024 bytes per attachment: shrink it or attach a link to the file instead')
    expect((await h.call('GET', `/tickets/${id}`, 'symp_customer-a')).body.notes).toHaveLength(1)
  })

  it('shows each party only its own tickets', async () => {
    const link = (await open({ services: [pbx, crm], summary: 'tenancy' })).body.id
    expect((await h.call('GET', `/tickets/${link}`, 'symp_customer-b')).status).toBe(403)
    expect((await h.call('GET', `/tickets/${link}`, 'symp_gamma')).status).toBe(403)
    expect((await h.call('POST', `/tickets/${link}/notes`, 'symp_gamma', { text: 'not mine' })).status).toBe(403)
    expect((await h.call('POST', `/tickets/${link}/state`, 'symp_customer-b', { state: 'closed' })).status).toBe(403)
    expect((await h.call('GET', '/tickets', 'symp_customer-b')).body).toEqual([])
    expect((await h.call('GET', '/tickets', 'symp_gamma')).body).toEqual([])
    expect((await open({ summary: 'not my subscription' }, 'symp_customer-b')).status).toBe(403)
    expect((await open({ summary: 'providers do not report faults' }, 'symp_alpha')).status).toBe(403)
    expect((await h.call('GET', '/tickets')).status).toBe(401)
    const mine = (await h.call('GET', '/tickets', 'symp_alpha')).body as Answer[]
    expect(mine.every(x => x.routes.some((r: Answer) => r.provider === alpha))).toBe(true)
    expect(mine.map(x => x.id)).toContain(link)
    const all = (await h.call('GET', '/tickets', 'symp_operator')).body as Answer[]
    expect(all.length).toBe((await h.call('GET', '/tickets', 'symp_customer-a')).body.length)
    // A subscription fault goes to every provider of the bundle.
    const whole = (await open({ summary: 'everything is slow' })).body
    expect(whole.routes.map((r: Answer) => r.provider)).toEqual([alpha, beta, gamma])
    expect((await h.call('GET', `/tickets/${whole.id}`, 'symp_gamma')).status).toBe(200)
  })
})
