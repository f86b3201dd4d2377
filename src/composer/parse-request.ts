/**
 * Checking the shape and values of a composition request, as JSON from the CLI or the API.
 * Catalog-dependent checks (unknown classes, providers, regions) are in `resolve-request.ts`.
 */
import { SymphonyError } from '../errors.js'
import { parseFactTests } from '../catalog/index.js'
import { expandPrefixed, isAbsoluteIri } from '../rdf/index.js'
import { defaultTimeoutMs, maxAvailableTypes, maxGoalTypes, maxLimit, maxSeats, maxTimeoutMs } from './resolve-request.js'
import type { CompositionConstraints, CompositionPreferences, CompositionRequest, DataLocationMode, DataLocationScope, FactConstraint, Wiring } from './types.js'

const requestFields = ['available', 'wanted', 'serviceTypes', 'constraints', 'preferences', 'seats', 'concurrentSeats', 'limit', 'usage', 'wiring', 'timeoutMs'] as const
const constraintFields = ['dataLocation', 'dataLocationScope', 'dataLocationMode', 'requireDPA', 'certifications', 'professionalSecrecy', 'excludeProviders', 'budget', 'facts'] as const
const preferenceFields = ['degree', 'price', 'size'] as const
const scopes: readonly DataLocationScope[] = ['all-data', 'personal-data']
const modes: readonly DataLocationMode[] = ['strict', 'safeguarded']
const wirings: readonly Wiring[] = ['static', 'dataflow']

/**
 * Parses a composition request (JSON text or an already parsed value) and checks its shape
 * precisely: known fields only, IRIs absolute (or `prefix:local` with a Symphony prefix such
 * as `sym:`, which is expanded), counts integers. Throws `INVALID_REQUEST` naming the field,
 * or `CONTRADICTORY_CONSTRAINTS` for constraints no bundle can meet.
 *
 * @example
 * const request = parseCompositionRequest('{"wanted":["sym:CallEventFeed"],"seats":12,"limit":3}')
 * const answer = compose(catalog, request)
 */
export function parseCompositionRequest (json: unknown): CompositionRequest {
  const value = typeof json === 'string' ? parseJson(json) : json
  const body = object(value, 'request', requestFields)
  const request: CompositionRequest = {
    available: iris(body.available, 'available'),
    wanted: iris(body.wanted, 'wanted'),
    serviceTypes: iris(body.serviceTypes, 'serviceTypes'),
    constraints: constraints(body.constraints),
    preferences: preferences(body.preferences),
    ...optionalNumber(body.seats, 'seats'),
    ...optionalNumber(body.concurrentSeats, 'concurrentSeats'),
    ...optionalNumber(body.limit, 'limit'),
    ...(body.usage === undefined ? {} : { usage: usage(body.usage) }),
    ...(body.wiring === undefined ? {} : { wiring: body.wiring as Wiring }),
    ...optionalNumber(body.timeoutMs, 'timeoutMs')
  }
  checkRequestValues(request)
  return request
}

