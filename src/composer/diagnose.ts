/**
 * Why no bundle came back, and the nearest bundle. In order:
 * 1. with a budget, the cheapest bundle meeting every other constraint (`OVER_BUDGET`), when
 *    both the strict search and the search for it were proven;
 * 2. goals the relaxation proves unreachable under the constraints, each explained down to
 *    the blocking requirement or constraint (`GOAL_UNREACHABLE`), else `NO_VALID_WIRING`;
 * 3. services priced only in another currency than the budget's (`CURRENCY_MISMATCH`);
 * 4. the best bundle of the relaxed problem — constraints may be violated and items left
 *    open at a penalty — with what it would need (`NEAREST_BUNDLE`).
 * The searches of steps 1, 2 and 4 keep the context's deadline (the caller gives the diagnosis
 * its own share of the budget): each starts only while more time remains than building the
 * strict problem and its relaxation took (the part of a search that must finish before it can
 * find anything), and stops when the deadline passes; a search whose problem or relaxation the
 * deadline cut short adds nothing.
 */
import { buildBundle } from './bundle.js'
import { runSearch, type BuiltSearchRun, type CompositionContext } from './run-search.js'
import type { Item } from './items.js'
import { constraintPhrase } from './member-checks.js'
import type { Problem } from './problem.js'
import type { Relaxation } from './relaxation.js'
import type { FoundBundle } from './search.js'
import { catalogNamer, say, type ItemFacts, type MismatchFacts, type Namer } from './texts.js'
import type { Bundle, BundleNeed, CompositionIssue, ConstraintCheck, Texts } from './types.js'

/** Weights that rank by price alone (a service and a plugin match weigh far less than a cent). */
const priceOnly = { size: 0.001, degree: 0.0001, price: 1 }

