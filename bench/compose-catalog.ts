/**
 * Synthetic catalogs for the composer benchmark, deterministic for a seed: N services, of which
 * an adapter chain ex:C0 → … → ex:C<depth> (four alternative adapters per step, one of them
 * outside the EEA without safeguard, plus dearer shortcuts over three steps that also need a
 * random interface), CRMs (one in twenty services) needing random interfaces, and noise services
 * with 1–4 provided and 1–3 required interfaces from a tree of 200 interface classes (a few of
 * them decoys providing a chain class and requiring the previous one). The customer has ex:C0 and twenty random interfaces.
 */
import { random } from './catalog-generator.js'

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/compose-bench#'
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
const subClassOf = 'http://www.w3.org/2000/01/rdf-schema#subClassOf'
const decimal = 'http://www.w3.org/2001/XMLSchema#decimal'

export interface CompositionBenchCatalog {
  /** N-Triples text. */
  readonly ntriples: string
  readonly services: number
  /** A composition request (JSON) whose best bundle is a chain of `depth` adapters plus a CRM. */
  readonly request: unknown
}

/**
 * `mixed`: the chain (four adapters a step, shortcuts, decoys) plus a CRM goal, in noise that
 * interacts with both. `chain`: two adapters a step and noise that never provides a chain
 * class; the goal is the chain's end only.
 */
export type CatalogShape = 'mixed' | 'chain'

export function generateCompositionCatalog (services: number, depth: number, shape: CatalogShape = 'mixed', seed = 7): CompositionBenchCatalog {
  const mixed = shape === 'mixed'
  const next = random(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const lines: string[] = []
  const triple = (s: string, p: string, o: string): void => { lines.push(`${s} <${p}> ${o} .`) }
  const iri = (value: string): string => `<${value}>`

  triple(iri(`${sym}EEA`), rdfType, iri(`${sym}Region`))
  for (const country of ['AT', 'BE', 'DE', 'FR', 'IE', 'IT', 'NL', 'NO', 'SE']) triple(iri(`${sym}EEA`), `${sym}includesCountry`, `"${country}"`)

  const classes: string[] = []
  for (let i = 0; i < 200; i++) {
    const c = `${ex}I${i}`
    classes.push(c)
    triple(iri(c), subClassOf, iri(i < 10 ? `${sym}Interface` : classes[Math.floor(next() * i)]!))
  }
  const chain: string[] = []
  for (let k = 0; k <= depth; k++) {
    chain.push(`${ex}C${k}`)
    triple(iri(`${ex}C${k}`), subClassOf, iri(`${sym}Interface`))
  }
  for (const t of ['VirtualPBX', 'CRM', 'ACD', 'ArchivingService', 'Adapter']) triple(iri(sym + t), subClassOf, iri(`${sym}Service`))

  let count = 0
  const service = (type: string, provides: readonly string[], requires: readonly string[], price: number, location: string): void => {
    const s = `${ex}S${count}`
    const id = count++
    triple(iri(s), rdfType, iri(sym + type))
    triple(iri(s), 'https://schema.org/provider', iri(`${ex}P${id % 500}`))
    triple(iri(s), `${sym}dataLocation`, `"${location}"`)
    provides.forEach((type, k) => {
      triple(iri(s), `${sym}provides`, `_:p${id}_${k}`)
      triple(`_:p${id}_${k}`, rdfType, iri(type))
    })
    requires.forEach((type, k) => {
      triple(iri(s), `${sym}requires`, `_:r${id}_${k}`)
      triple(`_:r${id}_${k}`, rdfType, iri(type))
    })
    triple(iri(s), 'https://schema.org/offers', `_:o${id}`)
    triple(`_:o${id}`, 'https://schema.org/priceCurrency', '"EUR"')
    triple(`_:o${id}`, 'https://schema.org/priceSpecification', `_:ps${id}`)
    triple(`_:ps${id}`, `${sym}priceComponent`, iri(`${sym}PerUserMonthly`))
    triple(`_:ps${id}`, 'https://schema.org/price', `"${price.toFixed(2)}"^^<${decimal}>`)
  }
  const eea = ['DE', 'AT', 'FR', 'NL', 'IE']
  const noiseClasses = (n: number): string[] => Array.from({ length: n }, () => pick(classes))

  for (let k = 1; k <= depth; k++) {
    for (let j = 0; j < (mixed ? 4 : 2); j++) service('Adapter', [chain[k]!], [chain[k - 1]!], 0.5 + next() * 3, j === 3 ? 'US' : pick(eea))
    if (mixed && k + 3 <= depth) service('Adapter', [chain[k + 3]!], [chain[k]!, pick(classes)], 20 + next() * 10, pick(eea))
  }
  const crms = mixed ? Math.floor(services / 20) : 0
  for (let i = 0; i < crms; i++) service('CRM', noiseClasses(1 + Math.floor(next() * 2)), noiseClasses(1 + Math.floor(next() * 2)), 2 + next() * 30, pick([...eea, 'US']))
  while (count < services) {
    const provides = noiseClasses(1 + Math.floor(next() * 4))
    const requires = noiseClasses(1 + Math.floor(next() * 3))
    if (mixed && next() < 0.02) {
      // A decoy: another way into the chain, needing the previous step and one more interface.
      const k = 1 + Math.floor(next() * depth)
      provides.push(chain[k]!)
      requires.push(chain[k - 1]!)
    }
    service(pick(['VirtualPBX', 'ACD', 'ArchivingService', 'Adapter']), provides, requires, 1 + next() * 30, pick([...eea, 'US']))
  }
  return {
    ntriples: lines.join('\n') + '\n',
    services: count,
    request: {
      available: [chain[0]!, ...noiseClasses(20)],
      wanted: [chain[depth]!],
      serviceTypes: mixed ? [`${sym}CRM`] : [],
      constraints: { dataLocation: [`${sym}EEA`] },
      seats: 10,
      limit: 3
    }
  }
}
