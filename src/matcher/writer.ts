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
  /** Cents as money in the language's format (`€643.00` / `643,00 €`); without a currency, the amount alone. */
  money (cents: number, currency: string | null): string
  /** The sentence's text in this language. */
  pick (texts: Texts): string
  /** A degree of match as the language says it (`partial (more general)` / `teilweise (allgemeiner)`). */
  degree (degree: string): string
}

const germanNumber = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 9 })
const germanMoney = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
/** Degrees of match in the words the console uses for them, so text output and pages agree. */
const degreeWords: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  en: { exact: 'exact', plugin: 'plugin (more specific)', subsumes: 'partial (more general)', fail: 'no match' },
  de: { exact: 'genau', plugin: 'Plug-in (spezieller)', subsumes: 'teilweise (allgemeiner)', fail: 'kein Treffer' }
}

const moneyFormats = new Map<string, Intl.NumberFormat | null>()

/**
 * An amount in minor units (`digits` decimals, 2 for cents) as the language writes money, by
 * `Intl.NumberFormat`'s currency style: `€1,234.50` in English, `1.234,50 €` in German. A
 * currency code `Intl` refuses keeps its code after the amount (`1.234,50 XTS1`).
 *
 * @example
 * moneyText(123450, 'EUR', 'de') // '1.234,50 €'
 */
export function moneyText (minor: number, currency: string, language: Language, digits = 2): string {
  const key = `${language} ${currency} ${digits}`
  let format = moneyFormats.get(key)
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits })
    } catch {
      format = null
    }
    moneyFormats.set(key, format)
  }
  const amount = minor / 10 ** digits
  if (format !== null) return format.format(amount)
  const plain = new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount)
  return `${plain} ${currency}`
}

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
    money: (cents, currency) => currency === null
      ? (de ? germanMoney.format(cents / 100) : (cents / 100).toFixed(2))
      : moneyText(cents, currency, language),
    pick: texts => texts[language],
    degree: degree => degreeWords[language][degree] ?? degree
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
      // Unlabelled terms of the catalog are kept too: the local name of a service is asked for
      // in every sentence that names it.
      if (label !== undefined || catalog.services.has(iri) || catalog.providers.has(iri) || catalog.regions.has(iri) || catalog.hierarchy.has(iri)) {
        named[language].set(iri, name)
      }
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
