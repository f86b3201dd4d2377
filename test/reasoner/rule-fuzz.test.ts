/**
 * The compiled evaluator against oxigraph's SPARQL evaluation of the same rule text, on random
 * small graphs and random rules over the supported language (`rule-generator.ts`): every case
 * derives exactly the same triples. A rule the compiler refuses is skipped here (the refusals
 * are held to the documented list in `rule-refusals.test.ts`), and most cases must compile.
 */
import type { Quad, Term } from '@rdfjs/types'
import { DataFactory, Parser, termToId } from 'n3'
import oxigraph from 'oxigraph'
import { describe, expect, it } from 'vitest'
import { SymphonyError } from '../../src/errors.js'
import { compileRules, inferred, materialize, reason, ruleFromText, type Program } from '../../src/reasoner/index.js'
import { graph, random, rule } from './rule-generator.js'

const id = (term: Term): string => termToId(term as Parameters<typeof termToId>[0])
const keys = (quads: readonly Quad[]): string[] => [...new Set(quads.map(q => `${id(q.subject)} ${id(q.predicate)} ${id(q.object)}`))].sort()

const canonicalForms = new Map<string, Term>()

/**
 * The literal in oxigraph's canonical form of its value: oxigraph stores literals so, against
 * RDF 1.1 Concepts §3.3 (see `rule-generator.ts`), and the compiled evaluator keeps them as
 * written; the generator never puts two forms of one value into a case, so comparing in
 * canonical form hides no difference of the evaluators.
 */
function canonical (term: Term): Term {
  if (term.termType !== 'Literal') return term
  const key = id(term)
  let form = canonicalForms.get(key)
  if (form === undefined) {
    const store = new oxigraph.Store()
    store.load(`<urn:s> <urn:p> ${termToNt(term)} .`, { format: 'application/n-triples' })
    form = (new Parser({ format: 'N-Quads' }).parse(store.dump({ format: 'application/n-quads' }))[0]!).object
    canonicalForms.set(key, form)
  }
  return form
}

function termToNt (term: Term): string {
  if (term.termType !== 'Literal') return `<${term.value}>`
  const lexical = JSON.stringify(term.value)
  return term.language !== '' ? `${lexical}@${term.language}` : `${lexical}^^<${term.datatype.value}>`
}

const canonicalQuads = (quads: readonly Quad[]): Quad[] => quads.map(q => DataFactory.quad(q.subject, q.predicate, canonical(q.object) as Quad['object']) as Quad)

const cases = Number(process.env.RULE_FUZZ_CASES ?? 300)
const firstSeed = Number(process.env.RULE_FUZZ_SEED ?? 1)

describe('random rules on random graphs', () => {
  it(`derive what oxigraph derives (${cases} cases from seed ${firstSeed})`, () => {
    let compiled = 0
    const failures: string[] = []
    for (let seed = firstSeed; seed < firstSeed + cases; seed++) {
      const rng = random(seed)
      const shape = { blanks: rng() < 0.5, canonical: rng() < 0.5 }
      const data = graph(rng, shape)
      const text = rule(rng, shape)
      const parsed = ruleFromText('random', text, { source: 'random.rq' })
      let program: Program
      try {
        program = compileRules([parsed])
      } catch (error) {
        if (error instanceof SymphonyError && error.code === 'INVALID_QUERY') continue
        failures.push(`seed ${seed}: the compiler crashed — ${String(error)}\n${text}`)
        continue
      }
      compiled++
      const ours = keys(canonicalQuads(inferred(reason(data, program))))
      let theirs: string[]
      try {
        theirs = keys(materialize(data, { rules: [parsed] }).inferred)
      } catch (error) {
        failures.push(`seed ${seed}: oxigraph could not evaluate it — ${String(error)}\n${text}`)
        continue
      }
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
        const only = (a: string[], b: string[]): string[] => a.filter(k => !b.includes(k))
        failures.push(`seed ${seed}:\n${text}\ndata:\n${keys(data).join('\n')}\nonly compiled: ${only(ours, theirs).join(' | ')}\nonly oxigraph: ${only(theirs, ours).join(' | ')}`)
      }
    }
    expect(failures.slice(0, 5).join('\n\n')).toBe('')
    expect(compiled).toBeGreaterThan(cases * 0.6)
  }, 600_000)
})
