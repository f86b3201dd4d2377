/**
 * Usage reports are kept per member: the same id from the same member replaces its report, the
 * same id from another member of the subscription is a report of its own, and a report kept by
 * subscription and id alone (as data directories written before hold them) is replaced by its
 * member's next report with that id, in the same write.
 */
import { describe, expect, it } from 'vitest'
import { BillingDesk } from '../../src/billing/desk.js'
import { writeJsonGraph } from '../../src/billing/json-graph.js'
import type { UsageRecord } from '../../src/billing/types.js'
import { graphs } from '../../src/project.js'
import { MemoryStore } from '../../src/store/memory-store.js'

const subscription = 'urn:uuid:6f1c2b1e-5d0a-4c55-9a43-0a4f1b2c3d4e'
const pbx = 'https://example.org/telvana#CloudPBX'
const fax = 'https://example.org/faxwerk#Fax'

function desk (store: MemoryStore): BillingDesk {
  return new BillingDesk({ store, catalog: async () => { throw new Error('not needed') }, subscriptions: async () => [], now: () => new Date('2026-12-15T12:00:00Z') })
}

function record (service: string, quantity: string): UsageRecord {
  return { id: 'r-1', subscription, service, component: `${service}#minutes`, quantity, at: '2026-12-10T09:00:00Z' }
}

describe('usage records', () => {
  it('keeps the same id of two members apart and replaces a member\'s own', async () => {
    const store = new MemoryStore()
    const billing = desk(store)
    await billing.reportUsage(record(pbx, '10'))
    await billing.reportUsage(record(fax, '3'))
    await billing.reportUsage(record(pbx, '12'))
    const usage = await billing.usage('2026-12')
    expect(usage.map(u => [u.service, u.quantity]).sort()).toEqual([[fax, '3'], [pbx, '12']])
  })

  it('replaces a report kept by subscription and id alone with its member\'s next one, and leaves another member\'s', async () => {
    const store = new MemoryStore()
    const earlier = `${graphs.operations}billing/usage/${encodeURIComponent(subscription)}/r-1`
    await writeJsonGraph(store, earlier, subscription, record(pbx, '10'))
    const billing = desk(store)
    await billing.reportUsage(record(fax, '3'))
    expect((await billing.usage('2026-12')).map(u => [u.service, u.quantity]).sort()).toEqual([[fax, '3'], [pbx, '10']])
    await billing.reportUsage(record(pbx, '12'))
    expect((await billing.usage('2026-12')).map(u => [u.service, u.quantity]).sort()).toEqual([[fax, '3'], [pbx, '12']])
    expect((await store.graphs()).map(g => g.graph)).not.toContain(earlier)
  })
})
