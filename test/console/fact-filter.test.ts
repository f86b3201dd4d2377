/**
 * The catalog's fact filter in a real browser: conditions on properties the services state (an
 * extension's too), labelled in the page's language, kept in the route through reload, Back and
 * the language switch; a value the API refuses is shown at its field in the page's language; no
 * serious accessibility violation and no sideways scrolling at 1440 and 390 px, in English and
 * German. Skipped when /usr/bin/chromium is missing (outside CI).
 */
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { openTestApp } from '../api/helpers.js'
import type { TestApp } from '../api/helpers.js'
import { args, executablePath, pageProblems } from './browser.js'

const ext = 'https://example.org/ext#'

describe.skipIf(!existsSync(executablePath) && process.env.CI !== 'true')('catalog fact filter', () => {
  let t: TestApp
  let browser: Browser
  let page: Page
  let address: string
  const errors: string[] = []

  const condition = (index: number) => page.locator('.fact-condition').nth(index)
  const shown = async () => await page.locator('.services h3').allTextContents()
  const routedFacts = async () => await page.evaluate(() => new URLSearchParams(window.location.hash.split('?')[1] ?? '').getAll('fact'))
  /** Waits until the list shows exactly these services (or the empty sentence). */
  async function expectShown (services: string[], empty?: string) {
    if (services.length === 0) await page.waitForFunction(text => document.querySelector('main [aria-live] p')?.textContent === text, empty)
    else await page.waitForFunction(labels => Array.from(document.querySelectorAll('.services h3'), e => e.textContent).join('|') === labels.join('|'), services)
    expect(await shown()).toEqual(services)
  }

  beforeAll(async () => {
    t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl', 'extension-facts.ttl'] })
    address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    browser = await chromium.launch({ executablePath, args })
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' })
    page = await context.newPage()
    page.on('pageerror', error => errors.push(error.message))
    page.on('console', message => { if (message.type() === 'error' && !message.text().includes('400')) errors.push(message.text()) })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('filters by conditions kept in the route through reload, Back and the language switch; a refused value is shown at its field', { timeout: 240_000 }, async () => {
    const problems: string[] = []
    await page.goto(`${address}/#/catalog`)
    await page.evaluate(() => { localStorage.setItem('symphony.lang', 'en') })
    await page.reload()
    await expectShown(['ACME Cloud PBX', 'Globex CRM'])

    // A number: the tests for numbers, a text box; the list follows the condition.
    await page.getByRole('button', { name: 'Add a condition' }).click()
    await condition(0).getByLabel('Property').selectOption({ label: 'calls per second' })
    expect(await condition(0).getByLabel('Test').locator('option').allTextContents()).toEqual(['at least', 'at most', 'has value'])
    await condition(0).getByLabel('Value').fill('10')
    await condition(0).getByLabel('Value').press('Tab')
    await expectShown(['ACME Cloud PBX'])
    await condition(0).getByLabel('Test').selectOption({ label: 'at most' })
    await condition(0).getByLabel('Value').fill('10')
    await condition(0).getByLabel('Value').press('Tab')
    await expectShown(['Globex CRM'])

    // An IRI property: its values labelled, several for "one of"; conditions combine.
    await page.getByRole('button', { name: 'Add a condition' }).click()
    await condition(1).getByLabel('Property').selectOption({ label: 'hostingTier' })
    expect(await condition(1).getByLabel('Test').locator('option').allTextContents()).toEqual(['has value', 'one of'])
    await condition(1).getByLabel('Test').selectOption({ label: 'one of' })
    await condition(1).getByLabel('Value').selectOption([{ label: 'TierIV' }])
    await expectShown([], 'No service matches these filters.')
    await condition(1).getByLabel('Value').selectOption([{ label: 'TierIII' }, { label: 'TierIV' }])
    await expectShown(['Globex CRM'])
    expect(await routedFacts()).toEqual([`${ext}callsPerSecond maxInclusive 10`, `${ext}hostingTier in ${ext}TierIII,${ext}TierIV`])
    problems.push(...await pageProblems(page, 'en 1440'))
    await page.setViewportSize({ width: 390, height: 844 })
    problems.push(...await pageProblems(page, 'en 390'))

    // Reload and Back bring the same conditions and list.
    await page.reload()
    await expectShown(['Globex CRM'])
    expect(await condition(0).getByLabel('Property').inputValue()).toBe(`${ext}callsPerSecond`)
    expect(await condition(0).getByLabel('Test').inputValue()).toBe('maxInclusive')
    expect(await condition(0).getByLabel('Value').inputValue()).toBe('10')
    expect(await condition(1).getByLabel('Value').evaluate((s: HTMLSelectElement) => Array.from(s.selectedOptions, o => o.textContent))).toEqual(['TierIII', 'TierIV'])
    await page.getByRole('link', { name: 'Globex CRM' }).click()
    await page.waitForFunction(() => window.location.hash.startsWith('#/service'))
    await page.goBack()
    await expectShown(['Globex CRM'])
    expect(await page.locator('.fact-condition').count()).toBe(2)

    // The language switch: labels in German, the same conditions.
    await page.locator('[data-lang=de]').click()
    await page.waitForFunction(() => document.querySelector('.fact-filter legend')?.textContent === 'Dienstmerkmale')
    await expectShown(['Globex CRM'])
    expect(await condition(0).getByLabel('Eigenschaft').locator('option:checked').textContent()).toBe('Anrufe pro Sekunde')
    expect(await condition(0).getByLabel('Prüfung').locator('option:checked').textContent()).toBe('höchstens')

    // A value the API refuses: its problem at the field, in German; fixing it clears it.
    const value = condition(0).getByLabel('Wert')
    await value.fill('zehn')
    await value.press('Tab')
    await page.waitForFunction(() => document.querySelector('.fact-condition [aria-invalid="true"]') !== null)
    const errorId = await value.getAttribute('aria-describedby')
    expect(await page.locator(`#${errorId!}`).textContent()).toContain('maxInclusive braucht eine Zahl, erhalten: "zehn"')
    expect(await page.locator('.services').count()).toBe(0)
    problems.push(...await pageProblems(page, 'de 390'))
    await page.setViewportSize({ width: 1440, height: 900 })
    problems.push(...await pageProblems(page, 'de 1440'))
    await value.fill('25')
    await value.press('Tab')
    await expectShown(['ACME Cloud-Telefonanlage', 'Globex CRM'])
    expect(await value.getAttribute('aria-invalid')).toBeNull()

    // Removing a condition drops it from the route.
    await condition(1).getByRole('button', { name: 'Bedingung entfernen' }).click()
    await expectShown(['ACME Cloud-Telefonanlage', 'Globex CRM'])
    expect(await routedFacts()).toEqual([`${ext}callsPerSecond maxInclusive 25`])
    expect(problems).toEqual([])
    expect(errors).toEqual([])
  })

  it('keeps a half-filled condition through reload and the language switch without filtering by it', { timeout: 240_000 }, async () => {
    const asked: string[] = []
    page.on('request', request => { const url = new URL(request.url()); if (url.pathname === '/catalog/services') asked.push(...url.searchParams.getAll('fact')) })
    await page.goto(`${address}/#/catalog`)
    await page.evaluate(() => { localStorage.setItem('symphony.lang', 'en') })
    await page.reload()
    await expectShown(['ACME Cloud PBX', 'Globex CRM'])
    await page.getByRole('button', { name: 'Add a condition' }).click()
    await condition(0).getByLabel('Property').selectOption({ label: 'hostingTier' })
    await condition(0).getByLabel('Test').selectOption({ label: 'one of' })
    await page.waitForFunction(() => window.location.hash.includes('fact='))
    expect(await routedFacts()).toEqual([`${ext}hostingTier in`])

    await page.reload()
    await expectShown(['ACME Cloud PBX', 'Globex CRM'])
    expect(await condition(0).getByLabel('Property').inputValue()).toBe(`${ext}hostingTier`)
    expect(await condition(0).getByLabel('Test').inputValue()).toBe('in')
    expect(await condition(0).getByLabel('Value').evaluate((s: HTMLSelectElement) => s.selectedOptions.length)).toBe(0)

    await page.locator('[data-lang=de]').click()
    await page.waitForFunction(() => document.querySelector('.fact-filter legend')?.textContent === 'Dienstmerkmale')
    await expectShown(['ACME Cloud-Telefonanlage', 'Globex CRM'])
    expect(await condition(0).getByLabel('Eigenschaft').inputValue()).toBe(`${ext}hostingTier`)
    expect(await condition(0).getByLabel('Prüfung').locator('option:checked').textContent()).toBe('einer von')
    expect(await pageProblems(page, 'half-filled de')).toEqual([])

    // Completed, it filters; only complete conditions ever reach the API.
    await condition(0).getByLabel('Wert').selectOption([{ label: 'TierIII' }])
    await expectShown(['Globex CRM'])
    expect(await routedFacts()).toEqual([`${ext}hostingTier in ${ext}TierIII`])
    expect(asked).toEqual([`${ext}hostingTier in ${ext}TierIII`])
    await page.locator('[data-lang=en]').click()
    await expectShown(['Globex CRM'])
    expect(await pageProblems(page, 'complete en')).toEqual([])
    expect(errors).toEqual([])
  })
})