/** Value checks shared by `parseCompositionRequest` and `compose` (for callers passing objects). */
export function checkRequestValues (request: CompositionRequest): void {
  const seats = request.seats ?? 1
  if (!Number.isInteger(seats) || seats < 0 || seats > maxSeats) invalid('seats', `must be an integer from 0 to ${maxSeats}, got ${String(request.seats)}`)
  if (request.concurrentSeats !== undefined) {
    if (!Number.isInteger(request.concurrentSeats) || request.concurrentSeats < 0 || request.concurrentSeats > maxSeats) {
      invalid('concurrentSeats', `must be an integer from 0 to ${maxSeats}, got ${String(request.concurrentSeats)}`)
    }
    if (request.concurrentSeats > seats) {
      invalid('concurrentSeats', `is ${request.concurrentSeats}, more than the ${seats} seats; concurrent users are a subset of the seats`)
    }
  }
  if (request.wiring !== undefined && !wirings.includes(request.wiring)) {
    invalid('wiring', `must be one of ${wirings.join(', ')}, got ${JSON.stringify(request.wiring)}`)
  }
  const timeoutMs = request.timeoutMs ?? defaultTimeoutMs
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > maxTimeoutMs) {
    invalid('timeoutMs', `must be a whole number of milliseconds from 1 to ${maxTimeoutMs}, got ${String(request.timeoutMs)}`)
  }
  const limit = request.limit ?? 5
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) invalid('limit', `must be an integer from 1 to ${maxLimit}, got ${String(request.limit)}`)
  for (const [field, most] of [['wanted', maxGoalTypes], ['serviceTypes', maxGoalTypes], ['available', maxAvailableTypes]] as const) {
    const count = request[field]?.length ?? 0
    if (count > most) invalid(field, `lists ${count} types, more than the ${most} one request may name; split the goal into several requests`)
  }
  for (const field of preferenceFields) {
    const weight = request.preferences?.[field]
    if (weight !== undefined && (!Number.isFinite(weight) || weight < 0)) {
      invalid(`preferences.${field}`, `must be a finite number ≥ 0, got ${String(weight)}`)
    }
  }
  const c = request.constraints ?? {}
  if (c.dataLocation !== undefined && c.dataLocation.length === 0) {
    contradictory('constraints.dataLocation', 'is an empty list: no location is allowed, so no service can qualify; omit the field to allow any location')
  }
  if (c.dataLocationScope !== undefined && !scopes.includes(c.dataLocationScope)) {
    invalid('constraints.dataLocationScope', `must be one of ${scopes.join(', ')}, got ${String(c.dataLocationScope)}`)
  }
  if (c.dataLocationMode !== undefined && !modes.includes(c.dataLocationMode)) {
    invalid('constraints.dataLocationMode', `must be one of ${modes.join(', ')}, got ${String(c.dataLocationMode)}`)
  }
  if (c.dataLocationScope !== undefined && c.dataLocation === undefined) {
    contradictory('constraints.dataLocationScope', 'is set without constraints.dataLocation; give the allowed locations too')
  }
  for (const [index, fact] of (c.facts ?? []).entries()) {
    const field = `constraints.facts[${index}]`
    if (fact.in !== undefined && fact.in.length === 0) contradictory(`${field}.in`, 'is an empty list: no value is allowed, so no service can qualify')
    if (fact.minInclusive !== undefined && fact.maxInclusive !== undefined && fact.minInclusive > fact.maxInclusive) {
      contradictory(field, `has minInclusive ${fact.minInclusive} above maxInclusive ${fact.maxInclusive}: no value can qualify`)
    }
  }
  for (const [component, quantity] of Object.entries(request.usage ?? {})) {
    if (!Number.isFinite(quantity) || quantity < 0) invalid(`usage.${component}`, `must be a number ≥ 0, got ${String(quantity)}`)
  }
  if (c.budget !== undefined) {
    if (!Number.isFinite(c.budget.amount)) invalid('constraints.budget.amount', `must be a finite number, got ${String(c.budget.amount)}`)
    if (c.budget.amount <= 0) contradictory('constraints.budget.amount', `is ${c.budget.amount}: no bundle costs nothing; give a positive amount or omit the budget`)
    if (!/^[A-Z]{3}$/.test(c.budget.currency)) invalid('constraints.budget.currency', `must be an ISO 4217 code such as "EUR", got ${JSON.stringify(c.budget.currency)}`)
  }
}

function constraints (value: unknown): CompositionConstraints {
  if (value === undefined) return {}
  const c = object(value, 'constraints', constraintFields)
  return {
    ...(c.dataLocation === undefined ? {} : { dataLocation: locations(c.dataLocation) }),
    ...(c.dataLocationScope === undefined ? {} : { dataLocationScope: scope(c.dataLocationScope) }),
    ...(c.dataLocationMode === undefined ? {} : { dataLocationMode: c.dataLocationMode as DataLocationMode }),
    ...(c.requireDPA === undefined ? {} : { requireDPA: boolean(c.requireDPA, 'constraints.requireDPA') }),
    ...(c.certifications === undefined ? {} : { certifications: iris(c.certifications, 'constraints.certifications') }),
    ...(c.professionalSecrecy === undefined ? {} : { professionalSecrecy: boolean(c.professionalSecrecy, 'constraints.professionalSecrecy') }),
    ...(c.excludeProviders === undefined ? {} : { excludeProviders: iris(c.excludeProviders, 'constraints.excludeProviders') }),
    ...(c.budget === undefined ? {} : { budget: budget(c.budget) }),
    ...(c.facts === undefined ? {} : { facts: facts(c.facts) })
  }
}

