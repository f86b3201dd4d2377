/** HTML pages of the vocabulary for people: one per term, and an index. English or German. */
import { ns } from '../../rdf/index.js'
import type { TermIndex, TermInfo } from './term-index.js'
import { localName } from './term-index.js'

export type PageLanguage = 'en' | 'de'

const text = {
  en: {
    vocabulary: 'Symphony vocabulary', classes: 'Classes', properties: 'Properties', individuals: 'Individuals',
    class: 'Class', property: 'Property', individual: 'Individual', altLabels: 'Also known as',
    superClasses: 'Superclasses', subClasses: 'Subclasses', equivalentClasses: 'Equivalent classes',
    domainOf: 'Properties of this class', superProperties: 'Superproperties', subProperties: 'Subproperties',
    domain: 'Domain', range: 'Range', types: 'Types', other: 'Other language', formats: 'Machine-readable',
    none: 'none', back: 'All terms', language: 'Language', inheritedFrom: 'from'
  },
  de: {
    vocabulary: 'Symphony-Vokabular', classes: 'Klassen', properties: 'Eigenschaften', individuals: 'Individuen',
    class: 'Klasse', property: 'Eigenschaft', individual: 'Individuum', altLabels: 'Auch bekannt als',
    superClasses: 'Oberklassen', subClasses: 'Unterklassen', equivalentClasses: 'Äquivalente Klassen',
    domainOf: 'Eigenschaften dieser Klasse', superProperties: 'Obereigenschaften', subProperties: 'Untereigenschaften',
    domain: 'Definitionsbereich', range: 'Wertebereich', types: 'Typen', other: 'Andere Sprache', formats: 'Maschinenlesbar',
    none: 'keine', back: 'Alle Begriffe', language: 'Sprache', inheritedFrom: 'von'
  }
} as const

