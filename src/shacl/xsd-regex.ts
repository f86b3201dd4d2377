/**
 * Translates the regular expressions of `sh:pattern` into ECMAScript regular expressions.
 *
 * `sh:pattern` means SPARQL `REGEX` (SHACL §4.4.1), i.e. XPath F&O §5.6: XML Schema regular
 * expressions (XSD 1.1 Part 2, appendix G) plus `^`/`$`, reluctant quantifiers, back-references
 * and the flags `s m i x q`. ECMAScript differs: `\d \w \s .` mean other sets, `\i \c \I \C`,
 * `\p{IsBlock}` and class subtraction (`[a-z-[aeiou]]`) do not exist, and JSON Schema's
 * `pattern` cannot carry flags. The translation is into the `u` dialect that ajv uses, with
 * every flag written into the expression itself, so one result serves JSON Schema and SHACL.
 * What cannot be translated exactly comes back as `{ ok: false, reason, reasons }` — never a crash.
 */
import type { ErrorMessages } from '../errors.js'
import { Untranslatable, caseVariants, classChar, foldRanges, outsideChar } from './xsd-regex-chars.js'
import { blocks, categories, codePointEscape, nameChars, nameStartChars, nonWordChars, spaceChars } from './xsd-regex-sets.js'

export type PatternTranslation =
  | { readonly ok: true, readonly source: string, readonly flags: '' | 'i' }
  /** `reason` is the English of `reasons`, which says it in English and German. */
  | { readonly ok: false, readonly reason: string, readonly reasons: ErrorMessages }

export interface PatternOptions {
  /**
   * Honour XPath's `i` flag with ECMAScript's `i` flag instead of spelling out case variants
   * (`[Aa]`). JSON Schema's `pattern` has no flags, so it needs the default, `false`.
   */
  caseFlag?: boolean
}

/**
 * `translateXsdPattern('\\i\\c*')` → `{ ok: true, source: '[:A-Z_a-z…][…]*', flags: '' }`, to be
 * used as `new RegExp(source, 'u' + flags)`; unanchored, like SPARQL `REGEX`.
 */
export function translateXsdPattern (pattern: string, flags = '', options: PatternOptions = {}): PatternTranslation {
  const unknown = [...flags].find(flag => !'smixq'.includes(flag))
  if (unknown !== undefined) {
    return untranslatable({
      en: `unknown regular expression flag "${unknown}" (XPath allows s, m, i, x, q)`,
      de: `unbekanntes Flag "${unknown}" für reguläre Ausdrücke (XPath erlaubt s, m, i, x, q)`
    })
  }
  let source: string
  try {
    source = new Translator(pattern, new Set(flags), options.caseFlag === true).translate()
  } catch (error) {
    if (error instanceof Untranslatable) return untranslatable(error.messages)
    throw error
  }
  const resultFlags = options.caseFlag === true && flags.includes('i') ? 'i' : ''
  try {
    new RegExp(source, `u${resultFlags}`)
  } catch (error) {
    const reason = (error as Error).message
    return untranslatable({ en: `not a valid regular expression: ${reason}`, de: `kein gültiger regulärer Ausdruck: ${reason}` })
  }
  return { ok: true, source, flags: resultFlags }
}

function untranslatable (reasons: ErrorMessages): PatternTranslation {
  return { ok: false, reason: reasons.en, reasons }
}

/** Characters of one class: code point ranges, ready-made class-body escapes, and atoms that only fit outside a class. */
interface CharSet {
  ranges: Array<[number, number]>
  body: string
  complex: string[]
}

interface CharClass {
  negated: boolean
  set: CharSet
  subtract?: CharClass
}

const singleCharEscapes: Record<string, string> = { n: '\n', r: '\r', t: '\t' }
const escapable = new Set([...'\\|.-^?*+{}()[]$'])

class Translator {
  private readonly chars: string[]
  private pos = 0
  private groups = 0
  private readonly caseless: boolean
  private readonly extended: boolean

