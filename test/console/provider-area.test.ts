/**
 * The provider area and "My configurations" in a real browser (Debian's chromium through
 * playwright-core) on the example catalog: a provider signs in, types a description whose
 * violation the live check reports (in English, then in German after the language switch), fixes
 * it, runs a dry run, publishes version 1 and deprecates it; the route and the draft survive reload
 * and the language switch. A customer's configuration stored through the API is listed and shown
 * with its values under the form's labels. Both pages pass axe (no serious or critical violation)
 * and fit a laptop and a phone. Skipped when /usr/bin/chromium is missing (outside CI).
 */
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { acme, acmeToken, bergToken, descriptionPath, fixture, openTestApp, sym } from '../api/helpers.js'
import type { TestApp } from '../api/helpers.js'
import { args, executablePath, pageProblems, screenshotPath } from './browser.js'

const telvanaPbx = 'https://example.org/telvana#CloudPBX'
const kundenwerkCrm = 'https://example.org/kundenwerk#CRM'
const laptop = { width: 1440, height: 900 }
const phone = { width: 390, height: 844 }
const slow = { timeout: 300_000 }

/** The route's query (`#/provider?description=pbx&version=1`). */
function routeQuery (page: Page): URLSearchParams {
  return new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '')
}

describe.skipIf(!existsSync(executablePath) && process.env.CI !== 'true')('console provider area and configurations', () => {
  let t: TestApp
  let browser: Browser
  let address: string
  let good = ''
  let bad = ''
  let configuration = ''

  beforeAll(async () => {
    t = await openTestApp({ seedExamples: true })
    good = await fixture('acme-pbx.ttl')
    bad = good.replace('sym:offersDPA true', 'sym:offersDPA "ja"')
    expect(bad).not.toBe(good)
    // A customer's configuration of the Telvana PBX with the Kundenwerk CRM, stored through the API.
    const values = JSON.parse(await fixture('pbx-crm-configuration.json'))
    const stored = await t.app.inject({
      method: 'POST',
      url: '/configurations',
      headers: { authorization: `Bearer ${bergToken}` },
      payload: {
        bundle: { services: [telvanaPbx, kundenwerkCrm] },
        values: { shared: values.shared, services: { CloudPBX: values.services.CloudPBX, CRM: values.services.CallCRM }, links: { 'CloudPBX-CRM': values.links['CloudPBX-CallCRM'] } }
      }
    })
    expect(stored.statusCode).toBe(201)
    configuration = stored.json().configuration
    address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    browser = await chromium.launch({ executablePath, args })
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })


  /** Script errors of the page; failed requests the page handles (404, 400, 422) are not errors. */
  function watch (page: Page): string[] {
    const errors: string[] = []
    page.on('pageerror', error => errors.push(error.message))
    page.on('console', message => { if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text()) })
    return errors
  }

  async function label (iri: string, language: string): Promise<string> {
    const answer = await t.app.inject({ url: `/catalog/services/${encodeURIComponent(iri)}?lang=${language}` })
    return answer.json().summary.label
  }

  const results = (page: Page) => page.locator('ol.results .message').allTextContents()

  it('checks while the provider types, in English and German, then dry-runs, publishes and deprecates', slow, async () => {
    const context = await browser.newContext({ viewport: laptop, locale: 'en-GB' })
    const page = await context.newPage()
    const errors = watch(page)
    const found: string[] = []
    try {
      // Signing in with a provider token leads to the provider area, which the navigation now offers.
      await page.goto(`${address}/#/signin`)
      await page.getByLabel('Access token').fill(acmeToken)
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await page.waitForFunction(() => window.location.hash.startsWith('#/provider'))
      await page.waitForSelector('main h1:text-is("My service descriptions")')
      expect(await page.getByRole('link', { name: 'My descriptions' }).isVisible()).toBe(true)
      expect(await page.getByRole('link', { name: 'My configurations' }).isVisible()).toBe(false)
      expect(await page.locator('.descriptions p').textContent()).toBe('Nothing published through the API yet.')
      expect(await page.locator('.check-status').textContent()).toBe('Not checked yet: type a description.')

      // A name the API would refuse is marked at once.
      await page.getByLabel('Description name').fill('-pbx')
      expect(await page.getByLabel('Description name').getAttribute('aria-invalid')).toBe('true')
      await page.getByLabel('Description name').fill('pbx')
      expect(await page.getByLabel('Description name').getAttribute('aria-invalid')).toBeNull()
      expect(routeQuery(page).get('description')).toBe('pbx')

      // A violation: the live check lists it with its message.
      await page.getByLabel('Description', { exact: true }).fill(bad)
      await page.waitForSelector('.check-status.bad')
      expect(await page.locator('.check-status').textContent()).toBe('1 result: does not conform.')
      const english = page.locator('ol.results li')
      expect(await english.locator('.severity').allTextContents()).toEqual(['violation'])
      expect(await results(page)).toEqual(['State exactly once whether you conclude a data processing agreement (Art. 28 GDPR, AVV): sym:offersDPA true or false.'])
      expect(await english.locator('dt').allTextContents()).toEqual(['Node', 'Path', 'Value'])
      expect(await english.locator('dd').allTextContents()).toEqual(['CloudPBX', 'offersDPA', 'ja'])
      expect(await page.getByLabel('Description', { exact: true }).getAttribute('aria-invalid')).toBe('true')
      found.push(...await pageProblems(page, 'provider with a violation'))

      // German: the draft and the name stay; the check answers in German.
      await page.getByRole('button', { name: 'DE', exact: true }).click()
      await page.waitForSelector('main h1:text-is("Meine Dienstbeschreibungen")')
      await page.waitForSelector('.check-status.bad')
      expect(await results(page)).toEqual(['Geben Sie genau einmal an, ob Sie einen Auftragsverarbeitungsvertrag (Art. 28 DSGVO, AVV) schließen: sym:offersDPA true oder false.'])
      expect(await page.locator('ol.results .severity').allTextContents()).toEqual(['Verstoß'])
      expect(await page.getByLabel('Name der Beschreibung').inputValue()).toBe('pbx')
      expect(await page.getByLabel('Beschreibung', { exact: true }).inputValue()).toBe(bad)
      await page.getByRole('button', { name: 'EN', exact: true }).click()
      await page.waitForSelector('main h1:text-is("My service descriptions")')
      await page.waitForSelector('.check-status.bad')

      // A syntax error names its line, and the button selects that line.
      const broken = good.replace('schema:provider ex:Acme ;', 'schema:provider ex:Acme ;;; ]')
      const brokenLine = broken.split('\n').findIndex(line => line.includes(';;; ]')) + 1
      await page.getByLabel('Description', { exact: true }).fill(broken)
      await page.waitForFunction(() => document.querySelector('.check-status')?.textContent?.startsWith('The text cannot be read'))
      expect(await page.locator('.check-status').textContent()).toBe(`The text cannot be read: line ${brokenLine}`)
      await page.getByRole('button', { name: `Go to line ${brokenLine}` }).click()
      const selected = await page.getByLabel('Description', { exact: true }).evaluate(area => {
        const text = (area as HTMLTextAreaElement).value
        return text.slice((area as HTMLTextAreaElement).selectionStart, (area as HTMLTextAreaElement).selectionEnd)
      })
      expect(selected).toContain(';;; ]')

      // Fixed: it conforms.
      await page.getByLabel('Description', { exact: true }).fill(good)
      await page.waitForSelector('.check-status.ok')
      expect(await page.locator('.check-status').textContent()).toBe('Conforms: no result from the publishing shapes.')
      expect(await page.locator('ol.results').count()).toBe(0)

      // Reload keeps the route and the draft.
      await page.reload()
      await page.waitForSelector('.check-status.ok')
      expect(await page.getByLabel('Description', { exact: true }).inputValue()).toBe(good)
      expect(await page.getByLabel('Description name').inputValue()).toBe('pbx')

      // Dry run: the CRM the new PBX would match appears by its catalog name; nothing is stored.
      const crm = await label(kundenwerkCrm, 'en')
      await page.getByRole('button', { name: 'Dry run' }).click()
      await page.waitForSelector('.impact h3')
      expect(await page.locator('.impact h3').textContent()).toBe('Impact of “pbx” as version 1')
      const appears = await page.locator('.impact-appears li').allTextContents()
      expect(appears).toEqual(expect.arrayContaining([`CloudPBX → ${crm} (exact)`]))
      // Each line that names the CRM links to its page.
      expect(await page.locator(`.impact-appears li:has(a[href="#/service/${encodeURIComponent(kundenwerkCrm)}"])`).count()).toBe(appears.filter(line => line.includes(crm)).length)
      const stillNothing = await t.app.inject({ url: `/providers/${encodeURIComponent(acme)}/descriptions` })
      expect(stillNothing.json().descriptions).toEqual([])
      found.push(...await pageProblems(page, 'provider after the dry run'))

      // Publish: version 1, listed as active; the draft is gone, the route names the version.
      await page.getByRole('button', { name: 'Publish' }).click()
      await page.waitForSelector('.outcome .success')
      expect(await page.locator('.outcome .success').textContent()).toBe('“pbx” is published as version 1.')
      const row = page.locator('.description[data-name="pbx"] tr[data-version="1"]')
      await row.waitFor()
      expect(await row.getAttribute('data-status')).toBe('active')
      expect(await row.locator('.state').textContent()).toBe('active')
      expect(await row.getAttribute('aria-current')).toBe('true')
      expect(routeQuery(page).get('version')).toBe('1')
      expect(await page.evaluate(provider => window.sessionStorage.getItem(`symphony.draft ${provider}`), acme)).toBeNull()
      const published = await t.app.inject({ url: descriptionPath(acme, 'pbx') })
      expect(published.json().active).toBe(1)

      // Reload opens version 1 from the API in the editor.
      await page.reload()
      await page.waitForSelector('.check-status.ok')
      expect(await page.getByLabel('Description', { exact: true }).inputValue()).toContain('https://example.org/acme#CloudPBX')

      // Deprecate after the confirmation.
      await page.getByRole('button', { name: 'Deprecate version 1' }).click()
      expect(await page.locator('.confirm p').textContent()).toContain('Deprecate version 1 of “pbx”?')
      // "Keep it" changes nothing and returns to the button.
      await page.getByRole('button', { name: 'Keep it' }).click()
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Deprecate version 1')
      expect(await row.getAttribute('data-status')).toBe('active')
      await page.getByRole('button', { name: 'Deprecate version 1' }).click()
      await page.getByRole('button', { name: 'Yes, deprecate it' }).click()
      await page.waitForFunction(() => document.querySelector('.description tr[data-version="1"]')?.getAttribute('data-status') === 'deprecated')
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Description “pbx”')
      expect(await row.locator('.state').textContent()).toBe('deprecated')
      expect(await page.locator('.description[data-name="pbx"] .meta').first().textContent()).toBe('no active version (all deprecated)')
      expect(await page.getByRole('button', { name: 'Deprecate version 1' }).count()).toBe(0)
      const deprecated = await t.app.inject({ url: descriptionPath(acme, 'pbx') })
      expect(deprecated.json().versions[0].deprecated).toBe(true)
      found.push(...await pageProblems(page, 'provider after deprecating'))
      await page.screenshot({ path: screenshotPath('provider-laptop-en'), fullPage: true })
      expect(found).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('fits a phone in German with a violation listed', slow, async () => {
    const context = await browser.newContext({ viewport: phone, locale: 'de-DE' })
    const page = await context.newPage()
    const errors = watch(page)
    try {
      await page.goto(`${address}/#/catalog`)
      await page.evaluate(token => { window.sessionStorage.setItem('symphony.token', token) }, acmeToken)
      await page.goto(`${address}/#/provider?description=pbx-neu`)
      await page.reload()
      await page.waitForSelector('main h1:text-is("Meine Dienstbeschreibungen")')
      expect(await page.getByLabel('Name der Beschreibung').inputValue()).toBe('pbx-neu')
      await page.getByLabel('Beschreibung', { exact: true }).fill(bad)
      await page.waitForSelector('.check-status.bad')
      expect(await results(page)).toEqual(['Geben Sie genau einmal an, ob Sie einen Auftragsverarbeitungsvertrag (Art. 28 DSGVO, AVV) schließen: sym:offersDPA true oder false.'])
      await page.screenshot({ path: screenshotPath('provider-phone-de'), fullPage: true })
      expect(await pageProblems(page, 'provider on a phone')).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  for (const [language, viewport, locale] of [['en', laptop, 'en-GB'], ['de', phone, 'de-DE']] as const) {
    it(`lists the customer's configuration and shows its values in ${language} at ${viewport.width}×${viewport.height}`, slow, async () => {
      const form = await t.app.inject({ method: 'POST', url: `/forms?lang=${language}`, payload: { bundle: { services: [telvanaPbx, kundenwerkCrm] } } })
      const sections = form.json().uiSchema.sections as Array<{ kind: string, configures: string[], title: string, object: { fields: Record<string, { path: string, label: string }> } }>
      const pbxSection = sections.find(s => s.kind === 'service' && s.configures.length === 1 && s.configures[0] === telvanaPbx)!
      const crmSection = sections.find(s => s.kind === 'service' && s.configures.length === 1 && s.configures[0] === kundenwerkCrm)!
      const fieldLabel = (section: typeof pbxSection, path: string) => Object.values(section.object.fields).find(f => f.path === path)!.label
      const pbxName = await label(telvanaPbx, language)
      const context = await browser.newContext({ viewport, locale })
      const page = await context.newPage()
      const errors = watch(page)
      const found: string[] = []
      try {
        await page.goto(`${address}/#/catalog`)
        await page.evaluate(token => { window.sessionStorage.setItem('symphony.token', token) }, bergToken)
        await page.goto(`${address}/#/configurations`)
        await page.reload()
        await page.waitForSelector('main h1')
        expect(await page.getByRole('link', { name: language === 'en' ? 'My configurations' : 'Meine Konfigurationen' }).isVisible()).toBe(true)
        expect(await page.getByRole('link', { name: language === 'en' ? 'My descriptions' : 'Meine Beschreibungen' }).isVisible()).toBe(false)
        const entry = page.locator('.configurations li', { has: page.locator(`a[href="#/configurations/${encodeURIComponent(configuration)}"]`) })
        await entry.waitFor()
        expect(await entry.locator(`a[href="#/service/${encodeURIComponent(telvanaPbx)}"]`).textContent()).toBe(pbxName)
        expect(await page.locator('.configurations li').count()).toBe(1)
        found.push(...await pageProblems(page, 'configurations'))

        await entry.locator('h2 a').click()
        await page.waitForSelector('main section h2')
        expect(new URL(page.url()).hash).toBe(`#/configurations/${encodeURIComponent(configuration)}`)
        const headings = await page.locator('main section h2').allTextContents()
        expect(headings).toEqual(expect.arrayContaining([pbxSection.title, crmSection.title]))
        const value = (section: string, term: string) => page.locator('main section', { has: page.locator(`h2:text-is("${section}")`) })
          .locator(`dl.values > dt:text-is("${term}") + dd`).first().textContent()
        expect(await value(pbxSection.title, fieldLabel(pbxSection, `${sym}mainNumber`))).toBe('+493012345670')
        expect(await value(crmSection.title, fieldLabel(crmSection, `${sym}companyName`))).toBe('Beispiel GmbH')
        // A nested value (the SIP account) shows its own fields.
        expect(await page.locator('dl.values.nested dd', { hasText: 'anna.schmidt' }).count()).toBe(1)
        expect(await page.locator(`main a[href="#/service/${encodeURIComponent(telvanaPbx)}"]`).first().textContent()).toBe(pbxName)
        found.push(...await pageProblems(page, 'configuration'))
        await page.screenshot({ path: screenshotPath(`configuration-${language}`), fullPage: true })
        expect(found).toEqual([])
        expect(errors).toEqual([])
      } finally {
        await context.close()
      }
    })
  }
})
