/**
 * Turning a found set of services into the answer's bundle: links, price for the seats,
 * ranking cost and score, and the explanation (why each member, each link's degree and class
 * path, each constraint check).
 */
import { flat } from './member-checks.js'
import { fromCents } from './names.js'
import type { Problem } from './problem.js'
import type { Weights } from './resolve-request.js'
import type { FoundBundle } from './search.js'
import type {
  Bundle, BundleLink, BundlePrice, ConstraintCheck, CostExplanation, LinkExplanation, MemberExplanation, MemberReason, Texts
} from './types.js'
import { catalogNamer, joinTexts, say, type Namer, type PersonalDataPlace } from './texts.js'
import { cyclesOf, wiringOrder } from './wiring.js'

/** Builds the answer's bundle; costs use the request's weights, whatever problem found it. */
export function buildBundle (problem: Problem, found: FoundBundle, weights: Weights): Bundle {
  const { table, request } = problem
  const namer = catalogNamer(problem.catalog)
  const iri = (s: number): string => table.services[s]!.id
  const members = found.members.map(iri)

  const links: BundleLink[] = []
  const reasons = new Map<number, MemberReason[]>(found.members.map(m => [m, []]))
  let pluginMatches = 0
  for (const { item, option } of found.assignments) {
    if (option === null) continue
    if (option.degree === 'plugin') pluginMatches++
    const why = option.provider >= 0 ? reasons.get(option.provider)! : undefined
    switch (item.kind) {
      case 'serviceType':
        why?.push({ reason: 'serviceType', serviceType: item.type })
        break
      case 'wanted':
        why?.push({ reason: 'wanted', wanted: item.type, interface: option.node!.id, degree: option.degree! })
        break
      case 'requires':
        why?.push({ reason: 'requirement', of: iri(item.consumer), interface: item.node.id, interfaceTypes: item.node.types })
        links.push({
          from: option.provider >= 0 ? iri(option.provider) : option.availableType!,
          to: iri(item.consumer),
          interface: item.node.id,
          interfaceTypes: item.node.types,
          providedInterface: option.node?.id ?? null,
          providedTypes: option.node?.types ?? [option.availableType!],
          degree: option.degree!,
          available: option.provider < 0,
          carriesData: option.carriesData
        })
        break
    }
  }
  const order = wiringOrder(found.members, found.edges).map(iri)
  const cycles = cyclesOf(found.members, found.edges).map(group => group.map(iri).sort(compare))
  const cycleOf = new Map<string, number>()
  cycles.forEach((group, i) => { for (const member of group) cycleOf.set(member, i) })
  const mutual = (link: BundleLink): boolean => !link.available && cycleOf.has(link.from) && cycleOf.get(link.from) === cycleOf.get(link.to)
  const position = new Map(order.map((service, i) => [service, i]))
  // In wiring order of the requiring member, then by content: blank-node labels differ between parses.
  links.sort((a, b) => position.get(a.to)! - position.get(b.to)! || compare(a.interfaceTypes.join(' '), b.interfaceTypes.join(' ')) ||
    compare(a.from, b.from) || compare(a.interface, b.interface))

  const price = bundlePrice(problem, found.members)
  const cost = costOf(weights, members.length, pluginMatches, price.monthly)
  const memberExplanations: MemberExplanation[] = found.members
    .map(m => {
      const texts = reasonTexts(reasons.get(m)!, namer)
      return { service: iri(m), why: reasons.get(m)!, text: texts.en, texts }
    })
    .sort((a, b) => compare(a.service, b.service))

  const checks: ConstraintCheck[] = []
  for (const m of [...found.members].sort((a, b) => compare(iri(a), iri(b)))) checks.push(...table.entry(m).verdict.checks)
  checks.push(...personalDataChecks(problem, found, namer))
  if (request.budget !== undefined) {
    const budgetCents = Math.round(request.budget.amount * 100)
    const total = Math.round(price.monthly * 100)
    const facts = { monthly: total, currency: price.currency, seats: request.seats, budget: budgetCents, budgetCurrency: request.budget.currency }
    const [code, params] = price.unpriced.length === 0
      ? ['BUDGET', facts] as const
      : ['BUDGET_UNCHECKED', { unpriced: price.unpriced, ...facts }] as const
    const details = say(code, params, namer)
    checks.push({ constraint: 'budget', ok: total <= budgetCents && price.unpriced.length === 0, code, params: flat(params), detail: details.en, details })
  }

  return {
    services: members,
    links,
    price,
    score: scoreOf(cost.total),
    explanation: {
      members: memberExplanations,
      links: links.map(link => linkExplanation(problem, link, mutual(link), namer)),
      constraints: checks,
      wiringOrder: order,
      cycles,
      wiring: problem.mode.wiring,
      cost
    }
  }
}

