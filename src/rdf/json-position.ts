/**
 * Where a JSON text stops being valid. V8's JSON.parse messages carry a position only for some
 * errors ("Unexpected token '}', … is not valid JSON" has none), so a small scanner of the JSON
 * grammar (RFC 8259) finds the offset of the first character that cannot continue the text.
 */

/** Offset of the first invalid character (the text's length when it ends too early); -1 when valid. */
export function jsonErrorOffset (text: string): number {
  let i = 0
  const fail = (): never => { throw i }
  const space = (): void => { while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++ }
  const literal = (word: string): void => {
    for (const c of word) { if (text[i] !== c) fail(); i++ }
  }
  const string = (): void => {
    i++ // opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i)
      if (c < 0x20) fail()
      if (text[i] === '\\') {
        i++
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) { i += k; fail() }
          i += 5
          continue
        }
        if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail()
      }
      i++
    }
    if (i >= text.length) fail()
    i++
  }
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (match === null || match[0] === '' || match[0] === '-') fail()
    i += match![0].length
  }
  const value = (): void => {
    space()
    const c = text[i]
    if (c === '{') {
      i++; space()
      if (text[i] === '}') { i++; return }
      for (;;) {
        space()
        if (text[i] !== '"') fail()
        string(); space()
        if (text[i] !== ':') fail()
        i++; value(); space()
        if (text[i] === ',') { i++; continue }
        if (text[i] === '}') { i++; return }
        fail()
      }
    } else if (c === '[') {
      i++; space()
      if (text[i] === ']') { i++; return }
      for (;;) {
        value(); space()
        if (text[i] === ',') { i++; continue }
        if (text[i] === ']') { i++; return }
        fail()
      }
    } else if (c === '"') string()
    else if (c === 't') literal('true')
    else if (c === 'f') literal('false')
    else if (c === 'n') literal('null')
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number()
    else fail()
  }
  try {
    value(); space()
    return i < text.length ? i : -1
  } catch (offset) {
    return offset as number
  }
}
