/**
 * Checking the shape and values of a composition request, as JSON from the CLI or the API.
 * Catalog-dependent checks (unknown classes, providers, regions) are in `resolve-request.ts`.
 */
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import { parseFactTests } from '../catalog/index.js'
import { expandPrefixed, isAbsoluteIri } from '../rdf/index.js'
import { defaultTimeoutMs, maxAvailableTypes, maxGoalTypes, maxLimit, maxSeats, maxTimeoutMs } from './resolve-request.js'
import type { CompositionConstraints, CompositionPreferences, CompositionRequest, DataLocationMode, DataLocationScope, FactConstraint, Wiring } from './types.js'

const requestFields = ['available', 'wanted', 'serviceTypes', 'constraints', 'preferences', 'seats', 'concurrentSeats', 'limit', 'usage', 'wiring', 'timeoutMs', 'maxStates', 'maxModelEntries'] as const
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
    ...optionalNumber(body.timeoutMs, 'timeoutMs'),
    ...optionalNumber(body.maxStates, 'maxStates'),
    ...optionalNumber(body.maxModelEntries, 'maxModelEntries')
  }
  checkRequestValues(request)
  return request
}

/** Value checks shared by `parseCompositionRequest` and `compose` (for callers passing objects). */
export function checkRequestValues (request: CompositionRequest): void {
  const seats = request.seats ?? 1
  if (!Number.isInteger(seats) || seats < 0 || seats > maxSeats) {
    invalid('seats', {
      en: `must be an integer from 0 to ${maxSeats}, got ${String(request.seats)}`,
      de: `muss eine ganze Zahl von 0 bis ${maxSeats} sein, erhalten: ${String(request.seats)}`
    })
  }
  if (request.concurrentSeats !== undefined) {
    if (!Number.isInteger(request.concurrentSeats) || request.concurrentSeats < 0 || request.concurrentSeats > maxSeats) {
      invalid('concurrentSeats', {
        en: `must be an integer from 0 to ${maxSeats}, got ${String(request.concurrentSeats)}`,
        de: `muss eine ganze Zahl von 0 bis ${maxSeats} sein, erhalten: ${String(request.concurrentSeats)}`
      })
    }
    if (request.concurrentSeats > seats) {
      invalid('concurrentSeats', {
        en: `is ${request.concurrentSeats}, more than the ${seats} seats; concurrent users are a subset of the seats`,
        de: `ist ${request.concurrentSeats}, mehr als die ${seats} Plätze; gleichzeitige Nutzer sind eine Teilmenge der Plätze`
      })
    }
  }
  if (request.wiring !== undefined && !wirings.includes(request.wiring)) {
    invalid('wiring', {
      en: `must be one of ${wirings.join(', ')}, got ${JSON.stringify(request.wiring)}`,
      de: `muss eines von ${wirings.join(', ')} sein, erhalten: ${JSON.stringify(request.wiring)}`
    })
  }
  const timeoutMs = request.timeoutMs ?? defaultTimeoutMs
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > maxTimeoutMs) {
    invalid('timeoutMs', {
      en: `must be a whole number of milliseconds from 1 to ${maxTimeoutMs}, got ${String(request.timeoutMs)}`,
      de: `muss eine ganze Zahl von Millisekunden von 1 bis ${maxTimeoutMs} sein, erhalten: ${String(request.timeoutMs)}`
    })
  }
  for (const field of ['maxStates', 'maxModelEntries'] as const) {
    const value = request[field]
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      invalid(field, {
        en: `must be a whole number ≥ 1 (it can only lower the server's size budget), got ${String(value)}`,
        de: `muss eine ganze Zahl ≥ 1 sein (sie kann die Größengrenze des Servers nur senken), erhalten: ${String(value)}`
      })
    }
  }
  const limit = request.limit ?? 5
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    invalid('limit', {
      en: `must be an integer from 1 to ${maxLimit}, got ${String(request.limit)}`,
      de: `muss eine ganze Zahl von 1 bis ${maxLimit} sein, erhalten: ${String(request.limit)}`
    })
  }
  for (const [field, most] of [['wanted', maxGoalTypes], ['serviceTypes', maxGoalTypes], ['available', maxAvailableTypes]] as const) {
    const count = request[field]?.length ?? 0
    if (count > most) {
      invalid(field, {
        en: `lists ${count} types, more than the ${most} one request may name; split the goal into several requests`,
        de: `nennt ${count} Typen, mehr als die ${most}, die eine Anfrage nennen darf; teilen Sie das Ziel auf mehrere Anfragen auf`
      })
    }
  }
  for (const field of preferenceFields) {
    const weight = request.preferences?.[field]
    if (weight !== undefined && (!Number.isFinite(weight) || weight < 0)) {
      invalid(`preferences.${field}`, { en: `must be a finite number ≥ 0, got ${String(weight)}`, de: `muss eine endliche Zahl ≥ 0 sein, erhalten: ${String(weight)}` })
    }
  }
  const c = request.constraints ?? {}
  if (c.dataLocation !== undefined && c.dataLocation.length === 0) {
    contradictory('constraints.dataLocation', {
      en: 'is an empty list: no location is allowed, so no service can qualify; omit the field to allow any location',
      de: 'ist eine leere Liste: kein Standort ist erlaubt, also kommt kein Dienst in Frage; lassen Sie das Feld weg, um jeden Standort zu erlauben'
    })
  }
  if (c.dataLocationScope !== undefined && !scopes.includes(c.dataLocationScope)) {
    invalid('constraints.dataLocationScope', {
      en: `must be one of ${scopes.join(', ')}, got ${String(c.dataLocationScope)}`,
      de: `muss eines von ${scopes.join(', ')} sein, erhalten: ${String(c.dataLocationScope)}`
    })
  }
  if (c.dataLocationMode !== undefined && !modes.includes(c.dataLocationMode)) {
    invalid('constraints.dataLocationMode', {
      en: `must be one of ${modes.join(', ')}, got ${String(c.dataLocationMode)}`,
      de: `muss eines von ${modes.join(', ')} sein, erhalten: ${String(c.dataLocationMode)}`
    })
  }
  if (c.dataLocationScope !== undefined && c.dataLocation === undefined) {
    contradictory('constraints.dataLocationScope', {
      en: 'is set without constraints.dataLocation; give the allowed locations too',
      de: 'ist ohne constraints.dataLocation gesetzt; geben Sie auch die erlaubten Standorte an'
    })
  }
  for (const [index, fact] of (c.facts ?? []).entries()) {
    const field = `constraints.facts[${index}]`
    if (fact.in !== undefined && fact.in.length === 0) {
      contradictory(`${field}.in`, {
        en: 'is an empty list: no value is allowed, so no service can qualify',
        de: 'ist eine leere Liste: kein Wert ist erlaubt, also kommt kein Dienst in Frage'
      })
    }
    if (fact.minInclusive !== undefined && fact.maxInclusive !== undefined && fact.minInclusive > fact.maxInclusive) {
      contradictory(field, {
        en: `has minInclusive ${fact.minInclusive} above maxInclusive ${fact.maxInclusive}: no value can qualify`,
        de: `hat minInclusive ${fact.minInclusive} größer als maxInclusive ${fact.maxInclusive}: kein Wert kann passen`
      })
    }
  }
  for (const [component, quantity] of Object.entries(request.usage ?? {})) {
    if (!Number.isFinite(quantity) || quantity < 0) invalid(`usage.${component}`, { en: `must be a number ≥ 0, got ${String(quantity)}`, de: `muss eine Zahl ≥ 0 sein, erhalten: ${String(quantity)}` })
  }
  if (c.budget !== undefined) {
    if (!Number.isFinite(c.budget.amount)) {
      invalid('constraints.budget.amount', { en: `must be a finite number, got ${String(c.budget.amount)}`, de: `muss eine endliche Zahl sein, erhalten: ${String(c.budget.amount)}` })
    }
    if (c.budget.amount <= 0) {
      contradictory('constraints.budget.amount', {
        en: `is ${c.budget.amount}: no bundle costs nothing; give a positive amount or omit the budget`,
        de: `ist ${c.budget.amount}: kein Bündel kostet nichts; geben Sie einen positiven Betrag an oder lassen Sie das Budget weg`
      })
    }
    if (!/^[A-Z]{3}$/.test(c.budget.currency)) {
      invalid('constraints.budget.currency', {
        en: `must be an ISO 4217 code such as "EUR", got ${JSON.stringify(c.budget.currency)}`,
        de: `muss ein ISO-4217-Code wie "EUR" sein, erhalten: ${JSON.stringify(c.budget.currency)}`
      })
    }
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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid('usage', { en: 'must be a JSON object of price component IRI → expected quantity', de: 'muss ein JSON-Objekt sein, das IRIs von Preiskomponenten auf die erwartete Menge abbildet' })
  }
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
  if (b.amount === undefined) invalid('constraints.budget.amount', { en: 'is missing', de: 'fehlt' })
  if (typeof b.currency !== 'string') invalid('constraints.budget.currency', { en: 'must be a string such as "EUR"', de: 'muss eine Zeichenkette wie "EUR" sein' })
  return { amount: number(b.amount, 'constraints.budget.amount'), currency: b.currency }
}

