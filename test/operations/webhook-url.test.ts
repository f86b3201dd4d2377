/**
 * What a customer's webhook URL is refused for when it is set: the address, with the IPv4
 * address an IPv6 address carries, and the kind of range, in both languages.
 */
import { describe, expect, it } from 'vitest'
import { SymphonyError } from '../../src/errors.js'
import { checkWebhookUrl } from '../../src/operations/webhook-url.js'

/** The messages of the refusal of `url`, or 'accepted'. */
function refusal (url: string): unknown {
  try {
    checkWebhookUrl(url, { allowPrivate: false })
    return 'accepted'
  } catch (error) {
    return error instanceof SymphonyError ? [error.code, error.messages] : error
  }
}

describe('checkWebhookUrl', () => {
  it('names the kind of a private address, and the IPv4 address an IPv6 address carries', () => {
    expect(refusal('https://[::ffff:10.0.0.1]/hook')).toEqual(['BAD_REQUEST', {
      en: 'url: [::ffff:a00:1] (IPv4-mapped 10.0.0.1) is a local or private address (a private address), which this server does not deliver to; give a public host name (the operator allows private hosts with serve --allow-private-webhooks)',
      de: 'url: [::ffff:a00:1] (IPv4-gemappt 10.0.0.1) ist eine lokale oder private Adresse (eine private Adresse), an die dieser Server nicht zustellt; geben Sie einen öffentlichen Hostnamen an (der Betreiber erlaubt private Hosts mit serve --allow-private-webhooks)'
    }])
    expect(refusal('https://[2002:a9fe:a9fe::1]/hook')).toMatchObject(['BAD_REQUEST', { en: expect.stringContaining('url: [2002:a9fe:a9fe::1] (6to4 169.254.169.254) is a local or private address (a link-local address)') }])
    expect(refusal('http://localhost./hook')).toMatchObject(['BAD_REQUEST', { en: expect.stringContaining('url: localhost. is a local or private address (a loopback address)') }])
    expect(refusal('https://192.88.99.1/hook')).toMatchObject(['BAD_REQUEST', { en: expect.stringContaining('url: 192.88.99.1 is a local or private address (a deprecated 6to4 relay anycast address)') }])
    expect(refusal('https://[64:ff9b::808:808]/hook')).toBe('accepted')
  })
})
