/**
 * One customer's invoice for one period, across all providers of its subscriptions.
 *
 * Rounding, written down once: each line's net is computed exactly (unit price × count ×
 * billed days / days in the period, converted with its stated rate when in another currency)
 * and rounded once to the currency's minor unit; the invoice net is the sum of the rounded
 * lines; VAT is computed per category and rate on that sum and rounded once (EN 16931
 * BR-CO-17); each provider's share of VAT is split from those totals by largest remainder.
 */
import { divide, formatExact, integer, isDecimal, minorDigits, multiply, parseDecimal, toMinorUnits, type Fraction } from './decimal.js'
import { inPeriod } from './period.js'
import { currencyWithoutRate, invalidAmount, unknownProvider, unknownUsageComponent, vatRateUnknown } from './refusals.js'
import { settle } from './settlement.js'
import { memberSegments, type Segment } from './timeline.js'
import type {
  BillingInput, BillingIssue, BillingResult, Conversion, ExchangeRate, InvoiceLine, LineVat, MemberInput,
  PartyInput, PriceComponentInput, SubscriptionInput, VatBreakdown
} from './types.js'
import { lineVat, standardVatRates } from './vat.js'

/**
 * Computes the invoice of `input.customer` for `input.period`; problems (a currency without a
 * rate, a country without a VAT rate, usage for an unknown component) come back as issues.
 *
 * @example
 * const result = computeInvoice({ customer, providers, period: parsePeriod('2026-12'), currency: 'EUR', subscriptions })
 * if (result.ok) console.log(result.invoice.gross)
 */
export function computeInvoice (input: BillingInput): BillingResult {
  const issues: BillingIssue[] = []
  const lines: InvoiceLine[] = []
  const digits = minorDigits(input.currency)
  const rates = input.vatRates ?? standardVatRates
  for (const subscription of input.subscriptions) {
    if (subscription.customer !== input.customer.id) continue
    for (const member of subscription.members) {
      const provider = input.providers.get(member.provider)
      if (provider === undefined) {
        issues.push(unknownProvider(member.provider, member.service))
        continue
      }
      const vat = lineVat(input.customer, provider, rates)
      if (vat === undefined) {
        const country = input.customer.country === provider.country ? provider.country : input.customer.country
        issues.push(vatRateUnknown(member.service, country))
        continue
      }
      const context: LineContext = { input, subscription, member, provider, vat, digits, issues }
      for (const component of member.components) lines.push(...componentLines(context, component))
    }
  }
  checkUsage(input, issues)
  if (input.commission !== undefined && !isDecimal(input.commission)) {
    issues.push(invalidAmount({ kind: 'commission', value: input.commission }))
  }
  if (issues.length > 0) return { ok: false, issues }
  lines.sort(compareLines)
  const vat = vatBreakdown(lines, digits)
  const net = lines.reduce((sum, line) => sum + line.net, 0)
  const tax = vat.reduce((sum, group) => sum + group.tax, 0)
  const shares = settle(lines, vat, input.providers, parseDecimal(input.commission ?? '0'))
  return { ok: true, invoice: { customer: input.customer, period: input.period, currency: input.currency, minorDigits: digits, lines, vat, net, tax, gross: net + tax, shares } }
}

interface LineContext {
  readonly input: BillingInput
  readonly subscription: SubscriptionInput
  readonly member: MemberInput
  readonly provider: PartyInput
  readonly vat: LineVat
  readonly digits: number
  readonly issues: BillingIssue[]
}

function componentLines (context: LineContext, component: PriceComponentInput): InvoiceLine[] {
  const { input, subscription, member, issues } = context
  if (!isDecimal(component.unitPrice)) {
    issues.push(invalidAmount({ kind: 'unitPrice', value: component.unitPrice, component: component.id }))
    return []
  }
  const price = priceIn(component, input, issues)
  if (price === undefined) return []
  if (component.countedBy === 'usage') return usageLine(context, component, price)
  if (component.period === 'once') {
    if (!inPeriod(member.addedAt, input.period)) return []
    if (subscription.cancelledAt !== undefined && Date.parse(subscription.cancelledAt) <= Date.parse(member.addedAt)) return []
    const day = member.addedAt.slice(0, 10)
    return [line(context, component, price, { from: day, until: day, days: input.period.days, count: integer(1), quantity: integer(1), unit: 'C62', baseQuantity: 1 })]
  }
  return countedSegments(component, memberSegments(subscription, member, input.period)).flatMap(({ count, ...segment }) => {
    if (count === 0) return []
    const whole = segment.days === input.period.days
    return [line(context, component, price, {
      from: segment.from,
      until: segment.until,
      days: segment.days,
      count: integer(count),
      // A whole month is `count` months; a part of it is `count × days` days at the monthly price per days-in-month.
      quantity: integer(whole ? count : count * segment.days),
      unit: whole ? 'MON' : 'DAY',
      baseQuantity: whole ? 1 : input.period.days
    })]
  })
}

function usageLine (context: LineContext, component: PriceComponentInput, price: Price): InvoiceLine[] {
  const { input, subscription, member } = context
  const records = (input.usage ?? []).filter(r =>
    r.subscription === subscription.id && r.service === member.service && r.component === component.id && inPeriod(r.at, input.period))
  if (records.length === 0) return []
  const total = records.reduce<Fraction>((sum, r) => addFractions(sum, parseDecimal(r.quantity)), integer(0))
  return [line(context, component, price, { from: input.period.start, until: lastDay(input), days: input.period.days, count: total, quantity: total, unit: component.unit ?? 'C62', baseQuantity: 1 })]
}

