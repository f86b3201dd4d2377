/**
 * A page the reader has left never draws over the next one: a slow answer to the page left
 * (a route change or the language switch while it loads, or a filter's fetch still on its way)
 * is discarded — the new page keeps its heading, its language and the status line. In English
 * and German, axe clean. Skipped when /usr/bin/chromium is missing (outside CI).
 */
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import type { Browser, Page, Route } from 'playwright-core'
import { openTestApp, sym } from '../api/helpers.js'
import type { TestApp } from '../api/helpers.js'
import { args, executablePath, pageProblems } from './browser.js'

/** Holds the answers to requests `matches` picks until `release()`; `fulfilled` settles once they are delivered. */
async function hold (page: Page, matches: (url: URL) => boolean): Promise<{ release: () => void, fulfilled: Promise<void> }> {
  let release!: () => void
  const released = new Promise<void>(resolve => { release = resolve })
  let delivered!: () => void
  const fulfilled = new Promise<void>(resolve => { delivered = resolve })
  const handler = async (route: Route): Promise<void> => {
    await released
    const response = await route.fetch()
    await route.fulfill({ response })
    delivered()
  }
  const picked = (url: URL): boolean => matches(url)
  await page.route(picked, handler)
  return { release, fulfilled: fulfilled.then(async () => { await page.unroute(picked, handler) }) }
}