  constructor (pattern: string, private readonly flags: ReadonlySet<string>, caseFlag: boolean) {
    this.chars = Array.from(pattern)
    this.caseless = flags.has('i') && !caseFlag
    // F&O §5.6.1.1: with q, the m, s and x flags have no effect.
    this.extended = flags.has('x') && !flags.has('q')
  }

  translate (): string {
    if (this.flags.has('q')) return this.chars.map(char => this.literal(char)).join('')
    const out = this.regExp()
    if (this.pos < this.chars.length) throw new Untranslatable({ en: `unbalanced ")" at position ${this.pos}`, de: `unpaariges ")" an Position ${this.pos}` })
    return out
  }

  /** Next character outside a class; with the x flag whitespace there is not part of the expression. */
  private peek (): string | undefined {
    while (this.extended && /^[ \t\n\r]$/.test(this.chars[this.pos] ?? '')) this.pos++
    return this.chars[this.pos]
  }

  private regExp (): string {
    const branches = [this.branch()]
    while (this.peek() === '|') {
      this.pos++
      branches.push(this.branch())
    }
    return branches.join('|')
  }

  private branch (): string {
    let out = ''
    for (let char = this.peek(); char !== undefined && char !== '|' && char !== ')'; char = this.peek()) {
      out += this.atom() + this.quantifier()
    }
    return out
  }

  private quantifier (): string {
    const char = this.peek()
    let out: string
    if (char === '?' || char === '*' || char === '+') {
      this.pos++
      out = char
    } else if (char === '{') {
      out = this.quantity()
    } else {
      return ''
    }
    if (this.peek() === '?') { // reluctant quantifier (XPath)
      this.pos++
      out += '?'
    }
    return out
  }

  private quantity (): string {
    this.pos++
    const min = this.digits()
    if (min === '') throw new Untranslatable({ en: 'a quantifier "{…}" needs a number: {n}, {n,} or {n,m}', de: 'ein Quantor "{…}" braucht eine Zahl: {n}, {n,} oder {n,m}' })
    let out = `{${min}`
    if (this.peek() === ',') {
      this.pos++
      const max = this.digits()
      if (max !== '' && Number(max) < Number(min)) throw new Untranslatable({ en: `quantifier {${min},${max}} has its bounds reversed`, de: `beim Quantor {${min},${max}} sind die Grenzen vertauscht` })
      out += `,${max}`
    }
    if (this.peek() !== '}') throw new Untranslatable({ en: 'a quantifier "{…}" is not closed', de: 'ein Quantor "{…}" ist nicht geschlossen' })
    this.pos++
    return `${out}}`
  }

  private digits (): string {
    let out = ''
    for (let char = this.peek(); char !== undefined && /^[0-9]$/.test(char); char = this.peek()) {
      out += char
      this.pos++
    }
    return out
  }

  private atom (): string {
    const char = this.peek()!
    this.pos++
    switch (char) {
      case '(': return this.group()
      case '[': return this.emitClass(this.charClass())
      case '.': return this.flags.has('s') ? '[\\s\\S]' : '[^\\n\\r]'
      case '^': return this.flags.has('m') ? '(?:^|(?<=\\n))' : '^'
      case '$': return this.flags.has('m') ? '(?:$|(?=\\n))' : '$'
      case '\\': return this.escapeOutside()
      case '?': case '*': case '+': case '{':
        throw new Untranslatable({ en: `"${char}" at position ${this.pos - 1} has nothing to repeat`, de: `"${char}" an Position ${this.pos - 1} hat nichts zu wiederholen` })
      default: return this.literal(char)
    }
  }

  private group (): string {
    let open = '('
    if (this.chars[this.pos] === '?') {
      if (this.chars[this.pos + 1] !== ':') throw new Untranslatable({ en: '"(?" is only allowed as "(?:" (non-capturing group)', de: '"(?" ist nur als "(?:" erlaubt (nicht erfassende Gruppe)' })
      this.pos += 2
      open = '(?:'
    } else {
      this.groups++
    }
    const inner = this.regExp()
    if (this.peek() !== ')') throw new Untranslatable({ en: 'a group "(" is not closed', de: 'eine Gruppe "(" ist nicht geschlossen' })
    this.pos++
    return `${open}${inner})`
  }

