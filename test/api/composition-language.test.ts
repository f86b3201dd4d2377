/**
 * POST /compose speaks the asked language: German sentences for `Accept-Language: de` (or
 * `?lang=de`), English otherwise, with the same structured fields either way; a compose in a
 * worker thread answers exactly as one on the main thread.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openTestApp, sym } from './helpers.js'
import type { TestApp } from './helpers.js'

const pbx = 'https://example.org/acme#CloudPBX'

/** Two answers: valid bundles, and none within a tiny budget (issues, a nearest bundle and its needs). */
const requests = {
  bundles: { serviceTypes: [`${sym}VirtualPBX`, `${sym}CRM`], seats: 10, limit: 3 },
  overBudget: { serviceTypes: [`${sym}VirtualPBX`, `${sym}CRM`], seats: 10, constraints: { budget: { amount: 1, currency: 'EUR' } } }
}

/** The answer without its sentences and labels: what must not depend on the language. */
function structure (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structure)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value)
    .filter(([key]) => !['message', 'text', 'consumerText', 'detail', 'note', 'labels'].includes(key))
    .map(([key, v]) => [key, structure(v)]))
}

interface Answer {
  bundles: Array<{ explanation: { members: Array<{ text: string, texts: { en: string, de: string } }>, constraints: Array<{ detail: string, details: { en: string, de: string } }> } }>
  issues: Array<{ code: string, message: string, messages: { en: string, de: string }, needs?: Array<{ message: string, messages: { en: string, de: string } }> }>
  labels: Record<string, string>
}

describe('POST /compose in the asked language', () => {
  let main: TestApp
  let pooled: TestApp
  beforeAll(async () => {
    main = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'], api: { compose: { workers: 0 } } })
    pooled = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'], api: { compose: { workers: 1 } } })
  }, 180_000)
  afterAll(async () => { await main.close(); await pooled.close() })

  const compose = async (t: TestApp, payload: Record<string, unknown>, headers: Record<string, string>, url = '/compose'): Promise<Answer> => {
    const response = await t.app.inject({ method: 'POST', url, payload, headers })
    expect(response.statusCode).toBe(200)
    return response.json()
  }

  test('Accept-Language: de answers German sentences with the same structured fields as English', async () => {
    for (const request of Object.values(requests)) {
      const en = await compose(main, request, { 'accept-language': 'en-GB' })
      const de = await compose(main, request, { 'accept-language': 'de-DE,de;q=0.9' })
      expect(structure(de)).toEqual(structure(en))
      const sentences = (a: Answer): string[] => [
        ...a.issues.flatMap(i => [i.message, ...(i.needs ?? []).map(n => n.message)]),
        ...a.bundles.flatMap(b => [...b.explanation.members.map(m => m.text), ...b.explanation.constraints.map(c => c.detail)])
      ]
      const both = (a: Answer, language: 'en' | 'de'): string[] => [
        ...a.issues.flatMap(i => [i.messages[language], ...(i.needs ?? []).map(n => n.messages[language])]),
        ...a.bundles.flatMap(b => [...b.explanation.members.map(m => m.texts[language]), ...b.explanation.constraints.map(c => c.details[language])])
      ]
      expect(sentences(en)).toEqual(both(en, 'en'))
      expect(sentences(de)).toEqual(both(en, 'de'))
      expect(sentences(de).every((text, i) => text !== sentences(en)[i])).toBe(true)
    }
  })

  test('sentences name services and types by their labels in the language, and amounts as it writes them', async () => {
    const de = await compose(main, requests.overBudget, { 'accept-language': 'de' })
    const en = await compose(main, requests.overBudget, {}, '/compose?lang=en')
    expect(de.issues.map(i => i.code)).toEqual(['OVER_BUDGET', 'NEAREST_BUNDLE'])
    const monthly = 19 + 6.5 * 10 + 12 * 10
    expect(en.issues[0]!.message).toBe(`cheapest valid bundle costs €${monthly.toFixed(2)} a month for 10 seats, budget €1.00`)
    expect(de.issues[0]!.message).toBe(`das günstigste gültige Bündel kostet ${monthly.toFixed(2).replace('.', ',')}\u00a0€ pro Monat für 10 Plätze, Budget 1,00\u00a0€`)
    expect(de.issues[1]!.message).toContain(de.labels[pbx])
    expect(en.issues[1]!.message).toContain(en.labels[pbx])
    expect(de.labels[pbx]).not.toBe(en.labels[pbx])
    expect(JSON.stringify(de.issues.map(i => i.message))).not.toContain('https://')
  })

  test('a compose in a worker thread answers as one on the main thread, in either language', async () => {
    for (const headers of [{ 'accept-language': 'de' }, {}] as Array<Record<string, string>>) {
      const fromMain = await compose(main, requests.overBudget, headers)
      const fromWorker = await compose(pooled, requests.overBudget, headers)
      expect(fromWorker).toEqual(fromMain)
    }
  }, 180_000)
})
