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
import type { Catalog, Service } from '../catalog/index.js'
import { checkFact, factPhrase } from './fact-constraints.js'
import { listing, shortName } from './names.js'
import type { PricedService } from './price.js'
import type { ResolvedRequest } from './resolve-request.js'
import type { ConstraintCheck } from './types.js'

export interface MemberVerdict {
  readonly checks: readonly ConstraintCheck[]
  /** Failed checks. */
  readonly violations: number
  /** Outside the allowed locations without safeguard, accepted only without personal data on its links. */
  readonly conditional: boolean
}

/**
 * Checks every per-member constraint of the request on one service. Without `details` the
 * checks' texts are left empty (the search only needs the counts, for every service).
 */
export function checkMember (service: Service, request: ResolvedRequest, priced: PricedService, details = true, catalog?: Pick<Catalog, 'facts'>): MemberVerdict {
  const checks: ConstraintCheck[] = []
  const check = (constraint: ConstraintCheck['constraint'], ok: boolean, detail: () => string): void => {
    checks.push({ constraint, service: service.id, ok, detail: details ? detail() : '' })
  }
  const compliance = service.compliance
  let conditional = false
  if (request.locations !== undefined) {
    const allowed = request.locations
    const outside = compliance.dataLocations.filter(c => !allowed.countries.has(c))
    const inside = compliance.dataLocations.length > 0 && outside.length === 0
    const where = (): string => compliance.dataLocations.length === 0
      ? `states no data location (sym:dataLocation), so it cannot be shown to be within ${allowed.label}`
      : `keeps data in ${compliance.dataLocations.join(', ')}${inside ? `, within ${allowed.label}` : `; ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside ${allowed.label}`}`
    const safeguards = compliance.transferSafeguards
    if (inside) {
      check('dataLocation', true, where)
    } else if (safeguards.length > 0 && allowed.mode === 'safeguarded') {
      checks.push({ constraint: 'dataLocation', service: service.id, ok: true, warning: true, detail: details ? `${where()}; transfers under ${listing(safeguards.map(shortName))}` : '' })
    } else if (safeguards.length > 0) {
      check('dataLocation', false, () => `${where()}; it transfers under ${listing(safeguards.map(shortName))}, which the strict location mode does not accept`)
    } else if (allowed.scope === 'personal-data') {
      conditional = true
      check('dataLocation', true, () => `${where()}, without transfer safeguard: allowed only because none of its links carries personal data`)
    } else {
      check('dataLocation', false, () => `${where()}, and it states no transfer safeguard (sym:transferSafeguard)`)
    }
  }
  if (request.requireDPA) {
    check('requireDPA', compliance.offersDPA === true, () => compliance.offersDPA === true
      ? 'offers a data-processing agreement'
      : 'offers no data-processing agreement (sym:offersDPA is not true)')
  }
  if (request.certifications.length > 0) {
    const missing = request.certifications.filter(c => !compliance.certifications.includes(c))
    check('certifications', missing.length === 0, () => missing.length === 0
      ? `holds ${listing(request.certifications.map(shortName))}`
      : `lacks ${listing(missing.map(shortName))}`)
  }
  if (request.professionalSecrecy) {
    const suitable = compliance.suitableForProfessionalSecrecy === true
    check('professionalSecrecy', suitable, () => suitable
      ? 'suitable for professional-secrecy holders (§ 203 StGB)'
      : 'not declared suitable for professional-secrecy holders (§ 203 StGB)')
  }
  if (request.excludeProviders.size > 0) {
    const provider = service.provider
    const excluded = provider !== undefined && request.excludeProviders.has(provider)
    check('excludeProviders', !excluded, () => provider === undefined
      ? 'states no provider'
      : excluded ? `provider ${shortName(provider)} is excluded` : `provider ${shortName(provider)} is not excluded`)
  }
  for (const fact of request.facts) {
    const verdict = checkFact(fact, catalog?.facts(service.id, fact.property) ?? [], shortName)
    check('facts', verdict.ok, () => verdict.detail)
  }
  if (request.budget !== undefined) {
    const currency = request.budget.currency
    if (priced.cents !== null) {
      check('currency', true, () => `priced in ${currency} (offer ${shortName(priced.price.offer!)})`)
    } else {
      check('currency', false, () => `${priced.price.note ?? 'not priced'}; the budget is in ${currency}`)
    }
  }
  return { checks, violations: checks.filter(c => !c.ok).length, conditional }
}

/** Phrase for a message "no service provides X …" naming a constraint that removed candidates. */
export function constraintPhrase (constraint: ConstraintCheck['constraint'], request: ResolvedRequest): string {
  switch (constraint) {
    case 'dataLocation': return `within ${request.locations?.label ?? 'the allowed locations'}`
    case 'requireDPA': return 'with a data-processing agreement'
    case 'certifications': return `certified ${listing(request.certifications.map(shortName))}`
    case 'professionalSecrecy': return 'suitable for § 203 StGB'
    case 'excludeProviders': return 'from a provider that is not excluded'
    case 'currency': return `priced in ${request.budget?.currency ?? 'the budget currency'}`
    case 'facts': return `with ${listing(request.facts.map(f => factPhrase(f, shortName)))}`
    case 'budget': return 'within the budget'
    case 'personalData': return 'without personal data leaving the allowed locations'
  }
}
