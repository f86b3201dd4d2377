/**
 * What this machine's resolver answers for a name under `.invalid` (RFC 6761: it never
 * resolves), and the reason an unreachable provider endpoint then gives: a resolver that answers
 * says the name does not exist (ENOTFOUND or ENODATA), a machine without a reachable name server says none
 * answered (EAI_AGAIN). Tests that go through the system resolver expect the reason for the
 * answer this machine gives.
 */
import { lookup } from 'node:dns/promises'

export const invalidHost = 'orders.provider.invalid'

/** The look-up's error code for `invalidHost` on this machine. */
export async function invalidHostCode (): Promise<string> {
  return await lookup(invalidHost).then(() => 'resolved', (error: NodeJS.ErrnoException) => error.code ?? 'none')
}

/** The reason for `url` on `invalidHost` given `code`, with the attempts' suffix when `attempts` is given. */
export function unresolvedReason (url: string, code: string, attempts?: number): { en: string, de: string } {
  const missing = {
    en: `${url} unreachable: its host name ${invalidHost} does not resolve to any address (${code}); the name is wrong or its DNS entry is missing`,
    de: `${url} nicht erreichbar: der Hostname ${invalidHost} wird zu keiner Adresse aufgelöst (${code}); der Name ist falsch oder sein DNS-Eintrag fehlt`
  }
  const reasons: Record<string, { en: string, de: string }> = {
    ENOTFOUND: missing,
    ENODATA: missing,
    EAI_AGAIN: {
      en: `${url} unreachable: its host name ${invalidHost} could not be resolved, no name server answered in time (EAI_AGAIN)`,
      de: `${url} nicht erreichbar: der Hostname ${invalidHost} konnte nicht aufgelöst werden, kein Nameserver hat rechtzeitig geantwortet (EAI_AGAIN)`
    }
  }
  const reason = reasons[code]
  if (reason === undefined) throw new Error(`the resolver answered ${code} for ${invalidHost}, none of ${Object.keys(reasons).join(', ')}`)
  if (attempts === undefined) return reason
  return { en: `${reason.en} (gave up after ${attempts} attempts)`, de: `${reason.de} (nach ${attempts} Versuchen aufgegeben)` }
}
