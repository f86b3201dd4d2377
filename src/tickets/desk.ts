/**
 * The fault desk: customers report faults on a subscription, a member or a link between two
 * members; the desk routes each to the providers responsible, keeps the lifecycle, notes and
 * history, sends tickets and customer notes to providers' ticket endpoints, closes resolved
 * tickets after the confirmation period, and measures response and resolution times.
 *
 * @example
 * const desk = new TicketDesk({ store, catalog, subscriptions: operations, secrets })
 * const ticket = await desk.open(customer, { subscription, services: [crm, pbx], summary: 'calls are not journaled in the CRM' })
 */
import { randomUUID } from 'node:crypto'
import type { Catalog } from '../catalog/index.js'
import type { BundleLink } from '../composer/index.js'
import { SymphonyError, type ErrorMessages } from '../errors.js'
import type { EgressGuard, EndpointAddress } from '../operations/index.js'
import { KeyedLock, adapterOf, asDescribed, credentialHeaders, opsIris, postWebhook, providerEgress, transition } from '../operations/index.js'
import type { Actor, RetryPolicy, SecretLookup, Subscription, SubscriptionMember } from '../operations/index.js'
import type { Store } from '../store/index.js'
import { stepRoles, ticketTransitions } from './lifecycle.js'
import { routeFault, type NameOf } from './routing.js'
import { closedAutomatically, movedBy, reopened, reported } from './texts.js'
import type { ServiceSupport } from './routing.js'
import { TicketStore } from './ticket-store.js'
import type { Attachment, Delivery, Ticket, TicketDesk as DeskDescription, TicketNote, TicketRoute, TicketState } from './types.js'

export interface TicketDeskDependencies {
  readonly store: Store
  readonly catalog: () => Promise<Catalog>
  /** Subscriptions and the links of their bundles. */
  readonly subscriptions: {
    subscription: (id: string) => Promise<Subscription>
    links: (id: string) => Promise<readonly BundleLink[]>
  }
  readonly secrets: SecretLookup
  readonly clock?: () => Date
  readonly sleep?: (ms: number) => Promise<void>
  readonly policy?: Partial<Omit<RetryPolicy, 'sleep'>>
  /** Days after which a resolved ticket the customer did not confirm or reopen is closed (default 7). */
  readonly autoCloseDays?: number
  /** Largest attachment in bytes (default 1 MiB). */
  readonly attachmentLimitBytes?: number
  /** Where a described ticket endpoint is actually requested (default: where it says). */
  readonly endpointAddress?: EndpointAddress
  /** Which ticket endpoints may be requested (default: public addresses only, as operations' `egress`). */
  readonly egress?: EgressGuard
}

/** A note as a caller writes it: attachments base64-encoded. */
export interface NoteInput {
  readonly text: string
  readonly attachments?: ReadonlyArray<{ name: string, mediaType?: string, content: string }>
}

export interface OpenInput extends NoteInput {
  readonly subscription: string
  /** None: the whole subscription; one: a member; two: the link between them. */
  readonly services?: readonly string[]
  readonly summary: string
}

export const defaultAttachmentLimit = 1_048_576

export class TicketDesk {
  readonly records: TicketStore
  readonly autoCloseDays: number
  readonly attachmentLimitBytes: number
  readonly #deps: TicketDeskDependencies
  readonly #policy: RetryPolicy
  readonly #egress: EgressGuard
  readonly #locks = new KeyedLock()
  readonly #pending = new Set<Promise<void>>()