  private escapeOutside (): string {
    const char = this.chars[this.pos]
    if (char !== undefined && /^[1-9]$/.test(char)) {
      let number = char
      this.pos++
      // XPath: the longest digit sequence that names an existing group.
      while (/^[0-9]$/.test(this.chars[this.pos] ?? '') && Number(number + this.chars[this.pos]) <= this.groups) {
        number += this.chars[this.pos]
        this.pos++
      }
      if (this.caseless) throw new Untranslatable({ en: 'a back-reference under the i flag cannot be translated', de: 'eine Rückreferenz unter dem Flag i lässt sich nicht übersetzen' })
      return `\\${number}`
    }
    const set = this.multiCharEscape()
    if (set !== undefined) return this.emitSet(set, false)
    return this.literal(this.singleCharEscape())
  }

  /** `\s \S \i \I \c \C \d \D \w \W \p{…} \P{…}` as a set; `undefined` for other escapes (position unchanged). */
  private multiCharEscape (): CharSet | undefined {
    const char = this.chars[this.pos]
    const set: CharSet = { ranges: [], body: '', complex: [] }
    switch (char) {
      case 's': set.body = spaceChars; break
      case 'S': set.complex.push(`[^${spaceChars}]`); break
      case 'i': set.body = nameStartChars; break
      case 'I': set.complex.push(`[^${nameStartChars}]`); break
      case 'c': set.body = nameChars; break
      case 'C': set.complex.push(`[^${nameChars}]`); break
      case 'd': set.body = '\\p{Nd}'; break
      case 'D': set.body = '\\P{Nd}'; break
      case 'w': set.complex.push(`[^${nonWordChars}]`); break
      case 'W': set.body = nonWordChars; break
      case 'p': case 'P': {
        this.pos++
        return this.property(char === 'P')
      }
      default: return undefined
    }
    this.pos++
    return set
  }

  private property (negated: boolean): CharSet {
    if (this.chars[this.pos] !== '{') throw new Untranslatable({ en: '"\\p" needs a name in braces, e.g. \\p{Lu}', de: '"\\p" braucht einen Namen in geschweiften Klammern, z. B. \\p{Lu}' })
    const end = this.chars.indexOf('}', this.pos)
    if (end < 0) throw new Untranslatable({ en: '"\\p{" is not closed', de: '"\\p{" ist nicht geschlossen' })
    const name = this.chars.slice(this.pos + 1, end).join('')
    this.pos = end + 1
    if (categories.has(name)) return { ranges: [], body: `\\${negated ? 'P' : 'p'}{${name}}`, complex: [] }
    const block = name.startsWith('Is') ? blocks[name.slice(2)] as [number, number] | undefined : undefined
    if (block === undefined) throw new Untranslatable({ en: `"\\p{${name}}" is not a Unicode category or a supported block`, de: `"\\p{${name}}" ist weder eine Unicode-Kategorie noch ein unterstützter Block` })
    const range = `${codePointEscape(block[0])}-${codePointEscape(block[1])}`
    return negated ? { ranges: [], body: '', complex: [`[^${range}]`] } : { ranges: [block], body: '', complex: [] }
  }

  private singleCharEscape (): string {
    const char = this.chars[this.pos]
    if (char === undefined) throw new Untranslatable({ en: 'the pattern ends with a lone "\\"', de: 'das Muster endet mit einem einzelnen "\\"' })
    this.pos++
    const mapped = singleCharEscapes[char]
    if (mapped !== undefined) return mapped
    if (escapable.has(char)) return char
    throw new Untranslatable({ en: `"\\${char}" is not an escape of XML Schema regular expressions`, de: `"\\${char}" ist keine Escape-Sequenz regulärer Ausdrücke von XML Schema` })
  }

