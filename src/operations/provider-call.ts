/**
 * One outbound call to a provider endpoint: JSON over HTTP with an `Idempotency-Key` header, a
 * timeout per attempt and a bounded number of attempts with exponential backoff. Network
 * errors, timeouts, 408, 429 and 5xx are retried; other 4xx answers are final. The provider
 * answers `{ "status": "acknowledged" | "inProgress" | "completed" | "failed" | "cancelled",
 * "reference"?: string, "reason"?: string }`. A failed call's reason is in English and German;
 * the provider's own `reason` is kept as it wrote it.
 */
import type { ErrorMessages } from '../errors.js'
import { refusedAtConnect, unresolvedAtConnect, type EgressFetch, type EgressGuard } from './provider-egress.js'
import { answeredStatus, gaveUp, noJsonBody, noKnownStatus, notAttempted, refusedRequest, timedOut } from './reasons.js'
import { unreachable } from './connection-failure.js'

export type ProviderStatus = 'acknowledged' | 'inProgress' | 'completed' | 'failed' | 'cancelled'

export interface RetryPolicy {
  /** Milliseconds one attempt may take. */
  readonly timeoutMs: number
  /** Attempts at most (the first included). */
  readonly attempts: number
  /** Wait before the second attempt; doubled for each further one. */
  readonly backoffMs: number
  /** How to wait (injected so tests and the clock agree). */
  readonly sleep: (ms: number) => Promise<void>
}

export type CallOutcome =
  | { readonly ok: true, readonly status: ProviderStatus, readonly reference?: string, readonly reason?: string, readonly attempts: number }
  | { readonly ok: false, readonly reason: ErrorMessages, readonly attempts: number, readonly refused?: true }

export interface ProviderRequest {
  readonly method: 'GET' | 'POST'
  readonly url: string
  readonly idempotencyKey: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: unknown
}

const statuses: ReadonlySet<string> = new Set(['acknowledged', 'inProgress', 'completed', 'failed', 'cancelled'])

/**
 * Calls the provider until it answers, a final error comes, or the attempts run out. `guard`
 * checks the URL before each attempt (`provider-egress.ts`); a URL it refuses for good is never
 * requested, and the outcome says `refused`.
 *
 * @example
 * const outcome = await callProvider({ method: 'POST', url, idempotencyKey, headers: {}, body }, policy, { guard: providerEgress({ allowPrivate: false }) })
 */
export async function callProvider (request: ProviderRequest, policy: RetryPolicy, options: { guard: EgressGuard }): Promise<CallOutcome> {
  let reason: ErrorMessages = notAttempted
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) await policy.sleep(policy.backoffMs * 2 ** (attempt - 2))
    const verdict = await options.guard(request.url)
    if (!verdict.ok) {
      reason = verdict.reason
      if (verdict.final) return { ok: false, reason, attempts: attempt - 1, refused: true }
      continue
    }
    const result = await attemptOnce(request, policy.timeoutMs, verdict.fetch)
    if (result.kind === 'answer') return { ...result.outcome, attempts: attempt }
    reason = result.reason
    if (result.kind === 'refused') return { ok: false, reason, attempts: attempt - 1, refused: true }
    if (result.kind === 'final') return { ok: false, reason, attempts: attempt }
  }
  return { ok: false, reason: gaveUp(reason, policy.attempts), attempts: policy.attempts }
}

type Attempt =
  | { kind: 'answer', outcome: { ok: true, status: ProviderStatus, reference?: string, reason?: string } }
  | { kind: 'retry', reason: ErrorMessages }
  | { kind: 'final', reason: ErrorMessages }
  /** The connection found the host at a non-public address: nothing was sent. */
  | { kind: 'refused', reason: ErrorMessages }

async function attemptOnce (request: ProviderRequest, timeoutMs: number, fetch: EgressFetch): Promise<Attempt> {
  let response: Response
  let text: string
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: {
        accept: 'application/json',
        'idempotency-key': request.idempotencyKey,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error'
    })
    text = await response.text()
  } catch (error) {
    const refused = refusedAtConnect(request.url, error)
    if (refused !== undefined) return { kind: 'refused', reason: refused }
    const name = (error as Error).name
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'retry', reason: timedOut(request.url, timeoutMs) }
    const unresolved = unresolvedAtConnect(request.url, error)
    if (unresolved !== undefined) return { kind: 'retry', reason: unresolved }
    return { kind: 'retry', reason: unreachable(request.url, error) }
  }
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    return { kind: 'retry', reason: answeredStatus(request.url, response.status, brief(text)) }
  }
  if (response.status >= 400) return { kind: 'final', reason: refusedRequest(request.url, response.status, brief(text)) }
  let body: { status?: unknown, reference?: unknown, reason?: unknown }
  try {
    body = JSON.parse(text) as typeof body
  } catch {
    return { kind: 'final', reason: noJsonBody(request.url, response.status) }
  }
  if (typeof body.status !== 'string' || !statuses.has(body.status)) {
    return { kind: 'final', reason: noKnownStatus(request.url) }
  }
  return {
    kind: 'answer',
    outcome: {
      ok: true,
      status: body.status as ProviderStatus,
      ...(typeof body.reference === 'string' ? { reference: body.reference } : {}),
      ...(typeof body.reason === 'string' ? { reason: body.reason } : {})
    }
  }
}

function brief (text: string): string {
  const trimmed = text.trim().slice(0, 200)
  return trimmed === '' ? '' : `: ${trimmed}`
}
