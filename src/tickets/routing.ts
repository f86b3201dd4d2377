/**
 * Where a fault goes: a member fault to the member's provider, a link fault to the providers at
 * both ends of a link of the bundle (each told which link and interface involve it), a
 * subscription fault to every provider of the current members.
 */
import type { BundleLink } from '../composer/index.js'
import type { SupportPromise } from '../catalog/index.js'
import { currentMembers } from '../operations/index.js'
import type { Subscription, SubscriptionMember } from '../operations/index.js'
import { strictest } from './sla.js'
import type { Bilingual, TicketDesk, TicketRoute, TicketScope } from './types.js'

/** What routing needs to know of a member's service. */
export interface ServiceSupport {
  readonly support: SupportPromise | null
  readonly desk: TicketDesk
}

export type RoutingOutcome =
  | { readonly ok: true, readonly scope: TicketScope, readonly routes: TicketRoute[] }
  | { readonly ok: false, readonly code: 'NOT_A_MEMBER' | 'NOT_A_LINK' | 'TOO_MANY_SERVICES', readonly messages: Bilingual }

/** The name a person reads for a service or interface type IRI, in English or German (its label). */
export type NameOf = (iri: string, language: keyof Bilingual) => string

/**
 * The routes of a fault on `services` (none: the subscription; one: a member; two: a link). Each
 * route's `why` names services and interface types by `nameOf`; the IRIs are in `routes[].services`.
 */
export function routeFault (subscription: Subscription, links: readonly BundleLink[], services: readonly string[], supportOf: (member: SubscriptionMember) => ServiceSupport, nameOf: NameOf = iri => iri): RoutingOutcome {
  const members = currentMembers(subscription)
  const memberOf = new Map(members.map(m => [m.service, m]))
  const unknown = services.find(s => !memberOf.has(s))
  if (unknown !== undefined) {
    const names = members.map(m => m.service).join(', ')
    return {
      ok: false,
      code: 'NOT_A_MEMBER',
      messages: {
        en: `${unknown} is not a current member of subscription ${subscription.id}; name one of ${names}`,
        de: `${unknown} ist kein aktueller Bestandteil des Abonnements ${subscription.id}; nennen Sie einen von ${names}`
      }
    }
  }
  const distinct = [...new Set(services)]
  if (distinct.length > 2) {
    return {
      ok: false,
      code: 'TOO_MANY_SERVICES',
      messages: {
        en: 'name no service (the whole subscription), one (a member) or two (the link between them)',
        de: 'nennen Sie keinen Dienst (das ganze Abonnement), einen (einen Bestandteil) oder zwei (die Verbindung zwischen ihnen)'
      }
    }
  }
  const reasons = new Map<string, Array<{ member: SubscriptionMember, why: Bilingual }>>()
  const add = (member: SubscriptionMember, why: Bilingual): void => {
    const list = reasons.get(member.provider) ?? []
    list.push({ member, why })
    reasons.set(member.provider, list)
  }
  let scope: TicketScope
  if (distinct.length === 0) {
    scope = 'subscription'
    for (const m of members) add(m, { en: `provides ${nameOf(m.service, 'en')}, a member of the subscription`, de: `stellt ${nameOf(m.service, 'de')} bereit, ein Mitglied des Abonnements` })
  } else if (distinct.length === 1) {
    scope = 'member'
    const m = memberOf.get(distinct[0]!)!
    add(m, { en: `provides ${nameOf(m.service, 'en')}, the member the fault is about`, de: `stellt ${nameOf(m.service, 'de')} bereit, das Mitglied, das die Störung betrifft` })
  } else {
    scope = 'link'
    const [a, b] = distinct as [string, string]
    const between = links.filter(l => !l.available && ((l.from === a && l.to === b) || (l.from === b && l.to === a)))
    if (between.length === 0) {
      const known = links.filter(l => !l.available).map(l => `${l.from} → ${l.to}`)
      const listed = known.join('; ')
      return {
        ok: false,
        code: 'NOT_A_LINK',
        messages: {
          en: `${a} and ${b} are not linked in the bundle of subscription ${subscription.id} (neither meets a requirement of the other); its links are ${listed || 'none'}`,
          de: `${a} und ${b} sind im Bündel des Abonnements ${subscription.id} nicht verbunden (keiner erfüllt eine Anforderung des anderen); seine Verbindungen sind ${listed || 'keine'}`
        }
      }
    }
    for (const link of between) {
      const from = memberOf.get(link.from)!
      const to = memberOf.get(link.to)!
      const words = (language: keyof Bilingual): Record<'from' | 'to' | 'provided' | 'required', string> => ({
        from: nameOf(from.service, language),
        to: nameOf(to.service, language),
        provided: link.providedTypes.map(type => nameOf(type, language)).join(', '),
        required: link.interfaceTypes.map(type => nameOf(type, language)).join(', ')
      })
      const en = words('en')
      const de = words('de')
      add(from, { en: `provides ${en.from}, whose ${en.provided} meets the requirement ${en.required} of ${en.to} (link ${en.from} → ${en.to})`, de: `stellt ${de.from} bereit, dessen ${de.provided} die Anforderung ${de.required} von ${de.to} erfüllt (Verbindung ${de.from} → ${de.to})` })
      add(to, { en: `provides ${en.to}, whose requirement ${en.required} is met by ${en.from} (link ${en.from} → ${en.to})`, de: `stellt ${de.to} bereit, dessen Anforderung ${de.required} ${de.from} erfüllt (Verbindung ${de.from} → ${de.to})` })
    }
  }
  const routes = [...reasons.entries()].map(([provider, list]): TicketRoute => {
    const services = [...new Set(list.map(r => r.member.service))]
    const supports = services.map(s => supportOf(memberOf.get(s)!))
    const desk = supports.find(s => s.desk.kind === 'http')?.desk ?? supports[0]!.desk
    return {
      provider,
      services,
      why: { en: [...new Set(list.map(r => r.why.en))].join('; '), de: [...new Set(list.map(r => r.why.de))].join('; ') },
      support: strictest(supports.map(s => s.support).filter((s): s is SupportPromise => s !== null)),
      desk,
      deliveries: []
    }
  })
  return { ok: true, scope, routes }
}
