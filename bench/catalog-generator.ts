/**
 * Synthetic catalogs for benchmarks: an interface-class tree and N services with 1–4 provided
 * and 1–3 required interfaces, a provider, a data location and a price — deterministic for a seed.
 */
const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/bench#'
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
const subClassOf = 'http://www.w3.org/2000/01/rdf-schema#subClassOf'

export interface GeneratedCatalog {
  /** N-Triples text. */
  readonly ntriples: string
  readonly triples: number
  readonly services: readonly string[]
  readonly interfaceClasses: readonly string[]
}

/** A small linear congruential generator: same seed, same catalog. */
export function random (seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

export function generateCatalog (services: number, options: { classes?: number, seed?: number } = {}): GeneratedCatalog {
  const next = random(options.seed ?? 42)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const lines: string[] = []
  const triple = (s: string, p: string, o: string) => lines.push(`${s} <${p}> ${o} .`)

  const interfaceClasses: string[] = []
  const classCount = options.classes ?? 200
  for (let i = 0; i < classCount; i++) {
    const c = `${ex}I${i}`
    interfaceClasses.push(c)
    // A tree: each class under one of the earlier ones (the first ten under sym:Interface).
    const parent = i < 10 ? `${sym}Interface` : interfaceClasses[Math.floor(next() * i)]!
    triple(`<${c}>`, subClassOf, `<${parent}>`)
  }
  const serviceTypes = ['VirtualPBX', 'CRM', 'ACD', 'ArchivingService', 'IntegrationAdapter'].map(t => sym + t)
  const locations = ['DE', 'AT', 'FR', 'NL', 'IE', 'US']
  const ids: string[] = []
  for (let i = 0; i < services; i++) {
    const s = `${ex}S${i}`
    ids.push(s)
    triple(`<${s}>`, rdfType, `<${pick(serviceTypes)}>`)
    triple(`<${s}>`, 'https://schema.org/provider', `<${ex}P${i % 500}>`)
    triple(`<${s}>`, `${sym}dataLocation`, `"${pick(locations)}"`)
    const provides = 1 + Math.floor(next() * 4)
    const requires = 1 + Math.floor(next() * 3)
    for (let k = 0; k < provides; k++) {
      triple(`<${s}>`, `${sym}provides`, `_:p${i}_${k}`)
      triple(`_:p${i}_${k}`, rdfType, `<${pick(interfaceClasses)}>`)
    }
    for (let k = 0; k < requires; k++) {
      triple(`<${s}>`, `${sym}requires`, `_:r${i}_${k}`)
      triple(`_:r${i}_${k}`, rdfType, `<${pick(interfaceClasses)}>`)
    }
    triple(`<${s}>`, 'https://schema.org/offers', `_:o${i}`)
    triple(`_:o${i}`, 'https://schema.org/priceSpecification', `_:ps${i}`)
    triple(`_:ps${i}`, `${sym}priceComponent`, `<${sym}PerUserMonthly>`)
    triple(`_:ps${i}`, 'https://schema.org/price', `"${(1 + next() * 30).toFixed(2)}"^^<http://www.w3.org/2001/XMLSchema#decimal>`)
  }
  return { ntriples: lines.join('\n') + '\n', triples: lines.length, services: ids, interfaceClasses }
}
