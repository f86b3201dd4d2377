/**
 * The web console in a real browser (Debian's chromium through playwright-core) against the app
 * listening on 127.0.0.1: browse the catalog, compose a bundle, read its explanation, open and
 * submit the joint configuration form. Skipped when /usr/bin/chromium is missing (outside CI).
 */
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { bergToken, openTestApp, sym } from '../api/helpers.js'
import type { TestApp } from '../api/helpers.js'
import { args, executablePath, screenshotPath } from './browser.js'


describe.skipIf(!existsSync(executablePath) && process.env.CI !== 'true')('web console', () => {
  let t: TestApp
  let browser: Browser
  let page: Page
  let address: string
  const errors: string[] = []

  beforeAll(async () => {
    t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'] })
    address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    browser = await chromium.launch({ executablePath, args })
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    page.on('pageerror', error => errors.push(error.message))
    page.on('console', message => { if (message.type() === 'error') errors.push(message.text()) })
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('shows the catalog with its service types and services', async () => {
    await page.goto(`${address}/`)
    await page.waitForSelector('.services > li')
    expect(await page.locator('h1').textContent()).toBe('Service catalog')
    expect(await page.locator('.services h3').allTextContents()).toEqual(['ACME Cloud PBX', 'Globex CRM'])
    await page.getByRole('treeitem', { name: /^Customer relationship management/ }).locator(':scope > .node').click()
    await page.waitForFunction(() => document.querySelectorAll('.services > li').length === 1)
    expect(await page.locator('.services h3').allTextContents()).toEqual(['Globex CRM'])
  })

  it('switches to German', async () => {
    await page.getByRole('button', { name: 'DE', exact: true }).click()
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Dienstekatalog')
    expect(await page.locator('html').getAttribute('lang')).toBe('de')
    expect(await page.getByRole('link', { name: 'Bündel' }).count()).toBe(1)
    await page.getByRole('button', { name: 'EN', exact: true }).click()
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Service catalog')
  })

  it('discovers a service, full matches first, near misses after them with what they lack', async () => {
    await page.getByRole('link', { name: 'Discover' }).click()
    await page.waitForSelector('form select[name=wanted]')
    await page.locator('select[name=wanted]').selectOption([`${sym}ContactLookupAPI`])
    await page.getByRole('button', { name: 'Find services' }).click()
    await page.waitForSelector('article.result')
    // Nothing is offered: the CRM, which needs a call event feed, is a near miss.
    expect(await page.locator('article.result h3').allTextContents()).toEqual(['1. Globex CRM'])
    expect(await page.locator('article.result').first().getAttribute('class')).toContain('match-partial')
    expect(await page.locator('article.result li').first().textContent()).toContain('Call event feed')
    await page.locator('select[name=available]').selectOption([`${sym}CallEventFeed`])
    await page.getByRole('button', { name: 'Find services' }).click()
    await page.waitForSelector('article.match-full')
    expect(await page.locator('article.result p').nth(1).textContent()).toBe('Full match: provides what is wanted and uses 1 of the 1 types you have.')
  })

  it('keeps the discovery request in the route and shows the API\'s reasons in the page\'s language', async () => {
    const request = new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('request')
    expect(JSON.parse(request!)).toMatchObject({ wanted: [`${sym}ContactLookupAPI`], available: [`${sym}CallEventFeed`] })
    await page.reload()
    await page.waitForSelector('article.match-full')
    expect(await page.locator('article.result .why').allTextContents()).toEqual(['Full match: provides what is wanted and uses 1 of the 1 types you have.'])
    const german = (await t.app.inject({ method: 'POST', url: '/discover?lang=de', payload: JSON.parse(request!) })).json() as { results: Array<{ why: { message: string } }> }
    await page.getByRole('button', { name: 'DE', exact: true }).click()
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Einen Dienst finden')
    await page.waitForSelector('article.match-full')
    expect(await page.locator('article.result .why').allTextContents()).toEqual(german.results.map(r => r.why.message))
    expect(german.results[0]!.why.message).toMatch(/^Volltreffer/)
    await page.getByRole('button', { name: 'EN', exact: true }).click()
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Find a service')
  })

  it('composes a bundle and explains it', async () => {
    await page.getByRole('link', { name: 'Bundle' }).click()
    await page.waitForSelector('form select[name=serviceTypes]')
    await page.locator('select[name=serviceTypes]').selectOption([`${sym}VirtualPBX`, `${sym}CRM`])
    await page.getByLabel('Seats').fill('10')
    // The region comes from the vocabulary's regions, by name: never read as a country code.
    await page.getByLabel('Data only in').selectOption({ label: 'European Union' })
    await page.getByRole('button', { name: 'Find bundles' }).click()
    await page.waitForSelector('article.bundle')
    expect(await page.locator('article.bundle h3').allTextContents()).toEqual(['Bundle 1: ACME Cloud PBX + Globex CRM'])
    expect(await page.locator('article.bundle .price').textContent()).toBe('€204.00')
    const explanation = page.locator('article.bundle details')
    expect(await explanation.getAttribute('open')).toBe('')
    expect(await explanation.locator('tbody tr').first().locator('td').nth(2).textContent()).toBe('exact')
    // Each check by its name, not the request's key; the score to three decimals.
    const location = explanation.locator('tr:has(td:text-is("Data location · ACME Cloud PBX")) td').nth(1)
    expect(await location.textContent()).toBe('met')
    expect(await page.locator('article.bundle .score').textContent()).toMatch(/^Score: 0\.\d{3}$/)
    await page.screenshot({ path: screenshotPath('bundle'), fullPage: true })
  })

  it('opens the joint configuration form of the bundle', async () => {
    await page.getByRole('button', { name: 'Configure this bundle' }).click()
    await page.waitForSelector('form .joint-form fieldset.section')
    expect(await page.locator('fieldset.section > legend').allTextContents()).toEqual([
      'Shared settings', 'ACME Cloud PBX', 'Globex CRM', 'Call journaling: ACME Cloud PBX → Globex CRM'
    ])
    expect(await page.getByLabel('Country calling code').inputValue()).toBe('+49')
    // The seats are asked once for the bundle, prefilled with the request's.
    const seats = page.locator('fieldset.section').first().getByLabel('Number of users')
    expect(await seats.inputValue()).toBe('10')
    expect(await page.getByLabel('Number of users').count()).toBe(1)
    await page.screenshot({ path: screenshotPath('form'), fullPage: true })
  })

  it('shows the errors of a submitted configuration at their fields', async () => {
    // Configurations belong to the signed-in account: the console sends its token.
    await page.evaluate(token => { sessionStorage.setItem('symphony.token', token) }, bergToken)
    await page.getByLabel('Country calling code').fill('49')
    const refused = page.waitForResponse(response => response.request().method() === 'POST' && response.status() === 422)
    await page.getByRole('button', { name: 'Check and save' }).click()
    const problem = await (await refused).json() as { errors: Array<{ field?: string, pointer?: string, message: string }> }
    const error = page.locator('.field:has(> label:has-text("Country calling code")) .error')
    await error.waitFor({ state: 'visible' })
    expect(await page.getByLabel('Country calling code').getAttribute('aria-invalid')).toBe('true')
    // The field shows the API's own messages for it.
    const messages = problem.errors.filter(e => (e.pointer ?? e.field ?? '').endsWith('/countryCallingCode')).map(e => e.message)
    expect(messages).toHaveLength(1)
    expect(await error.textContent()).toBe(messages.join('; '))
    expect(await page.locator('.joint-form > .alert').isVisible()).toBe(true)
    await page.screenshot({ path: screenshotPath('errors'), fullPage: true })
    expect(errors.filter(e => !e.includes('422'))).toEqual([])
  })

  it('shows the API docs under their content policy, every operation rendered, nothing blocked', async () => {
    const docs = await browser.newPage()
    const problems: string[] = []
    docs.on('pageerror', error => problems.push(error.message))
    docs.on('console', message => { if (message.type() === 'error') problems.push(message.text()) })
    try {
      await docs.goto(`${address}/docs`)
      await docs.waitForSelector('.opblock-summary')
      // One block per operation the API describes, POST /compose among them.
      const spec = (await t.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> }
      const operations = Object.values(spec.paths).reduce((n, methods) => n + Object.keys(methods).filter(m => m !== 'parameters').length, 0)
      expect(await docs.locator('.opblock-summary').count()).toBe(operations)
      expect(await docs.locator('.opblock-post .opblock-summary-path').filter({ hasText: /^\/compose$/ }).count()).toBe(1)
      expect(problems).toEqual([])
    } finally {
      await docs.close()
    }
  })
})
