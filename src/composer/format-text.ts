/**
 * A composition answer as readable text, for `symphony compose --format text`.
 * Headings are in the requested language (English or German); explanation details are the
 * answer's own (English) texts. Service names come from the catalog when one is given.
 */
import type { Catalog } from '../catalog/index.js'
import { formatMoney, shortName } from './names.js'
import type { Bundle, CompositionAnswer, CompositionIssue, ServicePrice } from './types.js'

export interface FormatTextOptions {
  /** `en` (default) or `de`; other languages fall back to English. */
  readonly language?: string
  /** For service names (`schema:name`) in the requested language. */
  readonly catalog?: Catalog
}

const words = {
  en: {
    bundle: 'Bundle', of: 'of', score: 'score', cost: 'cost', services: 'services', plugin: 'plugin matches',
    members: 'Services', links: 'Links', price: 'Price', seats: 'seats', concurrent: 'concurrent', perMonth: 'a month',
    unpriced: 'not priced', constraints: 'Constraints', order: 'Wiring order', none: 'No bundle found.',
    issues: 'Issues', nearest: 'Nearest bundle', needs: 'It would need', noLinks: '(none)',
    cycles: 'Need each other', wiring: { static: 'static wiring', dataflow: 'dataflow wiring' }
  },
  de: {
    bundle: 'Bündel', of: 'von', score: 'Bewertung', cost: 'Kosten', services: 'Dienste', plugin: 'Plugin-Treffer',
    members: 'Dienste', links: 'Verbindungen', price: 'Preis', seats: 'Plätze', concurrent: 'gleichzeitig', perMonth: 'pro Monat',
    unpriced: 'ohne Preis', constraints: 'Bedingungen', order: 'Reihenfolge der Verdrahtung', none: 'Kein Bündel gefunden.',
    issues: 'Hinweise', nearest: 'Nächstes Bündel', needs: 'Es bräuchte', noLinks: '(keine)',
    cycles: 'Brauchen einander', wiring: { static: 'statische Verdrahtung', dataflow: 'Datenfluss-Verdrahtung' }
  }
} as const

type Words = (typeof words)['en'] | (typeof words)['de']

/**
 * Formats a composition answer as text: each bundle with its members and why they are there,
 * its links with degrees, its price breakdown, its constraint checks and its wiring order;
 * then the issues, with the nearest bundle when there is one.
 *
 * @example
 * process.stdout.write(formatBundleText(compose(catalog, request), { language: 'de', catalog }))
 */
export function formatBundleText (answer: CompositionAnswer, options: FormatTextOptions = {}): string {
  const w: Words = options.language?.toLowerCase().startsWith('de') === true ? words.de : words.en
  const name = (iri: string): string => {
    const label = options.catalog?.services.get(iri)?.label
    const text = label === undefined ? undefined : label[options.language ?? 'en'] ?? label.en ?? label['']
    return text === undefined ? shortName(iri) : `${text} (${shortName(iri)})`
  }
  const lines: string[] = []
  answer.bundles.forEach((bundle, i) => {
    lines.push(`${w.bundle} ${i + 1} ${w.of} ${answer.bundles.length}`)
    lines.push(...bundleLines(bundle, w, name, '  '))
    lines.push('')
  })
  if (answer.bundles.length === 0) lines.push(w.none, '')
  if (answer.issues.length > 0) {
    lines.push(`${w.issues}:`)
    for (const issue of answer.issues) lines.push(...issueLines(issue, w, name))
  }
  return lines.join('\n').replace(/\n+$/, '') + '\n'
}

function bundleLines (bundle: Bundle, w: Words, name: (iri: string) => string, indent: string): string[] {
  const { cost } = bundle.explanation
  const money = (amount: number | null, currency: string | null): string => amount === null ? w.unpriced : formatMoney(Math.round(amount * 100), currency)
  const lines = [
    `${indent}${w.score} ${bundle.score} (${w.cost} ${cost.total}: ${cost.services} ${w.services}, ${cost.pluginMatches} ${w.plugin}, ${money(bundle.price.monthly, bundle.price.currency)} ${w.perMonth})`,
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
  for (const line of bundle.price.breakdown) lines.push(...priceLines(line, name, money, `${indent}  `))
  if (bundle.explanation.constraints.length > 0) {
    lines.push(`${indent}${w.constraints}:`)
    for (const check of bundle.explanation.constraints) {
      lines.push(`${indent}  ${check.ok ? '✓' : '✗'} ${check.constraint}${check.service === undefined ? '' : ` ${name(check.service)}`}: ${check.detail}`)
    }
  }
  lines.push(`${indent}${w.order} (${w.wiring[bundle.explanation.wiring]}): ${bundle.explanation.wiringOrder.map(shortName).join(' → ')}`)
  return lines
}

function priceLines (price: ServicePrice, name: (iri: string) => string, money: (amount: number | null, currency: string | null) => string, indent: string): string[] {
  const lines = [`${indent}${name(price.service)}: ${money(price.monthly, price.currency)}${price.offer === null ? ` — ${price.note ?? ''}` : ` (${shortName(price.offer)})`}`]
  for (const c of price.components) {
    const times = c.countedBy === 'flat' ? c.unitPrice.toFixed(2) : `${c.unitPrice.toFixed(2)} × ${c.quantity}`
    const over = c.termMonths ?? c.periodMonths
    const how = over === undefined ? times : `${times} / ${over}`
    lines.push(`${indent}  ${shortName(c.component)} ${how} = ${c.monthly.toFixed(2)}`)
  }
  return lines
}

function issueLines (issue: CompositionIssue, w: Words, name: (iri: string) => string): string[] {
  const message = issue.code === 'UNKNOWN_PRICE_COMPONENT' && w === words.de ? issue.messages.de : issue.message
  const lines = [`  - [${issue.code}] ${message}`]
  if (issue.code === 'NEAREST_BUNDLE') {
    lines.push(`    ${w.nearest}:`)
    lines.push(...bundleLines(issue.bundle, w, name, '      '))
    lines.push(`    ${w.needs}:`)
    for (const need of issue.needs) lines.push(`      - ${need.message}`)
  }
  return lines
}
