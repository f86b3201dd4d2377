/**
 * Writing sentences in English and German: the languages, how a sentence names an IRI (by its
 * catalog label in the sentence's language, else by its local name) and writing helpers bound
 * to one language. The matcher's and the composer's sentences are written with them, so both
 * name things and write numbers alike.
 */
import type { Catalog, LangText } from '../catalog/index.js'
import { shortName } from './names.js'

/** The languages every sentence is written in. */
export type Language = 'en' | 'de'

/** The languages every sentence is written in, English first. */
export const languages: readonly Language[] = ['en', 'de']

/** A sentence in every language. */
export type Texts = Readonly<Record<Language, string>>

/** The answer's language for a requested one: German for `de…`, else English. */
export function languageOf (requested: string | undefined): Language {
  return requested?.trim().toLowerCase().startsWith('de') === true ? 'de' : 'en'
}

/** How a sentence names an IRI in a language. */
export type Namer = (iri: string, language: Language) => string

/** Writing helpers bound to one language. */
export interface Writer {
  readonly language: Language
  /** The label of an IRI (its local name when it has none); other values unchanged. */
  name (iri: string): string
  /** `A, B and C` of the named IRIs. */
  names (iris: readonly string[]): string
  /** `a, b and c` / `a, b und c`. */
  list (items: readonly string[]): string
  /** `a, b or c` / `a, b oder c`. */
  either (items: readonly string[]): string
  /** A number as the language writes it (`1234.5` / `1.234,5`). */
  number (n: number): string
  /** Cents as an amount with two decimals and the currency (`643.00 EUR` / `643,00 EUR`). */
  money (cents: number, currency: string | null): string
  /** The sentence's text in this language. */
  pick (texts: Texts): string
  /** A degree of match as the language says it (`subsumes` / `allgemeiner`). */
  degree (degree: string): string
}

const germanNumber = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 9 })
const germanMoney = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const germanDegrees: Readonly<Record<string, string>> = { exact: 'exakt', plugin: 'Plugin', subsumes: 'allgemeiner', fail: 'kein Treffer' }

const writers = new WeakMap<Namer, Record<Language, Writer>>()

/** A writer for one language: for sentences and text output (one per namer and language, kept). */
export function writerFor (namer: Namer, language: Language): Writer {
  let both = writers.get(namer)
  if (both === undefined) writers.set(namer, both = { en: newWriter(namer, 'en'), de: newWriter(namer, 'de') })
  return both[language]
}

function newWriter (namer: Namer, language: Language): Writer {
  const de = language === 'de'
  const list = (items: readonly string[], and: string): string =>
    items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]!}`
  const w: Writer = {
    language,
    name: iri => namer(iri, language),
    names: iris => w.list(iris.map(w.name)),
    list: items => list(items, de ? 'und' : 'and'),
    either: items => list(items, de ? 'oder' : 'or'),
    number: n => de ? germanNumber.format(n) : String(n),
    money: (cents, currency) => {
      const amount = de ? germanMoney.format(cents / 100) : (cents / 100).toFixed(2)
      return currency === null ? amount : `${amount} ${currency}`
    },
    pick: texts => texts[language],
    degree: degree => de ? germanDegrees[degree] ?? degree : degree
  }
  return w
}

function pickLabel (label: LangText | undefined, language: Language): string | undefined {
  if (label === undefined) return undefined
  return label[language] ?? label.en ?? label[''] ?? Object.values(label)[0]
}

/** The local name of an IRI (after `#`, `/` or `:`); its short name when that is empty. */
export function localName (iri: string): string {
  const local = iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'), iri.lastIndexOf(':')) + 1)
  return local === '' ? shortName(iri) : local.includes('%') ? decodeURIComponent(local) : local
}

/** Is the value an IRI (not a literal, not a blank node)? */
export const isIri = (value: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('_:')

/** Names IRIs without a catalog: by local name. */
export const localNamer: Namer = iri => isIri(iri) ? localName(iri) : iri

const namers = new WeakMap<object, Namer>()

/** Names IRIs by the catalog's labels: services, providers, regions, then classes; else the local name. */
export function catalogNamer (catalog: Pick<Catalog, 'services' | 'providers' | 'regions' | 'hierarchy'>): Namer {
  let namer = namers.get(catalog)
  if (namer === undefined) {
    // A catalog never changes: the name of each of its terms is looked up once per language
    // (only its own terms are kept, so names asked for arbitrary IRIs do not grow the cache).
    const named = { en: new Map<string, string>(), de: new Map<string, string>() }
    namer = (iri, language) => {
      const known = named[language].get(iri)
      if (known !== undefined) return known
      if (!isIri(iri)) return iri
      const label = pickLabel(catalog.services.get(iri)?.label, language) ??
        pickLabel(catalog.providers.get(iri), language) ??
        pickLabel(catalog.regions.get(iri)?.label, language) ??
        pickLabel(catalog.hierarchy.label(iri), language)
      const name = label === undefined || label === '' ? localName(iri) : label
      if (label !== undefined || catalog.hierarchy.has(iri)) named[language].set(iri, name)
      return name
    }
    namers.set(catalog, namer)
  }
  return namer
}

/** Both languages of a sentence written by `write`. */
export function bothLanguages (namer: Namer, write: (w: Writer) => string): Texts {
  return { en: write(writerFor(namer, 'en')), de: write(writerFor(namer, 'de')) }
}
