// The discovery view: which single services provide the wanted interfaces, given the ones you
// have; full matches first, then near misses with what they lack.
import { api, ApiError } from './api.js'
import { announce, h, replace } from './dom.js'
import { checkbox, input, multiSelect } from './compose.js'
import { lang, t } from './i18n.js'

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
  const why = lang() === 'de' ? result.why.de : result.why.en
  return h('article', { class: `card result match-${result.match}`, 'aria-labelledby': `result-${index}` },
    h('span', { class: 'score' }, `${t('score')}: ${result.score}`),
    h('h3', { id: `result-${index}` }, `${index + 1}. ${name(result.service)}`),
    h('p', {}, h('strong', {}, t(result.match === 'full' ? 'fullMatch' : 'partialMatch')), ` · ${t('degree')}: `,
      h('span', { class: `degree-${result.degree}` }, result.degree), ` · ${t('usesAvailable', result.uses)}`),
    h('p', {}, why),
    result.missing.length === 0
      ? null
      : h('ul', { 'aria-label': t('missing') }, result.missing.map(m => h('li', {},
        `${name(m.requirement)}${m.closest === undefined ? '' : ` ≈ ${name(m.closest)} (${m.similarity})`}`))))
}

export async function renderDiscover (main, { state }) {
  const previous = state.discoveryRequest ?? { wanted: [], available: [], minScore: 0, includePartial: true, limit: 20 }
  const vocabulary = await api.get(`/catalog/vocabulary?lang=${encodeURIComponent(lang())}`)
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

  form.addEventListener('submit', async event => {
    event.preventDefault()
    const request = requestOf(form)
    state.discoveryRequest = request
    submit.disabled = true
    try {
      const answer = await api.post(`/discover?lang=${encodeURIComponent(lang())}`, request)
      for (const [iri, label] of Object.entries(answer.labels ?? {})) labels.set(iri, label)
      replace(results,
        h('h2', { id: 'results-heading' }, t('services')),
        answer.results.length === 0 ? h('p', { class: 'alert' }, t('noServices')) : answer.results.map((r, i) => renderResult(r, i, name)))
      announce(`${answer.results.length} ${t('services')}`)
    } catch (error) {
      replace(results, h('p', { class: 'alert', role: 'alert' }, error instanceof ApiError ? error.message : String(error)))
    } finally {
      submit.disabled = false
    }
  })

  replace(main, h('h1', {}, t('discoverTitle')), h('p', {}, t('discoverIntro')), form, results)
}
