import { describe, expect, it } from 'vitest'
import { asDescribed, movedOrigin } from '../../src/operations/index.js'

describe('movedOrigin', () => {
  const address = movedOrigin('http://127.0.0.1:8091', 'http://127.0.0.1:40123')

  it('moves the URLs under the origin to the new one, keeping path and query', () => {
    expect(address('http://127.0.0.1:8091/relata/orders')).toBe('http://127.0.0.1:40123/relata/orders')
    expect(address('http://127.0.0.1:8091/nordlicht/status?x=1')).toBe('http://127.0.0.1:40123/nordlicht/status?x=1')
    expect(address('http://127.0.0.1:8091')).toBe('http://127.0.0.1:40123/')
  })

  it('leaves other origins and text that is no URL as they are', () => {
    expect(address('http://127.0.0.1:8092/relata/orders')).toBe('http://127.0.0.1:8092/relata/orders')
    expect(address('https://127.0.0.1:8091/relata/orders')).toBe('https://127.0.0.1:8091/relata/orders')
    expect(address('https://provider.example/orders')).toBe('https://provider.example/orders')
    expect(address('not a url')).toBe('not a url')
  })

  it('is the identity when both origins are the same', () => {
    expect(movedOrigin('http://127.0.0.1:8091', 'http://127.0.0.1:8091/')).toBe(asDescribed)
  })
})
