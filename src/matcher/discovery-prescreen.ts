/**
 * Discovery's first, cheap look at a candidate: the fit it would get, from degrees alone, read
 * from the service's profile in the catalog's discovery index (class numbers) with the degrees
 * of one request kept per class number — no strings looked up per candidate.
 */
import type { ClassHierarchy } from '../catalog/index.js'
import { degreeRank, typeMatch } from './degree.js'
import { fitOf, type Fit } from './discovery-score.js'
import type { DiscoveryIndex } from './discovery-index.js'
import type { DiscoveryRequest } from './request.js'

const fail = degreeRank.fail
const subsumes = degreeRank.subsumes

/** Small numbers per class number, computed on first use (-1 until then); grows with the classes numbered. */
class ClassMemo {
  #values: Int8Array

  constructor (classes: number, readonly compute: (c: number) => number) {
    this.#values = new Int8Array(Math.max(classes, 16)).fill(-1)
  }

  /** Lowers the value of class `c` to `value` (a class not yet computed counts as `fail`). */
  lower (c: number, value: number): void {
    const known = this.get(c, fail)
    if (value < known) this.#values[c] = value
  }

  get (c: number, unknown?: number): number {
    if (c >= this.#values.length) {
      const grown = new Int8Array(Math.max(2 * this.#values.length, c + 1)).fill(-1)
      grown.set(this.#values)
      this.#values = grown
    }
    let value = this.#values[c]!
    if (value === -1) this.#values[c] = value = unknown ?? this.compute(c)
    return value
  }
}

/** The facts of one request the prescreen asks about a class, each kept per class number. */
export class Prescreen {
  readonly #index: DiscoveryIndex
  readonly #request: DiscoveryRequest
  /** Per wanted type: the degree rank of a provided class for it. */
  readonly #wanted: ClassMemo[]
  /** The degree rank of the best available type for a required class. */
  readonly #available: ClassMemo
  /** 1 when some available type is related to a required class (similarity > 0), else 0. */
  readonly #related: ClassMemo

  constructor (request: DiscoveryRequest, hierarchy: ClassHierarchy, index: DiscoveryIndex, available: AvailableTypes,
    closestAvailable: (required: string) => { similarity: number }) {
    this.#index = index
    this.#request = request
    const classes = index.classCount
    this.#wanted = request.wanted.map(type => new ClassMemo(classes, c => degreeRank[typeMatch(type, index.className(c), hierarchy).degree]))
    this.#available = available.degrees
    this.#related = new ClassMemo(classes, c => closestAvailable(index.className(c)).similarity > 0 ? 1 : 0)
  }

  /**
   * The fit service `s` would get; `undefined` when it cannot be a result (too much missing, two
   * kinds of shortfall, or partial results not asked for). Wanted types are met by the best of
   * a provided interface's most specific types; a requirement by the best available type for
   * each of its most specific types, as well as the worst of them.
   */
  fit (s: number): Fit | undefined {
    const index = this.#index
    let at = index.profile(s)
    const profile = index.profiles
    let met = 0
    let missingOutputs = 0
    let missingInputs = 0
    let general = false
    const provided = profile[at++]!
    const providedAt = at
    for (const wanted of this.#wanted) {
      at = providedAt
      let best = fail
      for (let i = 0; i < provided; i++) {
        const types = profile[at++]!
        for (let t = 0; t < types; t++) best = Math.min(best, wanted.get(profile[at++]!))
      }
      if (best === fail) missingOutputs++
      else met++
      if (best === subsumes) general = true
    }
    if (this.#wanted.length === 0) for (let i = 0; i < provided; i++) at += 1 + profile[at]!
    let uses = false
    const unmet: number[] = []
    const required = profile[at++]!
    for (let i = 0; i < required; i++) {
      const types = profile[at++]!
      let worst = types === 0 ? fail : 0
      for (let t = 0; t < types; t++) {
        const c = profile[at++]!
        const degree = this.#available.get(c)
        worst = Math.max(worst, degree)
        if (degree !== fail) uses = true
        else unmet.push(c)
      }
      if (worst === fail) missingInputs++
      else met++
      if (worst === subsumes) general = true
    }
    if (missingOutputs + missingInputs > met) return undefined
    let usesNothing = this.#request.available.length > 0 && !uses
    const optional = profile[at++]!
    for (let i = 0; i < optional && usesNothing; i++) {
      const types = profile[at++]!
      for (let t = 0; t < types; t++) if (this.#available.get(profile[at++]!) !== fail) usesNothing = false
    }
    if (usesNothing) usesNothing = !unmet.some(c => this.#related.get(c) === 1)
    const fit = fitOf({ general, missingInputs, missingOutputs, usesNothing })
    return fit === undefined || (fit.tier > 0 && !this.#request.includePartial) ? undefined : fit
  }
}

/**
 * The available types of one request by the classes they can meet, from their closures: an
 * available type meets its superclasses exactly (equivalent) or as a plugin, and its
 * subclasses as `subsumes`; any other class fails. A few hundred set members per request
 * instead of a type match per class and available type.
 */
export class AvailableTypes {
  /** The degree rank of the best available type for a class (`bestTypeMatch` over the available types). */
  readonly degrees: ClassMemo
  readonly #comparable = new Map<number, string[]>()
  readonly #index: DiscoveryIndex

  constructor (available: readonly string[], hierarchy: ClassHierarchy, index: DiscoveryIndex) {
    this.#index = index
    this.degrees = new ClassMemo(index.classCount, () => fail)
    const note = (c: string, degree: number, a: string): void => {
      const n = index.classNumber(c)
      this.degrees.lower(n, degree)
      const list = this.#comparable.get(n)
      if (list === undefined) this.#comparable.set(n, [a])
      else if (!list.includes(a)) list.push(a)
    }
    for (const a of available) {
      const supers = hierarchy.superClasses(a)
      const subs = hierarchy.subClasses(a)
      for (const c of supers) note(c, subs.has(c) ? degreeRank.exact : degreeRank.plugin, a)
      for (const c of subs) if (!supers.has(c)) note(c, subsumes, a)
    }
  }

  /** The available types that meet `c` with some degree: the only ones its best match can be among. */
  comparable (c: string): readonly string[] {
    return this.#comparable.get(this.#index.classNumber(c)) ?? []
  }
}
