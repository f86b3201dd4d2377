/**
 * Dataflow composition sets in the manner of the public web-service-challenge sets,
 * deterministic for a seed: a taxonomy of interface concepts (a random tree), services with
 * 1–6 inputs and 1–6 outputs, and a planted solution — a chain of services, each needing an
 * output of the one before (or a superclass of it) and what is known by then, whose last outputs
 * are the goal. Around it: rivals that offer the same outputs from the same inputs at other
 * prices, shortcuts that skip steps at a higher price, and noise over the whole taxonomy, most of
 * it unreachable from what the customer has. Inputs are met by outputs of the same concept or a
 * subclass (exact or plugin).
 */
import { random } from './catalog-generator.js'

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/wsc#'
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
const subClassOf = 'http://www.w3.org/2000/01/rdf-schema#subClassOf'
const decimal = 'http://www.w3.org/2001/XMLSchema#decimal'

export interface WsChallengeSet {
  readonly ntriples: string
  readonly services: number
  readonly concepts: number
  /** Members of the planted solution. */
  readonly planted: number
  /** Price of the planted solution (a bundle exists at this cost or less). */
  readonly plantedCost: number
  /** A dataflow composition request whose goal the planted solution meets. */
  readonly request: unknown
}

export function generateWsChallengeSet (options: { services: number, concepts: number, planted: number, seed?: number }): WsChallengeSet {
  const next = random(options.seed ?? 11)
  const between = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1))
  const lines: string[] = []
  const triple = (s: string, p: string, o: string): void => { lines.push(`${s} <${p}> ${o} .`) }

  // The taxonomy: a random tree under sym:Interface; parents and depth kept for "a superclass of".
  const parent: number[] = []
  for (let i = 0; i < options.concepts; i++) {
    parent.push(i < 20 ? -1 : Math.floor(next() * i))
    triple(`<${ex}c${i}>`, subClassOf, `<${parent[i]! < 0 ? `${sym}Interface` : `${ex}c${parent[i]}`}>`)
  }
  triple(`<${sym}IntegrationAdapter>`, subClassOf, `<${sym}Service>`)
  const concept = (i: number): string => `${ex}c${i}`
  /** The concept or one of its ancestors (what an input may ask for, so that the concept meets it). */
  const ancestorOrSelf = (i: number): number => {
    let c = i
    while (parent[c]! >= 0 && next() < 0.35) c = parent[c]!
    return c
  }
  const anyConcept = (): number => Math.floor(next() * options.concepts)

  let count = 0
  const service = (inputs: readonly number[], outputs: readonly number[], price: number): void => {
    const s = `<${ex}s${count}>`
    const id = count++
    triple(s, rdfType, `<${sym}IntegrationAdapter>`)
    triple(s, 'https://schema.org/provider', `<${ex}p${id % 300}>`)
    outputs.forEach((c, k) => { triple(s, `${sym}provides`, `_:o${id}_${k}`); triple(`_:o${id}_${k}`, rdfType, `<${concept(c)}>`) })
    inputs.forEach((c, k) => { triple(s, `${sym}requires`, `_:i${id}_${k}`); triple(`_:i${id}_${k}`, rdfType, `<${concept(c)}>`) })
    triple(s, 'https://schema.org/offers', `_:f${id}`)
    triple(`_:f${id}`, 'https://schema.org/priceCurrency', '"EUR"')
    triple(`_:f${id}`, 'https://schema.org/priceSpecification', `_:ps${id}`)
    triple(`_:ps${id}`, `${sym}priceComponent`, `<${sym}BaseMonthly>`)
    triple(`_:ps${id}`, 'https://schema.org/price', `"${price.toFixed(2)}"^^<${decimal}>`)
  }
  const price = (lo: number, hi: number): number => Math.round((lo + next() * (hi - lo)) * 100) / 100

  // The customer's concepts, then the planted chain: each step needs an output of the step before.
  const available = Array.from({ length: 6 }, anyConcept)
  const known = [...available]
  let previous: number[] = available
  let plantedCost = 0
  const steps: Array<{ inputs: number[], outputs: number[] }> = []
  for (let k = 0; k < options.planted; k++) {
    const inputs = [...new Set([ancestorOrSelf(previous[Math.floor(next() * previous.length)]!),
      ...Array.from({ length: between(0, 2) }, () => ancestorOrSelf(known[Math.floor(next() * known.length)]!))])]
    const outputs = Array.from({ length: between(1, 3) }, anyConcept)
    const cost = price(1, 5)
    service(inputs, outputs, cost)
    plantedCost += cost
    steps.push({ inputs, outputs })
    known.push(...outputs)
    previous = outputs
  }
  // Rivals for each step (same outputs, same inputs, another price), and shortcuts over three
  // steps that need one more output of the chain and cost more.
  for (const [k, step] of steps.entries()) {
    for (let r = 0; r < 2; r++) service(step.inputs, step.outputs, price(1, 8))
    const later = steps[k + 3]
    if (later !== undefined && next() < 0.5) service([...step.inputs, ancestorOrSelf(steps[k + 1]!.outputs[0]!)], later.outputs, price(8, 20))
  }
  while (count < options.services) {
    service(Array.from({ length: between(1, 6) }, anyConcept), Array.from({ length: between(1, 6) }, anyConcept), price(1, 30))
  }
  const last = steps[steps.length - 1]!
  const middle = steps[Math.floor(steps.length / 2)]!
  return {
    ntriples: lines.join('\n') + '\n',
    services: count,
    concepts: options.concepts,
    planted: options.planted,
    plantedCost: Math.round(plantedCost * 100) / 100,
    request: {
      available: available.map(concept),
      wanted: [...new Set([...last.outputs, middle.outputs[0]!])].map(concept),
      wiring: 'dataflow',
      seats: 1,
      limit: 1,
      timeoutMs: 60_000
    }
  }
}
