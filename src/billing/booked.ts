/**
 * From a booked subscription (as the operations module records it) and the catalog to the
 * billing input: each member gets its offer's price components.
 */
import type { Catalog, Offer } from '../catalog/index.js'
import { offerComponents } from './offer-components.js'
import type { MemberInput, SubscriptionInput } from './types.js'
import { unbillableComponent, unpricedMember, type BillingWarning } from './warnings.js'

/** The fields of a booked subscription that billing reads (a structural subset of the operations record). */
export interface BookedSubscription {
  readonly iri: string
  readonly customer: string
  readonly startedAt: string
  readonly cancelledAt?: string
  readonly seats: number
  readonly concurrentSeats: number
  readonly members: ReadonlyArray<{ readonly service: string, readonly provider: string, readonly offer: string | null, readonly addedAt: string, readonly removedAt?: string }>
  readonly seatChanges: ReadonlyArray<{ readonly at: string, readonly seats: number, readonly concurrentSeats: number }>
}

/**
 * The catalog's offer a member was booked with. Unnamed offers have stable names in the catalog;
 * a subscription booked with a blank-node label before they had one is billed with the service's
 * offer when it has a single one.
 */
export function bookedOffer (catalog: Pick<Catalog, 'services'>, member: { readonly service: string, readonly offer: string | null }): Offer | undefined {
  const service = catalog.services.get(member.service)
  return service?.offers.find(o => o.id === member.offer) ??
    (service?.offers.length === 1 && (member.offer === null || member.offer.startsWith('_:')) ? service.offers[0] : undefined)
}

/**
 * The billing input of a booked subscription. Members that cannot be billed (no offer, an offer
 * the catalog no longer has, or no component the billing understands) and components it does not
 * understand come back as warnings, so a run never drops a charge without saying so.
 */
export function toSubscriptionInput (booked: BookedSubscription, catalog: Catalog): { subscription: SubscriptionInput, warnings: BillingWarning[] } {
  const warnings: BillingWarning[] = []
  const members: MemberInput[] = []
  for (const member of booked.members) {
    const service = catalog.services.get(member.service)
    const offer = bookedOffer(catalog, member)
    if (offer === undefined) {
      warnings.push(unpricedMember(member.service, booked.iri, service === undefined ? { kind: 'serviceGone' } : { kind: 'offerGone', offer: member.offer }))
      continue
    }
    const { components, unbillable } = offerComponents(catalog, member.service, offer.id)
    for (const component of unbillable) {
      warnings.push(unbillableComponent(component, member.service, offer.id))
    }
    if (components.length === 0) {
      warnings.push(unpricedMember(member.service, booked.iri, { kind: 'noComponents' }))
    }
    members.push({
      service: member.service,
      label: service!.label,
      provider: member.provider,
      offer: offer.id,
      components,
      addedAt: member.addedAt,
      ...(member.removedAt === undefined ? {} : { removedAt: member.removedAt })
    })
  }
  // The record's first seat change is the booking itself; a record without any has had its current counts from the start.
  const seats = booked.seatChanges.length > 0
    ? booked.seatChanges
    : [{ at: booked.startedAt, seats: booked.seats, concurrentSeats: booked.concurrentSeats }]
  return {
    subscription: {
      id: booked.iri,
      customer: booked.customer,
      seats: seats.map(c => ({ at: c.at, seats: c.seats, concurrentSeats: c.concurrentSeats })),
      members,
      ...(booked.cancelledAt === undefined ? {} : { cancelledAt: booked.cancelledAt })
    },
    warnings
  }
}
