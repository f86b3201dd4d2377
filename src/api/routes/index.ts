/** Every route module, in the order the OpenAPI document lists them. */
import type { FastifyInstance } from 'fastify'
import type { RouteContext } from '../context.js'
import { healthRoutes } from './health.js'
import { ontologyRoutes } from './ontology.js'
import { sparqlRoutes } from './sparql.js'
import { publishingRoutes } from './publishing.js'
import { catalogRoutes } from './catalog.js'
import { matchingRoutes } from './matching.js'
import { compositionRoutes } from './composition.js'
import { formsRoutes } from './forms.js'
import { consoleRoutes } from './console.js'
import { ordersRoutes } from './orders.js'
import { subscriptionsRoutes } from './subscriptions.js'
import { billingRoutes } from './billing.js'
import { ticketsRoutes } from './tickets.js'
import { vocabularyRoutes } from './vocabulary.js'
import { meRoutes } from './me.js'
import { webhookRoutes } from './webhook.js'

export const routeModules: ReadonlyArray<(app: FastifyInstance, context: RouteContext) => Promise<void>> = [
  healthRoutes,
  ontologyRoutes,
  sparqlRoutes,
  catalogRoutes,
  matchingRoutes,
  compositionRoutes,
  formsRoutes,
  publishingRoutes,
  meRoutes,
  webhookRoutes,
  ordersRoutes,
  subscriptionsRoutes,
  billingRoutes,
  ticketsRoutes,
  vocabularyRoutes,
  consoleRoutes
]
