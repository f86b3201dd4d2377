/** IRIs of operations records and of the named graphs that hold them. */
import { graphs } from '../project.js'

/** Base of every operations graph; the public SPARQL endpoint, exports and the catalog leave these out. */
export const operationsGraphBase = graphs.operations

export const opsGraphs = {
  order: `${operationsGraphBase}order/`,
  subscription: `${operationsGraphBase}subscription/`,
  event: `${operationsGraphBase}event/`,
  ticket: `${operationsGraphBase}ticket/`,
  webhook: `${operationsGraphBase}webhook/`
} as const

export const opsIris = {
  order: 'https://w3id.org/symphony/order/',
  subscription: 'https://w3id.org/symphony/subscription/',
  event: 'https://w3id.org/symphony/event/',
  ticket: 'https://w3id.org/symphony/ticket/',
  webhook: 'https://w3id.org/symphony/webhook/'
} as const
