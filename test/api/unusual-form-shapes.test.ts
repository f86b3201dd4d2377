/**
 * Configuration shapes with what a form cannot turn into fields (SPARQL constraints, qualified
 * value shapes, sequence, alternative and repetition paths, a shape that refers to itself) still
 * give a usable form through the API, which says in English and German what is checked only on
 * submission; and SHACL's message for such a constraint reaches the caller.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestApp, operatorToken } from './helpers.js'
import type { TestApp } from './helpers.js'

const odd = (local: string): string => `https://example.org/odd#${local}`
const sh = (local: string): string => `http://www.w3.org/ns/shacl#${local}`
const file = join(import.meta.dirname, '..', 'fixtures', 'api', 'unusual-configuration-shapes.ttl')
const asOperator = { authorization: `Bearer ${operatorToken}` }

describe('forms of shapes with what a form cannot show', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp({ dataFiles: [file] }) })
  afterAll(async () => { await t.close() })

  it('gives the fields it can write and notes the rest, in English and German', async () => {
    const url = (lang: string): string => `/forms?type=${encodeURIComponent(odd('RelayService'))}&lang=${lang}`
    const en = await t.app.inject({ method: 'GET', url: url('en') })
    expect(en.statusCode).toBe(200)
    const { schema, uiSchema } = en.json()
    const object = uiSchema.sections[0].object
    expect(Object.keys(schema.properties).sort()).toEqual(['hop', 'host', 'port', 'relaysInverse'])
    expect(object.fields.relaysInverse).toMatchObject({ path: odd('relays'), inverse: true })
    expect(object.fields.port.notes).toEqual([{ constraint: sh('qualifiedValueShape'), reason: 'counts values of a shape' }])
    // The shape that refers to itself ends in a reference, not an endless expansion.
    expect(schema.properties.hop).toMatchObject({ $ref: '#/$defs/HopShape' })
    expect(schema.$defs.HopShape.properties.hop).toMatchObject({ $ref: '#/$defs/HopShape' })
    const complex = 'no field: a value cannot be written through this path (sequence, alternative or repetition); it is checked when the configuration is submitted'
    expect(object.notes).toEqual([
      { constraint: sh('path'), value: 'Upstream host (upstream/host)', reason: complex },
      { constraint: sh('path'), value: '(mirror|backup)', reason: complex },
      { constraint: sh('path'), value: 'next+', reason: complex },
      { constraint: sh('sparql'), value: 'A relay needs a host name', reason: 'SPARQL-based constraint of the whole object; checked when the configuration is submitted' }
    ])
    const de = (await t.app.inject({ method: 'GET', url: url('de') })).json().uiSchema.sections[0].object
    expect(de.notes.map((note: { value: string, reason: string }) => [note.value, note.reason])).toEqual([
      ['Upstream-Host (upstream/host)', 'kein Feld: über diesen Pfad (Folge, Alternative oder Wiederholung) lässt sich kein Wert schreiben; er wird beim Absenden der Konfiguration geprüft'],
      ['(mirror|backup)', 'kein Feld: über diesen Pfad (Folge, Alternative oder Wiederholung) lässt sich kein Wert schreiben; er wird beim Absenden der Konfiguration geprüft'],
      ['next+', 'kein Feld: über diesen Pfad (Folge, Alternative oder Wiederholung) lässt sich kein Wert schreiben; er wird beim Absenden der Konfiguration geprüft'],
      ['Ein Relais braucht einen Hostnamen', 'SPARQL-basierte Bedingung des ganzen Objekts; wird beim Absenden der Konfiguration geprüft']
    ])
  })

  it('passes SHACL\'s message for what the form leaves to it to the caller, at the field where there is one', async () => {
    const submit = async (values: unknown, lang: string): Promise<Array<[string, string]>> => {
      const response = await t.app.inject({ method: 'POST', url: `/configurations?dryRun=true&lang=${lang}`, headers: asOperator, payload: { type: odd('RelayService'), values } })
      expect(response.statusCode).toBe(422)
      return response.json().errors.map((e: { field: string, message: string }) => [e.field, e.message])
    }
    const sorted = (issues: Array<[string, string]>): Array<[string, string]> => issues.sort(([a], [b]) => a < b ? -1 : 1)
    expect(sorted(await submit({ port: [80, 443] }, 'de'))).toEqual([
      ['', 'Ein Relais braucht einen Hostnamen'],
      ['/port', 'Höchstens 1 Werte dürfen der für dieses Feld gesetzten Bedingung entsprechen.']
    ])
    expect(sorted(await submit({ port: [80, 443] }, 'en'))).toEqual([
      ['', 'A relay needs a host name'],
      ['/port', 'At most 1 values may conform to the condition set for this field.']
    ])
    const ok = await t.app.inject({ method: 'POST', url: '/configurations?dryRun=true', headers: asOperator, payload: { type: odd('RelayService'), values: { host: 'relay.example.org', hop: { address: 'a', hop: { address: 'b' } } } } })
    expect([ok.statusCode, ok.json().ok]).toEqual([200, true])
  })
})
