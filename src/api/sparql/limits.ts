/**
 * The shape limits of a SPARQL query, checked before any parser sees it: its length, and how deep
 * its brackets nest. One linear scan over the text; brackets inside strings, IRIs and comments do
 * not count. Parsers and engines take time or stack in proportion to the nesting (an engine fails
 * outright on a few hundred nested groups), so a query over the limit is refused with a message
 * saying how to fix it.
 */
import { SymphonyError } from '../../errors.js'

export interface QueryShapeLimits {
  /** Most characters in a query. */
  readonly maxLength: number
  /** Most `{`, `(` and `[` open at once. */
  readonly maxDepth: number
}

const opening = new Set(['{', '(', '['])
const closing = new Set(['}', ')', ']'])
/** An IRI reference after `<` (SPARQL 1.1 grammar, IRIREF): otherwise `<` is the comparison. */
// eslint-disable-next-line no-control-regex -- IRIREF excludes the control characters by definition
const iriReference = /[^<>"{}|^`\\\u0000-\u0020]*>/y

/** Deepest nesting of brackets in `text`, outside strings, IRIs and comments. */
export function nestingDepth (text: string): number {
  let depth = 0
  let deepest = 0
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === '#') {
      const end = text.indexOf('\n', i)
      i = end < 0 ? text.length : end + 1
    } else if (c === '"' || c === "'") {
      i = afterString(text, i, c)
    } else if (c === '<') {
      iriReference.lastIndex = i + 1
      i = iriReference.test(text) ? iriReference.lastIndex : i + 1
    } else {
      if (opening.has(c)) deepest = Math.max(deepest, ++depth)
      else if (closing.has(c) && depth > 0) depth--
      i++
    }
  }
  return deepest
}

/** Index after the string literal starting at `start` (or the end of the text when unterminated). */
function afterString (text: string, start: number, quote: string): number {
  const long = text.startsWith(quote.repeat(3), start)
  const delimiter = long ? quote.repeat(3) : quote
  let i = start + delimiter.length
  while (i < text.length) {
    if (text[i] === '\\') i += 2
    else if (text.startsWith(delimiter, i)) return i + delimiter.length
    else if (!long && text[i] === '\n') return i + 1
    else i++
  }
  return text.length
}

/** Throws PAYLOAD_TOO_LARGE or INVALID_QUERY when the query is longer or nests deeper than allowed. */
export function checkQueryShape (text: string, limits: QueryShapeLimits): void {
  if (text.length > limits.maxLength) {
    throw new SymphonyError('PAYLOAD_TOO_LARGE', `the query has ${text.length} characters, more than the ${limits.maxLength} this endpoint accepts; split it into smaller queries`)
  }
  const depth = nestingDepth(text)
  if (depth > limits.maxDepth) {
    throw new SymphonyError('INVALID_QUERY', `the query nests brackets ${depth} deep, more than the ${limits.maxDepth} this endpoint accepts; flatten the groups ({ }), expressions (( )) or blank-node lists ([ ])`)
  }
}
