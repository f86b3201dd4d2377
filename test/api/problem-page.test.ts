/**
 * A browser that asks for HTML gets a problem as a page in its language (title, detail, status
 * and code, the way back to the console and the API docs, the console's styles), with the
 * problem's status; a program keeps the problem document. Text from the request is escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestApp } from './helpers.js'
import type { TestApp } from './helpers.js'

const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

describe('problems as pages for browsers', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp({ fixtures: ['acme-pbx.ttl'] }) })
  afterAll(async () => { await t.close() })

  it('answers a browser with a page in its language, the problem document beside for programs', async () => {
    for (const [language, title, back, docs] of [['en', 'Not found', 'Back to the console', 'API documentation'], ['de', 'Nicht gefunden', 'Zurück zur Konsole', 'API-Dokumentation']] as const) {
      const problem = (await t.app.inject({ method: 'GET', url: '/no-such-page', headers: { 'accept-language': language } })).json() as { title: string, detail: string }
      expect(problem.title).toBe(title)
      const page = await t.app.inject({ method: 'GET', url: '/no-such-page', headers: { accept: browser, 'accept-language': language } })
      expect(page.statusCode).toBe(404)
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(page.body).toContain(`<html lang="${language}">`)
      expect(page.body).toContain(`<h1>${title}</h1>`)
      expect(page.body).toContain(`<p class="alert" role="alert">${problem.detail}</p>`)
      expect(page.body).toContain(`<a href="/">${back}</a> · <a href="/docs">${docs}</a>`)
      expect(page.body).toContain('<link rel="stylesheet" href="/console/style.css">')
      // The console's stylesheet may load; nothing else does.
      expect(page.headers['content-security-policy']).toBe("default-src 'none'; style-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    }
  })

  it('keeps the problem document for programs: JSON, any type, or no Accept header', async () => {
    for (const accept of ['application/json', '*/*', undefined]) {
      const answer = await t.app.inject({ method: 'GET', url: '/no-such-page', headers: accept === undefined ? {} : { accept } })
      expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8')
      expect(answer.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' })
    }
  })

  it('escapes what the request put into the detail', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/catalog/services/%3Cscript%3Ealert(1)%3C%2Fscript%3E', headers: { accept: browser } })
    expect(page.statusCode).toBe(404)
    expect(page.body).not.toContain('<script>')
    expect(page.body).toContain('&lt;script&gt;')
  })
})
