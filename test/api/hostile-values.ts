/**
 * A seeded, deterministic generator of hostile requests for one OpenAPI operation: a document
 * shaped by the operation's own body schema (so it gets past validation to the handler) with
 * one part poisoned — numbers beyond double, `-0`, numbers as strings, lone surrogates, huge
 * strings, overlong IRIs, arrays where objects belong, prototype keys, deep nesting — or cut
 * short; and query strings and path parameters built the same way. The same seed gives the
 * same requests, so a failure names a request that can be sent again.
 */

/** A JSON value kept as a tree, so keys like `__proto__` and tokens like `-0` or `1e400` survive serialization. */
type Node =
  | { readonly kind: 'raw', readonly text: string }
  | { readonly kind: 'array', readonly items: Node[] }
  | { readonly kind: 'object', readonly entries: Array<[string, Node]> }

/** The part of a JSON Schema the generator reads. */
interface Schema {
  readonly $ref?: string
  readonly type?: string | readonly string[]
  readonly enum?: readonly unknown[]
  readonly const?: unknown
  readonly oneOf?: readonly Schema[]
  readonly anyOf?: readonly Schema[]
  readonly allOf?: readonly Schema[]
  readonly properties?: Readonly<Record<string, Schema>>
  readonly required?: readonly string[]
  readonly items?: Schema
  readonly minItems?: number
  readonly minLength?: number
  readonly minimum?: number
  readonly format?: string
  readonly description?: string
}

/** One OpenAPI operation, as far as the generator needs it. */
export interface Operation {
  readonly parameters?: ReadonlyArray<{ readonly in: string, readonly name: string, readonly schema?: Schema }>
  readonly requestBody?: { readonly content: Readonly<Record<string, { readonly schema?: Schema }>> }
}

/** A generated request: what it poisons (for the failure message), its URL and JSON body. */
export interface HostileRequest {
  readonly what: string
  readonly url: string
  readonly body?: string
}

import { seededRandom as seeded } from '../support/seeded-random.js'
export { seeded }

const raw = (text: string): Node => ({ kind: 'raw', text })
const deep = 10_000

/** Values no route should take as they are, as JSON text. */
const hostileJson: ReadonlyArray<[string, string]> = [
  ['1e400', '1e400'],
  ['-1e400', '-1e400'],
  ['-0', '-0'],
  ['"NaN"', '"NaN"'],
  ['"Infinity"', '"Infinity"'],
  ['"-0"', '"-0"'],
  ['"1e400"', '"1e400"'],
  ['1e308', '1e308'],
  ['-1', '-1'],
  ['2^53+1', '9007199254740993'],
  ['a lone surrogate', '"\\ud800"'],
  ['a NUL character', '"a\\u0000b"'],
  ['an empty string', '""'],
  ['a path escape', '"../../../../etc/passwd"'],
  ['an IRI breaking out of <>', '"https://example.org/> <urn:x> <urn:y> . <urn:z"'],
  ['an overlong IRI', JSON.stringify('https://example.org/' + 'a'.repeat(200_000))],
  ['a 1 MiB string', JSON.stringify('x'.repeat(1024 * 1024))],
  ['an empty array', '[]'],
  ['an empty object', '{}'],
  ['null', 'null'],
  ['true', 'true'],
  ['arrays nested 10,000 deep', '['.repeat(deep) + ']'.repeat(deep)],
  ['objects nested 10,000 deep', '{"a":'.repeat(deep) + '1' + '}'.repeat(deep)],
  ['a polluting __proto__', '{"__proto__":{"polluted":true}}'],
  ['a polluting constructor', '{"constructor":{"prototype":{"polluted":true}}}']
]

/** Values for query and path parameters, as they appear in the URL. */
const hostileParameters: readonly string[] = [
  '-0', 'NaN', 'Infinity', '1e400', '-1e400', '-1', '', '%00', '..', '.%2E', '..%2F..%2Fetc%2Fpasswd', '%E0%A4%A', '%F0%9F%92%A9',
  '__proto__', 'constructor', encodeURIComponent('https://example.org/' + 'a'.repeat(20_000)), 'x'.repeat(50_000)
]

function pick<T> (random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

/** A value the schema accepts (as far as can be told without the data: IRIs are example IRIs). */
function fromSchema (schema: Schema | undefined, schemas: Readonly<Record<string, Schema>>, random: () => number, depth = 0): Node {
  if (schema === undefined || depth > 8) return raw('"x"')
  if (schema.$ref !== undefined) return fromSchema(schemas[schema.$ref.split('/').pop()!], schemas, random, depth + 1)
  if (schema.const !== undefined) return raw(JSON.stringify(schema.const))
  if (schema.enum !== undefined && schema.enum.length > 0) return raw(JSON.stringify(pick(random, schema.enum)))
  const choices = schema.oneOf ?? schema.anyOf
  if (choices !== undefined && choices.length > 0) return fromSchema(pick(random, choices), schemas, random, depth + 1)
  if (schema.allOf !== undefined && schema.allOf.length > 0) return fromSchema(schema.allOf[0], schemas, random, depth + 1)
  const types = typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []).filter(type => type !== 'null')
  const type = types[0] ?? (schema.properties !== undefined ? 'object' : 'string')
  switch (type) {
    case 'object': {
      const entries: Array<[string, Node]> = []
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(name) || random() < 0.5) entries.push([name, fromSchema(property, schemas, random, depth + 1)])
      }
      return { kind: 'object', entries }
    }
    case 'array': {
      const count = (schema.minItems ?? 0) + Math.floor(random() * 3)
      return { kind: 'array', items: Array.from({ length: Math.max(1, count) }, () => fromSchema(schema.items, schemas, random, depth + 1)) }
    }
    case 'integer':
    case 'number':
      return raw(String(schema.minimum ?? 1))
    case 'boolean':
      return raw('true')
    default: {
      if (schema.format === 'date-time') return raw('"2026-01-01T00:00:00Z"')
      if (schema.format === 'date') return raw('"2026-01-01"')
      if (schema.format === 'email') return raw('"ops@example.org"')
      if (/IRI|URI|URL/.test(schema.description ?? '') || schema.format === 'uri' || schema.format === 'iri') return raw('"https://example.org/acme#CloudPBX"')
      return raw(JSON.stringify('x'.repeat(Math.max(1, schema.minLength ?? 1))))
    }
  }
}

