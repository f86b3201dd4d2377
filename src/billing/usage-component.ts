/**
 * Which price component a provider's usage report is for: only a component of the member's
 * offer that is counted by usage (`sym:UsageQuantity`) takes reported quantities. A report
 * for anything else would never be billed, so it is refused at once, naming the component,
 * the offer and the usage components the offer has.
 */
import type { Catalog } from '../catalog/index.js'
import { SymphonyError } from '../errors.js'
import { bookedOffer } from './booked.js'
import { offerComponents } from './offer-components.js'

/**
 * The component id a usage report names (`<offer>#<component IRI>`, or just the component IRI
 * of the member's offer), resolved to the full id billing matches reports with; a component
 * that is not counted by usage, or not in the member's offer, is `INVALID_REQUEST` with
 * `service`, `offer`, `component`, `expected` and the message in English and German.
 *
 * @example
 * usageComponentId(catalog, member, 'https://w3id.org/symphony/ontology#Minutes')
 * // '<the member's offer IRI>#https://w3id.org/symphony/ontology#Minutes'
 */
export function usageComponentId (
  catalog: Pick<Catalog, 'services'>,
  member: { readonly service: string, readonly offer: string | null },
  component: string
): string {
  const offer = bookedOffer(catalog, member)
  if (offer === undefined) {
    throw refusal(member.service, member.offer, component, [], {
      en: `${member.service} is not billed (the catalog has no offer ${member.offer ?? '(none booked)'} for it), so it takes no usage; publish its offer again or correct the subscription`,
      de: `${member.service} wird nicht abgerechnet (der Katalog hat kein Angebot ${member.offer ?? '(keins gebucht)'} dafür) und nimmt daher keine Nutzung an; das Angebot erneut veröffentlichen oder das Abonnement berichtigen`
    })
  }
  const { components } = offerComponents(catalog, member.service, offer.id)
  const usage = components.filter(c => c.countedBy === 'usage')
  const expected = usage.map(c => c.id)
  const named = components.find(c => c.id === component || c.component === component)
  if (named !== undefined && named.countedBy === 'usage') return named.id
  const what = named === undefined
    ? { en: `is no price component of offer ${offer.id}`, de: `ist kein Preisbestandteil des Angebots ${offer.id}` }
    : { en: `of offer ${offer.id} is charged ${named.countedBy === 'seats' ? 'per seat' : named.countedBy === 'concurrentSeats' ? 'per concurrent seat' : 'flat'}, not by usage`, de: `des Angebots ${offer.id} wird ${named.countedBy === 'seats' ? 'pro Arbeitsplatz' : named.countedBy === 'concurrentSeats' ? 'pro gleichzeitigem Arbeitsplatz' : 'pauschal'} berechnet, nicht nach Nutzung` }
  const fix = expected.length === 0
    ? { en: `the offer of ${member.service} has no component counted by usage (sym:countedBy sym:UsageQuantity), so it takes no usage reports`, de: `das Angebot von ${member.service} hat keinen nach Nutzung gezählten Bestandteil (sym:countedBy sym:UsageQuantity) und nimmt daher keine Nutzungsmeldungen an` }
    : { en: `report usage for one of: ${expected.join(', ')}`, de: `Nutzung für einen dieser Bestandteile melden: ${expected.join(', ')}` }
  throw refusal(member.service, offer.id, component, expected, {
    en: `usage for ${member.service}: component ${component} ${what.en}; ${fix.en}`,
    de: `Nutzung für ${member.service}: Bestandteil ${component} ${what.de}; ${fix.de}`
  })
}

function refusal (service: string, offer: string | null, component: string, expected: readonly string[], messages: { en: string, de: string }): SymphonyError {
  return new SymphonyError('INVALID_REQUEST', messages, { details: { field: '/body/component', service, offer, component, expected, messages } })
}
