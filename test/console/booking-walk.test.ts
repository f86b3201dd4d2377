/**
 * The console's headline walk on the example catalog, in Chromium, in English and in German: a
 * customer composes a virtual PBX + CRM + ACD + archiving bundle with its data in the EU, opens
 * the joint form of a bundle whose providers the sandbox serves (seats prefilled), fills what is
 * required and saves it, books the bundle with that configuration, watches every provider's item
 * complete, changes the seats of the subscription (re-priced as the API prices it) and cancels
 * it. Every page visited passes axe; the German walk runs on a phone and nothing is wider than it.
 * The customer's webhook is set, shown and removed on the subscriptions page.
 *
 * The example files are used as they are; the sandbox listens on a free port and takes the
 * requests for the address the adapters name, as `serve --sandbox-port 0` does.
 */
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { args, executablePath, pageProblems } from './browser.js'
import { openExampleMarketplace } from '../sandbox/example-marketplace.js'
import type { ExampleMarketplace } from '../sandbox/example-marketplace.js'

const sym = 'https://w3id.org/symphony/ontology#'
const wantedTypes = [`${sym}VirtualPBX`, `${sym}CRM`, `${sym}ACD`, `${sym}ArchivingService`]
/** The bundle booked: CallStream answers at once, Vaultline slowly (the sandbox's slow provider). */
const chosen = ['https://example.org/callstream#CloudPhone', 'https://example.org/callstream#ContactCenter', 'https://example.org/vaultline#Archive']
const slow = { timeout: 420_000 }
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read fields of JSON answers of several shapes
type Answer = any