function facts (value: unknown): FactConstraint[] {
  return parseFactTests(value, 'constraints.facts', invalid)
}

function usage (value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid('usage', 'must be a JSON object of price component IRI → expected quantity')
  const result: Record<string, number> = {}
  for (const [key, quantity] of Object.entries(value)) {
    result[absoluteIri(key, `usage.${key}`)] = number(quantity, `usage.${key}`)
  }
  return result
}

function preferences (value: unknown): CompositionPreferences {
  if (value === undefined) return {}
  const p = object(value, 'preferences', preferenceFields)
  const result: Record<string, number> = {}
  for (const field of preferenceFields) {
    if (p[field] !== undefined) result[field] = number(p[field], `preferences.${field}`)
  }
  return result
}

function budget (value: unknown): { amount: number, currency: string } {
  const b = object(value, 'constraints.budget', ['amount', 'currency'])
  if (b.amount === undefined) invalid('constraints.budget.amount', 'is missing')
  if (typeof b.currency !== 'string') invalid('constraints.budget.currency', 'must be a string such as "EUR"')
  return { amount: number(b.amount, 'constraints.budget.amount'), currency: b.currency }
}

function locations (value: unknown): string[] {
  if (!Array.isArray(value)) invalid('constraints.dataLocation', 'must be an array of regions (such as "EEA" or an IRI) and ISO 3166-1 alpha-2 codes')
  return value.map((item, index) => {
    if (typeof item !== 'string' || item.trim() === '') invalid(`constraints.dataLocation[${index}]`, 'must be a region (such as "EEA" or an IRI) or an ISO 3166-1 alpha-2 code such as "DE"')
    return item.trim()
  })
}

function scope (value: unknown): DataLocationScope {
  if (typeof value !== 'string' || !scopes.includes(value as DataLocationScope)) {
    invalid('constraints.dataLocationScope', `must be one of ${scopes.join(', ')}`)
  }
  return value as DataLocationScope
}

function iris (value: unknown, field: string): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) invalid(field, 'must be an array of IRIs')
  return value.map((item, index) => {
    if (typeof item !== 'string') invalid(`${field}[${index}]`, 'must be an IRI string')
    return absoluteIri(item, `${field}[${index}]`)
  })
}

/** Expands `sym:X` style names with Symphony's prefixes; requires an absolute IRI otherwise. */
function absoluteIri (text: string, field: string): string {
  const iri = expandPrefixed(text)
  if (!isAbsoluteIri(iri)) invalid(field, `must be an absolute IRI (or use a known prefix such as sym:), got ${JSON.stringify(text)}`)
  return iri
}

function optionalNumber<K extends string> (value: unknown, field: K): Partial<Record<K, number>> {
  return value === undefined ? {} : { [field]: number(value, field) } as Record<K, number>
}

function number (value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(field, `must be a number, got ${JSON.stringify(value)}`)
  return value
}

function boolean (value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') invalid(field, `must be true or false, got ${JSON.stringify(value)}`)
  return value
}

function object (value: unknown, field: string, known: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, 'must be a JSON object')
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      const where = field === 'request' ? key : `${field}.${key}`
      invalid(where, `is not a known field; expected one of ${known.join(', ')}`)
    }
  }
  return value as Record<string, unknown>
}

function parseJson (text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new SymphonyError('INVALID_REQUEST', `composition request: invalid JSON — ${(error as Error).message}`, { cause: error })
  }
}

function invalid (field: string, problem: string): never {
  throw new SymphonyError('INVALID_REQUEST', `composition request field "${field}" ${problem}`, { path: field })
}

function contradictory (field: string, problem: string): never {
  throw new SymphonyError('CONTRADICTORY_CONSTRAINTS', `composition request field "${field}" ${problem}`, { path: field })
}