  constructor (deps: TicketDeskDependencies) {
    this.#deps = deps
    this.records = new TicketStore(deps.store)
    this.autoCloseDays = deps.autoCloseDays ?? 7
    this.attachmentLimitBytes = deps.attachmentLimitBytes ?? defaultAttachmentLimit
    this.#policy = {
      timeoutMs: deps.policy?.timeoutMs ?? 10_000,
      attempts: deps.policy?.attempts ?? 4,
      backoffMs: deps.policy?.backoffMs ?? 500,
      sleep: deps.sleep ?? (ms => new Promise<void>(resolve => setTimeout(resolve, ms)))
    }
    this.#egress = deps.egress ?? providerEgress({ allowPrivate: false })
  }

  /** Current time of the desk's clock. */
  now (): Date {
    return this.#deps.clock?.() ?? new Date()
  }

  /** Reports a fault: routed by the bundle's links, stored, then sent to providers with a ticket endpoint. */
  async open (customer: Actor, input: OpenInput): Promise<Ticket> {
    const subscription = await this.#deps.subscriptions.subscription(input.subscription)
    if (subscription.state === 'cancelled') {
      throw new SymphonyError('CONFLICT', {
        en: `subscription ${subscription.id} is cancelled; faults are reported on active subscriptions`,
        de: `das Abonnement ${subscription.id} ist gekündigt; Störungen werden zu aktiven Abonnements gemeldet`
      })
    }
    const services = input.services ?? []
    const links = services.length === 2 ? await this.#deps.subscriptions.links(subscription.id) : []
    const support = await this.#supportOf(subscription)
    const routing = routeFault(subscription, links, services, support, namesIn(await this.#deps.catalog()))
    if (!routing.ok) throw new SymphonyError('FAULT_NOT_ROUTABLE', routing.messages, { details: { reason: routing.code } })
    const at = this.now().toISOString()
    const id = randomUUID()
    const ticket: Ticket = {
      id,
      iri: opsIris.ticket + id,
      customer: subscription.customer,
      subscription: subscription.id,
      scope: routing.scope,
      services: [...new Set(services)],
      summary: input.summary,
      state: 'acknowledged',
      createdAt: at,
      routes: routing.routes,
      notes: input.text.trim() === '' ? [] : [this.#note('1', at, customer, input)],
      history: [{ at, from: null, to: 'acknowledged', by: customer, why: reported(input.summary) }]
    }
    await this.records.write([ticket])
    this.#send(ticket, 'ticket.opened', `${ticket.id}:opened`)
    return ticket
  }

  /** One ticket; NOT_FOUND when there is none. */
  async ticket (id: string): Promise<Ticket> {
    const ticket = await this.records.ticket(id)
    if (ticket === undefined) throw new SymphonyError('NOT_FOUND', { en: `no ticket ${id}`, de: `keine Störungsmeldung ${id}` })
    return ticket
  }

  /** Tickets of a customer, routed to a provider, or all (operator), oldest first. */
  async tickets (filter: { customer?: string, provider?: string, state?: TicketState } = {}): Promise<Ticket[]> {
    return (await this.records.tickets()).filter(t =>
      (filter.customer === undefined || t.customer === filter.customer) &&
      (filter.provider === undefined || t.routes.some(r => r.provider === filter.provider)) &&
      (filter.state === undefined || t.state === filter.state))
  }

  /** Adds a note; a provider's first note ends its response time, a customer's is sent to the providers' endpoints. */
  async note (id: string, by: Actor, input: NoteInput): Promise<Ticket> {
    const ticket = await this.#apply(id, current => {
      if (current.state === 'closed') {
        throw new SymphonyError('ILLEGAL_TRANSITION', {
          en: `ticket ${id} is closed; report a new fault instead of adding notes`,
          de: `die Störungsmeldung ${id} ist geschlossen; melden Sie eine neue Störung, statt Notizen hinzuzufügen`
        })
      }
      const at = this.now().toISOString()
      const note = this.#note(String(current.notes.length + 1), at, by, input)
      return { ...current, notes: [...current.notes, note], routes: responded(current.routes, by, at) }
    })
    if (by.role === 'customer') this.#send(ticket, 'ticket.note', `${ticket.id}:note:${ticket.notes.length}`)
    return ticket
  }

  /**
   * Moves a ticket along its lifecycle; who may take which step is in `stepRoles`. `why`: what
   * someone wrote (kept as written) or the platform's own words in English and German.
   */
  async move (id: string, to: TicketState, by: Actor, why?: string | ErrorMessages): Promise<Ticket> {
    return this.#apply(id, current => {
      const roles = stepRoles[current.state][to]
      if (current.state !== to && roles !== undefined && !roles.includes(by.role)) {
        throw new SymphonyError('FORBIDDEN', {
          en: `a ${by.role} cannot move ticket ${id} from ${current.state} to ${to}; that step is for ${roles.join(' or ')}`,
          de: `die Rolle ${by.role} kann die Störungsmeldung ${id} nicht von ${current.state} nach ${to} bewegen; dieser Schritt ist Sache von ${roles.join(' oder ')}`
        })
      }
      const at = this.now().toISOString()
      const reason = typeof why === 'string' ? { en: why, de: why } : why !== undefined ? why : current.state === 'resolved' && to === 'inProgress' ? reopened : movedBy(by.role, to)
      const moved = transition(ticketTransitions, { en: `ticket ${id}`, de: `die Störungsmeldung ${id}` }, current, to, { at, by, why: reason })
      if (moved === current) return current
      // Reopening starts the resolution clock's end over: only the last resolution counts.
      const base: Ticket = to === 'inProgress' ? withoutResolution(moved) : moved
      return {
        ...base,
        routes: responded(moved.routes, by, at),
        ...(to === 'resolved' ? { resolvedAt: at } : {}),
        ...(to === 'closed' ? { closedAt: at } : {})
      }
    })
  }

  /** Closes resolved tickets whose confirmation period has passed; returns them. */
  async sweep (): Promise<Ticket[]> {
    const limit = this.now().getTime() - this.autoCloseDays * 86_400_000
    const due = (await this.tickets({ state: 'resolved' })).filter(t => t.resolvedAt !== undefined && Date.parse(t.resolvedAt) <= limit)
    const closed: Ticket[] = []
    for (const t of due) {
      closed.push(await this.move(t.id, 'closed', { role: 'platform', id: 'platform' }, closedAutomatically(this.autoCloseDays)))
    }
    return closed
  }

  /** Waits until every webhook started so far is delivered or given up. */
  async idle (): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending])
  }

  #note (id: string, at: string, by: Actor, input: NoteInput): TicketNote {
    const attachments = (input.attachments ?? []).map((a): Attachment => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.content)) {
        throw new SymphonyError('INVALID_REQUEST', {
          en: `attachment "${a.name}" is not base64; encode the file with base64 (RFC 4648) in "content"`,
          de: `der Anhang "${a.name}" ist nicht Base64-kodiert; kodieren Sie die Datei in "content" mit Base64 (RFC 4648)`
        })
      }
      const size = Buffer.from(a.content, 'base64').length
      if (size > this.attachmentLimitBytes) {
        throw new SymphonyError('PAYLOAD_TOO_LARGE', {
          en: `attachment "${a.name}" is ${size} bytes; the limit is ${this.attachmentLimitBytes} bytes per attachment: shrink it or attach a link to the file instead`,
          de: `der Anhang "${a.name}" hat ${size} Bytes; erlaubt sind ${this.attachmentLimitBytes} Bytes je Anhang: verkleinern Sie ihn oder hängen Sie stattdessen einen Link auf die Datei an`
        })
      }
      return { name: a.name, mediaType: a.mediaType ?? 'application/octet-stream', size, content: a.content }
    })
    return { id, at, by, text: input.text, attachments }
  }

  async #supportOf (subscription: Subscription): Promise<(member: SubscriptionMember) => ServiceSupport> {
    const catalog = await this.#deps.catalog()
    const found = new Map<string, ServiceSupport>()
    for (const member of subscription.members) {
      const service = catalog.services.get(member.service)
      const support = service?.offers.find(o => o.id === member.offer)?.support ?? null
      const adapter = service?.graph === undefined ? member.adapter : adapterOf(await this.#deps.store.graph(service.graph), member.service)
      const desk: DeskDescription = adapter.kind === 'http' && adapter.ticketEndpoint !== undefined
        ? { kind: 'http', endpoint: (this.#deps.endpointAddress ?? asDescribed)(adapter.ticketEndpoint), auth: adapter.auth, authHeader: adapter.authHeader, ...(adapter.secretName === undefined ? {} : { secretName: adapter.secretName }), ...(adapter.timeoutMs === undefined ? {} : { timeoutMs: adapter.timeoutMs }) }
        : { kind: 'manual' }
      found.set(member.service, { support, desk })
    }
    return member => found.get(member.service) ?? { support: null, desk: { kind: 'manual' } }
  }

  /** Sends the ticket to every route with an endpoint, in the background; each outcome is stored. */
  #send (ticket: Ticket, event: Delivery['event'], key: string): void {
    for (const route of ticket.routes) {
      if (route.desk.kind !== 'http') continue
      const desk = route.desk
      const idempotencyKey = `${key}:${route.provider}`
      const job = (async () => {
        const auth = credentialHeaders(desk, route.provider, desk.endpoint, this.#deps.secrets)
        const outcome = !auth.ok
          ? { ok: false, attempts: 0, reason: auth.reason }
          : await postWebhook(desk.endpoint, { event, ticket: { ...ticket, routes: ticket.routes.map(r => ({ provider: r.provider, services: r.services, why: r.why })) } }, {
            idempotencyKey, headers: auth.headers, guard: this.#egress, policy: desk.timeoutMs === undefined ? this.#policy : { ...this.#policy, timeoutMs: Math.min(desk.timeoutMs, this.#policy.timeoutMs) }
          })
        const delivery: Delivery = { event, idempotencyKey, at: this.now().toISOString(), ok: outcome.ok, attempts: outcome.attempts, ...(outcome.reason === undefined ? {} : { reason: outcome.reason }) }
        await this.#apply(ticket.id, current => ({ ...current, routes: current.routes.map(r => r.provider === route.provider ? { ...r, deliveries: [...r.deliveries, delivery] } : r) }))
      })().catch(() => undefined).finally(() => this.#pending.delete(job))
      this.#pending.add(job)
    }
  }

  /** Reads, changes and writes one ticket at a time, so concurrent notes never lose each other. */
  async #apply (id: string, change: (ticket: Ticket) => Ticket): Promise<Ticket> {
    return this.#locks.run(id, async () => {
      const current = await this.ticket(id)
      const changed = change(current)
      if (changed !== current) await this.records.write([changed])
      return changed
    })
  }
}

/** Routes with the provider's first action recorded (the end of its response time). */
function responded (routes: readonly TicketRoute[], by: Actor, at: string): TicketRoute[] {
  return routes.map(r => by.role === 'provider' && r.provider === by.id && r.respondedAt === undefined ? { ...r, respondedAt: at } : r)
}

function withoutResolution (ticket: Ticket): Ticket {
  const copy: { -readonly [K in keyof Ticket]?: Ticket[K] } = { ...ticket }
  delete copy.resolvedAt
  return copy as Ticket
}

/** Services and interface types by their labels in the language asked for (else English, else any); an IRI without a label as it is. */
function namesIn (catalog: Catalog): NameOf {
  return (iri, language) => {
    const label = catalog.services.get(iri)?.label ?? catalog.hierarchy.label(iri)
    return label[language] ?? label.en ?? Object.values(label)[0] ?? iri
  }
}
