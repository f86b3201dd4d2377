/**
 * Why a request reached no answer, from the code of the error's causes (fetch itself only says
 * "fetch failed"), in words a person acts on: what went wrong and what to check.
 */
import type { ErrorMessages } from '../errors.js'

/**
 * An endpoint could not be reached: what went wrong, from the code of the error's causes (fetch
 * itself only says "fetch failed"), and what to check. A code without a text of its own is quoted
 * with its message.
 *
 * @example
 * unreachable('http://127.0.0.1:9/x', error).en // 'http://127.0.0.1:9/x unreachable: 127.0.0.1 refused the connection on port 9 (ECONNREFUSED); …'
 */
export function unreachable (url: string, error: unknown): ErrorMessages {
  const { code, message } = failureOf(error)
  const parsed = URL.canParse(url) ? new URL(url) : undefined
  const host = parsed?.hostname ?? url
  const port = parsed === undefined ? '' : parsed.port !== '' ? parsed.port : parsed.protocol === 'https:' ? '443' : '80'
  const say = (en: string, de: string): ErrorMessages => ({ en: `${url} unreachable: ${en}`, de: `${url} nicht erreichbar: ${de}` })
  const certificate = code === undefined ? undefined : certificateProblems[code] ?? (code.includes('CERT') ? certificateProblems.OTHER : undefined)
  if (certificate !== undefined) {
    return say(
      `the TLS certificate of ${host} was not accepted: ${certificate.en} (${code}); the endpoint's operator installs a certificate for ${host} from a public certificate authority, with its intermediate certificates`,
      `das TLS-Zertifikat von ${host} wurde nicht akzeptiert: ${certificate.de} (${code}); der Betreiber des Endpunkts installiert ein Zertifikat einer öffentlichen Zertifizierungsstelle für ${host}, mit seinen Zwischenzertifikaten`)
  }
  if (code === 'EPROTO' || code?.startsWith('ERR_SSL_') === true || (code === 'ECONNRESET' && /TLS/.test(message))) {
    return say(
      `no TLS connection to ${host} on port ${port} could be established (${code}); check that this port serves https (an endpoint without TLS has an http:// URL) and supports TLS 1.2 or later`,
      `zu ${host} auf Port ${port} kam keine TLS-Verbindung zustande (${code}); prüfen Sie, ob dieser Port https spricht (ein Endpunkt ohne TLS hat eine http://-URL) und TLS 1.2 oder neuer unterstützt`)
  }
  switch (code) {
    case 'ECONNREFUSED':
      return say(
        `${host} refused the connection on port ${port} (${code}): nothing accepts connections there; check that the service runs and that the URL names its port`,
        `${host} hat die Verbindung auf Port ${port} abgelehnt (${code}): dort nimmt nichts Verbindungen an; prüfen Sie, ob der Dienst läuft und die URL seinen Port nennt`)
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return say(
        `${host} closed the connection before it answered (${code}); check the server's log for a crash or a request it drops, and a firewall or proxy in between that cuts connections`,
        `${host} hat die Verbindung geschlossen, bevor eine Antwort kam (${code}); prüfen Sie das Protokoll des Servers auf einen Absturz oder eine verworfene Anfrage, und eine Firewall oder einen Proxy dazwischen, die Verbindungen abbrechen`)
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return say(
        `no connection to ${host} on port ${port} in time (${code}); check that the host is up and that a firewall lets port ${port} through`,
        `zu ${host} auf Port ${port} kam in der verfügbaren Zeit keine Verbindung zustande (${code}); prüfen Sie, ob der Host läuft und eine Firewall Port ${port} durchlässt`)
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return say(
        `no network route from this server to ${host} (${code}); check the address, and the routes, firewall or VPN between this server and the host`,
        `kein Netzwerkweg von diesem Server zu ${host} (${code}); prüfen Sie die Adresse und die Routen, Firewall oder das VPN zwischen diesem Server und dem Host`)
    default: {
      const detail = code === undefined ? message : `${code}: ${message}`
      return { en: `${url} unreachable (${detail})`, de: `${url} nicht erreichbar (${detail})` }
    }
  }
}

const issuerUnknown: ErrorMessages = { en: 'its issuer is unknown, perhaps the server does not send the intermediate certificates', de: 'sein Aussteller ist unbekannt, vielleicht sendet der Server die Zwischenzertifikate nicht mit' }

/** What is wrong with a TLS certificate, by the code of its verification error (OpenSSL's, or Node's for the host name). */
const certificateProblems: Readonly<Record<string, ErrorMessages>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: { en: 'it is self-signed', de: 'es ist selbstsigniert' },
  SELF_SIGNED_CERT_IN_CHAIN: { en: 'its chain ends in a self-signed certificate no authority vouches for', de: 'seine Kette endet in einem selbstsignierten Zertifikat, für das keine Zertifizierungsstelle bürgt' },
  CERT_HAS_EXPIRED: { en: 'it has expired', de: 'es ist abgelaufen' },
  CERT_NOT_YET_VALID: { en: 'it is not valid yet (or the clock of one of the two servers is wrong)', de: 'es ist noch nicht gültig (oder die Uhr eines der beiden Server geht falsch)' },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: issuerUnknown,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: issuerUnknown,
  UNABLE_TO_GET_ISSUER_CERT: issuerUnknown,
  ERR_TLS_CERT_ALTNAME_INVALID: { en: 'it is not issued for this host name', de: 'es ist nicht für diesen Hostnamen ausgestellt' },
  CERT_REVOKED: { en: 'it has been revoked', de: 'es wurde widerrufen' },
  OTHER: { en: 'it could not be verified', de: 'es konnte nicht geprüft werden' }
}

/** The code and message of the innermost cause that has a code (an AggregateError's first error too), else of the innermost cause. */
function failureOf (error: unknown): { code?: string, message: string } {
  let found: { code?: string, message: string } | undefined
  let last = error instanceof Error ? error.message : String(error)
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause ?? (cause instanceof AggregateError ? cause.errors[0] : undefined)) {
    const code = (cause as NodeJS.ErrnoException).code
    last = cause.message
    if (typeof code === 'string') found = { code, message: cause.message.trim() }
  }
  return found ?? { message: last }
}
