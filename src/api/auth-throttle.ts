/**
 * Throttling of failed authentication per client address: after `limit` requests with a missing
 * or invalid token within `windowMs`, the address is answered 429 (with Retry-After) until the
 * oldest failure leaves the window, so tokens cannot be guessed at network speed. Bounded
 * memory: at most `maxClients` addresses are tracked, the least recently failing dropped first.
 */
import { SymphonyError } from '../errors.js'

export interface ThrottleOptions {
  /** Failed attempts allowed per address within the window. */
  readonly limit?: number
  readonly windowMs?: number
  readonly maxClients?: number
  readonly now?: () => number
}

export class FailedAuthThrottle {
  readonly #failures = new Map<string, number[]>()
  readonly #limit: number
  readonly #windowMs: number
  readonly #maxClients: number
  readonly #now: () => number

  constructor (options: ThrottleOptions = {}) {
    this.#limit = options.limit ?? 10
    this.#windowMs = options.windowMs ?? 60_000
    this.#maxClients = options.maxClients ?? 10_000
    this.#now = options.now ?? Date.now
  }

  /** TOO_MANY_REQUESTS when the address used up its failed attempts. */
  check (address: string): void {
    const recent = this.#recent(address)
    if (recent.length < this.#limit) return
    const retryAfter = Math.max(1, Math.ceil((recent[0]! + this.#windowMs - this.#now()) / 1000))
    const window = Math.round(this.#windowMs / 1000)
    throw new SymphonyError('TOO_MANY_REQUESTS', {
      en: `${recent.length} requests from this address failed authentication within ${window} s; wait ${retryAfter} s, then send a valid token`,
      de: `${recent.length} Anfragen von dieser Adresse sind innerhalb von ${window} s an der Anmeldung gescheitert; warten Sie ${retryAfter} s und senden Sie dann ein gültiges Token`
    }, { details: { retryAfter } })
  }

  /** Records a failed attempt. */
  fail (address: string): void {
    const recent = this.#recent(address)
    this.#failures.delete(address)
    this.#failures.set(address, [...recent, this.#now()])
    if (this.#failures.size > this.#maxClients) this.#failures.delete(this.#failures.keys().next().value!)
  }

  #recent (address: string): number[] {
    const since = this.#now() - this.#windowMs
    return (this.#failures.get(address) ?? []).filter(at => at > since)
  }
}
