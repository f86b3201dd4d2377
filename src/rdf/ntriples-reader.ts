/**
 * A line reader for N-Triples and N-Quads that hands every statement on as term numbers, without
 * building a quad object per statement: each term is read as its key — N3.js's id string (IRIs
 * as is, blank nodes `_:label`, literals `"lexical"@lang` / `"lexical"^^datatype`, `"lexical"`
 * for `xsd:string`, `''` for the default graph) — and numbered by the caller's `intern`, which
 * sees each occurrence once. The reasoner interns straight into its term table this way; the
 * quads of a `.nt` / `.nq` file are built from it with one term object per distinct term.
 *
 * As the N-Triples and N-Quads grammars say (RDF 1.1): absolute IRIs with `\u` / `\U` escapes
 * and none of `<>"{}|^`\` or spaces; literals with the string escapes `\t \b \n \r \f \" \' \\`
 * and `\u` / `\U`; language tags (lowered, as N3.js does); datatypes; blank node labels, scoped
 * to the document (`blankPrefix` is put before every label, so equal labels in two files stay
 * two nodes); comments and blank lines; lines ending in LF, CR or CR LF. A malformed line is a
 * `PARSE_ERROR` naming the source, line and column and what was expected there.
 *
 * The text is scanned as UTF-8 bytes (a file's bytes as read, or a string encoded once): the
 * terminators and escapes are ASCII, a recurring term is found by its bytes, and only a new
 * term's span is decoded into a string, so a large file is never decoded as a whole.
 */
import { SymphonyError } from '../errors.js'

/** What to read and how to name it in errors. */
export interface LineReaderOptions {
  /** `n-quads` also takes an optional graph term before the final `.`. */
  readonly format: 'n-triples' | 'n-quads'
  /** Name used in error messages (a file path or "request body"). */
  readonly source: string
  /** Put before every blank node label (N3.js uses `b<n>_`). */
  readonly blankPrefix: string
}

const xsdString = 'http://www.w3.org/2001/XMLSchema#string'
const formatNames = { 'n-triples': 'N-Triples', 'n-quads': 'N-Quads' } as const

let documents = 0

/** A blank node prefix no other document of this process uses (distinct from N3.js's `b<n>_`). */
export function freshBlankPrefix (): string {
  return `l${documents++}_`
}

/**
 * Reads every statement of `text` (a string, or UTF-8 bytes such as a file's content): `intern(key)` numbers a term, `statement(s, p, o, g)` takes
 * one statement (`g` is the number of the key `''` in N-Triples and for quads without a
 * graph). Returns the number of statements. Throws `PARSE_ERROR` at the first malformed line.
 *
 * @example readNTriples(text, key => table.internKey(key), (s, p, o) => triples.add(s, p, o), { format: 'n-triples', source: file, blankPrefix: freshBlankPrefix() })
 */
export function readNTriples (text: string | Uint8Array, intern: (key: string) => number,
  statement: (s: number, p: number, o: number, g: number) => void, options: LineReaderOptions): number {
  return new LineReader(bytesOf(text), intern, options).read(statement)
}

/** The bytes of `text` as a `Buffer` (no copy for bytes; UTF-8 for a string). */
function bytesOf (text: string | Uint8Array): Buffer {
  if (typeof text === 'string') return Buffer.from(text, 'utf8')
  return Buffer.isBuffer(text) ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength)
}

class LineReader {
  private pos = 0
  private line = 1
  private lineStart = 0
  private readonly defaultGraph: number
  private readonly quads: boolean
  /** Tokens seen (start and length in `bytes`) → term number: an open-addressing table, -1 free. */
  private tokenStart: Int32Array
  private tokenLength: Int32Array
  private tokenHash: Int32Array
  private tokenId: Int32Array
  private mask: number
  private tokens = 0
  /** Where `cached` stopped: the free slot and the token's hash, for `remember`. */
  private slot = 0
  private hash = 0

