/**
 * Configuration forms: the JSON Schema and UI schema of a service type, a service
 * or a bundle (one joint form), and submitted configurations — checked with ajv and SHACL,
 * stored as RDF when they conform.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { FormConstraints, FormPrefill, FormTarget } from '../../engine.js'
import { SymphonyError } from '../../errors.js'
import { graphs } from '../../project.js'
import { expandPrefixed } from '../../rdf/index.js'
import type { RouteContext } from '../context.js'
import { chooseMediaType, formatParameter, rdfMediaTypes, rdfResponseContent, sendRdf } from '../rdf-reply.js'
import type { RdfMediaType } from '../rdf-reply.js'
import { formTargetChoice, formTargetProperties } from '../../api-types/schemas.js'
import { iriSchema, languageSchema, openObject, problems } from '../schemas.js'
import { ensureOwner, principalOf, requireRole } from '../auth.js'
import { requestLanguage } from '../language.js'

const targetProperties = formTargetProperties

/** The data-location demand of the composition request the form is for. */
const constraintsProperty = {
  type: 'object',
  description: 'The data-location demand of the composition request the bundle was composed for (its constraints.dataLocation and dataLocationMode): fields whose values come from the services\' sym:dataLocation offer only countries inside it, and a value outside is refused',
  properties: {
    dataLocation: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: 50, description: 'Regions (IRI, sym: CURIE, name or abbreviation such as "EU" or "EEA") and ISO 3166-1 alpha-2 country codes' },
    dataLocationMode: { type: 'string', enum: ['strict', 'safeguarded'], description: 'safeguarded (default): a service that offers no location inside keeps its own, with a warning; strict: refused' }
  },
  additionalProperties: false
} as const
const oneTarget = formTargetChoice

const formAnswer = {
  type: 'object',
  properties: {
    schema: { ...openObject, description: 'JSON Schema 2020-12 of the values' },
    uiSchema: { ...openObject, description: 'Layout, labels, widgets and RDF mapping of each field' }
  },
  required: ['schema', 'uiSchema']
} as const

const issue = {
  type: 'object',
  properties: {
    code: { type: 'string', enum: ['INVALID_VALUE', 'NOT_CONFORMING'] },
    field: { type: 'string', description: 'JSON pointer of the form field' },
    path: { type: 'string' },
    label: { type: 'string' },
    message: { type: 'string' },
    constraint: { type: 'string' },
    severity: { type: 'string', enum: ['Violation', 'Warning', 'Info'] }
  },
  required: ['code', 'field', 'message', 'constraint', 'severity']
} as const

interface TargetBody {
  type?: string
  service?: string
  bundle?: { services: Array<string | { id: string }>, links?: Array<{ from: string, to: string, interfaceTypes: string[] }>, existing?: string[] }
}

function targetOf (body: TargetBody): FormTarget {
  // `sym:VirtualPBX` names the same type as its full IRI, as in `symphony form` and compositions.
  if (body.type !== undefined) return { type: expandPrefixed(body.type) }
  if (body.service !== undefined) return { service: body.service }
  if (body.bundle !== undefined) {
    const services = body.bundle.services.map(s => typeof s === 'string' ? s : s.id)
    const { links, existing } = body.bundle
    return { bundle: { services, ...(links === undefined ? {} : { links }), ...(existing === undefined ? {} : { existing }) } }
  }
  throw new SymphonyError('INVALID_REQUEST', {
    en: 'say what to configure: type, service or bundle',
    de: 'geben Sie an, was konfiguriert werden soll: type, service oder bundle'
  })
}

