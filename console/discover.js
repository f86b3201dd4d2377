// The discovery view: which single services provide the wanted interfaces, given the ones you
// have; full matches first, then near misses with what they lack. The request is kept in the
// route (`#/discover?request=<JSON>`), so reload, Back and the language switch show the same
// results; each reason is the API's sentence in the page's language.
import { api, ApiError, query } from './api.js'
import { announce, h, replace } from './dom.js'
import { checkbox, input, multiSelect } from './compose.js'
import { lang, t } from './i18n.js'
import { degreeName, hashParameters, scoreText } from './format.js'

function selected (form, name) {
  return [...form.elements[name].selectedOptions].map(o => o.value)
}

function requestOf (form) {
  return {
    wanted: selected(form, 'wanted'),
    available: selected(form, 'available'),
    minScore: Number(form.elements.minScore.value || 0),
    includePartial: form.elements.includePartial.checked,
    limit: Number(form.elements.limit.value || 20)
  }
}

function renderResult (result, index, name) {
  return h('article', { class: `card result match-${result.match}`, 'aria-labelledby': `result-${index}` },
    h('span', { class: 'score' }, `${t('score')}: ${scoreText(result.score)}`),
    h('h3', { id: `result-${index}` }, `${index + 1}. ${name(result.service)}`),
    h('p', {}, h('strong', {}, t(result.match === 'full' ? 'fullMatch' : 'partialMatch')), ` · ${t('degree')}: `,
      h('span', { class: `degree-${result.degree}` }, degreeName(result.degree)), ` · ${t('usesAvailable', result.uses)}`),
    h('p', { class: 'why' }, result.why.message),
    result.missing.length === 0
      ? null
      : h('ul', { 'aria-label': t('missing') }, result.missing.map(m => h('li', {},
        `${name(m.requirement)}${m.closest === undefined ? '' : ` ≈ ${name(m.closest)} (${m.similarity})`}`))))
}

/** The discovery request in the route, or null when there is none or it is not an object. */
function requestInRoute () {
  try {
    const value = JSON.parse(hashParameters().get('request') ?? 'null')
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null
  } catch {
    return null
  }
}

export async function renderDiscover (main, { navigate }) {
  const routed = requestInRoute()
  const previous = { wanted: [], available: [], minScore: 0, includePartial: true, limit: 20, ...routed }
  const vocabulary = await api.get(`/catalog/vocabulary${query({ lang: lang() })}`)
  const labels = new Map([...vocabulary.interfaceTypes, ...vocabulary.serviceTypes].map(x => [x.iri, x.label]))
  const name = iri => labels.get(iri) ?? iri
  const results = h('section', { 'aria-labelledby': 'results-heading', 'aria-live': 'polite' })
  const submit = h('button', { type: 'submit', class: 'primary' }, t('findServices'))
  const form = h('form', { class: 'card', novalidate: true },
    h('div', { class: 'grid-form' },
      multiSelect(t('wantedInterfaces'), 'wanted', vocabulary.interfaceTypes, previous.wanted),
      multiSelect(t('available'), 'available', vocabulary.interfaceTypes, previous.available),
      input(t('minScore'), { type: 'number', name: 'minScore', min: 0, max: 1, step: '0.05', value: previous.minScore }),
      input(t('resultsToShow'), { type: 'number', name: 'limit', min: 1, max: 100, step: 1, value: previous.limit }),
      checkbox(t('includePartial'), 'includePartial', previous.includePartial)),
    submit)

  form.addEventListener('submit', event => {
    event.preventDefault()
    // A new request starts a new history entry; its results are then shown from the route.
    navigate(`discover?${new URLSearchParams({ request: JSON.stringify(requestOf(form)) })}`)
  })

  replace(main, h('h1', {}, t('discoverTitle')), h('p', {}, t('discoverIntro')), form, results)
  if (routed === null) return
  submit.disabled = true
  try {
    const answer = await api.post(`/discover${query({ lang: lang() })}`, routed)
    for (const [iri, label] of Object.entries(answer.labels ?? {})) labels.set(iri, label)
    replace(results,
      h('h2', { id: 'results-heading' }, t('services')),
      answer.results.length === 0 ? h('p', { class: 'alert' }, t('noServices')) : answer.results.map((r, i) => renderResult(r, i, name)))
    announce(main, `${answer.results.length} ${t('services')}`)
  } catch (error) {
    replace(results, h('p', { class: 'alert', role: 'alert' }, error instanceof ApiError ? error.message : String(error)))
  } finally {
    submit.disabled = false
  }
}