export function diagnose (context: CompositionContext, strict: BuiltSearchRun): CompositionIssue[] {
  const { request } = context
  const namer = catalogNamer(context.catalog)
  const issues: CompositionIssue[] = []
  const fits = (): boolean => context.deadline.remaining() > strict.setupMs
  // Over budget only when the strict search proved that no bundle fits the budget, and the
  // search without it proved which bundle is the cheapest: a cut or timed-out search proves neither.
  if (request.budget !== undefined && strict.result.proven && fits()) {
    const cheapest = runSearch(context, { relaxed: false, budget: false, weights: priceOnly, wiring: request.wiring }, 1)
    const found = cheapest.built && cheapest.result.proven ? cheapest.result.bundles[0] : undefined
    if (cheapest.built && found !== undefined) {
      const budgetCents = Math.round(request.budget.amount * 100)
      const bundle = buildBundle(cheapest.problem, found, request.weights)
      const currency = request.budget.currency
      const over = say('OVER_BUDGET', { cheapest: found.cents, budget: budgetCents, currency, seats: request.seats }, namer)
      issues.push({ code: 'OVER_BUDGET', cheapest: found.cents / 100, budget: request.budget, seats: request.seats, message: over.en, messages: over })
      const need = say('NEED_BUDGET_AT_LEAST', { cheapest: found.cents, budget: budgetCents, currency }, namer)
      const nearest = say('NEAREST_BUNDLE_BUDGET', { services: bundle.services, cheapest: found.cents, currency }, namer)
      issues.push({
        code: 'NEAREST_BUNDLE',
        bundle,
        needs: [{ kind: 'budget', code: 'NEED_BUDGET_AT_LEAST', message: need.en, messages: need }],
        message: nearest.en,
        messages: nearest
      })
      return issues
    }
  }

  // Only a search that ended without running out of time shows that no acyclic wiring exists.
  if (request.wiring === 'dataflow' && strict.result.timedOut !== true && fits()) {
    const cycle = cycleIssue(context)
    if (cycle !== undefined) issues.push(cycle)
  }

  const relaxation = strict.relaxation
  const explainer = new Explainer(context, strict.problem, relaxation, namer)
  const unreachable = strict.problem.goals.filter(goal => relaxation.baseCost(goal) === Infinity)
  for (const goal of unreachable) {
    const why = explainer.why(goal, new Set())
    issues.push({ code: 'GOAL_UNREACHABLE', goal: { kind: goal.kind, type: goal.type }, blockedBy: why.blockedBy, message: why.texts.en, messages: why.texts })
  }
  if (unreachable.length === 0 && strict.result.proven) {
    const messages = say('NO_VALID_WIRING', { wiring: request.wiring }, namer)
    issues.push({ code: 'NO_VALID_WIRING', wiring: request.wiring, message: messages.en, messages })
  }

  if (!fits()) return issues
  const relaxed = runSearch(context, { relaxed: true, budget: false, weights: request.weights, wiring: request.wiring }, 1)
  // The relaxed problem was not built in time: neither its services nor a nearest bundle can be told.
  if (!relaxed.built) return issues
  if (request.budget !== undefined) {
    const currency = request.budget.currency
    const mismatched = currencyMismatches(relaxed.problem)
    if (mismatched.length > 0) {
      const messages = say('CURRENCY_MISMATCH', { services: mismatched, currency }, namer)
      issues.push({ code: 'CURRENCY_MISMATCH', services: mismatched, currency, message: messages.en, messages })
    }
  }
  const nearest = relaxed.result.bundles[0]
  if (nearest !== undefined && nearest.members.length > 0) {
    const bundle = buildBundle(relaxed.problem, nearest, request.weights)
    const needs = explainer.needs(relaxed.problem, nearest, bundle)
    const messages = say('NEAREST_BUNDLE', { services: bundle.services, needs: needs.map(n => n.messages) }, namer)
    issues.push({ code: 'NEAREST_BUNDLE', bundle, needs, message: messages.en, messages })
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
  const found = run.built ? run.result.bundles[0] : undefined
  if (!run.built || found === undefined) return undefined
  const bundle = buildBundle(run.problem, found, request.weights)
  const cycles = bundle.explanation.cycles
  if (cycles.length === 0) return undefined
  const needs = bundle.explanation.links.filter(l => l.mutual).map(l => l.consumerTexts)
  const messages = say('WIRING_CYCLE', { services: bundle.services, cycles, needs }, catalogNamer(context.catalog))
  return { code: 'WIRING_CYCLE', services: bundle.services, cycles, message: messages.en, messages }
}

/** Services relevant to a goal that violate nothing but the budget's currency. */
function currencyMismatches (relaxed: Problem): string[] {
  const relevant = new Set<number>()
  for (const goal of relaxed.goals) for (const s of relaxed.upstream(goal)) relevant.add(s)
  return [...relevant].sort((a, b) => a - b)
    .map(s => relaxed.table.entry(s))
    .filter(e => e.verdict.checks.some(c => c.constraint === 'currency' && !c.ok) && e.verdict.checks.every(c => c.ok || c.constraint === 'currency'))
    .map(e => e.service.id)
}

interface Why {
  readonly blockedBy: 'catalog' | 'constraints' | 'requirement'
  readonly texts: Texts
}

const maxNamed = 3

class Explainer {
  constructor (
    private readonly context: CompositionContext,
    private readonly strict: Problem,
    private readonly relaxation: Relaxation,
    private readonly namer: Namer
  ) {}

  /** Why an item cannot be satisfied under the constraints, following blocked requirements down. */
  why (item: Item, visiting: Set<string>): Why {
    const { links, table } = this.context
    const namer = this.namer
    const facts = itemFacts(item)
    const shared = links.of(item)
    // Requirement links are shared by all services requiring the same interface: not the service itself.
    const notItself = (link: { provider: number }): boolean => item.kind !== 'requires' || link.provider !== item.consumer
    const all = { satisfiers: shared.satisfiers.filter(notItself), mismatches: shared.mismatches.filter(notItself) }
    if (all.satisfiers.length === 0) {
      if (all.mismatches.length > 0 && item.kind === 'requires') {
        const mismatches: MismatchFacts[] = all.mismatches.slice(0, maxNamed).map(m => ({
          service: table.services[m.provider]!.id, issues: m.issues, degree: m.degree, required: item.node, provided: m.node, requiredTypes: item.node.types
        }))
        return { blockedBy: 'catalog', texts: say('WHY_INCOMPATIBLE', { item: facts, mismatches, more: Math.max(0, all.mismatches.length - maxNamed) }, namer) }
      }
      return { blockedBy: 'catalog', texts: say('WHY_NO_PROVIDER', { item: facts }, namer) }
    }
    const options = this.strict.options(item)
    if (options.length === 0) {
      const candidates = [...new Set(all.satisfiers.map(s => s.provider).filter(p => p >= 0))]
      const failed: ConstraintCheck[] = candidates.flatMap(p => table.entry(p).verdict.checks.filter(c => !c.ok))
      const constraints = [...new Set(failed.map(c => c.constraint))]
      if (constraints.length === 0) constraints.push('personalData')
      return {
        blockedBy: 'constraints',
        texts: say('WHY_CONSTRAINTS', {
          item: facts,
          constraints: constraints.map(c => constraintPhrase(c, this.context.request, namer)),
          candidates: candidates.slice(0, maxNamed).map(p => ({
            service: table.services[p]!.id,
            failed: table.entry(p).verdict.checks.filter(c => !c.ok).map(c => c.details)
          })),
          more: Math.max(0, candidates.length - maxNamed)
        }, namer)
      }
    }
    const providers = options.filter(o => o.provider >= 0)
    const first = providers[0]!
    const choice = { item: facts, provider: table.services[first.provider]!.id, others: providers.length - 1 }
    const requirement = this.strict.requirementsOf(first.provider).find(r => this.relaxation.baseCost(r) === Infinity)
    if (requirement === undefined || visiting.has(requirement.key)) {
      return { blockedBy: 'requirement', texts: say('WHY_REQUIREMENTS_OPEN', choice, namer) }
    }
    visiting.add(item.key)
    const below = this.why(requirement, visiting)
    return { blockedBy: 'requirement', texts: say('WHY_REQUIREMENT_BLOCKED', { ...choice, requirement: itemFacts(requirement).types, below: below.texts }, namer) }
  }

  /** What the nearest bundle lacks: violated constraints, items left open, the budget. */
  needs (relaxed: Problem, found: FoundBundle, bundle: Bundle): BundleNeed[] {
    const needs: BundleNeed[] = []
    const namer = this.namer
    const budget = this.context.request.budget
    for (const check of bundle.explanation.constraints) {
      if (check.ok) continue
      if (check.constraint === 'budget') {
        // Unpriced members are named by their currency check; the budget matters only when the priced ones exceed it.
        if (budget !== undefined && Math.round(bundle.price.monthly * 100) > Math.round(budget.amount * 100)) {
          const messages = say('NEED_LARGER_BUDGET', { detail: check.details }, namer)
          needs.push({ kind: 'budget', code: 'NEED_LARGER_BUDGET', message: messages.en, messages })
        }
      } else {
        const messages = say('NEED_CONSTRAINT', { ...(check.service === undefined ? {} : { service: check.service }), constraint: check.constraint, detail: check.details }, namer)
        needs.push({ kind: 'constraint', code: 'NEED_CONSTRAINT', ...(check.service === undefined ? {} : { service: check.service }), constraint: check.constraint, message: messages.en, messages })
      }
    }
    for (const { item, option } of found.assignments) {
      if (option !== null) continue
      const why = this.why(item, new Set())
      if (item.kind === 'requires') {
        const consumer = relaxed.table.services[item.consumer]!.id
        const messages = say('NEED_REQUIREMENT', { service: consumer, interfaceTypes: item.node.types, why: why.texts }, namer)
        needs.push({ kind: 'requirement', code: 'NEED_REQUIREMENT', service: consumer, message: messages.en, messages })
      } else {
        const messages = say('NEED_GOAL', { why: why.texts }, namer)
        needs.push({ kind: 'goal', code: 'NEED_GOAL', message: messages.en, messages })
      }
    }
    return needs
  }
}

function itemFacts (item: Item): ItemFacts {
  return { kind: item.kind, types: item.kind === 'requires' ? item.node.types : [item.type] }
}