/** What the walk reads and clicks, in each language: the console's texts and the form's labels. */
const texts = {
  en: {
    locale: 'en-GB', viewport: { width: 1280, height: 900 },
    token: 'Access token', signin: 'Sign in', signedIn: (name: string) => `Signed in as ${name} (customer)`,
    navCompose: 'Bundle', navConfigure: 'Configure', navConfigurations: 'My configurations', navSubscriptions: 'Subscriptions',
    wantedTypes: 'Service types wanted', countries: 'Or in these countries (ISO codes such as DE, AT)', seats: 'Seats', findBundles: 'Find bundles',
    showBundle: (n: number) => `Show bundle ${n}`, configureBundle: 'Configure this bundle', save: 'Check and save',
    fixErrors: (n: number) => `${n} field${n === 1 ? ' needs' : 's need'} attention.`,
    saved: 'The configuration conforms and was saved.', configures: 'Configures', withConfiguration: 'Configuration booked with it:',
    book: 'Book this bundle', order: (id: string) => `Order ${id}`, completed: 'completed', subscription: 'Subscription',
    summary: (seats: number, price: string) => `Seats: ${seats} · Monthly price: ${price}`,
    changeSeats: 'Change seats', cancel: 'Cancel subscription', cancelYes: 'Yes, cancel it', cancelled: 'cancelled', state: 'State',
    form: {
      seatCount: 'Number of users', mainNumber: 'Main number', numberBlock: 'New number block',
      alternatives: 'Fill in exactly one of: Port existing numbers; New number block.', sipAccounts: 'SIP accounts', displayName: 'Display name', extension: 'Extension',
      sipUsername: 'SIP user name', businessHours: 'Business hours', days: 'Days', weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
      emergency: 'Emergency call location', street: 'Street and number', postalCode: 'Postal code', city: 'City', country: 'Country',
      companyName: 'Company name', queues: 'Queues', queueName: 'Name', queueExtension: 'Queue extension', routing: 'Routing strategy', routingChoice: 'Round robin',
      agents: 'Number of agents', retention: 'Retention rules', documentClass: 'Document class', documentChoice: 'Business letter', storage: 'Storage location', ireland: 'Ireland (IE)',
      linkQueue: 'Queue extension in the PBX', fallback: 'Fallback destination'
    },
    webhook: {
      title: 'Notifications (webhook)', none: 'No webhook is set: events are not sent anywhere.', url: 'Webhook address (URL)', set: 'Set webhook',
      current: 'Events are sent to', secret: 'Signing secret', remove: 'Remove webhook', keep: 'Keep it', yes: 'Yes, remove it', removed: 'The webhook was removed.'
    }
  },
  de: {
    locale: 'de-DE', viewport: { width: 390, height: 844 },
    token: 'Zugangstoken', signin: 'Anmelden', signedIn: (name: string) => `Angemeldet als ${name} (Kunde)`,
    navCompose: 'Bündel', navConfigure: 'Konfigurieren', navConfigurations: 'Meine Konfigurationen', navSubscriptions: 'Abonnements',
    wantedTypes: 'Gewünschte Diensttypen', countries: 'Oder in diesen Ländern (ISO-Codes wie DE, AT)', seats: 'Arbeitsplätze', findBundles: 'Bündel finden',
    showBundle: (n: number) => `Bündel ${n} zeigen`, configureBundle: 'Dieses Bündel konfigurieren', save: 'Prüfen und speichern',
    fixErrors: (n: number) => `${n} Feld${n === 1 ? ' braucht' : 'er brauchen'} Ihre Aufmerksamkeit.`,
    saved: 'Die Konfiguration ist gültig und wurde gespeichert.', configures: 'Konfiguriert', withConfiguration: 'Mitgebuchte Konfiguration:',
    book: 'Dieses Bündel buchen', order: (id: string) => `Bestellung ${id}`, completed: 'abgeschlossen', subscription: 'Abonnement',
    summary: (seats: number, price: string) => `Arbeitsplätze: ${seats} · Monatspreis: ${price}`,
    changeSeats: 'Arbeitsplätze ändern', cancel: 'Abonnement kündigen', cancelYes: 'Ja, kündigen', cancelled: 'storniert', state: 'Status',
    form: {
      seatCount: 'Anzahl der Benutzer', mainNumber: 'Hauptrufnummer', numberBlock: 'Neuer Rufnummernblock',
      alternatives: 'Genau eines davon ausfüllen: Bestehende Rufnummern portieren; Neuer Rufnummernblock.', sipAccounts: 'SIP-Konten', displayName: 'Anzeigename', extension: 'Durchwahl',
      sipUsername: 'SIP-Benutzername', businessHours: 'Geschäftszeiten', days: 'Wochentage', weekdays: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag'],
      emergency: 'Standort für Notrufe', street: 'Straße und Hausnummer', postalCode: 'Postleitzahl', city: 'Ort', country: 'Land',
      companyName: 'Firmenname', queues: 'Warteschlangen', queueName: 'Name', queueExtension: 'Durchwahl der Warteschlange', routing: 'Verteilstrategie', routingChoice: 'Reihum',
      agents: 'Anzahl der Agenten', retention: 'Aufbewahrungsregeln', documentClass: 'Dokumentklasse', documentChoice: 'Handels- und Geschäftsbrief', storage: 'Speicherstandort', ireland: 'Irland (IE)',
      linkQueue: 'Durchwahl der Warteschlange in der Telefonanlage', fallback: 'Ausweichziel'
    },
    webhook: {
      title: 'Benachrichtigungen (Webhook)', none: 'Kein Webhook eingerichtet: Ereignisse werden nirgendwohin gesendet.', url: 'Webhook-Adresse (URL)', set: 'Webhook einrichten',
      current: 'Ereignisse gehen an', secret: 'Signaturgeheimnis', remove: 'Webhook entfernen', keep: 'Behalten', yes: 'Ja, entfernen', removed: 'Der Webhook wurde entfernt.'
    }
  }
} as const

type Language = keyof typeof texts

