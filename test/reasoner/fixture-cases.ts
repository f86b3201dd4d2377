/** The reasoner's fixture cases: folders of `test/fixtures/reasoner/` and the repository's own data. */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Quad } from '@rdfjs/types'
import { listTurtleFiles, readRdfFile } from '../../src/rdf/index.js'

export const root = fileURLToPath(new URL('../../', import.meta.url))
export const fixtures = join(root, 'test/fixtures/reasoner')

/** Folder names of the fixture cases, sorted. */
export function caseNames (): string[] {
  return readdirSync(fixtures, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => entry.name).sort()
}

/** Every Turtle file of `ontology/` and `examples/` that exists right now. */
export async function repositoryData (): Promise<{ files: string[], quads: Quad[] }> {
  const files: string[] = []
  for (const folder of ['ontology', 'examples']) {
    if (existsSync(join(root, folder))) files.push(...await listTurtleFiles(join(root, folder)))
  }
  const quads: Quad[] = []
  for (const file of files) quads.push(...await readRdfFile(file))
  return { files, quads }
}
