/** SPARQL 1.1 Query Results CSV and TSV (W3C REC §2 and §3), converted from the JSON results. */

interface JsonTerm { type: 'uri' | 'literal' | 'bnode' | 'triple', value: unknown, 'xml:lang'?: string, datatype?: string }
interface JsonResults { head: { vars?: string[] }, results?: { bindings: Array<Record<string, JsonTerm>> } }

const xsdString = 'http://www.w3.org/2001/XMLSchema#string'

function csvField (text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function csvTerm (term: JsonTerm | undefined): string {
  if (term === undefined) return ''
  if (term.type === 'bnode') return `_:${String(term.value)}`
  if (term.type === 'triple') return tsvTerm(term)
  return String(term.value)
}

function escapeLiteral (text: string): string {
  return text.replace(/[\\"\t\n\r]/g, c => ({ '\\': '\\\\', '"': '\\"', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
}

function tsvTerm (term: JsonTerm | undefined): string {
  if (term === undefined) return ''
  switch (term.type) {
    case 'uri': return `<${String(term.value)}>`
    case 'bnode': return `_:${String(term.value)}`
    case 'triple': {
      const t = term.value as { subject: JsonTerm, predicate: JsonTerm, object: JsonTerm }
      return `<< ${tsvTerm(t.subject)} ${tsvTerm(t.predicate)} ${tsvTerm(t.object)} >>`
    }
    default: {
      const lexical = `"${escapeLiteral(String(term.value))}"`
      if (term['xml:lang'] !== undefined) return `${lexical}@${term['xml:lang']}`
      if (term.datatype !== undefined && term.datatype !== xsdString) return `${lexical}^^<${term.datatype}>`
      return lexical
    }
  }
}

/** SPARQL JSON results text → CSV (`text/csv`), CRLF line ends as the spec says. */
export function toCsv (json: string): string {
  const results = JSON.parse(json) as JsonResults
  const vars = results.head.vars ?? []
  const lines = [vars.map(csvField).join(',')]
  for (const row of results.results?.bindings ?? []) lines.push(vars.map(v => csvField(csvTerm(row[v]))).join(','))
  return lines.join('\r\n') + '\r\n'
}

/** SPARQL JSON results text → TSV (`text/tab-separated-values`). */
export function toTsv (json: string): string {
  const results = JSON.parse(json) as JsonResults
  const vars = results.head.vars ?? []
  const lines = [vars.map(v => `?${v}`).join('\t')]
  for (const row of results.results?.bindings ?? []) lines.push(vars.map(v => tsvTerm(row[v])).join('\t'))
  return lines.join('\n') + '\n'
}
