import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerA, openHarness, settled, t } from './harness.js'
import type { Harness } from './harness.js'
import type { OperationsEvent, Order, Subscription } from '../../src/operations/index.js'

const sym = 'https://w3id.org/symphony/ontology#'

/** A gate: `opened` settles once `open()` was called. */
function gate (): { open: () => void, opened: Promise<void> } {
  let open!: () => void
  const opened = new Promise<void>(resolve => { open = resolve })
  return { open, opened }
}

describe('subscriptions: seats, members, cancellation, events', () => {
  let h: Harness
  let id: string
  beforeAll(async () => {
    h = await openHarness()
    const request = { serviceTypes: [`${sym}VirtualPBX`, `${sym}ArchivingService`], seats: 3, limit: 10 }
    const placed = await h.call('POST', '/orders', 'symp_customer-a', { request, services: [`${t}AlphaPBX`, `${t}GammaArchive`], seats: 3 })
    id = placed.body.id
    expect((await settled(h, id)).state).toBe('completed')
  })
  afterAll(async () => { await h.close() })

  /** Stores, as the customer of `token`, the archive's configuration for adding it beside the PBX and the CRM. */
  async function storeArchiveConfiguration (token: string): Promise<{ status: number, body: { configuration: string, triples: number } }> {
    const stored = await h.call('POST', '/configurations', token, {
      bundle: { services: [`${t}AlphaPBX`, `${t}BetaCRM`, `${t}DeltaArchive`], existing: [`${t}AlphaPBX`, `${t}BetaCRM`] },
      values: { services: { DeltaArchive: { retentionRule: [{ documentClass: `${sym}BusinessLetter`, retentionPeriod: 'P6Y' }], storageLocation: 'DE' } } }
    })
    expect(stored.status, JSON.stringify(stored.body)).toBe(201)
    return stored
  }

  it('changes the seats: re-priced, sent to every provider, kept in the seat history', async () => {
    const change = await h.call('POST', `/subscriptions/${id}/seats`, 'symp_customer-a', { seats: 5 })
    expect(change.status).toBe(201)
    expect(change.body.kind).toBe('changeSeats')
    expect(change.body.items.map((i: { action: string }) => i.action)).toEqual(['modify', 'modify'])
    expect((await settled(h, change.body.id)).state).toBe('completed')
    const subscription = (await h.call('GET', `/subscriptions/${id}`, 'symp_customer-a')).body as Subscription
    // (5.00 + 2.00) × 5 seats
    expect([subscription.seats, subscription.monthlyCents]).toEqual([5, 3500])
    expect(subscription.seatChanges.map(c => [c.seats, c.concurrentSeats, c.monthlyCents, c.order])).toEqual([[3, 3, 2100, id], [5, 5, 3500, change.body.id]])
    const modify = h.sandbox.log().filter(e => e.action === 'modify')
    expect(modify.map(e => (e.body as { seats: number, reference?: string }).seats)).toEqual([5, 5])
    expect(modify.every(e => typeof (e.body as { reference?: string }).reference === 'string')).toBe(true)
  })

  it('adds a member re-checked by the composer with the updated request', async () => {
    const request = { serviceTypes: [`${sym}VirtualPBX`, `${sym}CRM`, `${sym}ArchivingService`], limit: 10 }
    const refused = await h.call('POST', `/subscriptions/${id}/members`, 'symp_customer-a', { services: [`${t}AlphaPBX`, `${t}BetaCRM`, `${t}GammaArchive`] })
    expect(refused.status).toBe(422)
    const change = await h.call('POST', `/subscriptions/${id}/members`, 'symp_customer-a', { request, services: [`${t}AlphaPBX`, `${t}BetaCRM`, `${t}GammaArchive`] })
    expect(change.status).toBe(201)
    expect(change.body.items.map((i: { provider: string, action: string }) => [i.provider, i.action])).toEqual([[`${t}Beta`, 'order']])
    expect((await settled(h, change.body.id)).state).toBe('completed')
    const subscription = (await h.call('GET', `/subscriptions/${id}`, 'symp_customer-a')).body as Subscription
    expect(subscription.members.map(m => m.service)).toEqual([`${t}AlphaPBX`, `${t}GammaArchive`, `${t}BetaCRM`])
    expect(subscription.monthlyCents).toBe(6500)
  })

  it('a refused member change leaves the members as they were and takes its stored configuration with it', async () => {
    const request = { serviceTypes: [`${sym}VirtualPBX`, `${sym}CRM`, `${sym}ArchivingService`], limit: 10 }
    const services = [`${t}AlphaPBX`, `${t}BetaCRM`, `${t}DeltaArchive`]
    const inForce = (s: Subscription) => s.members.filter(m => m.removedAt === undefined).map(m => m.service)
    const before = inForce((await h.call('GET', `/subscriptions/${id}`, 'symp_customer-a')).body as Subscription)
    const stored = await storeArchiveConfiguration('symp_customer-a')
    const configuration = stored.body.configuration as string
    // The values' triples plus the owner and the time it was stored.
    expect(await h.engine.store.graph(configuration)).toHaveLength(stored.body.triples + 2)
    const change = await h.call('POST', `/subscriptions/${id}/members`, 'symp_customer-a', { request, services, configurations: [configuration] })
    expect(change.status).toBe(201)
    const order = await settled(h, change.body.id)
    expect(order.state).toBe('failed')
    expect(order.reason).toMatch(/: item \d+: Delta reported: “the sandbox provider has no capacity left in this region”$/)
    const subscription = (await h.call('GET', `/subscriptions/${id}`, 'symp_customer-a')).body as Subscription
    expect(inForce(subscription)).toEqual(before)
    expect(subscription.configurations).not.toContain(configuration)
    expect(await h.engine.store.graph(configuration)).toEqual([])
    expect((await h.call('GET', '/configurations', 'symp_customer-a')).body.configurations.map((c: { id: string }) => c.id)).not.toContain(configuration)
    expect((await h.call('GET', `/configurations/${encodeURIComponent(configuration)}`, 'symp_customer-a')).status).toBe(404)
  })

  it('a configuration stored for a change the API refuses outright is deleted by its owner only', async () => {
    const stored = await storeArchiveConfiguration('symp_customer-a')
    const path = `/configurations/${encodeURIComponent(stored.body.configuration as string)}`
    // Without a CRM the composer does not answer the subscription's request: refused, no order.
    const refused = await h.call('POST', `/subscriptions/${id}/members`, 'symp_customer-a', { services: [`${t}AlphaPBX`, `${t}DeltaArchive`], configurations: [stored.body.configuration] })
    expect(refused.status).toBe(422)
    expect((await h.call('DELETE', path, 'symp_customer-b')).status).toBe(403)
    expect(await h.engine.store.graph(stored.body.configuration as string)).toHaveLength(stored.body.triples + 2)
    expect((await h.call('DELETE', path, 'symp_customer-a')).status).toBe(204)
    expect(await h.engine.store.graph(stored.body.configuration as string)).toEqual([])
    expect((await h.call('GET', path, 'symp_customer-a')).status).toBe(404)
    expect((await h.call('GET', '/configurations', 'symp_customer-a')).body.configurations.map((c: { id: string }) => c.id)).not.toContain(stored.body.configuration)
    expect((await h.call('DELETE', path, 'symp_customer-a')).status).toBe(404)
  })

  it('a configuration an order names is not deleted: a delete that arrives while the booking stores its order waits and is refused', async () => {
    const request = { serviceTypes: [`${sym}VirtualPBX`, `${sym}CRM`, `${sym}ArchivingService`], limit: 10 }
    const services = [`${t}AlphaPBX`, `${t}BetaCRM`, `${t}DeltaArchive`]
    const stored = await storeArchiveConfiguration('symp_customer-a')
    const configuration = stored.body.configuration as string
    // The booking checks the configuration and writes its order under the configurations' lock:
    // its write is held until the delete has arrived and waits for that lock.
    const operations = h.engine.operations
    const records = operations.records
    const write = records.write.bind(records)
    const deleteConfiguration = operations.deleteConfiguration.bind(operations)
    const writing = gate()
    const release = gate()
    const deleteArrived = gate()
    records.write = async change => {
      if (change.orders?.some(order => order.kind === 'book' && order.configurations.includes(configuration)) === true) {
        writing.open()
        await release.opened
      }
      await write(change)
    }
    operations.deleteConfiguration = async (id, remove) => {
      deleteArrived.open()
      await deleteConfiguration(id, remove)
    }
    try {
      const booking = h.call('POST', '/orders', 'symp_customer-a', { request, services, configurations: [configuration] })
      await writing.opened
      const deleting = h.call('DELETE', `/configurations/${encodeURIComponent(configuration)}`, 'symp_customer-a')
      await deleteArrived.opened
      release.open()
      const [booked, deleted] = await Promise.all([booking, deleting])
      // The delete ran after the booking had stored its order: the order names the configuration, so it stays.
      expect([booked.status, deleted.status, deleted.body.code]).toEqual([201, 409, 'CONFLICT'])
      expect(booked.body.configurations).toEqual([configuration])
      expect(await h.engine.store.graph(configuration)).toHaveLength(stored.body.triples + 2)
      await settled(h, booked.body.id)
    } finally {
      records.write = write
      operations.deleteConfiguration = deleteConfiguration
    }
  })

  it('a configuration another customer stored is neither booked nor sent with a change: 403, and it stays its owner\'s', async () => {
    const request = { serviceTypes: [`${sym}VirtualPBX`, `${sym}CRM`, `${sym}ArchivingService`], limit: 10 }
    const services = [`${t}AlphaPBX`, `${t}BetaCRM`, `${t}DeltaArchive`]
    const stored = await storeArchiveConfiguration('symp_customer-b')
    const configuration = stored.body.configuration as string
    const ordersBefore = (await h.call('GET', '/orders', 'symp_operator')).body.length
    const change = await h.call('POST', `/subscriptions/${id}/members`, 'symp_customer-a', { request, services, configurations: [configuration] }, { 'accept-language': 'de' })
    expect([change.status, change.body.code]).toEqual([403, 'FORBIDDEN'])
    expect(change.body.messages).toEqual({
      en: `configuration ${configuration} belongs to another account; an order carries only configurations its customer (${customerA.id}) stored`,
      de: `die Konfiguration ${configuration} gehört zu einem anderen Konto; ein Auftrag nimmt nur Konfigurationen mit, die sein Kunde (${customerA.id}) gespeichert hat`
    })
    expect(change.body.detail).toBe(change.body.messages.de)
    const booking = await h.call('POST', '/orders', 'symp_customer-a', { request, services, configurations: [configuration] })
    expect([booking.status, booking.body.code]).toEqual([403, 'FORBIDDEN'])
    // The operator acting for the customer may not hand it another customer's configuration either.
    const forCustomer = await h.call('POST', `/subscriptions/${id}/members`, 'symp_operator', { request, services, configurations: [configuration] })
    expect([forCustomer.status, forCustomer.body.code]).toEqual([403, 'FORBIDDEN'])
    expect((await h.call('GET', '/orders', 'symp_operator')).body).toHaveLength(ordersBefore)
    expect(h.sandbox.log().some(entry => JSON.stringify(entry.body).includes(configuration))).toBe(false)
    // No order names it: its owner still reads it and may delete it.
    expect(await h.engine.store.graph(configuration)).toHaveLength(stored.body.triples + 2)
    expect((await h.call('DELETE', `/configurations/${encodeURIComponent(configuration)}`, 'symp_customer-b')).status).toBe(204)
  })

  it('another customer can neither see nor change it', async () => {
    expect((await h.call('GET', `/subscriptions/${id}`, 'symp_customer-b')).status).toBe(403)
    expect((await h.call('POST', `/subscriptions/${id}/seats`, 'symp_customer-b', { seats: 9 })).status).toBe(403)
    expect((await h.call('GET', '/subscriptions', 'symp_customer-b')).body).toEqual([])
  })

  it('a provider reads only its own members\' prices and references, of the subscription and of its orders', async () => {
    const full = (await h.call('GET', `/subscriptions/${id}`, 'symp_customer-a')).body as Subscription
    const beta = `${t}Beta`
    const others = full.members.filter(m => m.provider !== beta)
    expect(others.map(m => m.service)).toEqual([`${t}AlphaPBX`, `${t}GammaArchive`])
    const foreignReferences = others.flatMap(m => m.reference === undefined ? [] : [m.reference])
    expect(foreignReferences).toHaveLength(2)
    const own = full.members.filter(m => m.provider === beta)
    const ownCents = own.reduce((sum, m) => sum + (m.removedAt === undefined ? m.monthlyCents ?? 0 : 0), 0)
    expect(ownCents).toBeLessThan(full.monthlyCents)
    for (const asBeta of [(await h.call('GET', `/subscriptions/${id}`, 'symp_beta')).body, ...(await h.call('GET', '/subscriptions', 'symp_beta')).body]) {
      // Every member is named (what the bundle is made of concerns every party on a fault), but
      // another provider's member shows no price, offer or reference.
      expect(asBeta.members).toEqual(full.members.map(m => m.provider === beta
        ? m
        : { service: m.service, provider: m.provider, addedAt: m.addedAt, ...(m.removedAt === undefined ? {} : { removedAt: m.removedAt }) }))
      expect(asBeta.monthlyCents).toBe(ownCents)
      expect(asBeta.seatChanges).toEqual(full.seatChanges.map(({ monthlyCents: _total, ...change }) => change))
      const text = JSON.stringify(asBeta)
      for (const reference of foreignReferences) expect(text).not.toContain(reference)
    }
    // The same for the orders: a provider's view of an order gives its own items' total.
    for (const order of (await h.call('GET', '/orders', 'symp_beta')).body as Order[]) {
      expect(order.items.every(item => item.provider === beta)).toBe(true)
      expect(order.monthlyCents).toBe(order.items.flatMap(item => item.lines).reduce((sum, line) => sum + (line.monthlyCents ?? 0), 0))
    }
  })

  it('a new version of a member notifies the customer through the event feed', async () => {
    const affected = await h.engine.operations.serviceChanged({ type: 'service.newVersion', services: [`${t}GammaArchive`], version: 2, provider: `${t}Gamma` })
    expect(affected.map(s => s.id)).toEqual([id])
    const events = (await h.call('GET', '/events', 'symp_customer-a')).body as OperationsEvent[]
    expect(events.filter(e => e.type === 'service.newVersion').map(e => e.data.subscription)).toEqual([id])
    const newVersion = (list: OperationsEvent[]): string[] => list.filter(e => e.type === 'service.newVersion').map(e => e.message)
    // Named by their labels (the German text falls back to the English label the fixture states)
    expect(newVersion(events)).toEqual([`Gamma published version 2 of Gamma Archive, part of your subscription ${id}`])
    // The same event in German for ?lang=de and Accept-Language, English and German side by side in messages
    const german = `Gamma hat Version 2 von Gamma Archive veröffentlicht, Teil Ihres Abonnements ${id}`
    const byQuery = (await h.call('GET', '/events?lang=de', 'symp_customer-a')).body as OperationsEvent[]
    expect(newVersion(byQuery)).toEqual([german])
    expect(byQuery.filter(e => e.type === 'service.newVersion').map(e => e.messages)).toEqual([{ en: newVersion(events)[0], de: german }])
    expect(byQuery.filter(e => e.type === 'order.state').map(e => e.message)).toContain(`Bestellung ${byQuery.find(e => e.type === 'order.state')!.data.order} bestätigt`)
    // Every event names providers and services, states and kinds in words, never by IRI or code
    expect(byQuery.flatMap(e => [e.messages!.en, e.messages!.de]).filter(m => m.includes('://') || /\binProgress\b/.test(m))).toEqual([])
    expect(byQuery.filter(e => e.type === 'item.state' && e.data.provider === `${t}Gamma`).map(e => e.message)).toContain(`Gamma: Position ${byQuery.find(e => e.type === 'item.state' && e.data.provider === `${t}Gamma`)!.data.item} der Bestellung ${byQuery.find(e => e.type === 'item.state' && e.data.provider === `${t}Gamma`)!.data.order} ist jetzt abgeschlossen`)
    expect((await h.call('GET', '/events', 'symp_customer-b')).body).toEqual([])
  })

  it('lists the events after a time given with any offset, and refuses a time it cannot read', async () => {
    const events = (await h.call('GET', '/events', 'symp_customer-a')).body as OperationsEvent[]
    const last = events.at(-1)!
    const before = new Date(Date.parse(last.at) - 1)
    // The same instant written in UTC+01:00: compared as a time, not as text
    const plusOne = new Date(before.getTime() + 3_600_000).toISOString().replace('Z', '+01:00')
    const after = (since: string): Promise<OperationsEvent[]> => h.call('GET', `/events?since=${encodeURIComponent(since)}`, 'symp_customer-a').then(r => r.body as OperationsEvent[])
    const expected = events.filter(e => e.at > before.toISOString()).map(e => e.id)
    expect((await after(before.toISOString())).map(e => e.id)).toEqual(expected)
    expect((await after(plusOne)).map(e => e.id)).toEqual(expected)
    const unreadable = await h.call('GET', '/events?since=yesterday', 'symp_customer-a')
    expect([unreadable.status, (unreadable.body as { code: string, field: string }).code, (unreadable.body as { field: string }).field]).toEqual([400, 'INVALID_REQUEST', '/querystring/since'])
  })

  it('cancels: one cancellation item per provider, members kept with their end for billing', async () => {
    const change = await h.call('POST', `/subscriptions/${id}/cancel`, 'symp_customer-a', {})
    expect(change.status).toBe(201)
    expect(change.body.items.map((i: { action: string }) => i.action)).toEqual(['cancel', 'cancel', 'cancel'])
    expect((await settled(h, change.body.id)).state).toBe('completed')
    const subscription = (await h.call('GET', `/subscriptions/${id}`, 'symp_customer-a')).body as Subscription
    expect(subscription.state).toBe('cancelled')
    expect(subscription.cancelledAt).toBeDefined()
    expect(subscription.members.every(m => m.removedAt === subscription.cancelledAt)).toBe(true)
    expect(subscription.seatChanges.at(-1)).toMatchObject({ seats: 0, monthlyCents: 0, order: change.body.id })
    expect(subscription.history.map(e => e.to)).toEqual(['active', 'cancelling', 'cancelled'])
    expect((await h.call('POST', `/subscriptions/${id}/seats`, 'symp_customer-a', { seats: 2 })).body.code).toBe('ILLEGAL_TRANSITION')
  })
})