function locations (value: unknown): string[] {
  if (!Array.isArray(value)) {
    invalid('constraints.dataLocation', {
      en: 'must be an array of regions (such as "EEA" or an IRI) and ISO 3166-1 alpha-2 codes',
      de: 'muss ein Array aus Regionen (wie "EEA" oder eine IRI) und ISO-3166-1-Alpha-2-Codes sein'
    })
  }
  return value.map((item, index) => {
    if (typeof item !== 'string' || item.trim() === '') {
      invalid(`constraints.dataLocation[${index}]`, {
        en: 'must be a region (such as "EEA" or an IRI) or an ISO 3166-1 alpha-2 code such as "DE"',
        de: 'muss eine Region (wie "EEA" oder eine IRI) oder ein ISO-3166-1-Alpha-2-Code wie "DE" sein'
      })
    }
    return item.trim()
  })
}

function scope (value: unknown): DataLocationScope {
  if (typeof value !== 'string' || !scopes.includes(value as DataLocationScope)) {
    invalid('constraints.dataLocationScope', { en: `must be one of ${scopes.join(', ')}`, de: `muss eines von ${scopes.join(', ')} sein` })
  }
  return value as DataLocationScope
}

function iris (value: unknown, field: string): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) invalid(field, { en: 'must be an array of IRIs', de: 'muss ein Array aus IRIs sein' })
  return value.map((item, index) => {
    if (typeof item !== 'string') invalid(`${field}[${index}]`, { en: 'must be an IRI string', de: 'muss eine IRI als Zeichenkette sein' })
    return absoluteIri(item, `${field}[${index}]`)
  })
}

