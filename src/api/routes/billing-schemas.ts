/** JSON Schemas of the billing routes' inputs. */

const decimal = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' } as const
const country = { type: 'string', pattern: '^[A-Z]{2}$' } as const
const address = {
  type: 'object',
  required: ['street', 'city', 'postcode', 'country'],
  additionalProperties: false,
  properties: { street: { type: 'string', minLength: 1 }, city: { type: 'string', minLength: 1 }, postcode: { type: 'string', minLength: 1 }, country }
} as const

export const billingSchemas = {
  settings: {
    type: 'object',
    required: ['seller', 'currency'],
    additionalProperties: false,
    properties: {
      seller: {
        type: 'object',
        required: ['name', 'vatId', 'address', 'contactName', 'phone', 'email', 'iban'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          vatId: { type: 'string', minLength: 1 },
          address,
          contactName: { type: 'string', minLength: 1 },
          phone: { type: 'string', minLength: 1 },
          email: { type: 'string', format: 'email' },
          iban: { type: 'string', minLength: 1 },
          bic: { type: 'string' }
        }
      },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      commission: decimal,
      vatRates: { type: 'object', additionalProperties: decimal, propertyNames: { pattern: '^[A-Z]{2}$' } },
      rates: {
        type: 'array',
        items: {
          type: 'object',
          required: ['from', 'to', 'rate', 'source', 'date'],
          additionalProperties: false,
          properties: { from: { type: 'string', pattern: '^[A-Z]{3}$' }, to: { type: 'string', pattern: '^[A-Z]{3}$' }, rate: decimal, source: { type: 'string' }, date: { type: 'string', format: 'date' } }
        }
      },
      paymentDays: { type: 'integer', minimum: 0, maximum: 365 }
    }
  },
  profile: {
    type: 'object',
    required: ['name', 'country', 'business', 'address', 'email'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1 },
      country,
      vatId: { type: 'string', minLength: 1 },
      business: { type: 'boolean' },
      address,
      email: { type: 'string', format: 'email' },
      reference: { type: 'string', minLength: 1 }
    }
  },
  usage: {
    type: 'object',
    required: ['id', 'subscription', 'service', 'component', 'quantity', 'at'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', minLength: 1 },
      subscription: { type: 'string', format: 'uri' },
      service: { type: 'string', format: 'uri' },
      component: { type: 'string', minLength: 1 },
      quantity: decimal,
      at: { type: 'string', format: 'date-time' }
    }
  },
  run: { type: 'object', required: ['period'], additionalProperties: false, properties: { period: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } } },
  creditNote: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 1 } } },
  customerQuery: { type: 'object', properties: { customer: { type: 'string', format: 'uri' } } },
  numberParams: { type: 'object', required: ['number'], properties: { number: { type: 'string', minLength: 1 } } },
  documentQuery: {
    type: 'object',
    properties: {
      format: { type: 'string', enum: ['json', 'turtle', 'ttl', 'jsonld', 'json-ld', 'ntriples', 'n-triples', 'nt', 'xrechnung-cii', 'xrechnung-ubl', 'zugferd'] },
      lang: { type: 'string', enum: ['de', 'en'] }
    }
  }
} as const
