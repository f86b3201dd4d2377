/**
 * JSON Schemas (2020-12) of the API bodies. They are the source of
 * `generated.ts` (`npm run gen:types`); the API may use them for request validation and the
 * OpenAPI document. Explanations are open objects: their shape belongs to the matcher and the
 * composer (`src/matcher/types.ts`, `src/composer/types.ts`).
 */

export const iri = { type: 'string', minLength: 1, description: 'An absolute IRI' } as const
const iriList = { type: 'array', items: iri } as const
const factTerm = { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], description: 'An IRI, a literal\'s lexical form, a number or a boolean' } as const
const explanation = { type: 'object', additionalProperties: true, description: 'Why: the explanation as the engine gives it' } as const

/** `POST /discover`: services whose provides satisfy every wanted type, given the available ones. */
export const discoveryRequestSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'DiscoveryRequest',
  type: 'object',
  properties: {
    available: { ...iriList, description: 'Interface types the customer already has' },
    wanted: { ...iriList, description: 'Interface types the customer wants provided' },
    limit: { type: 'integer', minimum: 1, default: 100, description: 'At most this many results, 1 to 10000; page through more with offset' },
    offset: { type: 'integer', minimum: 0, default: 0, description: 'Results skipped before the first one listed (paging)' },
    minScore: { type: 'number', minimum: 0, maximum: 1, default: 0, description: 'Leave out results scoring below this' },
    includePartial: { type: 'boolean', default: true, description: 'List near misses and more general matches after the full matches' }
  },
  additionalProperties: false
} as const

const missingItem = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['input', 'output'], description: 'input: a requirement no available type meets; output: a wanted type not provided' },
    requirement: { ...iri, description: 'The required or wanted type' },
    closest: { ...iri, description: 'The available (input) or provided (output) type nearest in the class hierarchy' },
    similarity: { type: 'number', minimum: 0, maximum: 1, description: 'Wu–Palmer similarity of requirement and closest' }
  },
  required: ['kind', 'requirement', 'similarity'],
  additionalProperties: false
} as const

export const discoveryAnswerSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'DiscoveryAnswer',
  type: 'object',
  properties: {
    results: {
      type: 'array',
      description: 'Best first: full matches, then partial ones (more general types, near misses)',
      items: {
        type: 'object',
        properties: {
          service: iri,
          match: { type: 'string', enum: ['full', 'partial'] },
          degree: { type: 'string', enum: ['exact', 'plugin', 'subsumes'], description: 'The worst degree over the met items' },
          score: { type: 'number', minimum: 0, maximum: 1, description: '0.4 · output + 0.3 · requirements + 0.3 · inputUse' },
          parts: {
            type: 'object',
            properties: { output: { type: 'number' }, requirements: { type: 'number' }, inputUse: { type: 'number' } },
            required: ['output', 'requirements', 'inputUse'],
            additionalProperties: false
          },
          uses: { type: 'integer', minimum: 0, description: 'How many of the available types the service uses' },
          missing: { type: 'array', items: missingItem, description: 'What a near miss lacks' },
          why: {
            type: 'object',
            properties: {
              code: { type: 'string' },
              message: { type: 'string', description: 'The reason in the requested language' },
              en: { type: 'string' },
              de: { type: 'string' }
            },
            required: ['code', 'message', 'en', 'de'],
            additionalProperties: false
          },
          explanation
        },
        required: ['service', 'match', 'degree', 'score', 'parts', 'uses', 'missing', 'why', 'explanation'],
        additionalProperties: true
      }
    }
  },
  required: ['results'],
  additionalProperties: true
} as const

