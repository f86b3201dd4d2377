/** combinableWith and discover (with wanted types) answer from the indexes, never by scanning every service. */
import { describe, expect, it } from 'vitest'
import type { Catalog } from '../../src/catalog/index.js'
import { combinableWith, discover } from '../../src/matcher/index.js'
import { compile } from './fixture.js'

function withoutScans (catalog: Catalog): Catalog {
  const services = catalog.services
  const guarded = new Proxy(services, {
    get (target, property) {
      if (property === 'get' || property === 'has') return (key: string) => target[property](key)
      if (property === 'size') return target.size
      throw new Error(`scanned the services (${String(property)})`)
    }
  })
  return { ...catalog, services: guarded }
}

describe('index use', () => {
  const catalog = compile('combinable-both-directions')

  it('combinableWith gives the same answer without touching the service list', () => {
    const x = 'https://example.org/m#PBX'
    expect(combinableWith(withoutScans(catalog), x)).toEqual(combinableWith(catalog, x))
  })

  it('discover with wanted types gives the same answer without touching the service list', () => {
    const request = { wanted: ['https://w3id.org/symphony/ontology#CTIInterface'], available: ['https://w3id.org/symphony/ontology#ContactLookupAPI'] }
    expect(discover(withoutScans(catalog), request)).toEqual(discover(catalog, request))
  })
})
