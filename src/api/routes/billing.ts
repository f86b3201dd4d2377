/**
 * Billing: the operator sets the seller and runs a period; customers state their invoice
 * details and read their invoices (JSON, RDF, XRechnung XML, ZUGFeRD PDF); providers report
 * usage of their own services. Every route states its roles in one hook; ownership of a
 * subscription is checked with `ensureOwner`, of an invoice with `ensureVisible` (its number can
 * be guessed, so another customer's is a 404).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { RouteContext } from '../context.js'
import { ensureOwner, ensureVisible, operatorNamesTheCustomer, principalOf, requireRole } from '../auth.js'
import { chooseMediaType, isRdfMediaType, rdfMediaTypes, rdfResponseContent, sendRdf } from '../rdf-reply.js'
import { problems } from '../schemas.js'
import { negotiateOrFail } from '../negotiate.js'
import { SymphonyError } from '../../errors.js'
import {
  BillingDesk, eInvoiceFormats, invoiceGraph, invoiceSummary, invoiceToQuads, isEInvoiceFormat, parsePeriod, renderEInvoice,
  runWarningHeader, usageComponentId, issueIn, type BillingSettings, type CustomerProfile, type EInvoiceFormat, type UsageRecord
} from '../../billing/index.js'
import { requestLanguage } from '../language.js'
import { billingSchemas } from './billing-schemas.js'

/** A JSON answer whose shape the billing types define (documented in docs/billing.md). */
const jsonAnswer = (description: string): Record<string, unknown> => ({ description, type: 'object', additionalProperties: true })

const documentOffers = ['application/json', ...rdfMediaTypes, 'application/xml', 'application/pdf'] as const

/** The e-invoice format a request asks for: `?format=`, else XRechnung CII for XML and ZUGFeRD for PDF. */
function requestedFormat (request: FastifyRequest): { kind: 'json' | 'rdf' | 'e-invoice', mediaType: string, format?: EInvoiceFormat } {
  const format = (request.query as { format?: string }).format
  if (format !== undefined && isEInvoiceFormat(format)) return { kind: 'e-invoice', mediaType: eInvoiceFormats[format].mediaType, format }
  if (format === 'json') return { kind: 'json', mediaType: 'application/json' }
  const mediaType = format === undefined ? negotiateOrFail(request.headers.accept, documentOffers) : chooseMediaType(request, rdfMediaTypes)
  if (isRdfMediaType(mediaType)) return { kind: 'rdf', mediaType }
  if (mediaType === 'application/xml') return { kind: 'e-invoice', mediaType, format: 'xrechnung-cii' }
  if (mediaType === 'application/pdf') return { kind: 'e-invoice', mediaType, format: 'zugferd' }
  return { kind: 'json', mediaType: 'application/json' }
}

