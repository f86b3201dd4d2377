/**
 * The catalog's service-type tree as a keyboard user meets it, in a real browser: one tab stop,
 * arrow keys, Home/End and type-ahead move the focus as the WAI-ARIA tree view pattern has it,
 * Enter and Space choose a type (the services are filtered and the route keeps it through reload,
 * Back and the language switch), the mouse still chooses and opens/closes, and the tree has no
 * serious accessibility violation and no sideways scrolling on a phone in either language.
 * Screenshots of the phone views are saved to the system temp folder. Skipped when
 * /usr/bin/chromium is missing (outside CI).
 */
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { openTestApp, sym } from '../api/helpers.js'
import type { TestApp } from '../api/helpers.js'
import { args, executablePath, screenshotPath } from './browser.js'


interface TypeNode { iri: string, label: string, services: number, children: TypeNode[] }
interface Row { node: TypeNode, level: number, posinset: number, setsize: number, parent: Row | null }

/** The types of `GET /catalog/types` in document order, each with its place in the tree. */
function flatten (nodes: TypeNode[], level = 1, parent: Row | null = null): Row[] {
  return nodes.flatMap((node, index) => {
    const row: Row = { node, level, posinset: index + 1, setsize: nodes.length, parent }
    return [row, ...flatten(node.children, level + 1, row)]
  })
}

/** What a screen reader learns of the focused element, and how many tree items are tab stops. */
async function focused (page: Page) {
  return await page.evaluate(() => {
    const element = document.activeElement
    const labelledBy = element?.getAttribute('aria-labelledby')
    return {
      role: element?.getAttribute('role') ?? null,
      name: labelledBy === null || labelledBy === undefined ? null : document.getElementById(labelledBy)?.textContent ?? null,
      level: element?.getAttribute('aria-level') ?? null,
      posinset: element?.getAttribute('aria-posinset') ?? null,
      setsize: element?.getAttribute('aria-setsize') ?? null,
      expanded: element?.getAttribute('aria-expanded') ?? null,
      selected: element?.getAttribute('aria-selected') ?? null,
      tabStops: document.querySelectorAll('[role=tree] [role=treeitem][tabindex="0"]').length,
      focusedIsTabStop: element?.getAttribute('tabindex') === '0'
    }
  })
}

const nameOf = (row: Row): string => `${row.node.label} (${row.node.services})`

