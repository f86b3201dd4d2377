/** JSON Schemas of the publishing routes' parameters and answers. */
import { iriSchema } from '../schemas.js'

export const providerParams = {
  type: 'object',
  properties: { provider: { ...iriSchema, description: 'Provider IRI, URL-encoded (https%3A%2F%2F…)' } },
  required: ['provider']
} as const

const namePattern = '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'

export const descriptionParams = {
  type: 'object',
  properties: {
    provider: providerParams.properties.provider,
    name: { type: 'string', pattern: namePattern, description: 'Name of the description, chosen by its provider' }
  },
  required: ['provider', 'name']
} as const

export const versionParams = {
  type: 'object',
  properties: { ...descriptionParams.properties, version: { type: 'integer', minimum: 1 } },
  required: ['provider', 'name', 'version']
} as const

const versionSummary = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    created: { type: 'string', format: 'date-time' },
    mediaType: { type: 'string' },
    services: { type: 'array', items: iriSchema },
    triples: { type: 'integer' },
    deprecated: { type: 'boolean' },
    deprecatedAt: { type: 'string', format: 'date-time' }
  },
  required: ['version', 'created', 'mediaType', 'services', 'triples', 'deprecated']
} as const

export const descriptionSummary = {
  type: 'object',
  properties: {
    provider: iriSchema,
    name: { type: 'string' },
    description: { ...iriSchema, description: 'IRI of the description (its history is in the store)' },
    active: { type: ['integer', 'null'], description: 'The version the catalog uses; null when every version is deprecated' },
    versions: { type: 'array', items: versionSummary }
  },
  required: ['provider', 'name', 'description', 'active', 'versions']
} as const

const degree = { type: ['string', 'null'], enum: ['exact', 'plugin', 'subsumes', null] } as const
const bundleState = { type: ['object', 'null'], properties: { rank: { type: 'integer' }, score: { type: 'number' } } } as const

export const impactSchema = {
  type: 'object',
  description: 'What the version changes: matches of its services and bundles of the reference requests',
  properties: {
    matches: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          from: iriSchema,
          to: iriSchema,
          before: degree,
          after: degree,
          change: { type: 'string', enum: ['appears', 'disappears', 'degree'] }
        },
        required: ['from', 'to', 'before', 'after', 'change']
      }
    },
    bundles: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          request: { type: 'string' },
          services: { type: 'array', items: iriSchema },
          before: bundleState,
          after: bundleState,
          change: { type: 'string', enum: ['appears', 'disappears', 'rank', 'score'] }
        },
        required: ['request', 'services', 'before', 'after', 'change']
      }
    }
  },
  required: ['matches', 'bundles']
} as const

const issue = {
  type: 'object',
  properties: {
    node: { type: 'string' },
    path: { type: 'string' },
    message: { type: 'string' },
    severity: { type: 'string' },
    shape: { type: 'string' },
    constraint: { type: 'string' },
    value: { type: 'string' }
  },
  required: ['node', 'message', 'severity']
} as const

export const publishOutcome = {
  type: 'object',
  properties: {
    provider: iriSchema,
    name: { type: 'string' },
    status: { type: 'string', enum: ['accepted', 'unchanged', 'dry-run'] },
    version: { type: 'integer', description: 'The new version (accepted), the active one (unchanged), or the one it would be (dry-run)' },
    services: { type: 'array', items: { type: 'string' } },
    warnings: { type: 'array', items: issue },
    impact: impactSchema,
    subscriptions: { type: 'array', items: iriSchema, description: 'The subscriptions with a service of this version among their members; their customers get the event in their feed and webhook' }
  },
  required: ['provider', 'name', 'status', 'version', 'services', 'warnings', 'impact', 'subscriptions']
} as const

export const deprecateOutcome = {
  type: 'object',
  properties: {
    description: descriptionSummary,
    impact: impactSchema,
    subscriptions: { type: 'array', items: iriSchema, description: 'The subscriptions with a service of this version among their members; their customers get the event in their feed and webhook' }
  },
  required: ['description', 'impact', 'subscriptions']
} as const

export const descriptionBody = {
  description: 'The service description',
  content: {
    'text/turtle': { schema: { type: 'string' } },
    'application/ld+json': { schema: { type: 'string' } },
    'application/n-triples': { schema: { type: 'string' } }
  }
} as const

/** A SHACL validation report as JSON (docs/validation.md, "Result format"). */
export const validationReport = {
  type: 'object',
  properties: {
    conforms: { type: 'boolean' },
    results: { type: 'array', items: { type: 'object', additionalProperties: true, description: 'One SHACL result: focusNode, path, value, message, severity, resultSeverity, sourceShape, constraint, details' } }
  },
  required: ['conforms', 'results']
} as const
