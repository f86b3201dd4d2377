/** Characters in translated regular expressions: escaping in and outside classes, case variants for the `i` flag. */
import type { ErrorMessages } from '../errors.js'
import { codePointEscape } from './xsd-regex-sets.js'

/** A part of a pattern that has no exact ECMAScript translation; why, in English and German. */
export class Untranslatable extends Error {
  readonly messages: ErrorMessages

  constructor (messages: ErrorMessages) {
    super(messages.en)
    this.messages = messages
  }
}

const syntaxOutside = new Set([...'^$\\.*+?()[]{}|/'])
const syntaxInside = new Set([...'\\]^-['])
/** Case-folding a range means listing its members; beyond this many it is not worth it. */
const maxFoldedRange = 5000

export function caseVariants (codePoint: number): number[] {
  const found = new Set([codePoint])
  for (const char of [String.fromCodePoint(codePoint)]) {
    for (const variant of [char.toLowerCase(), char.toUpperCase()]) {
      const chars = Array.from(variant)
      if (chars.length === 1) found.add(chars[0]!.codePointAt(0)!)
    }
  }
  return [...found].sort((a, b) => a - b)
}

export function foldRanges (ranges: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const points = new Set<number>()
  for (const [from, to] of ranges) {
    if (to - from > maxFoldedRange) throw new Untranslatable({ en: `the range ${codePointEscape(from)}-${codePointEscape(to)} is too large to translate under the i flag`, de: `der Bereich ${codePointEscape(from)}-${codePointEscape(to)} ist zu groß, um ihn unter dem Flag i zu übersetzen` })
    for (let point = from; point <= to; point++) for (const variant of caseVariants(point)) points.add(variant)
  }
  const sorted = [...points].sort((a, b) => a - b)
  const out: Array<[number, number]> = []
  for (const point of sorted) {
    const last = out[out.length - 1]
    if (last !== undefined && last[1] === point - 1) last[1] = point
    else out.push([point, point])
  }
  return out
}

function printable (codePoint: number): boolean {
  return codePoint > 0x20 && codePoint !== 0x7F && !(codePoint >= 0x80 && codePoint <= 0xA0) && codePoint !== 0x2028 && codePoint !== 0x2029
}

export function classChar (codePoint: number): string {
  const char = String.fromCodePoint(codePoint)
  if (syntaxInside.has(char)) return `\\${char}`
  if (codePoint === 0x20) return ' '
  return printable(codePoint) ? char : codePointEscape(codePoint)
}

export function outsideChar (codePoint: number): string {
  const char = String.fromCodePoint(codePoint)
  if (syntaxOutside.has(char)) return `\\${char}`
  if (codePoint === 0x20) return ' '
  if (codePoint === 0x0A) return '\\n'
  if (codePoint === 0x0D) return '\\r'
  if (codePoint === 0x09) return '\\t'
  return printable(codePoint) ? char : codePointEscape(codePoint)
}
