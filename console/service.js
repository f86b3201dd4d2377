// The service page `#/service/<encoded IRI>`: what a service is, what it costs, where it keeps
// data, which interfaces it provides and requires, its published versions and what it works with.
import { api, ApiError, query } from './api.js'
import { h, replace, scrollBox } from './dom.js'
import { lang, t } from './i18n.js'
import { degreeName, money, regionName, serviceHref, shortName, when } from './format.js'
import { configureRoute } from './configure.js'

const shownCombinable = 12
const summaries = new Map()

/** The catalog's answer for one service in the page's language, fetched once per language. */
export function serviceSummary (iri) {
  const key = `${lang()} ${iri}`
  if (!summaries.has(key)) {
    const request = api.get(`/catalog/services/${encodeURIComponent(iri)}${query({ lang: lang() })}`)
    request.catch(() => summaries.delete(key))
    summaries.set(key, request)
  }
  return summaries.get(key)
}

function countedBy (basis) {
  const key = { seats: 'countedSeats', concurrentSeats: 'countedConcurrentSeats', flat: 'countedFlat', usage: 'countedUsage' }[basis]
  return t(key ?? 'countedUnknown')
}

function period (months) {
  if (months === null || months === undefined) return t('periodOnce')
  if (months === 1) return t('periodMonthly')
  if (months === 12) return t('periodYearly')
  return t('periodMonths', months)
}

function label (texts, iri) {
  if (texts === undefined || texts === null) return shortName(iri)
  return texts[lang()] ?? texts.en ?? Object.values(texts)[0] ?? shortName(iri)
}

function yesNo (value) {
  if (value === true) return t('yes')
  if (value === false) return t('no')
  return t('notStated')
}

function facts (rows) {
  return h('dl', { class: 'facts' }, rows.filter(row => row !== null).map(([term, ...value]) => [h('dt', {}, term), h('dd', {}, value)]))
}

function offerSection (offer, index, count) {
  const heading = count === 1 ? null : h('h3', {}, t('offer', index + 1))
  const support = offer.support ?? {}
  return h('div', { class: 'offer' },
    heading,
    scrollBox(count === 1 ? t('offers') : t('offer', index + 1),
      h('table', { class: 'prices' },
        h('caption', { class: 'visually-hidden' }, count === 1 ? t('offers') : t('offer', index + 1)),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('priceComponent')), h('th', { scope: 'col' }, t('charged')), h('th', { scope: 'col', class: 'number' }, t('price')))),
        h('tbody', {}, offer.prices.map(price => h('tr', {},
          h('th', { scope: 'row' }, label(price.definition?.label, price.component)),
          h('td', {}, `${countedBy(price.definition?.countedBy)}, ${price.definition === undefined || price.definition === null ? t('periodUnknown') : period(price.definition.periodMonths)}`),
          h('td', { class: 'number' }, money(Number(price.amount ?? price.price), price.currency ?? offer.currency))))))),
    facts([
      offer.minimumTermMonths === undefined || offer.minimumTermMonths === null ? null : [t('minimumTerm'), t('months', offer.minimumTermMonths)],
      [t('support'), support.supportHours?.endsWith('#AlwaysOn') === true ? t('supportAlwaysOn') : t('supportBusinessHours')],
      support.responseTimeHours === undefined ? null : [t('responseTime'), t('hours', support.responseTimeHours)],
      support.resolutionTimeHours === undefined ? null : [t('resolutionTime'), t('hours', support.resolutionTimeHours)]
    ]))
}

