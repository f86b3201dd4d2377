/**
 * Customers' webhooks: every event written for a customer with a webhook is POSTed there as
 * the JSON object `GET /events` lists, signed (`Symphony-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<body>">`), with `Idempotency-Key: <event id>` and `Symphony-Event:
 * <type>`, retried with backoff, one delivery at a time per customer, in the feed's order.
 * The webhook record (an operations graph) keeps a cursor of the events delivered or given up,
 * written after each one: on start delivery resumes from it, so a restart loses nothing and
 * sends nothing again that the receiver acknowledged.
 *
 * @example
 * const webhooks = new CustomerWebhooks({ store, events: () => records.events(), policy, allowPrivate: false, guard: providerEgress({ allowPrivate: false, audience: 'webhook' }) })
 * const { secret } = await webhooks.set(customer, 'https://hooks.example.org/symphony')
 * await webhooks.start()
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { SymphonyError } from '../errors.js'
import type { Store } from '../store/index.js'
import { quadsToRecord, recordToQuads } from './json-rdf.js'
import { KeyedLock } from './keyed-lock.js'
import { opsGraphs, opsIris } from './names.js'
import { postWebhook } from './post-webhook.js'
import type { EgressGuard } from './provider-egress.js'
import type { RetryPolicy } from './provider-call.js'
import type { CustomerWebhook, OperationsEvent, WebhookCursor } from './types.js'
import { checkWebhookUrl } from './webhook-url.js'

/** How long before the newest handled event an event may land and still be sent (ms). */
const lateWriteWindowMs = 60_000

export interface WebhookDependencies {
  readonly store: Store
  /** Every event, oldest first (the feed). */
  readonly events: () => Promise<OperationsEvent[]>
  readonly policy: RetryPolicy
  /** Deliver to `localhost` and loopback, link-local and private IP literals too (tests, closed networks). */
  readonly allowPrivate: boolean
  /**
   * Checks each delivery's address again when it is sent, with the same allowance: a name that
   * resolves to a private address by then is not delivered to.
   */
  readonly guard: EgressGuard
  readonly clock?: () => Date
}

/** What a customer sees of its webhook: never the secret, which is shown only when it is set. */
export type WebhookView = Pick<CustomerWebhook, 'url' | 'createdAt' | 'lastDelivery'>

export class CustomerWebhooks {
  readonly #deps: WebhookDependencies
  readonly #workers = new Map<string, Promise<void>>()
  readonly #again = new Set<string>()
  readonly #locks = new KeyedLock()
  readonly #stop = new AbortController()
  #started = false

  constructor (deps: WebhookDependencies) {
    this.#deps = deps
  }

