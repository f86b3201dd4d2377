/**
 * Marketplace operations: provisioning adapters described in RDF, orders split per provider and
 * driven through the adapters (all or nothing), subscriptions and the customers' event feeds.
 */
export { Operations } from './operations.js'
export type { OperationsDependencies, ItemReport, Customer } from './operations.js'
export type { BookingRequest } from './place-order.js'
export { adapterOf } from './adapter-description.js'
export type { AdapterDescription, AuthScheme } from './adapter-description.js'
export { loadSecrets, secretVariable } from './secrets.js'
export type { SecretLookup } from './secrets.js'
export { orderNamed, orderTransitions, itemTransitions, subscriptionNamed, subscriptionTransitions, transition } from './lifecycle.js'
export { recordToQuads, quadsToRecord } from './json-rdf.js'
export { currentMembers } from './subscription-record.js'
export type { RetryPolicy } from './provider-call.js'
export { postWebhook } from './post-webhook.js'
export type { WebhookOutcome, WebhookPost } from './post-webhook.js'
export { CustomerWebhooks, signature } from './webhooks.js'
export type { WebhookView } from './webhooks.js'
export { checkWebhookUrl, isPrivateAddress } from './webhook-url.js'
export { operationsGraphBase, opsGraphs, opsIris } from './names.js'
export type * from './types.js'
export type { Payload, PayloadLine } from './payload.js'