/** `POST /compose`: bundles for a goal under constraints. */
export const compositionRequestSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'CompositionRequest',
  type: 'object',
  properties: {
    available: { ...iriList, maxItems: 256, description: 'Interface types the customer already has (at most 256)' },
    wanted: { ...iriList, maxItems: 32, description: 'Interface types some member must provide (exact or plugin; at most 32)' },
    serviceTypes: { ...iriList, maxItems: 32, description: 'Service types some member must be an instance of (at most 32)' },
    constraints: {
      type: 'object',
      properties: {
        dataLocation: { type: 'array', items: { type: 'string' }, description: 'Regions (IRI, sym: CURIE, name or abbreviation such as "EU" or "EEA") and ISO 3166-1 alpha-2 country codes' },
        dataLocationScope: { type: 'string', enum: ['all-data', 'personal-data'] },
        dataLocationMode: { type: 'string', enum: ['strict', 'safeguarded'], description: 'safeguarded (default): a member outside the locations with a transfer safeguard passes with a warning; strict: it fails' },
        requireDPA: { type: 'boolean' },
        certifications: iriList,
        professionalSecrecy: { type: 'boolean', description: 'Suitable for professional-secrecy holders (§ 203 StGB)' },
        excludeProviders: iriList,
        budget: {
          type: 'object',
          properties: { amount: { type: 'number', minimum: 0 }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
          required: ['amount', 'currency'],
          additionalProperties: false
        },
        facts: {
          type: 'array',
          description: 'Generic constraints on any service fact: every member states the property (or a sub-property) and every test holds',
          items: {
            type: 'object',
            properties: {
              property: { ...iri, description: 'The property the member states, e.g. sym:certification or one of an extension vocabulary' },
              in: { type: 'array', minItems: 1, items: factTerm, description: 'Every value of the member is one of these' },
              hasValue: { ...factTerm, description: 'One of the member\'s values is this' },
              minInclusive: { type: 'number', description: 'Every value is a number ≥ this' },
              maxInclusive: { type: 'number', description: 'Every value is a number ≤ this' }
            },
            required: ['property'],
            anyOf: [{ required: ['in'] }, { required: ['hasValue'] }, { required: ['minInclusive'] }, { required: ['maxInclusive'] }],
            additionalProperties: false
          }
        }
      },
      additionalProperties: false
    },
    usage: {
      type: 'object',
      additionalProperties: { type: 'number', minimum: 0 },
      description: 'Expected usage per period of price components counted by sym:UsageQuantity, by component IRI'
    },
    preferences: {
      type: 'object',
      properties: { degree: { type: 'number' }, price: { type: 'number' }, size: { type: 'number' } },
      additionalProperties: false
    },
    seats: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 },
    concurrentSeats: { type: 'integer', minimum: 1, maximum: 100_000 },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 5, description: 'At most this many bundles (1 to 100)' },
    wiring: {
      type: 'string',
      enum: ['static', 'dataflow'],
      default: 'static',
      description: 'static: members may meet each other\'s requirements (cycles allowed); dataflow: members fire in order from the available interfaces'
    },
    timeoutMs: { type: 'integer', minimum: 1, maximum: 60000, default: 10000, description: 'Time budget of the search; when it runs out the answer holds the best bundles so far and their gap to the bound. The server\'s own limit applies when lower' },
    maxStates: { type: 'integer', minimum: 1, description: 'States a best-first search may keep: lowers the server\'s size budget for this request (a larger value has no effect); reaching it answers SEARCH_CUT' },
    maxModelEntries: { type: 'integer', minimum: 1, description: 'Coefficients the integer program may have: lowers the server\'s size budget for this request (a larger value has no effect); a larger program answers SEARCH_CUT' }
  },
  additionalProperties: false
} as const