  constructor (private readonly bytes: Buffer, private readonly intern: (key: string) => number, private readonly options: LineReaderOptions) {
    this.defaultGraph = intern('')
    this.quads = options.format === 'n-quads'
    // Sized for about one distinct term per 100 bytes, so large files rarely regrow it.
    let size = 1024
    while (size * 50 < bytes.length) size *= 2
    this.tokenStart = new Int32Array(size)
    this.tokenLength = new Int32Array(size)
    this.tokenHash = new Int32Array(size)
    this.tokenId = new Int32Array(size).fill(-1)
    this.mask = size - 1
    // A UTF-8 byte-order mark (which some editors write first) is not part of the first line.
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) this.pos = this.lineStart = 3
  }

  read (statement: (s: number, p: number, o: number, g: number) => void): number {
    const bytes = this.bytes
    const length = bytes.length
    let count = 0
    while (this.pos < length) {
      this.skipSpace()
      if (this.pos >= length) break
      const c = bytes[this.pos]
      if (c === 0x0a || c === 0x0d || c === 0x23 /* # */) {
        this.endOfLine()
        continue
      }
      const s = this.subject()
      this.skipSpace()
      const p = this.iriTerm('predicate')
      this.skipSpace()
      const o = this.object()
      this.skipSpace()
      let g = this.defaultGraph
      const next = bytes[this.pos]
      if (this.quads && (next === 0x3c /* < */ || next === 0x5f /* _ */)) {
        g = next === 0x3c ? this.iriTerm('graph') : this.blank()
        this.skipSpace()
      }
      if (bytes[this.pos] !== 0x2e /* . */) this.fail(this.quads ? expectedDotOrGraph : expectedDot)
      this.pos++
      this.skipSpace()
      this.endOfLine()
      statement(s, p, o, g)
      count++
    }
    return count
  }

  /** After a statement or on an empty line: an optional comment, then the end of the line. */
  private endOfLine (): void {
    const bytes = this.bytes
    const length = bytes.length
    let c = bytes[this.pos]
    if (c === 0x23) {
      while (this.pos < length && (c = bytes[this.pos]) !== 0x0a && c !== 0x0d) this.pos++
    }
    if (this.pos >= length) return
    c = bytes[this.pos]
    if (c !== 0x0a && c !== 0x0d) this.fail(expectedEnd)
    this.pos++
    if (c === 0x0d && this.pos < length && bytes[this.pos] === 0x0a) this.pos++
    this.line++
    this.lineStart = this.pos
  }

  private skipSpace (): void {
    const bytes = this.bytes
    const length = bytes.length
    let pos = this.pos
    while (pos < length) {
      const c = bytes[pos]
      if (c !== 0x20 && c !== 0x09) break
      pos++
    }
    this.pos = pos
  }

  private subject (): number {
    const c = this.bytes[this.pos]
    if (c === 0x3c) return this.iriTerm('subject')
    if (c === 0x5f) return this.blank()
    return this.fail(expectedSubject)
  }

  private object (): number {
    const c = this.bytes[this.pos]
    if (c === 0x3c) return this.iriTerm('object')
    if (c === 0x5f) return this.blank()
    if (c === 0x22) return this.literal()
    return this.fail(expectedObject)
  }

  private iriTerm (role: keyof typeof roles): number {
    const start = this.pos
    if (this.pos >= this.bytes.length || this.bytes[start] !== 0x3c) this.fail(expectedIri(role))
    const h = this.scanIri()
    const known = this.lookup(start, this.pos, h)
    if (known >= 0) return known
    return this.remember(start, this.pos, this.intern(this.iriValue(start, this.pos)))
  }

  /**
   * Moves `pos` past the `<…>` at `pos`, checking its bytes (those of a UTF-8 sequence are all
   * above 0x7f, so only ASCII is refused); returns the token's hash (as `hashOf` computes it),
   * taken in the same pass.
   */
  private scanIri (): number {
    const bytes = this.bytes
    const length = bytes.length
    let pos = this.pos
    let h = Math.imul(0x811c9dc5 ^ 0x3c, 0x01000193)
    pos++
    for (;;) {
      if (pos >= length) {
        this.pos = pos
        this.fail(unclosedIri)
      }
      const c = bytes[pos]!
      if (c === 0x3e /* > */) break
      if (c === 0x5c /* \ */) {
        const next = bytes[pos + 1]
        this.pos = pos
        if (next !== 0x75 && next !== 0x55) this.fail(badIriEscape)
        const end = Math.min(length, pos + (next === 0x75 ? 6 : 10))
        for (; pos < end; pos++) h = Math.imul(h ^ bytes[pos]!, 0x01000193)
        continue
      }
      if (c <= 0x20 || c === 0x3c || c === 0x22 || c === 0x7b || c === 0x7d || c === 0x7c || c === 0x5e || c === 0x60) {
        this.pos = pos
        this.fail(badIriChar(c))
      }
      h = Math.imul(h ^ c, 0x01000193)
      pos++
    }
    this.pos = pos + 1
    h = Math.imul(h ^ 0x3e, 0x01000193)
    return h ^ (h >>> 15)
  }

  /** The IRI of the token `<…>` at `[start, end)`, escapes decoded, checked to be absolute. */
  private iriValue (start: number, end: number): string {
    const raw = this.decode(start + 1, end - 1)
    const iri = raw.includes('\\') ? this.unescape(raw, start + 1, true) : raw
    if (!absolute.test(iri)) this.fail(relativeIri(iri), start)
    return iri
  }

  /** `_:label` at `pos`, as its key with the document's prefix. */
  private blank (): number {
    const bytes = this.bytes
    const length = bytes.length
    const start = this.pos
    if (bytes[start + 1] !== 0x3a /* : */) this.fail(expectedBlank)
    let end = start + 2
    const first = end < length ? bytes[end]! : -1
    const firstWidth = first < 0x80 ? 1 : sequenceLength(bytes, end)
    const firstUnit = first < 0x80 ? first : labelUnit(bytes, end, firstWidth)
    if (!(isLabelStart(firstUnit) || (firstUnit >= 0x30 && firstUnit <= 0x39))) this.fail(badBlankLabel, end)
    end += firstWidth
    while (end < length) {
      const c = bytes[end]!
      if (c < 0x80) {
        if (!isLabelChar(c)) break
        end++
        continue
      }
      const width = sequenceLength(bytes, end)
      if (!isLabelChar(labelUnit(bytes, end, width))) break
      end += width
    }
    // A label may hold dots but not end with one: that dot ends the statement.
    while (bytes[end - 1] === 0x2e) end--
    this.pos = end
    const known = this.cached(start, end)
    if (known >= 0) return known
    return this.remember(start, end, this.intern(`_:${this.options.blankPrefix}${this.decode(start + 2, end)}`))
  }

  /** `"…"` with an optional `@lang` or `^^<datatype>` at `pos`, as its key. */
  private literal (): number {
    const bytes = this.bytes
    const length = bytes.length
    const start = this.pos++
    let escaped = false
    for (;;) {
      if (this.pos >= length) this.fail(unclosedLiteral)
      const c = bytes[this.pos]
      if (c === 0x22) break
      if (c === 0x0a || c === 0x0d) this.fail(unclosedLiteral)
      if (c === 0x5c) {
        escaped = true
        this.pos += 2
        continue
      }
      this.pos++
    }
    const close = this.pos++
    const c = bytes[this.pos]
    let suffix = 0
    if (c === 0x40 /* @ */) {
      suffix = ++this.pos
      while (this.pos < length && isLangChar(bytes[this.pos]!)) this.pos++
    } else if (c === 0x5e /* ^ */) {
      if (bytes[this.pos + 1] !== 0x5e || bytes[this.pos + 2] !== 0x3c) this.fail(expectedDatatype)
      this.pos += 2
      suffix = this.pos
      this.scanIri()
    }
    const end = this.pos
    const known = this.cached(start, end)
    if (known >= 0) return known
    const raw = this.decode(start + 1, close)
    const value = escaped ? this.unescape(raw, start + 1, false) : raw
    let key: string
    if (c === 0x40) {
      const language = this.decode(suffix, end)
      if (!languageTag.test(language)) this.fail(badLanguage(language), suffix - 1)
      key = `"${value}"@${language.toLowerCase()}`
    } else if (c === 0x5e) {
      const datatype = this.iriValue(suffix, end)
      key = datatype === xsdString ? `"${value}"` : `"${value}"^^${datatype}`
    } else {
      key = `"${value}"`
    }
    return this.remember(start, end, this.intern(key))
  }

  /** The text of the bytes `[start, end)`: a term's span, decoded only when the term is new. */
  private decode (start: number, end: number): string {
    return this.bytes.toString('utf8', start, end)
  }

  /**
   * The number of the term whose token is the bytes at `[start, end)`, when the same token
   * occurred before in this document; else -1. Most terms recur: they are found without
   * decoding or a string hash.
   */
  private cached (start: number, end: number): number {
    return this.lookup(start, end, hashOf(this.bytes, start, end))
  }

  /** `cached` for a token whose hash (`hashOf`) is known. */
  private lookup (start: number, end: number, h: number): number {
    const bytes = this.bytes
    const length = end - start
    this.hash = h
    const { tokenStart, tokenLength, tokenHash, tokenId, mask } = this
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = tokenId[slot]!
      if (id === -1) {
        this.slot = slot
        return -1
      }
      if (tokenHash[slot] === h && tokenLength[slot] === length) {
        const other = tokenStart[slot]!
        let i = 0
        while (i < length && bytes[other + i] === bytes[start + i]) i++
        if (i === length) return id
      }
    }
  }

  /** Files the token just looked up (`cached` returned -1) under `id`; returns `id`. */
  private remember (start: number, end: number, id: number): number {
    this.tokenStart[this.slot] = start
    this.tokenLength[this.slot] = end - start
    this.tokenHash[this.slot] = this.hash
    this.tokenId[this.slot] = id
    if (++this.tokens * 2 > this.tokenId.length) this.growTokens()
    return id
  }

  private growTokens (): void {
    const { tokenStart, tokenLength, tokenHash, tokenId } = this
    const size = tokenId.length * 2
    this.tokenStart = new Int32Array(size)
    this.tokenLength = new Int32Array(size)
    this.tokenHash = new Int32Array(size)
    this.tokenId = new Int32Array(size).fill(-1)
    const mask = this.mask = size - 1
    for (let j = 0; j < tokenId.length; j++) {
      if (tokenId[j] === -1) continue
      let slot = tokenHash[j]! & mask
      while (this.tokenId[slot] !== -1) slot = (slot + 1) & mask
      this.tokenStart[slot] = tokenStart[j]!
      this.tokenLength[slot] = tokenLength[j]!
      this.tokenHash[slot] = tokenHash[j]!
      this.tokenId[slot] = tokenId[j]!
    }
  }

  /**
   * Decodes the escapes of an IRI (`\u`, `\U` only) or a literal (those and `\t \b \n \r \f \" \' \\`);
   * `offset` is where `raw` starts in the bytes.
   */
  private unescape (raw: string, offset: number, iri: boolean): string {
    let out = ''
    let from = 0
    for (let i = raw.indexOf('\\'); i >= 0; i = raw.indexOf('\\', from)) {
      out += raw.slice(from, i)
      const kind = raw[i + 1]
      if (kind === 'u' || kind === 'U') {
        const digits = raw.slice(i + 2, i + (kind === 'u' ? 6 : 10))
        const code = /^[0-9A-Fa-f]+$/.test(digits) && digits.length === (kind === 'u' ? 4 : 8) ? parseInt(digits, 16) : -1
        if (code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) this.fail(badUnicodeEscape(raw.slice(i, i + (kind === 'u' ? 6 : 10))), offset, i)
        out += String.fromCodePoint(code)
        from = i + (kind === 'u' ? 6 : 10)
      } else {
        const char = iri ? undefined : stringEscapes[kind ?? '']
        if (char === undefined) this.fail(iri ? badIriEscape : badStringEscape(`\\${kind ?? ''}`), offset, i)
        out += char
        from = i + 2
      }
    }
    return out + raw.slice(from)
  }

  /**
   * A `PARSE_ERROR` at byte `at` of the current line, `chars` characters further; the column
   * counts characters (UTF-16 units, as an editor's column does), not bytes.
   */
  private fail (problem: Problem, at: number = this.pos, chars = 0): never {
    const column = this.bytes.toString('utf8', this.lineStart, Math.min(at, this.bytes.length)).length + chars + 1
    const where = `${this.options.source}:${this.line}`
    const format = formatNames[this.options.format]
    throw new SymphonyError('PARSE_ERROR', {
      en: `${where}: ${problem.en}, at column ${column} (${format})`,
      de: `${where}: Syntaxfehler in ${format} — ${problem.de}, in Spalte ${column}`
    }, { file: this.options.source, line: this.line, column })
  }
}

