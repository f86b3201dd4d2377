/**
 * A compiled catalog in slices a worker thread can post back (structured cloning: plain
 * objects, Maps, Sets and typed arrays, no closures), and its assembly on the receiving side.
 * The receiver indexes slice by slice, so a catalog of 100,000 services never holds its event
 * loop for long; the catalog it assembles answers exactly as `compileCatalog` on the same quads.
 */
import { hierarchyData, hierarchySteps, labelsOf, propertyHierarchyFromData, type HierarchyData } from '../reasoner/index.js'
import type { SliceClock } from '../turns.js'
import { SymphonyError } from '../errors.js'
import { CatalogIndex, type CatalogParts } from './compile.js'
import { serviceFacts, type FactTable } from './service-facts.js'
import type { Catalog, LangText, Region, Service, ServiceNodeRoles } from './types.js'

/** One message of a compiled catalog: the head first, then labels and services, then `end`. */
export type CatalogSlice =
  | { readonly kind: 'head', readonly hierarchy: HierarchyData, readonly providers: ReadonlyArray<[string, LangText]>, readonly regions: ReadonlyMap<string, Region>, readonly nodeRoles: ServiceNodeRoles }
  | { readonly kind: 'labels', readonly labels: ReadonlyArray<[string, LangText]> }
  | { readonly kind: 'services', readonly services: readonly Service[], readonly facts: FactTable }
  | { readonly kind: 'end' }

/** Items per slice: small enough that one slice is read in a few milliseconds. */
const sliceSize = 500

/** The slices of compiled parts, in the order `CatalogAssembler` takes them. */
export function * catalogSlices (parts: CatalogParts): Generator<CatalogSlice> {
  yield { kind: 'head', hierarchy: hierarchyData(parts.reasoned), providers: [...parts.providers], regions: parts.regions, nodeRoles: parts.nodeRoles }
  const labels = labelsOf(parts.reasoned)
  for (let start = 0; start < labels.length; start += sliceSize) yield { kind: 'labels', labels: labels.slice(start, start + sliceSize) }
  const facts = parts.facts
  const services = [...parts.services.values()]
  for (let start = 0; start < services.length; start += sliceSize) {
    const slice = services.slice(start, start + sliceSize)
    const sliceFacts: FactTable = new Map()
    for (const service of slice) {
      const values = facts.get(service.id)
      if (values !== undefined) sliceFacts.set(service.id, values)
    }
    yield { kind: 'services', services: slice, facts: sliceFacts }
  }
  yield { kind: 'end' }
}

/** Builds the catalog from its slices, in order; `catalog()` after the `end` slice. */
export class CatalogAssembler {
  #head: Extract<CatalogSlice, { kind: 'head' }> | undefined
  readonly #labels = new Map<string, LangText>()
  readonly #services = new Map<string, Service>()
  readonly #facts: FactTable = new Map()
  #index: CatalogIndex | undefined
  #catalog: Catalog | undefined

  /** Takes the next slice. */
  add (slice: CatalogSlice): void {
    const steps = this.steps(slice)
    while (steps.next().done !== true) { /* every step at once */ }
  }

  /**
   * Takes the next slice a step at a time: it yields whenever it has worked for a slice of
   * `clock`'s length, and the caller lets other work run before it resumes (the head of a large
   * catalog numbers hundreds of thousands of terms). Without a clock, every step runs at once.
   */
  * steps (slice: CatalogSlice, clock?: SliceClock): Generator<void> {
    switch (slice.kind) {
      case 'head': {
        const hierarchy = yield * hierarchySteps(slice.hierarchy, this.#labels, clock)
        this.#head = slice
        this.#index = new CatalogIndex(hierarchy)
        return
      }
      case 'labels':
        for (const [key, label] of slice.labels) this.#labels.set(key, label)
        return
      case 'services': {
        const index = this.#started()
        for (const service of slice.services) {
          if (clock?.over() === true) {
            yield
            clock.start()
          }
          this.#services.set(service.id, service)
          index.add(service)
        }
        for (const [service, values] of slice.facts) this.#facts.set(service, values)
        return
      }
      case 'end': {
        const head = this.#head!
        const properties = propertyHierarchyFromData(head.hierarchy)
        if (clock?.over() === true) {
          yield
          clock.start()
        }
        this.#catalog = this.#started().catalog(this.#services, new Map(head.providers), head.regions,
          serviceFacts(this.#facts, properties), head.nodeRoles)
      }
    }
  }

  /** The assembled catalog; throws before the `end` slice. */
  catalog (): Catalog {
    if (this.#catalog === undefined) {
      throw new SymphonyError('INTERNAL', {
        en: 'the compiled catalog is not complete: slices are missing; the compile thread must send every slice up to "end"',
        de: 'der kompilierte Katalog ist unvollständig: es fehlen Teile; der Kompilier-Thread muss jeden Teil bis einschließlich "end" senden'
      })
    }
    return this.#catalog
  }

  #started (): CatalogIndex {
    if (this.#index === undefined) {
      throw new SymphonyError('INTERNAL', {
        en: 'a slice of the compiled catalog came before its head; the compile thread must send "head" first',
        de: 'ein Teil des kompilierten Katalogs kam vor dessen Kopf; der Kompilier-Thread muss zuerst "head" senden'
      })
    }
    return this.#index
  }
}
