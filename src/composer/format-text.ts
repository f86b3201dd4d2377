/**
 * A composition answer as readable text, for `symphony compose --format text`. Headings and
 * the answer's sentences are in the requested language (English or German), with that
 * language's number format; services, types, offers and price components are named by their
 * catalog label when a catalog is given (else by their local name).
 */
import type { Catalog } from '../catalog/index.js'
import { inLanguage } from './localize.js'
import { catalogNamer, constraintName, languageOf, localNamer, writerFor, type Writer } from './texts.js'
import type { Bundle, CompositionAnswer, CompositionIssue, ServicePrice } from './types.js'

export interface FormatTextOptions {
  /** `en` (default) or `de`; other languages fall back to English. */
  readonly language?: string
  /** For labels (`schema:name`, `rdfs:label`) in the requested language. */
  readonly catalog?: Catalog
}

const words = {
  en: {
    bundle: 'Bundle', of: 'of', score: 'score', cost: 'cost', services: 'services',
    plugin: (n: number, degree: string) => `${n} ${n === 1 ? 'match' : 'matches'} of degree ${degree}`,
    offer: (currency: string, term: number | undefined) => `offer in ${currency}${term === undefined ? '' : `, minimum term ${term} ${term === 1 ? 'month' : 'months'}`}`,
    members: 'Services', links: 'Links', price: 'Price', seats: 'seats', concurrent: 'concurrent', perMonth: 'a month',
    unpriced: 'not priced', constraints: 'Constraints', order: 'Wiring order', none: 'No bundle found.',
    issues: 'Issues', nearest: 'Nearest bundle', needs: 'It would need', noLinks: '(none)',
    cycles: 'Need each other', wiring: { static: 'static wiring', dataflow: 'dataflow wiring' }
  },
  de: {
    bundle: 'Bündel', of: 'von', score: 'Bewertung', cost: 'Kosten', services: 'Dienste',
    plugin: (n: number, degree: string) => `${n} Treffer vom Grad ${degree}`,
    offer: (currency: string, term: number | undefined) => `Angebot in ${currency}${term === undefined ? '' : `, Mindestlaufzeit ${term} ${term === 1 ? 'Monat' : 'Monate'}`}`,
    members: 'Dienste', links: 'Verbindungen', price: 'Preis', seats: 'Plätze', concurrent: 'gleichzeitig', perMonth: 'pro Monat',
    unpriced: 'ohne Preis', constraints: 'Bedingungen', order: 'Reihenfolge der Verdrahtung', none: 'Kein Bündel gefunden.',
    issues: 'Hinweise', nearest: 'Nächstes Bündel', needs: 'Es bräuchte', noLinks: '(keine)',
    cycles: 'Brauchen einander', wiring: { static: 'statische Verdrahtung', dataflow: 'Datenfluss-Verdrahtung' }
  }
} as const

type Words = (typeof words)['en'] | (typeof words)['de']

/** Scores (0 to 1) to three decimals and costs to at most three, as the console shows them. */
const scoreFormats = {
  en: new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 3 }),
  de: new Intl.NumberFormat('de', { minimumFractionDigits: 3, maximumFractionDigits: 3 })
}
const costFormats = {
  en: new Intl.NumberFormat('en', { maximumFractionDigits: 3, useGrouping: false }),
  de: new Intl.NumberFormat('de', { maximumFractionDigits: 3 })
}

/** How an offer is told apart: offers carry no name, so by their currency and minimum term. */
type OfferText = (price: ServicePrice & { readonly offer: string }) => string

/**
 * Formats a composition answer as text: each bundle with its members and why they are there,
 * its links with degrees, its price breakdown, its constraint checks and its wiring order;
 * then the issues, with the nearest bundle when there is one.
 *
 * @example
 * process.stdout.write(formatBundleText(compose(catalog, request), { language: 'de', catalog }))
 */
