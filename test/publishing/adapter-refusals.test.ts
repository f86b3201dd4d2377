/**
 * Publishing refuses adapter descriptions the platform could not call safely — credentials in
 * the endpoint URL, an unknown authentication scheme, an HTTP adapter without an endpoint, a URL
 * that is not http(s) — through the API and `symphony publish --dry-run`, naming the adapter
 * node and the field, in the language asked for. One folder per case in
 * test/fixtures/publishing/adapters/.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acme, acmeToken, descriptionPath, openTestApp, storeFingerprint } from '../api/helpers.js'
import type { TestApp } from '../api/helpers.js'
import { runCli } from '../cli/run-cli.js'

const folder = fileURLToPath(new URL('../fixtures/publishing/', import.meta.url))

interface Expected {
  readonly node: string
  readonly path: string
  /** The value refused, when there is one. */
  readonly value?: string
  /** A text of the submission (a credential) that must appear nowhere in the answer. */
  readonly hidden?: string
  readonly constraint: string
  readonly en: string
  readonly de: string
}

const cases = (await readdir(join(folder, 'adapters'), { withFileTypes: true })).filter(entry => entry.isDirectory()).map(entry => entry.name).sort()

/** The service description with the adapter of `adapterFile` (Turtle: both parts repeat their prefixes). */
async function description (adapterFile: string): Promise<string> {
  return `${await readFile(join(folder, 'service.ttl'), 'utf8')}\n${await readFile(adapterFile, 'utf8')}`
}

async function expected (name: string): Promise<Expected> {
  return JSON.parse(await readFile(join(folder, 'adapters', name, 'expected.json'), 'utf8')) as Expected
}

describe('publishing refuses bad adapter descriptions, through the API', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp() })
  afterAll(async () => { await t.close() })

  const send = async (url: string, method: 'PUT' | 'POST', payload: string, language: string) => {
    const response = await t.app.inject({
      method, url, payload,
      headers: { 'content-type': 'text/turtle', authorization: `Bearer ${acmeToken}`, 'accept-language': language }
    })
    return { status: response.statusCode, body: response.json() }
  }

  it('accepts the same service with a conforming adapter (the cases differ from it in the adapter only)', async () => {
    const dry = await send(`${descriptionPath(acme, 'pbx')}/dry-run`, 'POST', await description(join(folder, 'adapter-valid.ttl')), 'en')
    expect([dry.status, dry.body.status, dry.body.warnings]).toEqual([200, 'dry-run', []])
  })

  it.each(cases)('%s: 422 naming the adapter node and field, in English and German, and nothing stored', async name => {
    const want = await expected(name)
    const payload = await description(join(folder, 'adapters', name, 'adapter.ttl'))
    const before = await storeFingerprint(t.engine)
    for (const [url, method] of [[descriptionPath(acme, 'pbx'), 'PUT'], [`${descriptionPath(acme, 'pbx')}/dry-run`, 'POST']] as const) {
      const english = await send(url, method, payload, 'en')
      expect(english.status).toBe(422)
      expect(english.body).toMatchObject({ code: 'NOT_CONFORMING', node: want.node, path: want.path, conforms: false })
      expect(english.body.report).toEqual([{
        node: want.node, path: want.path, ...(want.value === undefined ? {} : { value: want.value }), message: want.en, severity: 'Violation', shape: expect.any(String), constraint: want.constraint
      }])
      expect(english.body.detail).toBe(`the description does not conform to the service-description shapes (1 violation); first: ${want.node} ${want.path}: ${want.en}`)
      const german = await send(url, method, payload, 'de-DE,de;q=0.9')
      expect(german.status).toBe(422)
      expect(german.body.report.map((issue: { message: string }) => issue.message)).toEqual([want.de])
      expect(german.body.detail).toBe(`die Beschreibung entspricht nicht den Shapes für Dienstbeschreibungen (1 Verstoß); der erste: ${want.node} ${want.path}: ${want.de}`)
      if (want.hidden !== undefined) expect(JSON.stringify([english.body, german.body])).not.toContain(want.hidden)
    }
    expect(await storeFingerprint(t.engine)).toBe(before)
  })

  it('refuses any description in German for Accept-Language: de and ?lang=de, with the shape\'s German message', async () => {
    const withoutOffer = (await description(join(folder, 'adapter-valid.ttl'))).replace(/\s*schema:offers \[[^\]]*\[[^\]]*\] \] ;/, '')
    const byHeader = await send(descriptionPath(acme, 'pbx'), 'PUT', withoutOffer, 'de')
    const byQuery = await send(`${descriptionPath(acme, 'pbx')}?lang=de`, 'PUT', withoutOffer, 'en')
    const message = 'Veröffentlichen Sie mindestens ein Angebot: schema:offers [ a schema:Offer ; schema:priceCurrency "EUR" ; schema:priceSpecification [ a schema:UnitPriceSpecification ; sym:priceComponent sym:PerUserMonthly ; schema:price 6.50 ] ].'
    for (const answer of [byHeader, byQuery]) {
      expect(answer.status).toBe(422)
      expect(answer.body.detail).toBe(`die Beschreibung entspricht nicht den Shapes für Dienstbeschreibungen (1 Verstoß); der erste: https://example.org/acme#CloudPBX https://schema.org/offers: ${message}`)
    }
  })
})

describe('symphony publish --dry-run refuses bad adapter descriptions', () => {
  let dir: string
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'symphony-adapter-refusals-')) })
  afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

  it.each(cases)('%s: exit 1, the file, node, field and message on stderr, the report on stdout', async name => {
    const want = await expected(name)
    await writeFile(join(dir, `${name}.ttl`), await description(join(folder, 'adapters', name, 'adapter.ttl')))
    const run = (language: string) => runCli(['publish', `${name}.ttl`, '--provider', acme, '--name', 'pbx', '--dry-run', '--lang', language, '--data-dir', join(dir, 'data')], { cwd: dir })
    const english = await run('en')
    expect(english.code).toBe(1)
    expect(english.stderr).toBe(`symphony: ${name}.ttl: the description does not conform to the service-description shapes (1 violation); first: ${want.node} ${want.path}: ${want.en}\n`)
    expect(JSON.parse(english.stdout)).toMatchObject({ conforms: false, report: [{ node: want.node, path: want.path, ...(want.value === undefined ? {} : { value: want.value }), message: want.en, constraint: want.constraint }] })
    const german = await run('de')
    expect(german.code).toBe(1)
    expect(german.stderr).toBe(`symphony: ${name}.ttl: die Beschreibung entspricht nicht den Shapes für Dienstbeschreibungen (1 Verstoß); der erste: ${want.node} ${want.path}: ${want.de}\n`)
    if (want.hidden !== undefined) expect([english.stdout, english.stderr, german.stdout, german.stderr].join('')).not.toContain(want.hidden)
  }, 120_000)
})
