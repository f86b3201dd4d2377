// The bundle view: the composition request as a form, and the bundles with their explanations.
// The request is kept in the route (`#/compose?request=<JSON>`), so Back, reload and the language
// switch show the same bundles again.
import { api, ApiError, query } from './api.js'
import { announce, h, replace, uid } from './dom.js'
import { lang, t } from './i18n.js'
import { constraintName, degreeName, hashParameters, money, scoreText, serviceHref } from './format.js'
import { bundlesView } from './bundles.js'
import { serviceSummary } from './service.js'
import { configureRoute } from './configure.js'

const adapterType = 'https://w3id.org/symphony/ontology#IntegrationAdapter'

export function multiSelect (label, name, options, selected) {
  const id = uid(name)
  const hint = uid('hint')
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name, multiple: true, size: Math.min(8, Math.max(4, options.length)), 'aria-describedby': hint },
      options.map(o => h('option', { value: o.iri, selected: selected.includes(o.iri) }, o.label))),
    h('p', { class: 'help', id: hint }, t('multiHint')))
}

export function input (label, attributes) {
  const id = uid(attributes.name)
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, ...attributes }))
}

export function checkbox (label, name, checked) {
  const id = uid(name)
  return h('div', { class: 'field' }, h('input', { type: 'checkbox', id, name, checked }), ' ', h('label', { for: id, class: 'inline' }, label))
}

function select (label, name, options, value) {
  const id = uid(name)
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name }, options.map(o => h('option', { value: o.value, selected: o.value === value }, o.label))))
}

function selected (form, name) {
  return [...form.elements[name].selectedOptions].map(o => o.value)
}

/** The composition request the form states. */
function requestOf (form) {
  const constraints = {}
  const region = form.elements.region.value
  const countries = form.elements.countries.value.split(/[,\s]+/).map(s => s.trim()).filter(s => s !== '')
  const locations = [...(region === '' ? [] : [region]), ...countries]
  if (locations.length > 0) {
    constraints.dataLocation = locations
    constraints.dataLocationMode = form.elements.dataLocationMode.value
  }
  if (form.elements.requireDPA.checked) constraints.requireDPA = true
  if (form.elements.professionalSecrecy.checked) constraints.professionalSecrecy = true
  const certifications = selected(form, 'certifications')
  if (certifications.length > 0) constraints.certifications = certifications
  const exclude = selected(form, 'excludeProviders')
  if (exclude.length > 0) constraints.excludeProviders = exclude
  const amount = form.elements.budget.value
  if (amount !== '') constraints.budget = { amount: Number(amount), currency: form.elements.currency.value.trim().toUpperCase() || 'EUR' }
  return {
    serviceTypes: selected(form, 'serviceTypes'),
    wanted: selected(form, 'wanted'),
    available: selected(form, 'available'),
    constraints,
    seats: Number(form.elements.seats.value || 1),
    limit: Number(form.elements.limit.value || 10)
  }
}

