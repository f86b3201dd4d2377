/** Finding the line of a construct in a rule's text, for messages that point at it. */

/**
 * The 1-based line of the first match of `pattern` outside comments, IRIs and strings;
 * `fallback` when there is none.
 */
export function lineOf (text: string, pattern: RegExp, fallback = 1): number {
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (pattern.test(code(lines[i]!))) return i + 1
  }
  return fallback
}

/** The line with comments removed and IRIs and string contents blanked. */
function code (line: string): string {
  let out = ''
  let quote = ''
  let inIri = false
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!
    if (quote !== '') {
      if (char === quote) { quote = ''; out += char } else out += ' '
    } else if (inIri) {
      if (char === '>') { inIri = false; out += char } else out += ' '
    } else if (char === '#') {
      break
    } else {
      if (char === '"' || char === "'") quote = char
      else if (char === '<' && /^<[^\s<>"{}|^`\\]*>/.test(line.slice(i))) inIri = true
      out += char
    }
  }
  return out
}