export async function billingRoutes (app: FastifyInstance, { engine, options }: RouteContext): Promise<void> {
  // Booked subscriptions are the engine's own unless the caller passes others (tests with fixed ones):
  // a desk without them would bill nobody and say nothing.
  const subscriptions = options.billing?.subscriptions ?? (async () => await engine.operations.subscriptions())
  const desk = new BillingDesk({
    store: engine.store,
    catalog: () => engine.catalog(),
    subscriptions,
    now: options.billing?.now ?? (() => new Date())
  })
  const s = billingSchemas

  app.get('/billing/settings', { onRequest: requireRole('operator'), schema: { tags: ['billing'], summary: 'The seller, currency and rates invoices are issued with', security: [{ bearer: [] }], response: { 200: jsonAnswer('The settings'), ...problems(401, 403, 404) } } }, async () => {
    const settings = await desk.settings()
    if (settings === undefined) {
      throw new SymphonyError('NOT_FOUND', {
        en: 'billing has no settings yet (PUT /billing/settings)',
        de: 'die Abrechnung hat noch keine Einstellungen (PUT /billing/settings)'
      })
    }
    return settings
  })

  app.put('/billing/settings', {
    onRequest: requireRole('operator'),
    schema: { tags: ['billing'], summary: 'Set the seller (the platform operator), invoice currency, commission, VAT and exchange rates', security: [{ bearer: [] }], body: s.settings, response: { 200: jsonAnswer('The settings as stored'), ...problems(400, 401, 403) } }
  }, async request => {
    await desk.setSettings(request.body as BillingSettings)
    return await desk.settings()
  })

  app.get('/billing/profile', { onRequest: requireRole('customer', 'operator'), schema: { tags: ['billing'], summary: "The caller's (or, for the operator, ?customer=) invoice details", security: [{ bearer: [] }], querystring: s.customerQuery, response: { 200: jsonAnswer('The invoice details'), ...problems(400, 401, 403, 404) } } }, async request => {
    const customer = customerOf(request)
    const profile = await desk.profile(customer)
    if (profile === undefined) {
      throw new SymphonyError('NOT_FOUND', {
        en: `no invoice details for ${customer} yet (PUT /billing/profile)`,
        de: `noch keine Rechnungsangaben für ${customer} (PUT /billing/profile)`
      })
    }
    return profile
  })

  app.put('/billing/profile', {
    onRequest: requireRole('customer', 'operator'),
    schema: { tags: ['billing'], summary: 'State invoice details: legal name, country, VAT id, address, e-mail for e-invoices', security: [{ bearer: [] }], querystring: s.customerQuery, body: s.profile, response: { 200: jsonAnswer('The invoice details as stored'), ...problems(400, 401, 403) } }
  }, async request => {
    const customer = customerOf(request)
    await desk.setProfile(customer, request.body as CustomerProfile)
    return await desk.profile(customer)
  })

  app.post('/usage', {
    onRequest: requireRole('provider', 'operator'),
    schema: { tags: ['billing'], summary: 'Report usage of a usage-priced component of a subscription member (the same id again replaces the report); a component not counted by usage is 400', security: [{ bearer: [] }], body: s.usage, response: { 200: jsonAnswer('The report was recorded: { accepted: id, component: the full component id }'), ...problems(400, 401, 403, 404) } }
  }, async request => {
    const record = request.body as UsageRecord
    const principal = principalOf(request)
    const subscription = (await subscriptions()).find(x => x.iri === record.subscription)
    const member = subscription?.members.find(m => m.service === record.service)
    if (member === undefined) {
      throw new SymphonyError('NOT_FOUND', {
        en: `subscription ${record.subscription} has no member ${record.service}`,
        de: `das Abonnement ${record.subscription} hat kein Mitglied ${record.service}`
      })
    }
    ensureOwner(principal, member.provider, {
      en: `member ${record.service} of ${record.subscription}`,
      de: `das Mitglied ${record.service} von ${record.subscription}`
    })
    // Only a component counted by usage is ever billed from reports: anything else is refused now, not dropped at the run.
    const component = usageComponentId(await engine.catalog(), member, record.component)
    await desk.reportUsage({ ...record, component })
    return { accepted: record.id, component }
  })

  app.post('/billing/runs', {
    onRequest: requireRole('operator'),
    schema: { tags: ['billing'], summary: 'Bill every customer for a month; a month already billed gives the same invoices, never second ones', security: [{ bearer: [] }], body: s.run, response: { 200: jsonAnswer('One outcome per customer: issued, unchanged, differs, empty, refused (with issues) or noProfile; warnings name members and components left off the invoice'), ...problems(400, 401, 403, 409) } }
  }, async (request, reply) => {
    const { period } = request.body as { period: string }
    parsePeriod(period)
    const outcomes = await desk.run(period)
    const warnings = outcomes.reduce((n, o) => n + (o.warnings?.length ?? 0), 0)
    // A left-off charge is said twice: per customer in the answer, and as an HTTP Warning for clients that only read headers.
    const language = requestLanguage(request)
    if (warnings > 0) reply.header('warning', runWarningHeader(warnings, language))
    return {
      period,
      outcomes: outcomes.map(o => ({
        customer: o.customer,
        status: o.status,
        ...('invoice' in o ? { invoice: invoiceSummary(o.invoice) } : {}),
        ...('issues' in o ? { issues: o.issues.map(i => issueIn(i, language)) } : {}),
        ...(o.warnings === undefined ? {} : { warnings: o.warnings.map(w => issueIn(w, language)) })
      }))
    }
  })

  app.get('/invoices', {
    onRequest: requireRole('customer', 'operator'),
    schema: { tags: ['billing'], summary: "Invoices and credit notes: a customer's own, or all (operator; ?customer= filters)", security: [{ bearer: [] }], querystring: s.customerQuery, response: { 200: jsonAnswer('{ invoices: [summary] }'), ...problems(401, 403) } }
  }, async request => {
    const principal = principalOf(request)
    const customer = principal.role === 'customer' ? principal.id : (request.query as { customer?: string }).customer
    return { invoices: (await desk.ledger.list(customer === undefined ? {} : { customer })).map(invoiceSummary) }
  })

  app.get('/invoices/:number', {
    onRequest: requireRole('customer', 'operator'),
    schema: {
      tags: ['billing'],
      summary: 'One invoice or credit note: JSON, RDF (schema.org Invoice), XRechnung XML (CII; ?format=xrechnung-ubl for UBL) or ZUGFeRD PDF',
      security: [{ bearer: [] }],
      params: s.numberParams,
      querystring: s.documentQuery,
      response: { 200: { description: 'The document', content: { 'application/json': { schema: { type: 'object', additionalProperties: true } }, ...rdfResponseContent, 'application/xml': { schema: { type: 'string' } }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...problems(401, 403, 404, 406) }
    }
  }, async (request, reply) => {
    const { number } = request.params as { number: string }
    const document = await desk.ledger.get(number)
    // Numbers are made of the customer's name and the month: another customer's is answered as a missing one.
    const missing = { en: `no invoice ${number}`, de: `keine Rechnung ${number}` }
    if (document === undefined) throw new SymphonyError('NOT_FOUND', missing)
    ensureVisible(principalOf(request), document.customer.id, missing)
    const wanted = requestedFormat(request)
    reply.header('vary', 'accept')
    if (wanted.kind === 'rdf') return sendRdf(reply, invoiceToQuads(document, invoiceGraph(number)), wanted.mediaType as typeof rdfMediaTypes[number])
    if (wanted.kind === 'e-invoice') {
      const language = (request.query as { lang?: string }).lang === 'de' ? 'de' : 'en'
      const rendered = await renderEInvoice(document, wanted.format!, language)
      const info = eInvoiceFormats[wanted.format!]
      return reply
        .type(info.mediaType === 'application/xml' ? 'application/xml; charset=utf-8' : info.mediaType)
        .header('content-disposition', `attachment; filename="${number}-${wanted.format!}.${info.extension}"`)
        .send(typeof rendered === 'string' ? rendered : Buffer.from(rendered))
    }
    return reply.type('application/json; charset=utf-8').send(document)
  })

  app.post('/invoices/:number/credit-notes', {
    onRequest: requireRole('operator'),
    schema: { tags: ['billing'], summary: 'Reverse an issued invoice with a credit note; the next run of its month issues it anew', security: [{ bearer: [] }], params: s.numberParams, body: s.creditNote, response: { 201: jsonAnswer('The credit note (Location: its URL)'), ...problems(400, 401, 403, 404, 409) } }
  }, async (request, reply) => {
    const { number } = request.params as { number: string }
    const note = await desk.correct(number, (request.body as { reason: string }).reason)
    return reply.code(201).header('location', `/invoices/${encodeURIComponent(note.number)}`).send(invoiceSummary(note))
  })
}

/** The customer a profile request is about: the caller, or for the operator `?customer=`. */
function customerOf (request: FastifyRequest): string {
  const principal = principalOf(request)
  if (principal.role === 'customer') return principal.id
  const customer = (request.query as { customer?: string }).customer
  if (customer === undefined) throw operatorNamesTheCustomer()
  return customer
}
