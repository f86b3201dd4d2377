import { describe, expect, it } from 'vitest'
import { offerComponents } from '../../src/billing/index.js'

describe('offerComponents', () => {
  it('maps each catalog price component to what it is counted by and how often', () => {
    const offer = {
      id: 'https://example.org/offer/pbx',
      currency: 'EUR',
      prices: [
        { component: 'BaseMonthly', price: 19, currency: 'EUR' },
        { component: 'PerUserMonthly', price: 4.9, currency: 'EUR' },
        { component: 'PerConcurrentUserMonthly', price: 12.5, currency: 'EUR' },
        { component: 'SetupFee', price: 99, currency: 'EUR' }
      ]
    } as const
    expect(offerComponents(offer).map(c => [c.id, c.countedBy, c.period, c.unitPrice])).toEqual([
      ['https://example.org/offer/pbx#BaseMonthly', 'flat', 'month', '19'],
      ['https://example.org/offer/pbx#PerUserMonthly', 'seats', 'month', '4.9'],
      ['https://example.org/offer/pbx#PerConcurrentUserMonthly', 'concurrentSeats', 'month', '12.5'],
      ['https://example.org/offer/pbx#SetupFee', 'flat', 'once', '99']
    ])
  })
})
