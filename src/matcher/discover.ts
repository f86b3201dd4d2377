/**
 * Discovery: services whose `sym:provides` satisfy every wanted type and whose
 * `sym:requires` are satisfied by the available types — the full matches — and, after them,
 * the near misses: services lacking some of their inputs, or providing a close relative of a
 * wanted type. Ranked by the semantics (`discovery-score.ts`, docs/discovery-ranking.md).
 *
 * Decisions, stated once:
 * - Items are the wanted types and the mandatory requirements of a service. An item is met
 *   with a degree (exact, plugin, subsumes) or missing. A wanted type is missing when no
 *   provided type is comparable; a requirement when some of its types no available type meets.
 * - A full match meets every item exactly or as a plugin, and uses an available type when
 *   there are any. A partial match has one kind of shortfall: an item met only as `subsumes`;
 *   missing inputs; using none of the available types (a service that needs nothing); or
 *   missing wanted types, each with a related provided type (Wu–Palmer similarity > 0). A
 *   service with two kinds, or more items missing than met, is not listed.
 * - Optional requirements never block; they are explained, met or not, and break ties.
 * - A result's degree is the worst over its met items.
 * - Protocols, formats and versions play no part: available and wanted are bare types, and
 *   each available type stands for its own interface (one requirement's types may be covered
 *   by different available types).
 * - With no wanted type, every service is a candidate.
 * - Only the `offset + limit` best results are kept while ranking (top-k selection, no full
 *   sort); the first `offset` of them are skipped (paging).
 */
import type { Catalog, ClassHierarchy, Service } from '../catalog/index.js'
import { classDepth, wuPalmer } from '../catalog/class-similarity.js'
import { bestTypeMatch, compareStrings, coverTypes, degreeRank, effectiveTypes, worse } from './degree.js'
import { combine, compareFit, compareRankKeys, degreeQuality, fitOf, relatedQuality, round6, type RankKey, type ScoreParts } from './discovery-score.js'
import { discoveryIndex } from './discovery-index.js'
import { AvailableTypes, Prescreen } from './discovery-prescreen.js'
import { discoveryWhy, type DiscoveryWhy, type MissingItem } from './discovery-why.js'
import { requireKnownClasses, validateDiscoveryRequest, type DiscoveryRequest } from './request.js'
import { say } from './texts.js'
import { TopK } from './top-k.js'
import { nextTurn, SliceClock } from '../turns.js'
import type { Degree, MatchDegree, Texts, TypeMatch } from './types.js'
import { catalogNamer, type Namer } from './writer.js'

export type { MissingItem, DiscoveryWhy, DiscoveryWhyCode } from './discovery-why.js'
export type { ScoreParts } from './discovery-score.js'

/** How one wanted type is provided. */
export interface WantedExplanation {
  readonly wanted: string
  /** The provided interface node that satisfies it best. */
  readonly interface: string
  /** Its type covering the wanted one. */
  readonly type: string
  readonly degree: MatchDegree
  readonly distance: number
  /** Class chain: provided type … wanted type (exact, plugin) or wanted … provided (subsumes). */
  readonly path: readonly string[]
  /** In a sentence, in the answer's language (English unless asked otherwise). */
  readonly message: string
  /** In a sentence, in every language. */
  readonly messages: Texts
}

/** How one requirement of the service is met by the available types. */
export interface RequirementExplanation {
  readonly interface: string
  readonly optional: boolean
  readonly degree: Degree
  readonly distance: number
  /** Per required type: the available type covering it (`provided`), or `fail`. */
  readonly types: readonly TypeMatch[]
  /** In a sentence, in the answer's language (English unless asked otherwise). */
  readonly message: string
  /** In a sentence, in every language. */
  readonly messages: Texts
}

export interface DiscoveryExplanation {
  /** The wanted types the service provides (missing ones are in the result's `missing`). */
  readonly wanted: readonly WantedExplanation[]
  readonly requires: readonly RequirementExplanation[]
}