export async function formsRoutes (app: FastifyInstance, { engine }: RouteContext): Promise<void> {
  const lang = { type: 'object', properties: { lang: languageSchema } } as const

  app.get('/forms', {
    schema: {
      tags: ['forms'],
      summary: 'The configuration form of a service type (?type=) or of a service (?service=)',
      querystring: { type: 'object', properties: { type: targetProperties.type, service: targetProperties.service, lang: languageSchema }, oneOf: oneTarget.slice(0, 2) },
      response: { 200: formAnswer, ...problems(400, 404, 422) }
    }
  }, async request => {
    const { schema, uiSchema } = await engine.form(targetOf(request.query as TargetBody), { language: requestLanguage(request) })
    return { schema, uiSchema }
  })

  app.post('/forms', {
    schema: {
      tags: ['forms'],
      summary: 'The configuration form of a type, a service, or — for a bundle — one joint form',
      querystring: lang,
      body: {
        type: 'object',
        properties: {
          ...targetProperties,
          prefill: {
            type: 'object',
            description: 'Values already known, by property IRI (e.g. sym:seatCount: the seats of the request the bundle was composed for): the defaults of the fields with that path',
            propertyNames: iriSchema,
            // Any JSON here: the engine checks for plain values, since type coercion would turn 12 into "12".
            additionalProperties: true,
            maxProperties: 100
          },
          constraints: constraintsProperty
        },
        oneOf: oneTarget,
        additionalProperties: false
      },
      response: { 200: formAnswer, ...problems(400, 404, 415, 422) }
    }
  }, async request => {
    const { prefill, constraints } = request.body as { prefill?: FormPrefill, constraints?: FormConstraints }
    const { schema, uiSchema } = await engine.form(targetOf(request.body as TargetBody), { language: requestLanguage(request), ...(prefill === undefined ? {} : { prefill }), ...(constraints === undefined ? {} : { constraints }) })
    return { schema, uiSchema }
  })

  // Configurations hold customers' names, SIP user names and addresses: they belong to the account that stored them.
  app.post('/configurations', {
    onRequest: requireRole('customer', 'operator'),
    schema: {
      tags: ['forms'],
      security: [{ bearer: [] }],
      summary: 'Submit the values of a form (customer or operator): checked with ajv and SHACL; stored as RDF, owned by the caller, when they conform (422 with the issues per field otherwise)',
      querystring: { type: 'object', properties: { lang: languageSchema, dryRun: { type: 'boolean', default: false, description: 'Check only, store nothing' } } },
      body: {
        type: 'object',
        properties: { ...targetProperties, values: { ...openObject, description: "The form's values; their shape is the form's JSON Schema" }, language: { type: 'string' }, constraints: constraintsProperty },
        required: ['values'],
        oneOf: oneTarget,
        additionalProperties: false
      },
      response: {
        200: {
          description: 'Conforms (dry run: nothing stored)',
          type: 'object',
          properties: { ok: { type: 'boolean', const: true }, configuration: { type: 'string' }, triples: { type: 'integer' }, stored: { type: 'boolean' }, warnings: { type: 'array', items: issue } },
          required: ['ok', 'configuration', 'triples', 'stored', 'warnings']
        },
        201: {
          description: 'Conforms and stored (Location: the configuration)',
          type: 'object',
          properties: { ok: { type: 'boolean', const: true }, configuration: { type: 'string' }, triples: { type: 'integer' }, stored: { type: 'boolean' }, warnings: { type: 'array', items: issue } },
          required: ['ok', 'configuration', 'triples', 'stored', 'warnings']
        },
        ...problems(400, 401, 403, 404, 415, 422)
      }
    }
  }, async (request, reply) => {
    const body = request.body as TargetBody & { values: Record<string, unknown>, language?: string, constraints?: FormConstraints }
    const dryRun = (request.query as { dryRun?: boolean }).dryRun === true
    const outcome = await engine.configure(targetOf(body), body.values as never, { language: requestLanguage(request, body), dryRun, owner: principalOf(request).id, ...(body.constraints === undefined ? {} : { constraints: body.constraints }) })
    if (!outcome.ok) {
      const first = outcome.issues[0]
      // The issues are in the request's language already; both sentences quote the first as it is.
      const count = outcome.issues.length
      const firstOne = first === undefined ? undefined : `${first.field || '/'}: ${first.message}`
      throw new SymphonyError('NOT_CONFORMING', {
        en: `the configuration has ${count} problem${count === 1 ? '' : 's'}${firstOne === undefined ? '' : `; first: ${firstOne}`}`,
        de: `die Konfiguration hat ${count} ${count === 1 ? 'Problem' : 'Probleme'}${firstOne === undefined ? '' : `; das erste: ${firstOne}`}`
      }, { details: { ...(first === undefined ? {} : { field: first.field }), errors: outcome.issues } })
    }
    const answer = { ok: true, configuration: outcome.id, triples: outcome.quads.length, stored: !dryRun, warnings: outcome.warnings }
    if (dryRun) return answer
    return reply.code(201).header('location', `/configurations/${encodeURIComponent(outcome.id)}`).send(answer)
  })

  app.get('/configurations', {
    onRequest: requireRole('customer', 'operator'),
    schema: {
      tags: ['forms'],
      security: [{ bearer: [] }],
      summary: "Stored configurations, newest first, with the services each configures: a customer's own, all for the operator",
      response: {
        200: {
          type: 'object',
          properties: {
            configurations: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: iriSchema,
                  configures: { type: 'array', items: iriSchema },
                  createdAt: { type: 'string', format: 'date-time', description: 'When it was stored (absent for configurations stored before this was recorded)' }
                },
                required: ['id', 'configures']
              }
            }
          },
          required: ['configurations']
        },
        ...problems(401, 403)
      }
    }
  }, async request => {
    const principal = principalOf(request)
    return { configurations: await engine.configurations(principal.role === 'operator' ? undefined : principal.id) }
  })

  const configurationOwned = async (request: FastifyRequest): Promise<void> => {
    const { configuration } = request.params as { configuration: string }
    const owner = await engine.configurationOwner(configuration)
    // One stored before owners were recorded is the operator's alone.
    ensureOwner(principalOf(request), owner ?? 'operator', { en: `configuration <${configuration}>`, de: `die Konfiguration <${configuration}>` })
  }
  const configurationParams = { type: 'object', properties: { configuration: { ...iriSchema, description: 'Configuration IRI, URL-encoded' } }, required: ['configuration'] }

  app.get('/configurations/:configuration', {
    onRequest: requireRole('customer', 'operator'),
    preHandler: configurationOwned,
    schema: {
      tags: ['forms'],
      security: [{ bearer: [] }],
      summary: 'One stored configuration as RDF',
      params: configurationParams,
      querystring: { type: 'object', properties: { format: formatParameter } },
      response: { 200: { description: 'The configuration', content: rdfResponseContent }, ...problems(401, 403, 404, 406) }
    }
  }, async (request, reply) => {
    const { configuration } = request.params as { configuration: string }
    const mediaType = chooseMediaType(request, rdfMediaTypes) as RdfMediaType
    const quads = configuration.startsWith(graphs.configuration) ? await engine.store.graph(configuration) : []
    if (quads.length === 0) {
      throw new SymphonyError('NOT_FOUND', {
        en: `no stored configuration <${configuration}>; GET /configurations lists yours`,
        de: `keine gespeicherte Konfiguration <${configuration}>; GET /configurations listet Ihre`
      })
    }
    return sendRdf(reply, quads, mediaType)
  })

  app.delete('/configurations/:configuration', {
    onRequest: requireRole('customer', 'operator'),
    preHandler: configurationOwned,
    schema: {
      tags: ['forms'],
      security: [{ bearer: [] }],
      summary: 'Delete a stored configuration no order and no subscription names (its owner or the operator): 409 while one does',
      params: configurationParams,
      response: { 204: { description: 'Deleted', type: 'null' }, ...problems(401, 403, 404, 409) }
    }
  }, async (request, reply) => {
    await engine.deleteConfiguration((request.params as { configuration: string }).configuration)
    return reply.code(204).send()
  })
}
