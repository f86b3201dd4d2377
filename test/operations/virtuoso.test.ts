/**
 * Orders, subscriptions and events on the remote store (the stock Virtuoso the tests start): the
 * same booking as on the embedded store, kept by the endpoint across engines, and never visible
 * through the public SPARQL endpoint or to another customer.
 */
import { describe, expect, inject, it } from 'vitest'
import { openEngine } from '../../src/engine.js'
import { graphs } from '../../src/project.js'
import { openHarness, settled, t } from './harness.js'
import type { OrderItem, Subscription } from '../../src/operations/index.js'

const virtuoso = inject('virtuoso')

describe.runIf(!('missing' in virtuoso))('orders on Virtuoso', () => {
  it('books a bundle through the providers, keeps it in the endpoint, and shows it to its customer only', async () => {
    if ('missing' in virtuoso) return
    const endpoint = { queryUrl: virtuoso.queryUrl, graphStoreUrl: virtuoso.graphStoreUrl }
    const h = await openHarness({ engine: () => openEngine({ endpoint }) })
    let id: string
    try {
      const placed = await h.call('POST', '/orders', 'symp_customer-a', { request: h.request, services: ['AlphaPBX', 'BetaCRM', 'GammaArchive'].map(s => t + s), seats: 3 })
      expect([placed.status, placed.body.monthlyCents]).toEqual([201, 5100])
      id = placed.body.id
      const order = await settled(h, id)
      expect([order.state, order.items.map((i: OrderItem) => i.state)]).toEqual(['completed', ['completed', 'completed', 'completed']])
      expect((await h.call('GET', `/orders/${id}`, 'symp_customer-b')).status).toBe(403)
      expect((await h.call('GET', '/subscriptions', 'symp_customer-b')).body).toEqual([])
      const events = (await h.call('GET', '/events', 'symp_customer-a')).body as Array<{ type: string }>
      expect(events.map(e => e.type)).toContain('subscription.changed')

      // The public endpoint answers over the catalog alone: no operations graph, no order node.
      const query = `SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${graphs.operations}")) } GROUP BY ?g`
      const answer = await h.app.inject({ url: `/sparql?query=${encodeURIComponent(query)}`, headers: { accept: 'application/sparql-results+json' } })
      expect([answer.statusCode, answer.json().results.bindings]).toEqual([200, []])
      const mention = await h.app.inject({ url: `/sparql?query=${encodeURIComponent(`ASK { ?s ?p "${id}" }`)}`, headers: { accept: 'application/sparql-results+json' } })
      expect(mention.json().boolean).toBe(false)
    } finally {
      await h.close()
    }

    // A new engine on the same endpoint reads the order and its subscription back.
    const again = await openEngine({ endpoint })
    try {
      await again.openOperations({ callbackBase: 'http://127.0.0.1:9', env: {} })
      const order = await again.operations.order(id)
      expect([order?.state, order?.customer]).toEqual(['completed', 'https://w3id.org/symphony/customer/kanzlei-weber'])
      const subscription = (await again.operations.subscriptions()).find((s: Subscription) => s.id === id)
      expect([subscription?.state, subscription?.seats, subscription?.monthlyCents]).toEqual(['active', 3, 5100])
    } finally {
      await again.close()
    }
  }, 240_000)
})