/** FNV-1a over the bytes `[start, end)`, its high bits folded in. */
function hashOf (bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193)
  return h ^ (h >>> 15)
}

/** The length of the UTF-8 sequence at `pos` (1 for a byte that starts none: decoded as U+FFFD). */
function sequenceLength (bytes: Uint8Array, pos: number): number {
  const lead = bytes[pos]!
  const length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? (lead <= 0xef ? 3 : 1) : lead >= 0xc2 ? 2 : 1
  for (let i = 1; i < length; i++) {
    const next = bytes[pos + i]
    if (next === undefined || (next & 0xc0) !== 0x80) return 1
  }
  return length
}

/**
 * The character at `pos` (a UTF-8 sequence of `sequenceLength` bytes) as the label checks read
 * it: a character beyond the BMP as its high surrogate, as in UTF-16 text; a malformed sequence
 * as U+FFFD, as the decoder gives it.
 */
function labelUnit (bytes: Uint8Array, pos: number, length: number): number {
  const lead = bytes[pos]!
  if (length === 1) return lead < 0x80 ? lead : 0xfffd
  if (length === 2) return ((lead & 0x1f) << 6) | (bytes[pos + 1]! & 0x3f)
  if (length === 3) return ((lead & 0x0f) << 12) | ((bytes[pos + 1]! & 0x3f) << 6) | (bytes[pos + 2]! & 0x3f)
  return 0xd800
}

