/**
 * What the browser tests share: Debian's Chromium, headless, and the check every console page
 * must pass — no serious or critical axe violation, nothing wider than the viewport.
 */
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

export const executablePath = '/usr/bin/chromium'
/** Where the browser tests leave their screenshots for a person to look at (not committed). */
export const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url))

/** The path of a screenshot called `name` in the screenshots folder, which it creates. */
export function screenshotPath (name: string): string {
  mkdirSync(screenshots, { recursive: true })
  return `${screenshots}${name}.png`
}

export const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** Serious or critical axe violations and horizontal overflow of the page, as readable lines. */
export async function pageProblems (page: Page, name: string): Promise<string[]> {
  const found: string[] = []
  const { violations } = await new AxeBuilder({ page }).analyze()
  for (const v of violations.filter(v => v.impact === 'serious' || v.impact === 'critical')) {
    found.push(`${name}: ${v.id} (${v.impact}) at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  if (overflow > 0) found.push(`${name}: ${overflow} px wider than the viewport`)
  return found
}
