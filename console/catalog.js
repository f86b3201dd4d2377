// The catalog view: the service-type tree on the left, services with filters on the right.
import { api, ApiError, query } from './api.js'
import { announce, h, replace, rewriteRoute, uid } from './dom.js'
import { lang, t } from './i18n.js'
import { hashParameters, serviceHref } from './format.js'
import { typeTree } from './type-tree.js'
import { configureRoute } from './configure.js'
import { factFilter, readFactText } from './fact-filter.js'

const pageSize = 20

export async function renderCatalog (main, { state, navigate }) {
  const filters = state.catalogFilters ??= { type: '', provider: '', q: '', location: '', fact: [], offset: 0 }
  const [{ types }, vocabulary, { properties }] = await Promise.all([
    api.get(`/catalog/types${query({ lang: lang() })}`),
    api.get(`/catalog/vocabulary${query({ lang: lang() })}`),
    api.get(`/catalog/facts${query({ lang: lang() })}`)
  ])
  // The chosen type is kept in the route (`#/catalog?type=<IRI>`): reload, Back and the language
  // switch show it again. A type the catalog does not know (any more) is not a filter.
  const known = new Set()
  const collect = nodes => { for (const node of nodes) { known.add(node.iri); collect(node.children) } }
  collect(types)
  const routed = hashParameters().get('type') ?? ''
  const type = known.has(routed) ? routed : ''
  if (type !== filters.type) filters.offset = 0
  filters.type = type
  // Fact conditions are kept in the route too (`fact=<property> <test> <value>`, as the API reads
  // them), half-filled ones as well (`fact=<property> <test>`): only the complete ones filter.
  const routedRows = hashParameters().getAll('fact')
  const routedFacts = routedRows.filter(text => readFactText(text) !== undefined)
  if (routedFacts.join('\n') !== filters.fact.join('\n')) filters.offset = 0
  filters.fact = routedFacts
  const list = h('div', { 'aria-live': 'polite' })

  async function refresh () {
    let answer
    try {
      answer = await api.get(`/catalog/services${query({ ...filters, limit: pageSize, lang: lang() })}`)
    } catch (error) {
      if (!main.isConnected) return
      if (!(error instanceof ApiError)) throw error
      if (facts.showProblem(error.problem)) replace(list)
      else replace(list, h('p', { class: 'alert', role: 'alert' }, error.message))
      return
    }
    if (!main.isConnected) return
    replace(list, renderServices(answer))
    announce(main, t('shown', answer.total === 0 ? 0 : answer.offset + 1, answer.offset + answer.services.length, answer.total))
  }

  function renderServices (answer) {
    if (answer.services.length === 0) return h('p', {}, t('noServices'))
    const from = answer.offset + 1
    const to = answer.offset + answer.services.length
    return [
      h('ul', { class: 'services' }, answer.services.map(service => h('li', { class: 'card service' },
        h('h3', {}, h('a', { href: serviceHref(service.iri) }, service.label)),
        h('p', { class: 'meta' }, [service.provider?.label ?? '', service.dataLocations.length > 0 ? ` · ${t('dataLocation')}: ${service.dataLocations.join(', ')}` : '']),
        service.description === '' ? null : h('p', {}, service.description),
        h('ul', { class: 'chips', 'aria-label': t('serviceTypes') }, service.types.map(type => h('li', {}, type.label))),
        service.provides.length === 0 ? null : h('p', { class: 'meta' }, `${t('provides')}: ${service.provides.map(i => i.label).join(', ')}`),
        service.requires.length === 0 ? null : h('p', { class: 'meta' }, `${t('requires')}: ${service.requires.map(i => i.label).join(', ')}`),
        h('button', {
          type: 'button',
          class: 'secondary',
          onclick: () => navigate(configureRoute({ services: [service.iri] }))
        }, t('configureService'))
      ))),
      h('div', { class: 'pager' },
        h('button', { type: 'button', class: 'secondary', disabled: answer.offset === 0, onclick: () => { filters.offset = Math.max(0, answer.offset - pageSize); refresh() } }, t('previous')),
        h('span', {}, t('shown', from, to, answer.total)),
        h('button', { type: 'button', class: 'secondary', disabled: to >= answer.total, onclick: () => { filters.offset = answer.offset + pageSize; refresh() } }, t('next')))
    ]
  }

  const tree = typeTree(types, {
    labelledBy: 'types-heading',
    selected: filters.type,
    selectedKey: state.catalogTypeKey ?? '',
    collapsed: state.catalogCollapsed ??= new Set(),
    onSelect: (iri, key) => {
      filters.type = iri
      filters.offset = 0
      state.catalogTypeKey = key
      remember(main, iri)
      refresh()
    }
  })

  const searchId = uid('q')
  const providerId = uid('provider')
  const locationId = uid('location')
  const search = h('input', { type: 'search', id: searchId, value: filters.q })
  const provider = h('select', { id: providerId },
    h('option', { value: '' }, t('anyProvider')),
    vocabulary.providers.map(p => h('option', { value: p.iri, selected: p.iri === filters.provider }, p.label)))
  // Regions by their names in the page's language, or country codes: the API reads both.
  const regionsId = uid('regions')
  const location = h('input', { type: 'text', id: locationId, value: filters.location, placeholder: 'EU, DE', size: 12, list: regionsId })
  const regions = h('datalist', { id: regionsId }, vocabulary.regions.map(r => h('option', { value: r.label })))
  const apply = () => {
    filters.q = search.value.trim()
    filters.provider = provider.value
    filters.location = location.value.trim()
    filters.offset = 0
    refresh()
  }
  const facts = factFilter({
    properties,
    texts: routedRows,
    onChange: (texts, routed) => {
      rememberFacts(main, routed)
      if (texts.join('\n') === filters.fact.join('\n')) return
      filters.fact = texts
      filters.offset = 0
      refresh()
    }
  })
  search.addEventListener('change', apply)
  provider.addEventListener('change', apply)
  location.addEventListener('change', apply)

  replace(main,
    h('h1', {}, t('catalogTitle')),
    h('div', { class: 'layout' },
      h('nav', { class: 'card', 'aria-labelledby': 'types-heading' }, h('h2', { id: 'types-heading' }, t('serviceTypes')), tree),
      h('section', { 'aria-labelledby': 'services-heading' },
        h('h2', { id: 'services-heading', class: 'visually-hidden' }, t('services')),
        h('form', { class: 'filters card', role: 'search', onsubmit: event => { event.preventDefault(); apply() } },
          h('div', {}, h('label', { for: searchId }, t('search')), search),
          h('div', {}, h('label', { for: providerId }, t('provider')), provider),
          h('div', {}, h('label', { for: locationId }, t('dataLocation')), location, regions),
          facts.element),
        list)))
  await refresh()
}

/** Writes the chosen type into the route without a new history entry or a re-render. */
function remember (view, type) {
  const parameters = hashParameters()
  if (type === '') parameters.delete('type')
  else parameters.set('type', type)
  rewrite(view, parameters)
}

/** Writes the fact conditions (half-filled ones too) into the route, as `remember` does the type. */
function rememberFacts (view, texts) {
  const parameters = hashParameters()
  parameters.delete('fact')
  for (const text of texts) parameters.append('fact', text)
  rewrite(view, parameters)
}

function rewrite (view, parameters) {
  const search = parameters.toString()
  rewriteRoute(view, `#/catalog${search === '' ? '' : `?${search}`}`)
}