interface Problem { readonly en: string, readonly de: string }

const roles = {
  subject: { en: 'subject', de: 'Subjekt' },
  predicate: { en: 'predicate', de: 'Prädikat' },
  object: { en: 'object', de: 'Objekt' },
  graph: { en: 'graph', de: 'Graph' }
} as const

const expectedSubject: Problem = { en: 'expected a subject: an IRI <…> or a blank node _:…', de: 'erwartet wird ein Subjekt: eine IRI <…> oder ein leerer Knoten _:…' }
const expectedObject: Problem = { en: 'expected an object: an IRI <…>, a blank node _:… or a literal "…"', de: 'erwartet wird ein Objekt: eine IRI <…>, ein leerer Knoten _:… oder ein Literal "…"' }
const expectedDot: Problem = { en: 'expected "." to end the statement', de: 'erwartet wird "." am Ende der Aussage' }
const expectedDotOrGraph: Problem = { en: 'expected a graph (<…> or _:…) or "." to end the statement', de: 'erwartet wird ein Graph (<…> oder _:…) oder "." am Ende der Aussage' }
const expectedEnd: Problem = { en: 'expected the end of the line after the statement (one statement per line; a comment starts with #)', de: 'erwartet wird das Zeilenende nach der Aussage (eine Aussage pro Zeile; ein Kommentar beginnt mit #)' }
const expectedBlank: Problem = { en: 'expected a blank node _:label', de: 'erwartet wird ein leerer Knoten _:label' }
const badBlankLabel: Problem = { en: 'a blank node label must start with a letter, a digit or _', de: 'die Bezeichnung eines leeren Knotens muss mit einem Buchstaben, einer Ziffer oder _ beginnen' }
const unclosedIri: Problem = { en: 'the IRI is not closed with >', de: 'die IRI ist nicht mit > geschlossen' }
const unclosedLiteral: Problem = { en: 'the literal is not closed with " on its line (write a line break as \\n)', de: 'das Literal ist auf seiner Zeile nicht mit " geschlossen (Zeilenumbrüche als \\n schreiben)' }
const badIriEscape: Problem = { en: 'an IRI may only hold the escapes \\uXXXX and \\UXXXXXXXX', de: 'eine IRI darf nur die Escapes \\uXXXX und \\UXXXXXXXX enthalten' }
const expectedDatatype: Problem = { en: 'expected ^^<datatype IRI> after the literal', de: 'erwartet wird ^^<Datentyp-IRI> nach dem Literal' }

