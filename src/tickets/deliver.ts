/**
 * A webhook to a provider's ticket endpoint: JSON POST with an `Idempotency-Key` header, a
 * timeout per attempt and a bounded number of attempts with exponential backoff. Network
 * errors, timeouts, 408, 429 and 5xx are retried; any 2xx is delivered; other 4xx are final.
 */
import type { RetryPolicy } from '../operations/index.js'

export interface WebhookOutcome {
  readonly ok: boolean
  readonly attempts: number
  readonly reason?: string
}

/** Posts `body` until the endpoint takes it, refuses it, or the attempts run out. */
export async function postWebhook (url: string, body: unknown, options: { idempotencyKey: string, headers: Readonly<Record<string, string>>, policy: RetryPolicy }): Promise<WebhookOutcome> {
  const { policy } = options
  let reason = 'not attempted'
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) await policy.sleep(policy.backoffMs * 2 ** (attempt - 2))
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': options.idempotencyKey, ...options.headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(policy.timeoutMs),
        redirect: 'error'
      })
      await response.arrayBuffer()
      if (response.ok) return { ok: true, attempts: attempt }
      reason = `${url} answered ${response.status}`
      if (response.status < 500 && response.status !== 408 && response.status !== 429) return { ok: false, attempts: attempt, reason: `${url} refused the ticket: ${response.status}` }
    } catch (error) {
      const name = (error as Error).name
      reason = name === 'TimeoutError' || name === 'AbortError' ? `${url} did not answer within ${policy.timeoutMs} ms` : `${url} unreachable (${(error as Error).message})`
    }
  }
  return { ok: false, attempts: policy.attempts, reason: `${reason} (gave up after ${policy.attempts} attempts)` }
}