  #now (): Date {
    return this.#deps.clock?.() ?? new Date()
  }

  /** The customer's webhook with its secret and cursor, or undefined. */
  async record (customer: string): Promise<CustomerWebhook | undefined> {
    const id = webhookId(customer)
    const quads = await this.#deps.store.graph(opsGraphs.webhook + id)
    return quads.length === 0 ? undefined : quadsToRecord<CustomerWebhook>(quads, opsIris.webhook + id)
  }

  /** What the customer may read of its webhook; NOT_FOUND when it has none. */
  async view (customer: string): Promise<WebhookView> {
    const hook = await this.record(customer)
    if (hook === undefined) throw new SymphonyError('NOT_FOUND', {
      en: `${customer} has no webhook; set one with PUT /me/webhook { "url": "https://…" } (symphony subscriptions webhook set <url>)`,
      de: `${customer} hat keinen Webhook; legen Sie einen mit PUT /me/webhook { "url": "https://…" } an (symphony subscriptions webhook set <url>)`
    })
    return viewOf(hook)
  }

  /**
   * Sets (or replaces) the customer's webhook with a new secret. A new webhook starts after the
   * events already written; a replaced one keeps its cursor (nothing is sent twice).
   */
  async set (customer: string, url: string): Promise<WebhookView & { secret: string }> {
    const checked = checkWebhookUrl(url, { allowPrivate: this.#deps.allowPrivate })
    const secret = randomBytes(32).toString('base64url')
    const written = await this.#locked(customer, async () => {
      const previous = await this.record(customer)
      const cursor = previous === undefined ? cursorAfter(await this.#deps.events(), customer) : previous.cursor
      const id = webhookId(customer)
      const hook: CustomerWebhook = {
        id, iri: opsIris.webhook + id, customer, url: checked, secret, createdAt: this.#now().toISOString(),
        ...(cursor === undefined ? {} : { cursor }),
        ...(previous?.lastDelivery === undefined ? {} : { lastDelivery: previous.lastDelivery })
      }
      await this.#write(hook)
      return hook
    })
    this.#kick(customer)
    return { ...viewOf(written), secret }
  }

  /** Removes the customer's webhook; false when it had none. */
  async remove (customer: string): Promise<boolean> {
    return this.#locked(customer, async () => {
      if (await this.record(customer) === undefined) return false
      await this.#deps.store.deleteGraphs([opsGraphs.webhook + webhookId(customer)])
      return true
    })
  }

  /** New events were written: their customers' webhooks get them (once delivery started). */
  notify (events: readonly OperationsEvent[]): void {
    for (const customer of new Set(events.map(e => e.customer))) this.#kick(customer)
  }

  /** Starts delivering: every webhook resumes from its cursor. */
  async start (): Promise<void> {
    this.#started = true
    const graphs = (await this.#deps.store.graphs()).map(g => g.graph).filter(g => g.startsWith(opsGraphs.webhook))
    for (const graph of graphs) {
      const id = graph.slice(opsGraphs.webhook.length)
      const hook = quadsToRecord<CustomerWebhook>(await this.#deps.store.graph(graph), opsIris.webhook + id)
      this.#kick(hook.customer)
    }
  }

  /** Resolves once no delivery is running or due. */
  async idle (): Promise<void> {
    while (this.#workers.size > 0) await Promise.allSettled([...this.#workers.values()])
  }

  /** Stops delivering: requests in flight are abandoned and sent again on the next start. */
  async close (): Promise<void> {
    this.#started = false
    this.#stop.abort()
    await this.idle()
  }

  #kick (customer: string): void {
    if (!this.#started || this.#stop.signal.aborted) return
    if (this.#workers.has(customer)) {
      this.#again.add(customer)
      return
    }
    const worker = this.#work(customer).catch(() => {
      // The cursor is the truth: whatever was not handled is sent at the next event or start.
      this.#workers.delete(customer)
    })
    this.#workers.set(customer, worker)
  }

  /** Delivers the customer's pending events one at a time until none is left. */
  async #work (customer: string): Promise<void> {
    for (;;) {
      this.#again.delete(customer)
      const hook = await this.record(customer)
      const pending = hook === undefined || this.#stop.signal.aborted ? [] : pendingEvents(await this.#deps.events(), hook)
      if (pending.length === 0 && (!this.#again.has(customer) || this.#stop.signal.aborted)) {
        this.#workers.delete(customer)
        return
      }
      for (const event of pending) {
        const current = await this.record(customer)
        if (current === undefined || this.#stop.signal.aborted) break
        const outcome = await postWebhook(current.url, event, {
          idempotencyKey: event.id,
          headers: body => ({ 'symphony-event': event.type, 'symphony-signature': signature(current.secret, body, this.#now()) }),
          policy: this.#deps.policy,
          signal: this.#stop.signal,
          guard: this.#deps.guard
        })
        if (this.#stop.signal.aborted && !outcome.ok) break
        await this.#locked(customer, async () => {
          const latest = await this.record(customer)
          if (latest === undefined) return
          await this.#write({
            ...latest,
            cursor: advance(latest.cursor, event),
            lastDelivery: {
              event: event.id, at: this.#now().toISOString(), ok: outcome.ok,
              ...(outcome.status === undefined ? {} : { status: outcome.status }),
              ...(outcome.ok || outcome.reason === undefined ? {} : { reason: outcome.reason })
            }
          })
        })
      }
    }
  }

  async #write (hook: CustomerWebhook): Promise<void> {
    const graph = opsGraphs.webhook + hook.id
    await this.#deps.store.putGraphs([{ graph, quads: recordToQuads(hook.iri, graph, 'Webhook', hook) }])
  }

  /** Runs `work` after every earlier change of the customer's webhook record. */
  async #locked<T> (customer: string, work: () => Promise<T>): Promise<T> {
    return this.#locks.run(customer, work)
  }
}

/**
 * The `Symphony-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
 *
 * @example
 * signature(secret, '{"id":"…"}', new Date()) // 't=1764806400,v1=5d41…'
 */
export function signature (secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000)
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`
}

/** The id of a customer's webhook record: a digest of the customer IRI (one webhook per customer). */
function webhookId (customer: string): string {
  return createHash('sha256').update(customer).digest('hex').slice(0, 32)
}

function viewOf (hook: CustomerWebhook): WebhookView {
  return { url: hook.url, createdAt: hook.createdAt, ...(hook.lastDelivery === undefined ? {} : { lastDelivery: hook.lastDelivery }) }
}

/** The customer's events not yet handled, in the feed's order. */
export function pendingEvents (events: readonly OperationsEvent[], hook: Pick<CustomerWebhook, 'customer' | 'cursor'>): OperationsEvent[] {
  const { cursor } = hook
  const mine = events.filter(e => e.customer === hook.customer)
  if (cursor === undefined) return mine
  const from = windowStart(cursor.at)
  const handled = new Set(cursor.recent.map(r => r.event))
  return mine.filter(e => e.at >= from && !handled.has(e.id))
}

/** The cursor once `event` is handled. */
export function advance (cursor: WebhookCursor | undefined, event: Pick<OperationsEvent, 'id' | 'at'>): WebhookCursor {
  const at = cursor === undefined || event.at > cursor.at ? event.at : cursor.at
  const from = windowStart(at)
  return { at, recent: [...(cursor?.recent ?? []), { event: event.id, at: event.at }].filter(r => r.at >= from) }
}

/** A new webhook's cursor: after every event of the customer written so far. */
function cursorAfter (events: readonly OperationsEvent[], customer: string): WebhookCursor | undefined {
  let cursor: WebhookCursor | undefined
  for (const e of events) if (e.customer === customer) cursor = advance(cursor, e)
  return cursor
}

function windowStart (at: string): string {
  return new Date(Date.parse(at) - lateWriteWindowMs).toISOString()
}
