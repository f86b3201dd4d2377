/**
 * The service page, the bundle comparison and the bundle graph in a real browser (Debian's
 * chromium through playwright-core) on the example catalog plus one description published through
 * the API: catalog → service → a service it works with → bundles sorted by price → two compared →
 * a bundle's graph, with the state in the URL through reload, Back and the language switch; in
 * English at a laptop's width and in German at a phone's, each page without serious accessibility
 * violations (axe-core) and without horizontal scrolling. Skipped when /usr/bin/chromium is missing
 * (outside CI).
 */
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { acme, acmeToken, descriptionPath, fixture, openTestApp, sym } from '../api/helpers.js'
import type { TestApp } from '../api/helpers.js'
import { args, executablePath, pageProblems, screenshotPath } from './browser.js'

const telvanaPbx = 'https://example.org/telvana#CloudPBX'
const kundenwerkCrm = 'https://example.org/kundenwerk#CRM'
const cti = 'https://example.org/brueckenwerk#CTIConnector'

/** The words of each language the walk reads. */
const words = {
  en: {
    locale: 'en-GB', catalog: 'Service catalog', offers: 'Offers', compliance: 'Compliance', worksWith: 'Works with', versions: 'Published versions',
    priceRows: [['Monthly base fee', 'flat, per month', '€19.00'], ['Monthly fee per user', 'per seat, per month', '€6.50'], ['Setup fee', 'flat, once', '€99.00']],
    germany: 'Germany', callEvents: 'Call event feed', exact: 'exact', findBundles: 'Find bundles', types: 'Service types wanted', region: 'Data only in', eea: 'European Economic Area',
    price: 'Price per month', compare: (n: number) => `Compare bundle ${n}`, show: (n: number) => `Show bundle ${n}`, bundle: (n: number) => `Bundle ${n}`,
    cheapest: 'cheapest', graph: 'How the members connect', adapter: 'adapter', active: 'active', compareTitle: 'Compare bundles', dataLocations: 'Data locations',
    needsMore: 'also needs 1 interface of other services'
  },
  de: {
    locale: 'de-DE', catalog: 'Dienstekatalog', offers: 'Angebote', compliance: 'Compliance', worksWith: 'Passt zu', versions: 'Veröffentlichte Versionen',
    priceRows: [['Monatliche Grundgebühr', 'pauschal, pro Monat', '19,00\u00a0€'], ['Monatliche Gebühr pro Benutzer', 'pro Arbeitsplatz, pro Monat', '6,50\u00a0€'], ['Einrichtungsgebühr', 'pauschal, einmalig', '99,00\u00a0€']],
    germany: 'Deutschland', callEvents: 'Anrufereignis-Feed', exact: 'genau', findBundles: 'Bündel finden', types: 'Gewünschte Diensttypen', region: 'Daten nur in', eea: 'Europäischer Wirtschaftsraum',
    price: 'Preis pro Monat', compare: (n: number) => `Bündel ${n} vergleichen`, show: (n: number) => `Bündel ${n} zeigen`, bundle: (n: number) => `Bündel ${n}`,
    cheapest: 'günstigstes', graph: 'Wie die Mitglieder verbunden sind', adapter: 'Adapter', active: 'aktiv', compareTitle: 'Bündel vergleichen', dataLocations: 'Datenstandorte',
    needsMore: 'braucht noch 1 Schnittstelle anderer Dienste'
  }
} as const

/** The query of the page's hash route (`#/compose?request=…&sort=…`). */
function routeQuery (page: Page): URLSearchParams {
  return new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '')
}

/** A formatted amount ("€1,234.50", "1.234,50 €") as a number. */
function amount (text: string): number {
  const digits = text.replace(/[^\d.,]/g, '')
  return Number(/,\d{2}$/.test(digits) ? digits.replace(/\./g, '').replace(',', '.') : digits.replace(/,/g, ''))
}

