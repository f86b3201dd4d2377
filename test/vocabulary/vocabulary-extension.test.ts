/**
 * A vocabulary extension in one Turtle file (test/fixtures/vocabulary-extension/) takes effect
 * without a restart and without a file in the repository: given with `--data` to the CLI, and
 * stored as a vocabulary graph by the operator in a running app. Its service type is
 * discoverable, composable and priced (its own price component counted), gets a German form,
 * and configurations are validated against its shape.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, temporaryFolder } from '../cli/run-cli.js'
import { openTestApp, operatorToken, acmeToken } from '../api/helpers.js'
import type { TestApp } from '../api/helpers.js'

const extension = join(import.meta.dirname, '..', 'fixtures', 'vocabulary-extension', 'print-extension.ttl')
const print = 'https://example.org/print#'
const office = 'https://vocab.example.net/office#'
const sym = 'https://w3id.org/symphony/ontology#'

const composeRequest = { serviceTypes: [`${print}PrintService`], seats: 6, limit: 1 }
/** Base 5.00 a month, plus 30.00 per seat and quarter: 5 + 30 × 6 / 3 = 65 a month. */
const expectedPrice = {
  service: `${print}CloudPrint`,
  currency: 'EUR',
  monthly: 65,
  components: [
    { component: `${print}PerSeatQuarterly`, countedBy: 'seats', period: `${sym}Quarterly`, unitPrice: 30, quantity: 6, periodMonths: 3, monthly: 60 },
    { component: `${sym}BaseMonthly`, countedBy: 'flat', period: `${sym}Monthly`, unitPrice: 5, quantity: 1, monthly: 5 }
  ]
}

function priceOf (answer: { bundles: Array<{ services: string[], price: { breakdown: Array<Record<string, unknown>> } }> }): unknown {
  // Without the offer (a blank node) and with the components by IRI (specifications are blank nodes too).
  const price = Object.fromEntries(Object.entries(answer.bundles[0]!.price.breakdown[0]!).filter(([key]) => key !== 'offer'))
  const components = price.components as Array<{ component: string }>
  return { ...price, components: [...components].sort((a, b) => a.component.localeCompare(b.component)) }
}

describe('a vocabulary extension given with --data (CLI)', () => {
  let folder: { path: string, remove: () => Promise<void> }
  const data = ['--data', extension]
  beforeAll(async () => {
    folder = await temporaryFolder()
    await writeFile(join(folder.path, 'compose.json'), JSON.stringify(composeRequest))
    await writeFile(join(folder.path, 'discover.json'), JSON.stringify({ wanted: [`${office}JobQueueInterface`] }))
    await writeFile(join(folder.path, 'valid.json'), JSON.stringify({ paperSize: 'A4', pageLimit: 500 }))
    await writeFile(join(folder.path, 'invalid.json'), JSON.stringify({ paperSize: 'B5', pageLimit: 0 }))
  })
  afterAll(async () => { await folder.remove() })

  it('discovers the service through the interface type under the foreign class', async () => {
    const run = await runCli(['discover', '--request', 'discover.json', '--format', 'json', ...data], { cwd: folder.path })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).results.map((r: { service: string, degree: string }) => [r.service, r.degree])).toEqual([[`${print}CloudPrint`, 'plugin']])
  })

  it('composes and prices the new service type, counting the new price component', async () => {
    const run = await runCli(['compose', '--request', 'compose.json', '--format', 'json', ...data], { cwd: folder.path })
    expect(run.code).toBe(0)
    const answer = JSON.parse(run.stdout)
    expect([answer.bundles[0].services, answer.bundles[0].price.monthly, answer.issues]).toEqual([[`${print}CloudPrint`], 65, []])
    expect(priceOf(answer)).toEqual(expectedPrice)
  })

  it('gives the German form of the new service type', async () => {
    const run = await runCli(['form', `${print}PrintService`, '--lang', 'de', ...data], { cwd: folder.path })
    expect(run.code).toBe(0)
    const { schema } = JSON.parse(run.stdout)
    expect([schema.title, schema.properties.paperSize.title, schema.properties.paperSize.enum, schema.properties.pageLimit.title])
      .toEqual(['Druckkonfiguration', 'Papierformat', ['A4', 'A3', 'Letter'], 'Monatliches Seitenlimit'])
  })

  it('validates configurations against the extension shape', async () => {
    const valid = await runCli(['configure', `${print}CloudPrint`, '--values', 'valid.json', ...data], { cwd: folder.path })
    expect([valid.code, valid.stderr]).toEqual([0, `catalog: --data ${extension}\n`])
    expect(valid.stdout).toContain('"A4"')
    const invalid = await runCli(['configure', `${print}CloudPrint`, '--values', 'invalid.json', '--lang', 'de', ...data], { cwd: folder.path })
    expect(invalid.code).toBe(1)
    expect(JSON.parse(invalid.stdout).issues.map((i: { field: string, label: string }) => [i.field, i.label]))
      .toEqual([['/pageLimit', 'Monatliches Seitenlimit'], ['/paperSize', 'Papierformat']])
  })
})