/** The ranking cost of a bundle (see `CompositionPreferences`). */
export function costOf (weights: Weights, services: number, pluginMatches: number, price: number): CostExplanation {
  const total = weights.size * services + weights.degree * pluginMatches + weights.price * price
  return { services, pluginMatches, price, total: Math.round(total * 1e9) / 1e9 }
}

/** `1 / (1 + cost)`, rounded to 9 decimals. */
export function scoreOf (cost: number): number {
  return Math.round(1e9 / (1 + cost)) / 1e9
}

/** Best first: higher score, then the sorted member IRIs. */
export function compareBundles (a: Bundle, b: Bundle): number {
  const d = b.score - a.score
  if (d !== 0) return d
  const n = Math.min(a.services.length, b.services.length)
  for (let i = 0; i < n; i++) {
    const c = compare(a.services[i]!, b.services[i]!)
    if (c !== 0) return c
  }
  return a.services.length - b.services.length
}

function bundlePrice (problem: Problem, members: readonly number[]): BundlePrice {
  const { table, request } = problem
  const entries = members.map(m => table.entry(m)).sort((a, b) => compare(a.service.id, b.service.id))
  const cents = entries.reduce((sum, e) => sum + (e.priced.cents ?? 0), 0)
  return {
    seats: request.seats,
    concurrentSeats: request.concurrentSeats,
    currency: table.currency,
    monthly: fromCents(cents),
    unpriced: entries.filter(e => e.priced.cents === null).map(e => e.service.id),
    breakdown: entries.map(e => e.priced.price)
  }
}

/** With scope `personal-data`: each link of a member outside the allowed locations without safeguard. */
function personalDataChecks (problem: Problem, found: FoundBundle, namer: Namer): ConstraintCheck[] {
  if (problem.request.locations?.scope !== 'personal-data') return []
  const { table } = problem
  const checks: ConstraintCheck[] = []
  for (const { item, option } of found.assignments) {
    if (option === null) continue
    const ends = [option.provider, ...(item.kind === 'requires' ? [item.consumer] : [])]
    for (const end of ends) {
      if (end < 0 || !table.entry(end).assessment.conditional) continue
      const place: PersonalDataPlace = item.kind === 'requires'
        ? { kind: 'link', from: option.provider >= 0 ? table.services[option.provider]!.id : option.availableType!, to: table.services[item.consumer]!.id, types: item.node.types }
        : { kind: item.kind, type: item.type }
      const [code, params] = option.carriesData.length === 0
        ? ['NO_PERSONAL_DATA', { place }] as const
        : ['PERSONAL_DATA', { place, data: option.carriesData }] as const
      const details = say(code, params, namer)
      checks.push({
        constraint: 'personalData',
        service: table.services[end]!.id,
        ok: option.carriesData.length === 0,
        code,
        params: flat(params),
        detail: details.en,
        details
      })
    }
  }
  return checks
}

function linkExplanation (problem: Problem, link: BundleLink, mutual: boolean, namer: Namer): LinkExplanation {
  const hierarchy = problem.catalog.hierarchy
  let path: readonly string[] = []
  for (const provided of link.providedTypes) {
    for (const required of link.interfaceTypes) {
      const p = hierarchy.path(provided, required)
      if (p !== undefined && (path.length === 0 || p.length < path.length)) path = p
    }
  }
  const facts = {
    from: link.from, to: link.to, available: link.available, provided: link.providedTypes, required: link.interfaceTypes,
    degree: link.degree, path, mutual
  }
  const texts = say('LINK', facts, namer)
  const consumerTexts = say('LINK_CONSUMER', facts, namer)
  return {
    from: link.from,
    to: link.to,
    interface: link.interface,
    degree: link.degree,
    path,
    mutual,
    text: texts.en,
    texts,
    consumerText: consumerTexts.en,
    consumerTexts
  }
}

function reasonTexts (why: readonly MemberReason[], namer: Namer): Texts {
  return joinTexts(why.map(r => {
    switch (r.reason) {
      case 'serviceType': return say('REASON_SERVICE_TYPE', { serviceType: r.serviceType }, namer)
      case 'wanted': return say('REASON_WANTED', { wanted: r.wanted, degree: r.degree }, namer)
      case 'requirement': return say('REASON_REQUIREMENT', { interfaceTypes: r.interfaceTypes, of: r.of }, namer)
    }
  }), '; ')
}

function compare (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
