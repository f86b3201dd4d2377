/**
 * Runs one composer fixture case folder (test/fixtures/composer/<case>/): the shared
 * vocabulary.ttl and the case's catalog.ttl are parsed and compiled by the real pipeline
 * (parseRdf → compileCatalog), request.json is parsed with parseCompositionRequest and
 * composed; the answer — or the SymphonyError's code and message — is compared with
 * expected.json. Optional `expected.<language>.txt` files hold the answer as
 * `formatBundleText` writes it in that language. Blank-node labels differ between parses, so
 * they are renumbered `_:b0`, `_:b1`, … in order of first appearance before comparing.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { compileCatalog, type Catalog } from '../../src/catalog/index.js'
import { compose, loadSolver, formatBundleText, parseCompositionRequest, type CompositionAnswer } from '../../src/composer/index.js'
import { SymphonyError } from '../../src/errors.js'
import { parseRdf } from '../../src/rdf/index.js'

export const fixturesFolder = join(import.meta.dirname, '..', 'fixtures', 'composer')

/** Parses the shared vocabulary and the case's catalog and compiles them. */
export async function loadCatalog (caseFolder: string): Promise<Catalog> {
  const quads = []
  for (const file of [join(fixturesFolder, 'vocabulary.ttl'), join(caseFolder, 'catalog.ttl')]) {
    quads.push(...await parseRdf(await readFile(file, 'utf8'), { format: 'turtle', source: file }))
  }
  return compileCatalog(quads)
}

export interface CaseOutcome {
  /** The answer, or the SymphonyError's code and message, as JSON data. */
  readonly json: unknown
  /** The answer as text in a language (`undefined` for an error). */
  readonly text: (language: string) => string | undefined
}

/** The case's actual outcome. */
export async function runCase (caseFolder: string): Promise<CaseOutcome> {
  const catalog = await loadCatalog(caseFolder)
  await loadSolver()
  const requestText = await readFile(join(caseFolder, 'request.json'), 'utf8')
  let answer: CompositionAnswer
  try {
    answer = compose(catalog, parseCompositionRequest(requestText))
  } catch (error) {
    if (error instanceof SymphonyError) return { json: { error: { code: error.code, message: error.message } }, text: () => undefined }
    throw error
  }
  return {
    json: renumberBlankNodes(answer),
    text: language => renumberBlankNodes(formatBundleText(answer, { language, catalog })) as string
  }
}

/** Replaces blank-node labels by `_:b0`, `_:b1`, … in order of first appearance. */
export function renumberBlankNodes (value: unknown): unknown {
  const labels = new Map<string, string>()
  const text = JSON.stringify(value).replace(/_:[A-Za-z0-9_.-]*[A-Za-z0-9_]/g, label => {
    let renamed = labels.get(label)
    if (renamed === undefined) labels.set(label, renamed = `_:b${labels.size}`)
    return renamed
  })
  return JSON.parse(text)
}