function expectedIri (role: keyof typeof roles): Problem {
  return { en: `expected the ${roles[role].en} as an IRI <…>`, de: `erwartet wird das ${roles[role].de} als IRI <…>` }
}

function badIriChar (code: number): Problem {
  const shown = code <= 0x20 ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${String.fromCharCode(code)}"`
  return { en: `the character ${shown} is not allowed in an IRI (escape it as \\uXXXX or percent-encode it)`, de: `das Zeichen ${shown} ist in einer IRI nicht erlaubt (als \\uXXXX maskieren oder prozentkodieren)` }
}

function relativeIri (iri: string): Problem {
  return { en: `<${iri}> is not an absolute IRI (N-Triples has no base IRI: write scheme:…)`, de: `<${iri}> ist keine absolute IRI (N-Triples kennt keine Basis-IRI: schreiben Sie schema:…)` }
}

function badLanguage (language: string): Problem {
  return { en: `"${language}" is not a language tag (letters, then -subtags of letters and digits)`, de: `"${language}" ist kein Sprach-Tag (Buchstaben, dann -Untertags aus Buchstaben und Ziffern)` }
}

function badUnicodeEscape (escape: string): Problem {
  return { en: `${escape} is not a valid \\u / \\U escape of a Unicode character`, de: `${escape} ist kein gültiges \\u- / \\U-Escape eines Unicode-Zeichens` }
}

function badStringEscape (escape: string): Problem {
  return { en: `${escape} is not a string escape (\\t \\b \\n \\r \\f \\" \\' \\\\ \\uXXXX \\UXXXXXXXX)`, de: `${escape} ist kein String-Escape (\\t \\b \\n \\r \\f \\" \\' \\\\ \\uXXXX \\UXXXXXXXX)` }
}

const stringEscapes: Record<string, string> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' }
const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:/
const languageTag = /^[A-Za-z]+(?:-[A-Za-z0-9]+)*$/

function isLangChar (c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d
}

/** PN_CHARS_U of the grammar (letters, `_`, and the non-ASCII ranges), UTF-16 surrogates let through. */
function isLabelStart (c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a ||
    (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) || (c >= 0xf8 && c <= 0x2ff) || (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) || c === 0x200c || c === 0x200d || (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) || (c >= 0x3001 && c <= 0xd7ff) || (c >= 0xd800 && c <= 0xdfff) ||
    (c >= 0xf900 && c <= 0xfdcf) || (c >= 0xfdf0 && c <= 0xfffd)
}

/** PN_CHARS of the grammar, and `.` (which may not end a label). */
function isLabelChar (c: number): boolean {
  return isLabelStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040)
}
