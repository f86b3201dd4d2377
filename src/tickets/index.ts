/**
 * The fault desk: tickets on subscriptions, members and links, routed to the providers
 * responsible, with lifecycle, notes, webhooks to providers and SLA measurement.
 */
export { TicketDesk, defaultAttachmentLimit } from './desk.js'
export type { TicketDeskDependencies, OpenInput, NoteInput } from './desk.js'
export { ticketTransitions } from './lifecycle.js'
export { addSupportHours, supportHoursBetween } from './support-time.js'
export { slaOf, viewOf } from './sla.js'
export { slaReport } from './report.js'
export { ticketIn } from './texts.js'
export type { ProviderSlaReport } from './report.js'
export type * from './types.js'