describe.skipIf(!existsSync(executablePath) && process.env.CI !== 'true')('service-type tree', () => {
  let t: TestApp
  let browser: Browser
  let page: Page
  let address: string
  let rows: Row[]
  const errors: string[] = []

  /** Presses `key` and expects the focus on `row`, which is then the tree's only tab stop. */
  async function press (key: string, row: Row, expanded?: 'true' | 'false') {
    await page.keyboard.press(key)
    const now = await focused(page)
    expect({ key, ...now }).toMatchObject({
      key,
      role: 'treeitem',
      name: nameOf(row),
      level: String(row.level),
      posinset: String(row.posinset),
      setsize: String(row.setsize),
      tabStops: 1,
      focusedIsTabStop: true
    })
    expect(now.expanded).toBe(row.node.children.length === 0 ? null : (expanded ?? 'true'))
  }
  const row = (iri: string, parent?: string): Row => rows.find(r => r.node.iri === iri && (parent === undefined || r.parent?.node.iri === parent))!
  const shownServices = async () => await page.locator('.services h3').allTextContents()

  beforeAll(async () => {
    t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'] })
    address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    rows = flatten((await t.app.inject({ url: '/catalog/types?lang=en' })).json().types)
    browser = await chromium.launch({ executablePath, args })
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    page.on('pageerror', error => errors.push(error.message))
    page.on('console', message => { if (message.type() === 'error') errors.push(message.text()) })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('is one tab stop; arrows, Home, End and type-ahead move the focus among the visible types', { timeout: 120_000 }, async () => {
    await page.goto(`${address}/#/catalog`)
    await page.waitForSelector('.services > li')
    await page.waitForFunction(() => document.activeElement?.id === 'main')
    expect(await page.locator('[role=tree]').getAttribute('aria-labelledby')).toBe('types-heading')
    expect(await page.locator('#types-heading').textContent()).toBe('Service types')
    // Nothing is chosen: the first type is the tab stop, every type with subtypes is open.
    await press('Tab', rows[0]!)
    expect((await focused(page)).selected).toBe(null)
    await press('ArrowDown', rows[1]!)
    await press('ArrowUp', rows[0]!)
    await press('ArrowUp', rows[0]!)
    await press('End', rows[rows.length - 1]!)
    await press('ArrowDown', rows[rows.length - 1]!)
    await press('Home', rows[0]!)

    // Type-ahead: the next visible type whose label starts with the letter, again and again.
    const startingWithC = rows.filter(r => r.node.label.toLowerCase().startsWith('c'))
    expect(startingWithC.length).toBeGreaterThan(2)
    await press('c', startingWithC[0]!)
    await press('C', startingWithC[1]!)
    await press('c', startingWithC[2]!)
    await press('Home', rows[0]!)

    // Right and Left: into the first subtype, close an open type, back to the parent.
    const relationship = row(`${sym}CustomerRelationshipService`)
    const crm = row(`${sym}CRM`, `${sym}CustomerRelationshipService`)
    for (const r of rows.slice(1, rows.indexOf(relationship) + 1)) await press('ArrowDown', r)
    expect(rows[rows.indexOf(relationship) + 1]).toBe(crm)
    await press('ArrowRight', crm)
    await press('ArrowLeft', crm, 'false')
    await press('ArrowLeft', relationship)
    await press('ArrowLeft', relationship, 'false')
    expect(await page.locator(`[role=treeitem][data-key="${relationship.node.iri}"] > [role=group]`).isHidden()).toBe(true)
    // Closed, its subtypes are skipped: Down goes to the next top-level type.
    const nextTop = rows.find(r => r.level === 1 && r.posinset === relationship.posinset + 1)!
    await press('ArrowDown', nextTop)
    await press('ArrowUp', relationship, 'false')
    await press('ArrowLeft', relationship, 'false')
    // Right opens a closed type and keeps the focus, then moves into its first subtype.
    await press('ArrowRight', relationship, 'true')
    await press('ArrowRight', crm, 'false')
    const crmSibling = rows.find(r => r.parent === relationship && r.posinset === crm.posinset + 1)!
    await press('ArrowDown', crmSibling)
    await press('ArrowUp', crm, 'false')
    await press('ArrowRight', crm, 'true')
    await press('ArrowRight', rows[rows.indexOf(crm) + 1]!)
    await press('ArrowLeft', crm)
    expect(errors).toEqual([])
  })

  it('chooses a type with Enter: the services are filtered, the route keeps it, Tab leaves the tree', { timeout: 120_000 }, async () => {
    const crm = row(`${sym}CRM`, `${sym}CustomerRelationshipService`)
    expect((await focused(page)).name).toBe(nameOf(crm))
    expect(await shownServices()).toEqual(['ACME Cloud PBX', 'Globex CRM'])
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.querySelectorAll('.services > li').length === 1)
    expect(await shownServices()).toEqual(['Globex CRM'])
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/catalog?type=${encodeURIComponent(`${sym}CRM`)}`)
    expect(await focused(page)).toMatchObject({ name: nameOf(crm), selected: 'true', tabStops: 1, focusedIsTabStop: true })
    expect(await page.locator('[role=treeitem][aria-selected]').count()).toBe(1)

    // Tab leaves the tree for the search field; Shift+Tab comes back to the chosen type.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search')
    await page.keyboard.press('Shift+Tab')
    expect(await focused(page)).toMatchObject({ name: nameOf(crm), selected: 'true', tabStops: 1 })
  })

  it('keeps the chosen type through reload, Back and the language switch', { timeout: 120_000 }, async () => {
    const crm = row(`${sym}CRM`, `${sym}CustomerRelationshipService`)
    await page.reload()
    await page.waitForSelector('.services > li')
    await page.waitForFunction(() => document.activeElement?.id === 'main')
    expect(await shownServices()).toEqual(['Globex CRM'])
    await press('Tab', crm)
    expect((await focused(page)).selected).toBe('true')

    await page.getByRole('link', { name: 'Globex CRM' }).click()
    await page.waitForFunction(() => window.location.hash.startsWith('#/service/'))
    await page.waitForSelector('main h1:text-is("Globex CRM")')
    await page.goBack()
    await page.waitForSelector('[role=tree]')
    await page.waitForSelector('.services > li')
    expect(await shownServices()).toEqual(['Globex CRM'])
    expect(await page.locator('[role=treeitem][aria-selected=true] > .node .label').textContent()).toBe(nameOf(crm))

    await page.getByRole('button', { name: 'DE', exact: true }).click()
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Dienstekatalog')
    await page.waitForSelector('.services > li')
    expect(await shownServices()).toEqual(['Globex CRM'])
    expect(await page.locator('#types-heading').textContent()).toBe('Diensttypen')
    expect(await page.locator('[role=treeitem][aria-selected=true] > .node .label').textContent()).toBe('Kundenbeziehungsmanagement (1)')
    expect(await page.locator('[role=treeitem][tabindex="0"]').getAttribute('aria-selected')).toBe('true')
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/catalog?type=${encodeURIComponent(`${sym}CRM`)}`)
    await page.getByRole('button', { name: 'EN', exact: true }).click()
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Service catalog')
  })

  it('chooses the chosen type again with Space for all services', { timeout: 120_000 }, async () => {
    await page.waitForSelector('.services > li')
    await page.locator('[role=treeitem][aria-selected=true]').focus()
    await page.keyboard.press('Space')
    await page.waitForFunction(() => document.querySelectorAll('.services > li').length === 2)
    expect(await page.evaluate(() => window.location.hash)).toBe('#/catalog')
    expect(await page.locator('[role=treeitem][aria-selected]').count()).toBe(0)
    expect((await focused(page)).tabStops).toBe(1)
  })

  it('still chooses, opens and closes with the mouse', { timeout: 120_000 }, async () => {
    const pbx = row(`${sym}VirtualPBX`)
    await page.getByRole('treeitem', { name: nameOf(pbx), exact: true }).locator(':scope > .node .label').click()
    await page.waitForFunction(() => document.querySelectorAll('.services > li').length === 1)
    expect(await shownServices()).toEqual(['ACME Cloud PBX'])
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/catalog?type=${encodeURIComponent(`${sym}VirtualPBX`)}`)
    expect(await focused(page)).toMatchObject({ name: nameOf(pbx), selected: 'true', tabStops: 1 })

    const telephony = page.locator(`[role=treeitem][data-key="${sym}TelephonyService"]`)
    expect(await telephony.getAttribute('aria-expanded')).toBe('true')
    await telephony.locator(':scope > .node .toggle').click()
    expect(await telephony.getAttribute('aria-expanded')).toBe('false')
    expect(await telephony.locator(':scope > [role=group]').isHidden()).toBe(true)
    // Opening and closing chooses nothing.
    expect(await shownServices()).toEqual(['ACME Cloud PBX'])
    await telephony.locator(':scope > .node .toggle').click()
    expect(await telephony.getAttribute('aria-expanded')).toBe('true')
    expect(await page.locator('[role=treeitem][tabindex="0"]').count()).toBe(1)
    expect(errors).toEqual([])
  })

  for (const language of ['en', 'de'] as const) {
    it(`has no serious violation and fits a phone's width with a type chosen and one closed, in ${language}`, { timeout: 120_000 }, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: language === 'de' ? 'de-DE' : 'en-GB' })
      const phone = await context.newPage()
      try {
        await phone.goto(`${address}/#/catalog?type=${encodeURIComponent(`${sym}CRM`)}`)
        await phone.waitForSelector('.services > li')
        await phone.locator('[role=treeitem][tabindex="0"]').focus()
        await phone.keyboard.press('ArrowLeft')
        expect(await phone.locator('[role=treeitem][aria-expanded=false]').count()).toBe(1)
        const { violations } = await new AxeBuilder({ page: phone }).analyze()
        expect(violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => `${v.id} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)).toEqual([])
        expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
        await phone.screenshot({ path: screenshotPath(`tree-phone-${language}`) })
      } finally {
        await context.close()
      }
    })
  }
})