/** An explanation as ranking builds it: the sentences are written for the kept results only. */
interface PlainExplanation {
  readonly wanted: ReadonlyArray<Omit<WantedExplanation, 'message' | 'messages'>>
  readonly requires: ReadonlyArray<Omit<RequirementExplanation, 'message' | 'messages'>>
}

export interface DiscoveryResult {
  readonly service: string
  /** `full`: every item met exactly or as a plugin; `partial`: a more general type or a near miss. */
  readonly match: 'full' | 'partial'
  /** The worst degree over the met items. */
  readonly degree: MatchDegree
  /** In [0, 1]: 0.4 · output + 0.3 · requirements + 0.3 · inputUse. */
  readonly score: number
  readonly parts: ScoreParts
  /** How many of the request's available types the service uses. */
  readonly uses: number
  /** What a near miss lacks (empty for a full match). */
  readonly missing: readonly MissingItem[]
  /** The reason in one line, English and German. */
  readonly why: DiscoveryWhy
  readonly explanation: DiscoveryExplanation
}

export interface DiscoveryAnswer {
  readonly results: readonly DiscoveryResult[]
}

type Ranked = RankKey & {
  readonly result: Omit<DiscoveryResult, 'why' | 'explanation'> & { readonly explanation: PlainExplanation }
  readonly requirementCount: number
  readonly general?: string
}

/**
 * The request `discover` answers, checked as it checks it: validated (`INVALID_REQUEST`), then
 * its classes against the hierarchy (`UNKNOWN_CLASS`). A caller that answers it elsewhere (a
 * worker thread) checks it first with this, so the same errors come from the same place.
 */
export function checkDiscoveryRequest (catalog: Catalog, input: unknown): DiscoveryRequest {
  const request = validateDiscoveryRequest(input)
  requireKnownClasses(catalog, request.available, 'available')
  requireKnownClasses(catalog, request.wanted, 'wanted')
  return request
}

/**
 * Answers a discovery request. The request is validated here too (`INVALID_REQUEST`), and its
 * classes checked against the hierarchy (`UNKNOWN_CLASS`).
 *
 * @example
 * discover(catalog, { available: [sym + 'ContactLookupAPI'], wanted: [sym + 'CallEventFeed'], limit: 10 })
 * // { results: [{ service: ex + 'AcmePBX', match: 'full', degree: 'exact', score: 1, … }] }
 */
export function discover (catalog: Catalog, input: unknown): DiscoveryAnswer {
  const steps = discoverySteps(catalog, input)
  let step = steps.next()
  while (step.done !== true) step = steps.next()
  return step.value
}

/**
 * `discover` a slice of a few milliseconds at a time, with a turn of the event loop between
 * slices: a server answering on its own thread (no composition worker holds the catalog yet)
 * keeps answering its other requests meanwhile. The same answer and the same errors.
 */
export async function discoverInSlices (catalog: Catalog, input: unknown, clock = new SliceClock()): Promise<DiscoveryAnswer> {
  const steps = discoverySteps(catalog, input, clock)
  let step = steps.next()
  while (step.done !== true) {
    await nextTurn()
    clock.start()
    step = steps.next()
  }
  return step.value
}

/** Candidates evaluated between two looks at the clock. */
const candidatesPerLook = 64

