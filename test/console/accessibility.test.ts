/**
 * Every console page in a real browser, at a laptop's and a phone's width, in English and
 * German: no serious or critical accessibility violation (axe-core) and no horizontal scrolling;
 * discovery with an answer, and the page a browser gets for a wrong address (styled by the
 * console's stylesheet under its content policy).
 * Screenshots of each page and viewport are saved to the system temp folder for review.
 */
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import type { Browser } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { openTestApp } from '../api/helpers.js'
import type { TestApp } from '../api/helpers.js'
import { args, executablePath, pageProblems, screenshotPath } from './browser.js'

const viewports = { laptop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const
const sym = 'https://w3id.org/symphony/ontology#'
/** Each page by name and route; discovery with an answer (a full match and a near miss). */
const pages = [
  ['catalog', 'catalog'], ['compose', 'compose'], ['configure', 'configure'],
  ['discover', `discover?${new URLSearchParams({ request: JSON.stringify({ wanted: [`${sym}ContactLookupAPI`], available: [] }) })}`]
] as const

describe.skipIf(!existsSync(executablePath) && process.env.CI !== 'true')('console accessibility and layout', () => {
  let t: TestApp
  let browser: Browser
  let address: string

  beforeAll(async () => {
    t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'] })
    address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    browser = await chromium.launch({ executablePath, args })
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  // Each viewport once, each language once: the laptop in English, the phone in German.
  for (const [viewportName, language] of [['laptop', 'en'], ['phone', 'de']] as const) {
    const viewport = viewports[viewportName]
    {
      it(`has no serious violation and no horizontal overflow at ${viewportName} width in ${language}`, { timeout: 180_000 }, async () => {
        const context = await browser.newContext({ viewport, locale: language === 'de' ? 'de-DE' : 'en-GB' })
        const page = await context.newPage()
        try {
          const found: string[] = []
          for (const [name, route] of pages) {
            await page.goto(`${address}/#/${route}`)
            await page.waitForSelector('main h1')
            await page.waitForFunction(() => document.querySelector('main .loading') === null)
            if (name === 'discover') await page.waitForSelector('article.result')
            const { violations } = await new AxeBuilder({ page }).analyze()
            for (const v of violations.filter(v => v.impact === 'serious' || v.impact === 'critical')) {
              found.push(`${name}: ${v.id} (${v.impact}) at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
            }
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
            if (overflow > 0) found.push(`${name}: ${overflow} px wider than the viewport`)
            await page.screenshot({ path: screenshotPath(`${name}-${viewportName}-${language}`), fullPage: true })
          }
          // A wrong address opened in the browser: the problem as a page, under its content policy.
          const answer = await page.goto(`${address}/no-such-page`)
          expect(answer?.status()).toBe(404)
          await page.waitForSelector('main h1')
          expect(await page.locator('html').getAttribute('lang')).toBe(language)
          expect(await page.evaluate(() => getComputedStyle(document.querySelector('header.bar')!).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)')
          found.push(...await pageProblems(page, `problem page (${language}, ${viewportName})`))
          await page.screenshot({ path: screenshotPath(`problem-${viewportName}-${language}`), fullPage: true })
          expect(found).toEqual([])
        } finally {
          await context.close()
        }
      })
    }
  }
})
