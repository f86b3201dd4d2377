/**
 * The tickets page in a real browser (chromium through playwright-core): the customer reports a
 * link fault, the provider notes and resolves it, in English and German. Skipped without
 * /usr/bin/chromium (outside CI).
 */
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { openTicketHarness } from './harness.js'
import type { TicketHarness } from './harness.js'
import { args, executablePath } from '../console/browser.js'
import { AxeBuilder } from '@axe-core/playwright'


describe.skipIf(!existsSync(executablePath) && process.env.CI !== 'true')('console: tickets', { timeout: 120_000 }, () => {
  let h: TicketHarness
  let browser: Browser
  const errors: string[] = []
  beforeAll(async () => {
    h = await openTicketHarness()
    browser = await chromium.launch({ executablePath, args })
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await h?.close()
  })

  async function pageWith (token: string, language: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: language })
    page.on('pageerror', error => errors.push(error.message))
    await page.addInitScript(([value, lang]) => {
      sessionStorage.setItem('symphony.token', value!)
      localStorage.setItem('symphony.lang', lang!)
    }, [token, language.slice(0, 2)])
    await page.goto(`${h.url}/#/tickets`)
    return page
  }

  it('the customer reports a fault on a link and sees where it went', async () => {
    const page = await pageWith('symp_customer-a', 'en-GB')
    await page.waitForSelector('form select')
    expect(await page.locator('h1').textContent()).toBe('Faults and tickets')
    await page.getByLabel('About').selectOption({ label: 'Link: Alpha PBX → Beta CRM' })
    await page.getByLabel('What is wrong').fill('calls are not journaled')
    await page.getByRole('button', { name: 'Report' }).click()
    await page.waitForSelector('article.ticket')
    const article = page.locator('article.ticket')
    expect(await article.locator('h2').textContent()).toBe('calls are not journaled')
    // Providers and services by their names in the catalog
    expect(await article.locator('tbody').first().locator('td:first-child').allTextContents()).toEqual(['Alpha', 'Beta'])
    expect(await article.locator('p').first().textContent()).toMatch(/ · Alpha PBX → Beta CRM$/)
    await page.close()
  })

  it('the provider adds a note and resolves the ticket, in German', async () => {
    // Reported Tuesday 10:00 Berlin; Beta acts two and a half business hours later, past Alpha's one-hour response.
    h.setNow('2026-12-01T11:30:00Z')
    const page = await pageWith('symp_beta', 'de-DE')
    await page.waitForSelector('article.ticket')
    expect(await page.locator('h1').textContent()).toBe('Störungen und Tickets')
    // Why each provider is involved, in German, by names rather than IRIs
    expect(await page.locator('article.ticket tbody').first().locator('td:nth-child(2)').allTextContents()).toEqual([
      'stellt Alpha PBX bereit, dessen Anrufereignis-Feed die Anforderung Anrufereignis-Feed von Beta CRM erfüllt (Verbindung Alpha PBX → Beta CRM)',
      'stellt Beta CRM bereit, dessen Anforderung Anrufereignis-Feed Alpha PBX erfüllt (Verbindung Alpha PBX → Beta CRM)'
    ])
    await page.locator('article.ticket textarea').fill('Feed wird geprüft')
    await page.getByRole('button', { name: 'Notiz hinzufügen' }).click()
    await page.waitForFunction(() => document.querySelector('article.ticket li')?.textContent?.includes('Feed wird geprüft') === true)
    await page.locator('article.ticket').getByLabel('Ändern auf').selectOption('resolved')
    await page.getByRole('button', { name: 'Ändern', exact: true }).click()
    await page.waitForFunction(() => document.querySelector('article.ticket strong')?.textContent === 'gelöst')
    // What each target took, in German words and number format
    const at = (iso: string): string => new Date(iso).toLocaleString('de')
    expect(await page.locator('article.ticket caption + thead + tbody tr').evaluateAll(rows => rows.map(row => Array.from(row.querySelectorAll('td'), cell => cell.textContent)))).toEqual([
      ['Alpha', `${at('2026-12-01T10:00:00Z')} (verfehlt)`, `${at('2026-12-01T17:00:00Z')} (eingehalten, nach 2,5 Supportstunden)`],
      ['Beta', `${at('2026-12-01T13:00:00Z')} (eingehalten, nach 2,5 Supportstunden)`, `${at('2026-12-02T15:00:00Z')} (eingehalten, nach 2,5 Supportstunden)`]
    ])
    // The provider's report of the month: its own row only
    await page.getByLabel('Gemeldet im Monat').fill('2026-12')
    await page.getByRole('button', { name: 'Anzeigen' }).click()
    await page.waitForFunction(() => document.querySelector('table.sla-report tbody td:nth-child(5)')?.textContent === '1')
    expect(await page.locator('table.sla-report thead th').allTextContents()).toEqual(['Zugestellt an', 'Tickets', 'Beantwortet', 'Reaktion verfehlt', 'Gelöst', 'Lösung verfehlt'])
    expect(await page.locator('table.sla-report tbody tr').evaluateAll(rows => rows.map(row => Array.from(row.querySelectorAll('td'), cell => cell.textContent)))).toEqual([['Beta', '1', '1', '0', '1', '0']])
    const tickets = (await h.call('GET', '/tickets', 'symp_customer-a')).body as Array<{ state: string, notes: Array<{ text: string }> }>
    expect(tickets.map(x => [x.state, x.notes.map(n => n.text)])).toEqual([['resolved', ['Feed wird geprüft']]])
    expect(errors).toEqual([])
    await page.close()
  })

  it('has no serious accessibility violation, for the customer in English and the provider in German', async () => {
    for (const [token, language] of [['symp_customer-a', 'en-GB'], ['symp_beta', 'de-DE']] as const) {
      // axe needs a page of a context of its own
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: language })
      await context.addInitScript(([value, lang]) => {
        sessionStorage.setItem('symphony.token', value!)
        localStorage.setItem('symphony.lang', lang!)
      }, [token, language.slice(0, 2)])
      try {
        const page = await context.newPage()
        await page.goto(`${h.url}/#/tickets`)
        await page.waitForSelector('article.ticket')
        if (token === 'symp_beta') await page.waitForSelector('table.sla-report')
        const { violations } = await new AxeBuilder({ page }).analyze()
        expect(violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => `${v.id} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`), language).toEqual([])
      } finally {
        await context.close()
      }
    }
  })
})