function interfaceTable (caption, interfaces, typeLabel) {
  if (interfaces.length === 0) return null
  return [
    h('h3', {}, caption),
    scrollBox(`${t('interfaces')}: ${caption}`,
      h('table', { class: 'interfaces' },
        h('caption', { class: 'visually-hidden' }, `${t('interfaces')}: ${caption}`),
        h('thead', {}, h('tr', {}, [t('interfaceType'), t('protocols'), t('dataFormats'), t('version')].map(x => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, interfaces.map(i => h('tr', {},
          h('th', { scope: 'row' }, i.types.map(typeLabel).join(', ')),
          h('td', {}, i.protocols.map(shortName).join(', ')),
          h('td', {}, i.dataFormats.map(shortName).join(', ')),
          h('td', {}, i.version ?? (i.versionRange === undefined ? '' : `${t('versionRange')}: ${i.versionRange}`)))))))
  ]
}

async function versionsSection (iri, provider) {
  const heading = h('h2', { id: 'versions-heading' }, t('versions'))
  let descriptions = []
  if (provider !== null) {
    try {
      descriptions = (await api.get(`/providers/${encodeURIComponent(provider.iri)}/descriptions`)).descriptions
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      return h('section', { class: 'card', 'aria-labelledby': 'versions-heading' }, heading, h('p', { class: 'alert' }, error.message))
    }
  }
  const relevant = descriptions
    .map(d => ({ ...d, versions: d.versions.filter(v => v.services.includes(iri)) }))
    .filter(d => d.versions.length > 0)
  return h('section', { class: 'card', 'aria-labelledby': 'versions-heading' }, heading,
    relevant.length === 0
      ? h('p', {}, t('noVersions'))
      : relevant.map(d => [
        h('h3', {}, t('versionOf', d.name)),
        h('ul', {}, d.versions.map(v => h('li', {},
          `${t('versionNumber')} ${v.version} · ${when(v.created)}`,
          v.version === d.active ? [' · ', h('strong', {}, t('active'))] : null,
          v.deprecated ? ` · ${t('deprecated')}` : null)))
      ]))
}

async function worksWithSection (iri, typeLabel) {
  const heading = h('h2', { id: 'works-heading' }, t('worksWith'))
  const { combinable } = await api.get(`/catalog/services/${encodeURIComponent(iri)}/combinable${query({ limit: shownCombinable, lang: lang() })}`)
  const named = await Promise.all(combinable.map(async entry => {
    try {
      return { ...entry, summary: (await serviceSummary(entry.service)).summary }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      return { ...entry, summary: { label: shortName(entry.service), provider: null } }
    }
  }))
  const what = (links, direction) => [...new Set(links.filter(l => direction === 'takes' ? l.to === iri : l.from === iri)
    .flatMap(l => l.types.map(x => typeLabel(x.required))))]
  return h('section', { class: 'card', 'aria-labelledby': 'works-heading' }, heading,
    h('p', { class: 'meta' }, t('worksWithNote')),
    named.length === 0
      ? h('p', {}, t('noneCombinable'))
      : h('ul', { class: 'works-with' }, named.map(entry => {
        const takes = what(entry.links, 'takes')
        const gives = what(entry.links, 'gives')
        return h('li', {},
          h('a', { href: serviceHref(entry.service) }, entry.summary.label),
          entry.summary.provider === null ? null : h('span', { class: 'meta' }, ` · ${entry.summary.provider.label}`),
          ' ', h('span', { class: `degree degree-${entry.degree}` }, degreeName(entry.degree)),
          takes.length === 0 ? null : h('div', { class: 'meta' }, `${t('takesFrom')}: ${takes.join(', ')}`),
          gives.length === 0 ? null : h('div', { class: 'meta' }, `${t('givesTo')}: ${gives.join(', ')}`),
          entry.unmet > 0 ? h('div', { class: 'meta' }, t('needsMore', entry.unmet)) : null)
      })))
}

/** Renders `#/service/<IRI>`; `path[0]` is the decoded IRI. */
export async function renderService (main, { navigate, path }) {
  const iri = path[0] ?? ''
  const [{ summary, service }, vocabulary] = await Promise.all([
    serviceSummary(iri),
    api.get(`/catalog/vocabulary${query({ lang: lang() })}`)
  ])
  const labels = new Map([...vocabulary.interfaceTypes, ...vocabulary.serviceTypes, ...vocabulary.certifications].map(x => [x.iri, x.label]))
  for (const x of [...summary.provides, ...summary.requires, ...summary.optionallyRequires, ...summary.types, ...summary.certifications]) labels.set(x.iri, x.label)
  const typeLabel = type => labels.get(type) ?? shortName(type)
  const compliance = service.compliance ?? {}
  if (main.isConnected) document.title = `${summary.label} — Symphony`
  const [versions, worksWith] = await Promise.all([versionsSection(iri, summary.provider), worksWithSection(iri, typeLabel)])
  replace(main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/catalog' }, t('backToCatalog'))),
    h('h1', {}, summary.label),
    h('p', { class: 'meta' }, summary.provider === null ? '' : `${t('provider')}: ${summary.provider.label}`),
    h('ul', { class: 'chips', 'aria-label': t('serviceTypes') }, summary.types.map(type => h('li', {}, type.label))),
    summary.description === '' ? null : h('p', { class: 'lead' }, summary.description),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => navigate(configureRoute({ services: [iri] })) }, t('configureService'))),
    h('div', { class: 'detail-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'offers-heading' },
        h('h2', { id: 'offers-heading' }, t('offers')),
        service.offers.length === 0 ? h('p', {}, t('noOffers')) : service.offers.map((offer, index) => offerSection(offer, index, service.offers.length))),
      h('section', { class: 'card', 'aria-labelledby': 'compliance-heading' },
        h('h2', { id: 'compliance-heading' }, t('compliance')),
        facts([
          [t('dataLocation'), summary.dataLocations.length === 0 ? t('notStated') : summary.dataLocations.map(regionName).join(', ')],
          [t('certificationsHeld'), summary.certifications.length === 0 ? t('none') : summary.certifications.map(c => c.label).join(', ')],
          [t('dpa'), yesNo(summary.offersDPA)],
          [t('secrecy'), yesNo(summary.suitableForProfessionalSecrecy)],
          (compliance.transferSafeguards ?? []).length === 0 ? null : [t('safeguards'), compliance.transferSafeguards.map(typeLabel).join(', ')]
        ]))),
    h('section', { class: 'card', 'aria-labelledby': 'interfaces-heading' },
      h('h2', { id: 'interfaces-heading' }, t('interfaces')),
      interfaceTable(t('providedInterfaces'), service.provides, typeLabel),
      interfaceTable(t('requiredInterfaces'), service.requires, typeLabel),
      interfaceTable(t('optionalInterfaces'), service.optionallyRequires, typeLabel)),
    worksWith,
    versions)
}
