import { describe, expect, it } from 'vitest'
import { offerComponents } from '../../src/billing/index.js'
import { openEngine } from '../../src/engine.js'

const sym = 'https://w3id.org/symphony/ontology#'

describe('offerComponents', () => {
  it('bills each component of an example offer as the vocabulary declares it', async () => {
    const engine = await openEngine({ seedExamples: true })
    try {
      const catalog = await engine.catalog()
      const service = 'https://example.org/telvana#CloudPBX'
      const offer = catalog.services.get(service)!.offers[0]!.id
      const { components, unbillable } = offerComponents(catalog, service, offer)
      expect(components.map(c => [c.component, c.countedBy, c.period, Number(c.unitPrice), c.currency]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
        [`${sym}BaseMonthly`, 'flat', 'month', 19, 'EUR'],
        [`${sym}PerUserMonthly`, 'seats', 'month', 6.5, 'EUR'],
        [`${sym}SetupFee`, 'flat', 'once', 99, 'EUR']
      ])
      expect(unbillable).toEqual([])
    } finally {
      await engine.close()
    }
  }, 120_000)
})
