/**
 * Why no bundle came back, and the nearest bundle. In order:
 * 1. with a budget, the cheapest bundle meeting every other constraint (`OVER_BUDGET`);
 * 2. goals the relaxation proves unreachable under the constraints, each explained down to
 *    the blocking requirement or constraint (`GOAL_UNREACHABLE`), else `NO_VALID_WIRING`;
 * 3. services priced only in another currency than the budget's (`CURRENCY_MISMATCH`);
 * 4. the best bundle of the relaxed problem — constraints may be violated and items left
 *    open at a penalty — with what it would need (`NEAREST_BUNDLE`).
 */
import { buildBundle } from './bundle.js'
import { runSearch, type CompositionContext, type SearchRun } from './run-search.js'
import type { Item } from './items.js'
import { constraintPhrase } from './member-checks.js'
import { formatMoney, listing, shortName } from './names.js'
import type { Problem } from './problem.js'
import type { Relaxation } from './relaxation.js'
import type { FoundBundle } from './search.js'
import type { Bundle, BundleNeed, CompositionIssue, ConstraintCheck } from './types.js'

/** Weights that rank by price alone (a service and a plugin match weigh far less than a cent). */
const priceOnly = { size: 0.001, degree: 0.0001, price: 1 }

export function diagnose (context: CompositionContext, strict: SearchRun): CompositionIssue[] {
  const { request } = context
  const issues: CompositionIssue[] = []
  if (request.budget !== undefined) {
    const cheapest = runSearch(context, { relaxed: false, budget: false, weights: priceOnly, wiring: request.wiring }, 1)
    const found = cheapest.result.bundles[0]
    if (found !== undefined) {
      const budgetCents = Math.round(request.budget.amount * 100)
      const bundle = buildBundle(cheapest.problem, found, request.weights)
      const cost = formatMoney(found.cents, request.budget.currency)
      const budget = formatMoney(budgetCents, request.budget.currency)
      issues.push({
        code: 'OVER_BUDGET',
        cheapest: found.cents / 100,
        budget: request.budget,
        message: `cheapest valid bundle costs ${cost} a month for ${request.seats} seats, budget ${budget}`
      })
      issues.push({
        code: 'NEAREST_BUNDLE',
        bundle,
        needs: [{ kind: 'budget', message: `a budget of at least ${cost} (is ${budget})` }],
        message: `nearest bundle ${bundle.services.map(shortName).join(', ')} would need a budget of at least ${cost}`
      })
      return issues
    }
  }

  if (request.wiring === 'dataflow') {
    const cycle = cycleIssue(context)
    if (cycle !== undefined) issues.push(cycle)
  }

  const relaxation = strict.relaxation
  const explainer = new Explainer(context, strict.problem, relaxation)
  const unreachable = strict.problem.goals.filter(goal => relaxation.baseCost(goal) === Infinity)
  for (const goal of unreachable) {
    const why = explainer.why(goal, new Set())
    issues.push({ code: 'GOAL_UNREACHABLE', goal: { kind: goal.kind, type: goal.type }, blockedBy: why.blockedBy, message: why.text })
  }
  if (unreachable.length === 0 && strict.result.proven) {
    issues.push({
      code: 'NO_VALID_WIRING',
      message: request.wiring === 'dataflow'
        ? 'each goal is reachable on its own, but no set of services wires together: protocols, data formats or versions disagree, links would form a cycle, or personal data would reach a member outside the allowed locations'
        : 'each goal is reachable on its own, but no set of services wires together: protocols, data formats or versions disagree, or personal data would reach a member outside the allowed locations'
    })
  }

  const relaxed = runSearch(context, { relaxed: true, budget: false, weights: request.weights, wiring: request.wiring }, 1)
  if (request.budget !== undefined) {
    const currency = request.budget.currency
    const mismatched = currencyMismatches(relaxed.problem)
    if (mismatched.length > 0) {
      issues.push({
        code: 'CURRENCY_MISMATCH',
        services: mismatched,
        currency,
        message: `${listing(mismatched.map(shortName))} ${mismatched.length === 1 ? 'is' : 'are'} not priced in ${currency}, the budget's currency; prices are never converted`
      })
    }
  }
  const nearest = relaxed.result.bundles[0]
  if (nearest !== undefined && nearest.members.length > 0) {
    const bundle = buildBundle(relaxed.problem, nearest, request.weights)
    const needs = explainer.needs(relaxed.problem, nearest, bundle)
    issues.push({
      code: 'NEAREST_BUNDLE',
      bundle,
      needs,
      message: `nearest bundle ${bundle.services.map(shortName).join(', ')} would need: ${needs.map(n => n.message).join('; ')}`
    })
  }
  return issues
}

