/**
 * Character sets of XML Schema regular expressions (XSD 1.1 Part 2, appendix G.4) written as
 * ECMAScript character-class bodies for the `u` flag.
 */

/** `\i`: XML NameStartChar (XML 1.0 fifth edition, production [4]). */
export const nameStartChars = ':A-Z_a-z\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2FF}\\u{370}-\\u{37D}\\u{37F}-\\u{1FFF}' +
  '\\u{200C}-\\u{200D}\\u{2070}-\\u{218F}\\u{2C00}-\\u{2FEF}\\u{3001}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFFD}' +
  '\\u{10000}-\\u{EFFFF}'

/** `\c`: XML NameChar (production [4a]). */
export const nameChars = nameStartChars + '\\-.0-9\\u{B7}\\u{300}-\\u{36F}\\u{203F}-\\u{2040}'

/** `\s`: XSD whitespace is only space, tab, newline and carriage return (not ECMAScript's `\s`). */
export const spaceChars = '\\t\\n\\r '

/** `\W`: punctuation, separators and "other" (so `\w` is everything else, not ECMAScript's ASCII `\w`). */
export const nonWordChars = '\\p{P}\\p{Z}\\p{C}'

/** Unicode general categories that XSD's `\p{…}` accepts; ECMAScript knows the same short names. */
export const categories = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No',
  'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'Z', 'Zs', 'Zl', 'Zp',
  'S', 'Sm', 'Sc', 'Sk', 'So', 'C', 'Cc', 'Cf', 'Co', 'Cn'
])

/**
 * Unicode blocks for `\p{IsBlock}` (ECMAScript has no block escapes). The commonly used
 * blocks only; a pattern naming another block cannot be translated and says so.
 */
export const blocks: Readonly<Record<string, readonly [number, number]>> = {
  BasicLatin: [0x0000, 0x007F],
  'Latin-1Supplement': [0x0080, 0x00FF],
  'LatinExtended-A': [0x0100, 0x017F],
  'LatinExtended-B': [0x0180, 0x024F],
  IPAExtensions: [0x0250, 0x02AF],
  SpacingModifierLetters: [0x02B0, 0x02FF],
  CombiningDiacriticalMarks: [0x0300, 0x036F],
  Greek: [0x0370, 0x03FF],
  GreekandCoptic: [0x0370, 0x03FF],
  Cyrillic: [0x0400, 0x04FF],
  Armenian: [0x0530, 0x058F],
  Hebrew: [0x0590, 0x05FF],
  Arabic: [0x0600, 0x06FF],
  Devanagari: [0x0900, 0x097F],
  Thai: [0x0E00, 0x0E7F],
  Georgian: [0x10A0, 0x10FF],
  HangulJamo: [0x1100, 0x11FF],
  LatinExtendedAdditional: [0x1E00, 0x1EFF],
  GreekExtended: [0x1F00, 0x1FFF],
  GeneralPunctuation: [0x2000, 0x206F],
  SuperscriptsandSubscripts: [0x2070, 0x209F],
  CurrencySymbols: [0x20A0, 0x20CF],
  LetterlikeSymbols: [0x2100, 0x214F],
  NumberForms: [0x2150, 0x218F],
  Arrows: [0x2190, 0x21FF],
  MathematicalOperators: [0x2200, 0x22FF],
  BoxDrawing: [0x2500, 0x257F],
  GeometricShapes: [0x25A0, 0x25FF],
  MiscellaneousSymbols: [0x2600, 0x26FF],
  Dingbats: [0x2700, 0x27BF],
  CJKSymbolsandPunctuation: [0x3000, 0x303F],
  Hiragana: [0x3040, 0x309F],
  Katakana: [0x30A0, 0x30FF],
  CJKUnifiedIdeographs: [0x4E00, 0x9FFF],
  HangulSyllables: [0xAC00, 0xD7AF],
  PrivateUse: [0xE000, 0xF8FF],
  PrivateUseArea: [0xE000, 0xF8FF],
  AlphabeticPresentationForms: [0xFB00, 0xFB4F],
  HalfwidthandFullwidthForms: [0xFF00, 0xFFEF],
  Specials: [0xFFF0, 0xFFFF]
}

/** `\u{…}` escape of a code point, usable in and outside classes with the `u` flag. */
export function codePointEscape (codePoint: number): string {
  return `\\u{${codePoint.toString(16).toUpperCase()}}`
}