export function escapeHtml (value: string): string {
  return value.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/** Where a term's page is: our own page for `sym:` terms and the vocabulary's other terms, the IRI itself otherwise. */
export function termHref (index: TermIndex, iri: string): string {
  if (iri.startsWith(ns.sym)) return `/ontology/${encodeURIComponent(localName(iri))}`
  return index.terms.has(iri) ? `/ontology/term?iri=${encodeURIComponent(iri)}` : iri
}

function withParameter (path: string, name: string, value: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`
}

function link (index: TermIndex, iri: string, language: PageLanguage): string {
  return `<a href="${escapeHtml(termHref(index, iri))}" title="${escapeHtml(iri)}">${escapeHtml(index.label(iri, language))}</a>`
}

function list (index: TermIndex, iris: readonly string[], language: PageLanguage): string {
  if (iris.length === 0) return `<p class="none">${text[language].none}</p>`
  return `<ul>${iris.map(iri => `<li>${link(index, iri, language)}</li>`).join('')}</ul>`
}

/** Properties whose domain is the class or one of its asserted superclasses (those marked with their class). */
function propertyList (index: TermIndex, term: TermInfo, language: PageLanguage): string {
  const items: string[] = []
  const seen = new Set<string>()
  const visit = (info: TermInfo, inherited: boolean): void => {
    if (seen.has(info.iri)) return
    seen.add(info.iri)
    for (const property of info.properties) {
      items.push(`<li>${link(index, property, language)}${inherited ? ` <span class="kind">(${text[language].inheritedFrom} ${link(index, info.iri, language)})</span>` : ''}</li>`)
    }
    for (const parent of info.superClasses) {
      const parentInfo = index.terms.get(parent)
      if (parentInfo !== undefined) visit(parentInfo, true)
    }
  }
  visit(term, false)
  return items.length === 0 ? `<p class="none">${text[language].none}</p>` : `<ul>${items.join('')}</ul>`
}

function page (title: string, body: string, language: PageLanguage, self: string): string {
  const other: PageLanguage = language === 'en' ? 'de' : 'en'
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — ${text[language].vocabulary}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/style.css">
</head>
<body class="term-page">
<header class="bar"><a href="/" class="brand">Symphony</a>
<nav aria-label="${text[language].language}"><a href="${escapeHtml(withParameter(self, 'lang', other))}" hreflang="${other}" lang="${other}">${other === 'de' ? 'Deutsch' : 'English'}</a></nav></header>
<main>
${body}
</main>
</body>
</html>
`
}

function section (heading: string, content: string): string {
  return `<section><h2>${escapeHtml(heading)}</h2>${content}</section>`
}

/** The page of one term. */
export function renderTermPage (index: TermIndex, term: TermInfo, language: PageLanguage): string {
  const t = text[language]
  const other: PageLanguage = language === 'en' ? 'de' : 'en'
  const label = index.label(term.iri, language)
  const comment = term.comments[language] ?? term.comments.en ?? term.comments[''] ?? ''
  const alt = [...new Set([...term.altLabels[language] ?? [], ...term.altLabels[other] ?? [], ...term.altLabels[''] ?? []])]
  const self = termHref(index, term.iri)
  const formats = ['turtle', 'jsonld', 'ntriples'].map(f => `<a href="${escapeHtml(withParameter(self, 'format', f))}">${f}</a>`).join(' · ')
  const parts = [
    `<p><a href="/ontology?lang=${language}">← ${t.back}</a></p>`,
    `<h1>${escapeHtml(label)}</h1>`,
    `<p class="kind">${t[term.kind]} · <code>${escapeHtml(term.iri)}</code></p>`,
    term.labels[other] === undefined ? '' : `<p>${t.other}: <span lang="${other}">${escapeHtml(term.labels[other])}</span></p>`,
    comment === '' ? '' : `<p class="comment">${escapeHtml(comment)}</p>`,
    alt.length === 0 ? '' : `<p>${t.altLabels}: ${alt.map(escapeHtml).join(', ')}</p>`
  ]
  if (term.kind === 'class') {
    parts.push(section(t.superClasses, list(index, term.superClasses, language)))
    parts.push(section(t.subClasses, list(index, term.subClasses, language)))
    if (term.equivalentClasses.length > 0) parts.push(section(t.equivalentClasses, list(index, term.equivalentClasses, language)))
    parts.push(section(t.domainOf, propertyList(index, term, language)))
  } else if (term.kind === 'property') {
    parts.push(section(t.domain, list(index, term.domains, language)))
    parts.push(section(t.range, list(index, term.ranges, language)))
    if (term.superProperties.length > 0) parts.push(section(t.superProperties, list(index, term.superProperties, language)))
    if (term.subProperties.length > 0) parts.push(section(t.subProperties, list(index, term.subProperties, language)))
  } else {
    parts.push(section(t.types, list(index, term.types, language)))
  }
  parts.push(`<p class="formats">${t.formats}: ${formats}</p>`)
  return page(label, parts.join('\n'), language, self)
}

/** The index of all terms, grouped by kind. */
export function renderIndexPage (index: TermIndex, language: PageLanguage): string {
  const t = text[language]
  const groups: Array<[string, TermInfo['kind']]> = [[t.classes, 'class'], [t.properties, 'property'], [t.individuals, 'individual']]
  const body = [`<h1>${t.vocabulary}</h1>`, `<p><code>${escapeHtml(ns.sym)}</code> · ${t.formats}: <a href="/ontology?format=turtle">turtle</a> · <a href="/ontology?format=jsonld">jsonld</a> · <a href="/ontology?format=ntriples">ntriples</a></p>`]
  for (const [heading, kind] of groups) {
    const iris = [...index.terms.values()].filter(term => term.kind === kind).map(term => term.iri)
      .sort((a, b) => index.label(a, language).localeCompare(index.label(b, language), language))
    body.push(section(`${heading} (${iris.length})`, list(index, iris, language)))
  }
  return page(t.vocabulary, body.join('\n'), language, '/ontology')
}
