/**
 * Rule files: SPARQL queries kept as `.rq` files a researcher can read and extend
 *. Inference rules are CONSTRUCT queries; matching rules are SELECT queries.
 * Reading them is the one piece of I/O in the reasoner; evaluating them is `materialize`.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sparqljs from 'sparqljs'
import { SymphonyError } from '../errors.js'
import { querySyntaxPosition, querySyntaxReason } from '../rdf/index.js'
import { compileRules } from './rule-compiler.js'

/** One rule file, parsed and checked. */
export interface Rule {
  /** File name without `.rq`, e.g. `scm-sco`. */
  readonly name: string
  /** The SPARQL text as written. */
  readonly text: string
  /** The leading `#` comment: what the rule states and which OWL 2 RL / RDFS rule it is. */
  readonly comment: string
  /** Where the rule came from (a file path), for messages. */
  readonly source: string
  readonly queryType: 'CONSTRUCT' | 'SELECT'
}

/** The reasoner's own inference rules (`src/reasoner/rules/`). */
export const inferenceRulesFolder: string = fileURLToPath(new URL('./rules/', import.meta.url))

/**
 * Parses one rule. Throws `INVALID_QUERY` naming the source when the text is not SPARQL or not
 * of the expected query type.
 *
 * @example ruleFromText('scm-sco', 'CONSTRUCT { ?a <…#subClassOf> ?c } WHERE { … }')
 */
export function ruleFromText (name: string, text: string, options: { source?: string, queryType?: Rule['queryType'] } = {}): Rule {
  const source = options.source ?? name
  const expected = options.queryType ?? 'CONSTRUCT'
  let parsed: sparqljs.SparqlQuery
  try {
    parsed = new sparqljs.Parser().parse(text)
  } catch (error) {
    throw notSparql(source, text, error as Error)
  }
  if (parsed.type !== 'query' || parsed.queryType !== expected) {
    throw new SymphonyError('INVALID_QUERY', {
      en: `${source}: a rule file must hold one ${expected} query`,
      de: `${source}: eine Regeldatei muss genau eine ${expected}-Abfrage enthalten`
    }, { file: source })
  }
  return { name, text, comment: leadingComment(text), source, queryType: expected }
}

/**
 * Reads every `*.rq` file of a folder (sorted by name) as rules.
 *
 * @example const rules = await readRules() // the OWL 2 RL / RDFS rules of the reasoner
 */
export async function readRules (folder: string = inferenceRulesFolder, options: { queryType?: Rule['queryType'] } = {}): Promise<Rule[]> {
  let names: string[]
  try {
    names = (await readdir(folder)).filter(name => name.endsWith('.rq')).sort()
  } catch (error) {
    throw unreadableFolder(folder, error)
  }
  return Promise.all(names.map(async name => {
    const file = join(folder, name)
    return ruleFromText(basename(name, '.rq'), await readFile(file, 'utf8'), { source: file, ...options })
  }))
}

/**
 * A rule that does not parse, with `file:line:column` of the token the parser stopped at (the
 * line counted in the rule's own text, also for a rule stored as a literal), and for a prefix
 * without a PREFIX declaration, which one and how to declare it.
 */
function notSparql (source: string, text: string, error: Error): SymphonyError {
  const at = querySyntaxPosition(text, error)
  const where = at.line === undefined ? source : `${source}:${at.line}:${at.column}`
  const reason = querySyntaxReason(at)
  return new SymphonyError('INVALID_QUERY', {
    en: `${where}: not a SPARQL query — ${reason.en}`,
    de: `${where}: keine SPARQL-Abfrage — ${reason.de}`
  }, { file: source, ...(at.line === undefined ? {} : { line: at.line, column: at.column }), cause: error })
}

function leadingComment (text: string): string {
  const lines: string[] = []
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break
    lines.push(line.replace(/^#\s?/, ''))
  }
  return lines.join('\n')
}

/**
 * Reads every `*.rq` file of a folder synchronously (sorted by name), for callers that compile
 * synchronously; `readRules` otherwise.
 */
export function readRulesSync (folder: string = inferenceRulesFolder): Rule[] {
  let names: string[]
  try {
    names = readdirSync(folder).filter(name => name.endsWith('.rq')).sort()
  } catch (error) {
    throw unreadableFolder(folder, error)
  }
  return names.map(name => {
    const file = join(folder, name)
    return ruleFromText(basename(name, '.rq'), readFileSync(file, 'utf8'), { source: file })
  })
}

let builtin: readonly Rule[] | undefined

/** The reasoner's own rules (`src/reasoner/rules/`), read once. */
export function builtinRules (): readonly Rule[] {
  return builtin ??= readRulesSync()
}

/**
 * Reads the rule folders given besides the built-in one (`--rules DIR`), in order, and checks
 * that every rule compiles, so a rule outside the supported subset is refused at start-up
 * with its file and line.
 */
export async function readRuleFolders (folders: readonly string[]): Promise<Rule[]> {
  const rules: Rule[] = []
  for (const folder of folders) rules.push(...await readRules(folder))
  compileRules(rules)
  return rules
}

/** A rule folder that cannot be listed: `NOT_FOUND` naming it. */
function unreadableFolder (folder: string, error: unknown): SymphonyError {
  return new SymphonyError('NOT_FOUND', {
    en: `${folder}: cannot read the rule folder`,
    de: `${folder}: der Regelordner kann nicht gelesen werden`
  }, { file: folder, cause: error })
}