/** Expands `sym:X` style names with Symphony's prefixes; requires an absolute IRI otherwise. */
function absoluteIri (text: string, field: string): string {
  const iri = expandPrefixed(text)
  if (!isAbsoluteIri(iri)) {
    invalid(field, {
      en: `must be an absolute IRI (or use a known prefix such as sym:), got ${JSON.stringify(text)}`,
      de: `muss eine absolute IRI sein (oder ein bekanntes Präfix wie sym: verwenden), erhalten: ${JSON.stringify(text)}`
    })
  }
  return iri
}

function optionalNumber<K extends string> (value: unknown, field: K): Partial<Record<K, number>> {
  return value === undefined ? {} : { [field]: number(value, field) } as Record<K, number>
}

function number (value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(field, { en: `must be a number, got ${JSON.stringify(value)}`, de: `muss eine Zahl sein, erhalten: ${JSON.stringify(value)}` })
  return value
}

function boolean (value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') invalid(field, { en: `must be true or false, got ${JSON.stringify(value)}`, de: `muss true oder false sein, erhalten: ${JSON.stringify(value)}` })
  return value
}

function object (value: unknown, field: string, known: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, { en: 'must be a JSON object', de: 'muss ein JSON-Objekt sein' })
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      const where = field === 'request' ? key : `${field}.${key}`
      invalid(where, { en: `is not a known field; expected one of ${known.join(', ')}`, de: `ist kein bekanntes Feld; erwartet wird eines von ${known.join(', ')}` })
    }
  }
  return value as Record<string, unknown>
}

function parseJson (text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const reason = (error as Error).message
    throw new SymphonyError('INVALID_REQUEST', {
      en: `composition request: invalid JSON — ${reason}`,
      de: `Anfrage zur Zusammenstellung: ungültiges JSON — ${reason}`
    }, { cause: error })
  }
}

/** The field's problem as a sentence about the field, in both languages. */
function aboutField (field: string, problem: ErrorMessages): ErrorMessages {
  return {
    en: `composition request field "${field}" ${problem.en}`,
    de: `das Feld "${field}" der Anfrage zur Zusammenstellung ${problem.de}`
  }
}

function invalid (field: string, problem: ErrorMessages): never {
  throw new SymphonyError('INVALID_REQUEST', aboutField(field, problem), { path: field })
}

function contradictory (field: string, problem: ErrorMessages): never {
  throw new SymphonyError('CONTRADICTORY_CONSTRAINTS', aboutField(field, problem), { path: field })
}
