/**
 * The W3C SHACL test suite (data-shapes core and SHACL-SPARQL, the copy shacl-engine ships)
 * through `src/shacl`: every case must give a report isomorphic to the expected one.
 */
import { describe, expect, it } from 'vitest'
import { passes, suiteCases } from './w3c-suite.js'
import type { SuiteCase } from './w3c-suite.js'

async function outcome (cases: readonly SuiteCase[]): Promise<{ passed: string[], failed: string[] }> {
  const passed: string[] = []
  const failed: string[] = []
  for (const test of cases) (await passes(test) ? passed : failed).push(test.id)
  return { passed, failed }
}

describe('W3C SHACL test suite through src/shacl', () => {
  it('passes all 98 SHACL Core cases', async () => {
    const cases = await suiteCases('core/manifest.ttl')
    const { passed, failed } = await outcome(cases)
    expect(failed).toEqual([])
    expect(passed).toHaveLength(98)
  }, 300_000)

  it('passes the SHACL-SPARQL cases for sh:sparql on node and property shapes and pre-binding', async () => {
    const cases = await suiteCases('sparql/manifest.ttl')
    const { passed, failed } = await outcome(cases)
    expect(failed).toEqual([])
    expect(passed).toEqual(cases.map(test => test.id))
    expect(passed).toHaveLength(8)
  }, 300_000)

  it('passes the SHACL-SPARQL custom constraint component cases (SPARQL validators, SHACL §6)', async () => {
    const cases = await suiteCases('sparql/component/manifest.ttl')
    const { passed, failed } = await outcome(cases)
    expect(failed).toEqual([])
    expect(passed).toEqual(['optional-001', 'propertyValidator-select-001', 'validator-001'].map(name => `sparql/component/${name}.ttl/${name}`))
  }, 300_000)
})
