/**
 * Reads the W3C SHACL test suite (core and SHACL-SPARQL manifests) as shacl-engine ships it in
 * its package, and checks one test case through `src/shacl`: the report graph is compared by
 * isomorphism with the expected `sh:ValidationReport`, as the suite prescribes.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Quad, Term } from '@rdfjs/types'
import { isomorphic } from 'rdf-isomorphic'
import { parseRdf } from '../../src/rdf/index.js'
import { reportQuads, validateShacl } from '../../src/shacl/index.js'

const require = createRequire(import.meta.url)
/** The folder of the suite inside the shacl-engine package. */
export const suiteRoot = join(dirname(require.resolve('shacl-engine/package.json')), 'test', 'assets', 'data-shapes')

const mf = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#'
const sht = 'http://www.w3.org/ns/shacl-test#'
const sh = 'http://www.w3.org/ns/shacl#'
const rdf = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
const rdfs = 'http://www.w3.org/2000/01/rdf-schema#'

export interface SuiteCase {
  /** Path of the manifest file relative to the suite root, and the test's local name. */
  readonly id: string
  readonly label: string
  readonly data: readonly Quad[]
  readonly shapes: readonly Quad[]
  /** The expected report triples, or `failure` when the test expects a validation failure. */
  readonly expected: readonly Quad[] | 'failure'
}

const parsed = new Map<string, Promise<Quad[]>>()

/** One parse per file, so blank nodes shared by data and expected report keep their labels. */
async function load (url: string): Promise<Quad[]> {
  let quads = parsed.get(url)
  if (quads === undefined) {
    quads = readFile(fileURLToPath(url), 'utf8').then(async text => parseRdf(text, { format: 'turtle', baseIRI: url }))
    parsed.set(url, quads)
  }
  return quads
}

const objects = (quads: readonly Quad[], subject: Term, predicate: string): Term[] =>
  quads.filter(q => q.subject.equals(subject) && q.predicate.value === predicate).map(q => q.object)

function list (quads: readonly Quad[], head: Term): Term[] {
  const members: Term[] = []
  for (let node = head; node.value !== `${rdf}nil`;) {
    members.push(objects(quads, node, `${rdf}first`)[0]!)
    node = objects(quads, node, `${rdf}rest`)[0]!
  }
  return members
}

/** Every test case of a manifest and the manifests it includes, in manifest order. */
export async function suiteCases (manifest: string): Promise<SuiteCase[]> {
  const url = pathToFileURL(join(suiteRoot, manifest)).href
  const quads = await load(url)
  const root = quads.find(q => q.predicate.value === `${rdf}type` && q.object.value === `${mf}Manifest`)!.subject
  const cases: SuiteCase[] = []
  for (const include of objects(quads, root, `${mf}include`)) {
    cases.push(...await suiteCases(fileURLToPath(include.value).slice(suiteRoot.length + 1)))
  }
  for (const entries of objects(quads, root, `${mf}entries`)) {
    for (const entry of list(quads, entries)) {
      const action = objects(quads, entry, `${mf}action`)[0]!
      const result = objects(quads, entry, `${mf}result`)[0]!
      cases.push({
        id: `${manifest.replace(/\/?manifest\.ttl$/, '')}/${entry.value.replace(/^.*\//, '')}`,
        label: objects(quads, entry, `${rdfs}label`)[0]?.value ?? entry.value,
        data: await load(objects(quads, action, `${sht}dataGraph`)[0]!.value),
        shapes: await load(objects(quads, action, `${sht}shapesGraph`)[0]!.value),
        expected: result.value === `${sht}Failure` ? 'failure' : reportOf(quads, result)
      })
    }
  }
  return cases
}

const pathPredicates = new Set(['alternativePath', 'inversePath', 'oneOrMorePath', 'zeroOrMorePath', 'zeroOrOnePath'].map(p => sh + p).concat(`${rdf}first`, `${rdf}rest`))

/** The report node, its results (and their `sh:detail` results) with their triples, and the path structures. */
function reportOf (quads: readonly Quad[], report: Term): Quad[] {
  const out = quads.filter(q => q.subject.equals(report))
  const addResult = (result: Term): void => {
    const own = quads.filter(q => q.subject.equals(result))
    out.push(...own)
    for (const q of own) {
      if (q.predicate.value === `${sh}detail`) addResult(q.object)
      if (q.predicate.value === `${sh}resultPath`) addPath(q.object)
    }
  }
  const addPath = (node: Term): void => {
    if (node.termType !== 'BlankNode') return
    for (const q of quads.filter(q => q.subject.equals(node) && pathPredicates.has(q.predicate.value))) {
      out.push(q)
      addPath(q.object)
    }
  }
  for (const result of objects(quads, report, `${sh}result`)) addResult(result)
  return out
}

/** Runs one case through `src/shacl`: true when the outcome is the expected one. */
export async function passes (test: SuiteCase): Promise<boolean> {
  const report = await validateShacl(test.data, test.shapes).catch((error: unknown) => error)
  if (test.expected === 'failure') return report instanceof Error || !(report as { conforms: boolean }).conforms
  if (report instanceof Error) return false
  const expected = test.expected
  const has = (predicate: string): boolean => expected.some(q => q.predicate.value === sh + predicate)
  const actual = reportQuads(report as Awaited<ReturnType<typeof validateShacl>>, { details: has('detail'), messages: has('resultMessage') })
  return isomorphic(actual, [...expected])
}