  /** A character class after its "[": `[^…]`, ranges, escapes and a trailing subtraction `-[…]`. */
  private charClass (): CharClass {
    const node: CharClass = { negated: false, set: { ranges: [], body: '', complex: [] } }
    if (this.chars[this.pos] === '^') {
      node.negated = true
      this.pos++
    }
    let first = true
    for (;;) {
      const char = this.chars[this.pos]
      if (char === undefined) throw new Untranslatable({ en: 'a character class "[" is not closed', de: 'eine Zeichenklasse "[" ist nicht geschlossen' })
      if (char === ']') {
        if (first) throw new Untranslatable({ en: 'a character class may not be empty', de: 'eine Zeichenklasse darf nicht leer sein' })
        this.pos++
        return node
      }
      if (char === '-' && this.chars[this.pos + 1] === '[' && !first) {
        this.pos += 2
        node.subtract = this.charClass()
        if (this.chars[this.pos] !== ']') throw new Untranslatable({ en: 'a class subtraction "-[…]" must end its character class', de: 'eine Klassensubtraktion "-[…]" muss ihre Zeichenklasse beenden' })
        this.pos++
        return node
      }
      first = false
      this.pos++
      let start: number
      if (char === '\\') {
        const set = this.multiCharEscape()
        if (set !== undefined) {
          node.set.ranges.push(...set.ranges)
          node.set.body += set.body
          node.set.complex.push(...set.complex)
          continue
        }
        start = this.singleCharEscape().codePointAt(0)!
      } else {
        start = char.codePointAt(0)!
        if (char === '-') { // a leading or trailing "-" is itself
          node.set.ranges.push([start, start])
          continue
        }
      }
      const next = this.chars[this.pos + 1]
      if (this.chars[this.pos] === '-' && next !== undefined && next !== ']' && next !== '[') {
        this.pos += 2
        let end: number
        if (next === '\\') {
          if (this.multiCharEscape() !== undefined) throw new Untranslatable({ en: 'a range cannot end with a multi-character escape', de: 'ein Bereich kann nicht mit einer Escape-Sequenz für mehrere Zeichen enden' })
          end = this.singleCharEscape().codePointAt(0)!
        } else {
          end = next.codePointAt(0)!
        }
        if (end < start) throw new Untranslatable({ en: `range ${String.fromCodePoint(start)}-${String.fromCodePoint(end)} is out of order`, de: `der Bereich ${String.fromCodePoint(start)}-${String.fromCodePoint(end)} hat seine Grenzen in falscher Reihenfolge` })
        node.set.ranges.push([start, end])
      } else {
        node.set.ranges.push([start, start])
      }
    }
  }

  private emitClass (node: CharClass): string {
    const atom = this.emitSet(node.set, node.negated)
    return node.subtract === undefined ? atom : `(?:(?!${this.emitClass(node.subtract)})${atom})`
  }

  /** One atom matching one character of the set (or of its complement). */
  private emitSet (set: CharSet, negated: boolean): string {
    const body = this.rangesBody(set.ranges) + set.body
    if (set.complex.length === 0 && !negated && set.ranges.length === 0 && /^\\[pP]\{\w+\}$/.test(body)) return body
    if (set.complex.length === 0) return `[${negated ? '^' : ''}${body}]`
    const union = set.complex.length === 1 && body === '' ? set.complex[0]! : `(?:${[...(body === '' ? [] : [`[${body}]`]), ...set.complex].join('|')})`
    return negated ? `(?:(?!${union})[\\s\\S])` : union
  }

  private rangesBody (ranges: ReadonlyArray<[number, number]>): string {
    const folded = this.caseless ? foldRanges(ranges) : ranges
    return folded.map(([from, to]) => from === to ? classChar(from) : `${classChar(from)}-${classChar(to)}`).join('')
  }

  private literal (char: string): string {
    if (this.caseless) {
      const variants = caseVariants(char.codePointAt(0)!)
      if (variants.length > 1) return `[${variants.map(classChar).join('')}]`
    }
    return outsideChar(char.codePointAt(0)!)
  }
}