describe('a vocabulary extension stored by the operator in a running app', () => {
  let t: TestApp
  const operator = { authorization: `Bearer ${operatorToken}` }
  beforeAll(async () => { t = await openTestApp({ api: { console: false } }) })
  afterAll(async () => { await t.close() })

  it('is refused to anyone but the operator', async () => {
    const put = (headers: Record<string, string>) => t.app.inject({ method: 'PUT', url: '/vocabulary/print', headers: { ...headers, 'content-type': 'text/turtle' }, payload: '<a:b> <a:c> <a:d> .' })
    expect((await put({})).statusCode).toBe(401)
    expect((await put({ authorization: `Bearer ${acmeToken}` })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/vocabulary' })).statusCode).toBe(401)
  })

  it('takes effect at once: discovery, composition, price, German form, configuration', async () => {
    const before = await t.app.inject({ method: 'GET', url: `/forms?type=${encodeURIComponent(`${print}PrintService`)}&lang=de` })
    expect(before.statusCode).toBe(400)

    const stored = await t.app.inject({ method: 'PUT', url: '/vocabulary/print', headers: { ...operator, 'content-type': 'text/turtle' }, payload: await readFile(extension, 'utf8') })
    expect([stored.statusCode, stored.json().name, stored.json().graph]).toEqual([200, 'print', 'https://w3id.org/symphony/graph/vocabulary/print'])
    const listed = await t.app.inject({ method: 'GET', url: '/vocabulary', headers: operator })
    expect(listed.json().vocabularies.map((v: { name: string }) => v.name)).toEqual(['print'])

    const discovered = await t.app.inject({ method: 'POST', url: '/discover', payload: { wanted: [`${office}JobQueueInterface`] } })
    expect(discovered.json().results.map((r: { service: string }) => r.service)).toEqual([`${print}CloudPrint`])

    const composed = await t.app.inject({ method: 'POST', url: '/compose', payload: composeRequest })
    expect(composed.json().bundles[0].services).toEqual([`${print}CloudPrint`])
    expect(priceOf(composed.json())).toEqual(expectedPrice)

    const form = await t.app.inject({ method: 'GET', url: `/forms?type=${encodeURIComponent(`${print}PrintService`)}&lang=de` })
    expect([form.statusCode, form.json().schema.properties.paperSize.title]).toEqual([200, 'Papierformat'])

    const configure = (values: unknown) => t.app.inject({ method: 'POST', url: '/configurations?dryRun=true&lang=de', headers: { authorization: `Bearer ${operatorToken}` }, payload: { service: `${print}CloudPrint`, values } })
    const valid = await configure({ paperSize: 'A3' })
    expect(valid.statusCode).toBeLessThan(300)
    const invalid = await configure({ paperSize: 'B5' })
    expect([invalid.statusCode, invalid.json().errors.map((e: { field: string }) => e.field)]).toEqual([422, ['/paperSize']])

    // Its terms get pages like the built-in ones, in German too, linked from the index.
    const termPage = `/ontology/term?iri=${encodeURIComponent(`${print}PrintService`)}`
    const page = await t.app.inject({ method: 'GET', url: `${termPage}&lang=de`, headers: { accept: 'text/html' } })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<h1>Druckdienst</h1>')
    expect(page.body).toContain('Druckt Dokumente auf verwalteten Bürodruckern.')
    const index = await t.app.inject({ method: 'GET', url: '/ontology?lang=en', headers: { accept: 'text/html' } })
    expect(index.body).toContain(`href="${termPage.replace(/&/g, '&amp;')}"`)

    const removed = await t.app.inject({ method: 'DELETE', url: '/vocabulary/print', headers: operator })
    expect(removed.statusCode).toBe(204)
    const gone = await t.app.inject({ method: 'POST', url: '/discover', payload: { wanted: [`${sym}Interface`] } })
    expect(gone.json().results.map((r: { service: string }) => r.service)).not.toContain(`${print}CloudPrint`)
    expect((await t.app.inject({ method: 'DELETE', url: '/vocabulary/print', headers: operator })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: termPage })).statusCode).toBe(404)
  })
})
