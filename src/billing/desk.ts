/**
 * The billing desk: settings, customer profiles, usage reports, billing runs and the ledger,
 * over the store's operations graphs. The caller passes the clock and where booked
 * subscriptions come from.
 */
import type { Catalog } from '../catalog/index.js'
import { SymphonyError } from '../errors.js'
import { graphs } from '../project.js'
import type { Store } from '../store/index.js'
import { toSubscriptionInput, type BookedSubscription } from './booked.js'
import type { BuyerDetails, IssuedInvoice, PostalAddress, SellerDetails } from './issued.js'
import { readJsonGraph, writeJsonGraph } from './json-graph.js'
import { inPeriod, parsePeriod } from './period.js'
import { providerParties } from './provider-parties.js'
import { correctInvoice, runBilling, type RunOutcome } from './run.js'
import { storeLedger } from './store-ledger.js'
import type { ExchangeRate, PartyInput, UsageRecord } from './types.js'
import type { BillingWarning } from './warnings.js'
import type { InvoiceLedger } from './ledger.js'

/** The operator's billing settings. */
export interface BillingSettings {
  readonly seller: SellerDetails
  /** Currency of the invoices. */
  readonly currency: string
  readonly commission?: string
  readonly vatRates?: Readonly<Record<string, string>>
  readonly rates?: readonly ExchangeRate[]
  readonly paymentDays?: number
}

/** What a customer states for its invoices. */
export interface CustomerProfile {
  readonly name: string
  readonly country: string
  readonly vatId?: string
  readonly business: boolean
  readonly address: PostalAddress
  readonly email: string
  readonly reference?: string
}

export interface BillingDeskOptions {
  readonly store: Store
  readonly catalog: () => Promise<Catalog>
  /** Booked subscriptions, all customers'. */
  readonly subscriptions: () => Promise<readonly BookedSubscription[]>
  /** Now; tests pass a clock they move. */
  readonly now: () => Date
}

const base = `${graphs.operations}billing/`

/**
 * A customer's outcome in a run; `noProfile` names a customer it could not bill. `warnings`
 * name what was left off the customer's invoice (`UNPRICED_MEMBER`, `UNBILLABLE_COMPONENT`).
 */
export type DeskRunOutcome = (RunOutcome | { readonly customer: string, readonly status: 'noProfile' }) & { readonly warnings?: readonly BillingWarning[] }

export class BillingDesk {
  readonly ledger: InvoiceLedger
  constructor (private readonly options: BillingDeskOptions) {
    this.ledger = storeLedger(options.store)
  }

  async settings (): Promise<BillingSettings | undefined> {
    return readJsonGraph<BillingSettings>(this.options.store, `${base}settings`)
  }

  async setSettings (settings: BillingSettings): Promise<void> {
    await writeJsonGraph(this.options.store, `${base}settings`, `${base}settings`, settings)
  }

  async profile (customer: string): Promise<CustomerProfile | undefined> {
    return readJsonGraph<CustomerProfile>(this.options.store, profileGraph(customer))
  }

  async setProfile (customer: string, profile: CustomerProfile): Promise<void> {
    await writeJsonGraph(this.options.store, profileGraph(customer), customer, profile)
  }

  /**
   * Records a provider's usage report; the same record id again for the same member replaces it
   * (reports are idempotent). Ids are the provider's own: the record is kept per member, so another
   * provider of the subscription reporting under the same id never replaces it.
   */
  async reportUsage (record: UsageRecord): Promise<void> {
    const subscription = `${base}usage/${encodeURIComponent(record.subscription)}/`
    // Kept by subscription and id alone before: that record is replaced in the same write when it is this member's.
    const earlier = `${subscription}${encodeURIComponent(record.id)}`
    const replaced = (await readJsonGraph<UsageRecord>(this.options.store, earlier))?.service === record.service ? [earlier] : []
    await writeJsonGraph(this.options.store, `${subscription}member/${encodeURIComponent(record.service)}/${encodeURIComponent(record.id)}`, record.subscription, record, replaced)
  }

