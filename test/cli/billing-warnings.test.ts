/**
 * `symphony billing run` says what it left off an invoice on stderr in the reader's language
 * (`--lang`, else the locale), on a running server whose catalog no longer has a booked service;
 * a refused customer's reasons and the text listings are in that language too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BookedSubscription } from '../../src/billing/index.js'
import type { Catalog } from '../../src/catalog/index.js'
import { seller } from '../billing/e-invoice-fixtures.js'
import { berg, bergToken, openTestApp, operatorToken, type TestApp } from '../api/helpers.js'
import { runCli } from './run-cli.js'

const telvana = 'https://example.org/telvana#'
const kundenwerk = 'https://example.org/kundenwerk#'
const subscription = 'https://w3id.org/symphony/subscription/berg-1'

/**
 * A served example catalog whose billing books Kanzlei Berg the members made from its catalog,
 * invoiced in `currency`: the app, and the server's address and the operator's token as CLI options.
 */
async function servedBilling (members: (catalog: Catalog) => BookedSubscription['members'], currency: string): Promise<{ t: TestApp, api: string[] }> {
  const booked: BookedSubscription[] = []
  const t = await openTestApp({ seedExamples: true, api: { billing: { subscriptions: async () => booked, now: () => new Date('2027-01-02T08:00:00Z') } } })
  booked.push({ iri: subscription, customer: berg, startedAt: '2026-12-01T09:00:00Z', seats: 5, concurrentSeats: 0, members: members(await t.engine.catalog()), seatChanges: [] })
  const put = async (url: string, token: string, payload: object): Promise<void> => {
    const response = await t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${token}` }, payload })
    expect(response.statusCode, response.body).toBe(200)
  }
  await put('/billing/settings', operatorToken, { seller, currency })
  await put('/billing/profile', bergToken, { name: 'Kanzlei Berg', country: 'DE', vatId: 'DE123456789', business: true, address: { street: 'Ring 1', city: 'Köln', postcode: '50667', country: 'DE' }, email: 'rechnung@berg.example' })
  return { t, api: ['--api', await t.app.listen({ port: 0, host: '127.0.0.1' }), '--token', operatorToken] }
}

/** Telvana's Cloud PBX with its first offer, booked at the start of the period. */
const cloudPBX = (catalog: Catalog): BookedSubscription['members'][number] =>
  ({ service: `${telvana}CloudPBX`, provider: `${telvana}Telvana`, offer: catalog.services.get(`${telvana}CloudPBX`)!.offers[0]!.id, addedAt: '2026-12-01T09:00:00Z' })

describe('symphony billing run: warnings in English and German', () => {
  let t: TestApp
  let api: string[]
  beforeAll(async () => {
    // A member the catalog no longer has: it is left off the invoice with a warning.
    ({ t, api } = await servedBilling(catalog => [cloudPBX(catalog), { service: `${kundenwerk}Withdrawn`, provider: `${kundenwerk}Kundenwerk`, offer: null, addedAt: '2026-12-01T09:00:00Z' }], 'EUR'))
  }, 120_000)
  afterAll(async () => { await t.close() })

  it('prints each warning on stderr in English, in German with --lang de or a German locale', async () => {
    const english = await runCli(['billing', 'run', '--period', '2026-12', ...api])
    expect([english.code, english.stderr]).toEqual([0, `warning UNPRICED_MEMBER (${berg}): ${kundenwerk}Withdrawn of ${subscription} is not billed: the catalog no longer has the service; publish its offer again or correct the subscription, then run the period again\n`])
    expect(JSON.parse(english.stdout).outcomes[0].warnings[0].code).toBe('UNPRICED_MEMBER')
    const german = `Warnung UNPRICED_MEMBER (${berg}): ${kundenwerk}Withdrawn von ${subscription} wird nicht abgerechnet: der Katalog hat den Dienst nicht mehr; veröffentlichen Sie sein Angebot erneut oder berichtigen Sie das Abonnement, dann rechnen Sie den Zeitraum erneut ab\n`
    const byOption = await runCli(['billing', 'run', '--period', '2026-12', '--lang', 'de', '--format', 'text', ...api])
    expect([byOption.code, byOption.stderr]).toEqual([0, german])
    expect(byOption.stdout).toMatch(/^unverändert {2}https:\/\/w3id\.org\/symphony\/customer\/kanzlei-berg {2}INV-2026-12-kanzlei-berg {2}brutto \d+,\d\d\u00a0€\n$/)
    const byLocale = await runCli(['billing', 'run', '--period', '2026-12', ...api], { env: { LANG: 'de_DE.UTF-8' } })
    expect(byLocale.stderr).toBe(german)
    expect(JSON.parse(byLocale.stdout).outcomes[0].warnings[0].message).toBe(german.replace(/^Warnung UNPRICED_MEMBER \([^)]*\): /, '').trim())
  }, 120_000)

  it('lists invoices as text in English, in German with --lang de', async () => {
    // Amounts as the language writes money: €123.45, in German 123,45 € (with a no-break space)
    const line = (words: [string, string, string, string, string, string], amount: string): RegExp => new RegExp(
      `^INV-2026-12-kanzlei-berg {2}${words[0]} {2}2026-12 {2}${berg} {2}${words[1]} ${amount} {2}${words[2]} ${amount} {2}${words[3]} ${amount} {2}${words[4]} 2027-01-02, ${words[5]} \\d{4}-\\d\\d-\\d\\d\\n$`)
    const english = await runCli(['invoices', 'list', '--format', 'text', ...api])
    expect(english.stdout).toMatch(line(['invoice', 'net', 'VAT', 'gross', 'issued', 'due'], '€[\\d,]+\\.\\d\\d'))
    const german = await runCli(['invoices', 'list', '--format', 'text', '--lang', 'de', ...api])
    expect(german.stdout).toMatch(line(['Rechnung', 'netto', 'USt\\.', 'brutto', 'ausgestellt', 'fällig'], '[\\d.]+,\\d\\d\u00a0€'))
  }, 120_000)
})

describe('symphony billing run: refusals in English and German', () => {
  let t: TestApp
  let api: string[]
  beforeAll(async () => {
    // Invoiced in US dollars, priced in euros, with no exchange rate: the run refuses the customer.
    ({ t, api } = await servedBilling(catalog => [cloudPBX(catalog)], 'USD'))
  }, 120_000)
  afterAll(async () => { await t.close() })

  it('says why a customer is refused in English, in German with --lang de', async () => {
    const english = await runCli(['billing', 'run', '--period', '2026-12', '--format', 'text', ...api])
    expect(english.code).toBe(1)
    const [head, ...reasons] = english.stdout.trimEnd().split('\n')
    expect(head).toBe(`refused    ${berg}`)
    // One refusal per price component of the booked offer, each priced in euros.
    const components = reasons.map(line => /^ {2}CURRENCY_WITHOUT_RATE: (\S+) is priced in EUR, the invoice in USD; state an exchange rate EUR→USD or invoice in EUR$/.exec(line)?.[1])
    expect(components.length).toBe(3)
    expect(components.every(c => c?.startsWith(`${telvana}CloudPBX`))).toBe(true)
    const german = await runCli(['billing', 'run', '--period', '2026-12', '--format', 'text', '--lang', 'de', ...api])
    expect(german.code).toBe(1)
    expect(german.stdout).toBe([
      `abgelehnt    ${berg}`,
      ...components.map(c => `  CURRENCY_WITHOUT_RATE: ${c} hat einen Preis in EUR, die Rechnung ist in USD; geben Sie einen Wechselkurs EUR→USD an oder stellen Sie die Rechnung in EUR`)
    ].join('\n') + '\n')
  }, 120_000)
})