/** The discovery, yielding whenever `clock`'s slice is over (never without a clock). */
function * discoverySteps (catalog: Catalog, input: unknown, clock?: SliceClock): Generator<void, DiscoveryAnswer> {
  const request = checkDiscoveryRequest(catalog, input)
  const { hierarchy } = catalog
  const top = new TopK<Ranked>(request.offset + request.limit, compareRankKeys)
  const index = discoveryIndex(catalog)
  const available = new AvailableTypes(request.available, hierarchy, index)
  const context = new Context(request, hierarchy, available)
  const prescreen = new Prescreen(request, hierarchy, index, available, required => context.closestAvailable(required))
  let looked = 0
  for (const s of yield * index.candidateSteps(request, clock)) {
    if (clock !== undefined && ++looked % candidatesPerLook === 0 && clock.over()) yield
    // Cheap first: the degrees decide the fit; skip what cannot make the cut.
    const fit = prescreen.fit(s)
    if (fit === undefined || (top.threshold !== undefined && compareFit(fit, top.threshold) > 0)) continue
    const ranked = evaluate(index.service(s), context)
    if (ranked !== undefined && ranked.score >= request.minScore) top.push(ranked)
  }
  const namer = catalogNamer(catalog)
  return {
    results: top.sorted().slice(request.offset).map(r => ({
      ...r.result,
      explanation: explain(r.result.explanation, namer),
      why: discoveryWhy({
        match: r.result.match,
        uses: r.uses,
        available: request.available.length,
        requirements: r.requirementCount,
        missing: r.result.missing,
        ...(r.general === undefined ? {} : { general: r.general })
      }, namer)
    })).map(({ service, match, degree, score, parts, uses, missing, why, explanation }) =>
      ({ service, match, degree, score, parts, uses, missing, why, explanation }))
  }
}

/** The explanation with its sentences. */
function explain (explanation: PlainExplanation, namer: Namer): DiscoveryExplanation {
  return {
    wanted: explanation.wanted.map(w => {
      const messages = say('WANTED_PROVIDED', w, namer)
      return { ...w, message: messages.en, messages }
    }),
    requires: explanation.requires.map(q => {
      const messages = q.degree === 'fail' ? say('REQUIRES_UNMET', q, namer) : say('REQUIRES_MET', q, namer)
      return { ...q, message: messages.en, messages }
    })
  }
}

/** Per-request memos: the available types are fixed for the request. */
class Context {
  readonly #bestAvailable = new Map<string, TypeMatch>()
  readonly #closestAvailable = new Map<string, { closest?: string, similarity: number }>()
  constructor (readonly request: DiscoveryRequest, readonly hierarchy: ClassHierarchy, readonly available: AvailableTypes) {}

  /** The best available type for a required one: the best of those comparable to it (any other fails). */
  bestAvailable = (required: string): TypeMatch => {
    let match = this.#bestAvailable.get(required)
    if (match === undefined) this.#bestAvailable.set(required, match = bestTypeMatch(required, this.available.comparable(required), this.hierarchy))
    return match
  }

  closestAvailable (required: string): { closest?: string, similarity: number } {
    let found = this.#closestAvailable.get(required)
    if (found === undefined) this.#closestAvailable.set(required, found = closest(required, this.request.available, this.hierarchy))
    return found
  }
}

/** The most similar of `types` to `c` (similarity > 0), ties to the deeper class, then the smaller IRI. */
function closest (c: string, types: readonly string[], hierarchy: ClassHierarchy): { closest?: string, similarity: number } {
  let best: string | undefined
  let bestSimilarity = 0
  for (const t of types) {
    const s = wuPalmer(hierarchy, c, t)
    if (s <= 0) continue
    if (best === undefined || s > bestSimilarity ||
      (s === bestSimilarity && (classDepth(hierarchy, t) - classDepth(hierarchy, best) || compareStrings(best, t)) > 0)) {
      best = t
      bestSimilarity = s
    }
  }
  return best === undefined ? { similarity: 0 } : { closest: best, similarity: bestSimilarity }
}

