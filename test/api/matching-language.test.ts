/**
 * GET /match, GET …/combinable and POST /discover speak the asked language: German sentences
 * for `Accept-Language: de` (or `?lang=de`), English otherwise, with the same structured fields
 * either way; sentences name services and types by their labels in that language.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openTestApp, sym } from './helpers.js'
import type { TestApp } from './helpers.js'
import { sentences, structure } from '../matcher/sentences.js'

const pbx = 'https://example.org/telvana#CloudPBX'
const ecrm = 'https://example.org/relata#ECRM'
const crm = 'https://example.org/kundenwerk#CRM'



interface Issue { code: string, message: string, fix: string, messages: { en: string, de: string }, fixes: { en: string, de: string } }
interface PairAnswer { message: string, directions: Array<{ requirements: Array<{ degree: string, message: string, issues: Issue[] }> }> }

describe('matching answers in the asked language', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp({ seedExamples: true }) }, 180_000)
  afterAll(async () => { await t.close() })

  const get = async (url: string, headers: Record<string, string> = {}): Promise<unknown> => {
    const response = await t.app.inject({ method: 'GET', url, headers })
    expect(response.statusCode).toBe(200)
    return response.json()
  }
  const match = `/match?a=${encodeURIComponent(pbx)}&b=${encodeURIComponent(ecrm)}`

  test('GET /match with Accept-Language: de answers German messages and fixes with the same structured fields as English', async () => {
    const en = await get(match, { 'accept-language': 'en-GB' }) as PairAnswer
    const de = await get(match, { 'accept-language': 'de-DE,de;q=0.9' }) as PairAnswer
    expect(structure(de)).toEqual(structure(en))
    const issues = (a: PairAnswer): Issue[] => a.directions.flatMap(d => d.requirements.flatMap(r => r.issues))
    expect(issues(de).map(i => i.code)).toEqual(expect.arrayContaining(['PROTOCOL_MISMATCH', 'VERSION_MISMATCH', 'NO_TYPE_MATCH']))
    for (const [text, expected] of sentences(de, 'de')) expect(text).toBe(expected)
    for (const [text, expected] of sentences(en, 'en')) expect(text).toBe(expected)
    const german = sentences(de, 'de').map(([text]) => text)
    const english = sentences(en, 'en').map(([text]) => text)
    expect(german.every((text, i) => text !== english[i])).toBe(true)
    const protocol = issues(de).find(i => i.code === 'PROTOCOL_MISMATCH')!
    expect(protocol.message).toBe('die Anforderung braucht das Protokoll HTTPS/REST; die gelieferte Schnittstelle bietet WebSocket')
    expect(protocol.fix).toBe('bieten Sie HTTPS/REST an')
    expect(de.message).toBe('Telvana Cloud-Telefonanlage und Relata E-CRM lassen sich nicht verbinden: keiner erfüllt eine Anforderung des anderen')
    expect(en.message).toBe('Telvana Cloud PBX and Relata E-CRM cannot be combined: neither meets a requirement of the other')
    expect(JSON.stringify(german)).not.toContain('https://')
  })

  test('?lang= picks the language over Accept-Language; without either the answer is English', async () => {
    const asked = await get(`${match}&lang=de`, { 'accept-language': 'en' }) as PairAnswer
    const plain = await get(match) as PairAnswer
    expect(asked.message).toBe((plain as unknown as { messages: { de: string } }).messages.de)
    expect(plain.message).toBe((plain as unknown as { messages: { en: string } }).messages.en)
  })

  test('combinable links and discovery reasons follow the language too', async () => {
    const url = `/catalog/services/${encodeURIComponent(crm)}/combinable?limit=3`
    const en = await get(url)
    const de = await get(url, { 'accept-language': 'de' })
    expect(structure(de)).toEqual(structure(en))
    const links = sentences(de, 'de')
    expect(links.length).toBeGreaterThanOrEqual(3)
    for (const [text, expected] of links) expect(text).toBe(expected)
    expect(links[0]![0]).toMatch(/ liefert .* für die (optionale )?Anforderung /)

    const request = { available: [`${sym}CallEventFeed`], wanted: [`${sym}ContactLookupAPI`], limit: 3 }
    const discoverIn = async (headers: Record<string, string>): Promise<unknown> => {
      const response = await t.app.inject({ method: 'POST', url: '/discover', payload: request, headers })
      expect(response.statusCode).toBe(200)
      return response.json()
    }
    const found = await discoverIn({ 'accept-language': 'de' }) as { results: Array<{ why: { message: string, de: string } }> }
    expect(structure(found)).toEqual(structure(await discoverIn({})))
    expect(found.results[0]!.why.message).toBe(found.results[0]!.why.de)
    for (const [text, expected] of sentences(found, 'de')) expect(text).toBe(expected)
  })
})
