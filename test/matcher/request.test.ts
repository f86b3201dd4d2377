import { describe, expect, it } from 'vitest'
import { SymphonyError } from '../../src/errors.js'
import { validateDiscoveryRequest } from '../../src/matcher/index.js'

const crm = 'https://w3id.org/symphony/ontology#CRM'

function failure (input: unknown): { code: string, message: string, path: string | undefined } {
  try {
    validateDiscoveryRequest(input)
  } catch (error) {
    if (error instanceof SymphonyError) return { code: error.code, message: error.message, path: error.location.path }
    throw error
  }
  throw new Error('expected a SymphonyError')
}

describe('validateDiscoveryRequest', () => {
  it('fills in defaults and drops duplicate IRIs', () => {
    expect(validateDiscoveryRequest({})).toEqual({ available: [], wanted: [], limit: 100, offset: 0, minScore: 0, includePartial: true })
    expect(validateDiscoveryRequest({ available: [crm, crm], wanted: ['urn:x:y'], limit: 3, offset: 6, minScore: 0.5, includePartial: false }))
      .toEqual({ available: [crm], wanted: ['urn:x:y'], limit: 3, offset: 6, minScore: 0.5, includePartial: false })
  })

  it('reads names with a Symphony prefix as their full IRIs, as composition requests do', () => {
    expect(validateDiscoveryRequest({ available: ['sym:CRM', crm], wanted: ['sym:CallEventFeed'] }))
      .toMatchObject({ available: [crm], wanted: ['https://w3id.org/symphony/ontology#CallEventFeed'] })
  })

  it.each([
    [null, '', 'the discovery request must be a JSON object {"available": [IRI…], "wanted": [IRI…], "limit": n, "offset": n, "minScore": x, "includePartial": true|false}'],
    [[crm], '', 'the discovery request must be a JSON object {"available": [IRI…], "wanted": [IRI…], "limit": n, "offset": n, "minScore": x, "includePartial": true|false}'],
    [{ wantd: [crm] }, 'wantd', 'unknown field "wantd" in the discovery request; the fields are available, wanted, limit, offset, minScore and includePartial'],
    [{ available: crm }, 'available', 'available must be an array of IRIs'],
    [{ wanted: [crm, 7] }, 'wanted[1]', 'wanted[1] must be an absolute IRI such as "https://w3id.org/symphony/ontology#CRM", not 7'],
    [{ wanted: ['CRM'] }, 'wanted[0]', 'wanted[0] must be an absolute IRI such as "https://w3id.org/symphony/ontology#CRM", not "CRM"'],
    [{ wanted: ['https://example.org/a b'] }, 'wanted[0]', 'wanted[0] must be an absolute IRI such as "https://w3id.org/symphony/ontology#CRM", not "https://example.org/a b"'],
    [{ limit: 1.5 }, 'limit', 'limit must be a positive integer, not 1.5'],
    [{ limit: '10' }, 'limit', 'limit must be a positive integer, not "10"'],
    [{ minScore: 1.5 }, 'minScore', 'minScore must be a number from 0 to 1, not 1.5'],
    [{ includePartial: 'yes' }, 'includePartial', 'includePartial must be true or false, not "yes"'],
    [{ limit: -1 }, 'limit', 'limit must be a positive integer, not -1'],
    [{ limit: 10_001 }, 'limit', 'limit 10001 is more than 10000, the most results one answer lists; page through them instead: limit 10000 with offset 0, then offset 10000, 20000, … until an answer lists fewer'],
    [{ offset: -1 }, 'offset', 'offset must be a whole number ≥ 0 (the results to skip), not -1']
  ])('rejects %j naming the field', (input, path, message) => {
    expect(failure(input)).toEqual({ code: 'INVALID_REQUEST', message, path })
  })

  it('takes the largest limit, and says in German how to page past it', () => {
    expect(validateDiscoveryRequest({ limit: 10_000 }).limit).toBe(10_000)
    try {
      validateDiscoveryRequest({ limit: 50_000 })
      expect.unreachable()
    } catch (error) {
      expect((error as SymphonyError).messages.de).toBe('limit 50000 ist mehr als 10000, die meisten Ergebnisse, die eine Antwort auflistet; blättern Sie stattdessen: limit 10000 mit offset 0, dann offset 10000, 20000, … bis eine Antwort weniger auflistet')
      expect((error as SymphonyError).details).toEqual({ maximum: 10_000 })
    }
  })
})
