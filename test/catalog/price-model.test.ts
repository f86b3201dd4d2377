import { describe, expect, it } from 'vitest'
import { compileCatalog, minorDigits, offerPriceModels, priceModel, toMinorUnits } from '../../src/catalog/index.js'
import { ex, sym, turtle } from './turtle.js'

// A component declared in Turtle only (yearly, per seat), a built-in one, and an undeclared one.
const catalog = compileCatalog(turtle(`
  ex:PerSeatYearly a sym:PriceComponent ; rdfs:label "Yearly fee per seat"@en , "Jährliche Gebühr pro Arbeitsplatz"@de ;
    sym:countedBy sym:Seats ; sym:billingPeriod sym:Yearly .
  ex:S a sym:Service ; schema:offers _:o2 , _:o1 .
  _:o1 schema:priceCurrency "EUR" ; sym:minimumTermMonths 24 ; schema:priceSpecification _:a , _:b .
  _:a sym:priceComponent sym:BaseMonthly ; schema:price 19.5 .
  _:b sym:priceComponent ex:PerSeatYearly ; schema:price 120.00 .
  _:o2 schema:priceCurrency "JPY" ; schema:priceSpecification _:c , _:d .
  _:c sym:priceComponent sym:SetupFee ; schema:price 1000 .
  _:d sym:priceComponent ex:Mystery ; schema:price 0.5 .
  ex:T a sym:Service .`))

describe('price model', () => {
  it('lists every offer with its components as the vocabulary declares them', () => {
    expect(offerPriceModels(catalog, ex + 'S')).toEqual([
      {
        service: ex + 'S',
        offer: ex + 'S-offer-eur',
        currency: 'EUR',
        minimumTermMonths: 24,
        components: [
          { component: sym + 'BaseMonthly', label: { en: 'Monthly base fee', de: 'Monatliche Grundgebühr' }, amount: '19.5', minorUnits: 1950, currency: 'EUR', countedBy: 'flat', period: sym + 'Monthly', periodMonths: 1, declared: true },
          { component: ex + 'PerSeatYearly', label: { en: 'Yearly fee per seat', de: 'Jährliche Gebühr pro Arbeitsplatz' }, amount: '120.00', minorUnits: 12000, currency: 'EUR', countedBy: 'seats', period: sym + 'Yearly', periodMonths: 12, declared: true }
        ],
        unknownComponents: []
      },
      {
        service: ex + 'S',
        offer: ex + 'S-offer-jpy',
        currency: 'JPY',
        components: [
          { component: sym + 'SetupFee', label: { en: 'Setup fee', de: 'Einrichtungsgebühr' }, amount: '1000', minorUnits: 1000, currency: 'JPY', countedBy: 'flat', period: sym + 'OneTime', periodMonths: null, declared: true },
          { component: ex + 'Mystery', label: {}, amount: '0.5', minorUnits: null, currency: 'JPY', countedBy: null, period: null, periodMonths: null, declared: false }
        ],
        unknownComponents: [ex + 'Mystery']
      }
    ])
  })

  it('covers the whole catalog, services without offers contribute nothing', () => {
    expect(priceModel(catalog).map(o => o.offer)).toEqual([ex + 'S-offer-eur', ex + 'S-offer-jpy'])
    expect(offerPriceModels(catalog, ex + 'T')).toEqual([])
    expect(offerPriceModels(catalog, ex + 'Nobody')).toEqual([])
  })

  it('converts decimal strings to minor units exactly', () => {
    expect(minorDigits('EUR')).toBe(2)
    expect(minorDigits('JPY')).toBe(0)
    expect(minorDigits('KWD')).toBe(3)
    expect(toMinorUnits('6.50', 2)).toBe(650)
    expect(toMinorUnits('6.5', 2)).toBe(650)
    expect(toMinorUnits('6.500', 2)).toBe(650)
    expect(toMinorUnits('6.505', 2)).toBe(null)
    expect(toMinorUnits('-1.2', 3)).toBe(-1200)
    expect(toMinorUnits('.25', 2)).toBe(25)
    expect(toMinorUnits('abc', 2)).toBe(null)
  })
})