/**
 * Dataflow wiring found nothing: is there a bundle whose members need each other? Static
 * wiring accepts it; name the members that would have to fire before one another.
 */
function cycleIssue (context: CompositionContext): CompositionIssue | undefined {
  const { request } = context
  const run = runSearch(context, { relaxed: false, budget: request.budget !== undefined, weights: request.weights, wiring: 'static' }, 1)
  const found = run.result.bundles[0]
  if (found === undefined) return undefined
  const bundle = buildBundle(run.problem, found, request.weights)
  const cycles = bundle.explanation.cycles
  if (cycles.length === 0) return undefined
  const needs = bundle.explanation.links.filter(l => l.mutual).map(l => l.consumerText)
  return {
    code: 'WIRING_CYCLE',
    services: bundle.services,
    cycles,
    message: `in dataflow wiring a member provides only after its own requirements are met, so members that need each other have no order to fire in: ${cycles.map(c => c.map(shortName).join(' ⇄ ')).join('; ')} (${needs.join('; ')}). ` +
      `With static wiring ("wiring": "static", the default) the bundle ${bundle.services.map(shortName).join(', ')} is valid`
  }
}

/** Services relevant to a goal that violate nothing but the budget's currency. */
function currencyMismatches (relaxed: Problem): string[] {
  const relevant = new Set<number>()
  for (const goal of relaxed.goals) for (const s of relaxed.upstream(goal)) relevant.add(s)
  return [...relevant].sort((a, b) => a - b)
    .map(s => relaxed.table.entries[s]!)
    .filter(e => e.verdict.checks.some(c => c.constraint === 'currency' && !c.ok) && e.verdict.checks.every(c => c.ok || c.constraint === 'currency'))
    .map(e => e.service.id)
}

interface Why {
  readonly blockedBy: 'catalog' | 'constraints' | 'requirement'
  readonly text: string
}

const maxNamed = 3

class Explainer {
  constructor (
    private readonly context: CompositionContext,
    private readonly strict: Problem,
    private readonly relaxation: Relaxation
  ) {}