function evaluate (service: Service, context: Context): Ranked | undefined {
  const { request, hierarchy } = context
  let degree: Degree = 'exact'
  let distance = 0
  let met = 0
  let general: string | undefined
  const missing: MissingItem[] = []
  let missingOutputs = 0
  let missingInputs = 0

  const wanted: Array<PlainExplanation['wanted'][number]> = []
  let outputQuality = 0
  for (const type of request.wanted) {
    let best: PlainExplanation['wanted'][number] | undefined
    let related: { closest?: string, similarity: number } = { similarity: 0 }
    for (const node of service.provides) {
      const types = effectiveTypes(node.types, hierarchy)
      const match = bestTypeMatch(type, types, hierarchy)
      if (match.degree === 'fail') {
        if (request.includePartial && best === undefined) {
          const near = closest(type, types, hierarchy)
          if (near.similarity > related.similarity) related = near
        }
        continue
      }
      const candidate: PlainExplanation['wanted'][number] = {
        wanted: type, interface: node.id, type: match.provided!, degree: match.degree, distance: match.distance, path: match.path
      }
      if (best === undefined || compareWanted(candidate, best) < 0) best = candidate
    }
    if (best !== undefined) {
      wanted.push(best)
      degree = worse(degree, best.degree)
      distance += best.distance
      outputQuality += degreeQuality(best.degree)
      if (best.degree === 'subsumes') general ??= type
      met++
    } else {
      if (related.closest === undefined) return undefined // nothing related provided: not even a near miss
      missing.push({ kind: 'output', requirement: type, closest: related.closest, similarity: related.similarity })
      outputQuality += relatedQuality(related.similarity)
      missingOutputs++
    }
  }

  const requires: Array<PlainExplanation['requires'][number]> = []
  const used = new Set<string>()
  let requirementQuality = 0
  let mandatory = 0
  let optionalMet = 0
  for (const node of [...service.requires, ...service.optionallyRequires]) {
    const optional = node.role === 'optionallyRequires'
    const match = coverTypes(node.types, hierarchy, context.bestAvailable)
    for (const t of match.types) if (t.degree !== 'fail') used.add(t.provided!)
    requires.push({ interface: node.id, optional, degree: match.degree, distance: match.distance, types: match.types })
    if (optional) {
      if (match.degree !== 'fail') optionalMet++
      continue
    }
    mandatory++
    if (match.degree !== 'fail') {
      degree = worse(degree, match.degree)
      distance += match.distance
      requirementQuality += degreeQuality(match.degree)
      if (match.degree === 'subsumes') general ??= match.types.find(t => t.degree === 'subsumes')?.required
      met++
      continue
    }
    if (!request.includePartial) return undefined
    missingInputs++
    let quality = 1
    for (const t of match.types) {
      if (t.degree !== 'fail') { quality = Math.min(quality, degreeQuality(t.degree)); continue }
      const near = context.closestAvailable(t.required)
      missing.push({ kind: 'input', requirement: t.required, ...near })
      quality = Math.min(quality, relatedQuality(near.similarity))
    }
    requirementQuality += quality
  }
  if (missingOutputs + missingInputs > met) return undefined
  const fit = fitOf({ general: general !== undefined, missingInputs, missingOutputs, usesNothing: request.available.length > 0 && used.size === 0 && !missing.some(m => m.kind === 'input' && m.similarity > 0) })
  if (fit === undefined) return undefined

  const parts: ScoreParts = {
    output: round6(request.wanted.length === 0 ? 1 : outputQuality / request.wanted.length),
    requirements: round6(mandatory === 0 ? 1 : requirementQuality / mandatory),
    inputUse: round6(request.available.length === 0 ? 1 : used.size / request.available.length)
  }
  const score = combine(parts)
  const full = fit.tier === 0
  if (!full && !request.includePartial) return undefined
  const result = {
    service: service.id,
    match: full ? 'full' as const : 'partial' as const,
    degree: degree as MatchDegree,
    score,
    parts,
    uses: used.size,
    missing,
    explanation: { wanted, requires }
  }
  return {
    service: service.id,
    ...fit,
    score,
    uses: used.size,
    distance,
    optionalMet,
    similarity: round6(missing.reduce((sum, m) => sum + m.similarity, 0)),
    result,
    requirementCount: mandatory,
    ...(general === undefined ? {} : { general })
  }
}

function compareWanted (a: PlainExplanation['wanted'][number], b: PlainExplanation['wanted'][number]): number {
  return degreeRank[a.degree] - degreeRank[b.degree] || a.distance - b.distance || compareStrings(a.interface, b.interface)
}
