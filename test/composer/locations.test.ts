/** Data locations as people write them: region names and abbreviations never read as country codes. */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine } from '../../src/engine.js'
import type { Engine } from '../../src/engine.js'
import { resolveLocation } from '../../src/catalog/index.js'
import { SymphonyError } from '../../src/errors.js'

const catalog = fileURLToPath(new URL('../fixtures/composer-locations/catalog.ttl', import.meta.url))
const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/loc#'

describe('data locations', () => {
  let engine: Engine
  beforeAll(async () => { engine = await openEngine({ dataFiles: [catalog] }) })
  afterAll(async () => { await engine.close() })

  it('resolves regions by IRI, CURIE, abbreviation and label in either language, before country codes', async () => {
    const c = await engine.catalog()
    const region = (text: string): string | undefined => {
      const location = resolveLocation(c, text)
      return location?.kind === 'region' ? location.region.id : undefined
    }
    expect(['EU', 'eu', 'sym:EU', `${sym}EU`, 'European Union', 'Europäische Union'].map(region)).toEqual(Array(6).fill(`${sym}EU`))
    expect(['EEA', 'EWR', 'european economic area', 'Europäischer Wirtschaftsraum'].map(region)).toEqual(Array(4).fill(`${sym}EEA`))
    expect(resolveLocation(c, 'de')).toEqual({ kind: 'country', code: 'DE' })
    expect(resolveLocation(c, 'Atlantis')).toBeUndefined()
  })

  it('composes with "EU" as the region, and says what it accepts for an unknown one', async () => {
    const answer = await engine.compose({ serviceTypes: [`${sym}CRM`], constraints: { dataLocation: ['EU'], dataLocationMode: 'strict' }, limit: 5 })
    expect(answer.bundles.map(b => b.services)).toEqual([[`${ex}Home`]])
    const error = await engine.compose({ serviceTypes: [`${sym}CRM`], constraints: { dataLocation: ['Atlantis'] } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SymphonyError)
    expect((error as SymphonyError).message).toBe('composition request field "constraints.dataLocation[0]": "Atlantis" is neither a region (DACH region, European Economic Area, European Union; by IRI, name or abbreviation) nor an ISO 3166-1 alpha-2 country code such as DE')
  })

  it('accepts a member outside the region under a transfer safeguard only with a warning, and never in strict mode', async () => {
    const safeguarded = await engine.compose({ serviceTypes: [`${sym}CRM`], constraints: { dataLocation: ['EEA'] }, limit: 5 })
    const abroad = safeguarded.bundles.find(b => b.services.includes(`${ex}Abroad`))
    expect(abroad?.explanation.constraints.filter(c => c.constraint === 'dataLocation').map(({ ok, warning }) => ({ ok, warning })))
      .toEqual([{ ok: true, warning: true }])
    const home = safeguarded.bundles.find(b => b.services.includes(`${ex}Home`))
    expect(home?.explanation.constraints.filter(c => c.constraint === 'dataLocation').map(({ ok, warning }) => ({ ok, warning })))
      .toEqual([{ ok: true, warning: undefined }])
    const strict = await engine.compose({ serviceTypes: [`${sym}CRM`], constraints: { dataLocation: ['EEA'], dataLocationMode: 'strict' }, limit: 5 })
    expect(strict.bundles.map(b => b.services)).toEqual([[`${ex}Home`]])
  })
})
