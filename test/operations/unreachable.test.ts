/**
 * What a provider call or a webhook delivery that reaches no answer reports: the cause, from real
 * sockets on this machine (a port nothing listens on, a server that resets or closes the
 * connection, TLS with an untrusted certificate or none at all), in words and with what to check.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { callProvider } from '../../src/operations/provider-call.js'
import { pinnedConnections } from '../../src/operations/provider-egress.js'
import { postWebhook } from '../../src/operations/post-webhook.js'
import { unreachable } from '../../src/operations/connection-failure.js'
import { gaveUp } from '../../src/operations/reasons.js'
import type { RetryPolicy } from '../../src/operations/provider-call.js'

const policy: RetryPolicy = { timeoutMs: 20_000, attempts: 2, backoffMs: 0, sleep: async () => {} }
const servers: Array<{ close: (done: () => void) => unknown }> = []
afterAll(async () => { await Promise.all(servers.map(async server => await new Promise<void>(resolve => { server.close(() => { resolve() }) }))) })

/** Starts `server` on a free loopback port and gives the port. */
async function listening (server: Server): Promise<number> {
  servers.push(server)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** A loopback port nothing listens on: one a server had and gave back. */
async function closedPort (): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise(resolve => server.close(resolve))
  return port
}

/** The reason a webhook delivery to `url` gave up with (the platform's own fetch). */
async function delivered (url: string): Promise<unknown> {
  const outcome = await postWebhook(url, { event: 'ticket.opened' }, { idempotencyKey: 'k', headers: {}, policy })
  expect([outcome.ok, outcome.attempts]).toEqual([false, 2])
  return outcome.reason
}

/** The reason a provider call to `url` gave up with, over a connection pinned to the address of its check (as for host names). */
async function called (url: string): Promise<unknown> {
  const fetch = pinnedConnections(async () => ['127.0.0.1'], { audience: 'provider', rangeOf: () => undefined })
  const outcome = await callProvider({ method: 'POST', url, idempotencyKey: 'k', headers: {}, body: {} }, policy, { guard: async () => ({ ok: true, fetch }) })
  expect([outcome.ok, outcome.attempts]).toEqual([false, 2])
  return outcome.reason
}

