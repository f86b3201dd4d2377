/**
 * A provider published a new version of a description or deprecated one: each subscription
 * that is not cancelled and has one of its services gets an event for its customer. Written to
 * the operations graphs whether or not operations are running (a `symphony publish` on a
 * stopped server's data directory): the feed has it at once, and a customer's webhook gets it
 * when delivery starts from its cursor.
 */
import type { Catalog } from '../catalog/index.js'
import type { ErrorMessages } from '../errors.js'
import { catalogNamer } from '../matcher/index.js'
import * as texts from './event-texts.js'
import { newEvent } from './event-texts.js'
import type { OperationsStore } from './operations-store.js'
import { currentMembers } from './subscription-record.js'
import type { Subscription } from './types.js'

/** What changed: the description's services, its version, its provider. */
export interface ServiceChange {
  readonly type: 'service.deprecated' | 'service.newVersion'
  readonly services: readonly string[]
  readonly version: number
  readonly provider: string
}

/**
 * Stores one event per affected subscription (named by the catalog's labels; the IRIs in its
 * data) and returns the subscriptions affected.
 *
 * @example
 * const affected = await notifyServiceChange({ records, catalog, now }, { type: 'service.newVersion', services, version: 2, provider })
 */
export async function notifyServiceChange (deps: { records: OperationsStore, catalog: () => Promise<Catalog>, now: () => string }, change: ServiceChange): Promise<Subscription[]> {
  const services = new Set(change.services)
  const affected = (await deps.records.subscriptions()).filter(s => s.state !== 'cancelled' && currentMembers(s).some(m => services.has(m.service)))
  if (affected.length === 0) return []
  const at = deps.now()
  const namer = catalogNamer(await deps.catalog())
  const named = (iri: string): ErrorMessages => ({ en: namer(iri, 'en'), de: namer(iri, 'de') })
  const events = affected.map(s => {
    const members = currentMembers(s).filter(m => services.has(m.service)).map(m => m.service)
    return newEvent(s.customer, at, change.type, s.iri, texts.serviceChanged(named(change.provider), change.type, change.version, members.map(named), s.id),
      { subscription: s.id, provider: change.provider, version: change.version, services: members.join(' ') })
  })
  await deps.records.write({ events })
  return affected
}