export function formatBundleText (answer: CompositionAnswer, options: FormatTextOptions = {}): string {
  const language = languageOf(options.language)
  const w: Words = words[language]
  const writer = writerFor(options.catalog === undefined ? localNamer : catalogNamer(options.catalog), language)
  const localized = inLanguage(answer, language)
  const catalog = options.catalog
  const offerText: OfferText = price => {
    const offer = catalog?.services.get(price.service)?.offers.find(o => o.id === price.offer)
    return w.offer(offer?.currency ?? price.currency ?? '', offer?.minimumTermMonths)
  }
  const lines: string[] = []
  localized.bundles.forEach((bundle, i) => {
    lines.push(`${w.bundle} ${i + 1} ${w.of} ${localized.bundles.length}`)
    lines.push(...bundleLines(bundle, w, writer, offerText, '  '))
    lines.push('')
  })
  if (localized.bundles.length === 0) lines.push(w.none, '')
  if (localized.issues.length > 0) {
    lines.push(`${w.issues}:`)
    for (const issue of localized.issues) lines.push(...issueLines(issue, w, writer, offerText))
  }
  return lines.join('\n').replace(/\n+$/, '') + '\n'
}

function bundleLines (bundle: Bundle, w: Words, writer: Writer, offerText: OfferText, indent: string): string[] {
  const { cost } = bundle.explanation
  const name = writer.name
  const money = (amount: number | null, currency: string | null): string => amount === null ? w.unpriced : writer.money(Math.round(amount * 100), currency)
  const lines = [
    `${indent}${w.score} ${scoreFormats[writer.language].format(bundle.score)} (${w.cost} ${costFormats[writer.language].format(cost.total)}: ${cost.services} ${w.services}, ${w.plugin(cost.pluginMatches, writer.degree('plugin'))}, ${money(bundle.price.monthly, bundle.price.currency)} ${w.perMonth})`,
    `${indent}${w.members}:`
  ]
  for (const member of bundle.explanation.members) lines.push(`${indent}  ${name(member.service)} — ${member.text}`)
  lines.push(`${indent}${w.links}:`)
  if (bundle.explanation.links.length === 0) lines.push(`${indent}  ${w.noLinks}`)
  for (const link of bundle.explanation.links) {
    lines.push(`${indent}  ${link.text}`)
    lines.push(`${indent}    ← ${link.consumerText}`)
  }
  for (const group of bundle.explanation.cycles) lines.push(`${indent}${w.cycles}: ${group.map(name).join(' ⇄ ')}`)
  lines.push(`${indent}${w.price} (${bundle.price.seats} ${w.seats}, ${bundle.price.concurrentSeats} ${w.concurrent}): ${money(bundle.price.monthly, bundle.price.currency)} ${w.perMonth}`)
  for (const line of bundle.price.breakdown) lines.push(...priceLines(line, writer, money, offerText, `${indent}  `))
  if (bundle.explanation.constraints.length > 0) {
    lines.push(`${indent}${w.constraints}:`)
    for (const check of bundle.explanation.constraints) {
      lines.push(`${indent}  ${check.ok ? '✓' : '✗'} ${constraintName(check.constraint, writer)}${check.service === undefined ? '' : ` ${name(check.service)}`}: ${check.detail}`)
    }
  }
  lines.push(`${indent}${w.order} (${w.wiring[bundle.explanation.wiring]}): ${bundle.explanation.wiringOrder.map(name).join(' → ')}`)
  return lines
}

function priceLines (price: ServicePrice, writer: Writer, money: (amount: number | null, currency: string | null) => string, offerText: OfferText, indent: string): string[] {
  const cents = (amount: number): string => writer.money(Math.round(amount * 100), null)
  const lines = [`${indent}${writer.name(price.service)}: ${money(price.monthly, price.currency)}${price.offer === null ? ` — ${price.note ?? ''}` : ` (${offerText({ ...price, offer: price.offer })})`}`]
  for (const c of price.components) {
    const times = c.countedBy === 'flat' ? cents(c.unitPrice) : `${cents(c.unitPrice)} × ${writer.number(c.quantity)}`
    const over = c.termMonths ?? c.periodMonths
    const how = over === undefined ? times : `${times} / ${over}`
    lines.push(`${indent}  ${writer.name(c.component)} ${how} = ${cents(c.monthly)}`)
  }
  return lines
}

function issueLines (issue: CompositionIssue, w: Words, writer: Writer, offerText: OfferText): string[] {
  const lines = [`  - [${issue.code}] ${issue.message}`]
  if (issue.code === 'NEAREST_BUNDLE') {
    lines.push(`    ${w.nearest}:`)
    lines.push(...bundleLines(issue.bundle, w, writer, offerText, '      '))
    lines.push(`    ${w.needs}:`)
    for (const need of issue.needs) lines.push(`      - ${need.message}`)
  }
  return lines
}