describe('a delivery that reaches no answer', () => {
  it('says a port nothing listens on refused the connection, and to check the service and the port', async () => {
    const port = await closedPort()
    const url = `http://127.0.0.1:${port}/hook`
    const expected = gaveUp({
      en: `${url} unreachable: 127.0.0.1 refused the connection on port ${port} (ECONNREFUSED): nothing accepts connections there; check that the service runs and that the URL names its port`,
      de: `${url} nicht erreichbar: 127.0.0.1 hat die Verbindung auf Port ${port} abgelehnt (ECONNREFUSED): dort nimmt nichts Verbindungen an; prüfen Sie, ob der Dienst läuft und die URL seinen Port nennt`
    }, 2)
    expect(await delivered(url)).toEqual(expected)
    const named = `http://provider.example:${port}/hook`
    expect((await called(named) as { en: string }).en).toBe(`${named} unreachable: provider.example refused the connection on port ${port} (ECONNREFUSED): nothing accepts connections there; check that the service runs and that the URL names its port (gave up after 2 attempts)`)
  })

  it('says a server that resets the connection, or closes it before answering, closed it, and what to check', async () => {
    const reset = await listening(createServer(socket => { socket.resetAndDestroy() }))
    const url = `http://127.0.0.1:${reset}/hook`
    expect(await delivered(url)).toEqual(gaveUp({
      en: `${url} unreachable: 127.0.0.1 closed the connection before it answered (ECONNRESET); check the server's log for a crash or a request it drops, and a firewall or proxy in between that cuts connections`,
      de: `${url} nicht erreichbar: 127.0.0.1 hat die Verbindung geschlossen, bevor eine Antwort kam (ECONNRESET); prüfen Sie das Protokoll des Servers auf einen Absturz oder eine verworfene Anfrage, und eine Firewall oder einen Proxy dazwischen, die Verbindungen abbrechen`
    }, 2))
    const closed = await listening(createServer(socket => { socket.once('data', () => { socket.destroy() }) }))
    const closedUrl = `http://127.0.0.1:${closed}/orders`
    expect((await called(closedUrl) as { en: string }).en).toBe(`${closedUrl} unreachable: 127.0.0.1 closed the connection before it answered (UND_ERR_SOCKET); check the server's log for a crash or a request it drops, and a firewall or proxy in between that cuts connections (gave up after 2 attempts)`)
  })

  it('says a TLS certificate was not accepted, why, with its code, and what the endpoint\'s operator does', async () => {
    const dir = new URL('../fixtures/operations/tls/', import.meta.url)
    const [key, cert] = await Promise.all([readFile(new URL('key.pem', dir)), readFile(new URL('cert.pem', dir))])
    const port = await listening(createHttpsServer({ key, cert }, (_request, response) => { response.end('{}') }) as unknown as Server)
    const url = `https://localhost:${port}/hook`
    expect(await delivered(url)).toEqual(gaveUp({
      en: `${url} unreachable: the TLS certificate of localhost was not accepted: it is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT); the endpoint's operator installs a certificate for localhost from a public certificate authority, with its intermediate certificates`,
      de: `${url} nicht erreichbar: das TLS-Zertifikat von localhost wurde nicht akzeptiert: es ist selbstsigniert (DEPTH_ZERO_SELF_SIGNED_CERT); der Betreiber des Endpunkts installiert ein Zertifikat einer öffentlichen Zertifizierungsstelle für localhost, mit seinen Zwischenzertifikaten`
    }, 2))
  })

  it('says no TLS connection came about when the server closes the connection during the TLS handshake', async () => {
    const port = await listening(createServer(socket => { socket.once('data', () => { socket.destroy() }) }))
    const url = `https://127.0.0.1:${port}/hook`
    expect(await delivered(url)).toEqual(gaveUp({
      en: `${url} unreachable: no TLS connection to 127.0.0.1 on port ${port} could be established (ECONNRESET); check that this port serves https (an endpoint without TLS has an http:// URL) and supports TLS 1.2 or later`,
      de: `${url} nicht erreichbar: zu 127.0.0.1 auf Port ${port} kam keine TLS-Verbindung zustande (ECONNRESET); prüfen Sie, ob dieser Port https spricht (ein Endpunkt ohne TLS hat eine http://-URL) und TLS 1.2 oder neuer unterstützt`
    }, 2))
  })

  it('says no TLS connection came about when an https URL names a port that speaks plain http', async () => {
    const port = await listening(createHttpServer((_request, response) => { response.end('{}') }) as unknown as Server)
    const url = `https://127.0.0.1:${port}/orders`
    expect(await called(url)).toEqual(gaveUp({
      en: `${url} unreachable: no TLS connection to 127.0.0.1 on port ${port} could be established (ERR_SSL_WRONG_VERSION_NUMBER); check that this port serves https (an endpoint without TLS has an http:// URL) and supports TLS 1.2 or later`,
      de: `${url} nicht erreichbar: zu 127.0.0.1 auf Port ${port} kam keine TLS-Verbindung zustande (ERR_SSL_WRONG_VERSION_NUMBER); prüfen Sie, ob dieser Port https spricht (ein Endpunkt ohne TLS hat eine http://-URL) und TLS 1.2 oder neuer unterstützt`
    }, 2))
  })
})