export const compositionAnswerSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'CompositionAnswer',
  type: 'object',
  properties: {
    bundles: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          services: iriList,
          links: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                from: iri,
                to: iri,
                interface: { type: 'string' },
                interfaceTypes: iriList,
                degree: { type: 'string', enum: ['exact', 'plugin'] },
                available: { type: 'boolean' }
              },
              required: ['from', 'to', 'interface', 'degree'],
              additionalProperties: true
            }
          },
          price: {
            type: 'object',
            properties: {
              seats: { type: 'integer' },
              currency: { type: ['string', 'null'] },
              monthly: { type: 'number' }
            },
            additionalProperties: true
          },
          score: { type: 'number' },
          explanation
        },
        required: ['services', 'links', 'price', 'score', 'explanation'],
        additionalProperties: true
      }
    },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          message: { type: 'string', description: 'In the requested language' },
          messages: { type: 'object', properties: { en: { type: 'string' }, de: { type: 'string' } }, description: 'The message in English and German' }
        },
        required: ['code', 'message'],
        additionalProperties: true
      }
    }
  },
  required: ['bundles', 'issues'],
  additionalProperties: true
} as const

/** `POST /configurations`: values of a generated form, for a service type, a service or a bundle. */
const bundleMember = {
  anyOf: [
    iri,
    { type: 'object', properties: { id: iri, types: iriList }, required: ['id'], additionalProperties: false }
  ],
  description: 'A service IRI (or { id, types } as in a composition answer; the types come from the catalog)'
} as const

const bundleLink = {
  type: 'object',
  properties: { from: iri, to: iri, interfaceTypes: iriList },
  required: ['from', 'to', 'interfaceTypes'],
  additionalProperties: false
} as const

/** What a form is for: one of a service type, a service or a bundle (`oneOf` of `formTargetChoice`). */
export const formTargetProperties = {
  type: { ...iri, description: 'A service type: its configuration form' },
  service: { ...iri, description: 'A service: the form of its types' },
  bundle: {
    type: 'object',
    description: 'A bundle: one joint form of its members and of the links between them',
    properties: {
      services: { type: 'array', items: bundleMember, minItems: 1 },
      links: { type: 'array', items: bundleLink, description: 'The links to configure (a composition answer\'s); found by the matcher when omitted' },
      existing: { type: 'array', items: iri, description: 'Members already configured (a subscription\'s, when adding members): the form asks only for the other members and the links that touch them' }
    },
    required: ['services'],
    additionalProperties: false
  }
} as const

export const formTargetChoice = [{ required: ['type'] }, { required: ['service'] }, { required: ['bundle'] }] as const

/** `POST /configurations`: values for the form of a type, a service or a bundle. */
export const configurationSubmissionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'ConfigurationSubmission',
  type: 'object',
  properties: {
    ...formTargetProperties,
    values: { type: 'object', additionalProperties: true, description: 'The form values; their shape is the form\'s JSON Schema' },
    language: { type: 'string', description: 'Language of the messages (BCP 47), e.g. de or en' }
  },
  required: ['values'],
  oneOf: formTargetChoice,
  additionalProperties: false
} as const

/** The answer when submitted values do not conform (422): issues per field. */
export const configurationIssuesSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'ConfigurationIssues',
  type: 'object',
  properties: {
    ok: { const: false },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          code: { type: 'string', enum: ['INVALID_VALUE', 'NOT_CONFORMING'] },
          field: { type: 'string', description: 'JSON pointer of the form field' },
          path: { type: 'string', description: 'SHACL path IRI of the field' },
          label: { type: 'string' },
          message: { type: 'string' },
          constraint: { type: 'string', description: 'ajv keyword or SHACL constraint component IRI' },
          severity: { type: 'string', enum: ['Violation', 'Warning', 'Info'] }
        },
        required: ['code', 'field', 'message', 'constraint', 'severity'],
        additionalProperties: false
      }
    }
  },
  required: ['ok', 'issues'],
  additionalProperties: false
} as const

/** Every API schema with the TypeScript type name generated for it. */
export const apiSchemas = {
  DiscoveryRequest: discoveryRequestSchema,
  DiscoveryAnswer: discoveryAnswerSchema,
  CompositionRequest: compositionRequestSchema,
  CompositionAnswer: compositionAnswerSchema,
  ConfigurationSubmission: configurationSubmissionSchema,
  ConfigurationIssues: configurationIssuesSchema
} as const