describe.skipIf(!existsSync(executablePath) && process.env.CI !== 'true')('console service, comparison and graph pages', () => {
  let t: TestApp
  let browser: Browser
  let address: string

  beforeAll(async () => {
    t = await openTestApp({ seedExamples: true })
    const published = await t.app.inject({
      method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: { authorization: `Bearer ${acmeToken}`, 'content-type': 'text/turtle' }, payload: await fixture('acme-pbx.ttl')
    })
    expect(published.statusCode).toBeLessThan(300)
    address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    browser = await chromium.launch({ executablePath, args })
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })


  const ready = (page: Page) => page.waitForFunction(() => document.querySelector('main .loading') === null && document.querySelector('main h1') !== null)

  for (const [language, viewport, size] of [['en', { width: 1440, height: 900 }, 'laptop'], ['de', { width: 390, height: 844 }, 'phone']] as const) {
    const w = words[language]
    it(`walks catalog → service → works-with → bundles → comparison → graph in ${language} at ${viewport.width}×${viewport.height}`, { timeout: 300_000 }, async () => {
      const context = await browser.newContext({ viewport, locale: w.locale })
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', error => errors.push(error.message))
      page.on('console', message => { if (message.type() === 'error') errors.push(message.text()) })
      const found: string[] = []
      try {
        // Catalog → the service page through the card's link.
        await page.goto(`${address}/#/catalog`)
        await ready(page)
        expect(await page.locator('h1').textContent()).toBe(w.catalog)
        await page.locator('input[type=search]').fill('Telvana')
        await page.locator('input[type=search]').press('Enter')
        const card = page.locator(`.services h3 a[href="#/service/${encodeURIComponent(telvanaPbx)}"]`)
        await card.click()
        await page.waitForSelector('#offers-heading')
        await ready(page)
        expect(new URL(page.url()).hash).toBe(`#/service/${encodeURIComponent(telvanaPbx)}`)
        expect(await page.locator('h2').allTextContents()).toEqual(expect.arrayContaining([w.offers, w.compliance, w.worksWith, w.versions]))
        const priceRows = await page.locator('.offer tbody tr').evaluateAll(rows => rows.map(row => Array.from(row.querySelectorAll('th, td'), cell => cell.textContent)))
        expect(priceRows).toEqual(w.priceRows)
        expect(await page.locator('section:has(#compliance-heading) .facts dd').first().textContent()).toBe(w.germany)
        const provided = page.locator('table.interfaces').first().locator('tbody tr', { hasText: w.callEvents })
        expect(await provided.locator('td').allTextContents()).toEqual(['WebSocket', 'JSON', '2.3.0'])
        found.push(...await pageProblems(page, 'service'))
        await page.screenshot({ path: screenshotPath(`service-${size}-${language}`), fullPage: true })

        // Works with: the CRM takes the PBX's call events and gives it contact lookups; follow it.
        const crm = page.locator('.works-with li', { has: page.locator(`a[href="#/service/${encodeURIComponent(kundenwerkCrm)}"]`) })
        expect(await crm.locator('.degree').textContent()).toBe(w.exact)
        const crmName = await crm.locator('a').textContent()
        await crm.locator('a').click()
        await page.waitForFunction(name => document.querySelector('main h1')?.textContent === name, crmName)
        expect(new URL(page.url()).hash).toBe(`#/service/${encodeURIComponent(kundenwerkCrm)}`)
        // The CTI connector fits the CRM but also needs a call event feed the CRM does not give: it says so.
        const connector = page.locator('.works-with li', { has: page.locator(`a[href="#/service/${encodeURIComponent(cti)}"]`) })
        expect(await connector.locator('.meta').last().textContent()).toBe(w.needsMore)

        // A description published through the API lists its version.
        await page.goto(`${address}/#/service/${encodeURIComponent('https://example.org/acme#CloudPBX')}`)
        await page.waitForSelector('#versions-heading')
        expect(await page.locator('section:has(#versions-heading) li').first().textContent()).toContain(w.active)

        // Compose: ten bundles in one table, sorted by price, cheapest first and marked.
        await page.goto(`${address}/#/compose`)
        await ready(page)
        await page.getByLabel(w.types).selectOption([`${sym}VirtualPBX`, `${sym}CRM`])
        await page.getByLabel(w.region).selectOption({ label: w.eea })
        await page.getByRole('button', { name: w.findBundles }).click()
        await page.waitForSelector('.bundles-table tbody tr', { timeout: 120_000 })
        // The request is in the route; the API's own answer to it is what the table must show.
        const request = routeQuery(page).get('request')
        expect(request).not.toBeNull()
        const answered = await t.app.inject({ method: 'POST', url: '/compose', payload: JSON.parse(request!) })
        const bundles = answered.json().bundles as Array<{ services: string[], price: { monthly: number } }>
        expect(bundles.length).toBeGreaterThan(3)
        expect(await page.locator('.bundles-table tbody tr').count()).toBe(bundles.length)
        const priceHeader = page.locator('.bundles-table th', { hasText: w.price })
        await priceHeader.getByRole('button').click()
        expect(await priceHeader.getAttribute('aria-sort')).toBe('ascending')
        const shownPrices = (await page.locator('.bundles-table tbody tr td:nth-child(2)').allTextContents()).map(amount)
        expect(shownPrices).toEqual(bundles.map(b => b.price.monthly).sort((a, b) => a - b))
        const cheapest = Math.min(...bundles.map(b => b.price.monthly))
        expect(await page.locator('.bundles-table tbody tr').first().locator('.badge').textContent()).toBe(w.cheapest)
        expect(amount(await page.locator('.bundles-table tbody tr').first().locator('td').nth(0).textContent() ?? '')).toBe(cheapest)
        await priceHeader.getByRole('button').click()
        expect(await priceHeader.getAttribute('aria-sort')).toBe('descending')
        await priceHeader.getByRole('button').click()
        expect(routeQuery(page).get('sort')).toBe('price-asc')

        // Compare bundles 1 and 2 side by side.
        await page.getByLabel(w.compare(1), { exact: true }).check()
        await page.getByLabel(w.compare(2), { exact: true }).check()
        const compare = page.locator('table.compare-table')
        await compare.waitFor()
        expect(await compare.locator('thead th').allTextContents()).toEqual([w.bundle(1), w.bundle(2)])
        expect(await compare.locator('tbody tr', { hasText: w.dataLocations }).locator('td').first().textContent()).toContain(w.germany)

        // The graph of the bundle with the CTI connector: three members, the connector an adapter, two links.
        expect(bundles.filter(b => b.services.includes(cti))).not.toEqual([])
        const withAdapter = bundles.findIndex(b => b.services.includes(cti)) + 1
        await page.getByRole('button', { name: w.show(withAdapter), exact: true }).click()
        const graph = page.locator('.shown-bundle figure.graph')
        await graph.waitFor()
        expect(await graph.locator('figcaption').textContent()).toBe(w.graph)
        expect(await graph.locator('svg[role=img]').getAttribute('aria-label')).toContain(`${w.bundle(withAdapter)}:`)
        expect(await graph.locator('g.node').count()).toBe(bundles[withAdapter - 1]!.services.length)
        expect(await graph.locator(`g.node.adapter[data-service="${cti}"]`).count()).toBe(1)
        expect(await graph.locator('g.edge').count()).toBe(2)
        expect(await graph.locator(`g.edge[data-to="${cti}"]`).count()).toBe(1)
        expect(await graph.locator(`g.edge[data-from="${cti}"]`).count()).toBe(1)
        expect(await graph.locator('.visually-hidden li').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(w.adapter)]))
        // Static wiring links the PBX and the CRM both ways: two arrows, one each way.
        expect(bundles.map(b => [...b.services].sort())).toContainEqual([telvanaPbx, kundenwerkCrm].sort())
        const mutual = bundles.findIndex(b => b.services.length === 2 && b.services.includes(telvanaPbx) && b.services.includes(kundenwerkCrm)) + 1
        await page.getByRole('button', { name: w.show(mutual), exact: true }).click()
        await page.waitForFunction(n => document.querySelector('.shown-bundle svg')?.getAttribute('aria-label')?.includes(n), `${w.bundle(mutual)}:`)
        expect(await page.locator(`.shown-bundle g.edge[data-from="${telvanaPbx}"][data-to="${kundenwerkCrm}"]`).count()).toBe(1)
        expect(await page.locator(`.shown-bundle g.edge[data-from="${kundenwerkCrm}"][data-to="${telvanaPbx}"]`).count()).toBe(1)
        expect(await page.locator('.shown-bundle g.node.adapter').count()).toBe(0)
        await page.getByRole('button', { name: w.show(withAdapter), exact: true }).click()
        await page.waitForFunction(n => document.querySelector('.shown-bundle svg')?.getAttribute('aria-label')?.includes(n), `${w.bundle(withAdapter)}:`)
        found.push(...await pageProblems(page, 'compose'))
        await page.screenshot({ path: screenshotPath(`compare-${size}-${language}`), fullPage: true })

        // Reload keeps the sort, the comparison and the shown bundle.
        const stateOf = async () => ({
          sort: await page.locator('.bundles-table th[aria-sort]').textContent(),
          order: await page.locator('.bundles-table th[aria-sort]').getAttribute('aria-sort'),
          compared: await page.locator('table.compare-table thead th').count(),
          shown: await page.locator('.shown-bundle g.node.adapter').count()
        })
        const before = await stateOf()
        await page.reload()
        await page.waitForSelector('.shown-bundle figure.graph', { timeout: 120_000 })
        expect(await stateOf()).toEqual(before)

        // Back from a member's service page returns to the same view.
        await page.locator('table.compare-table tbody a').first().click()
        await page.waitForSelector('#offers-heading')
        await page.goBack()
        await page.waitForSelector('.shown-bundle figure.graph', { timeout: 120_000 })
        expect(await stateOf()).toEqual(before)

        // The language switch keeps it too.
        const other = language === 'en' ? 'de' : 'en'
        await page.getByRole('button', { name: other.toUpperCase(), exact: true }).click()
        await page.waitForFunction(title => document.querySelector('figure.graph figcaption')?.textContent === title, words[other].graph, { timeout: 120_000 })
        expect(await page.locator('.bundles-table th[aria-sort]').getAttribute('aria-sort')).toBe('ascending')
        expect(await page.locator('.bundles-table th[aria-sort]').textContent()).toContain(words[other].price)
        expect(await page.locator('table.compare-table thead th').allTextContents()).toEqual([words[other].bundle(1), words[other].bundle(2)])
        expect(await page.locator('.shown-bundle g.node.adapter').count()).toBe(1)
        await page.getByRole('button', { name: language.toUpperCase(), exact: true }).click()
        await page.waitForFunction(title => document.querySelector('figure.graph figcaption')?.textContent === title, w.graph, { timeout: 120_000 })
        await page.screenshot({ path: screenshotPath(`graph-${size}-${language}`), fullPage: true })
        expect(found).toEqual([])
        expect(errors).toEqual([])
      } finally {
        await context.close()
      }
    })
  }
})