describe('unreachable', () => {
  /** A failure shaped as fetch reports it: "fetch failed", the socket's error as its cause. */
  const failed = (code: string | undefined, message: string): Error => new TypeError('fetch failed', { cause: Object.assign(new Error(message), code === undefined ? {} : { code }) })

  it('names causes a machine cannot provoke on its own loopback: timeouts, missing routes, other certificate problems, anything else by its code and message', () => {
    const url = 'https://api.example.org/orders'
    const en = (code: string | undefined, message = 'x'): string => unreachable(url, failed(code, message)).en.slice(url.length + 1)
    expect(Object.fromEntries(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_SIGNATURE_FAILURE', 'EPROTO'].map(code => [code, en(code)]))).toEqual({
      ETIMEDOUT: 'unreachable: no connection to api.example.org on port 443 in time (ETIMEDOUT); check that the host is up and that a firewall lets port 443 through',
      UND_ERR_CONNECT_TIMEOUT: 'unreachable: no connection to api.example.org on port 443 in time (UND_ERR_CONNECT_TIMEOUT); check that the host is up and that a firewall lets port 443 through',
      EHOSTUNREACH: 'unreachable: no network route from this server to api.example.org (EHOSTUNREACH); check the address, and the routes, firewall or VPN between this server and the host',
      ENETUNREACH: 'unreachable: no network route from this server to api.example.org (ENETUNREACH); check the address, and the routes, firewall or VPN between this server and the host',
      CERT_HAS_EXPIRED: 'unreachable: the TLS certificate of api.example.org was not accepted: it has expired (CERT_HAS_EXPIRED); the endpoint\'s operator installs a certificate for api.example.org from a public certificate authority, with its intermediate certificates',
      ERR_TLS_CERT_ALTNAME_INVALID: 'unreachable: the TLS certificate of api.example.org was not accepted: it is not issued for this host name (ERR_TLS_CERT_ALTNAME_INVALID); the endpoint\'s operator installs a certificate for api.example.org from a public certificate authority, with its intermediate certificates',
      UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unreachable: the TLS certificate of api.example.org was not accepted: its issuer is unknown, perhaps the server does not send the intermediate certificates (UNABLE_TO_VERIFY_LEAF_SIGNATURE); the endpoint\'s operator installs a certificate for api.example.org from a public certificate authority, with its intermediate certificates',
      CERT_SIGNATURE_FAILURE: 'unreachable: the TLS certificate of api.example.org was not accepted: it could not be verified (CERT_SIGNATURE_FAILURE); the endpoint\'s operator installs a certificate for api.example.org from a public certificate authority, with its intermediate certificates',
      EPROTO: 'unreachable: no TLS connection to api.example.org on port 443 could be established (EPROTO); check that this port serves https (an endpoint without TLS has an http:// URL) and supports TLS 1.2 or later'
    })
    expect(unreachable('http://api.example.org/x', failed('EHOSTUNREACH', 'x')).de).toBe('http://api.example.org/x nicht erreichbar: kein Netzwerkweg von diesem Server zu api.example.org (EHOSTUNREACH); prüfen Sie die Adresse und die Routen, Firewall oder das VPN zwischen diesem Server und dem Host')
    expect(unreachable('http://api.example.org:8080/x', failed('ETIMEDOUT', 'x')).de).toBe('http://api.example.org:8080/x nicht erreichbar: zu api.example.org auf Port 8080 kam in der verfügbaren Zeit keine Verbindung zustande (ETIMEDOUT); prüfen Sie, ob der Host läuft und eine Firewall Port 8080 durchlässt')
    // Anything else: the innermost code and message instead of "fetch failed".
    expect(unreachable(url, failed('EAI_FAIL', 'getaddrinfo EAI_FAIL api.example.org'))).toEqual({ en: `${url} unreachable (EAI_FAIL: getaddrinfo EAI_FAIL api.example.org)`, de: `${url} nicht erreichbar (EAI_FAIL: getaddrinfo EAI_FAIL api.example.org)` })
    expect(unreachable(url, failed(undefined, 'socket hang up')).en).toBe(`${url} unreachable (socket hang up)`)
  })
})