function renderBundle (bundle, index, labels, { state, navigate }, graph) {
  const name = iri => labels.get(iri) ?? iri
  const e = bundle.explanation
  return h('article', { class: 'card bundle', 'aria-labelledby': `bundle-${index}` },
    h('span', { class: 'score' }, `${t('score')}: ${scoreText(bundle.score)}`),
    h('h3', { id: `bundle-${index}`, tabindex: '-1' }, t('bundle', index + 1), ': ', bundle.services.map(name).join(' + ')),
    h('p', {}, h('span', { class: 'price' }, money(bundle.price.monthly, bundle.price.currency)), ` ${t('perMonth')} ${t('forSeats', bundle.price.seats)}`,
      bundle.price.unpriced.length === 0 ? null : h('span', { class: 'meta' }, ` · ${t('unpriced')}: ${bundle.price.unpriced.map(name).join(', ')}`)),
    h('details', { class: 'explanation', open: index === 0 },
      h('summary', {}, t('explanation')),
      h('h4', {}, t('members')),
      h('ul', {}, e.members.map(m => h('li', {}, h('a', { href: serviceHref(m.service) }, h('strong', {}, name(m.service))), ': ', m.text))),
      e.links.length === 0 ? null : [
        h('h4', {}, t('links')),
        h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('from')), h('th', { scope: 'col' }, t('to')), h('th', { scope: 'col' }, t('degree')), h('th', { scope: 'col' }, t('explanation')))),
          h('tbody', {}, e.links.map(l => h('tr', {},
            h('td', {}, name(l.from)), h('td', {}, name(l.to)), h('td', { class: `degree-${l.degree}` }, degreeName(l.degree)),
            h('td', {}, l.text, l.consumerText === undefined ? null : [h('br'), `← ${l.consumerText}`])))))
      ],
      (e.cycles ?? []).length === 0 ? null : h('p', {}, `${t('needEachOther')}: `, e.cycles.map(group => group.map(name).join(' ⇄ ')).join('; ')),
      e.constraints.length === 0 ? null : [
        h('h4', {}, t('constraintChecks')),
        h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('check')), h('th', { scope: 'col' }, t('result')), h('th', { scope: 'col' }, t('explanation')))),
          h('tbody', {}, e.constraints.map(c => h('tr', {},
            h('td', {}, constraintName(c.constraint), c.service === undefined ? '' : ` · ${name(c.service)}`),
            h('td', { class: c.ok ? (c.warning ? 'warn' : 'ok') : 'bad' }, c.ok ? (c.warning ? t('okWithCaveat') : t('ok')) : t('failed')),
            h('td', {}, c.detail)))))
      ],
      h('p', {}, `${t('wiringOrder')}: ${e.wiringOrder.map(name).join(' → ')}`)),
    graph,
    h('button', {
      type: 'button',
      class: 'primary',
      onclick: () => navigate(configureRoute({ services: bundle.services, seats: bundle.price.seats, request: state.compositionRequest }))
    }, t('configureBundle')))
}

/** The composition request in the route (`#/compose?request=<JSON>`), or null when there is none or it is not an object. */
export function requestInRoute () {
  const text = hashParameters().get('request')
  if (text === null) return null
  try {
    const value = JSON.parse(text)
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null
  } catch {
    return null
  }
}

/** The route that shows the bundles of `request`. */
export function composeRoute (request) {
  return `compose?${new URLSearchParams({ request: JSON.stringify(request) })}`
}

/** Answers of recent requests by language and request, so Back and the language switch do not search again. */
async function composeAnswer (state, request) {
  const key = `${lang()} ${JSON.stringify(request)}`
  state.composeAnswers ??= new Map()
  if (!state.composeAnswers.has(key)) {
    const answer = await api.post(`/compose${query({ lang: lang() })}`, request)
    state.composeAnswers.set(key, answer)
    if (state.composeAnswers.size > 8) state.composeAnswers.delete(state.composeAnswers.keys().next().value)
  }
  return state.composeAnswers.get(key)
}

/** Catalog summaries of every member of the answer's bundles, by IRI (members the catalog no longer has are left out). */
async function memberSummaries (answer) {
  const members = [...new Set(answer.bundles.flatMap(b => b.services))]
  const found = await Promise.all(members.map(iri => serviceSummary(iri).catch(error => {
    if (error instanceof ApiError) return undefined
    throw error
  })))
  return new Map(members.map((iri, i) => [iri, found[i]]).filter(([, answer]) => answer !== undefined))
}

