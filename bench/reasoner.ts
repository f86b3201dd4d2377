/**
 * Which engine runs the rule files: the compiled evaluator (sparqljs → integer joins,
 * semi-naive), oxigraph evaluating each rule as SPARQL UPDATE to a fixpoint, and N3.js's
 * Reasoner, on the ontology plus a generated catalog. Every candidate must derive the same
 * triples as the compiled evaluator (checked, not assumed); ratios are candidate time over the
 * compiled evaluator's, measured in the same run.
 *
 * The compiled evaluator is also timed reading the catalog's N-Triples straight into term ids
 * (the line reader: no quad objects), with and without closure steps (`closure-step.ts`).
 *
 * N3.js's Reasoner takes Horn rules over triple patterns only, so it runs the rules whose
 * WHERE clause is a basic graph pattern (or a UNION of them) — and the compiled evaluator is
 * timed again on that same subset for its row. Property paths and FILTERs are left out there.
 */
import { performance } from 'node:perf_hooks'
import type { Quad, Term } from '@rdfjs/types'
import { DataFactory, Parser, Reasoner, Store, termToId } from 'n3'
import sparqljs from 'sparqljs'
import { listTurtleFiles, readRdfFile } from '../src/rdf/index.js'
import { builtinRules, compileRules, inferred, materialize, reason } from '../src/reasoner/index.js'
import type { Rule } from '../src/reasoner/index.js'
import { generateCatalog } from './catalog-generator.js'
import { ms, table } from './measure.js'

/** Catalog sizes for the compiled evaluator; the slower candidates run up to `slowUpTo`. */
const sizes = [1_000, 10_000, 100_000]
const slowUpTo = 10_000

type HornRule = { premise: Quad[], conclusion: Quad[] }

/** The rule as N3.js Horn rules (one per UNION alternative), or undefined when it needs more than triple patterns. */
function hornRules (rule: Rule): HornRule[] | undefined {
  const query = new sparqljs.Parser().parse(rule.text) as sparqljs.ConstructQuery
  const term = (t: sparqljs.Term | sparqljs.PropertyPath): Term | undefined => {
    if ('type' in t) return undefined
    return t.termType === 'Variable' ? DataFactory.variable(t.value) : t as Term
  }
  const quads = (triples: readonly sparqljs.Triple[]): Quad[] | undefined => {
    const out: Quad[] = []
    for (const triple of triples) {
      const [s, p, o] = [term(triple.subject), term(triple.predicate), term(triple.object)]
      if (s === undefined || p === undefined || o === undefined) return undefined
      out.push(DataFactory.quad(s as Quad['subject'], p as Quad['predicate'], o as Quad['object']) as Quad)
    }
    return out
  }
  const conclusion = quads(query.template ?? [])
  if (conclusion === undefined) return undefined
  const alternatives = (patterns: readonly sparqljs.Pattern[]): sparqljs.Triple[][] | undefined => {
    let result: sparqljs.Triple[][] = [[]]
    for (const pattern of patterns) {
      if (pattern.type === 'bgp') result = result.map(triples => [...triples, ...pattern.triples])
      else if (pattern.type === 'group') {
        const inner = alternatives(pattern.patterns)
        if (inner === undefined) return undefined
        result = result.flatMap(triples => inner.map(more => [...triples, ...more]))
      } else if (pattern.type === 'union') {
        const branches = pattern.patterns.map(branch => alternatives([branch]))
        if (branches.some(branch => branch === undefined)) return undefined
        result = result.flatMap(triples => branches.flatMap(branch => branch!.map(more => [...triples, ...more])))
      } else return undefined
    }
    return result
  }
  const bodies = alternatives(query.where ?? [])
  if (bodies === undefined) return undefined
  const rules: HornRule[] = []
  for (const body of bodies) {
    const premise = quads(body)
    if (premise === undefined) return undefined
    rules.push({ premise, conclusion })
  }
  return rules
}

const numeric = new Set(['decimal', 'integer', 'double', 'float'].map(local => `http://www.w3.org/2001/XMLSchema#${local}`))

/**
 * A term's key; numbers by value, because oxigraph stores `"4.30"^^xsd:decimal` as `"4.3"`; blank
 * nodes without the document prefix their parser gave them (N3.js `b<n>_`, the line reader `l<n>_`).
 */
function id (term: Term): string {
  if (term.termType === 'Literal' && numeric.has(term.datatype.value)) return `"${Number(term.value)}"^^${term.datatype.value}`
  if (term.termType === 'BlankNode') return `_:${term.value.replace(/^[bl]\d+_/, '')}`
  return termToId(term as Parameters<typeof termToId>[0])
}

function keys (quads: readonly Quad[]): Set<string> {
  return new Set(quads.map(q => `${id(q.subject)} ${id(q.predicate)} ${id(q.object)}`))
}

