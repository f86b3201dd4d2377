/**
 * The console's operations pages end to end in a real browser, on the API listening with the
 * provider sandbox: a customer signs in with its token, composes a bundle, books it, watches
 * the order complete, changes seats, and after the month's billing run (operator, through the
 * API) reads and downloads its invoice. The new pages then pass axe and fit a laptop and a phone.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { openHarness, t as tt, testProviders } from '../operations/harness.js'
import type { Harness } from '../operations/harness.js'
import { seller } from '../billing/e-invoice-fixtures.js'
import { args, executablePath, screenshotPath } from './browser.js'

const sym = 'https://w3id.org/symphony/ontology#'
const slow = { timeout: 120_000 }

describe.skipIf(!existsSync(executablePath) && process.env.CI !== 'true')('console: book, manage and pay', () => {
  let h: Harness
  let browser: Browser
  let page: Page
  // Billing runs after the month: the test moves the clock to the first of the next month.
  let now = new Date()
  const errors: string[] = []
  let orderId = ''
  let subscriptionId = ''
  let invoiceNumber = ''

  beforeAll(async () => {
    // Epsilon's archive is added to the subscription later: here its provider answers at once.
    h = await openHarness({ now: () => now, providers: { ...testProviders, epsilon: { behavior: 'instant' } } })
    browser = await chromium.launch({ executablePath, args })
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    page.on('pageerror', error => errors.push(error.message))
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await h?.close()
  })

  it('asks for a token first and refuses a wrong one', slow, async () => {
    await page.goto(`${h.url}/#/orders`)
    await page.waitForSelector('main h1')
    expect(await page.locator('main p').first().textContent()).toBe('Sign in to see this page.')
    await page.getByRole('link', { name: 'Sign in' }).first().click()
    await page.getByLabel('Access token').fill('symp_nobody')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.waitForSelector('main .alert')
    expect(await page.locator('main .alert p').first().textContent()).toBe('the bearer token is not valid (unknown or revoked); ask the operator for a new one')
    expect(await page.getByLabel('Access token').getAttribute('aria-invalid')).toBe('true')
  })

  it('signs in as a customer: the header names it, the token stays out of the URL', slow, async () => {
    await page.getByLabel('Access token').fill('symp_customer-a')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.waitForFunction(() => window.location.hash === '#/subscriptions')
    expect(await page.locator('#account span').textContent()).toBe('Signed in as Kanzlei Weber (customer)')
    expect(page.url()).not.toContain('symp_')
    expect(await page.evaluate(() => window.sessionStorage.getItem('symphony.token'))).toBe('symp_customer-a')
    await page.waitForSelector('main h1:text-is("Subscriptions")')
    expect(await page.locator('main p').first().textContent()).toBe('No subscriptions yet.')
  })

  it('composes the bundle and books it from its configuration page', slow, async () => {
    await page.getByRole('link', { name: 'Bundle' }).click()
    await page.waitForSelector('form select[name=serviceTypes]')
    await page.locator('select[name=serviceTypes]').selectOption([`${sym}VirtualPBX`, `${sym}CRM`, `${sym}ArchivingService`])
    await page.getByLabel('Seats').fill('3')
    await page.getByRole('button', { name: 'Find bundles' }).click()
    await page.waitForSelector('article.bundle')
    expect(await page.locator('article.bundle h3').first().textContent()).toBe('Bundle 1: Alpha PBX + Beta CRM + Gamma Archive')
    await page.getByRole('button', { name: 'Configure this bundle' }).first().click()
    await page.waitForSelector('section.book')
    await page.screenshot({ path: screenshotPath('book'), fullPage: true })
    expect(await page.locator('section.book .meta').textContent()).toBe('No configuration saved yet: the bundle is booked without one.')
    expect(await page.locator('section.book').getByLabel('Seats').inputValue()).toBe('3')
    await page.getByRole('button', { name: 'Book this bundle' }).click()
    await page.waitForFunction(() => /^#\/orders\/[^/]+$/.test(window.location.hash))
    orderId = decodeURIComponent((await page.evaluate(() => window.location.hash)).split('/')[2]!)
    await page.waitForSelector(`main h1:text-is("Order ${orderId}")`)
  })

  it('watches the order complete, item by item', slow, async () => {
    await page.waitForSelector('main p .state-completed', { timeout: 60_000 })
    const items = page.locator('li.item')
    expect(await items.evaluateAll(list => list.map(li => [(li as HTMLElement).dataset.provider, (li as HTMLElement).dataset.state]))).toEqual([
      [`${tt}Alpha`, 'completed'], [`${tt}Beta`, 'completed'], [`${tt}Gamma`, 'completed']
    ])
    const whys = 'main > div > table tbody tr td:nth-child(4)'
    expect(await page.locator(whys).allTextContents()).toEqual(['booked', 'a provider took up its item', 'every item completed'])
    // In German the history says why in German (the page is drawn again in the language).
    await page.locator('[data-lang=de]').click()
    await page.waitForFunction(selector => document.documentElement.lang === 'de' && document.querySelector(selector) !== null, whys)
    expect(await page.locator(whys).allTextContents()).toEqual(['gebucht', 'ein Anbieter hat seine Position aufgenommen', 'jede Position abgeschlossen'])
    await page.locator('[data-lang=en]').click()
    await page.waitForFunction(selector => document.documentElement.lang === 'en' && document.querySelector(selector) !== null, whys)
    await page.screenshot({ path: screenshotPath('order'), fullPage: true })
  })

  it('shows the subscription and changes its seats through a change order', slow, async () => {
    await page.getByRole('link', { name: 'Subscriptions' }).click()
    await page.waitForSelector('table.subscriptions')
    expect(await page.locator('table.subscriptions tbody td:nth-child(2)').allTextContents()).toEqual(['Alpha PBX, Beta CRM, Gamma Archive'])
    await page.locator('table.subscriptions tbody a').click()
    await page.waitForSelector('table.members')
    subscriptionId = decodeURIComponent((await page.evaluate(() => window.location.hash)).split('/')[2]!)
    expect(await page.locator('.summary').textContent()).toBe('Seats: 3 · Monthly price: €51.00')
    expect(await page.locator('table.members tbody tr').evaluateAll(rows => rows.map(r => Array.from(r.querySelectorAll('td')).slice(0, 3).map(td => td.textContent)))).toEqual([
      ['Alpha PBX', 'Alpha', '€15.00'], ['Beta CRM', 'Beta', '€30.00'], ['Gamma Archive', 'Gamma', '€6.00']
    ])
    await page.getByRole('spinbutton', { name: 'Seats' }).fill('5')
    await page.getByRole('button', { name: 'Change seats' }).click()
    await page.waitForFunction(() => window.location.hash.startsWith('#/orders/'))
    await page.waitForSelector('main h1:has-text("Order ")')
    await page.waitForSelector('main p .state-completed', { timeout: 60_000 })
    expect(await page.locator('main > div > p').first().textContent()).toContain('Kind: Seat change')
    await page.getByRole('link', { name: 'Subscription', exact: true }).click()
    await page.waitForSelector('table.members')
    expect(await page.locator('.summary').textContent()).toBe('Seats: 5 · Monthly price: €65.00')
  })

  it('shows the problem of a refused member change field by field', slow, async () => {
    for (const box of await page.locator('input[name=keep]').all()) await box.uncheck()
    await page.getByRole('button', { name: 'Check and change members' }).click()
    await page.waitForSelector('form .alert')
    expect(await page.locator('form .alert li').allTextContents()).toEqual(['/body/services: must NOT have fewer than 1 items'])
    // Without a CRM the bundle no longer answers the request: the composer refuses it.
    await page.getByLabel('Keep Alpha PBX').check()
    await page.getByLabel('Keep Gamma Archive').check()
    await page.getByRole('button', { name: 'Check and change members' }).click()
    await page.waitForFunction(() => document.querySelector('form .alert p')?.textContent?.startsWith('the composer no longer answers') === true)
    expect(await page.locator('form .alert p').first().textContent()).toContain(`${tt}AlphaPBX, ${tt}GammaArchive`)
  })

  it('finds a service to add beyond the first page of the catalog by its name, and opens one the route names', slow, async () => {
    // The console asks for one page of services; here the real API answers pages of two, so the
    // page holds only current members (Alpha PBX and Beta CRM sort first) and the rest must be found.
    const pages = (url: URL): boolean => url.pathname === '/catalog/services'
    await page.route(pages, async route => {
      const url = new URL(route.request().url())
      url.searchParams.set('limit', '2')
      await route.continue({ url: url.toString() })
    })
    const options = async (): Promise<string[]> => await page.getByLabel('Add a service').locator('option').allTextContents()
    const status = page.locator('form .field .meta[aria-live]')
    try {
      await page.goto(`${h.url}/#/subscriptions/${encodeURIComponent(subscriptionId)}`)
      await page.waitForSelector('table.members')
      expect(await options()).toEqual(['— none —'])
      expect(await status.textContent()).toBe('More services match than are listed (6 in the catalog): type part of a name to narrow the list.')
      await page.getByLabel('Find a service to add').fill('epsilon')
      await page.waitForFunction(() => Array.from(document.querySelectorAll('select[name=add] option'), o => o.textContent).includes('Epsilon Archive'))
      expect(await options()).toEqual(['— none —', 'Epsilon Archive'])
      expect(await status.textContent()).toBe('')
      await page.getByLabel('Find a service to add').fill('nothing like this')
      await page.waitForFunction(() => document.querySelector('form .field .meta[aria-live]')?.textContent?.startsWith('No catalog service') === true)
      expect(await status.textContent()).toBe('No catalog service matches “nothing like this”.')
      expect(await options()).toEqual(['— none —'])
      // Enter searches; it does not send the change.
      await page.getByLabel('Find a service to add').press('Enter')
      expect(page.url()).toContain(`#/subscriptions/${encodeURIComponent(subscriptionId)}`)
      // A service the route names to add is listed and chosen though the first page lacks it.
      await page.goto(`${h.url}/#/subscriptions/${encodeURIComponent(subscriptionId)}?add=${encodeURIComponent(`${tt}EpsilonArchive`)}`)
      await page.waitForFunction(() => document.querySelector('.member-form h3')?.textContent === 'Settings for Epsilon Archive')
      expect(await page.getByLabel('Add a service').inputValue()).toBe(`${tt}EpsilonArchive`)
      // In German the same texts.
      await page.locator('[data-lang=de]').click()
      await page.waitForFunction(() => document.documentElement.lang === 'de' && document.querySelector('label[for^=find]')?.textContent === 'Dienst zum Hinzufügen suchen')
      expect(await status.textContent()).toBe('Es passen mehr Dienste, als aufgeführt sind (6 im Katalog): einen Teil des Namens eingeben, um die Liste einzugrenzen.')
      await page.locator('[data-lang=en]').click()
      await page.waitForFunction(() => document.documentElement.lang === 'en' && document.querySelector('.member-form h3')?.textContent === 'Settings for Epsilon Archive')
    } finally {
      await page.unroute(pages)
    }
  })

  it('takes back the configuration of a member change the API refuses, keeping the typed values to resend', slow, async () => {
    const configurations = async () => ((await h.call('GET', '/configurations', 'symp_customer-a')).body.configurations as Array<{ id: string }>).map(c => c.id).sort()
    const before = await configurations()
    await page.goto(`${h.url}/#/subscriptions/${encodeURIComponent(subscriptionId)}`)
    await page.waitForSelector('table.members')
    // Without a CRM the composer refuses the new member set (422) after its configuration is stored.
    await page.getByLabel('Keep Alpha PBX').check()
    await page.getByLabel('Keep Beta CRM').uncheck()
    await page.getByLabel('Keep Gamma Archive').check()
    await page.getByLabel('Add a service').selectOption(`${tt}EpsilonArchive`)
    await page.waitForSelector('.member-form h3')
    await page.locator('.member-form').getByLabel('Document class').selectOption({ index: 1 })
    const typed = await page.locator('.member-form').getByLabel('Document class').inputValue()
    const send = async (button: string): Promise<void> => {
      const stored = page.waitForResponse(response => new URL(response.url()).pathname === '/configurations' && response.request().method() === 'POST')
      const refused = page.waitForResponse(response => new URL(response.url()).pathname.endsWith('/members') && response.request().method() === 'POST')
      await page.getByRole('button', { name: button }).click()
      expect((await stored).status()).toBe(201)
      expect((await refused).status()).toBe(422)
    }
    await send('Check and change members')
    await page.waitForFunction(() => Array.from(document.querySelectorAll('form > div > .alert p'), p => p.textContent ?? '').some(text => text.startsWith('the composer no longer answers')))
    expect(await configurations()).toEqual(before)
    expect(await page.locator('.member-form').getByLabel('Document class').inputValue()).toBe(typed)
    expect(new URLSearchParams(page.url().split('?')[1] ?? '').get('add')).toBe(`${tt}EpsilonArchive`)
    // In German the same: the refusal in German, nothing left stored, the values still there.
    await page.locator('[data-lang=de]').click()
    await page.waitForFunction(() => document.querySelector('.member-form h3')?.textContent === 'Einstellungen für Epsilon Archive')
    expect(await page.locator('.member-form').getByLabel('Dokumentklasse').inputValue()).toBe(typed)
    await send('Prüfen und Mitglieder ändern')
    await page.waitForFunction(() => Array.from(document.querySelectorAll('form > div > .alert p'), p => p.textContent ?? '').some(text => text.startsWith('die Zusammenstellung ergibt')))
    expect(await configurations()).toEqual(before)
    expect(await page.locator('.member-form').getByLabel('Dokumentklasse').inputValue()).toBe(typed)
    await page.locator('[data-lang=en]').click()
    await page.waitForFunction(() => document.querySelector('.member-form h3')?.textContent === 'Settings for Epsilon Archive')
  })

  it('replaces a member: the form asks only for the new one, shows its errors at their fields, then the change carries the configuration', slow, async () => {
    await page.goto(`${h.url}/#/subscriptions/${encodeURIComponent(subscriptionId)}`)
    await page.waitForSelector('table.members')
    await page.getByLabel('Keep Alpha PBX').check()
    await page.getByLabel('Keep Beta CRM').check()
    await page.getByLabel('Keep Gamma Archive').uncheck()
    await page.getByLabel('Add a service').selectOption(`${tt}EpsilonArchive`)
    await page.waitForSelector('.member-form h3')
    expect(await page.locator('.member-form h3').textContent()).toBe('Settings for Epsilon Archive')
    // The kept members are configured already: one section, the new member's.
    expect(await page.locator('.member-form fieldset.section > legend').allTextContents()).toEqual(['Epsilon Archive'])
    expect(await page.locator('.member-form').getByLabel('Storage location').inputValue()).toBe('DE')
    // The change is in the route and the typed values in the tab: reload, the language switch
    // and Back open the same form with the same input.
    const routeOf = async () => await page.evaluate(() => { const q = new URLSearchParams(window.location.hash.split('?')[1] ?? ''); return { add: q.getAll('add'), drop: q.getAll('drop') } })
    expect(await routeOf()).toEqual({ add: [`${tt}EpsilonArchive`], drop: [`${tt}GammaArchive`] })
    await page.locator('.member-form').getByLabel('Document class').selectOption({ index: 1 })
    const typed = await page.locator('.member-form').getByLabel('Document class').inputValue()
    const reopened = async (heading: string, label: string) => {
      await page.waitForFunction(text => document.querySelector('.member-form h3')?.textContent === text, heading)
      expect(await page.getByLabel('Keep Gamma Archive').isChecked()).toBe(false)
      expect(await page.locator('.member-form').getByLabel(label).inputValue()).toBe(typed)
    }
    await page.reload()
    await reopened('Settings for Epsilon Archive', 'Document class')
    await page.locator('[data-lang=de]').click()
    await page.waitForFunction(() => document.documentElement.lang === 'de' && document.querySelector('.member-form h3')?.textContent?.includes('Epsilon Archive') === true && document.querySelector('.member-form h3')?.textContent?.startsWith('Settings') === false)
    expect(await page.getByLabel('Gamma Archive behalten').isChecked()).toBe(false)
    expect(await page.locator('.member-form').getByLabel('Dokumentklasse').inputValue()).toBe(typed)
    await page.locator('[data-lang=en]').click()
    await reopened('Settings for Epsilon Archive', 'Document class')
    await page.goto(`${h.url}/#/catalog`)
    await page.waitForSelector('.services > li')
    await page.goBack()
    await reopened('Settings for Epsilon Archive', 'Document class')
    await page.locator('.member-form').getByLabel('Document class').selectOption({ index: 0 })
    const before = page.url()
    await page.getByRole('button', { name: 'Check and change members' }).click()
    await page.waitForSelector('.member-form [aria-invalid=true]')
    expect(page.url()).toBe(before)
    expect(await page.locator('.member-form .alert p').first().textContent()).toBe('1 field needs attention.')
    const documentClass = page.locator('.member-form').getByLabel('Document class')
    expect(await documentClass.getAttribute('aria-invalid')).toBe('true')
    await documentClass.selectOption({ index: 1 })
    await page.getByRole('button', { name: 'Check and change members' }).click()
    await page.waitForFunction(() => window.location.hash.startsWith('#/orders/'))
    const changeId = decodeURIComponent((await page.evaluate(() => window.location.hash)).split('/')[2]!)
    await page.waitForSelector('main p .state-completed', { timeout: 60_000 })
    const change = (await h.call('GET', `/orders/${encodeURIComponent(changeId)}`, 'symp_customer-a')).body as { configurations: string[] }
    expect(change.configurations).toHaveLength(1)
    // The stored configuration is the customer's and holds the new member's settings.
    const stored = await fetch(`${h.url}/configurations/${encodeURIComponent(change.configurations[0]!)}`, { headers: { authorization: 'Bearer symp_customer-a', accept: 'application/n-triples' } })
    expect(stored.status).toBe(200)
    const triples = await stored.text()
    expect(triples).toContain(`<https://w3id.org/symphony/ontology#configures> <${tt}EpsilonArchive>`)
    expect(triples).not.toContain(`<https://w3id.org/symphony/ontology#configures> <${tt}AlphaPBX>`)
    const members = (await h.call('GET', `/subscriptions/${encodeURIComponent(subscriptionId)}`, 'symp_customer-a')).body.members as Array<{ service: string, removedAt?: string }>
    expect(members.filter(m => m.removedAt === undefined).map(m => m.service).sort()).toEqual([`${tt}AlphaPBX`, `${tt}BetaCRM`, `${tt}EpsilonArchive`])
    // Back from the order returns to the subscription, not to the filled form: the entry Back
    // opens has no `?add=`.
    const arrived = page.evaluate(async () => await new Promise<string>(resolve => window.addEventListener('hashchange', () => resolve(window.location.hash), { once: true })))
    await page.goBack()
    expect(await arrived).toBe(`#/subscriptions/${encodeURIComponent(subscriptionId)}`)
    await page.waitForSelector('table.members')
    expect(await page.getByLabel('Add a service').inputValue()).toBe('')
    expect(await page.locator('.member-form h3').count()).toBe(0)
  })

  it('lists the invoice of the month after the billing run and shows each line and provider share', slow, async () => {
    const [subscription] = (await h.call('GET', '/subscriptions', 'symp_customer-a')).body as Array<{ startedAt: string }>
    const started = new Date(subscription!.startedAt)
    now = new Date(Date.UTC(started.getUTCFullYear(), started.getUTCMonth() + 1, 1, 8))
    expect((await h.call('PUT', '/billing/settings', 'symp_operator', { seller, currency: 'EUR' })).status).toBe(200)
    const profile = { name: 'Kanzlei Weber', country: 'DE', vatId: 'DE999999999', business: true, address: { street: 'Markt 2', city: 'Bonn', postcode: '53111', country: 'DE' }, email: 'rechnung@weber.example' }
    expect((await h.call('PUT', '/billing/profile', 'symp_customer-a', profile)).status).toBe(200)
    const run = await h.call('POST', '/billing/runs', 'symp_operator', { period: subscription!.startedAt.slice(0, 7) })
    expect(run.body.outcomes.map((o: { status: string }) => o.status)).toEqual(['issued'])
    invoiceNumber = run.body.outcomes[0].invoice.number
    const invoice = (await h.call('GET', `/invoices/${encodeURIComponent(invoiceNumber)}`, 'symp_customer-a')).body

    await page.getByRole('link', { name: 'Invoices' }).click()
    await page.waitForSelector('table.invoices')
    expect(await page.locator('table.invoices tbody td:first-child').allTextContents()).toEqual([invoiceNumber])
    await page.getByRole('link', { name: invoiceNumber }).click()
    await page.waitForSelector('table.lines')
    expect(await page.locator('main h1').textContent()).toBe(`Invoice ${invoiceNumber}`)
    expect(await page.locator('table.lines tbody tr').count()).toBe(invoice.draft.lines.length)
    expect(await page.locator('table.lines tbody td:nth-child(2)').allTextContents()).toEqual(invoice.draft.lines.map((l: { providerName: string }) => l.providerName))
    expect(await page.locator('table.shares tbody tr').evaluateAll(rows => rows.map(r => (r as HTMLElement).dataset.provider))).toEqual(invoice.draft.shares.map((s: { provider: string }) => s.provider))
    expect(await page.locator('td.gross').textContent()).toBe(new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(invoice.draft.gross / 100))
    await page.screenshot({ path: screenshotPath('invoice'), fullPage: true })
  })

  it('downloads the invoice as XRechnung CII and UBL, ZUGFeRD PDF, JSON and Turtle', slow, async () => {
    const fetched = async (format: string): Promise<{ name: string, bytes: Buffer }> => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`button[data-format="${format}"]`).click()])
      return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) }
    }
    const cii = await fetched('xrechnung-cii')
    expect(cii.name).toBe(`${invoiceNumber}-xrechnung-cii.xml`)
    expect(/<(\w+:)?(\w+)[\s>]/.exec(cii.bytes.toString('utf8').replace(/^<\?xml[^>]*\?>\s*/, ''))?.[2]).toBe('CrossIndustryInvoice')
    const ubl = await fetched('xrechnung-ubl')
    expect(/<(\w+:)?(\w+)[\s>]/.exec(ubl.bytes.toString('utf8').replace(/^<\?xml[^>]*\?>\s*/, ''))?.[2]).toBe('Invoice')
    const pdf = await fetched('zugferd')
    expect([pdf.name, pdf.bytes.subarray(0, 5).toString('latin1')]).toEqual([`${invoiceNumber}-zugferd.pdf`, '%PDF-'])
    const json = await fetched('json')
    expect(JSON.parse(json.bytes.toString('utf8')).number).toBe(invoiceNumber)
    const turtle = await fetched('turtle')
    expect(turtle.name).toBe(`${invoiceNumber}.ttl`)
    expect(turtle.bytes.toString('utf8')).toContain('schema:Invoice')
  })

  it('shows the invoice in German: quantities, unit prices and VAT rates in German words and number format, no unit codes', slow, async () => {
    const invoice = (await h.call('GET', `/invoices/${encodeURIComponent(invoiceNumber)}`, 'symp_customer-a')).body
    type Line = { count: string, quantity: string, unit: string, unitPrice: string, baseQuantity: number, vat: { rate: string, category: string } }
    const lines = invoice.draft.lines as Line[]
    // The fixture's components are monthly (per user, flat) and billed by the day or the whole month.
    const de = (n: number | string): string => new Intl.NumberFormat('de-DE').format(Number(n))
    const amount = (n: number, unit: string): string => `${de(n)} ${unit === 'DAY' ? (n === 1 ? 'Tag' : 'Tage') : (n === 1 ? 'Monat' : 'Monate')}`
    const quantity = (l: Line): string => Number(l.count) === 1 ? amount(Number(l.quantity), l.unit) : `${de(l.count)} × ${amount(Number(l.quantity) / Number(l.count), l.unit)}`
    const price = (l: Line): string => `${new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(Number(l.unitPrice))} je ${l.baseQuantity === 1 ? amount(1, l.unit).replace(/^1 /, '') : amount(l.baseQuantity, l.unit)}`
    expect(lines.map(l => l.unit).filter(unit => unit !== 'DAY' && unit !== 'MON')).toEqual([])

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' })
    await context.addInitScript(() => {
      window.sessionStorage.setItem('symphony.token', 'symp_customer-a')
      window.localStorage.setItem('symphony.lang', 'de')
    })
    const tab = await context.newPage()
    try {
      await tab.goto(`${h.url}/#/invoices/${encodeURIComponent(invoiceNumber)}`)
      await tab.waitForSelector('table.lines')
      expect(await tab.locator('main h1').textContent()).toBe(`Rechnung ${invoiceNumber}`)
      expect(await tab.locator('table.lines td.quantity').allTextContents()).toEqual(lines.map(quantity))
      expect(await tab.locator('table.lines td.unit-price').allTextContents()).toEqual(lines.map(price))
      // A percentage as German writes it: a no-break space before the sign
      expect(await tab.locator('table.lines td.vat-rate').allTextContents()).toEqual(lines.map(l => `${de(l.vat.rate)}\u00a0%${l.vat.category === 'AE' ? ' (Steuerschuldnerschaft des Leistungsempfängers)' : ''}`))
      expect(await tab.locator('td.gross').textContent()).toBe(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(invoice.draft.gross / 100))
    } finally {
      await context.close()
    }
  })

  it('cancels the subscription only after a confirmation', slow, async () => {
    await page.goto(`${h.url}/#/subscriptions/${encodeURIComponent(subscriptionId)}`)
    await page.getByRole('button', { name: 'Cancel subscription' }).click()
    expect(await page.locator('.confirm p').first().textContent()).toBe('Every provider receives a cancellation. This cannot be undone.')
    await page.getByRole('button', { name: 'Keep it' }).click()
    expect(await page.getByRole('button', { name: 'Cancel subscription' }).count()).toBe(1)
    await page.getByRole('button', { name: 'Cancel subscription' }).click()
    await page.getByLabel('Reason (optional)').fill('moving to another office')
    await page.getByRole('button', { name: 'Yes, cancel it' }).click()
    await page.waitForFunction(() => window.location.hash.startsWith('#/orders/'))
    await page.waitForSelector('main h1:has-text("Order ")')
    await page.waitForSelector('main p .state-completed', { timeout: 60_000 })
    expect(await page.locator('main > div > p').first().textContent()).toContain('Kind: Cancellation')
    expect((await h.call('GET', `/subscriptions/${encodeURIComponent(subscriptionId)}`, 'symp_customer-a')).body.state).toBe('cancelled')
    expect(errors).toEqual([])
  })

  // Each viewport once, each language once: the laptop in English, the phone in German.
  for (const [viewport, language] of [[{ width: 1440, height: 900 }, 'en'], [{ width: 390, height: 844 }, 'de']] as const) {
    it(`has no serious accessibility violation and no horizontal overflow at ${viewport.width} px in ${language}`, { timeout: 240_000 }, async () => {
      const context = await browser.newContext({ viewport, locale: language === 'de' ? 'de-DE' : 'en-GB' })
      await context.addInitScript(() => window.sessionStorage.setItem('symphony.token', 'symp_customer-a'))
      const tab = await context.newPage()
      try {
        const found: string[] = []
        const routes = ['signin', 'orders', `orders/${orderId}`, 'subscriptions', `subscriptions/${subscriptionId}`, 'invoices', `invoices/${encodeURIComponent(invoiceNumber)}`]
        for (const route of routes) {
          await tab.goto(`${h.url}/#/${route}`)
          await tab.waitForSelector('main h1')
          await tab.waitForFunction(() => document.querySelector('main .loading') === null && document.querySelector('#account span') !== null)
          const { violations } = await new AxeBuilder({ page: tab }).analyze()
          for (const v of violations.filter(v => v.impact === 'serious' || v.impact === 'critical')) {
            found.push(`${route}: ${v.id} (${v.impact}) at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
          }
          const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
          if (overflow > 0) found.push(`${route}: ${overflow} px wider than the viewport`)
          await tab.screenshot({ path: screenshotPath(`${route.split('/')[0]}${route.includes('/') ? '-one' : ''}-${viewport.width}-${language}`), fullPage: true })
        }
        expect(found).toEqual([])
      } finally {
        await context.close()
      }
    })
  }
})
