/**
 * Configuration values → RDF, per fixture case with `submission.json` (subject, configures,
 * values) and `expected.rdf.ttl`: validated by ajv and SHACL, then compared by graph
 * isomorphism (RDFC-1.0), never as text.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configurationToRdf } from '../../src/forms/index.js'
import type { Json } from '../../src/forms/index.js'
import { fixturesFolder, formOf, loadCase } from './fixture-request.js'
import { canonical, canonicalTurtle } from './isomorphic.js'

const cases = readdirSync(fixturesFolder).filter(name => existsSync(join(fixturesFolder, name, 'submission.json'))).sort()

describe('configurationToRdf', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6)
  })

  for (const name of cases) {
    it(name, async () => {
      const { quads, request } = await loadCase(name)
      const form = formOf(quads, request)
      const submission = JSON.parse(readFileSync(join(fixturesFolder, name, 'submission.json'), 'utf8')) as
        { subject: string, configures?: string[], values: Json }
      const result = await configurationToRdf(form, submission.values, { subject: submission.subject, configures: submission.configures })
      if (!result.ok) expect.fail(JSON.stringify(result.issues, null, 2))
      const expected = readFileSync(join(fixturesFolder, name, 'expected.rdf.ttl'), 'utf8')
      expect(await canonical(result.quads)).toBe(await canonicalTurtle(expected))
    })
  }

  it('writes nested objects as skolem IRIs on request', async () => {
    const { quads, request } = await loadCase('nested-node')
    const form = formOf(quads, request)
    const result = await configurationToRdf(form, { provider: 'P', registrar: { host: 'h' } }, { subject: 'https://example.org/config/trunk', nodes: 'skolem' })
    if (!result.ok) expect.fail(JSON.stringify(result.issues))
    const registrar = result.quads.find(quad => quad.predicate.value === 'https://example.org/forms#registrar')!.object
    expect(registrar.termType).toBe('NamedNode')
    expect(registrar.value).toMatch(/^https:\/\/example\.org\/\.well-known\/genid\/[0-9a-f-]{36}$/)
  })
})
