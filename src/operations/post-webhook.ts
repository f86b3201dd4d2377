/**
 * A webhook: JSON POST with an `Idempotency-Key` header, a timeout per attempt and a bounded
 * number of attempts with exponential backoff. Network errors, timeouts, 408, 429 and 5xx are
 * retried; any 2xx is delivered; other 4xx are final. Used for the providers' ticket endpoints
 * and the customers' event webhooks. A failure's reason is in English and German.
 */
import type { ErrorMessages } from '../errors.js'
import type { RetryPolicy } from './provider-call.js'
import { refusedAtConnect, unresolvedAtConnect, type EgressGuard, type EgressVerdict } from './provider-egress.js'
import { answeredStatus, deliveryRefused, gaveUp, notAttempted, stoppedAt, stoppedBefore, timedOut } from './reasons.js'
import { unreachable } from './connection-failure.js'

export interface WebhookOutcome {
  readonly ok: boolean
  readonly attempts: number
  /** The HTTP status of the last answer, when there was one. */
  readonly status?: number
  readonly reason?: ErrorMessages
}

export interface WebhookPost {
  readonly idempotencyKey: string
  /** Extra headers; a function is asked again for each attempt with the exact body sent (for signatures). */
  readonly headers: Readonly<Record<string, string>> | ((body: string) => Readonly<Record<string, string>>)
  readonly policy: RetryPolicy
  /** Stops the attempts (and the wait between them) early; the outcome then says so. */
  readonly signal?: AbortSignal
  /** Checks the URL before each attempt (providers' ticket endpoints); a URL refused for good is never requested. */
  readonly guard?: EgressGuard
}

/**
 * Posts `body` until the endpoint takes it, refuses it, or the attempts run out.
 *
 * @example
 * const outcome = await postWebhook(url, { event: 'ticket.opened' }, { idempotencyKey: 'abc', headers: {}, policy })
 */
export async function postWebhook (url: string, body: unknown, options: WebhookPost): Promise<WebhookOutcome> {
  const { policy, signal } = options
  const stopped = (): boolean => signal?.aborted === true
  const text = JSON.stringify(body)
  let reason: ErrorMessages = notAttempted
  let status: number | undefined
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) await policy.sleep(policy.backoffMs * 2 ** (attempt - 2))
    if (stopped()) return { ok: false, attempts: attempt - 1, ...(status === undefined ? {} : { status }), reason: stoppedBefore(reason, attempt) }
    const verdict: EgressVerdict = await options.guard?.(url) ?? { ok: true, fetch }
    if (!verdict.ok) {
      reason = verdict.reason
      if (verdict.final) return { ok: false, attempts: attempt - 1, ...(status === undefined ? {} : { status }), reason }
      continue
    }
    try {
      const headers = typeof options.headers === 'function' ? options.headers(text) : options.headers
      const timeout = AbortSignal.timeout(policy.timeoutMs)
      const response = await verdict.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': options.idempotencyKey, ...headers },
        body: text,
        signal: signal === undefined ? timeout : AbortSignal.any([timeout, signal]),
        redirect: 'error'
      })
      await response.arrayBuffer()
      status = response.status
      if (response.ok) return { ok: true, attempts: attempt, status }
      reason = answeredStatus(url, response.status)
      if (response.status < 500 && response.status !== 408 && response.status !== 429) return { ok: false, attempts: attempt, status, reason: deliveryRefused(url, response.status) }
    } catch (error) {
      const refused = refusedAtConnect(url, error)
      if (refused !== undefined) return { ok: false, attempts: attempt - 1, ...(status === undefined ? {} : { status }), reason: refused }
      const name = (error as Error).name
      if (stopped()) return { ok: false, attempts: attempt, ...(status === undefined ? {} : { status }), reason: stoppedAt(url, attempt) }
      reason = name === 'TimeoutError' || name === 'AbortError' ? timedOut(url, policy.timeoutMs) : unresolvedAtConnect(url, error) ?? unreachable(url, error)
    }
  }
  return { ok: false, attempts: policy.attempts, ...(status === undefined ? {} : { status }), reason: gaveUp(reason, policy.attempts) }
}
