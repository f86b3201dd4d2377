/** Browsing the compiled catalog: service types, services with filters, providers, vocabulary. */
import type { FastifyInstance } from 'fastify'
import { SymphonyError } from '../../errors.js'
import type { RouteContext } from '../context.js'
import { factProperties, listServices, summarizeService, typeTree, vocabulary } from '../catalog-views.js'
import type { ServiceFilters } from '../catalog-views.js'
import { iriSchema, languageSchema, openObject, problems } from '../schemas.js'
import { requestLanguage } from '../language.js'

const labelled = { type: 'object', properties: { iri: iriSchema, label: { type: 'string' } }, required: ['iri', 'label'] } as const

const typeNode = {
  $id: 'TypeNode',
  type: 'object',
  properties: {
    iri: iriSchema,
    label: { type: 'string' },
    services: { type: 'integer', description: 'Services of this type or a subclass' },
    children: { type: 'array', items: { $ref: 'TypeNode#' } }
  },
  required: ['iri', 'label', 'services', 'children']
} as const

const serviceSummary = {
  type: 'object',
  properties: {
    iri: iriSchema,
    label: { type: 'string' },
    description: { type: 'string' },
    types: { type: 'array', items: labelled },
    provider: { anyOf: [labelled, { type: 'null' }] },
    dataLocations: { type: 'array', items: { type: 'string' } },
    certifications: { type: 'array', items: labelled },
    offersDPA: { type: ['boolean', 'null'] },
    suitableForProfessionalSecrecy: { type: ['boolean', 'null'] },
    provides: { type: 'array', items: labelled },
    requires: { type: 'array', items: labelled },
    optionallyRequires: { type: 'array', items: labelled }
  },
  required: ['iri', 'label', 'description', 'types', 'provider', 'dataLocations', 'certifications', 'offersDPA', 'suitableForProfessionalSecrecy', 'provides', 'requires', 'optionallyRequires']
} as const

const lang = { type: 'object', properties: { lang: languageSchema } } as const

export async function catalogRoutes (app: FastifyInstance, { engine, terms }: RouteContext): Promise<void> {
  app.addSchema(typeNode)

  app.get('/catalog/types', {
    schema: {
      tags: ['catalog'],
      summary: 'The tree of service types (subclasses of sym:Service) with the number of services of each',
      querystring: lang,
      response: { 200: { type: 'object', properties: { types: { type: 'array', items: { $ref: 'TypeNode#' } } }, required: ['types'] }, ...problems(400) }
    }
  }, async request => ({ types: typeTree(await engine.catalog(), requestLanguage(request)) }))

  app.get('/catalog/services', {
    schema: {
      tags: ['catalog'],
      summary: 'Services of the catalog, filtered, sorted by label, one page at a time',
      querystring: {
        type: 'object',
        properties: {
          type: { ...iriSchema, description: 'Only services of this type (or a subclass)' },
          provider: { ...iriSchema, description: 'Only services of this provider' },
          q: { type: 'string', description: 'Text in the label, description or IRI' },
          location: { type: 'string', description: 'Data only in these regions and countries, comma-separated: regions by IRI, sym: CURIE, name or abbreviation (EU, EEA, EWR), countries by ISO 3166-1 alpha-2 code' },
          certification: { ...iriSchema, description: 'Only services holding this certification' },
          fact: {
            type: 'array',
            items: { type: 'string' },
            description: 'Only services whose facts pass this test (repeatable; every one must hold), the tests of a composition\'s constraints.facts as text: "<property> <test> <value>" with test in, hasValue, minInclusive or maxInclusive, e.g. "sym:certification hasValue sym:ISO27001", "sym:dataLocation in DE,AT"; sub-properties count'
          },
          facts: { type: 'string', description: 'The same tests as a JSON array of constraints.facts entries, e.g. [{"property":"sym:offersDPA","hasValue":true}]' },
          offset: { type: 'integer', minimum: 0, default: 0 },
          limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          lang: languageSchema
        }
      },
      response: {
        200: {
          type: 'object',
          properties: { total: { type: 'integer' }, offset: { type: 'integer' }, limit: { type: 'integer' }, services: { type: 'array', items: serviceSummary } },
          required: ['total', 'offset', 'limit', 'services']
        },
        ...problems(400)
      }
    }
  }, async request => listServices(await engine.catalog(), request.query as ServiceFilters, requestLanguage(request)))

  app.get('/catalog/services/:service', {
    schema: {
      tags: ['catalog'],
      summary: 'One service: its summary and the compiled description (interfaces, compliance, offers)',
      params: { type: 'object', properties: { service: { ...iriSchema, description: 'Service IRI, URL-encoded' } }, required: ['service'] },
      querystring: lang,
      response: {
        200: { type: 'object', properties: { summary: serviceSummary, service: openObject }, required: ['summary', 'service'] },
        ...problems(400, 404)
      }
    }
  }, async request => {
    const iri = (request.params as { service: string }).service
    const catalog = await engine.catalog()
    const service = catalog.services.get(iri)
    if (service === undefined) {
      throw new SymphonyError('UNKNOWN_SERVICE', {
        en: `<${iri}> is not a service of the catalog; GET /catalog/services lists them`,
        de: `<${iri}> ist kein Dienst des Katalogs; GET /catalog/services listet sie`
      }, { node: iri })
    }
    return { summary: summarizeService(catalog, service, requestLanguage(request)), service }
  })

  app.get('/catalog/vocabulary', {
    schema: {
      tags: ['catalog'],
      summary: 'Choices for requests: service types, interface types, certifications, regions and providers, with labels',
      querystring: lang,
      response: {
        200: {
          type: 'object',
          properties: Object.fromEntries(['serviceTypes', 'interfaceTypes', 'certifications', 'regions', 'providers'].map(k => [k, { type: 'array', items: labelled }])),
          required: ['serviceTypes', 'interfaceTypes', 'certifications', 'regions', 'providers']
        },
        ...problems(400)
      }
    }
  }, async request => vocabulary(await engine.catalog(), await terms(), requestLanguage(request)))

  app.get('/catalog/facts', {
    schema: {
      tags: ['catalog'],
      summary: 'The properties the services of the catalog state, for the fact filter: label, kind of value (iri, number, boolean, text), how many services state it and the values stated (IRIs labelled)',
      querystring: lang,
      response: {
        200: {
          type: 'object',
          properties: {
            properties: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  iri: iriSchema,
                  label: { type: 'string' },
                  kind: { type: 'string', enum: ['iri', 'number', 'boolean', 'text'] },
                  services: { type: 'integer' },
                  values: { type: 'array', items: { type: 'object', properties: { value: { type: 'string' }, label: { type: 'string' } }, required: ['value', 'label'] } }
                },
                required: ['iri', 'label', 'kind', 'services', 'values']
              }
            }
          },
          required: ['properties']
        },
        ...problems(400)
      }
    }
  }, async request => ({ properties: factProperties(await engine.catalog(), await terms(), requestLanguage(request)) }))
}
