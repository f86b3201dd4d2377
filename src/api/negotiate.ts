/**
 * Content negotiation (RFC 9110 §12.5.1): picks the offered media type the client prefers.
 * A `format` query parameter (`?format=turtle`) overrides the Accept header, for links and curl.
 */
import { SymphonyError } from '../errors.js'

interface Range {
  readonly type: string
  readonly subtype: string
  readonly q: number
  readonly order: number
}

function parseAccept (header: string): Range[] {
  const ranges: Range[] = []
  for (const [order, part] of header.split(',').entries()) {
    const [mediaRange = '', ...parameters] = part.split(';').map(p => p.trim())
    const [type, subtype] = mediaRange.toLowerCase().split('/')
    if (type === undefined || subtype === undefined || type === '') continue
    let q = 1
    for (const parameter of parameters) {
      const [name, value] = parameter.split('=').map(p => p.trim())
      if (name === 'q' && value !== undefined) q = Number.isFinite(Number(value)) ? Number(value) : 0
    }
    ranges.push({ type, subtype, q, order })
  }
  return ranges
}

function specificity (range: Range, offer: string): number {
  const [type, subtype] = offer.split('/')
  if (range.type === type && range.subtype === subtype) return 3
  if (range.type === type && range.subtype === '*') return 2
  if (range.type === '*' && range.subtype === '*') return 1
  return 0
}

/**
 * The best of `offers` (in the server's order of preference) for an Accept header, or
 * `undefined` when the client accepts none of them. No header means "anything": the first offer.
 */
export function negotiate (accept: string | undefined, offers: readonly string[]): string | undefined {
  if (accept === undefined || accept.trim() === '') return offers[0]
  const ranges = parseAccept(accept)
  let best: { offer: string, q: number, specificity: number, order: number, index: number } | undefined
  for (const [index, offer] of offers.entries()) {
    // The most specific range that matches an offer decides its quality.
    let match: { q: number, specificity: number, order: number } | undefined
    for (const range of ranges) {
      const s = specificity(range, offer)
      if (s > 0 && (match === undefined || s > match.specificity)) match = { q: range.q, specificity: s, order: range.order }
    }
    if (match === undefined || match.q <= 0) continue
    const better = best === undefined || match.q > best.q ||
      (match.q === best.q && match.specificity > best.specificity) ||
      (match.q === best.q && match.specificity === best.specificity && match.order < best.order)
    if (better) best = { offer, ...match, index }
  }
  return best?.offer
}

/** Like `negotiate`, but a `NOT_ACCEPTABLE` error naming the offers when nothing fits. */
export function negotiateOrFail (accept: string | undefined, offers: readonly string[]): string {
  const chosen = negotiate(accept, offers)
  if (chosen === undefined) {
    throw new SymphonyError('NOT_ACCEPTABLE', {
      en: `none of the media types in "Accept: ${accept ?? ''}" is available here; ask for one of ${offers.join(', ')}`,
      de: `keiner der Medientypen in "Accept: ${accept ?? ''}" ist hier verfügbar; fragen Sie nach einem von ${offers.join(', ')}`
    })
  }
  return chosen
}
