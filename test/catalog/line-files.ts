/** `.nt` / `.nq` files for the tests of graphs held as term ids, and the same statements as quads. */
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { Parser, Writer } from 'n3'
import { generateCatalog } from '../../bench/catalog-generator.js'

const ex = 'https://example.org/bench#'
const sym = 'https://w3id.org/symphony/ontology#'
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'

/**
 * The generated catalog as N-Quads: each service's statements in one of three graphs (the class
 * tree in the default graph), every 97th statement twice, and a role sub-property with two
 * sibling interfaces of the same class (their names then carry a hash of their content).
 */
export function asNQuads (ntriples: string): string {
  const lines = ntriples.trimEnd().split('\n')
  const out: string[] = []
  for (const [i, line] of lines.entries()) {
    const number = /(?:#S|_:[a-z]+)(\d+)/.exec(line)?.[1]
    const quad = number === undefined ? line : `${line.slice(0, -2)} <https://g.example/${Number(number) % 3}> .`
    out.push(quad)
    if (i % 97 === 0) out.push(quad)
  }
  out.push(`<${ex}providesFeed> <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> <${sym}provides> .`)
  for (const node of ['_:f1', '_:f2']) {
    out.push(`<${ex}S1> <${ex}providesFeed> ${node} <https://g.example/1> .`, `${node} <${rdfType}> <${ex}I3> <https://g.example/1> .`)
  }
  return out.join('\n') + '\n'
}

/**
 * A generated catalog as N-Quads with a blank node one graph points to and another describes:
 * a node the line path leaves to name across graphs (its name `ex:S7-provides-I5`).
 */
export function crossGraphNQuads (): string {
  return asNQuads(generateCatalog(200, { seed: 5 }).ntriples) + [
    `<${ex}S7> <${sym}provides> _:x .`,
    `_:x <${rdfType}> <${ex}I5> <https://g.example/1> .`
  ].join('\n') + '\n'
}

/** N-Triples with a stored rule whose SPARQL does not parse. */
export const badRuleNTriples = [
  `<${ex}S1> <${rdfType}> <${sym}VirtualPBX> .`,
  `<${ex}rule> <${rdfType}> <${sym}InferenceRule> .`,
  `<${ex}rule> <${sym}sparql> "CONSTRUCT { ?s a ?t } WHERE { ?s ?p " .`
].join('\n') + '\n'

/** Writes `text` as `name` in `dir`, and the same statements as the quad path reads them (`quadPathCopy`). */
export async function writeWithQuadCopy (dir: string, name: string, text: string): Promise<{ file: string, copy: string }> {
  const file = join(dir, name)
  await writeFile(file, text)
  return { file, copy: await quadPathCopy(dir, file, text) }
}

/**
 * The same statements in a file read as quads (Turtle, or TriG: N3.js's writer, in the same
 * order), in their own folder under the same base name, so their graph is the same: the quad
 * path's answers to compare with.
 */
export async function quadPathCopy (dir: string, file: string, text: string): Promise<string> {
  const name = basename(file, extname(file))
  const nquads = extname(file) === '.nq'
  const copy = join(dir, 'as-quads', `${name}.${nquads ? 'trig' : 'ttl'}`)
  await mkdir(dirname(copy), { recursive: true })
  await writeFile(copy, nquads ? await asTriG(text) : text)
  return copy
}

async function asTriG (nquads: string): Promise<string> {
  const writer = new Writer({ format: 'application/trig' })
  writer.addQuads(new Parser({ format: 'application/n-quads' }).parse(nquads))
  return new Promise((resolve, reject) => writer.end((error, trig: string) => { if (error !== null) reject(error); else resolve(trig) }))
}
