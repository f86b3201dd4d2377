/**
 * The constraints checked on each member on its own: data location, DPA, certifications,
 * § 203 StGB, excluded providers and, with a budget, the offer's currency.
 *
 * Data location (scope `all-data` by default): a member passes when it states at least one
 * `sym:dataLocation` and all of them are allowed; otherwise, in mode `safeguarded` (default),
 * it passes with a warning when it states a `sym:transferSafeguard` (SCC, adequacy decision …),
 * and in mode `strict` it fails. A member that states no location is treated as outside. With scope `personal-data`, a member outside without safeguard is
 * `conditional`: it is accepted only while none of its links carries personal data (the
 * search enforces that per link, see `problem.ts`).
 */
import { checkFact, type Catalog, type FactVerdict, type Service } from '../catalog/index.js'
import type { PricedService } from './price.js'
import type { ResolvedRequest } from './resolve-request.js'
import { catalogNamer, localNamer, say, type TextCode, type TextParams } from './texts.js'
import type { ConstraintCheck, ConstraintCheckCode, Texts } from './types.js'

export interface MemberVerdict {
  readonly checks: readonly ConstraintCheck[]
  /** Failed checks. */
  readonly violations: number
  /** Outside the allowed locations without safeguard, accepted only without personal data on its links. */
  readonly conditional: boolean
}

const noTexts: Texts = { en: '', de: '' }

/**
 * Checks every per-member constraint of the request on one service. Without `details` the
 * checks' texts are left empty (the search only needs the counts, for every service).
 */
export function checkMember (service: Service, request: ResolvedRequest, priced: PricedService, details = true, catalog?: Pick<Catalog, 'facts' | 'services' | 'providers' | 'regions' | 'hierarchy'>): MemberVerdict {
  const namer = catalog === undefined ? localNamer : catalogNamer(catalog)
  const checks: ConstraintCheck[] = []
  const check = <C extends ConstraintCheckCode & TextCode>(constraint: ConstraintCheck['constraint'], ok: boolean, code: C, params: TextParams<C>, warning = false): void => {
    const texts = details ? say(code, params, namer) : noTexts
    checks.push({ constraint, service: service.id, ok, ...(warning ? { warning: true } : {}), code, params: details ? flat(params) : {}, detail: texts.en, details: texts })
  }
  const compliance = service.compliance
  let conditional = false
  if (request.locations !== undefined) {
    const allowed = request.locations
    const outside = compliance.dataLocations.filter(c => !allowed.countries.has(c))
    const inside = compliance.dataLocations.length > 0 && outside.length === 0
    const safeguards = compliance.transferSafeguards
    const facts = { locations: compliance.dataLocations, outside, allowed: allowed.places, safeguards }
    if (inside) {
      check('dataLocation', true, 'LOCATION_WITHIN', facts)
    } else if (safeguards.length > 0 && allowed.mode === 'safeguarded') {
      check('dataLocation', true, 'LOCATION_SAFEGUARDED', facts, true)
    } else if (safeguards.length > 0) {
      check('dataLocation', false, 'LOCATION_SAFEGUARD_REFUSED', facts)
    } else if (allowed.scope === 'personal-data') {
      conditional = true
      check('dataLocation', true, 'LOCATION_WITHOUT_PERSONAL_DATA', facts)
    } else {
      check('dataLocation', false, 'LOCATION_OUTSIDE', facts)
    }
  }
  if (request.requireDPA) {
    const offers = compliance.offersDPA === true
    check('requireDPA', offers, offers ? 'DPA_OFFERED' : 'DPA_MISSING', {})
  }
  if (request.certifications.length > 0) {
    const missing = request.certifications.filter(c => !compliance.certifications.includes(c))
    if (missing.length === 0) check('certifications', true, 'CERTIFIED', { certifications: request.certifications })
    else check('certifications', false, 'CERTIFICATION_MISSING', { missing })
  }
  if (request.professionalSecrecy) {
    const suitable = compliance.suitableForProfessionalSecrecy === true
    check('professionalSecrecy', suitable, suitable ? 'SECRECY_SUITABLE' : 'SECRECY_NOT_DECLARED', {})
  }
  if (request.excludeProviders.size > 0) {
    const provider = service.provider
    if (provider === undefined) check('excludeProviders', true, 'PROVIDER_NOT_STATED', {})
    else if (request.excludeProviders.has(provider)) check('excludeProviders', false, 'PROVIDER_EXCLUDED', { provider })
    else check('excludeProviders', true, 'PROVIDER_NOT_EXCLUDED', { provider })
  }
  for (const fact of request.facts) {
    const verdict: FactVerdict = checkFact(fact, catalog?.facts(service.id, fact.property) ?? [])
    check('facts', verdict.ok, verdict.code, verdict.params as never)
  }
  if (request.budget !== undefined) {
    const currency = request.budget.currency
    if (priced.cents !== null) {
      check('currency', true, 'PRICED_IN_CURRENCY', { currency, offer: priced.price.offer! })
    } else {
      const note = priced.price.notes ?? { en: 'not priced', de: 'ohne Preis' }
      check('currency', false, 'NOT_PRICED_IN_CURRENCY', { currency, note })
    }
  }
  return { checks, violations: checks.filter(c => !c.ok).length, conditional }
}

/** The params of a check as JSON: embedded sentences are left out (they have their own fields). */
export function flat (params: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined && !isTexts(value)))
}

function isTexts (value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'en' in value && 'de' in value
}

/** The phrase of a constraint that removed candidates, in "no service provides X …". */
export function constraintPhrase (constraint: ConstraintCheck['constraint'], request: ResolvedRequest, namer = localNamer): Texts {
  switch (constraint) {
    case 'dataLocation': return say('PHRASE_DATA_LOCATION', { allowed: request.locations?.places ?? [] }, namer)
    case 'requireDPA': return say('PHRASE_DPA', {}, namer)
    case 'certifications': return say('PHRASE_CERTIFICATIONS', { certifications: request.certifications }, namer)
    case 'professionalSecrecy': return say('PHRASE_SECRECY', {}, namer)
    case 'excludeProviders': return say('PHRASE_PROVIDER', {}, namer)
    case 'currency': return say('PHRASE_CURRENCY', { currency: request.budget?.currency ?? null }, namer)
    case 'facts': return say('PHRASE_FACTS', {
      facts: request.facts.map(f => ({
        property: f.property,
        ...(f.in === undefined ? {} : { in: f.in }),
        ...(f.hasValue === undefined ? {} : { hasValue: f.hasValue }),
        ...(f.minInclusive === undefined ? {} : { min: f.minInclusive }),
        ...(f.maxInclusive === undefined ? {} : { max: f.maxInclusive })
      }))
    }, namer)
    case 'budget': return say('PHRASE_BUDGET', {}, namer)
    case 'personalData': return say('PHRASE_PERSONAL_DATA', {}, namer)
  }
}
