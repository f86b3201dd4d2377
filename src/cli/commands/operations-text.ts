/**
 * Orders, subscriptions, tickets and webhooks as short text for people (`--format text`), in
 * the CLI's language: services and providers by their labels (as the API names them), state
 * names in English or German, times in the language's form and this machine's time zone; ids and
 * what a person or provider wrote as they are.
 */
import type { HelpLanguage } from '../language.js'
import { moneyText } from '../../matcher/index.js'
import { reasonIn, roleName } from '../../operations/index.js'
import type { HistoryEntry, Order, SeatChange, Subscription, WebhookView } from '../../operations/index.js'
import type { TicketView } from '../../tickets/index.js'

/** Cents as the language writes money (`€12.34` / `12,34 €`); without a currency, the amount alone. */
export function money (cents: number, currency: string | null, language: HelpLanguage): string {
  return currency === null ? new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100) : moneyText(cents, currency, language)
}

type Names = Readonly<Record<string, string>>

/** A record as the API answers it: `names` labels the services and providers it names. */
export type Named<T> = T & { readonly names?: Names }

const timeFormats = { en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }), de: new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }) }

/** An ISO timestamp as the language writes a date and time (`5 Dec 2026, 10:47` / `05.12.2026, 10:47`); anything else as it is. */
export function timeText (iso: string, language: HelpLanguage): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : timeFormats[language].format(date)
}

/** The words of the text formats, in each language the CLI speaks. */
const words = {
  en: {
    order: 'order', item: 'item', subscription: 'subscription', ticket: 'ticket',
    seats: (n: number) => `${n} seats`, aMonth: 'a month', since: 'since', removed: 'removed',
    // English names the kinds, actions, states and scopes as the API does.
    kinds: {} as Names,
    actions: {} as Names,
    states: {} as Names,
    ticketStates: {} as Names,
    scopes: {} as Names,
    reported: 'reported', responseDue: 'response due', resolutionDue: 'resolution due', missed: 'missed', bytes: 'bytes',
    took: (hours: number) => `took ${hours} support hour${hours === 1 ? '' : 's'}`,
    url: 'url', secret: 'secret', set: 'set', lastDelivery: 'last delivery', nothingDelivered: 'nothing delivered yet',
    event: 'event', delivered: 'delivered', givenUp: 'given up', history: 'history'
  },
  de: {
    order: 'Bestellung', item: 'Position', subscription: 'Abonnement', ticket: 'Ticket',
    seats: (n: number) => `${n} Plätze`, aMonth: 'im Monat', since: 'seit', removed: 'entfernt',
    kinds: { book: 'Buchung', changeSeats: 'Änderung der Plätze', changeMembers: 'Änderung der Mitglieder', cancel: 'Kündigung' } as Names,
    actions: { order: 'bestellen', modify: 'ändern', cancel: 'kündigen' } as Names,
    states: {
      new: 'neu', acknowledged: 'bestätigt', inProgress: 'in Arbeit', completed: 'abgeschlossen', failed: 'fehlgeschlagen', cancelled: 'storniert',
      active: 'aktiv', cancelling: 'wird gekündigt'
    } as Names,
    ticketStates: { acknowledged: 'angenommen', inProgress: 'in Bearbeitung', resolved: 'gelöst', closed: 'geschlossen' } as Names,
    scopes: { subscription: 'Abonnement', member: 'Mitglied', link: 'Verbindung' } as Names,
    reported: 'gemeldet', responseDue: 'Reaktion fällig', resolutionDue: 'Lösung fällig', missed: 'verfehlt', bytes: 'Bytes',
    took: (hours: number) => `nach ${String(hours).replace('.', ',')} ${hours === 1 ? 'Supportstunde' : 'Supportstunden'}`,
    url: 'URL', secret: 'Geheimnis', set: 'gesetzt', lastDelivery: 'letzte Zustellung', nothingDelivered: 'noch nichts zugestellt',
    event: 'Ereignis', delivered: 'zugestellt', givenUp: 'aufgegeben', history: 'Verlauf'
  }
} as const

const named = (names: Names, key: string): string => names[key] ?? key

/** A state of an order, item or subscription in the language. */
export function stateName (state: string, language: HelpLanguage): string {
  return named(words[language].states, state)
}

/**
 * A history, one line per state change: when, from → to, by whom and why (in the language; a
 * plain string from an earlier record as it is). `indent`: the lines' leading spaces.
 */
function historyLines (history: readonly HistoryEntry[], names: Names, language: HelpLanguage, indent: string): string[] {
  const w = words[language]
  return [`${indent}${w.history}:`, ...history.map(entry => {
    const step = `${entry.from === null ? '' : `${named(names, entry.from)} → `}${named(names, entry.to)}`
    const by = entry.by.role === 'platform' ? roleName('platform', language) : `${roleName(entry.by.role, language)} ${entry.by.id}`
    return `${indent}  ${timeText(entry.at, language)}  ${step}  (${by}): ${reasonIn(entry.why, language)}`
  })]
}

/** The label the API gave an IRI of the record, else the IRI. */
export function nameIn (record: Named<object>, iri: string): string {
  return record.names?.[iri] ?? iri
}

