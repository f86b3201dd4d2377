/**
 * How deep the brackets of an RDF or SPARQL text nest, found in one linear scan before any parser
 * sees it: parsers and engines take time or stack in proportion to the nesting, so callers refuse
 * texts over their limit first. Brackets inside strings, IRIs and comments do not count.
 */
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