function serialize (node: Node): string {
  if (node.kind === 'raw') return node.text
  if (node.kind === 'array') return `[${node.items.map(serialize).join(',')}]`
  return `{${node.entries.map(([key, value]) => `${JSON.stringify(key)}:${serialize(value)}`).join(',')}}`
}

/** Every place in the tree a value can be put: the root and every member and item. */
function slots (root: { value: Node }): Array<{ get: () => Node, set: (node: Node) => void }> {
  const found: Array<{ get: () => Node, set: (node: Node) => void }> = [{ get: () => root.value, set: node => { root.value = node } }]
  const visit = (node: Node): void => {
    if (node.kind === 'array') {
      node.items.forEach((item, i) => { found.push({ get: () => node.items[i]!, set: value => { node.items[i] = value } }); visit(item) })
    } else if (node.kind === 'object') {
      node.entries.forEach((entry, i) => { found.push({ get: () => node.entries[i]![1], set: value => { node.entries[i]![1] = value } }); visit(entry[1]) })
    }
  }
  visit(root.value)
  return found
}

/** `count` JSON bodies for an operation's body schema, each a valid document with one hostile change. */
export function hostileBodies (schema: Schema | undefined, schemas: Readonly<Record<string, Schema>>, random: () => number, count: number): HostileRequest[] {
  const requests: HostileRequest[] = []
  for (let n = 0; n < count; n++) {
    const root = { value: fromSchema(schema, schemas, random) }
    const places = slots(root)
    const place = pick(random, places)
    const mutation = random()
    let what: string
    if (mutation < 0.6) {
      const [name, text] = pick(random, hostileJson)
      place.set(raw(text))
      what = name
    } else if (mutation < 0.75) {
      const objects = places.map(p => p.get()).filter((node): node is Extract<Node, { kind: 'object' }> => node.kind === 'object')
      const target = objects.length > 0 ? pick(random, objects) : undefined
      const key = pick(random, ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'])
      target?.entries.push([key, raw('{"polluted":true,"prototype":{"polluted":true}}')])
      what = `a "${key}" member`
    } else if (mutation < 0.9) {
      const current = place.get()
      place.set({ kind: 'array', items: [current, current] })
      what = 'an array where one value belongs'
    } else {
      const text = serialize(root.value)
      const cut = Math.floor(random() * text.length)
      requests.push({ what: `cut after ${cut} characters`, url: '', body: text.slice(0, cut) })
      continue
    }
    requests.push({ what, url: '', body: serialize(root.value) })
  }
  return requests
}

/**
 * `count` URLs for an operation: path parameters and query parameters filled from their schemas,
 * one of them (or a repeated or prototype-named one) hostile.
 */
export function hostileUrls (path: string, operation: Operation, random: () => number, count: number): HostileRequest[] {
  const parameters = operation.parameters ?? []
  const legal = (schema: Schema | undefined): string => {
    const types = typeof schema?.type === 'string' ? [schema.type] : schema?.type ?? []
    if (schema?.enum !== undefined && schema.enum.length > 0) return encodeURIComponent(String(pick(random, schema.enum)))
    return types.includes('integer') || types.includes('number') ? String(schema?.minimum ?? 1) : encodeURIComponent('https://example.org/acme#CloudPBX')
  }
  const urls: HostileRequest[] = []
  for (let n = 0; n < count; n++) {
    const values = new Map(parameters.map(p => [p, legal(p.schema)]))
    const target = parameters.length > 0 ? pick(random, parameters) : undefined
    const value = pick(random, hostileParameters)
    let what = target === undefined ? 'extra query parameters' : `${target.in} ${target.name}=${value.slice(0, 30)}`
    if (target !== undefined) values.set(target, value)
    let url = path
    const query: string[] = []
    for (const [parameter, text] of values) {
      if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, text)
      else if (parameter.in === 'query') query.push(`${encodeURIComponent(parameter.name)}=${text}`)
    }
    const extra = random()
    if (extra < 0.25 && query.length > 0) {
      query.push(...Array.from({ length: 500 }, () => query[0]!))
      what += ', the first parameter 500 times more'
    } else if (extra < 0.5) {
      query.push('__proto__[polluted]=1', 'constructor[prototype][polluted]=1', '__proto__=1')
      what += ', prototype-named parameters'
    }
    url = url.replace(/\{[^}]+\}/g, 'x')
    urls.push({ what, url: query.length === 0 ? url : `${url}?${query.join('&')}` })
  }
  return urls
}