  /** Why an item cannot be satisfied under the constraints, following blocked requirements down. */
  why (item: Item, visiting: Set<string>): Why {
    const { links, table } = this.context
    const what = describe(item)
    const shared = links.of(item)
    // Requirement links are shared by all services requiring the same interface: not the service itself.
    const notItself = (link: { provider: number }): boolean => item.kind !== 'requires' || link.provider !== item.consumer
    const all = { satisfiers: shared.satisfiers.filter(notItself), mismatches: shared.mismatches.filter(notItself) }
    if (all.satisfiers.length === 0) {
      if (all.mismatches.length > 0) {
        const named = all.mismatches.slice(0, maxNamed)
          .map(m => `${shortName(table.entries[m.provider]!.service.id)}: ${m.problems.join('; ') || m.degree}`)
        const more = all.mismatches.length > maxNamed ? `; and ${all.mismatches.length - maxNamed} more` : ''
        return { blockedBy: 'catalog', text: `no service in the catalog ${what} with a compatible protocol, data format or version (${named.join('; ')}${more})` }
      }
      return { blockedBy: 'catalog', text: `no service in the catalog ${what}${item.kind === 'requires' ? ' and no available interface type satisfies it' : ''}` }
    }
    const options = this.strict.options(item)
    if (options.length === 0) {
      const candidates = [...new Set(all.satisfiers.map(s => s.provider).filter(p => p >= 0))]
      const failed: ConstraintCheck[] = candidates.flatMap(p => table.entries[p]!.verdict.checks.filter(c => !c.ok))
      const constraints = [...new Set(failed.map(c => c.constraint))]
      if (constraints.length === 0) constraints.push('personalData')
      const details = candidates.slice(0, maxNamed).map(p => {
        const checks = table.entries[p]!.verdict.checks.filter(c => !c.ok)
        return `${shortName(table.entries[p]!.service.id)}: ${checks.length > 0 ? checks.map(c => c.detail).join(', ') : 'personal data on the link'}`
      })
      const more = candidates.length > maxNamed ? `; and ${candidates.length - maxNamed} more` : ''
      return {
        blockedBy: 'constraints',
        text: `no service in the catalog ${what} ${constraints.map(c => constraintPhrase(c, this.context.request)).join(' and ')} (${details.join('; ')}${more})`
      }
    }
    const providers = options.filter(o => o.provider >= 0)
    const first = providers[0]!
    const name = shortName(table.entries[first.provider]!.service.id)
    const others = providers.length > 1 ? ` (and ${providers.length - 1} other service${providers.length > 2 ? 's' : ''})` : ''
    const requirement = this.strict.requirementsOf(first.provider).find(r => this.relaxation.baseCost(r) === Infinity)
    if (requirement === undefined || visiting.has(requirement.key)) {
      return { blockedBy: 'requirement', text: `${subject(item)} ${verb(item)} ${name}${others}, but its requirements cannot all be satisfied` }
    }
    visiting.add(item.key)
    const below = this.why(requirement, visiting)
    return { blockedBy: 'requirement', text: `${subject(item)} ${verb(item)} ${name}${others}, but ${name} requires ${typesOf(requirement)}: ${below.text}` }
  }

  /** What the nearest bundle lacks: violated constraints, items left open, the budget. */
  needs (relaxed: Problem, found: FoundBundle, bundle: Bundle): BundleNeed[] {
    const needs: BundleNeed[] = []
    const budget = this.context.request.budget
    for (const check of bundle.explanation.constraints) {
      if (check.ok) continue
      if (check.constraint === 'budget') {
        // Unpriced members are named by their currency check; the budget matters only when the priced ones exceed it.
        if (budget !== undefined && Math.round(bundle.price.monthly * 100) > Math.round(budget.amount * 100)) {
          needs.push({ kind: 'budget', message: `a larger budget: ${check.detail}` })
        }
      } else {
        needs.push({ kind: 'constraint', ...(check.service === undefined ? {} : { service: check.service }), message: `${check.service === undefined ? check.constraint : shortName(check.service)}: ${check.detail}` })
      }
    }
    for (const { item, option } of found.assignments) {
      if (option !== null) continue
      const why = this.why(item, new Set())
      if (item.kind === 'requires') {
        const consumer = relaxed.table.entries[item.consumer]!.service.id
        needs.push({ kind: 'requirement', service: consumer, message: `${shortName(consumer)} requires ${typesOf(item)}: ${why.text}` })
      } else {
        needs.push({ kind: 'goal', message: why.text })
      }
    }
    return needs
  }
}

function describe (item: Item): string {
  return item.kind === 'serviceType' ? `is a ${shortName(item.type)}` : `provides ${typesOf(item)}`
}

function subject (item: Item): string {
  return item.kind === 'serviceType' ? `service type ${shortName(item.type)}` : typesOf(item)
}

function verb (item: Item): string {
  return item.kind === 'serviceType' ? 'has instance' : 'is provided by'
}

function typesOf (item: Item): string {
  return item.kind === 'requires' ? item.node.types.map(shortName).join(' and ') || '(an untyped interface)' : shortName(item.type)
}
