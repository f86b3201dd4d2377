/**
 * Reading matching answers in tests: what must not depend on the language (`structure`), and
 * every sentence with the text it should be in a language (`sentences`).
 */

/** The answer without its sentences and labels. */
export function structure (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structure)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value)
    .filter(([key]) => !['message', 'fix', 'labels'].includes(key))
    .map(([key, v]) => [key, structure(v)]))
}

/** Every `message` and `fix` of an answer, each with the text beside it for `language`. */
export function sentences (value: unknown, language: 'en' | 'de', found: Array<[string, string]> = []): Array<[string, string]> {
  if (Array.isArray(value)) for (const v of value) sentences(v, language, found)
  else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>
    const all = (o.messages ?? o) as Record<string, string>
    if (typeof o.message === 'string') found.push([o.message, all[language]!])
    if (typeof o.fix === 'string') found.push([o.fix, (o.fixes as Record<string, string>)[language]!])
    for (const [key, v] of Object.entries(o)) if (key !== 'messages' && key !== 'fixes') sentences(v, language, found)
  }
  return found
}