  async usage (period: string): Promise<UsageRecord[]> {
    const p = parsePeriod(period)
    const names = (await this.options.store.graphs()).map(g => g.graph).filter(g => g.startsWith(`${base}usage/`)).sort()
    const records: UsageRecord[] = []
    for (const name of names) {
      const record = await readJsonGraph<UsageRecord>(this.options.store, name)
      if (record !== undefined && inPeriod(record.at, p)) records.push(record)
    }
    return records
  }

  /** Bills every customer with a subscription for the month `period` (`YYYY-MM`). */
  async run (period: string): Promise<DeskRunOutcome[]> {
    const billingPeriod = parsePeriod(period)
    const settings = await this.settings()
    if (settings === undefined) {
      throw new SymphonyError('CONFLICT', {
        en: 'billing has no settings yet: the operator sets the seller, currency and bank account first (PUT /billing/settings, or symphony billing settings --set <file.json>)',
        de: 'die Abrechnung hat noch keine Einstellungen: der Betreiber legt zuerst Verkäufer, Währung und Bankkonto fest (PUT /billing/settings oder symphony billing settings --set <datei.json>)'
      })
    }
    const catalog = await this.options.catalog()
    const booked = await this.options.subscriptions()
    const usage = await this.usage(period)
    const byCustomer = new Map<string, BookedSubscription[]>()
    for (const s of booked) byCustomer.set(s.customer, [...(byCustomer.get(s.customer) ?? []), s])
    const providers = await providerParties(this.options.store, [...new Set(booked.flatMap(s => s.members.map(m => m.provider)))])
    const outcomes: DeskRunOutcome[] = []
    for (const [customer, subscriptions] of [...byCustomer].sort(([a], [b]) => a.localeCompare(b))) {
      const converted = subscriptions.map(s => toSubscriptionInput(s, catalog))
      const warnings = converted.flatMap(c => c.warnings)
      const withWarnings = <T extends object>(outcome: T): T & { warnings?: readonly BillingWarning[] } => warnings.length === 0 ? outcome : { ...outcome, warnings }
      const profile = await this.profile(customer)
      if (profile === undefined) {
        outcomes.push(withWarnings({ customer, status: 'noProfile' as const }))
        continue
      }
      const party: PartyInput = { id: customer, name: profile.name, country: profile.country, business: profile.business, ...(profile.vatId === undefined ? {} : { vatId: profile.vatId }) }
      const buyer: BuyerDetails = { address: profile.address, email: profile.email, ...(profile.reference === undefined ? {} : { reference: profile.reference }) }
      const inputs = converted.map(c => c.subscription)
      outcomes.push(...(await runBilling([{
        buyer,
        input: {
          customer: party,
          providers,
          period: billingPeriod,
          currency: settings.currency,
          subscriptions: inputs,
          usage,
          ...(settings.rates === undefined ? {} : { rates: settings.rates }),
          ...(settings.vatRates === undefined ? {} : { vatRates: settings.vatRates }),
          ...(settings.commission === undefined ? {} : { commission: settings.commission })
        }
      }], { seller: settings.seller, ledger: this.ledger, issueDate: this.today(), ...(settings.paymentDays === undefined ? {} : { paymentDays: settings.paymentDays }) })).map(withWarnings))
    }
    return outcomes
  }

  /** Reverses an issued invoice with a credit note (operator). */
  async correct (number: string, reason: string): Promise<IssuedInvoice> {
    const note = await correctInvoice(this.ledger, number, { issueDate: this.today(), reason })
    if (note === undefined) {
      throw new SymphonyError('NOT_FOUND', {
        en: `no invoice ${number} to correct (credit notes are not corrected)`,
        de: `keine Rechnung ${number} zum Korrigieren (Gutschriften werden nicht korrigiert)`
      })
    }
    return note
  }

  private today (): string {
    return this.options.now().toISOString().slice(0, 10)
  }
}

function profileGraph (customer: string): string {
  return `${base}customers/${encodeURIComponent(customer)}`
}