describe.skipIf(!existsSync(executablePath) && process.env.CI !== 'true')('console: a left page stays left', () => {
  let t: TestApp
  let browser: Browser
  let page: Page
  let address: string
  const errors: string[] = []
  const heading = async () => await page.locator('main h1').allTextContents()

  beforeAll(async () => {
    t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'] })
    address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    browser = await chromium.launch({ executablePath, args })
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage()
    // Counts the answers the page has read, by path: what the page does with one follows in the same task.
    await page.addInitScript(() => {
      const read = Response.prototype.text
      const counts: Record<string, number> = {}
      Object.assign(window, { answersRead: counts })
      Response.prototype.text = async function () {
        const text = await read.call(this)
        const path = new URL(this.url).pathname
        counts[path] = (counts[path] ?? 0) + 1
        return text
      }
    })
    page.on('pageerror', error => errors.push(error.message))
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('discards a slow catalog once the reader has moved to another page', { timeout: 240_000 }, async () => {
    await page.goto(`${address}/#/discover`)
    await page.evaluate(() => { localStorage.setItem('symphony.lang', 'en') })
    await page.reload()
    await page.waitForSelector('main h1:text-is("Find a service")')
    const facts = await hold(page, url => url.pathname === '/catalog/facts')
    await page.getByRole('link', { name: 'Catalog', exact: true }).click()
    await page.waitForSelector('main .loading')
    await page.getByRole('link', { name: 'Discover', exact: true }).click()
    await page.waitForSelector('main h1:text-is("Find a service")')
    // The catalog asks for its list only after it has drawn its page: once that request is out,
    // the slow render has done all it would draw.
    const listAsked = page.waitForRequest(request => new URL(request.url()).pathname === '/catalog/services')
    const listAnswered = page.waitForResponse(response => new URL(response.url()).pathname === '/catalog/services')
    facts.release()
    await facts.fulfilled
    await listAsked
    await listAnswered
    await page.waitForFunction(() => document.querySelector('main .loading') === null)
    expect(await heading()).toEqual(['Find a service'])
    expect(await page.locator('main .services, main .fact-filter').count()).toBe(0)
    expect(await page.evaluate(() => window.location.hash)).toBe('#/discover')
    expect(await pageProblems(page, 'discover en')).toEqual([])
  })

  it('keeps the German page, and what is typed into it, when the English one it replaced answers late', { timeout: 240_000 }, async () => {
    await page.goto(`${address}/#/catalog`)
    await page.waitForSelector('.services h3')
    const english = await hold(page, url => url.pathname === '/catalog/types' && url.searchParams.get('lang') === 'en')
    await page.locator('[data-lang=en]').click()
    await page.waitForSelector('main .loading')
    await page.locator('[data-lang=de]').click()
    await page.waitForSelector('main h1:text-is("Dienstekatalog")')
    await page.waitForSelector('.services h3')
    await page.getByLabel('Suche').fill('Telefon')
    // The German page has its list: the next request for one is the English render's.
    const listAsked = page.waitForRequest(request => new URL(request.url()).pathname === '/catalog/services')
    english.release()
    await english.fulfilled
    await listAsked
    expect(await heading()).toEqual(['Dienstekatalog'])
    expect(await page.getByLabel('Suche').inputValue()).toBe('Telefon')
    expect(await page.locator('main legend').first().textContent()).toBe('Dienstmerkmale')
    expect(await page.locator('main .services h3').allTextContents()).toEqual(['ACME Cloud-Telefonanlage', 'Globex CRM'])
    expect(await pageProblems(page, 'catalog de')).toEqual([])
  })

  it("does not let a left page's pending list fetch speak on the next one", { timeout: 240_000 }, async () => {
    await page.goto(`${address}/#/catalog`)
    await page.evaluate(() => { localStorage.setItem('symphony.lang', 'en') })
    await page.reload()
    await page.waitForSelector('main h1:text-is("Service catalog")')
    await page.waitForSelector('.services h3')
    await page.evaluate(() => { document.getElementById('status')!.textContent = '' })
    const answersRead = async () => await page.evaluate(() => (window as unknown as { answersRead: Record<string, number> }).answersRead['/catalog/services'] ?? 0)
    const before = await answersRead()
    const list = await hold(page, url => url.pathname === '/catalog/services')
    await page.getByLabel('Provider').selectOption({ index: 1 })
    await page.getByRole('link', { name: 'Discover', exact: true }).click()
    await page.waitForSelector('main h1:text-is("Find a service")')
    list.release()
    await list.fulfilled
    // Once the left page has read the answer, whatever it does with it is done before the next task.
    await page.waitForFunction(count => (window as unknown as { answersRead: Record<string, number> }).answersRead['/catalog/services'] === count, before + 1)
    await page.evaluate(async () => { await new Promise(resolve => setTimeout(resolve, 0)) })
    expect(await page.locator('#status').textContent()).toBe('')
    expect(await heading()).toEqual(['Find a service'])
    expect(await page.evaluate(() => window.location.hash)).toBe('#/discover')
    expect(errors).toEqual([])
  })

  it('lets no page the reader has left speak on the status line: a late discovery answer after moving to Compose', { timeout: 240_000 }, async () => {
    await page.goto(`${address}/#/compose`)
    await page.evaluate(() => { localStorage.setItem('symphony.lang', 'en') })
    await page.reload()
    await page.waitForSelector('main h1:text-is("Ask for a bundle")')
    await page.evaluate(() => { document.getElementById('status')!.textContent = '' })
    const answersRead = async () => await page.evaluate(() => (window as unknown as { answersRead: Record<string, number> }).answersRead['/discover'] ?? 0)
    const before = await answersRead()
    const discovery = await hold(page, url => url.pathname === '/discover')
    const asked = page.waitForRequest(request => new URL(request.url()).pathname === '/discover')
    const route = `#/discover?${new URLSearchParams({ request: JSON.stringify({ wanted: [`${sym}ContactLookupAPI`], available: [] }) })}`
    await page.evaluate(hash => { window.location.hash = hash }, route)
    await page.waitForSelector('main h1:text-is("Find a service")')
    await asked
    await page.evaluate(() => { window.location.hash = '#/compose' })
    await page.waitForSelector('main h1:text-is("Ask for a bundle")')
    discovery.release()
    await discovery.fulfilled
    // Once the left page has read its answer, what it does with it is done before the next task.
    await page.waitForFunction(count => (window as unknown as { answersRead: Record<string, number> }).answersRead['/discover'] === count, before + 1)
    await page.evaluate(async () => { await new Promise(resolve => setTimeout(resolve, 0)) })
    expect(await page.locator('#status').textContent()).toBe('')
    expect(await heading()).toEqual(['Ask for a bundle'])
    expect(await page.locator('main article.result').count()).toBe(0)
    // The page that is shown still speaks: the same discovery, answered while its page is shown, says how many it found.
    await page.evaluate(hash => { window.location.hash = hash }, route)
    await page.waitForSelector('main article.result')
    expect(await page.locator('#status').textContent()).toBe(`${await page.locator('main article.result').count()} Services`)
    expect(errors).toEqual([])
  })
})
