import { describe, expect, it } from 'vitest'
import { negotiate, negotiateOrFail } from '../../src/api/negotiate.js'
import { SymphonyError } from '../../src/errors.js'

const rdf = ['text/turtle', 'application/ld+json', 'application/n-triples']

describe('negotiate', () => {
  it('answers the first offer without an Accept header or with */*', () => {
    expect(negotiate(undefined, rdf)).toBe('text/turtle')
    expect(negotiate('', rdf)).toBe('text/turtle')
    expect(negotiate('*/*', rdf)).toBe('text/turtle')
  })

  it('follows q-values, specificity and the client order', () => {
    expect(negotiate('application/ld+json', rdf)).toBe('application/ld+json')
    expect(negotiate('text/turtle;q=0.5, application/n-triples', rdf)).toBe('application/n-triples')
    expect(negotiate('application/*;q=0.9, text/turtle;q=0.1', rdf)).toBe('application/ld+json')
    expect(negotiate('application/n-triples, application/ld+json', rdf)).toBe('application/n-triples')
    expect(negotiate('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', [...rdf, 'text/html'])).toBe('text/html')
    expect(negotiate('*/*;q=0.8, text/turtle;q=0', rdf)).toBe('application/ld+json')
  })

  it('finds nothing when nothing fits, and says so as NOT_ACCEPTABLE', () => {
    expect(negotiate('image/png', rdf)).toBeUndefined()
    expect(() => negotiateOrFail('image/png', rdf)).toThrow(SymphonyError)
    try {
      negotiateOrFail('image/png', rdf)
    } catch (error) {
      expect((error as SymphonyError).code).toBe('NOT_ACCEPTABLE')
      expect((error as SymphonyError).message).toBe('none of the media types in "Accept: image/png" is available here; ask for one of text/turtle, application/ld+json, application/n-triples')
    }
  })
})
