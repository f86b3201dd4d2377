/** Small builders for billing inputs: a German customer, providers in DE and AT, December 2026. */
import { parsePeriod, type BillingInput, type MemberInput, type PartyInput, type PriceComponentInput, type SubscriptionInput } from '../../src/billing/index.js'

export const customer: PartyInput = { id: 'https://w3id.org/symphony/customer/acme', name: 'ACME GmbH', country: 'DE', vatId: 'DE123456789', business: true }
export const pbxProvider: PartyInput = { id: 'https://example.org/provider/tel', name: 'Tel AG', country: 'DE', vatId: 'DE999999999', business: true }
export const crmProvider: PartyInput = { id: 'https://example.org/provider/crm', name: 'CRM GmbH', country: 'AT', vatId: 'ATU12345678', business: true }

export function component (id: string, countedBy: PriceComponentInput['countedBy'], unitPrice: string, extra: Partial<PriceComponentInput> = {}): PriceComponentInput {
  return { id, component: `https://w3id.org/symphony/ontology#${id}`, countedBy, period: 'month', unitPrice, currency: 'EUR', ...extra }
}

export function member (service: string, provider: PartyInput, components: PriceComponentInput[], extra: Partial<MemberInput> = {}): MemberInput {
  return { service: `https://example.org/service/${service}`, provider: provider.id, offer: `https://example.org/offer/${service}`, components, addedAt: '2026-12-01T00:00:00Z', ...extra }
}

export function subscription (members: MemberInput[], extra: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return { id: 'https://w3id.org/symphony/subscription/1', customer: customer.id, seats: [{ at: '2026-12-01T00:00:00Z', seats: 10, concurrentSeats: 4 }], members, ...extra }
}

export function input (subscriptions: SubscriptionInput[], extra: Partial<BillingInput> = {}): BillingInput {
  return {
    customer,
    providers: new Map([pbxProvider, crmProvider].map(p => [p.id, p])),
    period: parsePeriod('2026-12'),
    currency: 'EUR',
    subscriptions,
    ...extra
  }
}
