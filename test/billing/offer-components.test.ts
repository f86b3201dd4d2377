import { describe, expect, it } from 'vitest'
import { offerComponents } from '../../src/billing/index.js'
import { compileCatalog } from '../../src/catalog/index.js'
import { SymphonyError } from '../../src/errors.js'
import { turtle } from '../catalog/turtle.js'

const catalog = compileCatalog(turtle(`
  ex:PerSeatYearly a sym:PriceComponent ; sym:countedBy sym:Seats ; sym:billingPeriod sym:Yearly .
  ex:PBX a sym:Service ; schema:offers <https://example.org/offer/pbx> , <https://example.org/offer/odd> , <https://example.org/offer/yearly> .
  <https://example.org/offer/pbx> schema:priceCurrency "EUR" ; schema:priceSpecification _:a , _:b , _:c , _:d .
  _:a sym:priceComponent sym:BaseMonthly ; schema:price 19.00 .
  _:b sym:priceComponent sym:PerUserMonthly ; schema:price 4.90 .
  _:c sym:priceComponent sym:PerConcurrentUserMonthly ; schema:price 12.5 .
  _:d sym:priceComponent sym:SetupFee ; schema:price 99 .
  <https://example.org/offer/odd> schema:priceCurrency "EUR" ; schema:priceSpecification [ sym:priceComponent ex:Mystery ; schema:price 1 ] .
  <https://example.org/offer/yearly> schema:priceCurrency "EUR" ; schema:priceSpecification [ sym:priceComponent ex:PerSeatYearly ; schema:price 100 ] .`))
const offer = (id: string) => catalog.services.get('https://example.org/acme#PBX')!.offers.find(o => o.id === id)!

describe('offerComponents', () => {
  it('maps each price component to what the vocabulary says it is counted by and how often', () => {
    expect(offerComponents(offer('https://example.org/offer/pbx')).map(c => [c.id, c.countedBy, c.period, c.unitPrice]).sort()).toEqual([
      ['https://example.org/offer/pbx#BaseMonthly', 'flat', 'month', '19.00'],
      ['https://example.org/offer/pbx#PerConcurrentUserMonthly', 'concurrentSeats', 'month', '12.5'],
      ['https://example.org/offer/pbx#PerUserMonthly', 'seats', 'month', '4.90'],
      ['https://example.org/offer/pbx#SetupFee', 'flat', 'once', '99']
    ])
  })

  it('refuses components the vocabulary does not declare, and periods billing does not handle', () => {
    for (const id of ['https://example.org/offer/odd', 'https://example.org/offer/yearly']) {
      expect(() => offerComponents(offer(id))).toThrow(SymphonyError)
      try { offerComponents(offer(id)) } catch (error) { expect((error as SymphonyError).code).toBe('UNKNOWN_PRICE_COMPONENT') }
    }
  })
})
