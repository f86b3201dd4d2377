/** A booked subscription as billing input: what cannot be billed is named, never dropped silently. */
import { describe, expect, it } from 'vitest'
import { toSubscriptionInput, issueIn, type BookedSubscription } from '../../src/billing/index.js'
import { compileCatalog } from '../../src/catalog/index.js'
import { ex, sym, turtle } from '../catalog/turtle.js'

const catalog = compileCatalog(turtle(`
  ex:P a schema:Organization ; schema:name "P" .
  ex:Pbx a sym:Service ; schema:provider ex:P ; schema:offers _:o1 .
  _:o1 a schema:Offer ; schema:priceCurrency "EUR" ; schema:priceSpecification _:base , _:odd .
  _:base sym:priceComponent sym:BaseMonthly ; schema:price 19.00 .
  _:odd sym:priceComponent ex:Whatever ; schema:price 1 .
  ex:Odd a sym:Service ; schema:provider ex:P ; schema:offers _:o2 .
  _:o2 a schema:Offer ; schema:priceCurrency "EUR" ; schema:priceSpecification _:odd2 .
  _:odd2 sym:priceComponent ex:Whatever ; schema:price 2 .`))

const at = '2026-12-01T09:00:00Z'
const member = (service: string, offer: string | null): BookedSubscription['members'][number] => ({ service, provider: ex + 'P', offer, addedAt: at })

describe('toSubscriptionInput', () => {
  it('bills what it understands and warns about members and components it leaves off', () => {
    const offerOf = (service: string): string => catalog.services.get(service)!.offers[0]!.id
    const booked: BookedSubscription = {
      iri: 'urn:s1',
      customer: 'urn:c',
      startedAt: at,
      seats: 3,
      concurrentSeats: 0,
      members: [member(ex + 'Pbx', offerOf(ex + 'Pbx')), member(ex + 'Odd', offerOf(ex + 'Odd')), member(ex + 'Gone', 'urn:offer')],
      seatChanges: []
    }
    const { subscription, warnings } = toSubscriptionInput(booked, catalog)
    expect(subscription.members.map(m => [m.service, m.components.map(c => c.component)])).toEqual([
      [ex + 'Pbx', [sym + 'BaseMonthly']],
      [ex + 'Odd', []]
    ])
    expect(warnings.map(w => [w.code, w.subject])).toEqual([
      ['UNBILLABLE_COMPONENT', `${offerOf(ex + 'Pbx')}#${ex}Whatever`],
      ['UNBILLABLE_COMPONENT', `${offerOf(ex + 'Odd')}#${ex}Whatever`],
      ['UNPRICED_MEMBER', ex + 'Odd'],
      ['UNPRICED_MEMBER', ex + 'Gone']
    ])
    expect(warnings[3]!.message).toBe(`${ex}Gone of urn:s1 is not billed: the catalog no longer has the service; publish its offer again or correct the subscription, then run the period again`)
    // Every warning says the same in English and German, as an answer in either language gives it.
    expect(warnings.map(w => issueIn(w, 'de').message)).toEqual([
      `die Preiskomponente ${ex}Whatever von ${ex}Pbx wird nicht abgerechnet: das Vokabular sagt nicht, wonach sie gezählt und wie oft sie berechnet wird (sym:countedBy, sym:billingPeriod; monatlich oder einmalig)`,
      `die Preiskomponente ${ex}Whatever von ${ex}Odd wird nicht abgerechnet: das Vokabular sagt nicht, wonach sie gezählt und wie oft sie berechnet wird (sym:countedBy, sym:billingPeriod; monatlich oder einmalig)`,
      `${ex}Odd von urn:s1 wird nicht abgerechnet: sein Angebot hat keine Preiskomponente, die die Abrechnung versteht; beschreiben Sie seine Komponenten im Vokabular (sym:countedBy, sym:billingPeriod)`,
      `${ex}Gone von urn:s1 wird nicht abgerechnet: der Katalog hat den Dienst nicht mehr; veröffentlichen Sie sein Angebot erneut oder berichtigen Sie das Abonnement, dann rechnen Sie den Zeitraum erneut ab`
    ])
    expect(warnings.map(w => issueIn(w, 'en-GB'))).toEqual(warnings.map(w => ({ code: w.code, subject: w.subject, message: w.message })))
    expect(issueIn(warnings[2]!, 'en').message).toBe(`${ex}Odd of urn:s1 is not billed: its offer has no price component the billing understands; declare its components in the vocabulary (sym:countedBy, sym:billingPeriod)`)
  })

  it('names an offer the catalog no longer has, in English and German', () => {
    const booked: BookedSubscription = { iri: 'urn:s2', customer: 'urn:c', startedAt: at, seats: 1, concurrentSeats: 0, members: [member(ex + 'Pbx', 'urn:withdrawn-offer')], seatChanges: [] }
    const [warning] = toSubscriptionInput(booked, catalog).warnings
    expect([issueIn(warning!, 'en').message, issueIn(warning!, 'de-AT').message]).toEqual([
      `${ex}Pbx of urn:s2 is not billed: the catalog has no offer urn:withdrawn-offer for it; publish its offer again or correct the subscription, then run the period again`,
      `${ex}Pbx von urn:s2 wird nicht abgerechnet: der Katalog hat kein Angebot urn:withdrawn-offer dafür; veröffentlichen Sie sein Angebot erneut oder berichtigen Sie das Abonnement, dann rechnen Sie den Zeitraum erneut ab`
    ])
  })
})
