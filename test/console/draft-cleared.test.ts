/**
 * The configuration form's draft keeps a field the person cleared empty: after a reload (and the
 * language switch) the cleared field is not refilled with the shape's default. Skipped when
 * /usr/bin/chromium is missing (outside CI).
 */
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import type { Browser } from 'playwright-core'
import { openTestApp } from '../api/helpers.js'
import type { TestApp } from '../api/helpers.js'
import { args, executablePath } from './browser.js'

const pbx = 'https://example.org/tarifon#HostedPBX'

interface Field { label: string, widget: string, hidden?: boolean, readOnly?: boolean, required: boolean, multiple: boolean, options?: unknown[], value?: { kind: string } }
interface FormAnswer {
  schema: { properties?: Record<string, { default?: unknown }>, $defs?: unknown }
  uiSchema: { sections: Array<{ pointer: string, object: { fields: Record<string, Field> } }> }
}

describe.skipIf(!existsSync(executablePath) && process.env.CI !== 'true')('configuration draft', () => {
  let t: TestApp
  let browser: Browser
  let address: string

  beforeAll(async () => {
    t = await openTestApp({ seedExamples: true })
    address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    browser = await chromium.launch({ executablePath, args })
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('keeps a cleared field cleared through reload and the language switch', { timeout: 240_000 }, async () => {
    const form = (await t.app.inject({ method: 'POST', url: '/forms?lang=en', payload: { service: pbx } })).json() as FormAnswer
    const section = form.uiSchema.sections[0]!
    // The text fields of the form with a default from their shape.
    const defaulted = Object.entries(section.object.fields).filter(([name, field]) =>
      field.hidden !== true && field.readOnly !== true && !field.multiple && field.options === undefined &&
      typeof form.schema.properties?.[name]?.default === 'string')
    // The VirtualPBX shape (shapes/configuration/virtual-pbx.ttl with the common parameters it
    // uses) gives three single-valued free-text fields a string default: the country calling code
    // ("+49"), the time zone ("Europe/Berlin") and the recording announcement. The phone number
    // format's default is one of a list; the other defaults are numbers, booleans or in nested nodes.
    expect(defaulted.map(([name]) => name).sort()).toEqual(['countryCallingCode', 'recordingAnnouncement', 'timeZone'])
    const [name, field] = defaulted[0]!
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' })
    const page = await context.newPage()
    await page.goto(`${address}/#/configure?service=${encodeURIComponent(pbx)}`)
    await page.evaluate(() => { localStorage.setItem('symphony.lang', 'en') })
    await page.reload()
    await page.waitForSelector('form .joint-form fieldset.section', { timeout: 120_000 })
    const input = page.getByLabel(field.label)
    expect(await input.inputValue()).toBe(form.schema.properties![name]!.default)

    await input.fill('')
    await page.reload()
    await page.waitForSelector('form .joint-form fieldset.section', { timeout: 120_000 })
    expect(await page.locator('.draft-note').isHidden()).toBe(false)
    expect(await page.getByLabel(field.label).inputValue()).toBe('')

    await page.locator('[data-lang=de]').click()
    await page.waitForFunction(() => document.documentElement.lang === 'de' && document.querySelector('form .joint-form fieldset.section') !== null, undefined, { timeout: 120_000 })
    const german = (await t.app.inject({ method: 'POST', url: '/forms?lang=de', payload: { service: pbx } })).json() as FormAnswer
    expect(await page.getByLabel(german.uiSchema.sections[0]!.object.fields[name]!.label).inputValue()).toBe('')
    await context.close()
  })

  it('keeps a required list the person emptied empty, instead of adding an item with defaults', { timeout: 240_000 }, async () => {
    const form = (await t.app.inject({ method: 'POST', url: '/forms?lang=en', payload: { service: pbx } })).json() as FormAnswer
    const lists = Object.values(form.uiSchema.sections[0]!.object.fields).filter(field => field.multiple && field.required && field.value?.kind === 'node' && field.hidden !== true)
    // The PBX shape's node-valued properties with sh:minCount 1 and no sh:maxCount 1 (virtual-pbx.ttl), in the form's order.
    expect(lists.map(field => field.label)).toEqual(['SIP accounts', 'Business hours'])
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' })
    const page = await context.newPage()
    await page.goto(`${address}/#/configure?service=${encodeURIComponent(pbx)}`)
    await page.evaluate(() => { localStorage.setItem('symphony.lang', 'en') })
    await page.reload()
    await page.waitForSelector('form .joint-form fieldset.section', { timeout: 120_000 })
    const list = page.locator('fieldset.nested').filter({ has: page.locator(`legend:text-is("${lists[0]!.label} (required)")`) }).first()
    expect(await list.locator('ol.items > li').count()).toBe(1)
    await list.locator('ol.items > li').getByRole('button', { name: 'Remove' }).last().click()
    expect(await list.locator('ol.items > li').count()).toBe(0)
    await page.reload()
    await page.waitForSelector('form .joint-form fieldset.section', { timeout: 120_000 })
    expect(await page.locator('.draft-note').isHidden()).toBe(false)
    expect(await list.locator('ol.items > li').count()).toBe(0)
    await context.close()
  })
})
