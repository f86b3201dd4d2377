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
    expect(validateDiscoveryRequest({})).toEqual({ available: [], wanted: [], limit: 100, minScore: 0, includePartial: true })
    expect(validateDiscoveryRequest({ available: [crm, crm], wanted: ['urn:x:y'], limit: 3, minScore: 0.5, includePartial: false }))
      .toEqual({ available: [crm], wanted: ['urn:x:y'], limit: 3, minScore: 0.5, includePartial: false })
  })

  it.each([
    [null, '', 'the discovery request must be a JSON object {"available": [IRI…], "wanted": [IRI…], "limit": n, "minScore": x, "includePartial": true|false}'],
    [[crm], '', 'the discovery request must be a JSON object {"available": [IRI…], "wanted": [IRI…], "limit": n, "minScore": x, "includePartial": true|false}'],
    [{ wantd: [crm] }, 'wantd', 'unknown field "wantd" in the discovery request; the fields are available, wanted, limit, minScore and includePartial'],
    [{ available: crm }, 'available', 'available must be an array of IRIs'],
    [{ wanted: [crm, 7] }, 'wanted[1]', 'wanted[1] must be an absolute IRI such as "https://w3id.org/symphony/ontology#CRM", not 7'],
    [{ wanted: ['CRM'] }, 'wanted[0]', 'wanted[0] must be an absolute IRI such as "https://w3id.org/symphony/ontology#CRM", not "CRM"'],
    [{ wanted: ['https://example.org/a b'] }, 'wanted[0]', 'wanted[0] must be an absolute IRI such as "https://w3id.org/symphony/ontology#CRM", not "https://example.org/a b"'],
    [{ limit: 1.5 }, 'limit', 'limit must be a positive integer, not 1.5'],
    [{ limit: '10' }, 'limit', 'limit must be a positive integer, not "10"'],
    [{ minScore: 1.5 }, 'minScore', 'minScore must be a number from 0 to 1, not 1.5'],
    [{ includePartial: 'yes' }, 'includePartial', 'includePartial must be true or false, not "yes"'],
    [{ limit: -1 }, 'limit', 'limit must be a positive integer, not -1']
  ])('rejects %j naming the field', (input, path, message) => {
    expect(failure(input)).toEqual({ code: 'INVALID_REQUEST', message, path })
  })
})