/** An order-independent digest of a set of distinct triples (their count and a sum of 64-bit hashes of their keys). */
function digest (quads: readonly Quad[]): { count: number, sum: bigint } {
  let sum = 0n
  for (const q of quads) {
    const key = `${id(q.subject)} ${id(q.predicate)} ${id(q.object)}`
    let h = 0x811c9dc5
    let g = 7
    for (let i = 0; i < key.length; i++) {
      h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
      g = Math.imul(g ^ key.charCodeAt(i), 0x5bd1e995)
    }
    sum += BigInt(h >>> 0) * 4294967296n + BigInt(g >>> 0)
  }
  return { count: quads.length, sum }
}

function sameSet (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false
  for (const key of a) if (!b.has(key)) return false
  return true
}

function timed<T> (work: () => T): { value: T, ms: number } {
  const start = performance.now()
  const value = work()
  return { value, ms: performance.now() - start }
}

export async function run (): Promise<string> {
  const ontology = (await Promise.all((await listTurtleFiles(new URL('../ontology/', import.meta.url).pathname)).map(file => readRdfFile(file)))).flat()
  const rules = [...builtinRules()]
  const horn = rules.map(rule => ({ rule, horn: hornRules(rule) }))
  const hornSubset = horn.filter(entry => entry.horn !== undefined)
  const program = compileRules(rules)
  const hornProgram = compileRules(hornSubset.map(entry => entry.rule))
  const rows: Array<Record<string, string | number>> = []
  for (const size of sizes) {
    const catalog = generateCatalog(size)
    // The line reader first, on a heap that holds no parsed quads yet; only digests are kept.
    const lines = [{ text: catalog.ntriples, format: 'n-triples' as const, source: 'catalog.nt' }]
    const digested = (work: () => Quad[]): { value: ReturnType<typeof digest>, ms: number } => {
      const { value, ms } = timed(work)
      return { value: digest(value), ms }
    }
    const fromText = digested(() => inferred(reason(ontology, program, { lines })))
    const generic = digested(() => inferred(reason(ontology, program, { lines, closureSteps: false })))
    const parsed = timed(() => [...ontology, ...new Parser({ format: 'N-Triples' }).parse(catalog.ntriples) as Quad[]])
    const quads = parsed.value
    const compiled = timed(() => inferred(reason(quads, program)))
    const compiledDigest = digest(compiled.value)
    const expected = size > slowUpTo ? new Set<string>() : keys(compiled.value)
    const row = (engine: string, rulesRun: number, time: number, derived: number, same: boolean | undefined, baseline: number): Record<string, string | number> => ({
      services: size,
      triples: quads.length,
      engine,
      rules: rulesRun,
      'ms': ms(time),
      derived,
      'same triples': same === undefined ? '—' : same ? 'yes' : 'NO',
      'ratio': baseline === time ? '1.0×' : `${(time / baseline).toFixed(1)}×`
    })
    rows.push(row('compiled (all rules)', rules.length, compiled.ms, compiled.value.length, undefined, compiled.ms))
    rows.push(row('N3.js parse, then compiled (all rules)', rules.length, parsed.ms + compiled.ms, compiled.value.length, undefined, compiled.ms))
    rows.push(row('N-Triples read into ids + compiled', rules.length, fromText.ms, fromText.value.count, fromText.value.sum === compiledDigest.sum && fromText.value.count === compiledDigest.count, compiled.ms))
    rows.push(row('… without closure steps', rules.length, generic.ms, generic.value.count, generic.value.sum === compiledDigest.sum && generic.value.count === compiledDigest.count, compiled.ms))
    if (size > slowUpTo) continue

    const input = keys(quads)
    const oxigraph = timed(() => materialize(quads, { rules }).inferred)
    const oxigraphKeys = keys(oxigraph.value)
    for (const key of input) oxigraphKeys.delete(key)
    rows.push(row('oxigraph UPDATE fixpoint', rules.length, oxigraph.ms, oxigraphKeys.size, sameSet(oxigraphKeys, expected), compiled.ms))

    const compiledHorn = timed(() => inferred(reason(quads, hornProgram)))
    const expectedHorn = keys(compiledHorn.value)
    const store = new Store(quads)
    const before = store.size
    const n3 = timed(() => new Reasoner(store).reason(hornSubset.flatMap(entry => entry.horn!)))
    const n3Keys = keys(store.getQuads(null, null, null, null))
    for (const key of input) n3Keys.delete(key)
    rows.push(row('compiled (triple-pattern rules)', hornSubset.length, compiledHorn.ms, expectedHorn.size, undefined, compiledHorn.ms))
    rows.push(row('N3.js Reasoner (triple-pattern rules)', hornSubset.length, n3.ms, store.size - before, sameSet(n3Keys, expectedHorn), compiledHorn.ms))
  }
  return [
    `rules: ${rules.length} built in; ${hornSubset.length} of them are triple patterns only (N3.js runs those: ${hornSubset.map(entry => entry.rule.name).join(', ')})`,
    'ratio: time over the compiled evaluator on the same rules and input (lower is faster)',
    '"compiled (all rules)" reasons over quads parsed beforehand; "N-Triples read into ids" includes reading the catalog text (no quad objects)',
    '',
    table(rows)
  ].join('\n')
}
