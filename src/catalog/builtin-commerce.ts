/**
 * The built-in commerce vocabulary (`ontology/commerce.ttl`), read once and synchronously:
 * what price components, counting bases and billing periods mean when the quads a catalog is
 * compiled from do not declare them (a catalog compiled without the ontology, e.g. from
 * service descriptions alone). Declarations in the compiled quads always win.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { builtinFolders } from '../project.js'
import { compileRules, reason } from '../reasoner/index.js'
import { NodeReader } from './read-service.js'
import { indexSubjects } from './subject-index.js'

let reader: NodeReader | undefined

/** A reader over the built-in commerce module. */
export function builtinCommerce (): NodeReader {
  if (reader === undefined) {
    const file = join(builtinFolders.ontology, 'commerce.ttl')
    const quads = new Parser({ baseIRI: `file://${file}` }).parse(readFileSync(file, 'utf8')) as Quad[]
    reader = new NodeReader(indexSubjects(quads, reason(quads, compileRules([])), new Set()))
  }
  return reader
}