describe.skipIf(!existsSync(executablePath) && process.env.CI !== 'true')('console: the booking walk on the example catalog', () => {
  let marketplace: ExampleMarketplace
  let url: string
  let tokens: Readonly<Record<string, string>>
  let browser: Browser
  const call = async (method: string, path: string, token: string, body?: unknown): Promise<{ status: number, body: Answer }> => {
    const response = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await response.text()
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) }
  }

  beforeAll(async () => {
    marketplace = await openExampleMarketplace({ en: 'Kanzlei Weber', de: 'Praxis Lind' })
    ;({ url, tokens } = marketplace)
    browser = await chromium.launch({ executablePath, args })
  }, 240_000)
  afterAll(async () => {
    await browser?.close()
    await marketplace?.close()
  })

  /** A signed-in tab in the language; `problems` collects every page's axe violations and overflow. */
  async function signedIn (language: Language, name: string): Promise<{ context: BrowserContext, page: Page, problems: string[], errors: string[], check: (page: string) => Promise<void> }> {
    const x = texts[language]
    const context = await browser.newContext({ viewport: x.viewport, locale: x.locale })
    const page = await context.newPage()
    const problems: string[] = []
    const errors: string[] = []
    page.on('pageerror', error => errors.push(error.message))
    const check = async (where: string): Promise<void> => {
      await page.waitForFunction(() => document.querySelector('main .loading') === null)
      problems.push(...await pageProblems(page, `${language} ${where}`))
    }
    await page.goto(`${url}/#/signin`)
    await page.getByLabel(x.token).fill(tokens[language]!)
    await check('sign-in')
    await page.getByRole('button', { name: x.signin, exact: true }).click()
    await page.waitForFunction(() => window.location.hash === '#/subscriptions')
    expect(await page.locator('#account span').textContent()).toBe(x.signedIn(name))
    return { context, page, problems, errors, check }
  }

  /** A form field by its label inside a part of the form (a section's or a nested fieldset's legend). */
  function within (scope: Locator, legend: string): Locator {
    return scope.locator(`xpath=.//fieldset[legend[starts-with(normalize-space(.), ${JSON.stringify(legend)})]]`).first()
  }

  /** A form field by its whole label, which a required field's mark may follow ("Extension (required)", not "Extension length"). */
  function field (scope: Locator, label: string): Locator {
    return scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?: \\*)?(?: \\(.*\\))?$`))
  }

  for (const [language, name] of [['en', 'Kanzlei Weber'], ['de', 'Praxis Lind']] as const) {
    it(`composes, configures, books, re-prices and cancels a bundle (${language}, ${texts[language].viewport.width} px)`, slow, async () => {
      const x = texts[language]
      const { context, page, problems, errors, check } = await signedIn(language, name)
      try {
        // 1. The bundle: the four types chosen by their names, the data location typed, 12 seats.
        const vocabulary = (await call('GET', `/catalog/vocabulary?lang=${language}`, tokens[language]!)).body as { serviceTypes: Array<{ iri: string, label: string }> }
        const typeNames = wantedTypes.map(iri => vocabulary.serviceTypes.find(s => s.iri === iri)!.label)
        await page.getByRole('link', { name: x.navCompose, exact: true }).click()
        await page.waitForSelector('form select[name=serviceTypes]')
        await page.getByLabel(x.wantedTypes).selectOption(typeNames.map(label => ({ label })))
        await page.getByLabel(x.countries).fill('EU')
        await page.getByLabel(x.seats, { exact: true }).fill('12')
        await check('compose form')
        await page.getByRole('button', { name: x.findBundles }).click()
        await page.waitForSelector('article.bundle')
        // The bundles are those the API composes for the request in the route.
        const request = JSON.parse(new URLSearchParams((await page.evaluate(() => window.location.hash)).split('?')[1]).get('request')!)
        expect([...request.serviceTypes].sort()).toEqual([...wantedTypes].sort())
        expect(request.constraints.dataLocation).toEqual(['EU'])
        expect(request.seats).toBe(12)
        const composed = (await call('POST', `/compose?lang=${language}`, tokens[language]!, request)).body as { bundles: Array<{ services: string[], price: { monthly: number } }> }
        expect(composed.bundles.map(b => [...b.services].sort())).toContainEqual(chosen)
        const rank = composed.bundles.findIndex(b => [...b.services].sort().join(' ') === chosen.join(' ')) + 1
        expect(await page.locator('table.bundles-table tbody tr').count()).toBe(composed.bundles.length)
        await check('bundles')

        // 2. Its joint form: seats prefilled, the required values filled, saved.
        await page.getByRole('button', { name: x.showBundle(rank), exact: true }).click()
        await page.getByRole('button', { name: x.configureBundle }).click()
        await page.waitForSelector('.joint-form')
        const form = page.locator('form[aria-labelledby=configure-heading]')
        const f = x.form
        expect(await field(form, f.seatCount).inputValue()).toBe('12')
        await check('configure')
        await form.getByRole('button', { name: x.save }).click()
        await page.waitForSelector('.joint-form [aria-invalid=true]')
        expect(await page.locator('.joint-form > .alert p').first().textContent()).toMatch(new RegExp(`^${x.fixErrors(2).replace(/^2/, '\\d+')}$`))
        const phone = form.locator('fieldset.section[data-pointer="/services/CloudPhone"]')
        await field(phone, f.mainNumber).fill('+4930901820')
        // The section says which of its alternatives to fill: a new number block rather than porting.
        expect(await phone.locator('.alternatives').first().textContent()).toBe(f.alternatives)
        await field(phone, f.numberBlock).selectOption({ label: '10' })
        const sip = within(phone, f.sipAccounts)
        await field(sip, f.displayName).fill(language === 'de' ? 'Empfang' : 'Reception')
        await field(sip, f.extension).fill('100')
        await field(sip, f.sipUsername).fill('reception')
        await field(within(phone, f.businessHours), f.days).selectOption(f.weekdays.map(label => ({ label })))
        const emergency = within(phone, f.emergency)
        await field(emergency, f.street).fill('Markt 2')
        await field(emergency, f.postalCode).fill('53111')
        await field(emergency, f.city).fill('Bonn')
        await field(emergency, f.country).fill('DE')
        const center = form.locator('fieldset.section[data-pointer="/services/ContactCenter"]')
        await field(center, f.companyName).fill(name)
        const queue = within(center, f.queues)
        await field(queue, f.queueName).fill(language === 'de' ? 'Zentrale' : 'Front desk')
        await field(queue, f.queueExtension).fill('200')
        await field(queue, f.routing).selectOption({ label: f.routingChoice })
        await field(center, f.agents).fill('4')
        const archive = form.locator('fieldset.section[data-pointer="/services/Archive"]')
        await field(within(archive, f.retention), f.documentClass).selectOption({ label: f.documentChoice })
        // Vaultline keeps data only in Ireland, inside the requested EU: the form offers that alone, chosen already.
        const storage = field(archive, f.storage)
        expect(await storage.evaluate(select => Array.from((select as HTMLSelectElement).options).filter(o => o.value !== '').map(o => [o.textContent, o.selected])))
          .toEqual([[f.ireland, true]])
        const link = form.locator('fieldset.section[data-pointer="/links/CloudPhone-ContactCenter"]')
        await field(link, f.linkQueue).fill('200')
        await field(link, f.fallback).fill('100')
        await form.getByRole('button', { name: x.save }).click()
        await form.locator('.actions > button[type=submit]:not([disabled])').waitFor()
        // Every required value is there: no field shows an error.
        expect(await form.locator('.error:not([hidden])').evaluateAll(list => list.map(e => `${e.closest('.field, fieldset')?.querySelector('label, legend')?.textContent}: ${e.textContent}`))).toEqual([])
        expect(await form.locator('.success').textContent()).toMatch(new RegExp(`^${x.saved} https://`))
        const configuration = (await form.locator('.success code').textContent())!
        expect(await page.locator('.joint-form [aria-invalid=true]').count()).toBe(0)
        // It is listed under "My configurations" with the three services.
        await page.getByRole('link', { name: x.navConfigurations }).click()
        await page.waitForSelector('ul.configurations')
        const listed = page.locator('ul.configurations > li').filter({ has: page.locator(`a[href="#/configurations/${encodeURIComponent(configuration)}"]`) })
        expect(await listed.locator('p').first().textContent()).toBe(`${x.configures}: CallStream Cloud Phone, CallStream Contact Center, ${language === 'de' ? 'Vaultline Compliance-Archiv' : 'Vaultline Compliance Archive'}`)
        await check('configurations')

        // 3. Booked with that configuration; the order page follows each provider's item.
        await page.getByRole('link', { name: x.navConfigure, exact: true }).click()
        await page.waitForSelector('section.book form')
        expect(await page.locator('section.book .meta').textContent()).toBe(`${x.withConfiguration} ${configuration}`)
        expect(await page.locator('section.book').getByLabel(x.seats).inputValue()).toBe('12')
        await page.getByRole('button', { name: x.book, exact: true }).click()
        await page.waitForFunction(() => /^#\/orders\/[^/]+$/.test(window.location.hash))
        const orderId = decodeURIComponent((await page.evaluate(() => window.location.hash)).split('/')[2]!)
        await page.waitForSelector(`main h1:text-is("${x.order(orderId)}")`)
        await check('order')
        await page.waitForSelector('main > div > p .state-completed', { timeout: 120_000 })
        const items = await page.locator('li.item').evaluateAll(list => list.map(li => [(li as HTMLElement).dataset.provider, (li as HTMLElement).dataset.state]))
        expect(items.map(([provider]) => provider).sort()).toEqual(['https://example.org/callstream#CallStream', 'https://example.org/vaultline#Vaultline'])
        expect(items.map(([, state]) => state)).toEqual(['completed', 'completed'])
        const order = (await call('GET', `/orders/${encodeURIComponent(orderId)}`, tokens[language]!)).body
        expect([order.state, order.configurations]).toEqual(['completed', [configuration]])

        // 4. The subscription: seats changed and re-priced as the API prices it, then cancelled.
        await page.getByRole('link', { name: x.subscription, exact: true }).click()
        await page.waitForSelector('table.members')
        const subscriptionId = decodeURIComponent((await page.evaluate(() => window.location.hash)).split('/')[2]!)
        const money = (cents: number): string => new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' }).format(cents / 100)
        const before = (await call('GET', `/subscriptions/${encodeURIComponent(subscriptionId)}`, tokens[language]!)).body
        expect(await page.locator('.summary').textContent()).toBe(x.summary(12, money(before.monthlyCents)))
        await check('subscription')
        await page.getByRole('spinbutton', { name: x.seats }).fill('15')
        await page.getByRole('button', { name: x.changeSeats, exact: true }).click()
        await page.waitForFunction(() => window.location.hash.startsWith('#/orders/'))
        await page.waitForSelector('main > div > p .state-completed', { timeout: 120_000 })
        await page.getByRole('link', { name: x.subscription, exact: true }).click()
        await page.waitForSelector('table.members')
        const after = (await call('GET', `/subscriptions/${encodeURIComponent(subscriptionId)}`, tokens[language]!)).body
        expect([after.seats, after.monthlyCents > before.monthlyCents]).toEqual([15, true])
        expect(await page.locator('.summary').textContent()).toBe(x.summary(15, money(after.monthlyCents)))
        await page.getByRole('button', { name: x.cancel }).click()
        await page.getByRole('button', { name: x.cancelYes }).click()
        await page.waitForFunction(() => window.location.hash.startsWith('#/orders/'))
        await page.waitForSelector('main > div > p .state-completed', { timeout: 120_000 })
        await check('cancellation order')
        await page.getByRole('link', { name: x.subscription, exact: true }).click()
        await page.waitForSelector('table.members')
        expect(await page.locator('main > p .state').first().textContent()).toBe(x.cancelled)
        expect((await call('GET', `/subscriptions/${encodeURIComponent(subscriptionId)}`, tokens[language]!)).body.state).toBe('cancelled')
        expect(await page.getByRole('button', { name: x.cancel }).count()).toBe(0)
        await check('cancelled subscription')
        expect(problems).toEqual([])
        expect(errors).toEqual([])
      } finally {
        await context.close()
      }
    })
  }

  for (const [language, name] of [['en', 'Kanzlei Weber'], ['de', 'Praxis Lind']] as const) {
    it(`sets, shows and removes the webhook on the subscriptions page (${language})`, slow, async () => {
      const x = texts[language].webhook
      const { context, page, problems, errors, check } = await signedIn(language, name)
      try {
        const section = page.locator('section.webhook')
        await section.waitFor()
        expect(await section.locator('h2').textContent()).toBe(x.title)
        expect(await section.locator('.webhook-state').textContent()).toBe(x.none)
        await check('webhook none')
        // Nothing typed: the field says so, nothing is sent.
        await section.getByRole('button', { name: x.set }).click()
        expect(await section.getByLabel(x.url).getAttribute('aria-invalid')).toBe('true')
        expect((await call('GET', '/me/webhook', tokens[language]!)).status).toBe(404)
        const hook = `http://127.0.0.1:9/${language}/hook`
        await section.getByLabel(x.url).fill(hook)
        await section.getByRole('button', { name: x.set }).click()
        await section.locator('.webhook-secret code').waitFor()
        const secret = await section.locator('.webhook-secret code').textContent()
        expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
        expect(await section.locator('.webhook-secret p').nth(1).textContent()).toBe(`${x.secret}: ${secret}`)
        const stored = (await call('GET', '/me/webhook', tokens[language]!)).body
        expect(stored.url).toBe(hook)
        expect(await section.locator('.webhook-url').textContent()).toBe(hook)
        expect(await section.locator('.webhook-state').textContent()).toContain(`${x.current}: ${hook}`)
        await check('webhook set')
        // Shown again after a reload, never the secret.
        await page.reload()
        await section.locator('.webhook-url').waitFor()
        expect(await section.locator('.webhook-url').textContent()).toBe(hook)
        expect(await section.locator('.webhook-secret').count()).toBe(0)
        // Removed only after a confirmation.
        await section.getByRole('button', { name: x.remove }).click()
        await section.getByRole('button', { name: x.keep }).click()
        expect((await call('GET', '/me/webhook', tokens[language]!)).status).toBe(200)
        await section.getByRole('button', { name: x.remove }).click()
        await check('webhook confirm removal')
        await section.getByRole('button', { name: x.yes }).click()
        await section.locator('.success').waitFor()
        expect(await section.locator('.success').textContent()).toBe(x.removed)
        expect(await section.locator('.webhook-state').textContent()).toBe(x.none)
        expect((await call('GET', '/me/webhook', tokens[language]!)).status).toBe(404)
        expect(problems).toEqual([])
        expect(errors).toEqual([])
      } finally {
        await context.close()
      }
    })
  }
})
