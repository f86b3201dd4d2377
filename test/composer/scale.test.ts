/**
 * A long adapter chain in a catalog of a few thousand services (generated here, through the
 * real pipeline): the composer finds the cheapest 25-step chain, proves it, and ranks the
 * next ones (each swapping in the dearer adapter of a step with the smallest extra cost).
 */
import { describe, expect, test } from 'vitest'
import { offer, prefixLines } from './catalog-turtle.js'
import { compileCatalog } from '../../src/catalog/index.js'
import { compose, loadSolver } from '../../src/composer/index.js'
import { parseRdf } from '../../src/rdf/index.js'

const ex = 'https://example.org/scale#'
const depth = 25
const noise = 3000

/** Step k has the adapters A<k> (2.00 EUR) and B<k> (2.00 EUR + (k + 1) cents). */
function catalogText (): string {
  const lines = prefixLines(ex)
  for (let k = 0; k <= depth; k++) lines.push(`ex:C${k} rdfs:subClassOf sym:Interface .`)
  for (let i = 0; i < 50; i++) lines.push(`ex:N${i} rdfs:subClassOf ${i < 5 ? 'sym:Interface' : `ex:N${i % 5}`} .`)
  for (let k = 1; k <= depth; k++) {
    lines.push(`ex:A${k} a sym:Service ; sym:requires [ a ex:C${k - 1} ] ; sym:provides [ a ex:C${k} ] ; ${offer('2.00')} .`)
    lines.push(`ex:B${k} a sym:Service ; sym:requires [ a ex:C${k - 1} ] ; sym:provides [ a ex:C${k} ] ; ${offer((2 + (k + 1) / 100).toFixed(2))} .`)
  }
  // Noise: services over other interfaces, never a chain class.
  for (let i = 0; i < noise; i++) {
    lines.push(`ex:S${i} a sym:Service ; sym:requires [ a ex:N${(i * 7) % 50} ] ; sym:provides [ a ex:N${(i * 13 + 1) % 50} ] , [ a ex:N${(i * 3 + 2) % 50} ] ; ${offer(((i % 30) + 1).toFixed(2))} .`)
  }
  return lines.join('\n') + '\n'
}

describe('composer at scale', () => {
  test(`a ${depth}-step adapter chain among ${noise} other services`, async () => {
    const catalog = compileCatalog(await parseRdf(catalogText(), { format: 'turtle' }))
    await loadSolver()
    const answer = compose(catalog, { available: [`${ex}C0`, `${ex}N1`], wanted: [`${ex}C${depth}`], limit: 3 })
    const chain = (swap?: number): string[] => Array.from({ length: depth }, (_, i) => `${ex}${i + 1 === swap ? 'B' : 'A'}${i + 1}`).sort()
    expect(answer.issues).toEqual([])
    expect(answer.bundles.map(b => b.services)).toEqual([chain(), chain(1), chain(2)])
    expect(answer.bundles.map(b => b.price.monthly)).toEqual([50, 50.02, 50.03])
    expect(answer.bundles[0]!.explanation.wiringOrder).toEqual(Array.from({ length: depth }, (_, i) => `${ex}A${i + 1}`))
  })
})
