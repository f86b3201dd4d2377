// The bundle view: the composition request as a form, and the bundles with their explanations.
import { api, ApiError, query } from './api.js'
import { announce, h, replace, uid } from './dom.js'
import { lang, t } from './i18n.js'

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
    limit: Number(form.elements.limit.value || 3)
  }
}

function money (amount, currency) {
  try {
    return new Intl.NumberFormat(lang(), { style: 'currency', currency: currency ?? 'EUR' }).format(amount)
  } catch {
    return `${amount.toFixed(2)} ${currency ?? ''}`
  }
}

function renderBundle (bundle, index, labels, { state, navigate }) {
  const name = iri => labels.get(iri) ?? iri
  const e = bundle.explanation
  return h('article', { class: 'card bundle', 'aria-labelledby': `bundle-${index}` },
    h('span', { class: 'score' }, `${t('score')}: ${bundle.score}`),
    h('h3', { id: `bundle-${index}` }, t('bundle', index + 1), ': ', bundle.services.map(name).join(' + ')),
    h('p', {}, h('span', { class: 'price' }, money(bundle.price.monthly, bundle.price.currency)), ` ${t('perMonth')} ${t('forSeats', bundle.price.seats)}`,
      bundle.price.unpriced.length === 0 ? null : h('span', { class: 'meta' }, ` · ${t('unpriced')}: ${bundle.price.unpriced.map(name).join(', ')}`)),
    h('details', { class: 'explanation', open: index === 0 },
      h('summary', {}, t('explanation')),
      h('h4', {}, t('members')),
      h('ul', {}, e.members.map(m => h('li', {}, h('strong', {}, name(m.service)), ': ', m.text))),
      e.links.length === 0 ? null : [
        h('h4', {}, t('links')),
        h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('from')), h('th', { scope: 'col' }, t('to')), h('th', { scope: 'col' }, t('degree')), h('th', { scope: 'col' }, t('explanation')))),
          h('tbody', {}, e.links.map(l => h('tr', {},
            h('td', {}, name(l.from)), h('td', {}, name(l.to)), h('td', { class: `degree-${l.degree}` }, l.degree),
            h('td', {}, l.text, l.consumerText === undefined ? null : [h('br'), `← ${l.consumerText}`])))))
      ],
      (e.cycles ?? []).length === 0 ? null : h('p', {}, `${t('needEachOther')}: `, e.cycles.map(group => group.map(name).join(' ⇄ ')).join('; ')),
      e.constraints.length === 0 ? null : [
        h('h4', {}, t('constraintChecks')),
        h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('check')), h('th', { scope: 'col' }, t('result')), h('th', { scope: 'col' }, t('explanation')))),
          h('tbody', {}, e.constraints.map(c => h('tr', {},
            h('td', {}, c.constraint, c.service === undefined ? '' : ` · ${name(c.service)}`),
            h('td', { class: c.ok ? (c.warning ? 'warn' : 'ok') : 'bad' }, c.ok ? (c.warning ? t('okWithCaveat') : t('ok')) : t('failed')),
            h('td', {}, c.detail)))))
      ],
      h('p', {}, `${t('wiringOrder')}: ${e.wiringOrder.map(name).join(' → ')}`)),
    h('button', {
      type: 'button',
      class: 'primary',
      onclick: () => {
        state.selection = { services: [...bundle.services], links: bundle.links.filter(l => !l.available).map(l => ({ from: l.from, to: l.to, interfaceTypes: l.interfaceTypes })), seats: bundle.price.seats }
        navigate('configure')
      }
    }, t('configureBundle')))
}

export async function renderCompose (main, context) {
  const { state } = context
  const previous = state.compositionRequest ?? { serviceTypes: [], wanted: [], available: [], constraints: {}, seats: 12, limit: 3 }
  const vocabulary = await api.get(`/catalog/vocabulary${query({ lang: lang() })}`)
  const results = h('section', { 'aria-labelledby': 'bundles-heading', 'aria-live': 'polite' })
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
        input(t('limit'), { type: 'number', name: 'limit', min: 1, max: 20, step: 1, value: previous.limit ?? 3 }))),
    submit)
  const labels = new Map([...vocabulary.serviceTypes, ...vocabulary.interfaceTypes, ...vocabulary.providers].map(x => [x.iri, x.label]))

  form.addEventListener('submit', async event => {
    event.preventDefault()
    const request = requestOf(form)
    state.compositionRequest = request
    submit.disabled = true
    submit.textContent = t('searching')
    try {
      const answer = await api.post(`/compose${query({ lang: lang() })}`, request)
      for (const [iri, label] of Object.entries(answer.labels ?? {})) labels.set(iri, label)
      state.lastAnswer = answer
      replace(results,
        h('h2', { id: 'bundles-heading' }, t('bundles')),
        answer.bundles.length === 0
          ? [h('p', { class: 'alert' }, t('noBundle')), h('h3', {}, t('issues')), h('ul', {}, (answer.issues ?? []).map(issue => h('li', {}, issue.message ?? issue.text ?? JSON.stringify(issue))))]
          : answer.bundles.map((bundle, index) => renderBundle(bundle, index, labels, context)))
      announce(answer.bundles.length === 0 ? t('noBundle') : `${answer.bundles.length} ${t('bundles')}`)
    } catch (error) {
      replace(results, h('p', { class: 'alert', role: 'alert' }, error instanceof ApiError ? error.message : String(error)))
    } finally {
      submit.disabled = false
      submit.textContent = t('findBundles')
    }
  })

  replace(main, h('h1', {}, t('composeTitle')), h('p', {}, t('composeIntro')), form, results)
}