export function orderText (order: Named<Order>, language: HelpLanguage = 'en'): string {
  const w = words[language]
  const name = (iri: string): string => nameIn(order, iri)
  const why = (reason: Order['reason']): string => reason === undefined ? '' : ` — ${reasonIn(reason, language)}`
  const lines = [`${w.order} ${order.id} (${named(w.kinds, order.kind)}): ${named(w.states, order.state)}${why(order.reason)}`,
    `  ${w.seats(order.seats)}, ${money(order.monthlyCents, order.currency, language)} ${w.aMonth}`]
  for (const item of order.items) {
    lines.push(`  ${w.item} ${item.id} ${named(w.actions, item.action)} → ${name(item.provider)}: ${named(w.states, item.state)}${item.reference === undefined ? '' : ` [${item.reference}]`}${why(item.reason)}`)
    for (const line of item.lines) lines.push(`      ${name(line.service)}${line.monthlyCents === null ? '' : `  ${money(line.monthlyCents, order.currency, language)}`}`)
    lines.push(...historyLines(item.history, w.states, language, '    '))
  }
  lines.push(...historyLines(order.history, w.states, language, '  '))
  return lines.join('\n') + '\n'
}

/** A subscription as the API answers it: to a provider, its seat changes come without the bundle's totals. */
type SubscriptionAnswer = Omit<Subscription, 'seatChanges'> & { readonly seatChanges: ReadonlyArray<Omit<SeatChange, 'monthlyCents'> & { readonly monthlyCents?: number }> }

export function subscriptionText (subscription: Named<SubscriptionAnswer>, language: HelpLanguage = 'en'): string {
  const w = words[language]
  const name = (iri: string): string => nameIn(subscription, iri)
  const lines = [`${w.subscription} ${subscription.id}: ${named(w.states, subscription.state)}, ${w.seats(subscription.seats)}, ${money(subscription.monthlyCents, subscription.currency, language)} ${w.aMonth}, ${w.since} ${timeText(subscription.startedAt, language)}`]
  for (const member of subscription.members) {
    lines.push(`  ${name(member.service)} (${name(member.provider)})${member.removedAt === undefined ? '' : ` ${w.removed} ${timeText(member.removedAt, language)}`}`)
  }
  for (const change of subscription.seatChanges) {
    const total = change.monthlyCents === undefined ? '' : `, ${money(change.monthlyCents, subscription.currency, language)} ${w.aMonth}`
    lines.push(`  ${timeText(change.at, language)}: ${w.seats(change.seats)}${total} (${w.order} ${change.order})`)
  }
  lines.push(...historyLines(subscription.history, w.states, language, '  '))
  return lines.join('\n') + '\n'
}

/** A ticket: its state, scope, services and providers by label, routes (with why, in the language), SLA per provider and notes as written. */
export function ticketText (ticket: Named<TicketView>, language: HelpLanguage = 'en'): string {
  const w = words[language]
  const name = (iri: string): string => nameIn(ticket, iri)
  const lines = [`${w.ticket} ${ticket.id}: ${named(w.ticketStates, ticket.state)}, ${named(w.scopes, ticket.scope)} ${ticket.services.map(name).join(' ↔ ')}, "${ticket.summary}" (${w.reported} ${timeText(ticket.createdAt, language)})`]
  for (const route of ticket.routes) lines.push(`  → ${name(route.provider)}: ${route.why[language]}`)
  // What a target took once it ended, and whether it was missed
  const outcome = (hours: number | null, breached: boolean): string => {
    const said = [...(hours === null ? [] : [w.took(hours)]), ...(breached ? [w.missed] : [])]
    return said.length === 0 ? '' : ` (${said.join(', ')})`
  }
  for (const sla of ticket.sla) {
    lines.push(`  SLA ${name(sla.provider)}: ${w.responseDue} ${sla.responseDue === null ? '–' : timeText(sla.responseDue, language)}${outcome(sla.responseHours, sla.responseBreached)}, ${w.resolutionDue} ${sla.resolutionDue === null ? '–' : timeText(sla.resolutionDue, language)}${outcome(sla.resolutionHours, sla.resolutionBreached)}`)
  }
  for (const note of ticket.notes) lines.push(`  ${timeText(note.at, language)} ${note.by.role} ${note.by.id}: ${note.text}${note.attachments.length === 0 ? '' : ` [${note.attachments.map(a => `${a.name}, ${a.size} ${w.bytes}`).join('; ')}]`}`)
  lines.push(...historyLines(ticket.history, w.ticketStates, language, '  '))
  return lines.join('\n') + '\n'
}

/** A customer's webhook and its latest delivery. */
export function webhookText (hook: WebhookView, language: HelpLanguage = 'en'): string {
  const w = words[language]
  const last = hook.lastDelivery
  const delivery = last === undefined
    ? w.nothingDelivered
    : `${timeText(last.at, language)}  ${w.event} ${last.event}  ${last.ok ? w.delivered : w.givenUp}${last.status === undefined ? '' : ` (${last.status})`}${last.reason === undefined ? '' : `: ${reasonIn(last.reason, language)}`}`
  const labels = [w.url, w.set, w.lastDelivery]
  const width = Math.max(...labels.map(label => label.length)) + 2
  return `${w.url.padEnd(width)}${hook.url}\n${w.set.padEnd(width)}${timeText(hook.createdAt, language)}\n${w.lastDelivery.padEnd(width)}${delivery}\n`
}

/** A webhook just set, with its secret (shown once). */
export function webhookSetText (set: WebhookView & { secret: string }, language: HelpLanguage = 'en'): string {
  const w = words[language]
  const width = Math.max(w.url.length, w.secret.length) + 2
  return `${w.url.padEnd(width)}${set.url}\n${w.secret.padEnd(width)}${set.secret}\n`
}
