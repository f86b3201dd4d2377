/** `parseCompositionRequest`: the shape of a composition request, checked precisely. */
import { describe, expect, test } from 'vitest'
import { parseCompositionRequest } from '../../src/composer/index.js'
import { SymphonyError } from '../../src/errors.js'

const sym = 'https://w3id.org/symphony/ontology#'

function failure (json: unknown): { code: string, message: string, path: string | undefined } {
  try {
    parseCompositionRequest(json)
  } catch (error) {
    if (error instanceof SymphonyError) return { code: error.code, message: error.message, path: error.location.path }
    throw error
  }
  throw new Error('expected a SymphonyError')
}

describe('parseCompositionRequest', () => {
  test('fills defaults and expands Symphony prefixes; locations are kept as written for the catalog to resolve', () => {
    expect(parseCompositionRequest('{"wanted":["sym:CallEventFeed"],"constraints":{"dataLocation":["de","sym:EEA"]}}')).toEqual({
      available: [],
      wanted: [`${sym}CallEventFeed`],
      serviceTypes: [],
      constraints: { dataLocation: ['de', 'sym:EEA'] },
      preferences: {}
    })
  })

  test('keeps every field of a full request', () => {
    const request = {
      available: ['https://example.org/x#SIPTrunk'],
      wanted: [],
      serviceTypes: [`${sym}VirtualPBX`],
      constraints: {
        dataLocation: ['AT'],
        dataLocationScope: 'personal-data',
        requireDPA: true,
        certifications: [`${sym}ISO27001`],
        professionalSecrecy: false,
        excludeProviders: ['https://example.org/x#Acme'],
        budget: { amount: 600, currency: 'EUR' }
      },
      preferences: { degree: 1, price: 0.02, size: 2 },
      seats: 12,
      concurrentSeats: 4,
      limit: 3
    }
    expect(parseCompositionRequest(request)).toEqual(request)
  })

  test.each([
    ['not an object', [], 'INVALID_REQUEST', 'request'],
    ['invalid JSON', '{"wanted": [', 'INVALID_REQUEST', undefined],
    ['unknown field', { wanted: [], limits: 3 }, 'INVALID_REQUEST', 'limits'],
    ['unknown constraint', { constraints: { location: ['DE'] } }, 'INVALID_REQUEST', 'constraints.location'],
    ['unknown preference', { preferences: { speed: 1 } }, 'INVALID_REQUEST', 'preferences.speed'],
    ['IRI list not an array', { wanted: `${sym}X` }, 'INVALID_REQUEST', 'wanted'],
    ['relative IRI', { serviceTypes: ['VirtualPBX'] }, 'INVALID_REQUEST', 'serviceTypes[0]'],
    ['IRI not a string', { available: [3] }, 'INVALID_REQUEST', 'available[0]'],
    ['negative seats', { seats: -1 }, 'INVALID_REQUEST', 'seats'],
    ['fractional seats', { seats: 1.5 }, 'INVALID_REQUEST', 'seats'],
    ['seats as text', { seats: '12' }, 'INVALID_REQUEST', 'seats'],
    ['more concurrent seats than seats', { seats: 2, concurrentSeats: 3 }, 'INVALID_REQUEST', 'concurrentSeats'],
    ['limit 0', { limit: 0 }, 'INVALID_REQUEST', 'limit'],
    ['limit above the maximum', { limit: 101 }, 'INVALID_REQUEST', 'limit'],
    ['too many wanted types', { wanted: Array.from({ length: 33 }, (_, i) => `${sym}T${i}`) }, 'INVALID_REQUEST', 'wanted'],
    ['too many service types', { serviceTypes: Array.from({ length: 33 }, (_, i) => `${sym}T${i}`) }, 'INVALID_REQUEST', 'serviceTypes'],
    ['too many available types', { available: Array.from({ length: 257 }, (_, i) => `${sym}T${i}`) }, 'INVALID_REQUEST', 'available'],
    ['negative weight', { preferences: { price: -1 } }, 'INVALID_REQUEST', 'preferences.price'],
    ['boolean as text', { constraints: { requireDPA: 'yes' } }, 'INVALID_REQUEST', 'constraints.requireDPA'],
    ['unknown scope', { constraints: { dataLocation: ['DE'], dataLocationScope: 'some' } }, 'INVALID_REQUEST', 'constraints.dataLocationScope'],
    ['budget without amount', { constraints: { budget: { currency: 'EUR' } } }, 'INVALID_REQUEST', 'constraints.budget.amount'],
    ['lower-case currency', { constraints: { budget: { amount: 5, currency: 'eur' } } }, 'INVALID_REQUEST', 'constraints.budget.currency'],
    ['empty location list', { constraints: { dataLocation: [] } }, 'CONTRADICTORY_CONSTRAINTS', 'constraints.dataLocation'],
    ['scope without locations', { constraints: { dataLocationScope: 'all-data' } }, 'CONTRADICTORY_CONSTRAINTS', 'constraints.dataLocationScope'],
    ['negative budget', { constraints: { budget: { amount: -5, currency: 'EUR' } } }, 'CONTRADICTORY_CONSTRAINTS', 'constraints.budget.amount'],
    ['facts not a list', { constraints: { facts: { property: 'sym:x' } } }, 'INVALID_REQUEST', 'constraints.facts'],
    ['fact without test', { constraints: { facts: [{ property: 'sym:x' }] } }, 'INVALID_REQUEST', 'constraints.facts[0]'],
    ['fact with relative property', { constraints: { facts: [{ property: 'x', hasValue: 1 }] } }, 'INVALID_REQUEST', 'constraints.facts[0].property'],
    ['fact with unknown test', { constraints: { facts: [{ property: 'sym:x', equals: 1 }] } }, 'INVALID_REQUEST', 'constraints.facts[0].equals'],
    ['fact value an object', { constraints: { facts: [{ property: 'sym:x', in: [{}] }] } }, 'INVALID_REQUEST', 'constraints.facts[0].in[0]'],
    ['fact with empty in', { constraints: { facts: [{ property: 'sym:x', in: [] }] } }, 'CONTRADICTORY_CONSTRAINTS', 'constraints.facts[0].in'],
    ['fact with crossed bounds', { constraints: { facts: [{ property: 'sym:x', minInclusive: 3, maxInclusive: 2 }] } }, 'CONTRADICTORY_CONSTRAINTS', 'constraints.facts[0]'],
    ['negative usage', { wanted: ['sym:X'], usage: { 'sym:PerMinute': -1 } }, 'INVALID_REQUEST', 'usage.https://w3id.org/symphony/ontology#PerMinute']
  ])('%s', (_, json, code, path) => {
    const error = failure(json)
    expect([error.code, error.path]).toEqual([code, path])
  })

  test('the caps are inclusive: limit 100 and 32 wanted types pass', () => {
    const wanted = Array.from({ length: 32 }, (_, i) => `${sym}T${i}`)
    expect(parseCompositionRequest({ wanted, limit: 100 })).toMatchObject({ wanted, limit: 100 })
  })

  test('messages name the field and the problem', () => {
    expect(failure({ limit: 101 }).message).toBe('composition request field "limit" must be an integer from 1 to 100, got 101')
    expect(failure({ wanted: Array.from({ length: 33 }, (_, i) => `${sym}T${i}`) }).message)
      .toBe('composition request field "wanted" lists 33 types, more than the 32 one request may name; split the goal into several requests')
    expect(failure({ seats: 5, concurrentSeats: 6 }).message)
      .toBe('composition request field "concurrentSeats" is 6, more than the 5 seats; concurrent users are a subset of the seats')
    expect(failure({ limits: 3 }).message)
      .toBe('composition request field "limits" is not a known field; expected one of available, wanted, serviceTypes, constraints, preferences, seats, concurrentSeats, limit, usage, wiring, timeoutMs, maxStates, maxModelEntries')
    expect(failure({ maxStates: 0 }).message)
      .toBe('composition request field "maxStates" must be a whole number ≥ 1 (it can only lower the server\'s size budget), got 0')
    expect(failure({ maxModelEntries: 2.5 }).message)
      .toBe('composition request field "maxModelEntries" must be a whole number ≥ 1 (it can only lower the server\'s size budget), got 2.5')
  })

  test('fact constraints expand Symphony prefixes in properties and values, keep literals', () => {
    expect(parseCompositionRequest({ wanted: ['sym:X'], constraints: { facts: [{ property: 'sym:certification', in: ['sym:ISO27001', 'C5', 3, true], minInclusive: 1 }] } }).constraints)
      .toEqual({ facts: [{ property: `${sym}certification`, in: [`${sym}ISO27001`, 'C5', 3, true], minInclusive: 1 }] })
  })
})
