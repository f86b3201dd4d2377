/**
 * A short example of a value matching a regular expression (`sh:pattern`): each part as
 * few times as it must occur, the first alternative of a group, the first character of a
 * class. Covers what shapes write (classes, ranges, escapes, groups, alternatives, quantifiers);
 * a pattern with anything else (look-arounds, back-references) has no example. The example is
 * checked against the pattern, so it is never wrong, only sometimes missing.
 */

/**
 * A value matching `pattern`, or `undefined` when the pattern uses constructs this does not
 * read or the shortest value would be empty or unreadable (control characters).
 *
 * @example
 * patternExample('^\\+[1-9][0-9]{6,14}$') // '+1000000'
 */
export function patternExample (pattern: string): string | undefined {
  let example: string | undefined
  try {
    const reader = new Reader(pattern)
    example = reader.alternatives()
    if (example === undefined || reader.at < pattern.length) return undefined
    if (!new RegExp(pattern, 'u').test(example)) return undefined
  } catch {
    return undefined
  }
  return example.trim() === '' || /[\p{Cc}]/u.test(example) ? undefined : example
}

const escapes: Readonly<Record<string, string>> = { d: '0', w: 'a', s: ' ', n: '\n', t: '\t', r: '\r' }
/** Characters tried, in order, for a negated class or a class escape such as `\S`. */
const candidates = 'a0x1A-_.'

class Reader {
  at = 0
  constructor (readonly source: string) {}

  peek (): string | undefined { return this.source[this.at] }

  /** `a|b|c` up to a `)` or the end: the first alternative's example. */
  alternatives (): string | undefined {
    const first = this.sequence()
    while (this.peek() === '|') {
      this.at++
      if (this.sequence() === undefined) return undefined
    }
    return first
  }

  sequence (): string | undefined {
    let text = ''
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      if (c === '^' || c === '$') { this.at++; continue }
      const atom = this.atom()
      if (atom === undefined) return undefined
      const times = this.quantifier()
      if (times === undefined) return undefined
      text += atom.repeat(times)
    }
    return text
  }

  atom (): string | undefined {
    const c = this.source[this.at++]
    if (c === '(') {
      if (this.peek() === '?') {
        if (this.source.slice(this.at, this.at + 2) !== '?:') return undefined
        this.at += 2
      }
      const inner = this.alternatives()
      if (this.source[this.at++] !== ')') return undefined
      return inner
    }
    if (c === '[') return this.characterClass()
    if (c === '.') return 'a'
    if (c === '\\') return this.escape()
    if (c === undefined || '*+?{'.includes(c)) return undefined
    return c
  }

  /** After a backslash: the character it stands for, or one of the class it names. */
  escape (): string | undefined {
    const c = this.source[this.at++]
    if (c === undefined) return undefined
    if (c in escapes) return escapes[c]
    if ('DWS'.includes(c)) return [...candidates].find(x => !new RegExp(`\\${c.toLowerCase()}`).test(x))
    if (/[A-Za-z0-9]/.test(c)) return undefined
    return c
  }

  /** After `[`: the first character the class allows. */
  characterClass (): string | undefined {
    const negated = this.peek() === '^'
    if (negated) this.at++
    const start = this.at
    let first: string | undefined
    while (this.peek() !== ']') {
      if (this.peek() === undefined) return undefined
      const c = this.source[this.at++]!
      const single = c === '\\' ? this.escape() : c
      if (single === undefined) return undefined
      first ??= single
      if (this.peek() === '-' && this.source[this.at + 1] !== ']') {
        this.at++
        const end = this.source[this.at++]
        if (end === undefined || end === '\\') return undefined
      }
    }
    const body = this.source.slice(start, this.at)
    this.at++
    if (!negated) return first
    const excluded = new RegExp(`[${body}]`, 'u')
    return [...candidates].find(x => !excluded.test(x))
  }

  /** How many times the atom before must occur at least: `?`, `*` → 0; `+` → 1; `{n,m}` → n. */
  quantifier (): number | undefined {
    const c = this.peek()
    let times = 1
    if (c === '?' || c === '*') { this.at++; times = 0 } else if (c === '+') this.at++
    else if (c === '{') {
      const match = /^\{(\d+)(,\d*)?\}/.exec(this.source.slice(this.at))
      if (match === null) return undefined
      this.at += match[0].length
      times = Number(match[1])
    }
    if (this.peek() === '?') this.at++
    return times
  }
}