interface Price {
  /** The unit price in the invoice currency, exact. */
  readonly value: Fraction
  readonly conversion?: Conversion
}

function priceIn (component: PriceComponentInput, input: BillingInput, issues: BillingIssue[]): Price | undefined {
  const value = parseDecimal(component.unitPrice)
  if (component.currency === input.currency) return { value }
  const rate = findRate(input.rates ?? [], component.currency, input.currency)
  if (rate === undefined) {
    issues.push(currencyWithoutRate(component.id, component.currency, input.currency))
    return undefined
  }
  return { value: multiply(value, parseDecimal(rate.rate)), conversion: { currency: component.currency, unitPrice: component.unitPrice, rate } }
}

function findRate (rates: readonly ExchangeRate[], from: string, to: string): ExchangeRate | undefined {
  return rates.find(r => r.from === from && r.to === to && isDecimal(r.rate))
}

interface Quantities {
  readonly from: string
  readonly until: string
  readonly days: number
  readonly count: Fraction
  readonly quantity: Fraction
  readonly unit: string
  readonly baseQuantity: number
}

function line (context: LineContext, component: PriceComponentInput, price: Price, q: Quantities): InvoiceLine {
  const { subscription, member, provider, vat, digits } = context
  const exactNet = divide(multiply(price.value, q.quantity), integer(q.baseQuantity))
  return {
    id: `${subscription.id}|${member.service}|${component.id}|${q.from}`,
    subscription: subscription.id,
    provider: member.provider,
    providerName: provider.name,
    service: member.service,
    ...(member.label === undefined ? {} : { serviceLabel: member.label }),
    offer: member.offer,
    priceComponent: component.id,
    component: component.component,
    ...(component.label === undefined ? {} : { componentLabel: component.label }),
    countedBy: component.countedBy,
    from: q.from,
    until: q.until,
    days: q.days,
    count: formatExact(q.count) ?? '0',
    quantity: formatExact(q.quantity) ?? '0',
    unit: q.unit,
    // Converted prices keep up to 6 decimals (EN 16931 allows more than 2 for BT-146); the net uses the exact value.
    unitPrice: formatExact(price.value, digits, 6) ?? formatExact(roundTo(price.value, 6), digits, 6)!,
    baseQuantity: q.baseQuantity,
    net: toMinorUnits(exactNet, digits),
    vat,
    ...(price.conversion === undefined ? {} : { conversion: price.conversion })
  }
}

function roundTo (value: Fraction, decimals: number): Fraction {
  const scale = 10n ** BigInt(decimals)
  return { num: BigInt(toMinorUnits(value, decimals)), den: scale }
}

/** Segments with this component's count; neighbours with the same count merge (a flat fee does not split at a seat change). */
function countedSegments (component: PriceComponentInput, segments: readonly Segment[]): Array<Segment & { count: number }> {
  const out: Array<Segment & { count: number }> = []
  for (const segment of segments) {
    const count = countOf(component, segment)
    const last = out.at(-1)
    if (last !== undefined && last.count === count && isNextDay(last.until, segment.from)) {
      out[out.length - 1] = { ...last, until: segment.until, days: last.days + segment.days }
    } else {
      out.push({ ...segment, count })
    }
  }
  return out
}

function isNextDay (previous: string, day: string): boolean {
  return Date.parse(`${previous}T00:00:00Z`) + 86_400_000 === Date.parse(`${day}T00:00:00Z`)
}

function countOf (component: PriceComponentInput, segment: Segment): number {
  switch (component.countedBy) {
    case 'seats': return segment.seats
    case 'concurrentSeats': return segment.concurrentSeats
    case 'flat': return 1
    case 'usage': return 0
  }
}

function vatBreakdown (lines: readonly InvoiceLine[], digits: number): VatBreakdown[] {
  const groups = new Map<string, { category: VatBreakdown['category'], rate: string, taxable: number }>()
  for (const l of lines) {
    const key = `${l.vat.category}|${l.vat.rate}`
    const group = groups.get(key) ?? { category: l.vat.category, rate: l.vat.rate, taxable: 0 }
    group.taxable += l.net
    groups.set(key, group)
  }
  return [...groups.values()]
    .sort((a, b) => a.category.localeCompare(b.category) || Number(a.rate) - Number(b.rate))
    .map(g => ({ ...g, tax: toMinorUnits(multiply({ num: BigInt(g.taxable), den: 10n ** BigInt(digits) }, divide(parseDecimal(g.rate), integer(100))), digits) }))
}

function checkUsage (input: BillingInput, issues: BillingIssue[]): void {
  for (const record of input.usage ?? []) {
    if (!inPeriod(record.at, input.period)) continue
    const subscription = input.subscriptions.find(s => s.id === record.subscription)
    const member = subscription?.members.find(m => m.service === record.service)
    const component = member?.components.find(c => c.id === record.component)
    if (component === undefined || component.countedBy !== 'usage') {
      issues.push(unknownUsageComponent(record))
    } else if (!isDecimal(record.quantity)) {
      issues.push(invalidAmount({ kind: 'usageQuantity', value: record.quantity, record: record.id }))
    }
  }
}

function addFractions (a: Fraction, b: Fraction): Fraction {
  return { num: a.num * b.den + b.num * a.den, den: a.den * b.den }
}

function lastDay (input: BillingInput): string {
  return new Date(Date.parse(`${input.period.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
}

function compareLines (a: InvoiceLine, b: InvoiceLine): number {
  return a.provider.localeCompare(b.provider) || a.subscription.localeCompare(b.subscription) ||
    a.service.localeCompare(b.service) || a.priceComponent.localeCompare(b.priceComponent) || a.from.localeCompare(b.from)
}
