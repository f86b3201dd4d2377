/**
 * Where a SPARQL text's syntax error is: the 1-based line and column of the token sparqljs
 * (a Jison parser) stopped at, or of the first use of a prefix no PREFIX declares. Shared by the
 * SPARQL endpoint and the rule files, so both point at the same place.
 */

/** The parts of a Jison parse error's `hash` a position is read from. */
export interface JisonHash { text?: string, line?: number, loc?: { last_line: number, last_column: number } }

/** A syntax error of a SPARQL text, located. */
export interface QuerySyntaxPosition {
  /** 1-based line and column in the text, when the error says where. */
  readonly line?: number
  readonly column?: number
  /** The prefix used without a PREFIX declaration, when that is the error. */
  readonly undefinedPrefix?: string
  /** The parser's own words: the last line of its message (the lines before repeat the text). */
  readonly parserSays: string
}

/**
 * Locates a sparqljs parse error in the text it was thrown for.
 *
 * @example querySyntaxPosition('SELECT * { ex:a ?p ?o }', error) // { line: 1, column: 12, undefinedPrefix: 'ex', … }
 */
export function querySyntaxPosition (query: string, error: Error & { hash?: JisonHash }): QuerySyntaxPosition {
  const prefix = /^Unknown prefix: (\S*)/.exec(error.message)?.[1]
  const at = error.hash !== undefined ? positionOf(query, error.hash) : prefix !== undefined ? positionOfPrefix(query, prefix) : undefined
  return { ...at, ...(prefix === undefined ? {} : { undefinedPrefix: prefix }), parserSays: error.message.split('\n').at(-1) ?? error.message }
}

/**
 * What is wrong, in English and German: for a prefix without a declaration, which one and how to
 * declare it; otherwise the parser's own text, quoted as it is in both languages.
 */
export function querySyntaxReason (at: QuerySyntaxPosition): { en: string, de: string } {
  const prefix = at.undefinedPrefix
  return prefix === undefined
    ? { en: at.parserSays, de: at.parserSays }
    : { en: `undefined prefix "${prefix}" — declare it with PREFIX ${prefix}: <…>`, de: `nicht definiertes Präfix "${prefix}" — deklarieren Sie es mit PREFIX ${prefix}: <…>` }
}

/** 1-based line and column of the token a sparqljs (Jison) syntax error points at. */
function positionOf (query: string, hash: JisonHash): { line: number, column: number } | undefined {
  if (typeof hash.line !== 'number') return undefined
  const line = hash.line + 1
  const text = query.split('\n')[hash.line] ?? ''
  const start = hash.loc !== undefined && hash.loc.last_line === line ? hash.loc.last_column : 0
  const found = hash.text === undefined || hash.text === '' ? -1 : text.indexOf(hash.text, start)
  return { line, column: (found >= 0 ? found : start) + 1 }
}

/** Where a prefixed name with an undeclared prefix first occurs. */
function positionOfPrefix (query: string, prefix: string): { line: number, column: number } | undefined {
  const match = new RegExp(`(^|[\\s(/^|{,;])${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'm').exec(query)
  if (match === null) return undefined
  const offset = match.index + match[1]!.length
  const before = query.slice(0, offset)
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') }
}
