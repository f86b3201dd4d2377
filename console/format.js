// Formatting of the operations pages: money in minor units, UTC timestamps, state names, history.
import { h } from './dom.js'
import { lang, t } from './i18n.js'

/** An amount in minor units (cents) of a currency, e.g. `1234, 'EUR'` as "€12.34". */
export function cents (amount, currency, digits = 2) {
  const value = amount / 10 ** digits
  try {
    return new Intl.NumberFormat(lang(), { style: 'currency', currency: currency ?? 'EUR' }).format(value)
  } catch {
    return `${value.toFixed(digits)} ${currency ?? ''}`
  }
}

/** A UTC ISO timestamp in the reader's language, with the time zone named. */
export function when (iso) {
  if (iso === undefined || iso === null) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  // dateStyle cannot be combined with timeZoneName: the zone is named after the time.
  return `${new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`
}

/** The translated name of a state (`inProgress` → "in progress"). */
export function stateName (state) {
  return t(`state${state[0].toUpperCase()}${state.slice(1)}`)
}

/** A state as a badge: its name with a class per state for colour. */
export function stateBadge (state) {
  return h('span', { class: `state state-${state}` }, stateName(state))
}

/**
 * Names of services and providers from the `names` the API gives each order and subscription (in
 * the page's language), else the IRI's last part.
 */
export function namesIn (...records) {
  const names = new Map()
  for (const record of records.flat()) for (const [iri, label] of Object.entries(record?.names ?? {})) names.set(iri, label)
  return iri => names.get(iri) ?? shortName(iri)
}

/** The last part of an IRI: what is shown when no label is known. */
export function shortName (iri) {
  return String(iri).replace(/^.*[#/]/, '') || String(iri)
}

/** A history table: when, from → to, by whom, why. */
export function historyTable (history, caption) {
  return h('table', {},
    caption === undefined ? null : h('caption', {}, caption),
    h('thead', {}, h('tr', {}, [t('when'), t('state'), t('by'), t('why')].map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, history.map(entry => h('tr', {},
      h('td', {}, when(entry.at)),
      h('td', {}, entry.from === null ? '' : `${stateName(entry.from)} → `, stateName(entry.to)),
      h('td', {}, `${t(`role${entry.by.role[0].toUpperCase()}${entry.by.role.slice(1)}`)} ${entry.by.role === 'platform' ? '' : shortName(entry.by.id)}`.trim()),
      h('td', {}, entry.why)))))
}

/** The route's query parameters (`#/invoices?period=2026-12`). */
export function hashParameters () {
  const [, search = ''] = window.location.hash.split('?')
  return new URLSearchParams(search)
}

/** A ranking score (0 to 1) to three decimals in the reader's language: 0.169 (en), 0,169 (de). */
export function scoreText (value) {
  return new Intl.NumberFormat(lang(), { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value)
}

/** The readable name of a checked constraint (`dataLocation` → "Data location" / "Datenstandort"). */
export function constraintName (name) {
  return t('constraintNames')[name] ?? name
}

/** An amount in a currency's main unit, e.g. `204, 'EUR'` as "€204.00" (en) or "204,00 €" (de). */
export function money (amount, currency) {
  try {
    return new Intl.NumberFormat(lang(), { style: 'currency', currency: currency ?? 'EUR' }).format(amount)
  } catch {
    return `${Number(amount).toFixed(2)} ${currency ?? ''}`
  }
}

/** A data location: an ISO 3166-1 country code by its name in the reader's language ("DE" → "Germany"). */
export function regionName (code) {
  if (!/^[A-Z]{2}$/.test(code)) return shortName(code)
  try {
    return new Intl.DisplayNames([lang()], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}

/** The translated name of a degree of match (`plugin` → "plugin (more specific)"). */
export function degreeName (degree) {
  return t(`degree${degree[0].toUpperCase()}${degree.slice(1)}`)
}

/** The `#/service/…` link of a service IRI. */
export function serviceHref (iri) {
  return `#/service/${encodeURIComponent(iri)}`
}

const durationUnits = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second']
const durationPattern = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/

/**
 * An xsd:duration in the reader's words: "PT30M" as "30 minutes" / "30 Minuten",
 * "P1DT2H" as "1 day and 2 hours"; a value that is no duration stays as it is.
 */
export function durationText (value) {
  const m = durationPattern.exec(value)
  if (m === null || value.endsWith('T') || value === 'P' || value === '-P') return value
  const parts = durationUnits.flatMap((unit, i) => {
    const amount = m[i + 2]
    if (amount === undefined || Number(amount) === 0) return []
    return [new Intl.NumberFormat(lang(), { style: 'unit', unit, unitDisplay: 'long' }).format(Number(amount))]
  })
  if (parts.length === 0) parts.push(new Intl.NumberFormat(lang(), { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(0))
  const text = new Intl.ListFormat(lang(), { style: 'long', type: 'conjunction' }).format(parts)
  return m[1] === undefined ? text : `− ${text}`
}

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(Z|z|[+-]\d\d:\d\d)?$/

/** An xsd:time in the reader's format: "09:00:00" as "09:00" (de) or "9:00 AM" (en); a zone stays named. */
export function timeText (value) {
  const m = timePattern.exec(value)
  if (m === null) return value
  const at = new Date(Date.UTC(1970, 0, 1, Number(m[1]), Number(m[2]), Number(m[3] ?? 0)))
  const text = new Intl.DateTimeFormat(lang(), { timeStyle: m[3] !== undefined && m[3] !== '00' ? 'medium' : 'short', timeZone: 'UTC' }).format(at)
  const zone = m[4] === undefined ? '' : m[4].toUpperCase() === 'Z' ? ' UTC' : ` UTC${m[4]}`
  return `${text}${zone}`
}

/** A day (an xsd:date, or the day of a timestamp) in the reader's format: "5 Dec 2026" / "05.12.2026". */
export function dateText (value) {
  const day = /^\d{4}-\d\d-\d\d$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value)
  if (Number.isNaN(day.getTime())) return value
  return new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeZone: 'UTC' }).format(day)
}
