import { fileURLToPath } from 'node:url'
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

  it('does not bill a price that is no non-negative number, and names it', async () => {
    const catalogFile = fileURLToPath(new URL('../fixtures/composer/price-unreadable/catalog.ttl', import.meta.url))
    const engine = await openEngine({ dataFiles: [catalogFile] })
    try {
      const catalog = await engine.catalog()
      const ex = 'https://example.org/composer#'
      expect(offerComponents(catalog, `${ex}CommaCRM`, `${ex}CommaCRM-offer-komma`)).toEqual({ components: [], unbillable: [`${sym}BaseMonthly`] })
      expect(offerComponents(catalog, `${ex}MinusCRM`, `${ex}MinusCRM-offer-minus`)).toEqual({ components: [], unbillable: [`${sym}BaseMonthly`] })
      expect(offerComponents(catalog, `${ex}CommaCRM`, `${ex}CommaCRM-offer-punkt`).components.map(c => c.unitPrice)).toEqual(['25.00'])
    } finally {
      await engine.close()
    }
  }, 120_000)
})