export async function renderCompose (main, context) {
  const { state, navigate } = context
  const routed = requestInRoute()
  if (routed !== null) state.compositionRequest = routed
  const previous = state.compositionRequest ?? { serviceTypes: [], wanted: [], available: [], constraints: {}, seats: 12, limit: 10 }
  const vocabulary = await api.get(`/catalog/vocabulary${query({ lang: lang() })}`)
  const results = h('section', { 'aria-labelledby': 'bundles-heading' })
  const submit = h('button', { type: 'submit', class: 'primary' }, t('findBundles'))
  const form = h('form', { class: 'card', novalidate: true },
    h('fieldset', {}, h('legend', {}, t('goal')),
      h('div', { class: 'grid-form' },
        multiSelect(t('wantedTypes'), 'serviceTypes', vocabulary.serviceTypes, previous.serviceTypes ?? []),
        multiSelect(t('wantedInterfaces'), 'wanted', vocabulary.interfaceTypes, previous.wanted ?? []),
        multiSelect(t('available'), 'available', vocabulary.interfaceTypes, previous.available ?? []))),
    h('fieldset', {}, h('legend', {}, t('constraints')),
      h('div', { class: 'grid-form' },
        select(t('region'), 'region', [{ value: '', label: t('anyRegion') }, ...vocabulary.regions.map(r => ({ value: r.iri, label: r.label }))],
          (previous.constraints?.dataLocation ?? []).find(l => vocabulary.regions.some(r => r.iri === l)) ?? ''),
        input(t('countries'), { type: 'text', name: 'countries', value: (previous.constraints?.dataLocation ?? []).filter(l => !vocabulary.regions.some(r => r.iri === l)).join(', '), placeholder: 'DE, AT', size: 12 }),
        select(t('locationMode'), 'dataLocationMode', [{ value: 'safeguarded', label: t('modeSafeguarded') }, { value: 'strict', label: t('modeStrict') }],
          previous.constraints?.dataLocationMode ?? 'safeguarded'),
        multiSelect(t('certifications'), 'certifications', vocabulary.certifications, previous.constraints?.certifications ?? []),
        multiSelect(t('excludeProviders'), 'excludeProviders', vocabulary.providers, previous.constraints?.excludeProviders ?? []),
        h('div', {},
          checkbox(t('requireDPA'), 'requireDPA', previous.constraints?.requireDPA === true),
          checkbox(t('professionalSecrecy'), 'professionalSecrecy', previous.constraints?.professionalSecrecy === true)),
        input(t('seats'), { type: 'number', name: 'seats', min: 1, step: 1, value: previous.seats ?? 12 }),
        input(t('budget'), { type: 'number', name: 'budget', min: 0, step: '0.01', value: previous.constraints?.budget?.amount ?? '' }),
        input(t('currency'), { type: 'text', name: 'currency', value: previous.constraints?.budget?.currency ?? 'EUR', size: 4, maxlength: 3 }),
        input(t('limit'), { type: 'number', name: 'limit', min: 1, max: 20, step: 1, value: previous.limit ?? 10 }))),
    submit)
  const labels = new Map([...vocabulary.serviceTypes, ...vocabulary.interfaceTypes, ...vocabulary.providers].map(x => [x.iri, x.label]))

  form.addEventListener('submit', event => {
    event.preventDefault()
    const request = requestOf(form)
    state.compositionRequest = request
    // A new request starts a new history entry; its bundles are then shown from the route.
    navigate(composeRoute(request))
  })

  replace(main, h('h1', {}, t('composeTitle')), h('p', {}, t('composeIntro')), form, results)
  if (routed === null) return
  submit.disabled = true
  submit.textContent = t('searching')
  replace(results, h('p', { class: 'loading' }, t('searching')))
  try {
    const answer = await composeAnswer(state, routed)
    for (const [iri, label] of Object.entries(answer.labels ?? {})) labels.set(iri, label)
    state.lastAnswer = answer
    if (answer.bundles.length === 0) {
      replace(results, h('h2', { id: 'bundles-heading' }, t('bundles')),
        h('p', { class: 'alert' }, t('noBundle')), h('h3', {}, t('issues')),
        h('ul', {}, (answer.issues ?? []).map(issue => h('li', {}, issue.message ?? issue.text ?? JSON.stringify(issue)))))
      announce(main, t('noBundle'))
      return
    }
    const summaries = await memberSummaries(answer)
    for (const [iri, { summary }] of summaries) labels.set(iri, summary.label)
    const name = iri => labels.get(iri) ?? iri
    replace(results, h('h2', { id: 'bundles-heading' }, t('bundles')),
      bundlesView(answer, {
        name,
        summaryOf: iri => summaries.get(iri)?.summary,
        isAdapter: iri => summaries.get(iri)?.service.types.includes(adapterType) === true,
        detail: (bundle, index, graph) => renderBundle(bundle, index, labels, context, graph)
      }))
    announce(main, `${answer.bundles.length} ${t('bundles')}`)
  } catch (error) {
    replace(results, h('p', { class: 'alert', role: 'alert' }, error instanceof ApiError ? error.message : String(error)))
  } finally {
    submit.disabled = false
    submit.textContent = t('findBundles')
  }
}
