/** Short names for messages: `sym:HTTPS_REST` rather than the full IRI. */
import { ns } from '../rdf/index.js'

const prefixes = Object.entries(ns).sort((a, b) => b[1].length - a[1].length)

/** A compact IRI when a Symphony prefix fits, else `<iri>`; literals and blank nodes unchanged. */
export function shortName (term: string): string {
  if (term.startsWith('_:') || !/^[a-z][a-z0-9+.-]*:/i.test(term)) return term
  for (const [prefix, namespace] of prefixes) {
    const local = term.slice(namespace.length)
    if (term.startsWith(namespace) && /^[\w-]*$/.test(local)) return `${prefix}:${local}`
  }
  return `<${term}>`
}

/** `a, b or c` */
export function oneOf (terms: readonly string[]): string {
  const names = terms.map(shortName)
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`
}

/** `a, b and c` */
export function allOf (terms: readonly string[]): string {
  const names = terms.map(shortName)
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`
}
